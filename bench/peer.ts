/* eslint-disable @typescript-eslint/no-explicit-any -- two servers' GraphQL answers, each reduced to plain rows right where it is read */
import { loadavg } from "node:os";
import pg from "pg";
import { drive, formatMs, type LoadResult } from "./drive.js";
import type { BenchQuery } from "./queries.js";
import { startServerProcess, type ServerProcess } from "./server-process.js";
import { describeWarmUp, warmUntilSteady } from "./warm-up.js";

/**
 * The peer section: the same reads against our server (response cache off, no SQL counter) and
 * against PostGraphile 5 (bench/peer-child.ts) on the same database, interleaved round by round
 * so that the machine's other load falls on both alike, plus the one hand-written SQL statement
 * each read needs, run straight through `pg` (the floor no GraphQL server can beat). Before
 * timing, both servers' answers are reduced to rows and compared: a faster wrong answer is no win.
 */
export interface PeerRead {
  name: string;
  label: string;
  ours: BenchQuery;
  peer: BenchQuery;
  sql: string;
  params: unknown[];
  oursRows(data: any): unknown[][];
  peerRows(data: any): unknown[][];
}

export interface SideResult {
  /** One per round; the report shows medians. */
  runs: LoadResult[];
  rssEndMb: number;
  /**
   * Server CPU (user + system) per answered request, in ms, one per round: what a request
   * costs the server whatever else runs on the machine, so it compares across loads far better
   * than requests per second on shared cores.
   */
  cpuMsPerRequest: number[];
}

export interface PeerMeasure {
  read: string;
  label: string;
  connections: number;
  ours: SideResult;
  peer: SideResult;
  raw: { requestsPerSecond: number; p50: number; p99: number };
  /** 1-minute load average before each round. */
  loadAverages: number[];
}

export interface PeerRun {
  reads: { name: string; label: string; rows: number; same: boolean; difference: string }[];
  measures: PeerMeasure[];
  rounds: number;
  seconds: number;
  oursStartRssMb: number;
  peerStartRssMb: number;
}

const post = (query: string) => JSON.stringify({ query });

