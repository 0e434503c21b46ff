import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The server child (dist/bench/server-child.js) and how to read its memory. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident set size in MB, from /proc/<pid>/status (VmRSS). */
  rssMb(): number;
  /** CPU time the process has used so far (user + system), in ms, from /proc/<pid>/stat. */
  cpuMs(): number;
  /**
   * A full collection in the server (started with --expose-gc): its heap right after and its
   * RSS a second later, memory at the same point of the GC cycle whenever it is asked.
   */
  collect(): Promise<Collected>;
  stop(): Promise<void>;
}

export interface Collected {
  heapMb: number;
  rssMb: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The V8 flags `npm start` gives our server (package.json "start"; test/unit/bench checks they
 * agree), so the benchmark measures the server as it is served. Semi-spaces of 16 MB, V8's own
 * size, named so that the choice stays visible: 8 MB had kept read (b)'s RSS near 205 MB when
 * old space could still grow to 4× its live set, but once that growth was bounded
 * (server/memory.ts) 16 MB cost (b) 222-226 against 205-222 MB and halved the scorecards'
 * scavenges. Each scavenge copies what the requests in flight hold (about the same whatever
 * the size), so half as many cost less CPU per scorecard at scale 100 and for the 3-unit one;
 * at scale 1 the pairs were mixed, within the noise (bench/RESULTS.md, item 27).
 */
export const START_NODE_FLAGS = (process.env.BENCH_START_FLAGS ?? "--max-semi-space-size=16")
  .split(" ")
  .filter(Boolean);

export function startServerProcess(
  databaseUrl: string,
  {
    responseCache = true,
    /** The child script in dist/bench: ours (server-child.js) or the peer (peer-child.js). */
    script = "server-child.js",
    /** Send x-sql-statements (costs a logger call per statement); off for the peer comparison. */
    sqlCount = true,
    /** More V8 flags (e.g. `--trace-gc`), after START_NODE_FLAGS for our server. */
    nodeArgs = [] as string[],
  } = {},
): Promise<ServerProcess> {
  // PostGraphile (peer-child.js) runs as it ships, with Node's defaults.
  const flags = script === "server-child.js" ? [...START_NODE_FLAGS, ...nodeArgs] : nodeArgs;
  const child = spawn(process.execPath, [...flags, join(here, script)], {
    env: {
      ...process.env,
      BENCH_DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      BENCH_RESPONSE_CACHE: responseCache ? "on" : "off",
      BENCH_SQL_COUNT: sqlCount ? "on" : "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  // The child's JSON lines: first {ready, url}, then one {collected} per collect().
  const waiting: ((collected: Collected) => void)[] = [];
  return new Promise((resolveStart, reject) => {
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines.filter(l => l.startsWith("{"))) {
        const message = JSON.parse(line) as { url?: string; collected?: Collected };
        if (message.collected) waiting.shift()?.(message.collected);
        else if (message.url) {
          resolveStart({
            url: message.url,
            pid: child.pid!,
            rssMb: () => rssMb(child.pid!),
            cpuMs: () => cpuMs(child.pid!),
            collect: () =>
              new Promise((answer, fail) => {
                // A child without --expose-gc, or gone, never answers: fail rather than hang the run.
                const timer = setTimeout(() => {
                  waiting.splice(waiting.indexOf(settle), 1);
                  fail(new Error("the benchmark server did not report a full collection in 10 s"));
                }, 10_000);
                const settle = (collected: Collected) => {
                  clearTimeout(timer);
                  answer(collected);
                };
                waiting.push(settle);
                child.kill("SIGUSR2");
              }),
            stop: () => stop(child),
          });
        }
      }
    });
    child.once("exit", code =>
      reject(new Error(`benchmark server exited during start (code ${code}): ${stderr}`)),
    );
  });
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export function cpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces, hence the last ")"): utime is the
  // 14th field of the line, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise(done => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    child.kill("SIGTERM");
  });
}
