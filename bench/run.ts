import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { cpuMs } from "./cpu.js";
import { startBenchCluster, type BenchCluster } from "./cluster.js";
import { drain, drive, formatMs, probe } from "./drive.js";
import { explainQueries } from "./explain.js";
import { loadScale } from "./load.js";
import {
  checkupSummaryQuery,
  compareQuery,
  monitoringResultsQuery,
  unitMonitoringResultsQuery,
  unitPairCheckupsQuery,
  monitoringSummaryQuery,
  observationsQuery,
  scorecardQuery,
  seriesQuery,
  type BenchQuery,
} from "./queries.js";
import { runMixed } from "./mixed.js";
import { summariesAfterWrite } from "./after-write.js";
import { runPeer } from "./peer.js";
import { writeResults } from "./report.js";
import { planFor, SCALES } from "./scale.js";
import { startServerProcess, type ServerProcess } from "./server-process.js";
import { soakUnitObservations } from "./soak.js";
import { measureStartup } from "./startup.js";
import { targetsFor } from "./targets.js";
import type { BenchRun, QueryRun, ScaleRun, SoakRun } from "./types.js";
import { describeWarmUp, warmUntilSteady, WARM_UP_MAX_SECONDS } from "./warm-up.js";

/**
 * `npm run bench`: loads ILLUSTRATIVE data at scales 1, 10 and 100 into a throw-away embedded
 * PostgreSQL, drives the API server (a child process) with autocannon over loopback, and
 * writes bench/RESULTS.md. Settings:
 *   --quick              3 s per query, no soak (unless BENCH_SOAK=1)
 *   BENCH_DURATION=s     seconds per query (default 10)
 *   BENCH_SCALES=1,10    scales to run (default 1,10,100)
 *   BENCH_SOAK=0|1       the 60 s memory-flatness run of the scorecard at scale 1 (default on)
 *   BENCH_STARTUP=0      skip the start-up measurement
 *   BENCH_QUERIES=a,b    only these queries (names as in the tables: scorecard-34, compare, ...)
 *   BENCH_TABLES=0       skip the cached / uncached query tables (e.g. to run only the peer section)
 *   BENCH_PEER=0         skip the side-by-side reads against PostGraphile 5 and raw pg (bench/peer.ts)
 *   BENCH_PEER_ROUNDS=n  interleaved rounds per peer read (default 3; medians are reported)
 *   BENCH_PROFILE=dir    V8 CPU profiles of the uncached server and of ours in the peer section
 *   BENCH_MIXED=0        skip the 32 readers + 1 writer run (bench/mixed.ts)
 *   BENCH_MIXED_SECONDS=s  its length (default 20; issue 14 asks for 60)
 *   BENCH_MIXED_SCALE=n  the scale it runs at (default: the first of BENCH_SCALES)
 *   BENCH_AFTER_WRITE=0  skip the summaries asked right after a one-row write (bench/after-write.ts)
 *   BENCH_SOAK_B=0|1     60 s of peer read (b) at c=32, RSS every 10 s, at each scale (default: as BENCH_SOAK)
 *   BENCH_SOAK_NODE_ARGS="--trace-gc ..."  V8 flags for that soak's server
 *   BENCH_START_FLAGS="..."  replace the V8 flags of `npm start` our server runs with (" " for none)
 *   BENCH_RESULTS=file   write the report there instead of bench/RESULTS.md (e.g. a scale-1000 run)
 */
const quick = process.argv.includes("--quick");
const seconds = Number(process.env.BENCH_DURATION ?? (quick ? 3 : 10));
if (!Number.isFinite(seconds) || seconds <= 0) {
  throw new Error(
    `BENCH_DURATION must be a positive number of seconds, got ${process.env.BENCH_DURATION}`,
  );
}
const scales = (process.env.BENCH_SCALES ?? SCALES.join(",")).split(",").map(Number);
const soakOn = process.env.BENCH_SOAK ? process.env.BENCH_SOAK !== "0" : !quick;
const startupOn = process.env.BENCH_STARTUP !== "0";
const tablesOn = process.env.BENCH_TABLES !== "0";
const peerOn = process.env.BENCH_PEER !== "0";
const peerRounds = Number(process.env.BENCH_PEER_ROUNDS ?? 3);
const mixedOn = process.env.BENCH_MIXED !== "0";
const afterWriteOn = process.env.BENCH_AFTER_WRITE !== "0";
const mixedSeconds = Number(process.env.BENCH_MIXED_SECONDS ?? 20);
const mixedScale = Number(process.env.BENCH_MIXED_SCALE ?? scales[0]);
const soakBOn = process.env.BENCH_SOAK_B ? process.env.BENCH_SOAK_B !== "0" : soakOn;
const CONNECTIONS = 32;
const SOAK_SECONDS = 60;
const SOAK_SAMPLE_SECONDS = 5;

