import 'reflect-metadata';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import express from 'express';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { formatError } from './common/format-error.js';
import { projectRoot } from './common/paths.js';
import { buildContext, type Context } from './context.js';
import { prepareDatabase } from './db/prepare.js';
import { sqlScope } from './db/sql-counter.js';
import { buildAppSchema } from './schema.js';

type RequestContext = Context & { sql: { count: number } };

/** Reports the SQL statements a request ran, so benchmarks and tests can watch for N+1. */
const sqlHeaderPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        response.http.headers.set('x-sql-statements', String(contextValue.sql.count));
      },
    };
  },
};

export interface AppOptions {
  orm: MikroORM;
  webDist?: string;
  production?: boolean;
}

/** The Express app with GraphQL at /graphql and the built web app at /. Does not listen. */
export async function createApp({ orm, webDist, production = false }: AppOptions) {
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    formatError: formatError(production),
    includeStacktraceInErrorResponses: !production,
    introspection: true,
    csrfPrevention: true,
    plugins: [sqlHeaderPlugin, ApolloServerPluginLandingPageLocalDefault({ embed: true })],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(
    '/graphql',
    (_req, res, next) => {
      const counter = { count: 0 };
      res.locals.sql = counter;
      sqlScope(counter, next);
    },
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) => ({ ...buildContext(orm), sql: res.locals.sql as { count: number } }),
    }),
  );
  const dist = webDist ?? resolve(projectRoot(), 'web/dist');
  if (existsSync(dist)) {
    app.use((_req, res, next) => {
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
      );
      next();
    });
    app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
    app.get('/', (_req, res) => res.sendFile(join(dist, 'index.html')));
  }
  return { app, apollo };
}

export interface StartOptions {
  /** External PostgreSQL; when absent an embedded server is started in `dataDir`. */
  databaseUrl?: string | null;
  replicaUrls?: string[];
  dataDir?: string;
  port?: number;
  host?: string;
  webDist?: string;
  illustrative?: boolean;
  production?: boolean;
  log?: (line: string) => void;
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
  const db = await prepareDatabase({
    databaseUrl: options.databaseUrl ?? null,
    replicaUrls: options.replicaUrls ?? [],
    dataDir: options.dataDir ?? resolve(projectRoot(), '.data'),
    illustrative: options.illustrative ?? true,
    log,
  });
  const { app, apollo } = await createApp({ orm: db.orm, webDist: options.webDist, production: options.production });
  const server: Server = await new Promise((resolveListen, reject) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolveListen(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : '127.0.0.1'}:${port}`,
    port,
    orm: db.orm,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await apollo.stop();
      await db.close();
    },
  };
}
