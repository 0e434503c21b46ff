/**
 * Builds the web app (web/ → web/dist) only when something it is built from has changed.
 *
 * The stamp is a hash of every file under web/ (except web/dist), of schema/ and of
 * package-lock.json (the versions of Vite and ECharts), written to web/dist/.build-stamp after a
 * successful build. A build that stops half-way leaves no stamp, so the next call builds again.
 *
 *   node dist/scripts/build-web.js [--force]     (npm start, npm run build)
 *   ensureWebBuild()                              (the browser tests' global setup)
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../server/paths.js";

const STAMP = ".build-stamp";

function files(dir: string, skip: Set<string>): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (skip.has(path)) return [];
    if (entry.isDirectory()) return files(path, skip);
    return entry.isFile() ? [path] : [];
  });
}

/** Hash of everything the web build reads. */
export function webSourceHash(root = projectRoot()): string {
  const skip = new Set([join(root, "web/dist"), join(root, "web/node_modules")]);
  const inputs = [
    ...files(join(root, "web"), skip),
    ...files(join(root, "schema"), skip),
    join(root, "package-lock.json"),
  ].sort();
  const hash = createHash("sha256");
  for (const file of inputs) {
    hash.update(relative(root, file)).update("\0");
    if (existsSync(file)) hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export interface WebBuild {
  outDir: string;
  /** False when the stamp matched and nothing was built. */
  built: boolean;
  ms: number;
}

/** Builds web/ into web/dist unless web/dist already holds a build of the same sources. */
export async function ensureWebBuild({
  force = false,
  log = (_line: string) => {},
} = {}): Promise<WebBuild> {
  const started = Date.now();
  const root = projectRoot();
  const outDir = join(root, "web/dist");
  const stampFile = join(outDir, STAMP);
  const hash = webSourceHash(root);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === hash) {
    return { outDir, built: false, ms: Date.now() - started };
  }
  log("building the web app (web/ changed since the last build)…");
  rmSync(stampFile, { force: true });
  const { build } = await import("vite");
  await build({
    configFile: join(root, "web/vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  writeFileSync(stampFile, hash + "\n");
  return { outDir, built: true, ms: Date.now() - started };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await ensureWebBuild({
    force: process.argv.includes("--force"),
    log: line => console.log(line),
  });
  console.log(
    result.built ? `web app built in ${result.ms} ms` : `web app up to date (${result.ms} ms)`,
  );
}
