import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { rebuildCheckupRollup } from "../../server/checkups/checkup-rollup.js";
import { rebuildMonitoringRollup } from "../../server/monitoring/monitoring-rollup.js";

/**
 * How many SQL statements the analytics and summary queries send (issue 14: fewer statements,
 * plain rows), and that the batched lookups still answer in the order asked and refuse unknown
 * codes by name.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("analytics_statements");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const SCORECARD = `{ scorecard(programmes: ["nq19-2021-2025"], units: ["vn", "hai-phong-63", "ha-noi"]) {
  rows { cells { progress { status } } } } }`;

describe("statements per request", () => {
  it("scorecard: one lookup (units, targets, indicators, the nation), observations; targets as entities only when asked", async () => {
    const plain = await gql.run<any>(SCORECARD);
    expect(plain.errors).toBeUndefined();
    expect(plain.data!.scorecard.rows).toHaveLength(10);
    expect(plain.statements).toBe(2);
    const withTargets = await gql.run<any>(
      `{ scorecard(programmes: ["nq19-2021-2025"], units: ["vn", "hai-phong-63", "ha-noi"]) {
        rows { target { label } cells { ownTarget { label } progress { status } } } } }`,
    );
    expect(withTargets.errors).toBeUndefined();
    // One more read serves every row's target and every cell's own target.
    expect(withTargets.statements).toBe(3);
    expect(withTargets.data!.scorecard.rows.map((r: any) => r.target.label)).toContain("a");
  });

  it("series: the indicators in one statement, in the order asked", async () => {
    const result = await gql.run<any>(
      `{ series(indicators: ["oa-fatal-frequency", "oa-deaths"], units: ["vn"]) { indicator { code } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.series.map((s: any) => s.indicator.code)).toEqual([
      "oa-fatal-frequency",
      "oa-deaths",
    ]);
    // one lookup (indicators and units), observations
    expect(result.statements).toBe(2);
    const harmonised = await gql.run<any>(
      `{ series(indicators: ["oa-deaths"], units: ["hai-phong-34"], basis: HARMONISED) { points { year } } }`,
    );
    expect(harmonised.errors).toBeUndefined();
    // the lineage travels in the lookup statement
    expect(harmonised.statements).toBe(2);
  });

  it("series: an unknown indicator is refused by name, naming the field", async () => {
    const result = await gql.run<any>(
      `{ series(indicators: ["oa-deaths", "no-such-indicator"], units: ["vn"]) { basis } }`,
    );
    expect(result.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "indicators",
    });
    expect(result.errors?.[0].message).toContain('"no-such-indicator"');
  });

  it("summaries: one statement each while the rollup is fresh, the raw rows after a write", async () => {
    const knex = db.em().getKnex("write");
    const queries: [string, () => Promise<unknown>][] = [
      [
        `{ monitoringSummary(groupBy: [FACTOR, YEAR], datasets: [ILLUSTRATIVE]) { factor year samples } }`,
        () => rebuildMonitoringRollup(knex),
      ],
      [
        `{ checkupSummary(groupBy: [DISEASE, YEAR], datasets: [ILLUSTRATIVE]) { disease year cases } }`,
        () => rebuildCheckupRollup(knex),
      ],
    ];
    for (const [query, rebuild] of queries) {
      await rebuild();
      const fresh = await gql.run<any>(query);
      expect(fresh.errors).toBeUndefined();
      expect(Object.values(fresh.data!)[0]).not.toHaveLength(0);
      // The freshness is checked inside the summary's statement.
      expect(fresh.statements).toBe(1);
      // Marked stale (as a write does): the same rows, from the raw tables, in a second statement.
      await knex.raw(`update summary_state set data_version = data_version + 1`);
      const stale = await gql.run<any>(query);
      expect(stale.data).toEqual(fresh.data);
      expect(stale.statements).toBe(2);
    }
  });
});
