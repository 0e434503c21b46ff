import "reflect-metadata";
import { expressMiddleware } from "@as-integrations/express5";
import type { MikroORM } from "@mikro-orm/core";
import type { SqlEntityManager } from "@mikro-orm/postgresql";
import compression from "compression";
import express from "express";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join, resolve, sep } from "node:path";
import { projectRoot } from "./paths.js";
import { RequestLimiter, type RateLimitOptions } from "./http/rate-limit.js";
import { mayWrite, requestUser } from "./auth/authenticate.js";
import { graphqlMethods, httpErrorHandler, notFound } from "./http/http-errors.js";
import { explorerPage } from "./http/explorer.js";
import { apolloHandler, createApollo, graphqlSteps } from "./app-graphql.js";
import { expressMessages, leanFront } from "./http/lean-front.js";
import { securityHeaders } from "./http/security-headers.js";
import { listenForChanges } from "./cache/change-listener.js";
import type { CachedAnswer } from "./cache/http-cache.js";
import { watchReads } from "./cache/read-tags.js";
import { ResponseCache } from "./cache/response-cache.js";
import { parseChange } from "./cache/tags.js";
import { MonitoringRollupRefresher } from "./monitoring/monitoring-rollup.js";
import { CheckupRollupRefresher } from "./checkups/checkup-rollup.js";
import {
  defaultAnalyticsConcurrency,
  defaultRequestConcurrency,
  readTrustProxy,
} from "./config.js";
import { Admission } from "./graphql/admission.js";
import { prepareDatabase, type PrepareOptions } from "./db/prepare.js";
import { watchReplicas, type RoutedPostgreSqlDriver } from "./db/replica-health.js";
import { replicaLag } from "./db/replica-lag.js";
import { buildAppSchema } from "./schema.js";
import type { RollupRebuilds } from "./context.js";
import type { RebuildOutcome } from "./monitoring/rollup-state.js";

export interface AppOptions {
  orm: MikroORM;
  webDist?: string;
  production?: boolean;
  /** Per-client request limit on /graphql; off unless given (`npm start` sets it from RATE_LIMIT). */
  rateLimit?: RateLimitOptions | false;
  /** Cache of anonymous query answers; the caller empties it on data changes. */
  cache?: ResponseCache<CachedAnswer> | null;
  /** Awaited before a mutation's answer is sent (startApp: until the cache heard the write). */
  afterWrite?: () => Promise<void>;
  /**
   * Send the `x-sql-statements` header (statements a request ran). It tells an outsider how
   * expensive each query is, so only development (`npm run dev`), tests and the bench turn it on.
   */
  exposeSqlCount?: boolean;
  /** Analytics requests computed at once (graphql/admission.ts); absent: no limit. */
  analyticsConcurrency?: number | null;
  /** GraphQL requests handed to Apollo at once over HTTP (graphql/admission.ts); absent: no limit. */
  requestConcurrency?: number | null;
  /** The rollups' background rebuilds (startApp's), which summaries wait for after a write. */
  rollups?: RollupRebuilds | null;
}

/** The Express app with GraphQL at /graphql and the built web app at /. Does not listen. */
export async function createApp({
  orm,
  webDist,
  production = false,
  rateLimit: limits = false,
  cache = null,
  afterWrite,
  exposeSqlCount = false,
  analyticsConcurrency = null,
  requestConcurrency = null,
  rollups = null,
}: AppOptions) {
  // Cached answers are tagged by the tables their SQL names: watch the ORM's connections.
  if (cache) await watchReads(orm);
  const apollo = await createApollo({ production, exposeSqlCount, afterWrite });
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", readTrustProxy());
  // res.send would hash every answer (sha1) for an ETag: GraphQL answers are POSTs or no-store,
  // so it never saved a byte. Static files keep theirs (express.static and sendFile set their own).
  app.set("etag", false);
  app.use(securityHeaders);
  const smallJson = express.json({ limit: "1mb" });
  const largeJson = express.json({ limit: "6mb" });
  const steps = graphqlSteps(orm, {
    limiter: limits ? new RequestLimiter(limits) : null,
    cache,
    exposeSqlCount,
    // A slow request gives its slot back after half a second and goes on outside the limit.
    admission: analyticsConcurrency ? new Admission(analyticsConcurrency, 500) : null,
    gate: requestConcurrency ? new Admission(requestConcurrency, 500) : null,
    rollups,
  });
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  const dist = webDist ?? resolve(projectRoot(), "web/dist");
  app.get("/graphql", explorerPage(dist));
  app.use(
    "/graphql",
    ...steps.prepare,
    graphqlMethods,
    steps.authenticate,
    // Only a verified steward or admin may send up to 6 MB (room for a 5 MB CSV in importCsv,
    // which enforces 5 MB / 50000 rows itself); everyone else gets 1 MB.
    (req, res, next) => (mayWrite(requestUser(res)) ? largeJson : smallJson)(req, res, next),
    ...steps.afterBody,
    expressMiddleware(apollo, { context: steps.context }),
  );
  if (existsSync(dist)) {
    app.use(compression());
    // Vite names built assets by content hash: they never change under the same name.
    app.use(
      express.static(dist, {
        index: "index.html",
        setHeaders: (res, path) =>
          res.setHeader(
            "Cache-Control",
            path.includes(`${sep}assets${sep}`)
              ? "public, max-age=31536000, immutable"
              : "no-cache",
          ),
      }),
    );
    app.get("/", (_req, res) => res.sendFile(join(dist, "index.html")));
  }
  // Last: unknown routes and every error (bad JSON, too large, bad encoding) as short coded JSON.
  app.use(notFound);
  app.use(httpErrorHandler);
  // The node server's handler: the common JSON POST to /graphql on a short path, all else to `app`.
  const handler = leanFront(app, steps, apolloHandler(apollo, steps.context));
  return { app, apollo, handler, messages: expressMessages(app) };
}

