import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildSchema, parse, validate } from "graphql";
import { documentText } from "../../../web/src/api/client.js";
import { describe, expect, it } from "vitest";
import * as analytics from "../../../web/src/api/analytics.js";
import * as catalog from "../../../web/src/api/catalog.js";
import * as monitoring from "../../../web/src/api/monitoring.js";
import * as programmes from "../../../web/src/api/programmes.js";

// Every query document the web app sends must be valid against the committed SDL. The typecheck
// already catches a renamed field (gql.tada types the documents from the schema); this checks the
// text actually sent, as the server's graphql-js will read it.
const schemaPath = resolve(import.meta.dirname, "../../../schema/schema.graphql");

const modules: Record<string, unknown> = { ...analytics, ...catalog, ...monitoring, ...programmes };
const documents = Object.entries(modules)
  .filter(
    ([name, value]) =>
      name.endsWith("_QUERY") &&
      typeof value === "object" &&
      value !== null &&
      "definitions" in value,
  )
  .map(([name, value]) => [name, documentText(value as never)] as [string, string]);

// A missing schema fails here (readFileSync throws ENOENT): it is committed, and `npm run
// schema:emit` rewrites it.
describe("web API documents vs schema/schema.graphql", () => {
  const schema = buildSchema(readFileSync(schemaPath, "utf8"));

  it("finds the documents", () => {
    expect(documents.length).toBeGreaterThanOrEqual(6);
  });

  it.each(documents)("%s is valid", (_name, document) => {
    const errors = validate(schema, parse(document));
    expect(errors.map(e => e.message)).toEqual([]);
  });
});
