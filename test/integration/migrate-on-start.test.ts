import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../server/db/orm.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * migrate() at every start: when every migration file is recorded it returns without loading the
 * Migrator (start speed, issue 14 item 5); when one is not recorded it still applies it.
 */
let db: TestDb;
let client: pg.Client;
const recorded = async () =>
  (
    await client.query<{ name: string }>("select name from mikro_orm_migrations order by name")
  ).rows.map(r => r.name);

beforeAll(async () => {
  db = await openTestDb("migrate_on_start");
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db.close();
});

describe("migrate() at start", () => {
  it("changes nothing on a database that has every migration", async () => {
    const before = await recorded();
    expect(before.length).toBeGreaterThan(10);
    await migrate(db.orm);
    expect(await recorded()).toEqual(before);
  });

  it("applies a migration that is not recorded (the Migrator is loaded then)", async () => {
    // Forget the newest record: the start must run that migration again. Its objects still
    // exist, so the re-run either succeeds (and records it) or fails on them; a skipped
    // migration would end without error and without the record.
    const before = await recorded();
    const newest = before.at(-1)!;
    await client.query("delete from mikro_orm_migrations where name = $1", [newest]);
    expect(await recorded()).not.toContain(newest);
    const outcome = await migrate(db.orm).then(
      () => "applied",
      (error: unknown) => String(error),
    );
    if (outcome === "applied") expect(await recorded()).toContain(newest);
    else expect(outcome).toContain(newest);
  });
});
