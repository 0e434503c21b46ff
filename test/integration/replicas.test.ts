import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { Role } from "../../server/auth/user.entity.js";
import { startStreamingPair, withClient, type StreamingPair } from "../helpers/replica.js";
import { makeUser } from "../helpers/users.js";

/**
 * DATABASE_REPLICA_URLS with a REAL physical streaming replica (test/helpers/replica.ts): the
 * app reads from the standby, writes to the primary, and a mutation is acknowledged only once
 * the standby replayed it (server/db/replica-lag.ts), so a read sent after the acknowledgement
 * shows the write. Pausing the standby's replay is what proves where each statement goes.
 * Stopping and restarting the standby shows reads falling back to the primary and coming back
 * only once the standby has caught up (server/db/replica-health.ts).
 */
let pair: StreamingPair;
let app: RunningApp;
let token: string;
const logLines: string[] = [];
beforeAll(async () => {
  pair = await startStreamingPair();
  app = await startApp({
    databaseUrl: pair.primary.url,
    replicaUrls: [pair.replicaUrl],
    port: 0,
    production: true,
    illustrative: false,
    log: line => logLines.push(line),
  });
  ({ token } = await makeUser(app.orm, "Replica admin", Role.ADMIN));
});
afterAll(async () => {
  await app?.close();
  await pair?.stop();
});

const onPrimary = (sql: string, params: unknown[] = []) =>
  withClient(pair.primary.url, async c => (await c.query(sql, params)).rows);
const onStandby = (sql: string, params: unknown[] = []) =>
  withClient(pair.replicaAdminUrl, async c => (await c.query(sql, params)).rows);

