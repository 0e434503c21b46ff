import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from "../../../server/db/embedded-postgres.js";

/**
 * Issue 12 item 2: the embedded PostgreSQL must not trust local users. Any OS user can reach
 * 127.0.0.1, so every login needs a password, and the app's own role is no superuser.
 */
const base = mkdtempSync(join(tmpdir(), "osh-auth-"));
chmodSync(base, 0o755); // the postgres user must be able to enter it
const dataDir = join(base, "data", "pg");
let db: EmbeddedPostgres;
const tmpBefore = new Set(readdirSync(tmpdir()));

async function query(url: string, sql: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await startEmbeddedPostgres({ dataDir, database: "osh", ephemeral: true });
}, 60_000);
afterAll(async () => {
  await db?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe("embedded PostgreSQL authentication", () => {
  it("listens on 127.0.0.1 only", async () => {
    const rows = await query(
      db.adminUrlFor("osh"),
      `select current_setting('listen_addresses') a, current_setting('unix_socket_directories') s`,
    );
    expect(rows[0]).toEqual({ a: "127.0.0.1", s: "" });
  });

  it("refuses a connection without a password, as the superuser or the app role", async () => {
    for (const user of ["postgres", "osh_app"]) {
      await expect(
        query(`postgresql://${user}@127.0.0.1:${db.port}/osh`, "select 1"),
      ).rejects.toThrow(/password/);
    }
  });

  it("connects the app as a role that is no superuser and cannot run programs", async () => {
    const [me] = await query(
      db.url,
      "select current_user u, rolsuper, rolcreaterole, rolreplication from pg_roles where rolname = current_user",
    );
    expect(me).toEqual({
      u: "osh_app",
      rolsuper: false,
      rolcreaterole: false,
      rolreplication: false,
    });
    await expect(query(db.url, `copy (select 1) to program 'id'`)).rejects.toThrow(
      /permission denied|must be superuser|privileges/,
    );
  });

  it("writes a pg_hba.conf with passwords for every entry, no trust and no replication", () => {
    const lines = readFileSync(join(db.dataDir, "pg_hba.conf"), "utf8")
      .split("\n")
      .filter(l => l.trim() && !l.trim().startsWith("#"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/scram-sha-256\s*$/);
      expect(line).not.toMatch(/trust|replication/);
    }
  });

  it("keeps the passwords in DATA_DIR, mode 600, and leaves no password file in the temp folder", () => {
    const file = join(dirname(dataDir), "postgres-passwords.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${dataDir}.initdb-pw`)).toBe(false); // what initdb read (a verifier) is gone
    const secrets = JSON.parse(readFileSync(file, "utf8"));
    expect(secrets.superuser.length).toBeGreaterThanOrEqual(32);
    const added = readdirSync(tmpdir()).filter(f => !tmpBefore.has(f));
    expect(added.filter(f => /pg-?pass|password/i.test(f))).toEqual([]);
    // Only what appeared in the temp folder during this test can hold the password: search those
    // entries (not the whole folder, whose size depends on the machine) for its plain text.
    const fresh = added.filter(f => f !== base.split("/").pop()).map(f => join(tmpdir(), f));
    const grep = fresh.length
      ? spawnSync("grep", ["-rlF", secrets.superuser, ...fresh], { encoding: "utf8" })
      : { stdout: "" };
    expect(grep.stdout).toBe("");
  });

  it("starts again on the same folder and keeps the data", async () => {
    await query(db.url, "create table kept (v int); insert into kept values (42)");
    await db.stop();
    db = await startEmbeddedPostgres({ dataDir, database: "osh", ephemeral: true });
    expect(await query(db.url, "select v from kept")).toEqual([{ v: 42 }]);
    await expect(
      query(`postgresql://postgres@127.0.0.1:${db.port}/osh`, "select 1"),
    ).rejects.toThrow(/password/);
  }, 60_000);

  it("sets new passwords when the password file was lost or damaged, and keeps the data", async () => {
    const file = join(dirname(dataDir), "postgres-passwords.json");
    const oldUrl = db.url;
    await db.stop();
    writeFileSync(file, "{ damaged");
    db = await startEmbeddedPostgres({ dataDir, database: "osh", ephemeral: true });
    expect(await query(db.url, "select v from kept")).toEqual([{ v: 42 }]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(query(oldUrl.replace(/:\d+\//, `:${db.port}/`), "select 1")).rejects.toThrow(
      /password/,
    );
  }, 60_000);
});