/** The three reads, with the ids and codes they need looked up in the loaded database. */
export async function peerReads(databaseUrl: string): Promise<PeerRead[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const indicatorId = (
      await client.query<{ id: number }>(`select id from indicator where code = 'oa-deaths'`)
    ).rows[0].id;
    // The unit with the most observations (ha-noi when it has them all).
    const unit = (
      await client.query<{ code: string }>(
        `select u.code from observation o join administrative_unit u on u.id = o.unit_id
         group by u.code order by count(*) desc, (u.code = 'ha-noi') desc, u.code limit 1`,
      )
    ).rows[0].code;
    return [
      {
        name: "a-indicator-page",
        label: `(a) first 100 observations of oa-deaths with unit code/name and source title`,
        ours: query(
          "ours-a",
          `{ observations(first: 100, orderBy: YEAR_ASC, filter: { indicators: ["oa-deaths"], datasets: [OFFICIAL, ILLUSTRATIVE] }) { nodes { year value unit { code nameVi } source { title } } } }`,
        ),
        peer: query(
          "peer-a",
          `{ allObservations(first: 100, orderBy: [YEAR_ASC, PRIMARY_KEY_ASC], condition: { indicatorId: ${indicatorId}, reviewState: "APPROVED" }) { nodes { year value administrativeUnitByUnitId { code nameVi } sourceBySourceId { title } } } }`,
        ),
        sql: `select o.year, o.value, u.code, u.name_vi, s.title from observation o
              join administrative_unit u on u.id = o.unit_id left join source s on s.id = o.source_id
              where o.indicator_id = $1 and o.review_state = 'APPROVED' order by o.year, o.id limit 100`,
        params: [indicatorId],
        oursRows: d =>
          d.observations.nodes.map((n: any) => [
            n.year,
            n.value,
            n.unit.code,
            n.unit.nameVi,
            n.source?.title ?? null,
          ]),
        peerRows: d =>
          d.allObservations.nodes.map((n: any) => [
            n.year,
            n.value,
            n.administrativeUnitByUnitId.code,
            n.administrativeUnitByUnitId.nameVi,
            n.sourceBySourceId?.title ?? null,
          ]),
      },
      {
        name: "b-unit-observations",
        label: `(b) unit(code: "${unit}") with its observations and each one's indicator code`,
        ours: query(
          "ours-b",
          `{ unit(code: "${unit}") { code observations(filter: { datasets: [OFFICIAL, ILLUSTRATIVE] }) { year value indicator { code } } } }`,
        ),
        peer: query(
          "peer-b",
          `{ administrativeUnitByCode(code: "${unit}") { code observationsByUnitId(orderBy: [INDICATOR_ID_ASC, YEAR_ASC, PRIMARY_KEY_ASC], condition: { reviewState: "APPROVED" }) { nodes { year value indicatorByIndicatorId { code } } } } }`,
        ),
        sql: `select o.year, o.value, i.code from observation o join indicator i on i.id = o.indicator_id
              where o.unit_id = (select id from administrative_unit where code = $1) and o.review_state = 'APPROVED'
              order by o.indicator_id, o.year, o.id`,
        params: [unit],
        oursRows: d =>
          d.unit.observations.map((n: any) => [d.unit.code, n.year, n.value, n.indicator.code]),
        peerRows: d =>
          d.administrativeUnitByCode.observationsByUnitId.nodes.map((n: any) => [
            d.administrativeUnitByCode.code,
            n.year,
            n.value,
            n.indicatorByIndicatorId.code,
          ]),
      },
      {
        name: "c-units",
        label: "(c) first 100 units by code with names, level, end date and successor code",
        ours: query(
          "ours-c",
          `{ units(first: 100) { nodes { code nameVi level validTo successor { code } } } }`,
        ),
        peer: query(
          "peer-c",
          `{ allAdministrativeUnits(first: 100, orderBy: [CODE_ASC, PRIMARY_KEY_ASC]) { nodes { code nameVi level validTo administrativeUnitBySuccessorId { code } } } }`,
        ),
        sql: `select u.code, u.name_vi, u.level, u.valid_to, s.code as successor from administrative_unit u
              left join administrative_unit s on s.id = u.successor_id order by u.code, u.id limit 100`,
        params: [],
        oursRows: d =>
          d.units.nodes.map((n: any) => [
            n.code,
            n.nameVi,
            n.level,
            n.validTo,
            n.successor?.code ?? null,
          ]),
        peerRows: d =>
          d.allAdministrativeUnits.nodes.map((n: any) => [
            n.code,
            n.nameVi,
            n.level,
            n.validTo,
            n.administrativeUnitBySuccessorId?.code ?? null,
          ]),
      },
      {
        // Nothing to read: what a request costs the HTTP and GraphQL pipeline alone.
        name: "z-typename",
        label: "(z) `{ __typename }`: the fixed cost of a request, with no SQL and one field",
        ours: query("ours-z", `{ __typename }`),
        peer: query("peer-z", `{ __typename }`),
        sql: `select 'Query'`,
        params: [],
        oursRows: d => [[d.__typename]],
        peerRows: d => [[d.__typename]],
      },
    ];
  } finally {
    await client.end();
  }
}

function query(name: string, text: string): BenchQuery {
  return { name, label: name, body: post(text) };
}

async function answer(url: string, q: BenchQuery): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: q.body,
  });
  const json = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (json.errors?.length) {
    throw new Error(`${q.name}: ${json.errors.map(e => e.message).join("; ")}`);
  }
  return json.data;
}

