import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildAppSchema, printAppSchema } from "../../server/schema.js";

describe("schema/schema.graphql", () => {
  it("is exactly what the server code emits (run `npm run schema:emit` after an API change)", async () => {
    const committed = readFileSync(
      resolve(import.meta.dirname, "../../schema/schema.graphql"),
      "utf8",
    );
    expect(printAppSchema(await buildAppSchema())).toBe(committed);
  });
});
