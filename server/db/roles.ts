import pg from 'pg';
import { APP_ROLE, scramVerifier } from './pg-auth.js';

/**
 * Database roles (issue 12 item 2), applied by the superuser at every start; each step is
 * idempotent and takes a few milliseconds.
 *
 * - `osh_app` (LOGIN, no superuser): the app connects as it and runs the migrations; it owns the
 *   app's tables, but not the database nor the `public` schema (a schema owner may drop any table
 *   in it, audit_log included).
 * - `osh_audit` (NOLOGIN): created here, for audit_log.
 */
export const AUDIT_ROLE = 'osh_audit';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The two roles, with the app's password (as a SCRAM verifier) set from the password file. */
export async function ensureRoles(superUrl: string, appPassword: string): Promise<void> {
  await withClient(superUrl, async (client) => {
    await client.query(`do $$ begin
      if not exists (select from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} login; end if;
      if not exists (select from pg_roles where rolname = '${AUDIT_ROLE}') then create role ${AUDIT_ROLE} nologin; end if;
    end $$`);
    await client.query(`alter role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '${scramVerifier(appPassword)}'`);
    await client.query(`alter role ${AUDIT_ROLE} nologin nosuperuser nocreatedb nocreaterole noreplication nobypassrls`);
  });
}

/**
 * Lets the app's role work in `database` (the superuser's URL of it): connect, create in
 * `public`, and own the app's objects. Objects an earlier version created as the superuser are
 * handed over here; audit_log and its trigger function are left for osh_audit.
 */
export async function prepareAppDatabase(superDbUrl: string): Promise<void> {
  await withClient(superDbUrl, async (client) => {
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
