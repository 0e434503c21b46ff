import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { copyToYear, twoOverlappingCopies } from "../helpers/observation-copies.js";
import { createExecutor } from "../helpers/server.js";

/**
 * `observation_count` (Migration20261201110000) is kept by triggers: after any write to
 * `observation` (insert, update of data set, unit, indicator or review state, delete, truncate,
 * two transactions on one key), it holds what counting `observation` gives, and the
 * `observations` connection's totalCount, which sums it, equals the count of the rows.
 */
let db: TestDb;
let client: pg.Client;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("obscount");
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await client.end();
  await db.close();
});

const KEY = "dataset, indicator_id, unit_id";

/** The table against a count of `observation`; the number of keys. */
async function expectSameAsObservations(): Promise<number> {
  const kept = await client.query(`select ${KEY}, n::int from observation_count order by ${KEY}`);
  const counted = await client.query(
    `select ${KEY}, count(*)::int as n from observation where review_state = 'APPROVED'
      group by ${KEY} order by ${KEY}`,
  );
  expect(kept.rows).toEqual(counted.rows);
  return kept.rows.length;
}

/** totalCount of the observations of these data sets (and units), from the API. */
async function totalCount(filter: string): Promise<number> {
  const res = await gql.run<{ observations: { totalCount: number } }>(
    `{ observations(first: 1, filter: ${filter}) { totalCount } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.observations.totalCount;
}

async function approvedCount(where: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `select count(*)::int as n from observation o join administrative_unit u on u.id = o.unit_id
      where o.review_state = 'APPROVED' and ${where}`,
  );
  return rows[0].n;
}

async function someRow(dataset: string) {
  const { rows } = await client.query<{ id: number; unit_id: number }>(
    `select id, unit_id from observation where dataset = $1 and review_state = 'APPROVED'
      order by id limit 1`,
    [dataset],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe("observation_count", () => {
  it("holds what the seeded observations hold, and totalCount is the count of the rows", async () => {
    expect(await expectSameAsObservations()).toBeGreaterThan(0);
    expect(await totalCount("{ datasets: [OFFICIAL, ILLUSTRATIVE] }")).toBe(
      await approvedCount("true"),
    );
    expect(await totalCount('{ datasets: [ILLUSTRATIVE], units: ["vn"] }')).toBe(
      await approvedCount("o.dataset = 'ILLUSTRATIVE' and u.code = 'vn'"),
    );
  });

  it("follows inserts, updates of every column it counts by, and deletes", async () => {
    const official = await someRow("OFFICIAL");
    const illustrative = await someRow("ILLUSTRATIVE");
    const before = await totalCount("{ datasets: [OFFICIAL] }");
    await copyToYear(client, official.id, 1990);
    await copyToYear(client, illustrative.id, 1991);
    await expectSameAsObservations();
    expect(await totalCount("{ datasets: [OFFICIAL] }")).toBe(before + 1);
    await client.query(`update observation set review_state = 'DRAFT' where year = 1990`);
    await expectSameAsObservations();
    expect(await totalCount("{ datasets: [OFFICIAL] }")).toBe(before);
    await client.query(`update observation set review_state = 'APPROVED' where year = 1990`);
    await client.query(`update observation set dataset = 'ILLUSTRATIVE', status = 'ILLUSTRATIVE',
      grade = null where year = 1990`);
    await expectSameAsObservations();
    const other = await client.query<{ id: number }>(
      `select id from administrative_unit where id <> $1 order by id limit 1`,
      [official.unit_id],
    );
    await client.query(`update observation set unit_id = $1 where year in (1990, 1991)`, [
      other.rows[0].id,
    ]);
    await client.query(`update observation set indicator_id = (select min(id) from indicator)
      where year = 1991`);
    await expectSameAsObservations();
    await client.query(`delete from observation where year in (1990, 1991)`);
    await expectSameAsObservations();
    expect(await totalCount("{ datasets: [OFFICIAL] }")).toBe(before);
  });

  it("is right after two transactions write one key at once", async () => {
    const row = await someRow("ILLUSTRATIVE");
    await twoOverlappingCopies(db.url, row.id, [1993, 1994]);
    await expectSameAsObservations();
  });

  it("is emptied with a truncated observation table", async () => {
    await client.query("truncate observation cascade");
    expect(await expectSameAsObservations()).toBe(0);
    expect(await totalCount("{ datasets: [OFFICIAL, ILLUSTRATIVE] }")).toBe(0);
  });
});
