import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("obspage");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const cursor = (offset: number) => Buffer.from(`o:${offset - 1}`).toString("base64url");

// The orderings, written independently of the server's SQL, with the id as the tie-break.
const ORDER_SQL: Record<string, string> = {
  YEAR_ASC: "o.year asc, o.id",
  YEAR_DESC: "o.year desc, o.id",
  VALUE_ASC: "o.value asc, o.id",
  VALUE_DESC: "o.value desc, o.id",
  UNIT_ASC: "u.code asc, o.year asc, o.id",
  INDICATOR_ASC: "i.code asc, o.year asc, o.id",
};

interface Case {
  filter: string;
  where: string;
  params: unknown[];
}

const CASES: Case[] = [
  {
    filter: "{ datasets: [OFFICIAL, ILLUSTRATIVE] }",
    where: "o.dataset in ('OFFICIAL', 'ILLUSTRATIVE')",
    params: [],
  },
  {
    filter: '{ datasets: [ILLUSTRATIVE], indicators: ["oa-deaths", "oa-injured"], yearFrom: 2022 }',
    where:
      "o.dataset = 'ILLUSTRATIVE' and i.code in ('oa-deaths', 'oa-injured') and o.year >= 2022",
    params: [],
  },
  {
    filter: '{ units: ["vn", "hai-duong-63", "hai-phong-34"] }',
    where: "o.dataset = 'OFFICIAL' and u.code in ('vn', 'hai-duong-63', 'hai-phong-34')",
    params: [],
  },
  // Data sets, indicators and units only: the total comes from observation_count.
  {
    filter:
      '{ datasets: [OFFICIAL, ILLUSTRATIVE], indicators: ["oa-deaths", "oa-injured"], units: ["vn", "hai-duong-63"] }',
    where:
      "o.dataset in ('OFFICIAL', 'ILLUSTRATIVE') and i.code in ('oa-deaths', 'oa-injured') and u.code in ('vn', 'hai-duong-63')",
    params: [],
  },
  // One code: an equality instead of a list (FILTER_SQL's last two conditions).
  {
    filter: '{ datasets: [OFFICIAL, ILLUSTRATIVE], indicators: ["oa-deaths"] }',
    where: "o.dataset in ('OFFICIAL', 'ILLUSTRATIVE') and i.code = 'oa-deaths'",
    params: [],
  },
  {
    filter: '{ datasets: [OFFICIAL, ILLUSTRATIVE], units: ["vn"], yearTo: 2023 }',
    where: "o.dataset in ('OFFICIAL', 'ILLUSTRATIVE') and u.code = 'vn' and o.year <= 2023",
    params: [],
  },
];

/** Statements of the first page of a filter: one more when it names one indicator or one unit. */
const firstStatements = (filter: string) =>
  /(indicators|units): \["[^",]+"\]/.test(filter) ? 2 : 1;

/** The expected page, total and illustrative flag, straight from the tables. */
async function expected(c: Case, order: string, first: number, offset: number) {
  const from = `observation o join indicator i on i.id = o.indicator_id
    join administrative_unit u on u.id = o.unit_id
    where o.review_state = 'APPROVED' and ${c.where}`;
  const conn = db.em().getConnection();
  const ids = await conn.execute<{ id: number }[]>(
    `select o.id from ${from} order by ${ORDER_SQL[order]} limit ${first} offset ${offset}`,
  );
  const [agg] = await conn.execute<{ total: string; any: boolean | null }[]>(
    `select count(*) as total, bool_or(o.dataset = 'ILLUSTRATIVE') as any from ${from}`,
  );
  return {
    ids: ids.map(r => Number(r.id)),
    total: Number(agg.total),
    containsIllustrative: agg.any === true,
  };
}

/**
 * The page is chosen on observation columns first and only its rows are joined and built as
 * JSON; the total and the illustrative flag are computed only when selected
 * (observation-page.reads.ts). Every ordering and filter must give the rows, total and flag
 * the tables give, whether or not the extras are selected, and on pages past the end.
 */
