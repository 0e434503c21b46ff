import { loadavg } from "node:os";
import { drive, formatMs, warmUp } from "./drive.js";
import { peerReads } from "./peer.js";
import { startServerProcess } from "./server-process.js";
import type { SoakRun } from "./types.js";

const SOAK_SECONDS = 60;
const SAMPLE_SECONDS = 10;
/** Growth after warm-up is measured from this sample on (the first 10 s fill pools and caches). */
const WARM_SECOND = 10;

/**
 * Issue 14 item 4: our server's RSS over 60 s of read (b) (`unit(code)` with its observations
 * and each one's indicator code, the peer section's read) at 32 connections, response cache off
 * and no SQL counter, as the peer section runs it. RSS is sampled every 10 s; "growth" is the
 * last sample against the one at 10 s (after the warm-up), so a leak shows as growth.
 * `nodeArgs` passes V8 flags to the server (e.g. `--trace-gc` while looking for the cause).
 */
export async function soakUnitObservations(
  databaseUrl: string,
  scale: number,
  connections: number,
  log: (line: string) => void,
  nodeArgs: string[] = [],
): Promise<SoakRun> {
  const read = (await peerReads(databaseUrl)).find(r => r.name === "b-unit-observations")!;
  const server = await startServerProcess(databaseUrl, {
    responseCache: false,
    sqlCount: false,
    nodeArgs,
  });
  try {
    const startRssMb = server.rssMb();
    await warmUp(server.url, read.ours, 2);
    const loadAverage = loadavg()[0];
    const samples = [{ second: 0, rssMb: server.rssMb() }];
    const started = Date.now();
    const timer = setInterval(() => {
      samples.push({ second: Math.round((Date.now() - started) / 1000), rssMb: server.rssMb() });
    }, SAMPLE_SECONDS * 1000);
    const load = await drive(server.url, read.ours, SOAK_SECONDS, connections);
    clearInterval(timer);
    const second = Math.round((Date.now() - started) / 1000);
    if (samples.at(-1)!.second !== second) samples.push({ second, rssMb: server.rssMb() });
    const run: SoakRun = {
      seconds: SOAK_SECONDS,
      query: `${read.label}, c=${connections}, scale ${scale}`,
      samples,
      load,
      startRssMb,
      loadAverage,
      growthAfterWarmUp: growth(samples),
    };
    log(
      `  soak (b) at scale ${scale}: RSS (MB) ${samples.map(s => `${s.second} s ${s.rssMb.toFixed(0)}`).join(", ")}; ` +
        `growth after ${WARM_SECOND} s ${(run.growthAfterWarmUp! * 100).toFixed(1)} %; ` +
        `${load.requestsPerSecond.toFixed(0)} req/s p99 ${formatMs(load.p99)} ms (load ${loadAverage.toFixed(1)})`,
    );
    return run;
  } finally {
    await server.stop();
  }
}

/** Last sample against the first one at or after WARM_SECOND (0.05 = 5 % growth). */
function growth(samples: { second: number; rssMb: number }[]): number {
  const warm = samples.find(s => s.second >= WARM_SECOND) ?? samples[0];
  return samples.at(-1)!.rssMb / warm.rssMb - 1;
}