/** Runs the section: starts both servers, checks the rows, then the interleaved rounds. */
export async function runPeer(
  databaseUrl: string,
  { seconds, rounds, log }: { seconds: number; rounds: number; log: (line: string) => void },
): Promise<PeerRun> {
  const reads = await peerReads(databaseUrl);
  let ours: ServerProcess | null = null;
  let peer: ServerProcess | null = null;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  try {
    // BENCH_PROFILE=<dir>: a V8 CPU profile of our server over the whole section (bench/profile.ts reads it).
    const profile = process.env.BENCH_PROFILE;
    ours = await startServerProcess(databaseUrl, {
      responseCache: false,
      sqlCount: false,
      nodeArgs: profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [],
    });
    peer = await startServerProcess(databaseUrl, { script: "peer-child.js" });
    const run: PeerRun = {
      reads: [],
      measures: [],
      rounds,
      seconds,
      oursStartRssMb: ours.rssMb(),
      peerStartRssMb: peer.rssMb(),
    };
    for (const read of reads) {
      const a = read.oursRows(await answer(ours.url, read.ours));
      const b = read.peerRows(await answer(peer.url, read.peer));
      const c = (await pool.query({ text: read.sql, values: read.params, rowMode: "array" })).rows;
      const same = JSON.stringify(a) === JSON.stringify(b) && a.length === c.length;
      const difference = same ? "" : firstDifference(a, b);
      run.reads.push({ name: read.name, label: read.label, rows: a.length, same, difference });
      log(`  peer ${read.name}: ${a.length} rows, ${same ? "same rows" : `DIFFER: ${difference}`}`);
    }
    for (const read of reads) {
      // Both servers alike, until each one's CPU per request stops falling (bench/warm-up.ts).
      const warmed = [
        await warmUntilSteady(ours.url, read.ours, ours.cpuMs),
        await warmUntilSteady(peer.url, read.peer, peer.cpuMs),
      ];
      log(`  ${read.name} warm-up, ours / PostGraphile: ${warmed.map(describeWarmUp).join(" / ")}`);
      for (const connections of [1, 32]) {
        const measure: PeerMeasure = {
          read: read.name,
          label: read.label,
          connections,
          ours: { runs: [], rssEndMb: 0, cpuMsPerRequest: [] },
          peer: { runs: [], rssEndMb: 0, cpuMsPerRequest: [] },
          raw: await driveRaw(pool, read.sql, read.params, seconds, connections),
          loadAverages: [],
        };
        for (let round = 0; round < rounds; round++) {
          measure.loadAverages.push(loadavg()[0]);
          // Alternate who goes first, so neither always runs right after the other's load.
          const order = round % 2 === 0 ? (["ours", "peer"] as const) : (["peer", "ours"] as const);
          for (const side of order) {
            const target = side === "ours" ? ours : peer;
            const cpuBefore = target.cpuMs();
            const result = await drive(
              target.url,
              side === "ours" ? read.ours : read.peer,
              seconds,
              connections,
            );
            measure[side].runs.push(result);
            measure[side].cpuMsPerRequest.push(
              (target.cpuMs() - cpuBefore) / Math.max(1, result.requests),
            );
            measure[side].rssEndMb = target.rssMb();
          }
        }
        run.measures.push(measure);
        const o = median(measure.ours.runs.map(r => r.requestsPerSecond));
        const p = median(measure.peer.runs.map(r => r.requestsPerSecond));
        const oCpu = median(measure.ours.cpuMsPerRequest);
        const pCpu = median(measure.peer.cpuMsPerRequest);
        log(
          `  ${read.name} c=${connections}: ours ${o.toFixed(0)} req/s p99 ${formatMs(median(measure.ours.runs.map(r => r.p99)))} ms, ` +
            `PostGraphile ${p.toFixed(0)} req/s p99 ${formatMs(median(measure.peer.runs.map(r => r.p99)))} ms, ratio ${(o / p).toFixed(2)}, ` +
            `server CPU per request ours ${oCpu.toFixed(2)} ms / PostGraphile ${pCpu.toFixed(2)} ms (ratio ${(pCpu / oCpu).toFixed(2)}), ` +
            `raw pg ${measure.raw.requestsPerSecond.toFixed(0)} req/s p50 ${measure.raw.p50.toFixed(1)} ms (load ${measure.loadAverages.map(l => l.toFixed(1)).join("/")})`,
        );
      }
    }
    return run;
  } finally {
    await ours?.stop();
    await peer?.stop();
    await pool.end();
  }
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

function firstDifference(a: unknown[][], b: unknown[][]): string {
  if (a.length !== b.length) return `ours ${a.length} rows, PostGraphile ${b.length}`;
  const i = a.findIndex((row, k) => JSON.stringify(row) !== JSON.stringify(b[k]));
  return `row ${i}: ours ${JSON.stringify(a[i])}, PostGraphile ${JSON.stringify(b[i])}`;
}

/** The statement alone through a pg pool, `workers` at a time, for `seconds`. */
async function driveRaw(
  pool: pg.Pool,
  sql: string,
  params: unknown[],
  seconds: number,
  workers: number,
): Promise<{ requestsPerSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await pool.query(sql, params);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((x, y) => x - y);
  return {
    requestsPerSecond: latencies.length / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? NaN,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? NaN,
  };
}
