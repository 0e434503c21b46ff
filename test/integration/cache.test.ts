import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";

/** The response cache answers repeated anonymous queries before Apollo runs, and forgets them on any committed write. */
let app: RunningApp;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase("cache");
  app = await startApp({ databaseUrl: url, port: 0, production: true, exposeSqlCount: true });
});
afterAll(async () => {
  await app.close();
  await dropTestDatabase(url);
});

const ask = async () => {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: '{ source(code: "moj-nq19") { title } }' }),
  });
  return {
    cache: res.headers.get("x-cache"),
    sql: Number(res.headers.get("x-sql-statements")),
    body: (await res.json()) as { data: { source: { title: string } | null } },
  };
};

describe("response cache", () => {
  it("serves a repeated query without SQL, and a fresh answer after a write by another process", async () => {
    const first = await ask();
    expect(first.cache).toBe("miss");
    expect(first.body.data.source).not.toBeNull();
    const second = await ask();
    expect(second).toMatchObject({ cache: "hit", sql: 0, body: first.body });

    // A write from outside this server (another instance, an import) must invalidate it too.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`update source set title = 'changed elsewhere' where code = 'moj-nq19'`);
    await client.end();
    let third = await ask();
    for (let i = 0; i < 50 && third.body.data.source!.title !== "changed elsewhere"; i++) {
      await new Promise(r => setTimeout(r, 20));
      third = await ask();
    }
    expect(third.body.data.source!.title).toBe("changed elsewhere");
    expect(third.cache).toBe("miss");
  });

  it("computes identical concurrent requests once, and lets the waiters compute again when that fails", async () => {
    const query = JSON.stringify({ query: "{ sources(first: 3) { totalCount nodes { code } } }" });
    const post = async () => {
      const res = await fetch(`${app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: query,
      });
      return {
        cache: res.headers.get("x-cache"),
        body: (await res.json()) as { data?: unknown; errors?: unknown[] },
      };
    };
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    const untilWaiting = async (n: number) => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await locker.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (rows[0].n >= n) return;
        await new Promise(r => setTimeout(r, 10));
      }
      throw new Error("no request reached the lock");
    };
    try {
      // Hold the table so the first request's SQL waits; the four others arrive meanwhile.
      await locker.query("begin");
      await locker.query("lock table source in access exclusive mode");
      const first = post();
      await untilWaiting(1);
      const others = [post(), post(), post(), post()];
      await new Promise(r => setTimeout(r, 100));
      // Only the first request reached PostgreSQL: the others wait for its answer. Its page and
      // count may run side by side on two connections; a second request would repeat them.
      // (Asked outside the locker's transaction, whose view of pg_stat_activity is frozen.)
      const watcher = new pg.Client({ connectionString: url });
      await watcher.connect();
      const { rows } = await watcher
        .query<{ waiting: string[] }>(
          `select coalesce(array_agg(query order by query), '{}') as waiting from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        )
        .finally(() => watcher.end());
      const waiting = rows[0].waiting;
      expect(waiting.length).toBeGreaterThanOrEqual(1);
      expect(waiting.every(q => /\bsource\b/.test(q))).toBe(true);
      expect(new Set(waiting).size).toBe(waiting.length);
      await locker.query("commit");
      const answers = await Promise.all([first, ...others]);
      expect(answers.map(a => a.cache)).toEqual([
        "miss",
        "coalesced",
        "coalesced",
        "coalesced",
        "coalesced",
      ]);
      for (const a of answers) expect(a.body).toEqual(answers[0].body);

      // When the first computation fails (here: its statement is cancelled), nobody receives
      // its error but itself; the waiters run the query on their own and get data.
      const failing = JSON.stringify({ query: "{ sources(first: 2) { totalCount } }" });
      const postFailing = async () => {
        const res = await fetch(`${app.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: failing,
        });
        return (await res.json()) as { data?: unknown; errors?: unknown[] };
      };
      await locker.query("begin");
      await locker.query("lock table source in access exclusive mode");
      const leader = postFailing();
      await untilWaiting(1);
      const waiters = [postFailing(), postFailing()];
      await new Promise(r => setTimeout(r, 100));
      await locker.query(`select pg_cancel_backend(pid) from pg_stat_activity
                          where datname = current_database() and wait_event_type = 'Lock'`);
      await locker.query("commit");
      expect((await leader).errors?.length).toBeGreaterThan(0);
      for (const w of await Promise.all(waiters)) {
        expect(w).toEqual({ data: { sources: { totalCount: expect.any(Number) } } });
      }
    } finally {
      await locker.query("rollback").catch(() => {});
      await locker.end();
    }
  });
});