const log = (line: string) => console.log(line);
const began = Date.now();
const elapsed = () => `${Math.round((Date.now() - began) / 1000)} s`;

const run: BenchRun = {
  startedAt: new Date(),
  finishedAt: null,
  seconds,
  connections: CONNECTIONS,
  units3: [],
  units34: [],
  compareUnits: [],
  postgres: "",
  scales: [],
  soak: null,
  startup: null,
  notes: [],
};

let cluster: BenchCluster | null = null;
let server: ServerProcess | null = null;
// Ctrl-C: stop the child server and PostgreSQL, and remove the temp folders.
process.once("SIGINT", () => {
  void Promise.allSettled([server?.stop(), cluster?.stop()]).then(() => process.exit(130));
});

try {
  log(
    `benchmark: ${seconds} s per query, ${CONNECTIONS} connections, scales ${scales.join(", ")}${soakOn ? ", with the 60 s soak" : ""}`,
  );
  // The numbers assume `npm install` patched graphql-jit (scripts/patch-graphql-jit.mjs).
  if (!jitPatched()) {
    log("WARNING: graphql-jit is not patched (installed with --ignore-scripts?): lists run slower");
  }
  cluster = await startBenchCluster(log);
  await describeDatabase(cluster.url);

  for (const scale of scales) {
    const plan = planFor(scale);
    log(`\nscale ${scale}: loading (${elapsed()})`);
    const { times: loadTimes, disk } = await loadScale(cluster.url, plan, log);
    const rows = Object.fromEntries(loadTimes.filter(t => t.rows).map(t => [t.table, t.rows]));
    const queries = benchQueries();
    if (mixedOn && scale === mixedScale) await mixedSection(scale);
    if (soakBOn) {
      const nodeArgs = process.env.BENCH_SOAK_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
      (run.soakB ??= []).push(
        await soakUnitObservations(cluster.url, scale, CONNECTIONS, log, nodeArgs),
      );
    }
    if (!tablesOn) {
      const scaleRun: ScaleRun = {
        plan,
        rows,
        loadTimes,
        disk,
        serverStartRssMb: NaN,
        runs: [],
        uncachedRuns: [],
        explained: [],
      };
      run.scales.push(scaleRun);
      if (peerOn) await peerSection(scaleRun);
      writeResults(run);
      continue;
    }
    server = await startServerProcess(cluster.url);
    const scaleRun: ScaleRun = {
      plan,
      rows,
      loadTimes,
      disk,
      serverStartRssMb: server.rssMb(),
      runs: [],
      uncachedRuns: [],
      explained: [],
    };
    run.scales.push(scaleRun);
    log("  with the response cache (the default):");
    scaleRun.runs = await measure(server, queries, scale);
    await server.stop();
    // The same queries with the cache off: what a request costs when its answer is not cached
    // (the first after a write, or a query nobody asked before).
    log("  without the response cache (every request computed):");
    // BENCH_PROFILE=<dir>: a V8 CPU profile of the uncached server (summarise with dist/bench/profile.js).
    const profile = process.env.BENCH_PROFILE;
    server = await startServerProcess(cluster.url, {
      responseCache: false,
      nodeArgs: profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [],
    });
    scaleRun.uncachedRuns = await measure(server, queries, scale);
    if (afterWriteOn) {
      log("  summaries right after a one-row write:");
      scaleRun.afterWrite = await summariesAfterWrite(server.url, cluster.url, 3, log);
    }
    // Memory is soaked without the cache: every request then allocates its whole answer anew.
    if (scale === 1 && soakOn) run.soak = await soak(server, queries[0]);
    await server.stop();
    server = null;

    // Plans of the queries that miss their latency target, and of every query at the largest scale.
    const slow = scaleRun.uncachedRuns.filter(r =>
      targetsFor(scale, r.query.name).some(
        t => t.p99 !== undefined && (r.load.p99 > t.p99 || !r.load.responses),
      ),
    );
    const toExplain = scale === Math.max(...scales) ? scaleRun.uncachedRuns : slow;
    if (toExplain.length) {
      log(`  EXPLAIN (ANALYZE, BUFFERS) of ${toExplain.map(r => r.query.name).join(", ")}`);
      scaleRun.explained = await explainQueries(
        cluster.url,
        toExplain.map(r => r.query),
      );
    }
    if (peerOn) await peerSection(scaleRun);
    writeResults(run);
  }

  if (startupOn) {
    log(`\nstart-up of npm start's bundle, dist/start/main.mjs (${elapsed()})`);
    run.startup = await measureStartup(log);
  }
  run.finishedAt = new Date();
  const file = writeResults(run);
  log(`\nwrote ${file} (${elapsed()})`);
} catch (error) {
  run.notes.push(
    `The run stopped early: ${error instanceof Error ? error.message : String(error)}`,
  );
  writeResults(run);
  console.error(error);
  process.exitCode = 1;
} finally {
  await server?.stop();
  await cluster?.stop();
}

