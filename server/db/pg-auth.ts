import { spawn, spawnSync } from "node:child_process";
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

/**
 * Passwords of the embedded PostgreSQL (issue 12 item 2). Any OS user can reach 127.0.0.1, so
 * every login needs a password: one for the superuser (only used to set up roles and databases)
 * and one for the app's role. They are generated at first start and kept next to the data
 * folder, in DATA_DIR, mode 600 — never in the temp folder, never printed. PostgreSQL only
 * ever sees SCRAM verifiers (salted hashes), so no statement or file it writes holds a password.
 */
export const SUPERUSER = "postgres";
export const APP_ROLE = "osh_app";
export const SECRETS_FILE = "postgres-passwords.json";

export interface Secrets {
  superuser: string;
  app: string;
}

type Ids = { uid: number; gid: number } | null;

/** The passwords of `dataDir`'s server, created on first use; `created` says they are new. */
export function loadSecrets(secretsDir: string): { secrets: Secrets; created: boolean } {
  const file = join(secretsDir, SECRETS_FILE);
  if (existsSync(file)) {
    chmodSync(file, 0o600); // tighten a file someone loosened
    const parsed = parseSecrets(readFileSync(file, "utf8"));
    if (parsed) return { secrets: parsed, created: false };
    // A damaged file is replaced: the caller then sets the new passwords in the cluster.
  }
  const secrets = { superuser: newPassword(), app: newPassword() };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync's mode is only used when it creates the file
  return { secrets, created: true };
}

const newPassword = () => randomBytes(32).toString("base64url");

function parseSecrets(text: string): Secrets | null {
  try {
    const parsed = JSON.parse(text) as Partial<Secrets>;
    return typeof parsed.superuser === "string" && typeof parsed.app === "string"
      ? { superuser: parsed.superuser, app: parsed.app }
      : null;
  } catch {
    return null;
  }
}

/** A SCRAM-SHA-256 verifier as PostgreSQL stores it: `ALTER ROLE … PASSWORD` accepts it as is. */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** Loopback only, a password for every user and database, and no replication entry at all. */
export const HBA_CONF = `# Written by OSH Observatory at every start (server/db/pg-auth.ts); edits are overwritten.
# Every login needs a password (SCRAM); loopback only; nothing else may connect.
host    all    all    127.0.0.1/32    scram-sha-256
host    all    all    ::1/128         scram-sha-256
`;

export function hbaIsCurrent(dataDir: string): boolean {
  const file = join(dataDir, "pg_hba.conf");
  return existsSync(file) && readFileSync(file, "utf8") === HBA_CONF;
}

/** Rewrites pg_hba.conf when it differs (a folder made by an earlier version trusted everyone). */
export function writeHba(dataDir: string, ids: Ids): void {
  if (hbaIsCurrent(dataDir)) return;
  const file = join(dataDir, "pg_hba.conf");
  writeFileSync(file, HBA_CONF, { mode: 0o600 });
  if (ids) chownSync(file, ids.uid, ids.gid);
}

/**
 * initdb with the superuser's verifier, into a scratch folder renamed into place once complete:
 * a start interrupted during initdb (Ctrl-C) must not leave a half-made cluster that the next
 * start would take for a real one. The password file initdb needs holds no plaintext (a SCRAM
 * verifier) and is removed at once, or at the next start if we were killed meanwhile.
 * Asynchronous, so the app's modules load while initdb runs. With `noSync`, initdb does not
 * wait for its files to reach the disk: the caller then runs `syncCluster` (or the cluster is
 * a throw-away one).
 */
export async function initCluster(
  initdb: string,
  dataDir: string,
  secrets: Secrets,
  ids: Ids,
  { noSync = false } = {},
): Promise<void> {
  const scratch = `${dataDir}.initdb`;
  // initdb reads the file as the postgres user: beside the data folder, which that user can reach.
  const pwfile = `${dataDir}.initdb-pw`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { mode: 0o700 });
  writeFileSync(pwfile, scramVerifier(secrets.superuser) + "\n", { mode: 0o600 });
  try {
    if (ids) chownSync(scratch, ids.uid, ids.gid);
    if (ids) chownSync(pwfile, ids.uid, ids.gid);
    await run(
      "initdb",
      initdb,
      [
        "-D",
        scratch,
        "-U",
        SUPERUSER,
        "--auth=scram-sha-256",
        `--pwfile=${pwfile}`,
        "--encoding=UTF8",
        "--locale=C",
        "--no-instructions",
        ...(noSync ? ["--no-sync"] : []),
      ],
      ids,
    );
    writeHba(scratch, ids);
    if (existsSync(dataDir)) rmdirSync(dataDir); // an empty folder only: anything else is refused here
    renameSync(scratch, dataDir);
  } finally {
    rmSync(pwfile, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `initdb --sync-only`: every file of the cluster (made with `noSync`) written to the disk. */
export function syncCluster(initdb: string, dataDir: string, ids: Ids): Promise<void> {
  return run("initdb --sync-only", initdb, ["--sync-only", "-D", dataDir], ids);
}

function run(what: string, binary: string, args: string[], ids: Ids): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(binary, args, { ...(ids ?? {}), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.once("error", error => fail(new Error(`${what} failed: ${error.message}`)));
    child.once("exit", code =>
      code === 0 ? done() : fail(new Error(`${what} failed (${code}): ${stderr}`)),
    );
  });
}

/**
 * Sets the superuser's password without opening the server to the network: single-user mode,
 * used to upgrade a folder made by an earlier version (trust, no password) or whose password
 * file was lost.
 */
export function resetSuperuserPassword(
  postgres: string,
  dataDir: string,
  secrets: Secrets,
  ids: Ids,
): void {
  const result = spawnSync(
    postgres,
    ["--single", "-D", dataDir, "-c", "exit_on_error=true", "postgres"],
    {
      ...(ids ?? {}),
      input: `alter role ${SUPERUSER} password '${scramVerifier(secrets.superuser)}'\n`,
      encoding: "utf8",
    },
  );
  if (result.status !== 0) {
    throw new Error(`could not set the PostgreSQL password (${result.status}): ${result.stderr}`);
  }
}

export function urlOf(user: string, password: string, port: number, database: string): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}
