import type { Knex } from "@mikro-orm/postgresql";
import {
  ofUnits,
  rebuildRollup,
  unitIdArray,
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
  return rebuildRollup(knex, "checkup", async (trx, changed) => {
    const units = changed ? await unitsToRedo(trx, changed) : null;
    const rows = ofUnits("checkup_rollup", units);
    const diseaseRows = ofUnits("checkup_disease_rollup", units);
    const checkups = ofUnits("h", units);
    await trx.raw(`delete from checkup_rollup where g < 4 and ${rows.sql}`, rows.bindings);
    await trx.raw(
      `delete from checkup_disease_rollup where g = 0 and ${diseaseRows.sql}`,
      diseaseRows.bindings,
    );
    // Establishments seen in more than one dataset, unit or sector: their distinct count would
    // be summed twice across those, so they are counted from their own rows instead.
    // (unitsToRedo already replaced the movers among the changed units' establishments.)
    if (!units) {
      await trx.raw("delete from checkup_rollup_mover");
      await trx.raw(`insert into checkup_rollup_mover (establishment, dataset, unit_id, sector, year, kind, workers_examined, cases_total)
        select h.establishment, h.dataset, h.unit_id, h.sector, h.year, h.kind, h.workers_examined, h.cases_total
        from health_checkup h where h.establishment in (
          select establishment from health_checkup group by establishment
          having ${MOVED})`);
    }
    await trx.raw(
      `insert into checkup_rollup (dataset, unit_id, sector, year, kind, g, establishments, workers_examined, cases_total)
      select h.dataset, h.unit_id, h.sector, h.year, h.kind, grouping(h.year, h.kind),
             count(distinct h.establishment), sum(h.workers_examined), sum(h.cases_total)
      from health_checkup h
      where ${checkups.sql}
        and not exists (select 1 from checkup_rollup_mover x where x.establishment = h.establishment)
      group by h.dataset, h.unit_id, h.sector, grouping sets ((h.year, h.kind), (h.year), (h.kind), ())`,
      checkups.bindings,
    );
    await trx.raw(
      `insert into checkup_disease_rollup (dataset, unit_id, sector, year, kind, disease, cases)
      select h.dataset, h.unit_id, h.sector, h.year, h.kind, e->>'disease', sum((e->>'cases')::bigint)
      from health_checkup h cross join lateral jsonb_array_elements(h.cases) e
      where ${checkups.sql}
      group by h.dataset, h.unit_id, h.sector, h.year, h.kind, e->>'disease'`,
      checkups.bindings,
    );
    // The same rows summed over units, sectors or both, from the finest rows (cases, and
    // establishments that keep one unit and sector, add up over them): a summary without units
    // then reads a few rows (Migration20261201003000). checkup_rollup: g + 8 without units,
    // + 4 without sectors; checkup_disease_rollup: g = 2 without units, + 1 without sectors.
    // Always redone whole: a few thousand rows summed from a few tens of thousands.
    await trx.raw("delete from checkup_rollup where g >= 4");
    await trx.raw("delete from checkup_disease_rollup where g > 0");
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
    if (!units) await trx.raw("analyze checkup_rollup, checkup_disease_rollup");
  });
}

/** An establishment's rows span more than one dataset, unit or sector. */
const MOVED =
  "min(dataset) <> max(dataset) or min(unit_id) <> max(unit_id) or min(sector) <> max(sector)";

/**
 * Redoes the movers among the changed units' establishments (those with rows there now, or
 * counted there as movers before), and returns the units whose rows must be redone: the
 * changed ones and every unit those establishments have rows in, since an establishment that
 * became (or stopped being) a mover leaves (or joins) the distinct counts of all its units.
 * Establishments of other units kept their rows, so their mover status stands.
 */
async function unitsToRedo(trx: Knex.Transaction, changed: number[]): Promise<number[]> {
  const ids = unitIdArray(changed);
  const touched = `select establishment from health_checkup where unit_id = any(?::int[])
    union select establishment from checkup_rollup_mover where unit_id = any(?::int[])`;
  // `= any(array(...))`: the establishments are looked up through their index. With `in`, the
  // planner overestimated them and hashed every check-up (3.7 s instead of 0.2 s at scale 1000).
  const { rows } = await trx.raw(
    `select coalesce(array_agg(distinct h.unit_id), '{}') as units
     from health_checkup h where h.establishment = any(array(${touched}))`,
    [ids, ids],
  );
  // One statement, so the movers deleted and those inserted are both read from the table as it
  // was: an establishment counted as a mover in a changed unit may still be one elsewhere.
  await trx.raw(
    `with touched as (${touched}),
       gone as (delete from checkup_rollup_mover where establishment in (select establishment from touched)),
       moved as (select establishment from health_checkup
         where establishment = any(array(select establishment from touched))
         group by establishment having ${MOVED})
     insert into checkup_rollup_mover (establishment, dataset, unit_id, sector, year, kind, workers_examined, cases_total)
     select h.establishment, h.dataset, h.unit_id, h.sector, h.year, h.kind, h.workers_examined, h.cases_total
     from health_checkup h where h.establishment = any(array(select establishment from moved))`,
    [ids, ids],
  );
  return [...new Set([...changed, ...(rows[0].units as number[])])].sort((a, b) => a - b);
}

/** Rebuilds the check-up rollup in the background after check-up changes. */
export class CheckupRollupRefresher extends RollupRefresher {
  constructor(knex: Knex, delayMs = 500, onError: (error: unknown) => void = () => {}) {
    super(() => rebuildCheckupRollup(knex), delayMs, onError);
  }
}