async function gql(query: string, variables: Record<string, unknown> = {}, auth = false) {
  const response = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

const titleOf = async (code: string) =>
  (await gql("query($c: Code!) { source(code: $c) { title } }", { c: code })).data?.source
    ?.title as string | undefined;

/** Waits until the standby has replayed everything the primary has written so far. */
async function standbyCaughtUp(): Promise<void> {
  const [{ lsn }] = await onPrimary("select pg_current_wal_insert_lsn()::text as lsn");
  for (let i = 0; i < 500; i++) {
    const [{ ok }] = await onStandby("select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok", [lsn]);
    if (ok) return;
    await new Promise(done => setTimeout(done, 20));
  }
  throw new Error("the standby did not catch up");
}

describe("a streaming read replica", () => {
  it("streams the primary's WAL to a hot standby", async () => {
    const streaming = await withClient(
      pair.primary.adminUrlFor("postgres"),
      async c =>
        (
          await c.query(
            "select application_name, state, sync_state from pg_stat_replication where application_name = $1",
            [pair.standbyName],
          )
        ).rows,
    );
    expect(streaming).toEqual([
      { application_name: pair.standbyName, state: "streaming", sync_state: "async" },
    ]);
    expect(await onStandby("select pg_is_in_recovery() as r")).toEqual([{ r: true }]);
    // The migrations and seeds that startApp ran on the primary arrived on the standby.
    await standbyCaughtUp();
    const count = "select count(*)::int as n from source";
    expect((await onStandby(count))[0].n).toBeGreaterThan(0);
    expect(await onStandby(count)).toEqual(await onPrimary(count));
    // A standby refuses writes, even from a superuser.
    await expect(onStandby("create table not_here (id int)")).rejects.toThrow(/read-only/);
  });

  it("answers reads from the replica: a paused standby serves the old row", async () => {
    await onPrimary(
      `insert into source (code, title, grade) values ('replica-row', 'first title', 'C')`,
    );
    await standbyCaughtUp();
    expect(await titleOf("replica-row")).toBe("first title");

    await onStandby("select pg_wal_replay_pause()");
    try {
      await onPrimary(`update source set title = 'second title' where code = 'replica-row'`);
      expect(await onPrimary(`select title from source where code = 'replica-row'`)).toEqual([
        { title: "second title" },
      ]);
      // The primary has the new title; the API still answers the old one: it read the standby.
      expect(await titleOf("replica-row")).toBe("first title");
    } finally {
      await onStandby("select pg_wal_replay_resume()");
    }
    await standbyCaughtUp();
    // The cached answer is forgotten again once the standby replayed the change.
    for (let i = 0; i < 100 && (await titleOf("replica-row")) !== "second title"; i++) {
      await new Promise(done => setTimeout(done, 50));
    }
    expect(await titleOf("replica-row")).toBe("second title");
  });

  it("writes to the primary and acknowledges a write only once the standby replayed it", async () => {
    await onStandby("select pg_wal_replay_pause()");
    let acknowledged = false;
    const mutation = gql(
      `mutation { createSource(input: { code: "replica-write", title: "written through the API", grade: C }) { code } }`,
      {},
      true,
    ).then(result => {
      acknowledged = true;
      return result;
    });
    try {
      // The row is committed on the primary while the paused standby does not have it...
      let onPrimaryRows: unknown[] = [];
      for (let i = 0; i < 200 && !onPrimaryRows.length; i++) {
        onPrimaryRows = await onPrimary(`select code from source where code = 'replica-write'`);
        if (!onPrimaryRows.length) await new Promise(done => setTimeout(done, 25));
      }
      expect(onPrimaryRows).toHaveLength(1);
      expect(await onStandby(`select code from source where code = 'replica-write'`)).toEqual([]);
      // ...and the answer is held back meanwhile (it waits up to 5 s for the replay).
      await new Promise(done => setTimeout(done, 500));
      expect(acknowledged).toBe(false);
    } finally {
      await onStandby("select pg_wal_replay_resume()");
    }
    const result = await mutation;
    expect(result.errors).toBeUndefined();
    expect(result.data?.createSource.code).toBe("replica-write");
    // The first read after the acknowledgement, served by the standby, shows the write.
    expect(await titleOf("replica-write")).toBe("written through the API");
  });

  it("reads and writes go on when the standby is down: the primary takes its reads", async () => {
    await pair.stopReplica();
    await logged(/read replica 1 cannot be reached .*reads go to the primary/);
    const count = "select count(*)::int as n from source";
    const read = await gql(`{ sources(first: 1) { totalCount } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data?.sources.totalCount).toBe((await onPrimary(count))[0].n);
    // A write reads the caller's token first: from the primary now, so it goes through.
    const write = await gql(
      `mutation { createSource(input: { code: "replica-down", title: "written while it was down", grade: C }) { code } }`,
      {},
      true,
    );
    expect(write.errors).toBeUndefined();
    expect(await onPrimary(`select title from source where code = 'replica-down'`)).toEqual([
      { title: "written while it was down" },
    ]);
    expect(await titleOf("replica-down")).toBe("written while it was down");
  });

  it("takes the standby back only once it has replayed what was written meanwhile", async () => {
    await pair.startReplica();
    await logged(/read replica 1 is back and caught up/);
    // What was written while it was down is on it before it takes a read.
    expect(await onStandby(`select title from source where code = 'replica-down'`)).toEqual([
      { title: "written while it was down" },
    ]);
    // And reads go to it again: with its replay paused, a row new on the primary is not found
    // (a code never asked for before, so no cached answer stands in for the read).
    await onStandby("select pg_wal_replay_pause()");
    try {
      await onPrimary(
        `insert into source (code, title, grade) values ('replica-back', 'only on the primary', 'C')`,
      );
      const read = await gql(`{ source(code: "replica-back") { title } }`);
      expect(read.errors).toBeUndefined();
      expect(read.data?.source).toBeNull();
    } finally {
      await onStandby("select pg_wal_replay_resume()");
    }
    await standbyCaughtUp();
    for (let i = 0; i < 100 && (await titleOf("replica-back")) !== "only on the primary"; i++) {
      await new Promise(done => setTimeout(done, 50));
    }
    expect(await titleOf("replica-back")).toBe("only on the primary");
  });
});

/** Waits (up to 10 s) until the app has logged a line matching `pattern`. */
async function logged(pattern: RegExp): Promise<void> {
  for (let i = 0; i < 200 && !logLines.some(l => pattern.test(l)); i++) {
    await new Promise(done => setTimeout(done, 50));
  }
  expect(logLines.find(l => pattern.test(l))).toMatch(pattern);
}
