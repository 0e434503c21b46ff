import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The web's types come from schema/schema.graphql through the committed introspection file
// web/src/api/graphql-env.d.ts (`npm run web:types`). If the schema changed and the file was not
// regenerated, the typecheck would check the web against the old schema: fail here instead.
const root = resolve(import.meta.dirname, "../../..");
const committed = join(root, "web/src/api/graphql-env.d.ts");

describe("web/src/api/graphql-env.d.ts", () => {
  it("is what `npm run web:types` makes from schema/schema.graphql now", () => {
    const dir = mkdtempSync(join(tmpdir(), "osh-web-types-"));
    try {
      const fresh = join(dir, "graphql-env.d.ts");
      execFileSync(
        process.execPath,
        [
          join(root, "node_modules/gql.tada/bin/cli.js"),
          "generate",
          "output",
          "--tsconfig",
          join(root, "web/tsconfig.json"),
          "--output",
          fresh,
        ],
        { cwd: root, stdio: "pipe" },
      );
      expect(
        readFileSync(committed, "utf8") === readFileSync(fresh, "utf8"),
        "stale: run `npm run web:types` and commit the file",
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
