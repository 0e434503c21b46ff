import "reflect-metadata";
import { loadavg } from "node:os";
import pg from "pg";
import {
  CheckupGroup,
  summariseCheckups,
  type CheckupSummaryArgs,
} from "../server/checkups/checkup-summary.service.js";
import { Dataset } from "../server/graphql/enums.js";
import {
  MonitoringGroup,
  summariseMonitoring,
  type MonitoringSummaryArgs,
} from "../server/monitoring/monitoring-summary.service.js";
import { startBenchCluster, type BenchCluster } from "./cluster.js";
import { drain, drive, formatMs, probe } from "./drive.js";
import { loadScale } from "./load.js";
import { copyBothWays } from "./partition-tables.js";
import { planFor } from "./scale.js";
import { startServerProcess } from "./server-process.js";

/**
 * Should monitoring_result and health_checkup be partitioned by year? Loads the benchmark's
 * ILLUSTRATIVE data at one scale, copies both tables twice (plain, and PARTITION BY RANGE (year):
 * bench/partition-tables.ts), and times the summaries' raw SQL (the path the app takes when a
 * rollup cannot answer or is stale, and what a rollup rebuild reads) on each copy, interleaved.
 * Then, on the real tables, the summaries through the API without the response cache, at one
 * connection and at 32. `npm run bench:partition`. Settings:
 *   PARTITION_SCALE=100   the scale (1, 10, 100 or 1000)
 *   PARTITION_ROUNDS=5    interleaved rounds per query (medians are printed)
 *   PARTITION_API=0       skip the API section
 *   PARTITION_COPIES=0    skip the copies and the raw SQL (only load, then the API section)
 *   BENCH_DURATION=10     seconds of each 32-connection API run
 */
const scale = Number(process.env.PARTITION_SCALE ?? 100);
const rounds = Number(process.env.PARTITION_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_DURATION ?? 10);
const log = (line: string) => console.log(line);
const load = () => `load ${loadavg()[0].toFixed(1)}`;
const ILL = [Dataset.ILLUSTRATIVE];

const monitoring: [string, MonitoringSummaryArgs][] = [
  ["factor×year, all years", m([MonitoringGroup.FACTOR, MonitoringGroup.YEAR])],
  ["factor, 2024 only", m([MonitoringGroup.FACTOR], 2024, 2024)],
  ["sector, 2023-2024", m([MonitoringGroup.SECTOR], 2023, 2024)],
];
const checkups: [string, CheckupSummaryArgs][] = [
  ["year×kind, all years", c([CheckupGroup.YEAR, CheckupGroup.KIND])],
  ["disease×year, 2024 only", c([CheckupGroup.DISEASE, CheckupGroup.YEAR], 2024, 2024)],
  ["sector, 2022-2024", c([CheckupGroup.SECTOR], 2022, 2024)],
];

function m(groupBy: MonitoringGroup[], yearFrom: number | null = null, yearTo = yearFrom) {
  return { groupBy, units: null, yearFrom, yearTo, datasets: ILL };
}
function c(groupBy: CheckupGroup[], yearFrom: number | null = null, yearTo = yearFrom) {
  return { groupBy, units: null, yearFrom, yearTo, kind: null, datasets: ILL };
}

let cluster: BenchCluster | null = null;
try {
  cluster = await startBenchCluster(log);
  log(`scale ${scale}: loading (${load()})`);
  await loadScale(cluster.url, planFor(scale), log);
  if (process.env.PARTITION_COPIES !== "0") await copiesSection(cluster.url);
  if (process.env.PARTITION_API !== "0") await apiSection(cluster.url);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cluster?.stop();
}

/** Both tables copied plain and partitioned, then the summaries' raw SQL on each copy. */
async function copiesSection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    log(`\ncopies, plain vs partitioned by year (fill time includes index upkeep; ${load()})`);
    for (const table of ["monitoring_result", "health_checkup"]) {
      const t = await copyBothWays(client, table);
      log(
        `  ${table}: fill ${(t.plainMs / 1000).toFixed(1)} s vs ${(t.partitionedMs / 1000).toFixed(1)} s (${t.partitions} partitions); ` +
          `size ${t.plainMb.toFixed(0)} MB vs ${t.partitionedMb.toFixed(0)} MB`,
      );
    }
    log(`\nraw summary SQL, median of ${rounds} interleaved rounds, ms (plain vs partitioned)`);
    await compareRaw(client);
  } finally {
    await client.end();
  }
}

