import { loadavg } from "node:os";
import { drive, formatMs, warmUp } from "./drive.js";
import { peerReads } from "./peer.js";
import { startServerProcess } from "./server-process.js";
import type { SoakRun } from "./types.js";

const SOAK_SECONDS = 60;
const SAMPLE_SECONDS = 1;
/** Memory is compared from this second on (the first 10 s fill pools and caches)... */
const WARM_SECOND = 10;
/** ...to this one, still under load, so both moments have the same requests in flight. */
const LAST_SECOND = SOAK_SECONDS - 3;

/**
 * Issue 14 item 4: our server's RSS over 60 s of read (b) (`unit(code)` with its observations
 * and each one's indicator code, the peer section's read) at 32 connections, response cache off
 * and no SQL counter, as the peer section runs it. RSS is sampled every second, so the peak is
 * the real one. RSS is a sawtooth (old space grows to 3× what survived the last major collection,
 * server/memory.ts, then falls), so two plain samples say only where in a tooth each fell:
 * "growth" compares RSS a second after a full collection at 10 s and after one near the end, both under
 * load. A leak shows there; a tooth does not.
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
    nodeArgs: ["--expose-gc", ...nodeArgs],
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
    const collected: NonNullable<SoakRun["collected"]> = [];
    const collections = Promise.all(
      [WARM_SECOND, LAST_SECOND].map(
        second =>
          new Promise<void>((done, fail) =>
            setTimeout(
              () =>
                server.collect().then(c => {
                  collected.push({ second, ...c });
                  done();
                }, fail),
              second * 1000,
            ),
          ),
      ),
    );
    // Awaited after the run; a failure in between must not count as unhandled.
    collections.catch(() => {});
    const load = await drive(server.url, read.ours, SOAK_SECONDS, connections);
    await collections;
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
      growthAfterWarmUp: collected[1].rssMb / collected[0].rssMb - 1,
      collected,
    };
    log(
      `  soak (b) at scale ${scale}: RSS (MB) ${samples.map(s => `${s.second} s ${s.rssMb.toFixed(0)}`).join(", ")}; ` +
        `after full collections at ${WARM_SECOND} and ${LAST_SECOND} s: ` +
        `${collected.map(c => `heap ${c.heapMb.toFixed(0)} MB, RSS ${c.rssMb.toFixed(0)} MB`).join(" → ")} ` +
        `(growth ${(run.growthAfterWarmUp! * 100).toFixed(1)} %); ` +
        `${load.requestsPerSecond.toFixed(0)} req/s p99 ${formatMs(load.p99)} ms (load ${loadAverage.toFixed(1)})`,
    );
    return run;
  } finally {
    await server.stop();
  }
}
