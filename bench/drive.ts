import autocannon from "autocannon";
import pg from "pg";
import type { BenchQuery } from "./queries.js";

const HEADERS = { "content-type": "application/json" };
/**
 * The probe asks for the answer as autocannon does, uncompressed (fetch would otherwise ask for
 * gzip), so the CPU of a request alone and under load is the CPU of the same work.
 */
const PROBE_HEADERS = { ...HEADERS, "accept-encoding": "identity" };

export interface Probe {
  status: number;
  sqlStatements: number | null;
  /** GraphQL errors in a 200 response, which autocannon cannot see. */
  graphqlErrors: string[];
  bytes: number;
  /** Latency of this single request on an otherwise idle server. */
  ms: number;
}

/** One request, to read the x-sql-statements header and check the answer has no errors. */
export async function probe(url: string, query: BenchQuery): Promise<Probe> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: PROBE_HEADERS,
    body: query.body,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const header = response.headers.get("x-sql-statements");
  let graphqlErrors: string[] = [];
  try {
    const json = JSON.parse(text) as { errors?: { message: string }[] };
    graphqlErrors = (json.errors ?? []).map(e => e.message);
  } catch {
    graphqlErrors = [`not JSON: ${text.slice(0, 200)}`];
  }
  return {
    status: response.status,
    sqlStatements: header === null ? null : Number(header),
    graphqlErrors,
    bytes: text.length,
    ms,
  };
}

export interface LoadResult {
  p50: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  requests: number;
  /** Responses received (2xx and others); fewer than the connections means the run saw only the fastest requests. */
  responses: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Milliseconds for a report: one decimal under 10 ms, whole above. */
export const formatMs = (n: number) => n.toFixed(n < 10 ? 1 : 0);

/** Latency percentiles in fractional ms, from every 2xx answer of an autocannon run. */
export interface ExactLatencies {
  p50: number;
  p99: number;
  max: number;
}

/**
 * autocannon, with latencies taken from its own per-response timer (process.hrtime, fractional
 * ms) for the 2xx answers, because its summary histogram stores whole milliseconds: a 0.4 ms
 * answer at one connection would read "0".
 */
export async function runAutocannon(
  options: autocannon.Options,
): Promise<{ result: autocannon.Result; latency: ExactLatencies }> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] : NaN;
  return { result, latency: { p50: at(0.5), p99: at(0.99), max: at(1) } };
}

/** autocannon against POST /graphql over loopback. */
export async function drive(
  url: string,
  query: BenchQuery,
  seconds: number,
  connections = 32,
): Promise<LoadResult> {
  const { result, latency } = await runAutocannon({
    url: `${url}/graphql`,
    method: "POST",
    headers: HEADERS,
    body: query.body,
    connections,
    duration: seconds,
    // A slow scale-100 aggregate must show up as latency, not as a socket timeout.
    timeout: 30,
  });
  return {
    ...latency,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    responses: result["2xx"] + result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** A short run at low concurrency: fills the JIT, the ORM metadata caches and PostgreSQL's buffers. */
export async function warmUp(url: string, query: BenchQuery, seconds: number): Promise<void> {
  await drive(url, query, seconds, 4);
}

/**
 * autocannon stops at the deadline, but the server keeps working off the requests in flight
 * (up to one per connection) and PostgreSQL keeps running their statements. At scale 100 a slow
 * aggregate would then eat into the next query's run, so the leftovers are cancelled
 * (pg_cancel_backend on the bench's own throw-away database) until nothing is active and a cheap
 * request answers promptly.
 */
export async function drain(url: string, databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let i = 0; i < 240; i++) {
      const active = await client.query<{ n: number }>(
        `select count(pg_cancel_backend(pid))::int as n from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()`,
      );
      if (active.rows[0].n === 0) {
        const cheap = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: HEADERS,
          body: CHEAP,
          signal: AbortSignal.timeout(2000),
        }).then(
          r => r.ok,
          () => false,
        );
        if (cheap) return;
      }
      await new Promise(r => setTimeout(r, 250));
    }
  } finally {
    await client.end();
  }
}

/** A request that needs one small SQL statement, so it waits for a free pool connection. */
const CHEAP = JSON.stringify({ query: '{ indicator(code: "oa-deaths") { code } }' });
