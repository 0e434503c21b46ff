import type { Knex } from "@mikro-orm/postgresql";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dataset } from "../../server/graphql/enums.js";
import {
  MonitoringRollupRefresher,
  monitoringRollupFresh,
  rebuildMonitoringRollup,
} from "../../server/monitoring/monitoring-rollup.js";
import {
  MonitoringGroup,
  summariseMonitoring,
  type MonitoringSummaryArgs,
} from "../../server/monitoring/monitoring-summary.service.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";

/** The monitoring rollup answers exactly as the raw results do, and is used only while fresh. */
let db: TestDb;
let knex: Knex;
let gql: Awaited<ReturnType<typeof createExecutor>>;
const execute = (sql: string, params: unknown[] = []) =>
  db.em().getConnection().execute<Record<string, unknown>[]>(sql, params);
const fresh = () => monitoringRollupFresh(sql => execute(sql));
type Execute = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

beforeAll(async () => {
  db = await openTestDb("rollup");
  knex = db.em().getKnex("write");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

/** Every non-empty grouping of the four dimensions. */
const groupings = (() => {
  const all = Object.values(MonitoringGroup);
  const out: MonitoringGroup[][] = [];
  for (let mask = 1; mask < 1 << all.length; mask++) {
    out.push(all.filter((_, i) => mask & (1 << i)));
  }
  return out;
})();

describe("monitoring rollup", () => {
  it("starts stale, is built once, and then reports itself fresh", async () => {
    expect(await fresh()).toBe(false);
    expect(await rebuildMonitoringRollup(knex)).toBe("built");
    expect(await fresh()).toBe(true);
    expect(await rebuildMonitoringRollup(knex)).toBe("fresh");
    const [count] = await execute("select count(*)::int as n from monitoring_rollup");
    expect(count.n).toBeGreaterThan(0);
  });

  it("relies on each site having results of one dataset only, which the data keeps", async () => {
    const rows = await execute(
      `select site_id from monitoring_result group by site_id having count(distinct dataset) > 1`,
    );
    expect(rows).toEqual([]);
  });

  it("gives the same rows as the raw results for every grouping and filter it accepts", async () => {
    const filters: Omit<MonitoringSummaryArgs, "groupBy">[] = [
      { units: null, yearFrom: null, yearTo: null, datasets: [Dataset.ILLUSTRATIVE] },
      {
        units: null,
        yearFrom: null,
        yearTo: null,
        datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
      },
      {
        units: ["hai-duong-63", "hai-phong-63"],
        yearFrom: null,
        yearTo: null,
        datasets: [Dataset.ILLUSTRATIVE],
      },
      { units: [], yearFrom: null, yearTo: null, datasets: [Dataset.ILLUSTRATIVE] },
    ];
    let compared = 0;
    for (const groupBy of groupings) {
      const cases = [...filters.map(f => ({ ...f, groupBy }))];
      if (groupBy.includes(MonitoringGroup.YEAR)) {
        cases.push({
          units: ["hai-duong-63"],
          yearFrom: 2021,
          yearTo: 2023,
          datasets: [Dataset.ILLUSTRATIVE],
          groupBy,
        });
        // The same range over every unit: the rows summed over units and sectors answer it.
        cases.push({
          units: null,
          yearFrom: 2021,
          yearTo: 2023,
          datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
          groupBy,
        });
      }
      for (const args of cases) {
        const raw = await summariseMonitoring(execute, args, false);
        const rolled = await summariseMonitoring(execute, args, true);
        expect(rolled, JSON.stringify(args)).toEqual(raw);
        // The one-statement form the resolver sends (freshness checked in the statement).
        expect(await summariseMonitoring(execute, args, "if-fresh")).toEqual(raw);
        compared += raw.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("answers a summary without units from the rows summed over units and sectors", async () => {
    expect(await fresh()).toBe(true);
    const args = (groupBy: MonitoringGroup[]): MonitoringSummaryArgs => ({
      groupBy,
      units: null,
      yearFrom: null,
      yearTo: null,
      datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
    });
    const byFactorYear = await summariseMonitoring(
      execute,
      args([MonitoringGroup.FACTOR, MonitoringGroup.YEAR]),
      false,
    );
    const bySector = await summariseMonitoring(execute, args([MonitoringGroup.SECTOR]), false);
    expect(byFactorYear.length).toBeGreaterThan(10);
    const [coarse] = await execute(
      "select count(*)::int as n from monitoring_rollup where g >= 12 and unit_id is null and sector is null",
    );
    expect(coarse.n).toBeGreaterThan(0);
    // Without the finer rows (deleted in a transaction that is rolled back), the summaries that
    // need neither units nor sectors still answer exactly: they read only the summed rows.
    const withOnly = (keep: string, work: (run: Execute) => Promise<void>) =>
      knex
        .transaction(async trx => {
          await trx.raw(`delete from monitoring_rollup where not (${keep})`);
          await work((sql, params) =>
            db.em().getConnection().execute<Record<string, unknown>[]>(sql, params, "all", trx),
          );
          throw new Error("roll back");
        })
        .catch((error: Error) => expect(error.message).toBe("roll back"));
    const factorYear = args([MonitoringGroup.FACTOR, MonitoringGroup.YEAR]);
    await withOnly("g >= 12", async run => {
      expect(await summariseMonitoring(run, factorYear, true)).toEqual(byFactorYear);
    });
    // The rows summed over units only (sector kept) answer a summary by sector.
    await withOnly("g between 8 and 11", async run => {
      expect(await summariseMonitoring(run, args([MonitoringGroup.SECTOR]), true)).toEqual(
        bySector,
      );
    });
  });

  it("is bypassed after a write until rebuilt, so the summary always counts the new result", async () => {
    const query = `{ monitoringSummary(groupBy: [UNIT, YEAR], units: ["hai-duong-63"], yearFrom: 2024, yearTo: 2024) { unit year sites samples samplesOverLimit } }`;
    const before = (await gql.run<any>(query)).data!.monitoringSummary;
    expect(before).toEqual([]); // no official monitoring data: nothing, not zeros
    await execute(`insert into monitoring_site (code, name, unit_id, sector, factors, dataset)
      select 'rollup-test', 'Cơ sở thử', id, 'manufacturing', '["dust"]', 'OFFICIAL' from administrative_unit where code = 'hai-duong-63'`);
    await execute(`insert into monitoring_result (site_id, year, factor, samples, samples_over_limit, dataset)
      select id, 2024, 'dust', 40, 3, 'OFFICIAL' from monitoring_site where code = 'rollup-test'`);
    expect(await fresh()).toBe(false);
    const after = (await gql.run<any>(query)).data!.monitoringSummary;
    expect(after).toEqual([
      { unit: "hai-duong-63", year: 2024, sites: 1, samples: 40, samplesOverLimit: 3 },
    ]);

    // The refresher rebuilds in the background; the answer stays the same, now from the rollup.
    const refresher = new MonitoringRollupRefresher(knex, 10);
    refresher.schedule();
    for (let i = 0; i < 200 && !(await fresh()); i++) await new Promise(r => setTimeout(r, 25));
    await refresher.stop();
    expect(await fresh()).toBe(true);
    expect((await gql.run<any>(query)).data!.monitoringSummary).toEqual(after);
  });

  it("stays marked stale when a write commits while it is being built", async () => {
    const writer = new pg.Client({ connectionString: db.url });
    await writer.connect();
    try {
      await execute(
        `update monitoring_result set samples_over_limit = 4 where site_id = (select id from monitoring_site where code = 'rollup-test')`,
      );
      expect(await fresh()).toBe(false);
      await writer.query("begin");
      await writer.query(
        `update monitoring_result set samples = samples + 1 where site_id = (select id from monitoring_site where code = 'rollup-test')`,
      );
      // The rebuild reads its snapshot, builds, then waits for the writer's lock on summary_state.
      const rebuilding = rebuildMonitoringRollup(knex);
      for (let i = 0; i < 200; i++) {
        const [row] = await execute(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (Number(row.n) > 0) break;
        await new Promise(r => setTimeout(r, 10));
      }
      await writer.query("commit");
      expect(await rebuilding).toBe("conflict");
      expect(await fresh()).toBe(false);
      // Only the test site's unit changed: its rows are redone, not the whole rollup.
      expect(await rebuildMonitoringRollup(knex)).toBe("units");
      expect(await fresh()).toBe(true);
    } finally {
      await writer.end();
    }
  });
});