describe("observation pages", () => {
  it("gives the tables' rows, total and flag for every ordering, filter and page", async () => {
    let checked = 0;
    let crossed = 0;
    const asked = new Set<string>();
    const spanning = new Set<string>();
    for (const c of CASES) {
      for (const order of Object.keys(ORDER_SQL)) {
        for (const [first, offset] of [
          [7, 0],
          [5, 11],
          // Across the end of one unit's or indicator's rows (read per code, to the page's end).
          [40, 30],
          [10, 100000],
        ]) {
          const after = offset ? `, after: "${cursor(offset)}"` : "";
          const args = `first: ${first}${after}, orderBy: ${order}, filter: ${c.filter}`;
          const full = await gql.run(
            `{ observations(${args}) { totalCount containsIllustrative pageInfo { hasNextPage }
              nodes { id year value unit { code } indicator { code } source { title } } } }`,
          );
          const bare = await gql.run(`{ observations(${args}) { nodes { id } } }`);
          const flagOnly = await gql.run(
            `{ observations(${args}) { containsIllustrative edges { node { id } } } }`,
          );
          expect(full.errors).toBeUndefined();
          expect(bare.errors).toBeUndefined();
          expect(flagOnly.errors).toBeUndefined();
          const want = await expected(c, order, first, offset);
          const got = (full.data as any).observations;
          expect(got.nodes.map((n: any) => n.id)).toEqual(want.ids);
          expect(got.totalCount).toBe(want.total);
          expect(got.containsIllustrative).toBe(want.containsIllustrative);
          expect(got.pageInfo.hasNextPage).toBe(offset + want.ids.length < want.total);
          expect((bare.data as any).observations.nodes.map((n: any) => n.id)).toEqual(want.ids);
          const flag = (flagOnly.data as any).observations;
          expect(flag.edges.map((e: any) => e.node.id)).toEqual(want.ids);
          expect(flag.containsIllustrative).toBe(want.containsIllustrative);
          // Each page is one statement, with or without the extras, once the ids of the codes it
          // names are known: the first page naming a code also learns its id (code-ids.ts).
          expect(full.statements).toBe(asked.has(c.filter) ? 1 : firstStatements(c.filter));
          expect(bare.statements).toBe(1);
          asked.add(c.filter);
          if (want.ids.length && offset !== 30) checked++;
          if (want.ids.length && offset === 30) crossed++;
          const key =
            order === "UNIT_ASC" ? "unit" : order === "INDICATOR_ASC" ? "indicator" : null;
          if (key && new Set(got.nodes.map((n: any) => n[key].code)).size > 1) spanning.add(order);
        }
      }
    }
    expect(checked).toBe(CASES.length * Object.keys(ORDER_SQL).length * 2);
    // The larger filters have more than 30 rows: their page past the first 30 has rows too.
    expect(crossed).toBeGreaterThanOrEqual(2 * Object.keys(ORDER_SQL).length);
    // Some page of each code ordering runs from one unit's (indicator's) rows into the next.
    expect([...spanning].sort()).toEqual(["INDICATOR_ASC", "UNIT_ASC"]);
  });

  it("answers the joined fields from the same rows as the entity loaders", async () => {
    const q = (extra: string) =>
      `{ observations(first: 40, orderBy: UNIT_ASC, filter: { datasets: [OFFICIAL, ILLUSTRATIVE] }) {
        nodes { id year value dataset unit { code nameVi ${extra} } indicator { code measure } source { title } } } }`;
    const joined = await gql.run(q(""));
    const loaded = await gql.run(q("parent { code }"));
    expect(joined.errors).toBeUndefined();
    expect(loaded.errors).toBeUndefined();
    const strip = (d: any) =>
      d.observations.nodes.map((n: any) => ({
        ...n,
        unit: { code: n.unit.code, nameVi: n.unit.nameVi },
      }));
    expect(strip(joined.data)).toHaveLength(40);
    expect(strip(joined.data)).toEqual(strip(loaded.data));
  });
});
