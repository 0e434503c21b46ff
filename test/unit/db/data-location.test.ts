import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../../server/db/embedded-postgres.js";

/**
 * Issue 12 item 14: when the server runs as root and the postgres user cannot enter DATA_DIR
 * (a checkout under /root, mode 700), the data used to land in the temp folder, which many
 * systems empty on reboot. It must go to a persistent place instead.
 */
const root = process.getuid?.() === 0;
const base = mkdtempSync(join(tmpdir(), "osh-loc-")); // mode 700: the postgres user cannot enter
const cleanup: string[] = [base];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

async function query(url: string, sql: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!root)("data folder the postgres user cannot reach", () => {
  it("keeps the data in a persistent folder, not under the temp folder, across a stop and start", async () => {
    expect(statSync(base).mode & 0o777).toBe(0o700);
    const wanted = join(base, "data", "pg");
    const lines: string[] = [];
    let db = await startEmbeddedPostgres({
      dataDir: wanted,
      database: "osh",
      ephemeral: true,
      log: l => lines.push(l),
    });
    cleanup.unshift(join(db.dataDir, ".."));
    try {
      expect(db.dataDir).not.toBe(wanted);
      expect(relative(tmpdir(), db.dataDir).startsWith("..")).toBe(true);
      expect(db.dataDir.startsWith("/var/lib/osh-observatory/")).toBe(true);
      expect(lines.join("\n")).toContain(db.dataDir); // said where, at start
      await query(db.url, "create table kept (v int); insert into kept values (7)");
      await db.stop();
      db = await startEmbeddedPostgres({ dataDir: wanted, database: "osh", ephemeral: true });
      expect(await query(db.url, "select v from kept")).toEqual([{ v: 7 }]);

      // A folder an earlier version kept in the temp folder is moved to the persistent place.
      await db.stop();
      const chosen = db.dataDir;
      const stamp = createHash("sha1").update(wanted).digest("hex").slice(0, 12);
      const old = join(tmpdir(), `osh-observatory-data-${stamp}`);
      cleanup.push(old);
      mkdirSync(old, { mode: 0o755 });
      renameSync(chosen, join(old, "pg"));
      db = await startEmbeddedPostgres({ dataDir: wanted, database: "osh", ephemeral: true });
      expect(db.dataDir).toBe(chosen);
      expect(existsSync(join(old, "pg"))).toBe(false);
      expect(await query(db.url, "select v from kept")).toEqual([{ v: 7 }]);
    } finally {
      await db.stop();
    }
  }, 60_000);
});
