import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("plainreads");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

/**
 * Observations are read as plain rows, and a related unit, indicator or source whose selected
 * fields are all plain columns is joined into the same statement (look-ahead). Asking for a
 * field that needs a resolver (`parent`, `key`) takes the batched entity path instead: both
 * paths must give the same answer, and the joined one fewer statements.
 */
describe("observation reads with look-ahead joins", () => {
  const page = (
    unitExtra: string,
  ) => `{ observations(first: 300, filter: { units: ["vn", "hai-duong-63", "hai-phong-34"], datasets: [OFFICIAL, ILLUSTRATIVE] }) {
    totalCount containsIllustrative pageInfo { hasNextPage }
    nodes { id year value dataset illustrative grade unit { code nameVi validTo ${unitExtra} } indicator { code nameEn measure } source { title grade publishedOn } }
    edges { node { id unit { code } } } } }`;

  it("gives the same page joined and through the entity loaders", async () => {
    const joined = await gql.run(page(""));
    const loaded = await gql.run(page("key parent { code }"));
    expect(joined.errors).toBeUndefined();
    expect(loaded.errors).toBeUndefined();
    const strip = (data: any) =>
      data.observations.nodes.map((n: any) => ({
        ...n,
        unit: { code: n.unit.code, nameVi: n.unit.nameVi, validTo: n.unit.validTo },
      }));
    const nodes = strip(joined.data);
    expect(nodes.length).toBeGreaterThan(20);
    expect(nodes).toEqual(strip(loaded.data));
    expect((joined.data as any).observations.totalCount).toBe(
      (loaded.data as any).observations.totalCount,
    );
    // Official rows name their source; the merged-away unit shows its end date as a plain date.
    expect(nodes.some((n: any) => n.source?.title && n.dataset === "OFFICIAL")).toBe(true);
    expect(nodes.some((n: any) => n.unit.validTo === "2025-06-30")).toBe(true);
    expect(nodes.some((n: any) => n.illustrative && n.dataset === "ILLUSTRATIVE")).toBe(true);
    // One statement for the joined page (the total and illustrative flag are a subquery of it).
    expect(joined.statements).toBe(1);
    expect(loaded.statements).toBeGreaterThan(joined.statements);
  });

  it("reads a unit's observations with their indicators in one more statement", async () => {
    const q = (extra: string) =>
      `{ unit(code: "vn") { code observations(filter: { datasets: [OFFICIAL, ILLUSTRATIVE] }) { year value indicator { code ${extra} } } } }`;
    const joined = await gql.run(q(""));
    const loaded = await gql.run(q("numerator { code }"));
    expect(joined.errors).toBeUndefined();
    expect(loaded.errors).toBeUndefined();
    const rows = (d: any) =>
      d.unit.observations.map((o: any) => [o.year, o.value, o.indicator.code]);
    expect(rows(joined.data).length).toBeGreaterThan(20);
    expect(rows(joined.data)).toEqual(rows(loaded.data));
    expect(joined.statements).toBe(2);
  });

  it("a page past the end still counts the matching rows", async () => {
    const r = await gql.run(
      `{ observations(first: 10, after: "${Buffer.from("o:100000").toString("base64url")}", filter: { units: ["vn"] }) { totalCount nodes { id } pageInfo { hasPreviousPage } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect((r.data as any).observations.nodes).toEqual([]);
    expect((r.data as any).observations.totalCount).toBeGreaterThan(0);
  });
});

describe("unit reads as plain rows", () => {
  it("gives the same units as the entity path, with their relations, for every filter", async () => {
    const q = (
      extra: string,
      filter: string,
    ) => `{ units(first: 200, orderBy: NAME_ASC, filter: ${filter}) { totalCount pageInfo { hasNextPage }
      nodes { code nameVi nameEn level kind validFrom validTo parent { code } successor { code } predecessors { code } ${extra} } } }`;
    for (const filter of [
      "{}",
      '{ asOf: "2025-07-01", level: PROVINCE }',
      '{ search: "phòng" }',
      '{ codes: ["vn", "hai-duong-63", "hai-phong-34"] }',
    ]) {
      const plain = await gql.run(q("", filter));
      const entities = await gql.run(q("key", filter));
      expect(plain.errors).toBeUndefined();
      expect(entities.errors).toBeUndefined();
      const strip = (d: any) => ({
        ...d.units,
        nodes: d.units.nodes.map(({ key: _key, ...n }: any) => n),
      });
      expect(strip(plain.data).nodes.length).toBeGreaterThan(0);
      expect(strip(plain.data)).toEqual(strip(entities.data));
    }
    const merged = await gql.run(
      `{ unit(code: "hai-duong-63") { code validTo successor { code } observations { year } } }`,
    );
    expect(merged.errors).toBeUndefined();
    expect((merged.data as any).unit).toMatchObject({
      validTo: "2025-06-30",
      successor: { code: "hai-phong-34" },
    });
    expect((await gql.run(`{ unit(code: "no-such-unit") { code } }`)).data).toEqual({
      unit: null,
    });
  });
});
