import "reflect-metadata";
import type { EntityManager } from "@mikro-orm/postgresql";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../server/db/embedded-postgres.js";
import { initOrm, migrate } from "../../server/db/orm.js";
import { APP_ROLE } from "../../server/db/pg-auth.js";
import { prepareAppDatabase, protectAuditLog } from "../../server/db/roles.js";
import { loadOfficialSeeds } from "../../server/db/seed/load-official.js";
import { loadIllustrative } from "../../server/db/seed/illustrative/load-illustrative.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the maintenance database of the test server (superuser: create and drop databases). */
    adminUrl: string;
    /** The same server as the role the app connects as (osh_app on the embedded server): tests use it. */
    appUrl: string;
    /** Name of the migrated and seeded database every test file clones. */
    templateDb: string;
  }
}

/**
 * One PostgreSQL for the whole run: the embedded server in a throw-away folder, or the server of
 * DATABASE_URL. A template database is migrated and seeded once; each test file clones it.
 * Vitest calls this once per project that has tests in the run (integration, browser); they share
 * the same server and template, which are stopped when the last project's teardown runs.
 */
export default async function setup(project: TestProject) {
  const shared: { users: number; started: ReturnType<typeof startDatabase> } = ((globalThis as any)[
    SHARED
  ] ??= { users: 0, started: startDatabase() });
  shared.users++;
  const { adminUrl, appUrl, templateDb, stop } = await shared.started;
  project.provide("adminUrl", adminUrl);
  project.provide("appUrl", appUrl);
  project.provide("templateDb", templateDb);
  return async () => {
    if (--shared.users === 0) {
      delete (globalThis as any)[SHARED];
      await stop();
    }
  };
}

const SHARED = Symbol.for("osh.test.database");

async function startDatabase() {
  let embedded: EmbeddedPostgres | null = null;
  let base: string | null = null;
  let adminUrl: string;
  let appUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "/postgres";
    adminUrl = appUrl = url.toString();
  } else {
    base = mkdtempSync(join(tmpdir(), "osh-test-"));
    chmodSync(base, 0o755); // the postgres user must be able to enter it
    embedded = await startEmbeddedPostgres({
      dataDir: join(base, "pg"),
      database: "postgres",
      ephemeral: true,
    });
    adminUrl = embedded.adminUrlFor("postgres");
    appUrl = embedded.urlFor("postgres");
  }
  const templateDb = `osh_template_${process.pid}`;
  try {
    await adminQuery(adminUrl, `drop database if exists ${templateDb}`);
    await adminQuery(adminUrl, `create database ${templateDb}`);
    // As in prepareDatabase: migrations and seeds run as the app's role, audit_log goes to osh_audit.
    if (embedded) await prepareAppDatabase(withDatabase(adminUrl, templateDb));
    const orm = await initOrm({ clientUrl: withDatabase(appUrl, templateDb), poolMax: 4 });
    try {
      await migrate(orm);
      await protectAuditLog(withDatabase(adminUrl, templateDb), embedded ? APP_ROLE : null, line =>
        console.warn(line),
      );
      await loadOfficialSeeds(orm.em.fork() as EntityManager);
      await loadIllustrative(orm.em.fork() as EntityManager);
    } finally {
      await orm.close(); // a template must have no open sessions to be cloned
    }
  } catch (error) {
    await embedded?.stop();
    if (base) rmSync(base, { recursive: true, force: true });
    throw error;
  }
  return {
    adminUrl,
    appUrl,
    templateDb,
    stop: async () => {
      await adminQuery(adminUrl, `drop database if exists ${templateDb} with (force)`).catch(
        () => {},
      );
      await embedded?.stop();
      if (base) rmSync(base, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
