import type { PoolConfig } from "@mikro-orm/core";
import { MikroORM } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ormConfig } from "../../server/db/orm.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";

/**
 * A slow summary that hits a limit of the database answers SERVICE_UNAVAILABLE with the limit
 * named, never INTERNAL_SERVER_ERROR (the raw check-up summary at bench scale 1000 did). The
 * limits are made small here: a pool of one connection held by another transaction and a
 * short acquire timeout; a statement timeout of 100 ms while the tables are locked.
 */
let db: TestDb;
interface PgConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}

// A year range without YEAR in the grouping: no rollup can answer, the raw rows are aggregated.
const RAW_CHECKUPS = `{ checkupSummary(groupBy: [SECTOR], yearFrom: 2020, yearTo: 2025, datasets: [OFFICIAL, ILLUSTRATIVE]) { sector establishments cases } }`;
const RAW_MONITORING = `{ monitoringSummary(groupBy: [FACTOR], yearFrom: 2020, yearTo: 2025, datasets: [OFFICIAL, ILLUSTRATIVE]) { factor sites samples } }`;

beforeAll(async () => {
  db = await openTestDb("summary_limits");
});
afterAll(async () => {
  await db.close();
});

async function withOrm(pool: PoolConfig, work: (orm: MikroORM) => Promise<void>): Promise<void> {
  const config = ormConfig({ clientUrl: db.url, countSql: false });
  const orm = await MikroORM.init({ ...config, pool: { min: 0, ...pool } });
  try {
    await work(orm);
  } finally {
    await orm.close();
  }
}

describe("summaries at a database limit", () => {
  it("answer the summary itself when no limit is hit", async () => {
    await withOrm({ max: 2 }, async orm => {
      const gql = await createExecutor(orm);
      const result = await gql.run<any>(RAW_CHECKUPS);
      expect(result.errors).toBeUndefined();
      expect(result.data!.checkupSummary.length).toBeGreaterThan(0);
      await gql.stop();
    });
  });

  it("name the pool timeout when every connection stays busy", async () => {
    await withOrm({ max: 1, acquireTimeoutMillis: 200 }, async orm => {
      const gql = await createExecutor(orm);
      const knex = orm.em.getKnex("write");
      let release!: () => void;
      const held = new Promise<void>(resolve => (release = resolve));
      // Takes the only connection until released.
      const holder = knex.transaction(async trx => {
        await trx.raw("select 1");
        await held;
      });
      await new Promise(r => setTimeout(r, 50));
      for (const query of [RAW_CHECKUPS, RAW_MONITORING]) {
        const result = await gql.run(query);
        expect(result.data).toBeNull();
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0].extensions).toMatchObject({
          code: "SERVICE_UNAVAILABLE",
          limit: "POOL_TIMEOUT",
        });
        expect(result.errors![0].message).toMatch(
          /busy.*waited too long for a database connection/,
        );
      }
      release();
      await holder;
      expect((await gql.run(RAW_CHECKUPS)).errors).toBeUndefined();
      await gql.stop();
    });
  });

  it("name a statement stopped by the statement timeout", async () => {
    // The tables are locked by another transaction, so the summaries' statements wait until the
    // statement timeout (100 ms on every connection of this ORM) stops them.
    const locker = db.em().getKnex("write");
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>(resolve => (locked = resolve));
    const holder = locker.transaction(async trx => {
      await trx.raw("lock table health_checkup, monitoring_result in access exclusive mode");
      locked();
      await held;
    });
    await isLocked;
    try {
      await withOrm(
        {
          max: 2,
          afterCreate: (
            connection: PgConnection,
            done: (error: Error | null, c: PgConnection) => void,
          ) =>
            connection.query("set statement_timeout = 100", (error: Error | null) =>
              done(error, connection),
            ),
        },
        async orm => {
          const gql = await createExecutor(orm);
          for (const query of [RAW_CHECKUPS, RAW_MONITORING]) {
            const result = await gql.run(query);
            expect(result.data).toBeNull();
            expect(result.errors?.[0]?.extensions).toMatchObject({
              code: "SERVICE_UNAVAILABLE",
              limit: "STATEMENT_CANCELLED",
            });
            expect(result.errors![0].message).toMatch(/took too long and the database stopped it/);
          }
          await gql.stop();
        },
      );
    } finally {
      release();
      await holder;
    }
  });
});
