import "reflect-metadata";
import { DataloaderType, MikroORM, ReflectMetadataProvider } from "@mikro-orm/core";
import { Migrator } from "@mikro-orm/migrations";
import { PostgreSqlDriver, type Options } from "@mikro-orm/postgresql";
import { entities } from "./entities.js";
import { migrationsList } from "./migrations/index.js";
import { countStatement } from "./sql-counter.js";

export interface OrmOptions {
  clientUrl: string;
  replicaUrls?: string[];
  poolMax?: number;
  debugSql?: boolean;
  /**
   * Route every statement through the logger so requests can be charged with their SQL (tests,
   * the bench, `npm run dev`). Default on; the app turns it off unless it exposes the count,
   * since formatting a log line for every statement is CPU on every request.
   */
  countSql?: boolean;
}

export function ormConfig(options: OrmOptions): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: options.clientUrl,
    replicas: (options.replicaUrls ?? []).map((clientUrl, i) => ({
      name: `replica-${i + 1}`,
      clientUrl,
    })),
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    dataloader: DataloaderType.ALL,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Every statement passes through this logger so requests can be charged with their SQL.
    debug: options.countSql === false && !options.debugSql ? false : ["query"],
    logger: (message: string) => {
      countStatement();
      if (options.debugSql) process.stderr.write(message + "\n");
    },
    colors: false,
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: "ts",
    },
    // Written by hand in Migration20261123120000 and Migration20261130183000 (rollups and their
    // freshness): no entity describes them.
    schemaGenerator: {
      disableForeignKeys: false,
      skipTables: [
        "monitoring_rollup",
        "summary_state",
        "checkup_rollup",
        "checkup_disease_rollup",
        "checkup_rollup_mover",
      ],
    },
  };
}

export async function initOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

export async function migrate(orm: MikroORM): Promise<void> {
  await orm.getMigrator().up();
}
