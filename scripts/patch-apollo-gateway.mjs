// Run by `npm install` / `npm ci` (package.json "postinstall"), after patch-graphql-jit.mjs.
// Node, no TypeScript: it runs before anything is built.
//
// Our server hands execution to graphql-jit through Apollo's gateway interface
// (server/graphql/jit-gateway.ts), and on every request Apollo builds the gateway's view of it
// with makeGatewayGraphQLRequestContext, whose `response.http` is an object literal with a
// `status` getter and setter closing over the request. V8 gives such a literal a map of its own
// each time (its accessor pair differs per request), maps live in the old generation, and an
// old object pointing at young ones keeps them alive through every young-generation collection:
// through the closures, the whole request (its context, SQL rows and answer) survived each
// scavenge and was copied into the old generation. Measured at bench scale 100, one
// `{ __typename }` request at a time (--trace-gc-nvp): 11.9 % of what requests allocated
// survived each scavenge, which took 4.7 ms; with the accessors on a class, 1.0 % and 1.4 ms.
//
// This puts the same getter and setter on a small class (one map for all). Both module formats
// (dist/esm and dist/cjs) of the pinned version (package.json). When the expected text is not
// there (another version), the files are left as they are and a line says so: the server then
// works as before, only with more garbage-collector work.
// test/unit/graphql/apollo-gateway-patch.test.ts checks the patch fits and answers alike.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export const MARKER = "/* osh: gateway response http on a class */";

const LITERAL = `    const response = {
        http: {
            headers: new FetcherHeadersForHeaderMap(newRequestContext.response.http.headers),
            get status() {
                return newRequestContext.response.http.status;
            },
            set status(newStatus) {
                newRequestContext.response.http.status = newStatus;
            },
        },
    };
`;
const REPLACEMENT = `    ${MARKER}
    const response = { http: new OshGatewayResponseHttp(newRequestContext.response.http) };
`;
const CLASS = `
${MARKER}
class OshGatewayResponseHttp {
    #http;
    constructor(http) {
        this.#http = http;
        this.headers = new FetcherHeadersForHeaderMap(http.headers);
    }
    get status() {
        return this.#http.status;
    }
    set status(newStatus) {
        this.#http.status = newStatus;
    }
}
`;

/** Patches one file's text; null when the literal is missing (or appears more than once). */
export function patched(text) {
  if (text.includes(MARKER)) return text;
  const at = text.indexOf(LITERAL);
  if (at < 0 || text.indexOf(LITERAL, at + 1) >= 0) return null;
  // The class goes last: FetcherHeadersForHeaderMap is a class declared further down, which a
  // constructor may only use once the module has run to its end (it has, by the first request).
  return text.slice(0, at) + REPLACEMENT + text.slice(at + LITERAL.length) + CLASS;
}

/** The two copies of the module in the installed @apollo/server. */
export function gatewayContextFiles() {
  const require = createRequire(import.meta.url);
  // Its exports map hides package.json: from the CommonJS entry, dist/cjs/index.js.
  const dist = dirname(dirname(require.resolve("@apollo/server")));
  return ["esm", "cjs"].map(format =>
    join(dist, format, "utils", "makeGatewayGraphQLRequestContext.js"),
  );
}

function main() {
  let files;
  try {
    files = gatewayContextFiles();
  } catch {
    return; // not installed: nothing to patch
  }
  for (const file of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const out = patched(text);
    if (out === null) {
      console.warn(`patch-apollo-gateway: ${file} is not the expected version; left unpatched`);
    } else if (out !== text) {
      writeFileSync(file, out);
    }
  }
}

// Imported by the test for `patched`; run as a script by npm.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
