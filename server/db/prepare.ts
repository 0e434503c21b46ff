import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { loadIllustrative } from "./seed/illustrative/load-illustrative.js";
import { startEmbedded, type EmbeddedPostgres } from "./embedded-postgres.js";
import { initOrm, migrate } from "./orm.js";
import { APP_ROLE } from "./pg-auth.js";
import { protectAuditLog } from "./roles.js";
import { loadOfficialSeeds } from "./seed/load-official.js";

export interface PrepareOptions {
  databaseUrl: string | null;
  replicaUrls: string[];
  /** Connections per database (DATABASE_POOL_MAX); null or absent: defaultPoolMax(). */
  poolMax?: number | null;
  dataDir: string;
  illustrative: boolean;
  log: (line: string) => void;
  /** Count each request's SQL statements (see OrmOptions.countSql); default on. */
  countSql?: boolean;
  /**
   * The embedded server, already starting (main.ts starts it before loading the app's modules,
   * so both run side by side); when absent and no URL is given, it is started here.
   */
  embedded?: Promise<EmbeddedPostgres>;
  /**
   * With `databaseUrl`: a superuser URL of the same database for the audit_log hand-over, made
   * as the role of `databaseUrl` otherwise (which an app role may not do, so it is then logged).
   */
  adminUrl?: string;
}

/** Database up to date and seeded: embedded server (unless a URL is given), migrations, seeds. */
export async function prepareDatabase(
  options: PrepareOptions,
): Promise<{ orm: MikroORM; url: string; close(): Promise<void> }> {
  const embedded = options.databaseUrl
    ? null
    : await (options.embedded ?? startEmbedded(options.dataDir, options.log));
  try {
    // The app, and its migrations, run as the app's role (osh_app on the embedded server); only
    // the audit_log hand-over below needs the superuser.
    const orm = await initOrm({
      clientUrl: options.databaseUrl ?? embedded!.url,
      replicaUrls: options.replicaUrls,
      poolMax: options.poolMax,
      countSql: options.countSql,
    });
    await migrate(orm);
    if (embedded) await protectAuditLog(embedded.adminUrlFor("osh"), APP_ROLE, options.log);
    else if (options.adminUrl) {
      const appRole = decodeURIComponent(new URL(options.databaseUrl!).username);
      await protectAuditLog(options.adminUrl, appRole, options.log);
    } else await protectAuditLog(options.databaseUrl!, null, options.log);
    const em = orm.em.fork() as EntityManager;
    if (await loadOfficialSeeds(em)) options.log("loaded the sourced seed data");
    if (options.illustrative && (await loadIllustrative(orm.em.fork() as EntityManager))) {
      options.log(
        "loaded the illustrative dataset (generated; labelled as such wherever it shows)",
      );
    }
    // A new cluster's files are on the disk before the app says it is ready.
    await embedded?.synced;
    return {
      orm,
      url: options.databaseUrl ?? embedded!.url,
      async close() {
        await orm.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
