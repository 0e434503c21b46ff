// Run by `npm install` / `npm ci` (package.json "postinstall"). Node, no TypeScript: it runs
// before anything is built.
//
// graphql-jit compiles every list field into a handler that, for EACH item, creates two
// closures (its success and error callbacks) before asking whether the item is a promise. Our
// list items are plain objects nearly always (series points, scorecard cells, observations),
// and those closures were the largest allocation of a 34-province scorecard at bench scale 100:
// ~1.4 MB of its ~5.2 MB per request (6,800 series points), all of it for the garbage
// collector. This adds a fast path to the generated handler: an item that is not a promise
// goes straight to the item handler, which is exactly what `handleListItemResult` does with
// it (runtime.js: `onSuccess(item)`); promises take the unchanged path.
//
// The change is to graphql-jit's code generator: dist/execution.js, which both its CommonJS and
// its ES module entry load, and dist/execution.mjs alike (pinned version, package.json). When the expected text is not there (another version), the files are left as they
// are and a line says so: the server then works as before, only slower.
// test/unit/graphql/jit-lists.test.ts checks the patch is in place and answers as graphql-js.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export const MARKER = "/* osh: sync list items skip the callbacks */";

const ANCHOR =
  "    ${GLOBAL_RUNTIME_NAME}.handleListItemResult(${GLOBAL_EXECUTION_CONTEXT}, __currentItem,\n";
const FAST_PATH =
  `    ${MARKER}\n` +
  "    if (!${GLOBAL_RUNTIME_NAME}.isPromise(__currentItem)) {\n" +
  "      ${itemHandler}(${GLOBAL_EXECUTION_CONTEXT}, resultArray, __currentItem, ${childIndexes});\n" +
  "      return;\n" +
  "    }\n";

/** Patches one file's text; null when the anchor is missing (or appears more than once). */
export function patched(text) {
  if (text.includes(MARKER)) return text;
  const at = text.indexOf(ANCHOR);
  if (at < 0 || text.indexOf(ANCHOR, at + 1) >= 0) return null;
  return text.slice(0, at) + FAST_PATH + text.slice(at);
}

function main() {
  let dist;
  try {
    const require = createRequire(import.meta.url);
    dist = dirname(require.resolve("graphql-jit"));
  } catch {
    return; // not installed (e.g. a production install without it): nothing to patch
  }
  for (const name of ["execution.mjs", "execution.js"]) {
    const file = join(dist, name);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const out = patched(text);
    if (out === null) {
      console.warn(`patch-graphql-jit: ${file} is not the expected version; left unpatched`);
    } else if (out !== text) {
      writeFileSync(file, out);
    }
  }
}

// Imported by the test for `patched`; run as a script by npm.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
