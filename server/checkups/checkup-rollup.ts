import type { Knex } from "@mikro-orm/postgresql";
import {
  rebuildRollup,
  RollupRefresher,
  rollupFresh,
  type RebuildOutcome,
} from "../monitoring/rollup-state.js";

/**
 * Builds and keeps fresh the check-up rollup (see Migration20261130183000 for the three tables
 * and why establishments that moved are kept apart; rollup-state.ts for freshness).
 */

/** True when the rollup was built from the data as it is now (no check-up write since). */
export async function checkupRollupFresh(
  run: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<boolean> {
  return rollupFresh("checkup", run);
}

export async function rebuildCheckupRollup(knex: Knex): Promise<RebuildOutcome> {
  return rebuildRollup(knex, "checkup", async trx => {
    await trx.raw("delete from checkup_rollup_mover");
    await trx.raw("delete from checkup_rollup");
    await trx.raw("delete from checkup_disease_rollup");
    // Establishments seen in more than one dataset, unit or sector: their distinct count would
    // be summed twice across those, so they are counted from their own rows instead.
    await trx.raw(`insert into checkup_rollup_mover (establishment, dataset, unit_id, sector, year, kind, workers_examined, cases_total)
      select h.establishment, h.dataset, h.unit_id, h.sector, h.year, h.kind, h.workers_examined, h.cases_total
      from health_checkup h where h.establishment in (
        select establishment from health_checkup group by establishment
        having min(dataset) <> max(dataset) or min(unit_id) <> max(unit_id) or min(sector) <> max(sector))`);
    await trx.raw(`insert into checkup_rollup (dataset, unit_id, sector, year, kind, g, establishments, workers_examined, cases_total)
      select h.dataset, h.unit_id, h.sector, h.year, h.kind, grouping(h.year, h.kind),
             count(distinct h.establishment), sum(h.workers_examined), sum(h.cases_total)
      from health_checkup h
      where not exists (select 1 from checkup_rollup_mover x where x.establishment = h.establishment)
      group by h.dataset, h.unit_id, h.sector, grouping sets ((h.year, h.kind), (h.year), (h.kind), ())`);
    await trx.raw(`insert into checkup_disease_rollup (dataset, unit_id, sector, year, kind, disease, cases)
      select h.dataset, h.unit_id, h.sector, h.year, h.kind, e->>'disease', sum((e->>'cases')::bigint)
      from health_checkup h cross join lateral jsonb_array_elements(h.cases) e
      group by h.dataset, h.unit_id, h.sector, h.year, h.kind, e->>'disease'`);
    // The same rows summed over units, sectors or both, from the rows just written (cases, and
    // establishments that keep one unit and sector, add up over them): a summary without units
    // then reads a few rows (Migration20261201003000). checkup_rollup: g + 8 without units,
    // + 4 without sectors; checkup_disease_rollup: g = 2 without units, + 1 without sectors.
    await trx.raw(`insert into checkup_rollup (dataset, unit_id, sector, year, kind, g, establishments, workers_examined, cases_total)
      select dataset, unit_id, sector, year, kind, g + 4 * grouping(unit_id, sector),
             sum(establishments), sum(workers_examined), sum(cases_total)
      from checkup_rollup where g < 4
      group by dataset, year, kind, g, grouping sets ((unit_id), (sector), ())`);
    await trx.raw(`insert into checkup_disease_rollup (dataset, unit_id, sector, year, kind, disease, g, cases)
      select dataset, unit_id, sector, year, kind, disease, grouping(unit_id, sector), sum(cases)
      from checkup_disease_rollup where g = 0
      group by dataset, year, kind, disease, grouping sets ((unit_id), (sector), ())`);
    // Fresh statistics, so the planner reads the few coarse rows through the (g, dataset) indexes.
    await trx.raw("analyze checkup_rollup, checkup_disease_rollup");
  });
}

/** Rebuilds the check-up rollup in the background after check-up changes. */
export class CheckupRollupRefresher extends RollupRefresher {
  constructor(knex: Knex, delayMs = 500, onError: (error: unknown) => void = () => {}) {
    super(() => rebuildCheckupRollup(knex), delayMs, onError);
  }
}
