import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlive } from "../../server/db/embedded-postgres.js";
import { projectRoot } from "../../server/paths.js";

/**
 * `npm start` stopped by SIGINT (Ctrl-C) or SIGTERM (a service manager) at any moment, its start
 * included, exits and leaves no PostgreSQL behind. Before, a signal that came before the
 * handler was registered (at "ready" or earlier) killed Node and left the embedded server
 * running, holding the data folder until the next start stopped it.
 */
const root = projectRoot();
let folder: string;
let dataDir: string;
const postmasters = new Set<number>();

beforeAll(() => {
  // Runs dist/server/main.js as `npm start` does: dist/ must be the current source.
  const tsc = spawnSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-b", "tsconfig.build.json"],
    { cwd: root, encoding: "utf8" },
  );
  expect(tsc.status, `tsc -b tsconfig.build.json failed:\n${tsc.stdout}${tsc.stderr}`).toBe(0);
  folder = mkdtempSync(join(tmpdir(), "osh-stop-"));
  // Readable by the postgres user when the tests run as root, so the data stays in DATA_DIR.
  chmodSync(folder, 0o755);
  dataDir = join(folder, "data");
  mkdirSync(dataDir, { mode: 0o755 });
}, 180_000);

afterAll(() => {
  for (const pid of postmasters) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(): Run {
  const child = spawn(process.execPath, [join(root, "dist/server/main.js")], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", chunk => (output += chunk));
  child.stderr!.on("data", chunk => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(done =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** The embedded server's pid once its pid file names a live process, or null after `ms`. */
async function postmasterPid(ms: number): Promise<number | null> {
  const pidFile = join(dataDir, "pg", "postmaster.pid");
  for (const until = Date.now() + ms; Date.now() < until;) {
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        postmasters.add(pid);
        return pid;
      }
    }
    await new Promise(r => setTimeout(r, 10));
  }
  return null;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (check()) return true;
    await new Promise(r => setTimeout(r, 10));
  }
  return check();
}

describe("stopping npm start", () => {
  it("SIGTERM while it starts (PostgreSQL up, the app not yet): exits and stops PostgreSQL", async () => {
    const run = start();
    const pid = await postmasterPid(60_000);
    expect(pid, run.output()).not.toBeNull();
    run.child.kill("SIGTERM");
    const { code, signal } = await run.exited;
    expect({ code, signal }, run.output()).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain("stopping…");
    expect(await until(() => !isAlive(pid!), 5_000)).toBe(true);
  }, 90_000);

  it("SIGINT the moment it says ready: exits and stops PostgreSQL", async () => {
    const run = start();
    // Sent from the output's own event, as a parent reading the log would: before, this came
    // while the last start lines were still being written, ahead of the handler.
    let sent = false;
    run.child.stdout!.on("data", () => {
      if (!sent && /ready in \d+ ms/.test(run.output())) {
        sent = true;
        run.child.kill("SIGINT");
      }
    });
    const pid = await postmasterPid(60_000);
    expect(pid, run.output()).not.toBeNull();
    const { code, signal } = await run.exited;
    expect(sent, run.output()).toBe(true);
    expect({ code, signal }, run.output()).toEqual({ code: 0, signal: null });
    expect(await until(() => !isAlive(pid!), 5_000)).toBe(true);
    expect(existsSync(join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  }, 90_000);
});
