import "reflect-metadata";
import { readConfig } from "./config.js";
import { startEmbedded } from "./db/embedded-postgres.js";
import { tuneHeapForServing } from "./memory.js";

/**
 * `npm start`: the platform on one port, with the embedded PostgreSQL unless DATABASE_URL is set.
 * Only light modules are imported statically: PostgreSQL (initdb on a first start) is started
 * first, in its own processes, and the app's modules (~1,500 files: MikroORM, knex, graphql,
 * Apollo, type-graphql, ours) load on this one meanwhile. Both take about as long.
 */
const config = readConfig();
// The embedded data may not be in DATA_DIR (see server/db/data-location.ts): show where it went.
let dataAt = `${config.dataDir}/pg`;
const log = (line: string) => {
  dataAt = /keeping its data in (.+) instead$/.exec(line)?.[1] ?? dataAt;
  console.log(line);
};
const embedded = config.databaseUrl ? undefined : startEmbedded(config.dataDir, log);
embedded?.catch(() => {}); // raised by startApp, which awaits it

// Ctrl-C or SIGTERM at any moment, the start included: with the app up, it closes (PostgreSQL
// last); before that, the embedded PostgreSQL is stopped as soon as it is up. Registered first:
// a signal that came before its handler killed this process and left PostgreSQL running,
// holding the data folder until the next start stopped it (seen when stopped right at "ready").
let running: { close(): Promise<void> } | null = null;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("stopping…");
    // The start may be half-way (migrations, seeds): PostgreSQL's fast shutdown rolls that back.
    const stop = running
      ? running.close()
      : (embedded ?? Promise.resolve(null)).then(
          server => server?.stop(),
          () => {},
        );
    stop.then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

const { startApp } = await import("./app.js");
const app = await startApp({
  databaseUrl: config.databaseUrl,
  replicaUrls: config.replicaUrls,
  poolMax: config.poolMax,
  dataDir: config.dataDir,
  port: config.port,
  host: "0.0.0.0",
  illustrative: config.illustrativeData,
  production: config.production,
  rateLimit: config.rateLimit ?? false,
  responseCache: config.responseCache,
  // The per-request SQL count only in development (NODE_ENV=development): it shows outsiders what is costly.
  exposeSqlCount: !config.production,
  analyticsConcurrency: config.analyticsConcurrency,
  requestConcurrency: config.requestConcurrency,
  log,
  embedded,
}).catch((error: unknown) => {
  // Stopped during the start: the signal's handler stops PostgreSQL and exits.
  if (stopping) return new Promise<never>(() => {});
  throw error;
});
running = app;
tuneHeapForServing();
// Counted from the process's start (performance's time origin), module loading included.
console.log(`OSH Observatory ready in ${Math.round(performance.now())} ms`);
console.log(`  web app:  http://localhost:${app.port}/`);
console.log(`  GraphQL:  http://localhost:${app.port}/graphql`);
console.log(
  `  database: ${config.databaseUrl ? "DATABASE_URL" : `embedded PostgreSQL, data in ${dataAt}, passwords in ${config.dataDir}`}`,
);
