import type { Knex } from "@mikro-orm/postgresql";

/**
 * What the pre-aggregated rollups (monitoring, check-ups) share (here because check-ups already
 * build on the monitoring summary): a row in `summary_state` per
 * rollup, whose `data_version` a trigger bumps on every statement that changes the source
 * tables, and whose `built_version` records the version a rebuild saw. Until the two agree,
 * readers use the raw tables, so answers are always exact.
 */

export type RollupName = "monitoring" | "checkup";

export type RebuildOutcome = "built" | "fresh" | "busy" | "conflict";

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
 * Rebuilds the named rollup with `build` unless it is fresh. One repeatable-read transaction:
 * the version it records is the one its snapshot saw, and a write committed meanwhile makes
 * the final update fail (a serialization conflict), leaving the rollup marked stale for the
 * next attempt. Readers keep the previous rows until the commit; one instance builds at a time.
 */
export async function rebuildRollup(
  knex: Knex,
  name: RollupName,
  build: (trx: Knex.Transaction) => Promise<void>,
): Promise<RebuildOutcome> {
  try {
    return await knex.transaction(
      async trx => {
        const lock = await trx.raw(`select pg_try_advisory_xact_lock(hashtext(?)) as ok`, [
          `osh_${name}_rollup`,
        ]);
        if (!lock.rows[0].ok) return "busy";
        const state = (
          await trx.raw(`select data_version, built_version from summary_state where name = ?`, [
            name,
          ])
        ).rows[0] as { data_version: string; built_version: string } | undefined;
        if (!state) return "fresh"; // migrations not applied to the end: nothing to build
        if (state.data_version === state.built_version) return "fresh";
        await build(trx);
        await trx.raw(
          `update summary_state set built_version = ?, built_at = now() where name = ?`,
          [state.data_version, name],
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
    await this.running;
  }
}
