/**
 * `npm run dev`: one command for the daily loop.
 *
 *   [tsc]     tsc -b --watch: recompiles server/ (and bench/, scripts/) into dist/ on every change
 *   [server]  node dist/server/main.js with NODE_ENV=development, restarted after each recompile
 *   [web]     the Vite dev server on web/ (hot reload), proxying /graphql to the server
 *
 * PORT is the server's port (default 4000; Vite's proxy follows it), WEB_PORT Vite's (default
 * 5173). Ctrl-C stops all three, and the server stops its embedded PostgreSQL cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { projectRoot } from "../server/paths.js";

const root = projectRoot();
const bin = (path: string) => join(root, "node_modules", path);
let stopping = false;

function run(name: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", line => {
      console.log(`[${name}] ${line}`);
      if (name === "tsc" && /Found \d+ errors?\. Watching for file changes/.test(line)) {
        void restartServer();
      }
    });
  }
  return child;
}

let server: ChildProcess | null = null;
let restarting: Promise<void> = Promise.resolve();

function stopServer(): Promise<void> {
  const current = server;
  server = null;
  if (!current || current.exitCode !== null || current.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(done => {
    current.once("exit", () => done());
    current.kill("SIGINT"); // main.ts closes the HTTP server and the embedded PostgreSQL
  });
}

function restartServer(): Promise<void> {
  restarting = restarting.then(async () => {
    if (stopping) return;
    if (server) console.log("[dev] dist/ changed: restarting the server");
    await stopServer();
    if (!stopping) {
      server = run("server", [join(root, "dist/server/main.js")], { NODE_ENV: "development" });
    }
  });
  return restarting;
}

const tsc = run("tsc", [
  bin("typescript/bin/tsc"),
  "-b",
  "tsconfig.build.json",
  "--watch",
  "--preserveWatchOutput",
]);
const viteArgs = [
  bin("vite/bin/vite.js"),
  "web",
  ...(process.env.WEB_PORT ? ["--port", process.env.WEB_PORT] : []),
];
const vite = run("web", viteArgs);

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  tsc.kill("SIGTERM");
  vite.kill("SIGTERM");
  await restarting;
  await stopServer();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));
for (const [name, child] of [
  ["tsc", tsc],
  ["web", vite],
] as const) {
  child.on("exit", code => {
    if (!stopping) {
      console.error(`[dev] ${name} exited (${code}); stopping`);
      void stopAll(code || 1);
    }
  });
}
