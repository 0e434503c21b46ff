import "reflect-metadata";
import "./graphql/enums.js";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { validateArguments } from "./graphql/inputs.js";
import { plainFieldResolvers } from "./graphql/plain-fields.js";
import { plainRowRoots } from "./graphql/plain-page.js";
import { resolvers } from "./resolvers.js";

let cached: Promise<GraphQLSchema> | null = null;

/** The executable schema, built once per process. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  // Every argument is validated by its zod schema (graphql/inputs.ts) before any resolver sees
  // it; each refusal is a BAD_USER_INPUT naming its field.
  // Plain properties then lose their per-field resolver (graphql/plain-fields.ts): it only read the property.
  // Roots of the fields a plain row reaches are passed as they are (graphql/plain-page.ts).
  cached ??= buildSchema({ resolvers, validateFn: validateArguments, emitSchemaFile: false }).then(
    schema => {
      plainRowRoots();
      return plainFieldResolvers(schema);
    },
  );
  return cached;
}

const HEADER =
  "# THIS FILE IS GENERATED from the server code by `npm run schema:emit`. Do not edit it by hand.\n\n";

/** The SDL committed as schema/schema.graphql (sorted, so the file diffs cleanly). */
export function printAppSchema(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + "\n";
}
