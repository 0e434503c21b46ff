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
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../server/paths.js";
import { filesUnder, hashFiles } from "./source-hash.js";

const STAMP = ".build-stamp";

/** Hash of everything the web build reads. */
export function webSourceHash(root = projectRoot()): string {
  const skip = new Set([join(root, "web/dist"), join(root, "web/node_modules")]);
  return hashFiles(root, [
    ...filesUnder(join(root, "web"), skip),
    ...filesUnder(join(root, "schema"), skip),
    join(root, "package-lock.json"),
  ]);
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
