import "reflect-metadata";
import "./graphql/enums.js";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { guardCodeArguments } from "./graphql/code.js";
import { guardTextArguments } from "./graphql/control-chars.js";
import { plainFieldResolvers } from "./graphql/plain-fields.js";
import { resolvers } from "./resolvers.js";

let cached: Promise<GraphQLSchema> | null = null;

/** The executable schema, built once per process. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  // Every text argument is checked for control characters, then every code argument for its
  // format (graphql/code.ts), before any resolver sees it; each refusal names its field.
  cached ??= buildSchema({ resolvers, validate: false, emitSchemaFile: false })
    .then(plainFieldResolvers)
    .then(guardCodeArguments)
    .then(guardTextArguments);
  return cached;
}

const HEADER =
  "# THIS FILE IS GENERATED from the server code by `npm run schema:emit`. Do not edit it by hand.\n\n";

/** The SDL committed as schema/schema.graphql (sorted, so the file diffs cleanly). */
export function printAppSchema(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + "\n";
}