/** 32 readers and one writer every 200 ms, with the response cache (bench/mixed.ts). */
async function mixedSection(scale: number): Promise<void> {
  log(`  ${CONNECTIONS} readers + 1 writer for ${mixedSeconds} s (${elapsed()})`);
  const target = await startServerProcess(cluster!.url);
  try {
    const written = run.units34.at(-1)!;
    for (const query of [
      scorecardQuery(run.units3),
      compareQuery(run.compareUnits),
      observationsQuery,
    ]) {
      const first = await probe(target.url, query);
      if (first.status !== 200 || first.graphqlErrors.length) {
        run.notes.push(
          `mixed run, ${query.name}: HTTP ${first.status}, errors: ${first.graphqlErrors.join("; ").slice(0, 300)}`,
        );
      }
    }
    const mixed = await runMixed(
      target.url,
      cluster!.url,
      { scorecard: run.units3, compare: run.compareUnits, written },
      mixedSeconds,
      CONNECTIONS,
    );
    run.mixed = { ...mixed, scale };
    log(
      `    reads ${mixed.readsPerSecond.toFixed(0)}/s p50 ${formatMs(mixed.readP50)} ms p99 ${formatMs(mixed.readP99)} ms errors ${mixed.readErrors}; ` +
        `writes ${mixed.writes} (errors ${mixed.writeErrors}, p50 ${mixed.writeMsP50.toFixed(0)} ms, max ${mixed.writeMsMax.toFixed(0)} ms); stale reads after ack ${mixed.staleReads}; load ${mixed.loadAverage.toFixed(1)}`,
    );
  } finally {
    await target.stop();
  }
}

/** Ours against PostGraphile 5 and raw pg, interleaved (bench/peer.ts). */
async function peerSection(scaleRun: ScaleRun): Promise<void> {
  log(`  side by side with PostGraphile 5 and raw pg (${elapsed()})`);
  scaleRun.peer = await runPeer(cluster!.url, { seconds, rounds: peerRounds, log });
}

/** Units for the queries: the 34 current provinces (after the 2025 merger), 3 of them, 5 for compare. */
async function describeDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const units = await client.query<{ code: string }>(
      `select code from administrative_unit where level = 'PROVINCE' and valid_to is null order by code`,
    );
    run.units34 = units.rows.map(u => u.code);
    run.units3 = run.units34.slice(0, 3);
    run.compareUnits = run.units34.slice(0, 5);
    run.postgres = (
      await client.query<{ v: string }>(`select current_setting('server_version') as v`)
    ).rows[0].v;
  } finally {
    await client.end();
  }
}

