import type { LoadResult, Probe } from "./drive.js";
import type { Collected } from "./server-process.js";
import type { Explained } from "./explain.js";
import type { AfterWriteRound } from "./after-write.js";
import type { DiskSize, LoadTimes } from "./load.js";
import type { MixedRun } from "./mixed.js";
import type { PeerRun } from "./peer.js";
import type { BenchQuery } from "./queries.js";
import type { ScalePlan } from "./scale.js";
import type { StartupResult } from "./startup.js";
import type { WarmUp } from "./warm-up.js";

/** What one benchmark run found; run.ts fills it in, report.ts turns it into RESULTS.md. */
export interface QueryRun {
  query: BenchQuery;
  probe: Probe;
  load: LoadResult;
  rssStartMb: number;
  rssEndMb: number;
  /** 1-minute load average just before the run: other work on the machine shows up here. */
  loadAverage: number;
  /** Server CPU (user + system, /proc/<pid>/stat) over the loaded run divided by its responses. */
  cpuMsPerResponse?: number;
  /** Server CPU per request of the sequential idle requests after the warm-up (one at a time). */
  cpuMsAlone?: number;
  /** How many sequential idle requests cpuMsAlone is the average of. */
  aloneRequests?: number;
  /** The warm-up before the idle and loaded runs (absent in results written before it was recorded). */
  warmUp?: WarmUp;
}

export interface ScaleRun {
  plan: ScalePlan;
  rows: Record<string, number>;
  loadTimes: LoadTimes[];
  /** Disk used after the load (absent in results written before it was recorded). */
  disk?: DiskSize[];
  serverStartRssMb: number;
  /** With the response cache, as `npm start` serves (repeated queries are answered from memory). */
  runs: QueryRun[];
  /** The same queries with the cache off: every request runs its SQL and analytics. */
  uncachedRuns: QueryRun[];
  explained: Explained[];
  /** Summaries asked right after a one-row write (bench/after-write.ts); absent: not run. */
  afterWrite?: AfterWriteRound[];
  /** Ours against PostGraphile 5 and raw pg on the same reads (bench/peer.ts). */
  peer?: PeerRun;
}

export interface SoakRun {
  seconds: number;
  query: string;
  samples: { second: number; rssMb: number }[];
  load: LoadResult;
  /** Read (b) soak (bench/soak.ts): RSS at server start, load average, growth after warm-up. */
  startRssMb?: number;
  loadAverage?: number;
  /** RSS a second after a full collection near the end against a second after one at 10 s. */
  growthAfterWarmUp?: number;
  /** Heap right after, and RSS a second after, the full collections at 10 s and near the end (bench/soak.ts). */
  collected?: (Collected & { second: number })[];
}

export interface BenchRun {
  startedAt: Date;
  finishedAt: Date | null;
  seconds: number;
  connections: number;
  units3: string[];
  units34: string[];
  compareUnits: string[];
  postgres: string;
  scales: ScaleRun[];
  soak: SoakRun | null;
  /** 60 s of read (b) at c=32 at each scale run (bench/soak.ts, BENCH_SOAK_B). */
  soakB?: SoakRun[];
  startup: StartupResult | null;
  /** 32 readers + 1 writer with the response cache (bench/mixed.ts), at the first scale run. */
  mixed?: MixedRun & { scale: number };
  notes: string[];
}

/** One line of the targets table in RESULTS.md (met: null when it was not measured). */
export interface Verdict {
  target: string;
  measured: string;
  met: boolean | null;
  miss: string;
}
