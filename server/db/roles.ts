import pg from "pg";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { APP_ROLE, scramVerifier } from "./pg-auth.js";

/**
 * Database roles (issue 12 items 2 and 3), applied by the superuser at every start; each step is
 * idempotent and takes a few milliseconds.
 *
 * - `osh_app` (LOGIN, no superuser): the app connects as it and runs the migrations; it owns the
 *   app's tables, but not the database nor the `public` schema (a schema owner may drop any table
 *   in it, audit_log included).
 * - `osh_audit` (NOLOGIN): owns `audit_log` and its trigger function, so the app's role can only
 *   INSERT and SELECT there: no UPDATE/DELETE/TRUNCATE grant, no way to disable or replace the
 *   trigger (owner only) and no `session_replication_role` (superuser only). Hence a future
 *   migration that alters audit_log fails as osh_app: such a change belongs in protectAuditLog.
 */
export const AUDIT_ROLE = "osh_audit";

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The two roles, with the app's password (as a SCRAM verifier) set from the password file, and
 * `database` (owned by the superuser: see prepareAppDatabase), on one connection to keep starts fast.
 */
export async function ensureRolesAndDatabase(
  superUrl: string,
  appPassword: string,
  database: string,
): Promise<void> {
  await withClient(superUrl, async client => {
    await client.query(`do $$ begin
      if not exists (select from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} login; end if;
      if not exists (select from pg_roles where rolname = '${AUDIT_ROLE}') then create role ${AUDIT_ROLE} nologin; end if;
    end $$`);
    await client.query(
      `alter role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '${scramVerifier(appPassword)}'`,
    );
    await client.query(
      `alter role ${AUDIT_ROLE} nologin nosuperuser nocreatedb nocreaterole noreplication nobypassrls`,
    );
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [
      database,
    ]);
    if (!rowCount) await client.query(`create database "${database.replaceAll('"', "")}"`);
  });
}

/**
 * Lets the app's role work in `database` (the superuser's URL of it): connect, create in
 * `public`, and own the app's objects. Objects an earlier version created as the superuser are
 * handed over here; audit_log and its trigger function go to osh_audit later (protectAuditLog).
 */
export async function prepareAppDatabase(superDbUrl: string): Promise<void> {
  await withClient(superDbUrl, async client => {
    await client.query(`do $$ declare r record; begin
      execute format('grant connect, temporary on database %I to ${APP_ROLE}', current_database());
      grant usage, create on schema public to ${APP_ROLE};
      -- tables, views and free sequences (a serial's sequence follows its table)
      for r in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and c.relname <> 'audit_log'
            and c.relowner <> '${APP_ROLE}'::regrole
            and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i', 'e'))
      loop execute format('alter table %s owner to ${APP_ROLE}', r.name); end loop;
      for r in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.proname <> 'audit_log_refuse_change' and p.proowner <> '${APP_ROLE}'::regrole
            and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      loop execute format('alter routine %s owner to ${APP_ROLE}', r.name); end loop;
    end $$`);
  });
}

/**
 * After the migrations: audit_log and its trigger function belong to osh_audit, and `appRole`
 * (null: the role of `url`, for DATABASE_URL) may only INSERT and SELECT. On an external server
 * where `url`'s role may not do this, it says so and goes on: the trigger still refuses
 * UPDATE/DELETE/TRUNCATE, but an owner could switch it off (README "Database roles").
 */
export async function protectAuditLog(
  url: string,
  appRole: string | null,
  log: (line: string) => void,
): Promise<void> {
  await withClient(url, async client => {
    const { rows } =
      await client.query(`select current_user as me, (select rolsuper from pg_roles where rolname = current_user) as su,
      (select pg_get_userbyid(relowner) from pg_class where oid = to_regclass('public.audit_log')) as owner,
      pg_get_serial_sequence('public.audit_log', 'id') as seq`);
    const { me, su, owner, seq } = rows[0] as {
      me: string;
      su: boolean;
      owner: string | null;
      seq: string | null;
    };
    if (!owner) return; // no audit_log (yet): nothing to protect
    const app = appRole ?? me;
    if (owner === AUDIT_ROLE && !su && app === me) return; // set up before; this role may not change it anyway
    // The migrations run as the app's role, which may not alter audit_log once it was handed
    // over: a new audit action (REJECT) is allowed here, with the owner's rights, at each start.
    try {
      await client.query("begin");
      await client.query(`do $$ begin
        if not exists (select from pg_roles where rolname = '${AUDIT_ROLE}') then create role ${AUDIT_ROLE} nologin; end if;
      end $$`);
      await client.query(`grant usage on schema public to ${AUDIT_ROLE}`);
      await client.query(`alter table public.audit_log owner to ${AUDIT_ROLE}`);
      await client.query(`alter function public.audit_log_refuse_change() owner to ${AUDIT_ROLE}`);
      await client.query(auditActionCheck());
      await client.query(`revoke all on public.audit_log from public, "${app}"`);
      await client.query(`grant select, insert on public.audit_log to "${app}"`);
      if (seq) await client.query(`grant usage, select on sequence ${seq} to "${app}"`);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      log(
        `audit_log protection: ${(error as Error).message}; the trigger still refuses UPDATE/DELETE/TRUNCATE, but its owner (${owner}) could switch it off`,
      );
      return;
    }
    if (su && app === me) {
      log(
        `audit_log protection: the database role "${me}" is a superuser, which no grant can restrict; connect as a non-superuser role`,
      );
    }
  });
}

/**
 * The check on audit_log.action from the AuditAction enum, replaced only when it differs (a
 * replaced check re-reads the whole table), so an action added in code is allowed on databases
 * whose audit_log the app's role no longer owns.
 */
function auditActionCheck(): string {
  const list = Object.values(AuditAction)
    .map(a => `'${a}'`)
    .join(", ");
  const wanted = Object.values(AuditAction).sort().join(",");
  return `do $$ declare current_list text; begin
    select string_agg(v, ',' order by v) into current_list
      from (select (regexp_matches(pg_get_constraintdef(c.oid), '''([A-Z_]+)''', 'g'))[1] as v
            from pg_constraint c
            where c.conrelid = 'public.audit_log'::regclass and c.conname = 'audit_log_action_check') m;
    if current_list is distinct from '${wanted}' then
      alter table public.audit_log drop constraint if exists audit_log_action_check;
      alter table public.audit_log add constraint audit_log_action_check check (action in (${list}));
    end if;
  end $$`;
}
