import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initOrm } from "../../server/db/orm.js";
import { Source } from "../../server/sources/source.entity.js";
import { Grade } from "../../server/graphql/enums.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import type { MikroORM } from "@mikro-orm/core";

/**
 * DATABASE_REPLICA_URLS routes reads to replicas and writes to the primary. Two clones of the
 * seeded database stand in for a primary and its streaming replica; they differ in one title,
 * so the answer shows which one served it.
 */
let primaryUrl: string;
let replicaUrl: string;
let orm: MikroORM;
beforeAll(async () => {
  primaryUrl = await createTestDatabase("primary");
  replicaUrl = await createTestDatabase("replica");
  await sql(
    replicaUrl,
    `update source set title = 'served by the replica' where code = (select min(code) from source)`,
  );
  orm = await initOrm({ clientUrl: primaryUrl, replicaUrls: [replicaUrl] });
});
afterAll(async () => {
  await orm.close();
  await dropTestDatabase(primaryUrl);
  await dropTestDatabase(replicaUrl);
});

async function sql<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("read replicas", () => {
  it("serves GraphQL reads from the replica", async () => {
    const gql = await createExecutor(orm);
    const [{ code }] = await sql<{ code: string }>(
      primaryUrl,
      "select min(code) as code from source",
    );
    const result = await gql.run<{ source: { title: string } }>(
      "query($c: Code!) { source(code: $c) { title } }",
      { c: code },
    );
    expect(result.data?.source.title).toBe("served by the replica");
    await gql.stop();
  });

  it("sends writes to the primary only", async () => {
    const em = orm.em.fork();
    em.create(Source, {
      code: "replica-routing-check",
      title: "written through the ORM",
      grade: Grade.C,
    });
    await em.flush();
    expect(
      await sql(primaryUrl, `select code from source where code = 'replica-routing-check'`),
    ).toHaveLength(1);
    expect(
      await sql(replicaUrl, `select code from source where code = 'replica-routing-check'`),
    ).toHaveLength(0);
  });
});
