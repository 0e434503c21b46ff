import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * Issue 12 item 3: the trigger that keeps audit_log append-only protects nothing if the role
 * the app connects as may switch it off. The app's role may only add and read audit rows.
 */
let db: TestDb;
let client: pg.Client;
beforeAll(async () => {
  db = await openTestDb("audit_guard");
  client = new pg.Client({ connectionString: db.url }); // the same role the app (and every test) uses
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db.close();
});

/** Each attempt in its own transaction, rolled back, so one refusal does not hide the next. */
async function attempt(sql: string): Promise<void> {
  await client.query("begin");
  try {
    await client.query(sql);
  } finally {
    await client.query("rollback");
  }
}

// On DATABASE_URL the role is the one given, maybe a superuser, that no grant restricts (README "Database roles").
describe.skipIf(!!process.env.DATABASE_URL)("audit_log as the app role", () => {
  it("connects as a role that is not superuser", async () => {
    const { rows } = await client.query(
      "select rolsuper from pg_roles where rolname = current_user",
    );
    expect(rows[0].rolsuper).toBe(false);
  });

  it("can insert and read audit rows", async () => {
    const { rows } = await client.query(
      `insert into audit_log (user_name, entity, entity_id, action, note) values ('test', 'Test', '1', 'CREATE', 'guard') returning id`,
    );
    const read = await client.query("select note from audit_log where id = $1", [rows[0].id]);
    expect(read.rows).toEqual([{ note: "guard" }]);
  });

  it.each([
    ["UPDATE", `update audit_log set user_name = 'someone else'`],
    ["DELETE", "delete from audit_log"],
    ["TRUNCATE", "truncate audit_log"],
    ["disabling its trigger", "alter table audit_log disable trigger all"],
    [
      "disabling its trigger by name",
      "alter table audit_log disable trigger audit_log_no_update_delete",
    ],
    [
      "replacing the trigger function",
      `create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$ begin return old; end $$`,
    ],
    ["replica mode (skips triggers)", `set local session_replication_role = replica`],
    ["dropping the table", "drop table audit_log"],
    ["renaming the table", "alter table audit_log rename to audit_log_old"],
  ])("refuses %s", async (_what, sql) => {
    await expect(attempt(sql)).rejects.toThrow(
      /permission denied|must be owner|append-only|must be superuser/,
    );
  });

  it("still refuses UPDATE through the trigger after all of the above", async () => {
    await expect(attempt(`update audit_log set note = 'x'`)).rejects.toThrow(
      /permission denied|append-only/,
    );
  });
});
