import "reflect-metadata";
import { startApp } from "./app.js";
import { readConfig } from "./config.js";

/** `npm start`: the platform on one port, with the embedded PostgreSQL unless DATABASE_URL is set. */
const config = readConfig();
const started = Date.now();
// The embedded data may not be in DATA_DIR (see server/db/data-location.ts): show where it went.
let dataAt = `${config.dataDir}/pg`;
const app = await startApp({
  databaseUrl: config.databaseUrl,
  replicaUrls: config.replicaUrls,
  dataDir: config.dataDir,
  port: config.port,
  host: "0.0.0.0",
  illustrative: config.illustrativeData,
  production: config.production,
  rateLimit: config.rateLimit ?? false,
  responseCache: config.responseCache,
  // The per-request SQL count only in development (NODE_ENV=development): it shows outsiders what is costly.
  exposeSqlCount: !config.production,
  log: line => {
    dataAt = /keeping its data in (.+) instead$/.exec(line)?.[1] ?? dataAt;
    console.log(line);
  },
});
console.log(`OSH Observatory ready in ${Date.now() - started} ms`);
console.log(`  web app:  http://localhost:${app.port}/`);
console.log(`  GraphQL:  http://localhost:${app.port}/graphql`);
console.log(
  `  database: ${config.databaseUrl ? "DATABASE_URL" : `embedded PostgreSQL, data in ${dataAt}, passwords in ${config.dataDir}`}`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("stopping…");
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