/** Each summary's raw SQL on `<table>_plain` and `<table>_p`, alternating which goes first. */
async function compareRaw(client: pg.Client): Promise<void> {
  const on = (suffix: string) => async (sql: string, params: unknown[]) => {
    let i = 0;
    const text = sql
      .replace(/\?/g, () => `$${++i}`)
      .replace(/\b(monitoring_result|health_checkup)\b/g, `$1${suffix}`);
    return (await client.query(text, params)).rows as Record<string, unknown>[];
  };
  const cases = [
    ...monitoring.map(
      ([name, args]) =>
        [
          `monitoring ${name}`,
          (x: ReturnType<typeof on>) => summariseMonitoring(x, args, false),
        ] as const,
    ),
    ...checkups.map(
      ([name, args]) =>
        [
          `check-ups ${name}`,
          (x: ReturnType<typeof on>) => summariseCheckups(x, args, false),
        ] as const,
    ),
  ];
  for (const [name, run] of cases) {
    const times: Record<"plain" | "p", number[]> = { plain: [], p: [] };
    let same = true;
    for (let round = 0; round < rounds; round++) {
      const order: ("plain" | "p")[] = round % 2 ? ["p", "plain"] : ["plain", "p"];
      const answers: string[] = [];
      for (const which of order) {
        const started = performance.now();
        answers.push(JSON.stringify(await run(on(`_${which}`))));
        times[which].push(performance.now() - started);
      }
      same &&= answers[0] === answers[1];
    }
    log(
      `  ${name.padEnd(38)} ${median(times.plain).toFixed(0).padStart(6)} vs ${median(times.p).toFixed(0).padStart(6)}` +
        `${same ? "" : "  ANSWERS DIFFER"}  (${load()})`,
    );
  }
}

/** The summaries through the API, response cache off: one request alone, then 32 at once. */
async function apiSection(url: string): Promise<void> {
  log(`\nAPI, response cache off (rollups built at start): idle ms, then 32 connections`);
  const server = await startServerProcess(url, { responseCache: false });
  try {
    const queries = [
      gqlQuery("monitoringSummary(groupBy: [FACTOR, YEAR]", "factor year sites samples"),
      gqlQuery("checkupSummary(groupBy: [YEAR, KIND]", "year kind establishments cases"),
      gqlQuery("checkupSummary(groupBy: [DISEASE, YEAR]", "disease year cases"),
      // Last, the raw paths: a year range without YEAR in the grouping (no rollup can answer).
      gqlQuery("monitoringSummary(groupBy: [FACTOR], yearFrom: 2024, yearTo: 2024", "factor sites"),
      gqlQuery("checkupSummary(groupBy: [SECTOR], yearFrom: 2022, yearTo: 2024", "sector cases"),
    ];
    for (const query of queries) {
      const idle: number[] = [];
      // Three alone, unless they are slow (the raw paths at scale 1000): then as many as fit 10 s.
      for (let i = 0; i < 3 && (i === 0 || idle.reduce((a, b) => a + b, 0) < 10_000); i++) {
        const p = await probe(server.url, query);
        if (p.status !== 200 || p.graphqlErrors.length) {
          throw new Error(`${query.name}: HTTP ${p.status} ${p.graphqlErrors.join("; ")}`);
        }
        idle.push(p.ms);
      }
      const before = load();
      const r = await drive(server.url, query, seconds, 32);
      // Cancel what the run left queued (a slow aggregate), or it eats into the next query.
      await drain(server.url, url);
      log(
        `  ${query.name.padEnd(70)} idle ${median(idle).toFixed(0)} ms; c=32 p50 ${formatMs(r.p50)} p99 ${formatMs(r.p99)} ms ` +
          `${r.requestsPerSecond.toFixed(1)} req/s, errors ${r.errors + r.non2xx + r.timeouts} (${before})`,
      );
    }
  } finally {
    await server.stop();
  }
}

function gqlQuery(call: string, fields: string) {
  const query = `{ ${call}, datasets: [ILLUSTRATIVE]) { ${fields} } }`;
  return { name: call, label: call, body: JSON.stringify({ query }) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
