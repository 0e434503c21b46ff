import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { projectRoot } from "./paths.js";

/** Settings read once from the environment; see README "Settings". */
export interface AppConfig {
  port: number;
  /** An external PostgreSQL; when null the embedded server is started. */
  databaseUrl: string | null;
  /** Read replicas (comma-separated URLs); reads go there, writes to the primary. */
  replicaUrls: string[];
  /** Where the embedded PostgreSQL keeps its files. */
  dataDir: string;
  /** Load the generated illustrative dataset on start (ILLUSTRATIVE_DATA=off to skip). */
  illustrativeData: boolean;
  production: boolean;
  /** Cache anonymous query answers, emptied of what each committed change touches (RESPONSE_CACHE=off to skip). */
  responseCache: boolean;
  /** Requests per client on /graphql: a burst and a steady rate per second; null: no limit. */
  rateLimit: { burst: number; perSecond: number } | null;
  /** Express's `trust proxy`: false, a number of proxies, or their addresses/subnets. */
  trustProxy: TrustProxy;
  /** Analytics requests (scorecard, series, compare, ...) computed at once; the rest queue (graphql/admission.ts). */
  analyticsConcurrency: number;
  /** GraphQL requests answered at once over HTTP; the rest wait their turn before Apollo (graphql/admission.ts). */
  requestConcurrency: number;
  /** Connections per database (DATABASE_POOL_MAX); null: two per core, at least 4 (db/orm.ts). */
  poolMax: number | null;
}

/**
 * REQUEST_CONCURRENCY's default: 2 GraphQL requests in progress per core, at least 4; the others
 * wait before Apollo holding nothing but their parsed body (graphql/admission.ts admitRequests).
 * Why: a request that waits inside the server (Apollo's request context built, then queued for
 * an analytics slot) outlives two young-generation collections and is copied into the old one;
 * the answer it builds afterwards hangs off those old objects, and V8 keeps anything an old
 * object points at through every young collection until the next major one. 34-province
 * scorecard, c=32, 2 cores, cache off (bench/RESULTS.md, item 30): with no limit 30-38 % of what
 * was allocated survived each young collection; at scale 100, 8 in progress (4 waiting for an
 * analytics slot) gave 33-35 % and 171-184 req/s, 4 gave 7 % and 309-326 req/s, p99 161-166 ms.
 * The other reads measured the same at 4 and 8, read (b) up to 8 % slower at 4.
 */
export const REQUESTS_PER_CORE = 2;
export const defaultRequestConcurrency = (cores = availableParallelism()): number =>
  Math.max(4, REQUESTS_PER_CORE * cores);

/**
 * ANALYTICS_CONCURRENCY's default: as many as REQUEST_CONCURRENCY's, so that by default no
 * request waits for an analytics slot inside Apollo (above). Set lower, it keeps room for the
 * other reads while analytics queue. On 2 cores both are 4, which was measured alone before
 * the front queue (scale 100, cache off): with 2 the series gave 443 req/s against 561 with 4;
 * with 8 the 34-province scorecard's p99 went back up to 735 ms in one run of two.
 */
export const defaultAnalyticsConcurrency = (cores = availableParallelism()): number =>
  defaultRequestConcurrency(cores);

/** A setting that is a whole number from 1 up to `digits` digits (4: 9999); null when unset. */
function readWholeNumber(name: string, value: string | undefined, digits: number): number | null {
  const text = (value ?? "").trim();
  if (text === "") return null;
  const max = 10 ** digits - 1;
  if (!/^\d+$/.test(text) || text.length > digits || Number(text) < 1) {
    throw new Error(`${name} must be a whole number from 1 to ${max}, got "${value}"`);
  }
  return Number(text);
}

export type TrustProxy = false | number | string;

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address, a subnet (address/bits) or one of Express's names for address ranges. */
function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [address, bits, extra] = item.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY (default off): which proxies may tell the client's address and protocol in
 * X-Forwarded-For/-Proto. Off, those headers are ignored, so no client can choose the address its
 * rate limit is counted on. "true" (trust anyone) is refused: any client could forge the header.
 */
export function readTrustProxy(env: NodeJS.ProcessEnv = process.env): TrustProxy {
  const text = (env.TRUST_PROXY ?? "").trim().toLowerCase();
  if (["", "off", "0", "false", "no"].includes(text)) return false;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const items = text.split(",").map(item => item.trim());
  if (items.every(isProxyAddress)) return items.join(", ");
  throw new Error(
    `TRUST_PROXY must be off, a number of proxies (1) or addresses and subnets (loopback, 10.0.0.0/8), got "${env.TRUST_PROXY}"`,
  );
}

/** RATE_LIMIT="<burst>/<per second>" (default 300/50), or "off". */
function readRateLimit(value: string | undefined): AppConfig["rateLimit"] {
  const text = (value ?? "300/50").trim().toLowerCase();
  if (["off", "0", "false", "no"].includes(text)) return null;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) {
    throw new Error(`RATE_LIMIT must look like 300/50 (burst/per second) or off, got "${value}"`);
  }
  return { burst: Number(match[1]), perSecond: Number(match[2]) };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = env.PORT === undefined || env.PORT === "" ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const off = (value: string | undefined) =>
    ["off", "0", "false", "no"].includes((value ?? "on").trim().toLowerCase());
  return Object.freeze({
    port,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    replicaUrls: (env.DATABASE_REPLICA_URLS ?? "")
      .split(",")
      .map(url => url.trim())
      .filter(Boolean),
    dataDir: resolve(env.DATA_DIR?.trim() || resolve(projectRoot(), ".data")),
    illustrativeData: !off(env.ILLUSTRATIVE_DATA),
    responseCache: !off(env.RESPONSE_CACHE),
    // Stack traces and internal error messages only when asked for: a plain `npm start` is a real deployment.
    production: env.NODE_ENV !== "development",
    rateLimit: readRateLimit(env.RATE_LIMIT),
    trustProxy: readTrustProxy(env),
    analyticsConcurrency:
      readWholeNumber("ANALYTICS_CONCURRENCY", env.ANALYTICS_CONCURRENCY, 4) ??
      defaultAnalyticsConcurrency(),
    requestConcurrency:
      readWholeNumber("REQUEST_CONCURRENCY", env.REQUEST_CONCURRENCY, 4) ??
      defaultRequestConcurrency(),
    poolMax: readWholeNumber("DATABASE_POOL_MAX", env.DATABASE_POOL_MAX, 3),
  });
}
