import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import {
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import {
  fragmentsOf,
  MAX_COST,
  MAX_DEPTH,
  MAX_HEAVY_FIELDS,
  MAX_TOKENS,
  measureOperation,
  validationRules,
} from "../../server/graphql/complexity.js";
import { projectRoot } from "../../server/paths.js";
import { buildAppSchema } from "../../server/schema.js";

/** The web app's own queries, with the largest pages it asks for, stay well inside the limits. */
describe("query limits", () => {
  it("leave room for every query of the web app", async () => {
    const schema = await buildAppSchema();
    const folder = resolve(projectRoot(), "web/src/api");
    const queries: [string, string][] = [];
    for (const file of readdirSync(folder).filter(f => f.endsWith(".ts"))) {
      const module = (await import(resolve(folder, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        // gql.tada documents: printed back to text, fragments included, as the client sends them.
        if (
          name.endsWith("_QUERY") &&
          (value as DocumentNode | undefined)?.kind === Kind.DOCUMENT
        ) {
          queries.push([`${file} ${name}`, print(value as DocumentNode)]);
        }
      }
    }
    expect(queries.length).toBeGreaterThan(3);
    for (const [name, text] of queries) {
      // Parsed with a third of the token limit and checked by every rule the server applies.
      const document = parse(text, { maxTokens: MAX_TOKENS / 3 });
      expect(validate(schema, document, [...specifiedRules, ...validationRules]), name).toEqual([]);
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      )!;
      const { depth, cost, heavy } = measureOperation(schema, operation, fragmentsOf(document), {
        first: 1000,
      });
      expect(depth, name).toBeLessThanOrEqual(MAX_DEPTH - 3);
      expect(cost, name).toBeLessThanOrEqual(MAX_COST / 4);
      expect(heavy, name).toBeLessThanOrEqual(MAX_HEAVY_FIELDS / 4);
    }
  });
});
