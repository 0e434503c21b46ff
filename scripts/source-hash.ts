import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * What the build steps of `npm start` (build-web.ts, bundle-server.ts) use to skip a build whose
 * inputs have not changed: the files they read, hashed, compared with a stamp left by the last
 * successful build.
 */

/** Every file under `dir` (none if it does not exist), leaving out the folders in `skip`. */
export function filesUnder(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (skip.has(path)) return [];
    if (entry.isDirectory()) return filesUnder(path, skip);
    return entry.isFile() ? [path] : [];
  });
}

/** SHA-256 of the files' paths (relative to `root`) and contents, in path order. */
export function hashFiles(root: string, files: string[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) {
    hash.update(relative(root, file)).update("\0");
    if (existsSync(file)) hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}
