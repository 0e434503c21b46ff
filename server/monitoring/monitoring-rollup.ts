import type { Knex } from "@mikro-orm/postgresql";
import {
  ofUnits,
  rebuildRollup,
  RollupRefresher,
  rollupFresh,
  type RebuildOutcome,
} from "./rollup-state.js";

/**
 * Builds and keeps fresh the monitoring rollup (see Migration20261123120000 for the tables and
 * why the rollup has one row set per grouping of factor and year; rollup-state.ts for freshness).
 */

/** True when the rollup was built from the data as it is now (no monitoring write since). */
export async function monitoringRollupFresh(
  run: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<boolean> {
  return rollupFresh("monitoring", run);
}

export async function rebuildMonitoringRollup(knex: Knex): Promise<RebuildOutcome> {
  return rebuildRollup(knex, "monitoring", async (trx, units) => {
    // The finest rows (g < 4) of every unit, or of the changed units only: a unit's sites
    // through monitoring_site (unit_id, sector), their results through (site_id, year, factor).
    const rows = ofUnits("monitoring_rollup", units);
    const sites = ofUnits("s", units);
    await trx.raw(`delete from monitoring_rollup where g < 4 and ${rows.sql}`, rows.bindings);
    await trx.raw(
      `insert into monitoring_rollup (dataset, unit_id, sector, factor, year, g, sites, samples, samples_over_limit)
        select r.dataset, s.unit_id, s.sector, r.factor, r.year, grouping(r.factor, r.year),
               count(distinct r.site_id), sum(r.samples), sum(r.samples_over_limit)
        from monitoring_result r join monitoring_site s on s.id = r.site_id where ${sites.sql}
        group by r.dataset, s.unit_id, s.sector, grouping sets ((r.factor, r.year), (r.factor), (r.year), ())`,
      sites.bindings,
    );
    // The same row sets summed over units (g + 8), sectors (+ 4) or both (+ 12), from the
    // finest rows (sites add up over units and sectors), so that a summary without units reads
    // a few rows, not every unit's (Migration20261201003000). Always redone whole: they are a
    // few thousand rows summed from a few tens of thousands, whatever the scale.
    await trx.raw("delete from monitoring_rollup where g >= 4");
    await trx.raw(`insert into monitoring_rollup (dataset, unit_id, sector, factor, year, g, sites, samples, samples_over_limit)
        select dataset, unit_id, sector, factor, year, g + 4 * grouping(unit_id, sector),
               sum(sites), sum(samples), sum(samples_over_limit)
        from monitoring_rollup where g < 4
        group by dataset, factor, year, g, grouping sets ((unit_id), (sector), ())`);
    // Fresh statistics, so the planner reads the few coarse rows through the (g, dataset) index.
    if (!units) await trx.raw("analyze monitoring_rollup");
  });
}

/** Rebuilds the monitoring rollup in the background after monitoring changes. */
export class MonitoringRollupRefresher extends RollupRefresher {
  constructor(knex: Knex, delayMs = 500, onError: (error: unknown) => void = () => {}) {
    super(() => rebuildMonitoringRollup(knex), delayMs, onError);
  }
}
