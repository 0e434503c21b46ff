import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Migration20261130171004 } from "../../server/db/migrations/Migration20261130171004.js";
import { Migration20261130201500 } from "../../server/db/migrations/Migration20261130201500.js";
import { APP_ROLE } from "../../server/db/pg-auth.js";
import { protectAuditLog } from "../../server/db/roles.js";
import { withDatabase } from "../helpers/global-setup.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * A database made by the previous version already has audit_log handed to osh_audit, so the
 * app's role, which runs the migrations, may not alter it. The migration that adds the REJECT
 * action must still apply there (it failed with "must be owner of table audit_log" on the first
 * `npm start` over an existing data folder), and the start's protectAuditLog, which has the
 * owner's rights, must bring the action list up to date.
 */
let db: TestDb;
let app: pg.Client;
let admin: pg.Client;
const actionCheck = async () =>
  (
    await admin.query(
      `select pg_get_constraintdef(oid) as def from pg_constraint
       where conrelid = 'public.audit_log'::regclass and conname = 'audit_log_action_check'`,
    )
  ).rows[0]?.def as string | undefined;

beforeAll(async () => {
  db = await openTestDb("audit_upgrade");
  app = new pg.Client({ connectionString: db.url });
  await app.connect();
  admin = new pg.Client({
    connectionString: withDatabase(inject("adminUrl"), new URL(db.url).pathname.slice(1)),
  });
  await admin.connect();
});
afterAll(async () => {
  await app?.end();
  await admin?.end();
  await db.close();
});

describe.skipIf(!!process.env.DATABASE_URL)(
  "upgrading a database whose audit_log was handed over",
  () => {
    it("runs the REJECT migration as the app role without touching audit_log", async () => {
      // The state before that migration: the old action list, audit_log owned by osh_audit.
      await admin.query(`alter table audit_log drop constraint audit_log_action_check`);
      await admin.query(
        `alter table audit_log add constraint audit_log_action_check check (action in ('CREATE', 'UPDATE', 'DELETE', 'APPROVE'))`,
      );
      const owner = await admin.query(
        `select pg_get_userbyid(relowner) as owner from pg_class where oid = 'public.audit_log'::regclass`,
      );
      expect(owner.rows[0].owner).toBe("osh_audit");
      const migration = new Migration20261130171004(
        db.em().getDriver(),
        db.orm.config,
      ) as unknown as { up(): Promise<void>; getQueries(): { sql: string }[] | string[] };
      await migration.up();
      const statements = (migration.getQueries() as (string | { sql: string })[]).map(q =>
        typeof q === "string" ? q : q.sql,
      );
      const auditStatements = statements.filter(sql => sql.includes("audit_log"));
      expect(auditStatements).toHaveLength(1);
      // As osh_app this statement must be a no-op, not "must be owner of table audit_log".
      await expect(app.query(auditStatements[0]!)).resolves.toBeDefined();
      expect(await actionCheck()).not.toContain("REJECT");
    });

    it("lets the start's protectAuditLog add the new action, and only when it is missing", async () => {
      const logged: string[] = [];
      const adminDbUrl = withDatabase(inject("adminUrl"), new URL(db.url).pathname.slice(1));
      await protectAuditLog(adminDbUrl, APP_ROLE, line => logged.push(line));
      expect(logged).toEqual([]);
      expect(await actionCheck()).toContain("REJECT");
      // The app role can now record a rejection.
      await expect(
        app.query(
          `insert into audit_log (at, user_name, entity, entity_id, action) values (now(), 'test', 'observation', '1', 'REJECT')`,
        ),
      ).resolves.toBeDefined();
      // A second start changes nothing (the check is not replaced when it is already right).
      const before = await admin.query(
        `select oid from pg_constraint where conname = 'audit_log_action_check' and conrelid = 'public.audit_log'::regclass`,
      );
      await protectAuditLog(adminDbUrl, APP_ROLE, line => logged.push(line));
      const after = await admin.query(
        `select oid from pg_constraint where conname = 'audit_log_action_check' and conrelid = 'public.audit_log'::regclass`,
      );
      expect(after.rows[0].oid).toBe(before.rows[0].oid);
    });

    it("adds the sign-in actions the same way: a no-op migration as the app role, then the start", async () => {
      const migration = new Migration20261130201500(
        db.em().getDriver(),
        db.orm.config,
      ) as unknown as { up(): Promise<void>; getQueries(): (string | { sql: string })[] };
      await migration.up();
      const [statement] = migration.getQueries().map(q => (typeof q === "string" ? q : q.sql));
      await expect(app.query(statement)).resolves.toBeDefined();
      await expect(
        app.query(
          `insert into audit_log (at, user_name, entity, entity_id, action) values (now(), 'test', 'user_session', '1', 'SIGN_IN_REFUSED')`,
        ),
      ).resolves.toBeDefined();
      // Taken back to the list before them, as osh_audit: the app role's insert is refused...
      await admin.query(`alter table audit_log drop constraint audit_log_action_check`);
      await admin.query(
        `alter table audit_log add constraint audit_log_action_check check (action in ('CREATE', 'UPDATE', 'DELETE', 'APPROVE', 'REJECT')) not valid`,
      );
      await expect(
        app.query(
          `insert into audit_log (at, user_name, entity, entity_id, action) values (now(), 'test', 'user_session', '1', 'SIGN_IN')`,
        ),
      ).rejects.toThrow(/audit_log_action_check/);
      // ...and the start's protectAuditLog brings them back.
      const adminDbUrl = withDatabase(inject("adminUrl"), new URL(db.url).pathname.slice(1));
      await protectAuditLog(adminDbUrl, APP_ROLE, () => {});
      for (const action of ["SIGN_IN", "SIGN_OUT", "SIGN_IN_REFUSED"]) {
        expect(await actionCheck()).toContain(action);
      }
      await expect(
        app.query(
          `insert into audit_log (at, user_name, entity, entity_id, action) values (now(), 'test', 'user_session', '1', 'SIGN_IN')`,
        ),
      ).resolves.toBeDefined();
    });
  },
);
