import { GraphQLLocalDate } from "graphql-scalars";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("unitpage");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

/**
 * A page of units reads only the selected columns (unit.reads.ts), the joined parent/successor
 * as JSON objects, and the total only when asked.
 * Selecting `key` (a getter, no column) sends the same request down the entity path
 * (`findAndCount`, managed entities), which served every units query before: both must answer
 * alike for every filter, order, page, null and relation.
 */
const cursor = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
const withoutKey = (data: any) => ({
  ...data.units,
  nodes: data.units.nodes?.map(({ key: _key, ...n }: any) => n),
  edges: data.units.edges?.map((e: any) => {
    const { key: _key, ...node } = e.node;
    return { ...e, node };
  }),
});

async function bothPaths(args: string, selection: string, fragments = "") {
  const q = (key: string) =>
    `{ units(${args}) { ${selection.replaceAll("KEY", key)} } } ${fragments}`;
  const json = await gql.run(q(""));
  const entities = await gql.run(q("key"));
  expect(json.errors).toBeUndefined();
  expect(entities.errors).toBeUndefined();
  expect(withoutKey(json.data)).toEqual(withoutKey(entities.data));
  return { json, data: (json.data as any).units };
}

describe("units page read of the selected columns", () => {
  const everything = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { KEY code nameVi nameEn level kind validFrom validTo parent { code nameVi level }
      successor { code validFrom } predecessors { code } }
    edges { cursor node { KEY code validTo } }`;

  it("answers as the entity path for every filter and order, with nulls and dates", async () => {
    for (const orderBy of ["CODE_ASC", "CODE_DESC", "NAME_ASC", "NAME_DESC", "VALID_FROM_ASC"]) {
      for (const filter of [
        "{}",
        '{ asOf: "2025-06-30", level: PROVINCE }',
        '{ asOf: "2025-07-01" }',
        '{ search: "hai duong" }',
        '{ kind: CITY, codes: ["ha-noi", "hai-phong-63", "hai-phong-34", "vn"] }',
        '{ codes: ["no-such-unit"] }',
      ]) {
        await bothPaths(`first: 1000, orderBy: ${orderBy}, filter: ${filter}`, everything);
      }
    }
    const { data } = await bothPaths("first: 1000", everything);
    const byCode = new Map(data.nodes.map((n: any) => [n.code, n]));
    // Hải Dương ended on 2025-06-30 and became part of Hải Phòng (34); the nation has no parent.
    expect(byCode.get("hai-duong-63")).toMatchObject({
      validTo: "2025-06-30",
      successor: { code: "hai-phong-34", validFrom: "2025-07-01" },
      parent: { code: "vn" },
    });
    expect(byCode.get("vn")).toMatchObject({ parent: null, successor: null, validTo: null });
    expect((byCode.get("hai-phong-34") as any).predecessors.map((p: any) => p.code)).toEqual(
      expect.arrayContaining(["hai-duong-63", "hai-phong-63"]),
    );
    expect(data.totalCount).toBe(data.nodes.length);
  });

  it("answers as the entity path across pages and past the end", async () => {
    for (const args of [
      "first: 7",
      `first: 7, after: "${cursor(6)}"`,
      `first: 50, after: "${cursor(80)}"`,
      `first: 5, after: "${cursor(100000)}"`,
    ]) {
      await bothPaths(args, everything);
    }
    const past = await gql.run(
      `{ units(first: 5, after: "${cursor(100000)}") { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { code } } }`,
    );
    const all = await gql.run(`{ units(first: 1000) { totalCount } }`);
    expect(past.data).toEqual({
      units: {
        totalCount: (all.data as any).units.totalCount,
        pageInfo: { hasNextPage: false, hasPreviousPage: true },
        nodes: [],
      },
    });
    expect((all.data as any).units.totalCount).toBeGreaterThan(81);
  });

  it("reads the page in one statement, joined parent and successor included", async () => {
    const { json } = await bothPaths(
      "first: 100",
      "nodes { KEY code nameVi level validTo successor { code } parent { code } }",
    );
    expect(json.statements).toBe(1);
    // Without totalCount or pageInfo no count is asked for, past the end neither.
    const past = await gql.run(
      `{ units(first: 5, after: "${cursor(100000)}") { nodes { code } } }`,
    );
    expect(past).toMatchObject({ data: { units: { nodes: [] } }, statements: 1 });
    // Only the total: no node is built, the total is still right.
    const onlyTotal = await bothPaths(
      'filter: { level: PROVINCE, asOf: "2025-07-01" }',
      "totalCount",
    );
    expect(onlyTotal.data.totalCount).toBe(34);
  });

  it("serves aliases and fragments, with the same answers", async () => {
    await bothPaths(
      "first: 20, orderBy: NAME_DESC",
      `nodes { KEY ...U end: validTo up: parent { c: code } }
       edges { node { code ... on AdministrativeUnit { nameEn successor { code } } } }`,
      "fragment U on AdministrativeUnit { code kind }",
    );
  });

  it("keeps one plan per selection, whatever the variables", async () => {
    const q = `query($f: UnitFilter, $n: Int) {
      a: units(first: $n, filter: $f) { totalCount nodes { code successor { code } } }
      b: units(first: $n, filter: $f, orderBy: CODE_DESC) { nodes { code nameEn key } } }`;
    for (const variables of [
      { f: { codes: ["hai-duong-63", "vn"] }, n: 1 },
      { f: { level: "NATION" }, n: 5 },
      { f: { codes: ["hai-duong-63", "vn"] }, n: 5 },
    ]) {
      const json = await gql.run(q, variables);
      expect(json.errors).toBeUndefined();
      const a = await gql.run(
        `query($f: UnitFilter, $n: Int) { a: units(first: $n, filter: $f) { totalCount nodes { key code successor { code } } } }`,
        variables,
      );
      expect((json.data as any).a).toEqual(withoutKey({ units: (a.data as any).a }));
      expect((json.data as any).b.nodes.length).toBe(
        Math.min(variables.n, (json.data as any).a.totalCount),
      );
    }
    const last = await gql.run(q, { f: { codes: ["hai-duong-63", "vn"] }, n: 5 });
    expect((last.data as any).a.nodes).toEqual([
      { code: "hai-duong-63", successor: { code: "hai-phong-34" } },
      { code: "vn", successor: null },
    ]);
  });

  it("rejects bad filters with the same coded errors", async () => {
    const q = (key: string) =>
      `{ units(filter: { search: "${"x".repeat(201)}" }) { nodes { code ${key} } } }`;
    const bad = await gql.run(q(""));
    const badEntity = await gql.run(q("key"));
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.map(e => [e.message, e.extensions])).toEqual(
      badEntity.errors?.map(e => [e.message, e.extensions]),
    );
  });
});

describe("LocalDate output", () => {
  it("still accepts only real calendar dates, remembered or not", () => {
    for (let round = 0; round < 2; round++) {
      expect(GraphQLLocalDate.serialize("2024-02-29")).toBe("2024-02-29");
      expect(GraphQLLocalDate.serialize("2025-06-30")).toBe("2025-06-30");
      for (const bad of [
        "2025-02-29",
        "2025-04-31",
        "2025-13-01",
        "2025-6-30",
        " 2025-06-30",
        20250630,
      ]) {
        expect(() => GraphQLLocalDate.serialize(bad)).toThrow(/not (a valid LocalDate|string)/);
      }
    }
  });
});
