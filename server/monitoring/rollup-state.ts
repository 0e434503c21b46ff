import type { Knex } from "@mikro-orm/postgresql";
import type { RollupRebuild } from "../context.js";

/**
 * What the pre-aggregated rollups (monitoring, check-ups) share (here because check-ups already
 * build on the monitoring summary): a row in `summary_state` per
 * rollup, whose `data_version` a trigger bumps on every statement that changes the source
 * tables, and whose `built_version` records the version a rebuild saw. Until the two agree,
 * readers use the raw tables, so answers are always exact.
 */

export type RollupName = "monitoring" | "checkup";

/**
 * "built": rebuilt whole; "units": only the units changed since the last build were redone;
 * "fresh": nothing to do; "busy": another instance is building; "conflict": a write committed
 * meanwhile (the rollup stays stale for the next attempt).
 */
export type RebuildOutcome = "built" | "units" | "fresh" | "busy" | "conflict";

/**
 * Beyond this many changed units a rebuild is whole. Per row the two cost about the same (at
 * bench scale 1000: 0.7-0.9 s for a unit's ~177,000 results or ~115,000 check-ups, 69-87 s for
 * all of them); the bound keeps a rebuild by units short enough for a summary to wait for it
 * (rollupWait), and an import across many units takes the one pass over each table.
 */
export const MAX_UNITS_REBUILT = 16;

/**
 * Unit ids as one PostgreSQL array literal, for `= any(?::int[])`: knex spreads an array
 * binding into a list, which that cannot take.
 */
export const unitIdArray = (ids: number[]): string =>
  `{${ids.map(id => Math.trunc(id)).join(",")}}`;

/** A rebuild statement's filter to `units` (on `alias`.unit_id), or none for a whole rebuild. */
export function ofUnits(
  alias: string,
  units: number[] | null,
): { sql: string; bindings: string[] } {
  return units
    ? { sql: `${alias}.unit_id = any(?::int[])`, bindings: [unitIdArray(units)] }
    : { sql: "true", bindings: [] };
}

/** Rebuilds a rollup's rows: every unit's (`units` null) or only these units'. */
export type RollupBuild = (trx: Knex.Transaction, units: number[] | null) => Promise<void>;

