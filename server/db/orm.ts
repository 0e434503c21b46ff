import "reflect-metadata";
import { DataloaderType, MikroORM, ReflectMetadataProvider } from "@mikro-orm/core";
import type { Options, SqlEntityManager } from "@mikro-orm/postgresql";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../paths.js";
import { entities } from "./entities.js";
import { RoutedPostgreSqlDriver } from "./replica-health.js";
import { countStatement } from "./sql-counter.js";

export interface OrmOptions {
  clientUrl: string;
  replicaUrls?: string[];
  /** Connections per database (the primary, each replica); default defaultPoolMax(). */
  poolMax?: number | null;
  debugSql?: boolean;
  /**
   * Route every statement through the logger so requests can be charged with their SQL (tests,
   * the bench, `npm run dev`). Default on; the app turns it off unless it exposes the count,
   * since formatting a log line for every statement is CPU on every request.
   */
  countSql?: boolean;
}

/**
 * Connections per database when not set (DATABASE_POOL_MAX): two per core, at least 4. More
 * statements at once than PostgreSQL has cores to run them only queue inside it, and on a
 * machine shared with the app they take CPU from Node. Measured on the bench's 2 cores (scale
 * 100, cache off, 32 clients, interleaved): 4 connections against 10 gave p99 119-159 against
 * 170-190 ms for a page of observations, 118-148 against 154-160 ms for the series, and
 * 923-1,011 against 1,102-1,118 ms for the 34-province scorecard.
 */
export function defaultPoolMax(cores = availableParallelism()): number {
  return Math.max(4, 2 * cores);
}

export function ormConfig(options: OrmOptions): Options {
  return {
    // Reads skip a replica that is down (replica-health.ts).
    driver: RoutedPostgreSqlDriver,
    clientUrl: options.clientUrl,
    replicas: (options.replicaUrls ?? []).map((clientUrl, i) => ({
      name: `replica-${i + 1}`,
      clientUrl,
    })),
    entities,
    metadataProvider: ReflectMetadataProvider,
    // The Migrator and the migrations' modules (@mikro-orm/migrations, umzug and theirs: ~220
    // files, a fifth of what a start loads) are loaded by migrate() only when one is pending.
    dataloader: DataloaderType.ALL,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: options.poolMax ?? defaultPoolMax() },
    // Every statement passes through this logger so requests can be charged with their SQL.
    debug: options.countSql === false && !options.debugSql ? false : ["query"],
    logger: (message: string) => {
      countStatement();
      if (options.debugSql) process.stderr.write(message + "\n");
    },
    colors: false,
    migrations: {
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: "ts",
    },
    // Written by hand in Migration20261123120000, Migration20261130183000 (rollups and their
    // freshness), Migration20261201220000 (the units each write touched), Migration20261201070000
    // (yearly series arrays) and Migration20261201110000 (observation counts): no entity
    // describes them.
    schemaGenerator: {
      disableForeignKeys: false,
      skipTables: [
        "monitoring_rollup",
        "summary_state",
        "checkup_rollup",
        "checkup_disease_rollup",
        "checkup_rollup_mover",
        "rollup_dirty",
        "observation_year_series",
        "observation_count",
      ],
    },
  };
}

export async function initOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/**
 * Applies the pending migrations. On a start where every migration file beside this module is
 * already recorded in `mikro_orm_migrations` (the usual restart), it neither loads the Migrator
 * nor the migrations: one statement instead of ~0.2-0.4 s of module loading.
 */
export async function migrate(orm: MikroORM): Promise<void> {
  if (await allMigrationsApplied(orm)) return;
  const [{ Migrator }, { migrationsList }] = await Promise.all([
    import("@mikro-orm/migrations"),
    import("./migrations/index.js"),
  ]);
  orm.config.set("migrations", { ...orm.config.get("migrations"), migrationsList });
  Migrator.register(orm);
  await orm.getMigrator().up();
}

/**
 * The migrations (by name) in server/db/migrations: the sources, which the build compiles one for
 * one. Read from the project, not from beside this module, so the answer is the same run from
 * the sources (tests), from dist/server and from the bundle `npm start` runs (dist/start, which
 * has no migrations folder beside it).
 */
function migrationFileNames(): string[] {
  const folder = join(projectRoot(), "server/db/migrations");
  return readdirSync(folder)
    .filter(f => /^Migration\d+\w*\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"))
    .map(f => f.replace(/\.(js|ts)$/, ""));
}

/**
 * True when every migration file is recorded as applied. Anything unexpected (no table yet on a
 * new database, no folder, no files) answers false, and the Migrator decides.
 */
async function allMigrationsApplied(orm: MikroORM): Promise<boolean> {
  try {
    const names = migrationFileNames();
    if (!names.length) return false;
    const rows = await (orm.em as SqlEntityManager)
      .getConnection("write")
      .execute<{ name: string }[]>("select name from mikro_orm_migrations");
    const applied = new Set(rows.map(r => r.name));
    return names.every(name => applied.has(name));
  } catch {
    return false;
  }
}
