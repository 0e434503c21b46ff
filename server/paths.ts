import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | null = null;

/**
 * The project folder (the one holding package.json), found by walking up from this file, so the
 * same code works from `server/` under vitest and from `dist/server/` after the build.
 */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    }
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export const seedsDir = (): string => resolve(projectRoot(), "seeds");
