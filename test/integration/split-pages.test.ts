import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * A page of check-ups, sites or results of several units is read unit by unit from the
 * (unit_id, order) index and merged (server/graphql/page-statement.ts, splitPageStatement).
 * Whatever the units, the page and the offset, it must be exactly the page one ordered
 * statement over all their rows gives, including when the selection leaves out the columns it
 * is ordered by, deep pages, and more units than are split (then the usual statement answers).
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
const sql = async (text: string, params: unknown[] = []) =>
  (await db.em().getConnection().execute(text, params)) as Record<string, any>[];

beforeAll(async () => {
  db = await openTestDb("splitpages");
  gql = await createExecutor(db.orm);
  // The seeded illustrative rows are of one or two units. Copy them to three more units, one
  // unit after another, so that each unit's rows lie together in the table, as a province's
  // entered data does.
  const columns = async (table: string) =>
    (
      await sql(
        `select column_name as c from information_schema.columns
         where table_name = ? and column_name not in ('id', 'unit_id') order by ordinal_position`,
        [table],
      )
    ).map(r => `"${r.c}"`);
  const [source] = await sql(
    `select unit_id as id from health_checkup where dataset = 'ILLUSTRATIVE'
     group by unit_id order by count(*) desc limit 1`,
  );
  const checkup = (await columns("health_checkup")).filter(c => c !== `"establishment"`);
  const site = (await columns("monitoring_site")).filter(c => c !== `"code"`);
  const result = (await columns("monitoring_result")).filter(c => c !== `"site_id"`);
  for (const code of ["ha-noi", "vinh-long-34", "an-giang-34"]) {
    const [unit] = await sql(`select id from administrative_unit where code = ?`, [code]);
    await sql(
      `insert into health_checkup (unit_id, establishment, ${checkup})
       select ?, establishment || ' (' || ? || ')', ${checkup} from health_checkup
       where unit_id = ? and dataset = 'ILLUSTRATIVE' order by year, id`,
      [unit.id, code, source.id],
    );
    await sql(
      `insert into monitoring_site (unit_id, code, ${site})
       select ?, code || '-' || ?, ${site} from monitoring_site
       where unit_id = ? and dataset = 'ILLUSTRATIVE' order by code`,
      [unit.id, code, source.id],
    );
    await sql(
      `insert into monitoring_result (site_id, ${result})
       select copy.id, ${result.map(c => `r.${c}`)} from monitoring_result r
       join monitoring_site s on s.id = r.site_id
       join monitoring_site copy on copy.code = s.code || '-' || ?
       where s.unit_id = ? and r.dataset = 'ILLUSTRATIVE' order by r.year, r.id`,
      [code, source.id],
    );
  }
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const after = (offset: number) =>
  offset ? `, after: "${Buffer.from(`o:${offset - 1}`).toString("base64url")}"` : "";

/** The two units with most rows in `table` and the one with fewest (rows far apart). */
async function unitsOf(table: string): Promise<string[]> {
  const rows = await sql(
    `select u.code, count(*)::int as n from ${table} t join administrative_unit u on u.id = t.unit_id
     where t.dataset = 'ILLUSTRATIVE' group by u.code order by n desc, u.code`,
  );
  expect(rows.length).toBeGreaterThan(3);
  return [rows[0].code, rows[1].code, rows[rows.length - 1].code];
}

/** Every illustrative row of these units in the page's order, with its unit's code. */
const ordered = (c: Case, codes: string[]) =>
  sql(
    `select ${c.columns}, u.code as unit_code from ${c.table} t
     join administrative_unit u on u.id = t.unit_id
     where u.code in (?) and t.dataset = 'ILLUSTRATIVE' order by ${c.order}`,
    [codes],
  );

interface Case {
  field: string;
  table: string;
  /** The selection (without the order's columns), and the SQL giving the same values. */
  selection: string;
  columns: string;
  toNode: (row: Record<string, any>) => Record<string, unknown>;
  order: string;
}

const cases: Case[] = [
  {
    field: "healthCheckups",
    table: "health_checkup",
    selection: "id workersExamined",
    columns: "t.id, t.workers_examined",
    toNode: r => ({ id: r.id, workersExamined: r.workers_examined }),
    order: "t.year, t.id",
  },
  {
    field: "monitoringSites",
    table: "monitoring_site",
    selection: "name unit { code }",
    columns: "t.name, u.code",
    toNode: r => ({ name: r.name, unit: { code: r.code } }),
    order: "t.code",
  },
  {
    field: "monitoringResults",
    table: "monitoring_result",
    selection: "factor samples",
    columns: "t.factor, t.samples",
    toNode: r => ({ factor: r.factor, samples: r.samples }),
    order: "t.year, t.id",
  },
];

describe("pages of several units", () => {
  for (const c of cases) {
    it(`${c.field}: the same page as one ordered statement, first and later pages`, async () => {
      const units = await unitsOf(c.table);
      const all = await ordered(c, units);
      const others = (
        await sql(
          `select code from administrative_unit where code not in (?) order by code limit 20`,
          [units],
        )
      ).map(r => r.code as string);
      // A page across the first place where the order passes from one unit's rows to another's.
      const change = all.findIndex((r, i) => i > 0 && r.unit_code !== all[i - 1].unit_code);
      expect(change).toBeGreaterThan(0);
      const asked = [
        { codes: units, first: 10, offset: Math.max(0, change - 5) },
        { codes: units.slice(0, 2), first: 9, offset: 0 },
        { codes: units, first: 9, offset: 7 },
        { codes: [units[2], units[0], units[2]], first: 25, offset: 40 },
        { codes: [...units, "no-such-unit"], first: 50, offset: 3 },
        // Deep: the last rows.
        { codes: units, first: 50, offset: all.length - 20 },
        // More units than are split (16): the usual statement.
        { codes: [...units, ...others], first: 30, offset: Math.max(0, change - 10) },
      ];
      let nonEmpty = 0;
      for (const { codes, first, offset } of asked) {
        const result = await gql.run(`{ ${c.field}(first: ${first}${after(offset)},
          units: ${JSON.stringify(codes)}, datasets: [ILLUSTRATIVE]) { totalCount nodes { ${c.selection} } } }`);
        expect(result.errors).toBeUndefined();
        const rows = await ordered(c, codes);
        const data = (result.data as any)[c.field];
        expect(data.nodes).toEqual(rows.slice(offset, offset + first).map(c.toNode));
        expect(data.totalCount).toBe(rows.length);
        if (data.nodes.length) nonEmpty++;
      }
      expect(nonEmpty).toBe(asked.length);
    });
  }
});
