import { ApolloServer, HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { MikroORM } from "@mikro-orm/core";
import compression from "compression";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { checkCost, MAX_TOKENS, validationRules } from "./graphql/complexity.js";
import { formatError } from "./graphql/format-error.js";
import { jitGateway } from "./graphql/jit-gateway.js";
import { buildContext, type Context, type RollupRebuilds } from "./context.js";
import { authenticateRequests, requestUser } from "./auth/authenticate.js";
import { httpCache, type CachedAnswer } from "./cache/http-cache.js";
import type { ResponseCache } from "./cache/response-cache.js";
import { sqlScope } from "./db/sql-counter.js";
import { buildAppSchema } from "./schema.js";
import type { RequestLimiter } from "./http/rate-limit.js";
import { admitRequests, type Admission } from "./graphql/admission.js";

export type RequestContext = Context & { sql: { count: number } };

export interface ApolloOptions {
  production: boolean;
  exposeSqlCount: boolean;
  /** Awaited before a mutation's answer is sent (startApp: until the cache heard the write). */
  afterWrite?: () => Promise<void>;
}

/**
 * Our per-request hooks in one plugin (Apollo awaits every plugin's `requestDidStart` and each of
 * its hooks per request; four small plugins cost four times the awaits):
 * - cost: checked once the operation is resolved and variables are known, before it executes;
 * - `x-sql-statements`: the SQL statements a request ran, only with `exposeSqlCount` (it tells an
 *   outsider how expensive each query is);
 * - a mutation's answer leaves only after `afterWrite` resolved: the server's own cache has then
 *   dropped what the write changed, so a read sent after the acknowledgement never sees the old value;
 * - `cache-control: no-store`: Apollo's cache-control plugin only ever answered that here (no type
 *   sets a cache hint), but its per-field hook wrapped every resolver (~4 % of a request's CPU);
 *   it is disabled and this keeps the header.
 */
function requestPlugin({
  exposeSqlCount,
  afterWrite,
}: ApolloOptions): ApolloServerPlugin<RequestContext> {
  // The listener holds no per-request state: one object, handed out already resolved.
  const listener = Promise.resolve({
    async didResolveOperation({ schema, document, operation, request }) {
      if (operation) checkCost(schema, document, operation, request.variables ?? {});
    },
    async willSendResponse({ contextValue, response, operation }) {
      if (exposeSqlCount) {
        response.http.headers.set("x-sql-statements", String(contextValue.sql.count));
      }
      if (!response.http.headers.has("cache-control")) {
        response.http.headers.set("cache-control", "no-store");
      }
      if (afterWrite && operation?.operation === "mutation") await afterWrite();
    },
  } satisfies Awaited<
    ReturnType<NonNullable<ApolloServerPlugin<RequestContext>["requestDidStart"]>>
  >);
  return { requestDidStart: () => listener };
}

/** Apollo parses, validates and runs the plugins; graphql-jit executes (graphql/jit-gateway.ts). */
export async function createApollo(options: ApolloOptions): Promise<ApolloServer<RequestContext>> {
  const apollo = new ApolloServer<RequestContext>({
    gateway: jitGateway(await buildAppSchema()),
    formatError: formatError(options.production),
    includeStacktraceInErrorResponses: !options.production,
    introspection: true,
    csrfPrevention: true,
    // Compact JSON: Apollo's default pretty printer (2-space indent) cost ~4 % of a read's CPU and
    // made every body bigger to compress and send.
    stringifyResult: value => JSON.stringify(value),
    // main.ts owns shutdown; Apollo's own signal handlers would race it and leave PostgreSQL running.
    stopOnTerminationSignals: false,
    // Tokens are counted while parsing; depth, aliases and heavy fields during validation; cost
    // once the variables (page sizes) are known. All before anything runs.
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules,
    plugins: [
      requestPlugin(options),
      // The explorer is our own offline GraphiQL page (http/explorer.ts), not Apollo's CDN sandbox.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  return apollo;
}

const compress = compression({ threshold: 1024 });
/** An Accept-Encoding that names a coding the middleware can use (gzip, deflate, br, or `*`). */
const NAMES_A_CODING = /gzip|deflate|br|\*/i;
/**
 * Answers are JSON of up to a few hundred kB (a scorecard over 34 units): gzip when the client
 * takes it. A client that sends no Accept-Encoding, or only `identity`, skips the middleware
 * (and its wrapping of every write) altogether: it would answer uncompressed anyway.
 */
const compressWhenAccepted: RequestHandler = (req, res, next) => {
  const accepted = req.headers["accept-encoding"];
  if (accepted && NAMES_A_CODING.test(accepted)) return compress(req, res, next);
  // What the middleware would have said: the answer depends on Accept-Encoding.
  res.vary("Accept-Encoding");
  next();
};

/** The per-request SQL count costs an AsyncLocalStorage scope on every request: only when asked. */
const countSql: RequestHandler = (_req, res, next) => {
  const counter = { count: 0 };
  res.locals.sql = counter;
  sqlScope(counter, next);
};

export interface GraphqlSteps {
  /** First: compression, and the SQL counter when asked. */
  prepare: RequestHandler[];
  /**
   * Before the body is read: the token is verified first, so neither the rate limit (keyed on
   * who the user is) nor the body limit depends on what an unverified header says.
   */
  authenticate: RequestHandler;
  /** After it: the response cache, when there is one, then the wait for a turn (REQUEST_CONCURRENCY). */
  afterBody: RequestHandler[];
  /** The GraphQL context of a request both paths build. */
  context: (http: { req: Request; res: Response }) => Promise<RequestContext>;
}

/**
 * The middlewares of POST /graphql, shared by the Express route (app.ts) and the lean front
 * (lean-front.ts): both paths run the same functions in the same order, only the body parser and
 * the hand-over to Apollo differ.
 */
export function graphqlSteps(
  orm: MikroORM,
  {
    limiter,
    cache,
    exposeSqlCount,
    admission = null,
    gate = null,
    rollups = null,
  }: {
    limiter: RequestLimiter | null;
    cache: ResponseCache<CachedAnswer> | null;
    exposeSqlCount: boolean;
    /** Analytics fields computed at once (inside the resolvers). */
    admission?: Admission | null;
    /** Requests handed to Apollo at once (after the cache: a cached answer never waits). */
    gate?: Admission | null;
    rollups?: RollupRebuilds | null;
  },
): GraphqlSteps {
  return {
    prepare: [compressWhenAccepted, ...(exposeSqlCount ? [countSql] : [])],
    authenticate: authenticateRequests(orm, limiter),
    afterBody: [
      ...(cache ? [httpCache(cache, { exposeSqlCount })] : []),
      ...(gate ? [admitRequests(gate)] : []),
    ],
    // Not spread: the context forks its entity manager only when a resolver first needs it.
    context: async ({ req, res }) =>
      buildContext(orm, requestUser(res), {
        sessionId: (res.locals.sessionId as number | undefined) ?? null,
        http: { req, res },
        admission,
        rollups,
        sql: (res.locals.sql as { count: number } | undefined) ?? { count: 0 },
      }),
  };
}

/** Request headers as Apollo reads them (what @as-integrations/express5 copies). */
function headerMapOf(req: Request): HeaderMap {
  const headers = new HeaderMap();
  const raw = req.headers;
  for (const key in raw) {
    const value = raw[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** What res.send would write for these content types: the same value back, no charset to add. */
const PLAIN_TYPES = new Set([
  "application/json; charset=utf-8",
  "application/graphql-response+json; charset=utf-8",
]);

/**
 * The lean path's hand-over to Apollo: what @as-integrations/express5 does for a POST to
 * /graphql without a query string (`search` is then empty), with the parsed body. A complete
 * JSON answer is written straight out when nothing wrapped `res.send` (the response cache does, to
 * keep the answer): the same Content-Type and Content-Length that res.send would set, without
 * its content-type parsing and mime lookup.
 */
export function apolloHandler(
  apollo: ApolloServer<RequestContext>,
  context: GraphqlSteps["context"],
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: "POST",
          headers: headerMapOf(req),
          search: "",
          body: req.body,
        },
        context: () => context({ req, res }),
      });
      for (const [key, value] of answer.headers) res.setHeader(key, value);
      res.statusCode = answer.status || 200;
      if (answer.body.kind === "complete") {
        const body = answer.body.string;
        if (
          !Object.hasOwn(res, "send") &&
          PLAIN_TYPES.has(String(res.getHeader("content-type"))) &&
          !res.getHeader("transfer-encoding")
        ) {
          // Bytes, not the string: Node prepends its header text to a string body (a copy of a
          // 220 kB scorecard answer into a new string, then another into the socket's buffer); a
          // Buffer goes out beside the header as it is. Sampled allocation of the 34-province
          // scorecard at bench scale 100: 3,558 → 3,286 kB per request.
          const bytes = Buffer.from(body, "utf8");
          res.setHeader("Content-Length", bytes.length);
          res.end(bytes);
        } else {
          res.send(body);
        }
        return;
      }
      for await (const chunk of answer.body.asyncIterator) {
        res.write(chunk);
        const flush = (res as Response & { flush?: () => void }).flush;
        if (typeof flush === "function") flush.call(res);
      }
      res.end();
    } catch (error) {
      next(error);
    }
  };
}
