import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("datasets");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

/** Every query with a `datasets` argument, written with a placeholder for it. */
const QUERIES: [string, (datasets: string) => string][] = [
  ["observations", d => `{ observations(filter: { units: ["vn"]${d} }) { totalCount } }`],
  ["monitoringSites", d => `{ monitoringSites(first: 1${d}) { totalCount } }`],
  ["monitoringResults", d => `{ monitoringResults(first: 1${d}) { totalCount } }`],
  ["healthCheckups", d => `{ healthCheckups(first: 1${d}) { totalCount } }`],
  ["monitoringSummary", d => `{ monitoringSummary(groupBy: [YEAR]${d}) { year samples } }`],
  ["checkupSummary", d => `{ checkupSummary(groupBy: [YEAR]${d}) { year cases } }`],
  [
    "series",
    d => `{ series(indicators: ["oa-deaths"], units: ["vn"]${d}) { points { year value } } }`,
  ],
  ["ranking", d => `{ ranking(indicator: "oa-deaths", year: 2024${d}) { entries { rank } } }`],
];

describe("datasets means the same in every query", () => {
  it.each(QUERIES)("%s: left out is [OFFICIAL]", async (_name, query) => {
    const left = await gql.run(query(""));
    const official = await gql.run(query(", datasets: [OFFICIAL]"));
    expect(left.errors).toBeUndefined();
    expect(official.errors).toBeUndefined();
    expect(left.data).toEqual(official.data);
  });

  it.each(QUERIES)("%s: an empty list is refused, naming datasets", async (_name, query) => {
    const result = await gql.run(query(", datasets: []"));
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors![0].extensions?.field).toBe("datasets");
  });

  it("asks for the illustrative data only when listed (the check is not vacuous)", async () => {
    const official = await gql.run(QUERIES[2][1](""));
    const both = await gql.run(QUERIES[2][1](", datasets: [OFFICIAL, ILLUSTRATIVE]"));
    expect(both.data!.monitoringResults.totalCount).toBeGreaterThan(
      official.data!.monitoringResults.totalCount,
    );
  });
});
