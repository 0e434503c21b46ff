import pg from "pg";

/**
 * Read-after-write with streaming read replicas (DATABASE_REPLICA_URLS). Reads go to a replica
 * (orm.ts), and a replica replays the primary's WAL a little later: without care, a mutation's
 * acknowledgement could be followed by a read that does not show it yet, and, worse, by an
 * answer computed from the old rows and kept in the response cache until the next write.
 * So, with replicas:
 *  - a mutation's answer waits until every replica has replayed the WAL the primary had written
 *    when the write was committed (`settled`);
 *  - the cache forgets what a change touched twice: when the change is heard, and again once
 *    the replicas have replayed it (`afterReplay`), so an answer computed from a lagging replica
 *    in between does not outlive the lag.
 * A replica that does not catch up within `timeoutMs` (down, or far behind) is reported through
 * `log` and the answer is sent anyway: reads from it may then be stale until it catches up (the
 * cache still forgets again once it has).
 */
export interface ReplicaLag {
  /** Runs `work` now and again once the replicas have replayed what is committed now. */
  afterReplay(work: () => void): void;
  /** Resolves once the replicas have replayed what is committed now and `afterReplay` work ran. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface ReplicaLagOptions {
  timeoutMs?: number;
  pollMs?: number;
  log?: (line: string) => void;
  /** Whether replica `index` takes reads (replica-health.ts): one that does not is not waited for. */
  isUp?: (index: number) => boolean;
}

export function replicaLag(
  primaryUrl: string,
  replicaUrls: string[],
  { timeoutMs = 5_000, pollMs = 5, log = () => {}, isUp = () => true }: ReplicaLagOptions = {},
): ReplicaLag {
  const pool = (url: string) => {
    const p = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: timeoutMs });
    p.on("error", () => {}); // a dropped idle connection: the next query reconnects
    return p;
  };
  const primary = pool(primaryUrl);
  const replicas = replicaUrls.map(pool);
  const pending = new Set<Promise<void>>();

  let closed = false;

  /** Polls until the replica replayed `lsn`: false after timeoutMs, or, when `patient`, only once closed. */
  const replayed = async (replica: pg.Pool, lsn: string, patient: boolean): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await replica.query<{ ok: boolean | null }>(
        "select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok",
        [lsn],
      );
      // null: not a standby (a second primary stood in for a replica); nothing to wait for.
      if (rows[0].ok !== false) return true;
      const late = Date.now() > deadline;
      if (closed || (late && !patient)) return false;
      await new Promise(done => setTimeout(done, late ? 200 : pollMs));
    }
  };

  const caughtUp = async (patient = false): Promise<boolean> => {
    try {
      // The insert position: at or past the commit record of every transaction committed so
      // far, flushed or not (synchronous_commit may be off).
      const { rows } = await primary.query<{ lsn: string }>(
        "select pg_current_wal_insert_lsn()::text as lsn",
      );
      const results = await Promise.all(
        replicas.map((r, i) => (isUp(i) ? replayed(r, rows[0].lsn, patient) : true)),
      );
      const behind = results.filter(ok => !ok).length;
      if (behind) log(`${behind} read replica(s) did not replay a write within ${timeoutMs} ms`);
      return behind === 0;
    } catch (error) {
      // A replica that cannot be reached serves no stale answers either: nothing to wait for.
      log(`read replica lag could not be checked: ${String(error)}`);
      return false;
    }
  };

  return {
    afterReplay(work) {
      work();
      // However late the replay, the cache must forget again after it.
      const again = caughtUp(true)
        .then(() => work())
        .finally(() => pending.delete(again));
      pending.add(again);
    },
    async settled() {
      // A replica that is behind by more than timeoutMs: answer anyway (logged).
      if (await caughtUp()) await Promise.all(pending);
    },
    async close() {
      closed = true;
      await Promise.all(pending);
      await Promise.all([primary, ...replicas].map(p => p.end()));
    },
  };
}
