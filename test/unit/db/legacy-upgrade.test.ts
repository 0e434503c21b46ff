import "reflect-metadata";
import type { EntityManager } from "@mikro-orm/postgresql";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { reachableBinaries, runAsIds } from "../../../server/db/embedded-postgres.js";
import { initOrm, migrate } from "../../../server/db/orm.js";
import { prepareDatabase } from "../../../server/db/prepare.js";
import { loadOfficialSeeds } from "../../../server/db/seed/load-official.js";

/**
 * Issue 12 item 2, upgrade: a data folder made by an earlier version (pg_hba `trust`, the app
 * connected as the superuser `postgres`, which owns every table) must come out of the next start
 * with passwords, the app's role owning its tables, osh_audit owning audit_log, and its data.
 */
const base = mkdtempSync(join(tmpdir(), "osh-legacy-"));
chmodSync(base, 0o755);
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function query(url: string, sql: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** What the earlier version did: initdb --auth=trust, then migrations and seeds as postgres. */
async function legacyFolder(dataDir: string): Promise<Record<string, number>> {
  const ids = runAsIds();
  const bin = await reachableBinaries(ids);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(dataDir, ids.uid, ids.gid);
  const init = spawnSync(
    bin.initdb,
    ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"],
    { ...(ids ?? {}) },
  );
  expect(init.status).toBe(0);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(
    bin.postgres,
    ["-D", dataDir, "-p", String(port), "-h", "127.0.0.1", "-k", ""],
    { ...(ids ?? {}), stdio: "ignore" },
  );
  const url = (db: string) => `postgresql://postgres@127.0.0.1:${port}/${db}`;
  try {
    for (let i = 0; ; i++) {
      try {
        await query(url("postgres"), "create database osh");
        break;
      } catch (error) {
        if (i > 100) throw error;
        await new Promise(r => setTimeout(r, 50));
      }
    }
    const orm = await initOrm({ clientUrl: url("osh"), poolMax: 2 });
    await migrate(orm);
    await loadOfficialSeeds(orm.em.fork() as EntityManager);
    await orm.close();
    await query(
      url("osh"),
      `insert into audit_log (user_name, entity, entity_id, action) values ('old', 'Test', '1', 'CREATE')`,
    );
    return (
      await query(
        url("osh"),
        `select (select count(*)::int from source) sources, (select count(*)::int from observation) observations, (select count(*)::int from audit_log) audit`,
      )
    )[0];
  } finally {
    await new Promise(done => {
      server.once("exit", done);
      server.kill("SIGINT");
    });
  }
}

describe("upgrading a data folder of an earlier version", () => {
  it("sets passwords, hands the tables to the app role and audit_log to osh_audit, and keeps the data", async () => {
    const before = await legacyFolder(join(base, "pg"));
    expect(readFileSync(join(base, "pg", "pg_hba.conf"), "utf8")).toMatch(/trust/);
    const db = await prepareDatabase({
      databaseUrl: null,
      replicaUrls: [],
      dataDir: base,
      illustrative: false,
      log: () => {},
    });
    try {
      const counts = (
        await db.orm.em
          .getConnection()
          .execute(
            `select (select count(*)::int from source) sources, (select count(*)::int from observation) observations, (select count(*)::int from audit_log) audit, current_user as me`,
          )
      )[0];
      expect(counts).toEqual({ ...before, me: "osh_app" });
      expect(readFileSync(join(base, "pg", "pg_hba.conf"), "utf8")).not.toMatch(
        /trust|replication/,
      );
      const port = new URL(db.url).port;
      await expect(
        query(`postgresql://postgres@127.0.0.1:${port}/osh`, "select 1"),
      ).rejects.toThrow(/password/);
      const owners = await db.orm.em
        .getConnection()
        .execute(
          `select relname, pg_get_userbyid(relowner) as owner from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'S', 'v', 'm') order by 1`,
        );
      expect(owners.length).toBeGreaterThan(20);
      for (const { relname, owner } of owners) {
        expect([relname, owner]).toEqual([
          relname,
          relname.startsWith("audit_log") ? "osh_audit" : "osh_app",
        ]);
      }
      await expect(db.orm.em.getConnection().execute(`delete from audit_log`)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await db.close();
    }
  }, 120_000);
});
