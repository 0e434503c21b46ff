#!/usr/bin/env node
// Rewrites relative imports that point at a file moved by the "whole features" change
// (scripts/arch/relocations.json: old path -> new path, and exports that moved to another file),
// so a branch written against the old layout can be merged: run it after the merge, then
// `npm run typecheck`. Files already on the new layout are left as they are.
//
//   node scripts/arch/relocate.mjs             every tracked .ts/.mjs file in server/ test/ bench/ scripts/
//   node scripts/arch/relocate.mjs a.ts b.ts   only these files
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { posix } from "node:path";

const { moves, symbols } = JSON.parse(
  readFileSync(new URL("./relocations.json", import.meta.url), "utf8"),
);
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : execFileSync("git", ["ls-files", "server", "test", "bench", "scripts"], { encoding: "utf8" })
        .split("\n")
        .filter(f => /\.(ts|mts|mjs)$/.test(f));

const asTs = spec => spec.replace(/\.js$/, ".ts");
const relative = (from, target) => {
  const r = posix.relative(posix.dirname(from), target).replace(/\.ts$/, ".js");
  return r.startsWith(".") ? r : "./" + r;
};

let changed = 0;
for (const file of files) {
  if (!existsSync(file)) continue;
  const src = readFileSync(file, "utf8");
  // 1. A path that no longer exists and was moved: point it at the new place.
  let out = src.replace(/((?:from|import)\s*\(?\s*)"(\.{1,2}\/[^"]+)"/g, (whole, pre, spec) => {
    const target = asTs(posix.normalize(posix.join(posix.dirname(file), spec)));
    if (existsSync(target) || !moves[target]) return whole;
    return `${pre}"${relative(file, moves[target])}"`;
  });
  // 2. Names that moved out of a module (enums to their features, rules next to their entity).
  out = out.replace(
    /import\s+(type\s+)?\{([^}]*)\}\s+from\s+"(\.{1,2}\/[^"]+)";/g,
    (whole, typeKeyword, names, spec) => {
      const target = asTs(posix.normalize(posix.join(posix.dirname(file), spec)));
      const table = symbols[target];
      if (!table) return whole;
      const groups = new Map();
      for (const name of names
        .split(",")
        .map(n => n.trim())
        .filter(Boolean)) {
        const bare = name.replace(/^type\s+/, "").split(/\s+as\s+/)[0];
        const home = table[bare] ?? target;
        if (!groups.has(home)) groups.set(home, []);
        groups.get(home).push(name);
      }
      if (groups.size === 1 && groups.has(target)) return whole;
      return [...groups]
        .filter(([home]) => home !== file)
        .map(
          ([home, list]) =>
            `import ${typeKeyword ?? ""}{ ${list.join(", ")} } from "${relative(file, home)}";`,
        )
        .join("\n");
    },
  );
  if (out !== src) {
    writeFileSync(file, out);
    changed++;
    console.log(`rewrote ${file}`);
  }
}
console.log(`${changed} file(s) rewritten; now run npm run format and npm run typecheck`);
