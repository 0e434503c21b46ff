import type { Knex } from "@mikro-orm/postgresql";

/**
 * Builds and keeps fresh the monitoring rollup (see Migration20261123120000 for the tables and
 * why the rollup has one row set per grouping of factor and year).
 */

export type RebuildOutcome = "built" | "fresh" | "busy" | "conflict";

const STATE = `select data_version, built_version from summary_state where name = 'monitoring'`;

/** True when the rollup was built from the data as it is now (no monitoring write since). */
export async function monitoringRollupFresh(
  run: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<boolean> {
  const [row] = await run(
    `select built_version = data_version as fresh from summary_state where name = 'monitoring'`,
  );
  return Boolean(row?.fresh);
}

/**
 * Rebuilds the rollup unless it is fresh. One repeatable-read transaction: the version it
 * records is the one its snapshot saw, and a write committed meanwhile makes the final update
 * fail (a serialization conflict), leaving the rollup marked stale for the next attempt.
 * Readers keep the previous rows until the commit; only one instance builds at a time.
 */
export async function rebuildMonitoringRollup(knex: Knex): Promise<RebuildOutcome> {
  try {
    return await knex.transaction(
      async trx => {
        const lock = await trx.raw(
          `select pg_try_advisory_xact_lock(hashtext('osh_monitoring_rollup')) as ok`,
        );
        if (!lock.rows[0].ok) return "busy";
        const state = (await trx.raw(STATE)).rows[0] as
          { data_version: string; built_version: string } | undefined;
        if (!state) return "fresh"; // migrations not applied to the end: nothing to build
        if (state.data_version === state.built_version) return "fresh";
        await trx.raw("delete from monitoring_rollup");
        await trx.raw(`insert into monitoring_rollup (dataset, unit_id, sector, factor, year, g, sites, samples, samples_over_limit)
        select r.dataset, s.unit_id, s.sector, r.factor, r.year, grouping(r.factor, r.year),
               count(distinct r.site_id), sum(r.samples), sum(r.samples_over_limit)
        from monitoring_result r join monitoring_site s on s.id = r.site_id
        group by r.dataset, s.unit_id, s.sector, grouping sets ((r.factor, r.year), (r.factor), (r.year), ())`);
        await trx.raw(
          `update summary_state set built_version = ?, built_at = now() where name = 'monitoring'`,
          [state.data_version],
        );
        return "built";
      },
      { isolationLevel: "repeatable read" },
    );
  } catch (error) {
    if ((error as { code?: string }).code === "40001") return "conflict";
    throw error;
  }
}

/**
 * Rebuilds in the background after monitoring changes, a short while after the last one (an
 * import is many statements in one transaction, but a steward may save several results in a
 * row). Reads stay correct meanwhile: the summary uses the raw tables until the rollup is fresh.
 */
export class MonitoringRollupRefresher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly knex: Knex,
    private readonly delayMs = 500,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Builds now if stale (used at start-up, so the first summaries are fast). */
  async refreshNow(): Promise<RebuildOutcome> {
    return rebuildMonitoringRollup(this.knex);
  }

  schedule(): void {
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
      });
    }, this.delayMs);
  }

  private async run(): Promise<void> {
    try {
      const outcome = await rebuildMonitoringRollup(this.knex);
      // Another write won the race, or another instance is building: look again shortly.
      if (outcome === "conflict" || outcome === "busy") this.again = true;
    } catch (error) {
      this.onError(error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