export interface StartOptions {
  /** External PostgreSQL; when absent an embedded server is started in `dataDir`. */
  databaseUrl?: string | null;
  replicaUrls?: string[];
  /** Connections per database (default: db/orm.ts defaultPoolMax). */
  poolMax?: number | null;
  dataDir?: string;
  port?: number;
  host?: string;
  webDist?: string;
  illustrative?: boolean;
  production?: boolean;
  rateLimit?: RateLimitOptions | false;
  /** Cache anonymous query answers, emptied of what each committed change touches (default on). */
  responseCache?: boolean;
  /** Send `x-sql-statements` (see AppOptions); off by default. */
  exposeSqlCount?: boolean;
  /** Analytics requests computed at once (default defaultAnalyticsConcurrency()). */
  analyticsConcurrency?: number;
  /** GraphQL requests handed to Apollo at once (default defaultRequestConcurrency()). */
  requestConcurrency?: number;
  log?: (line: string) => void;
  /** The embedded server, already starting (see PrepareOptions.embedded). */
  embedded?: PrepareOptions["embedded"];
}

export interface RunningApp {
  url: string;
  port: number;
  orm: MikroORM;
  close(): Promise<void>;
}

/** Starts everything: database (embedded or external), migrations, seeds, HTTP server. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const log = options.log ?? (() => {});
  // The GraphQL schema (~100 ms of CPU, needing no database) is built while the database is
  // prepared: its statements leave this thread waiting. Queued behind the first of them, so
  // the database's work starts first; createApollo finds it built (buildAppSchema keeps it).
  // A failure is raised there, not here.
  setImmediate(() => buildAppSchema().catch(() => {}));
  const db = await prepareDatabase({
    databaseUrl: options.databaseUrl ?? null,
    replicaUrls: options.replicaUrls ?? [],
    poolMax: options.poolMax,
    dataDir: options.dataDir ?? resolve(projectRoot(), ".data"),
    illustrative: options.illustrative ?? true,
    log,
    countSql: options.exposeSqlCount ?? false,
    embedded: options.embedded,
  });
  const cache = options.responseCache === false ? null : new ResponseCache<CachedAnswer>();
  const rollup = new MonitoringRollupRefresher(
    (db.orm.em as SqlEntityManager).getKnex("write"),
    500,
    error => log(`monitoring rollup: ${String(error)}`),
  );
  const checkupRollup = new CheckupRollupRefresher(
    (db.orm.em as SqlEntityManager).getKnex("write"),
    500,
    error => log(`check-up rollup: ${String(error)}`),
  );
  // Two tables apart: both checked (and built, on a first start) at once.
  const started = Date.now();
  const logBuilt = (name: string) => (done: RebuildOutcome) => {
    if (done !== "built" && done !== "units") return;
    const how = done === "units" ? "changed units" : "whole";
    log(`built the ${name} rollup (${how}) in ${Date.now() - started} ms`);
  };
  await Promise.all([
    rollup.refreshNow().then(logBuilt("monitoring")),
    checkupRollup.refreshNow().then(logBuilt("check-up")),
  ]);
  // Read replicas: reads skip one that is down (checked now, then every second); a write is
  // acknowledged once those up replayed it, and cached answers are forgotten again then.
  const driver = db.orm.em.getDriver() as RoutedPostgreSqlDriver;
  const health = options.replicaUrls?.length
    ? watchReplicas(db.url, options.replicaUrls, { log, onChange: up => driver.routeReadsTo(up) })
    : null;
  await health?.check();
  const replicas = health
    ? replicaLag(db.url, options.replicaUrls!, { log, isUp: i => health.isUp(i) })
    : null;
  const listener = await listenForChanges(db.url, payload => {
    const change = parseChange(payload);
    const forget = () => cache?.invalidate(change);
    if (replicas) replicas.afterReplay(forget);
    else forget();
    const table = change.table;
    // The rollup's own rebuild notifies too: it must not schedule another.
    if (table === null || (table.startsWith("monitoring_") && table !== "monitoring_rollup")) {
      rollup.schedule();
    }
    if (table === null || table === "health_checkup") checkupRollup.schedule();
  });
  const { handler, apollo, messages } = await createApp({
    orm: db.orm,
    webDist: options.webDist,
    production: options.production,
    rateLimit: options.rateLimit,
    cache,
    // The writer's own instance: wait until the listener has passed on every change committed
    // so far (this mutation's included); if that cannot be shown, forget everything.
    afterWrite:
      cache || replicas
        ? async () => {
            if (cache && !(await listener.sync())) cache.clear();
            await replicas?.settled();
          }
        : undefined,
    exposeSqlCount: options.exposeSqlCount,
    analyticsConcurrency: options.analyticsConcurrency ?? defaultAnalyticsConcurrency(),
    requestConcurrency: options.requestConcurrency ?? defaultRequestConcurrency(),
    rollups: { monitoring: rollup, checkup: checkupRollup },
  });
  const server: Server = await new Promise((resolveListen, reject) => {
    const s = createServer(messages, handler);
    s.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolveListen(s));
    s.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://${options.host === "0.0.0.0" ? "localhost" : "127.0.0.1"}:${port}`,
    port,
    orm: db.orm,
    async close() {
      server.closeAllConnections();
      await new Promise<void>(done => server.close(() => done()));
      await apollo.stop();
      await listener.close();
      await replicas?.close();
      await health?.close();
      await rollup.stop();
      await checkupRollup.stop();
      await db.close();
    },
  };
}
