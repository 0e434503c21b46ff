/**
 * The typed `graphql()` of the web app (gql.tada): every query document is written with it and
 * gets its result and variable types from schema/schema.graphql, through the generated
 * introspection types in ./graphql-env.d.ts (`npm run web:types`). At runtime it only parses the
 * document; the types cost nothing in the bundle.
 */
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.js";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  // Custom scalars as they travel in JSON.
  scalars: { LocalDate: string; DateTimeISO: string; SafeInt: number; Code: string };
  // Fragments are only used to share field lists between queries, not to hide fields.
  disableMasking: true;
}>();

export type { ResultOf, TadaDocumentNode, VariablesOf } from "gql.tada";

/** An enum or input type of the schema by name, e.g. `Schema<'SeriesBasis'>` = 'AS_REPORTED' | 'HARMONISED'. */
export type Schema<Name extends string> = ReturnType<typeof graphql.scalar<Name>>;

// The schema's enums the pages use.
export type Dataset = Schema<"Dataset">;
export type SeriesBasis = Schema<"SeriesBasis">;
export type Comparator = Schema<"Comparator">;
export type TargetKind = Schema<"TargetKind">;
export type Measure = Schema<"Measure">;
export type ResponsibilityRole = Schema<"ResponsibilityRole">;
export type ProgressStatus = Schema<"ProgressStatus">;
