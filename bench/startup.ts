import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureServerBundle } from "../scripts/bundle-server.js";
import { benchTempDir } from "./cluster.js";
import { START_NODE_FLAGS } from "./server-process.js";

export interface StartOnce {
  /** Spawn to the "ready" line. */
  readyMs: number;
  readyLine: string;
  /**
   * CPU time (user + system) the Node process had used at "ready": less noisy than the wall
   * time on a shared machine (PostgreSQL's own processes are not in it).
   */
  cpuMs?: number;
  /** SIGINT to exit, or null when it had not exited after STOP_WAIT_MS (then it was SIGKILLed). */
  stopMs: number | null;
}
export interface StartupResult {
  cold: StartOnce;
  warm: StartOnce;
}

const STOP_WAIT_MS = 20_000;

/**
 * Start-up time of the real `npm start` path (the bundle of dist/server/main.js that
 * scripts/bundle-server.ts writes, made here from the current build; the embedded PostgreSQL).
 * The first start creates the cluster, migrates and loads the seeds and the scale-1 illustrative
 * data; the second start, with the same warm DATA_DIR, is the number that matters for restarts.
 * Measured from spawn to the "ready" line, so it includes Node's own start and module loading.
 * Each start is then stopped with SIGINT (what Ctrl-C sends) and the time to exit is recorded too.
 */
export async function measureStartup(log: (line: string) => void): Promise<StartupResult> {
  const { dir, ms } = await ensureServerBundle({ force: true });
  log(`  bundled the server as npm start does (${ms} ms, not counted)`);
  const main = join(dir, "main.mjs");
  const folder = benchTempDir("osh-bench-start-");
  const dataDir = join(folder, "data");
  mkdirSync(dataDir, { mode: 0o755 });
  try {
    const cold = await startOnce(main, dataDir);
    log(
      `  first start (empty DATA_DIR): ready in ${cold.readyMs} ms (Node CPU ${cold.cpuMs} ms), ${stopText(cold)}`,
    );
    const warm = await startOnce(main, dataDir);
    log(
      `  second start (warm DATA_DIR): ready in ${warm.readyMs} ms (Node CPU ${warm.cpuMs} ms), ${stopText(warm)}`,
    );
    return { cold, warm };
  } finally {
    await stopLeftPostmaster(join(dataDir, "pg"));
    rmSync(folder, { recursive: true, force: true });
  }
}

export const stopText = (s: StartOnce) =>
  s.stopMs === null
    ? `did NOT exit within ${STOP_WAIT_MS / 1000} s of SIGINT (killed)`
    : `exited ${s.stopMs} ms after SIGINT`;

async function startOnce(main: string, dataDir: string): Promise<StartOnce> {
  const started = performance.now();
  const child = spawn(process.execPath, [...START_NODE_FLAGS, main], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>(done => child.once("exit", () => done()));
  const ready = await new Promise<{ ms: number; line: string; cpuMs: number }>((done, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`npm start did not print "ready" within 180 s: ${output}`));
    }, 180_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-4000);
      const line = output.split("\n").find(l => l.includes("ready"));
      if (!line) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      const ms = Math.round(performance.now() - started);
      done({ ms, line: line.trim(), cpuMs: cpuMsOf(child.pid!) });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-4000);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`npm start exited before "ready": ${output}`));
    });
  });
  const stopping = performance.now();
  child.kill("SIGINT");
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<false>(r => setTimeout(() => r(false), STOP_WAIT_MS)),
  ]);
  if (!stopped) {
    child.kill("SIGKILL");
    await exited;
  }
  await stopLeftPostmaster(join(dataDir, "pg"));
  return {
    readyMs: ready.ms,
    readyLine: ready.line,
    cpuMs: ready.cpuMs,
    stopMs: stopped ? Math.round(performance.now() - stopping) : null,
  };
}

/** utime + stime of a process, from /proc/<pid>/stat (in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** A start that had to be killed leaves its PostgreSQL running: stop it before the next start. */
async function stopLeftPostmaster(pgDir: string): Promise<void> {
  const pidFile = join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // not running: PostgreSQL removes a stale pid file itself on the next start
  }
  for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise(r => setTimeout(r, 100));
}