/** True when the named rollup was built from the data as it is now (no write since). */
export async function rollupFresh(
  name: RollupName,
  run: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<boolean> {
  const [row] = await run(
    `select built_version = data_version as fresh from summary_state where name = '${name}'`,
  );
  return Boolean(row?.fresh);
}

/**
 * True when the named rollup is stale only by a few units (a rebuild of them is quick), so a
 * reader may wait for it; false when it is fresh or its next rebuild is whole.
 */
export async function rollupStaleByUnits(
  name: RollupName,
  run: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<boolean> {
  const [row] = await run(
    `select s.data_version <> s.built_version and not s.whole_dirty
       and (select count(distinct d.unit_id) from rollup_dirty d
            where d.name = s.name and d.version > s.built_version) <= ${MAX_UNITS_REBUILT} as by_units
     from summary_state s where s.name = '${name}'`,
  );
  return Boolean(row?.by_units);
}

/** How long a summary waits for a rebuild of a few units before it reads the raw tables. */
export const ROLLUP_WAIT_MS = 3000;

/**
 * What a summary calls when it found its rollup stale: true once it waited for this instance's
 * rebuild of the changed units (started now if none is scheduled; then it asks the rollup
 * again), false at once when the next rebuild is whole or there is no refresher (then it reads
 * the raw tables).
 */
export function rollupWait(
  name: RollupName,
  rebuilds: RollupRebuild | null | undefined,
  run: (sql: string) => Promise<Record<string, unknown>[]>,
): (() => Promise<boolean>) | undefined {
  if (!rebuilds) return undefined;
  return async () => {
    if (!(await rollupStaleByUnits(name, run))) return false;
    rebuilds.kick();
    await rebuilds.idle(ROLLUP_WAIT_MS);
    return true;
  };
}

interface RollupState {
  data_version: string;
  built_version: string;
  whole_dirty: boolean;
}

/**
 * Rebuilds the named rollup unless it is fresh: only the units that writes recorded in
 * `rollup_dirty` since the last build (Migration20261201220000), or whole when that is unknown
 * (TRUNCATE, a first build) or more than MAX_UNITS_REBUILT units changed. One repeatable-read
 * transaction: the version it records is the one its snapshot saw, and a write committed
 * meanwhile makes the final update fail (a serialization conflict), leaving the rollup marked
 * stale for the next attempt. Readers keep the previous rows until the commit; one instance
 * builds at a time.
 */
export async function rebuildRollup(
  knex: Knex,
  name: RollupName,
  build: RollupBuild,
): Promise<RebuildOutcome> {
  try {
    return await knex.transaction(
      async trx => {
        const lock = await trx.raw(`select pg_try_advisory_xact_lock(hashtext(?)) as ok`, [
          `osh_${name}_rollup`,
        ]);
        if (!lock.rows[0].ok) return "busy";
        // The group-bys sort a unit's rows (115,000 check-ups at bench scale 1000) or all of
        // them: in memory rather than in temporary files (PostgreSQL's default is 4 MB).
        await trx.raw("set local work_mem = '64MB'");
        const state = (
          await trx.raw(
            `select data_version, built_version, whole_dirty from summary_state where name = ?`,
            [name],
          )
        ).rows[0] as RollupState | undefined;
        if (!state) return "fresh"; // migrations not applied to the end: nothing to build
        if (state.data_version === state.built_version) return "fresh";
        const changed = (
          await trx.raw(
            `select coalesce(array_agg(distinct unit_id order by unit_id), '{}') as units
             from rollup_dirty where name = ? and version > ?`,
            [name, state.built_version],
          )
        ).rows[0].units as number[];
        const whole = state.whole_dirty || changed.length > MAX_UNITS_REBUILT;
        // Statements that changed no row bump the version and record no unit: nothing to redo.
        if (whole || changed.length) await build(trx, whole ? null : changed);
        await trx.raw(`delete from rollup_dirty where name = ? and version <= ?`, [
          name,
          state.data_version,
        ]);
        await trx.raw(
          `update summary_state set built_version = ?, whole_dirty = false, built_at = now()
           where name = ?`,
          [state.data_version, name],
        );
        return whole ? "built" : changed.length ? "units" : "fresh";
      },
      { isolationLevel: "repeatable read" },
    );
  } catch (error) {
    if ((error as { code?: string }).code === "40001") return "conflict";
    throw error;
  }
}

/**
 * Rebuilds in the background after changes, a short while after the last one (an import is
 * many statements in one transaction, but a steward may save several records in a row).
 * Reads stay correct meanwhile: the summaries use the raw tables until the rollup is fresh.
 */
export class RollupRefresher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly rebuild: () => Promise<RebuildOutcome>,
    private readonly delayMs = 500,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Builds now if stale (used at start-up, so the first summaries are fast). */
  async refreshNow(): Promise<RebuildOutcome> {
    return this.rebuild();
  }

  private idleWaiters: (() => void)[] = [];

  /**
   * Resolves once no rebuild is scheduled or running (at once if none is), or after `maxMs`:
   * a summary asked just after a write waits for the rebuild of the units it changed (well under
   * a second at bench scale 1000) instead of reading the raw tables (25-40 s there).
   */
  idle(maxMs: number): Promise<void> {
    if (!this.timer && !this.running) return Promise.resolve();
    return new Promise(resolveIdle => {
      const done = () => {
        clearTimeout(timeout);
        resolveIdle();
      };
      const timeout = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter(w => w !== done);
        resolveIdle();
      }, maxMs);
      this.idleWaiters.push(done);
    });
  }

  private wakeIdleWaiters(): void {
    if (this.timer || this.running) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  /**
   * Rebuilds now unless a rebuild is running: a reader waits for it. The rebuild a write
   * scheduled waits half a second for more writes; a reader does not (and it may have come
   * before this instance heard of the write: the NOTIFY and the request race).
   */
  kick(): void {
    if (!this.running) this.schedule(0);
  }

  schedule(delayMs = this.delayMs): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) {
        this.again = true;
        return;
      }
      this.running = this.run().finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.schedule();
        }
        this.wakeIdleWaiters();
      });
    }, delayMs);
  }

  private async run(): Promise<void> {
    try {
      const outcome = await this.rebuild();
      // Another write won the race, or another instance is building: look again shortly.
      if (outcome === "conflict" || outcome === "busy") this.again = true;
    } catch (error) {
      this.onError(error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.wakeIdleWaiters();
  }
}
