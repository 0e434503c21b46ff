import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("badinput");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

/** Every filter argument, given nonsense, answers BAD_USER_INPUT (never an internal error). */
const cases: [string, string, string | null][] = [
  ["a page size of 0", "{ units(first: 0) { totalCount } }", "first"],
  ["a page size over 1000", "{ sources(first: 5000) { totalCount } }", "first"],
  ["a forged cursor", '{ units(after: "bm90LWEtY3Vyc29y") { totalCount } }', "after"],
  [
    "an invalid unit code",
    '{ units(filter: { codes: ["Hải Dương; drop table"] }) { totalCount } }',
    "codes",
  ],
  ["an invalid date", '{ units(filter: { asOf: "2025-13-45" }) { totalCount } }', null],
  ["a wrong enum value", "{ units(filter: { level: DISTRICT }) { totalCount } }", null],
  [
    "a year out of range",
    "{ observations(filter: { yearFrom: 1800 }) { totalCount } }",
    "yearFrom",
  ],
  [
    "yearFrom after yearTo",
    "{ observations(filter: { yearFrom: 2024, yearTo: 2020 }) { totalCount } }",
    "yearFrom",
  ],
  [
    "an empty dataset list",
    "{ observations(filter: { datasets: [] }) { totalCount } }",
    "datasets",
  ],
  [
    "an invalid indicator code",
    '{ observations(filter: { indicators: ["../x"] }) { totalCount } }',
    "indicators",
  ],
  [
    "a string where a year is expected",
    '{ observations(filter: { yearFrom: "2020" }) { totalCount } }',
    null,
  ],
  [
    "a too long search",
    `{ units(filter: { search: "${"x".repeat(500)}" }) { totalCount } }`,
    "search",
  ],
  ["an invalid programme code", '{ targets(programmes: ["NQ 19"]) { totalCount } }', "programmes"],
  [
    "an invalid target number",
    '{ target(programme: "nq19-2021-2025", number: "#1") { label } }',
    "number",
  ],
  ["an invalid agency date", '{ agencies(asOf: "yesterday") { totalCount } }', null],
  [
    "a bad monitoring year range",
    "{ monitoringResults(yearFrom: 2030, yearTo: 2020) { totalCount } }",
    "yearFrom",
  ],
  ["a bad check-up unit", '{ healthCheckups(units: ["UPPER"]) { totalCount } }', "units"],
  ["an invalid code lookup", '{ unit(code: "") { code } }', "code"],
];

describe("bad input", () => {
  it.each(cases)("rejects %s with BAD_USER_INPUT", async (_what, query, field) => {
    const result = await gql.run(query);
    expect(result.errors?.length).toBeGreaterThan(0);
    const error = result.errors![0];
    // Argument type errors are caught by GraphQL validation before any resolver runs.
    expect(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"]).toContain(error.extensions?.code);
    if (field) {
      expect(error.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error.extensions?.field).toBe(field);
    }
    expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  });

  it("answers null, not an error, for an unknown but well-formed code", async () => {
    const result = await gql.run(
      '{ unit(code: "atlantis") { code } programme(code: "nope") { code } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ unit: null, programme: null });
  });
});