/** Each query: one probe (its SQL count), a warm-up, the idle latency, then the loaded run. */
async function measure(
  target: ServerProcess,
  queries: BenchQuery[],
  scale: number,
): Promise<QueryRun[]> {
  const runs: QueryRun[] = [];
  for (const query of queries) {
    const first = await probe(target.url, query);
    if (first.status !== 200 || first.graphqlErrors.length) {
      run.notes.push(
        `scale ${scale}, ${query.name}: HTTP ${first.status}, errors: ${first.graphqlErrors.join("; ").slice(0, 300)}`,
      );
    }
    // Until the server's CPU per request stops falling (bench/warm-up.ts); a short smoke run
    // (BENCH_DURATION under 3 s) keeps its warm-up that short too.
    const warmUp = await warmUntilSteady(
      target.url,
      query,
      () => cpuMs(target.pid),
      seconds >= 3 ? WARM_UP_MAX_SECONDS : Math.max(1, seconds),
    );
    await drain(target.url, cluster!.url);
    // Half a second of sequential requests unmeasured: the loaded warm-up leaves old-space
    // garbage whose major collection otherwise lands in the first of them (34-province scorecard,
    // scale 1: 3.6 ms of CPU per request in the first hundred, 2.2-2.6 ms in the next four).
    const leadIn = performance.now();
    while (performance.now() - leadIn < 500) await probe(target.url, query);
    // The idle latency is taken after the warm-up (not the first, cold request); the median of
    // at least 10 for a noisy machine. Sequential requests for about a second also give the server
    // CPU per request alone (the /proc clock ticks are 10 ms, so one request is too short to time).
    const idle: number[] = [];
    const cpuBefore = cpuMs(target.pid);
    const idleStarted = performance.now();
    while (idle.length < 10 || (performance.now() - idleStarted < 1000 && idle.length < 100)) {
      idle.push((await probe(target.url, query)).ms);
    }
    const cpuMsAlone = (cpuMs(target.pid) - cpuBefore) / idle.length;
    first.ms = idle.sort((a, b) => a - b)[Math.floor(idle.length / 2)];
    const loadAverage = loadavg()[0];
    const rssStartMb = target.rssMb();
    const cpuStart = cpuMs(target.pid);
    const load = await drive(target.url, query, seconds, CONNECTIONS);
    // Before the drain: work on requests still in flight after the deadline is not counted.
    const cpuMsPerResponse = load.responses ? (cpuMs(target.pid) - cpuStart) / load.responses : NaN;
    const rssEndMb = target.rssMb();
    await drain(target.url, cluster!.url);
    runs.push({
      query,
      probe: first,
      load,
      rssStartMb,
      rssEndMb,
      loadAverage,
      cpuMsPerResponse,
      cpuMsAlone,
      aloneRequests: idle.length,
      warmUp,
    });
    log(
      `    ${query.name.padEnd(20)} p50 ${formatMs(load.p50)} ms  p99 ${formatMs(load.p99)} ms  ${load.requestsPerSecond.toFixed(0)} req/s  ` +
        `errors ${load.errors + load.non2xx + load.timeouts}  responses ${load.responses}  idle ${first.ms.toFixed(0)} ms  ` +
        `CPU ${cpuMsAlone.toFixed(1)} ms alone (${idle.length}), ${cpuMsPerResponse.toFixed(1)} ms loaded  SQL ${first.sqlStatements}  RSS ${rssStartMb.toFixed(0)}→${rssEndMb.toFixed(0)} MB  ` +
        `warm-up ${describeWarmUp(warmUp)}`,
    );
  }
  return runs;
}

function benchQueries(): BenchQuery[] {
  const all = [
    scorecardQuery(run.units34),
    scorecardQuery(run.units3),
    compareQuery(run.compareUnits),
    monitoringSummaryQuery,
    observationsQuery,
    seriesQuery(run.compareUnits),
    checkupSummaryQuery,
    monitoringResultsQuery,
    // The last province by code: in the bench data its results come near the end of the first
    // year (after ~290,000 of ~306,000 rows at scale 100), the page a join walked longest to.
    unitMonitoringResultsQuery(run.units34[run.units34.length - 1]),
    // Hải Phòng and Hải Dương, merged into it in 2025: each province's rows sit together in the
    // table, so a walk of the (year, id) order passed most of it before their first rows.
    unitPairCheckupsQuery(["hai-phong-34", "hai-duong-63"]),
  ];
  const only = process.env.BENCH_QUERIES?.split(",")
    .map(name => name.trim())
    .filter(Boolean);
  if (!only?.length) return all;
  const unknown = only.filter(name => !all.some(q => q.name === name));
  if (unknown.length) {
    throw new Error(
      `BENCH_QUERIES: unknown ${unknown.join(", ")}; known: ${all.map(q => q.name).join(", ")}`,
    );
  }
  return all.filter(q => only.includes(q.name));
}

/** The scorecard for SOAK_SECONDS, with the server's RSS sampled every SOAK_SAMPLE_SECONDS. */
async function soak(target: ServerProcess, query: BenchQuery): Promise<SoakRun> {
  log(`  soak: ${query.name} for ${SOAK_SECONDS} s (${elapsed()})`);
  const samples = [{ second: 0, rssMb: target.rssMb() }];
  const started = Date.now();
  const timer = setInterval(() => {
    samples.push({ second: Math.round((Date.now() - started) / 1000), rssMb: target.rssMb() });
  }, SOAK_SAMPLE_SECONDS * 1000);
  const load = await drive(target.url, query, SOAK_SECONDS, CONNECTIONS);
  clearInterval(timer);
  const second = Math.round((Date.now() - started) / 1000);
  if (samples.at(-1)!.second !== second) samples.push({ second, rssMb: target.rssMb() });
  log(`  soak RSS (MB): ${samples.map(s => s.rssMb.toFixed(0)).join(" ")}`);
  return { seconds: SOAK_SECONDS, query: query.name, samples, load };
}

/** Whether the installed graphql-jit carries the list patch (its marker comment). */
function jitPatched(): boolean {
  const dist = dirname(createRequire(import.meta.url).resolve("graphql-jit"));
  return readFileSync(join(dist, "execution.js"), "utf8").includes("osh: sync list items");
}
