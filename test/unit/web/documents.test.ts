import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  buildSchema,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
} from "graphql";
import { describe, expect, it } from "vitest";

/**
 * Every GraphQL document the web app sends, validated against the committed schema. gql.tada
 * types the results, but it does not check a variable's type against the argument it feeds
 * (a `$unit: String!` passed to a `Code!` argument compiles and is refused by the server at
 * run time), so the server's own validation rules are run here on each operation.
 */
const root = join(import.meta.dirname, "../../..");
const schema = buildSchema(readFileSync(join(root, "schema/schema.graphql"), "utf8"));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** The template literals passed to `graphql(` (our documents never interpolate). */
function documentsIn(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/graphql\(\s*`([^`]*)`/g)].map(m => m[1]!);
}

const documents = sourceFiles(join(root, "web/src")).flatMap(file =>
  documentsIn(file).map(text => ({ file: file.slice(root.length + 1), doc: parse(text) })),
);
const fragments = new Map<string, FragmentDefinitionNode>(
  documents.flatMap(({ doc }) =>
    doc.definitions.flatMap(d =>
      d.kind === "FragmentDefinition" ? [[d.name.value, d] as const] : [],
    ),
  ),
);

/** The document with every fragment it spreads, transitively. */
function withFragments(doc: DocumentNode): DocumentNode {
  const needed = new Map<string, FragmentDefinitionNode>();
  const visit = (text: string) => {
    for (const m of text.matchAll(/\.\.\.\s*([A-Za-z_]\w*)/g)) {
      const name = m[1]!;
      if (name === "on" || needed.has(name)) continue;
      const fragment = fragments.get(name);
      if (!fragment) continue;
      needed.set(name, fragment);
      visit(fragment.loc!.source.body.slice(fragment.loc!.start, fragment.loc!.end));
    }
  };
  const own = new Set(
    doc.definitions.flatMap(d => (d.kind === "FragmentDefinition" ? [d.name.value] : [])),
  );
  visit(doc.loc!.source.body);
  return {
    ...doc,
    definitions: [
      ...doc.definitions,
      ...[...needed].filter(([n]) => !own.has(n)).map(([, f]) => f),
    ],
  };
}

describe("the web app's GraphQL documents", () => {
  const operations = documents.filter(({ doc }) =>
    doc.definitions.some(d => d.kind === "OperationDefinition"),
  );

  it("are found (the scan reads the web sources)", () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations.map(o => [o.file, o] as const))("%s: valid against the schema", (_, o) => {
    const errors = validate(schema, withFragments(o.doc)).map(e => e.message);
    expect(errors).toEqual([]);
  });
});
