import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { START_NODE_FLAGS } from "../../bench/server-process.js";
import { bundleDir, ensureServerBundle } from "../../scripts/bundle-server.js";
import { isAlive } from "../../server/db/embedded-postgres.js";
import { projectRoot } from "../../server/paths.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";
import { initOrm } from "../../server/db/orm.js";
import { createExecutor } from "../helpers/server.js";

/**
 * What `npm start` runs: the bundle of the built server (scripts/bundle-server.ts). It answers
 * as the sources do, and stopped by SIGINT (Ctrl-C) or SIGTERM (a service manager) at any
 * moment, its start included, it exits and leaves no PostgreSQL behind. Before, a signal that
 * came before the handler was registered (at "ready" or earlier) killed Node and left the
 * embedded server running, holding the data folder until the next start stopped it.
 */
const root = projectRoot();
let folder: string;
let dataDir: string;
const postmasters = new Set<number>();

beforeAll(async () => {
  // Builds and bundles as `npm start` does: the bundle must be of the current source.
  const tsc = spawnSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-b", "tsconfig.build.json"],
    { cwd: root, encoding: "utf8" },
  );
  expect(tsc.status, `tsc -b tsconfig.build.json failed:\n${tsc.stdout}${tsc.stderr}`).toBe(0);
  const bundle = await ensureServerBundle({ root, force: true });
  expect(bundle.built).toBe(true);
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

/** The bundle, with npm start's Node flags, on the embedded PostgreSQL or on `env`'s DATABASE_URL. */
function start(env: Record<string, string> = {}): Run {
  const main = join(bundleDir(root), "main.mjs");
  const inherited = { ...process.env };
  // The embedded PostgreSQL unless this start is given a database, whatever the tests run on.
  delete inherited.DATABASE_URL;
  const child = spawn(process.execPath, [...START_NODE_FLAGS, main], {
    env: { ...inherited, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production", ...env },
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

/**
 * The same operations through the bundle over HTTP and through the sources in this process, on
 * one database: the same answers. They reach what a bundle could break unnoticed by a start
 * alone: type-graphql's resolvers and validation, MikroORM's entities and loaders, the analytics,
 * graphql-jit, coded refusals, and the lean HTTP front.
 */
const SAME_ANSWERS: { name: string; query: string; refused?: string }[] = [
  {
    name: "scorecard",
    query: `{ scorecard(programmes: ["nq19-2021-2025"], units: ["hai-duong-63", "hai-phong-63", "hai-phong-34"], datasets: [OFFICIAL, ILLUSTRATIVE]) {
      containsIllustrative rows { cells { unit { code nameVi } progress { status components { ratio } } series { year value } } } } }`,
  },
  {
    name: "observations with provenance",
    query: `{ observations(first: 20, filter: { datasets: [OFFICIAL] }) { totalCount nodes {
      year value grade quote indicator { code nameVi } unit { code validTo successor { code } } source { code title grade } } } }`,
  },
  {
    name: "units",
    query: `{ units(first: 100) { totalCount nodes { code nameVi level validFrom validTo } } }`,
  },
  {
    name: "unknown code",
    query: `{ compare(indicator: "no-such-indicator", units: ["hai-phong-34"]) { containsIllustrative } }`,
    refused: "BAD_USER_INPUT",
  },
  {
    name: "write without a login",
    query: `mutation { deleteHealthCheckup(id: 1) }`,
    refused: "UNAUTHENTICATED",
  },
];

describe("the bundle step of npm start", () => {
  it("bundles again only when what it is made from changed (its stamp)", async () => {
    // Just bundled (beforeAll): nothing to do.
    expect((await ensureServerBundle({ root })).built).toBe(false);
    // A stamp of other inputs (e.g. a rebuilt dist/server): bundled again, and stamped.
    writeFileSync(join(bundleDir(root), ".bundle-stamp"), "other inputs\n");
    expect((await ensureServerBundle({ root })).built).toBe(true);
    expect(existsSync(join(bundleDir(root), "main.mjs"))).toBe(true);
    expect((await ensureServerBundle({ root })).built).toBe(false);
  }, 60_000);
});

const READY = /GraphQL: +http:\/\/localhost:(\d+)\/graphql/;

describe("the bundle npm start runs", () => {
  it("answers as the sources do, on the same database", async () => {
    const url = await createTestDatabase("npm_start_bundle");
    const orm = await initOrm({ clientUrl: url, poolMax: 2 });
    const executor = await createExecutor(orm);
    const run = start({ DATABASE_URL: url, ILLUSTRATIVE_DATA: "off" });
    try {
      // Ready, or gone (a bundle that cannot start fails here, not after the whole wait).
      const ready = await until(
        () => READY.test(run.output()) || run.child.exitCode !== null,
        60_000,
      );
      expect(ready && run.child.exitCode === null, run.output()).toBe(true);
      const port = READY.exec(run.output())![1];
      for (const { name, query, refused } of SAME_ANSWERS) {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query }),
        });
        const bundled = (await response.json()) as {
          data?: unknown;
          errors?: { extensions?: { code?: string } }[];
        };
        const sources = await executor.run(query);
        // Each answer is what it should be, not only the same on both sides.
        if (refused) expect(sources.errors?.[0]?.extensions?.code, name).toBe(refused);
        else expect(sources.errors, name).toBeUndefined();
        expect(bundled.data ?? null, name).toEqual(sources.data);
        expect(
          bundled.errors?.map(e => e.extensions?.code),
          name,
        ).toEqual(sources.errors?.map(e => e.extensions?.code));
      }
    } finally {
      run.child.kill("SIGINT");
      const { code } = await run.exited;
      await executor.stop();
      await orm.close();
      await dropTestDatabase(url);
      expect(code, run.output()).toBe(0);
    }
  }, 120_000);
});
