import type { ConnectionType } from "@mikro-orm/core";
import { PostgreSqlDriver, type PostgreSqlConnection } from "@mikro-orm/postgresql";
import pg from "pg";

/**
 * Which read replicas (DATABASE_REPLICA_URLS) take reads. Without this a replica that went down
 * failed every read MikroORM sent it (one in N at random) and every mutation, whose caller's
 * token is read first. Now a watcher checks each replica every `intervalMs`:
 *  - one that cannot be reached within `timeoutMs` stops taking reads, which go to the other
 *    replicas or, with none left, to the primary (logged: the primary then carries all reads);
 *  - it takes reads again only once it is reachable AND has replayed the primary's WAL as it was
 *    at that check, so a replica back from an outage never answers with rows older than what
 *    was acknowledged while it was away.
 * Falling back to the primary never serves older data: the primary is what the replicas copy.
 * A request already sent to a replica in the moment it dies still fails (at most `intervalMs`).
 */
export interface ReplicaHealth {
  /** Whether replica `index` (in DATABASE_REPLICA_URLS order) takes reads now. */
  isUp(index: number): boolean;
  /** One round of checks now; resolves when it is done (start-up, tests). */
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface ReplicaHealthOptions {
  intervalMs?: number;
  timeoutMs?: number;
  /** Longest a returning replica may take to replay the primary's position before it waits a round. */
  catchUpMs?: number;
  log?: (line: string) => void;
  /** Called with the indexes of the replicas that take reads, whenever that set changes. */
  onChange?: (up: readonly number[]) => void;
}

export function watchReplicas(
  primaryUrl: string,
  replicaUrls: string[],
  {
    intervalMs = 1_000,
    timeoutMs = 2_000,
    catchUpMs = 1_000,
    log = () => {},
    onChange = () => {},
  }: ReplicaHealthOptions = {},
): ReplicaHealth {
  const pool = (url: string) => {
    const p = new pg.Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    });
    p.on("error", () => {}); // a dropped idle connection: the next check reconnects
    return p;
  };
  const primary = pool(primaryUrl);
  const replicas = replicaUrls.map(pool);
  const up = replicaUrls.map(() => true);

  /** True once `replica` replayed `lsn` (polling up to catchUpMs); throws when unreachable. */
  const replayed = async (replica: pg.Pool, lsn: string): Promise<boolean> => {
    const deadline = Date.now() + catchUpMs;
    for (;;) {
      const { rows } = await replica.query<{ ok: boolean | null }>(
        "select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok",
        [lsn],
      );
      // null: not in recovery (a promoted standby or a second primary): nothing to replay.
      if (rows[0].ok !== false) return true;
      if (Date.now() > deadline) return false;
      await new Promise(done => setTimeout(done, 20));
    }
  };

  const checkOne = async (index: number, lsn: string): Promise<void> => {
    try {
      // A replica taking reads stays in while it is reachable: its normal lag is replica-lag.ts's
      // business (a mutation waits for its replay). One coming back must have caught up first.
      if (up[index]) {
        await replicas[index].query("select 1");
        return;
      }
      if (await replayed(replicas[index], lsn)) {
        up[index] = true;
        log(`read replica ${index + 1} is back and caught up: it takes reads again`);
      }
    } catch (error) {
      if (up[index]) {
        up[index] = false;
        const rest = up.some(Boolean) ? "the other replicas" : "the primary";
        log(`read replica ${index + 1} cannot be reached (${String(error)}): reads go to ${rest}`);
      }
    }
  };

  let running: Promise<void> | null = null;
  const check = (): Promise<void> =>
    (running ??= (async () => {
      try {
        const before = up.join();
        let lsn: string;
        try {
          const { rows } = await primary.query<{ lsn: string }>(
            "select pg_current_wal_insert_lsn()::text as lsn",
          );
          lsn = rows[0].lsn;
        } catch {
          return; // the primary is unreachable: nothing to fall back to, leave the set as it is
        }
        await Promise.all(replicas.map((_, i) => checkOne(i, lsn)));
        if (up.join() !== before) onChange(upIndexes());
      } finally {
        running = null;
      }
    })());
  const upIndexes = () => up.flatMap((isUp, i) => (isUp ? [i] : []));

  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();

  return {
    isUp: index => up[index] ?? false,
    check,
    async close() {
      clearInterval(timer);
      await running;
      await Promise.all([primary, ...replicas].map(p => p.end()));
    },
  };
}

/**
 * MikroORM's PostgreSQL driver, sending reads only to the replicas that take them
 * (`routeReadsTo`); with none, to the primary. MikroORM's own choice is a random replica,
 * reachable or not.
 */
export class RoutedPostgreSqlDriver extends PostgreSqlDriver {
  /** Indexes of the replicas that take reads; null: all of them (no watcher). */
  private readable: readonly number[] | null = null;

  routeReadsTo(up: readonly number[]): void {
    this.readable = up;
  }

  override getConnection(type: ConnectionType = "write"): PostgreSqlConnection {
    const readable = this.readable;
    if (type === "write" || readable === null || this.replicas.length === 0) {
      return super.getConnection(type);
    }
    if (readable.length === 0) return this.connection;
    return this.replicas[readable[Math.floor(Math.random() * readable.length)]];
  }
}
