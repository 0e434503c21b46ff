/**
 * The CSV import from the browser: the layouts (columns and limits, from the API), the registered
 * sources, and `importCsv` itself. Writes go through `sendWrite`: never cached, with the session
 * cookie and the header the server requires of cookie-authenticated writes (CSRF).
 */
import { ApiError, clearApiCache, documentText, GRAPHQL_ENDPOINT, gql } from "./client.js";
import type { GraphQLErrorBody } from "./client.js";
import { graphql, type ResultOf, type TadaDocumentNode, type VariablesOf } from "./graphql.js";

export const CSV_LAYOUTS_QUERY = graphql(`
  query CsvLayouts {
    csvLayouts {
      layout
      columns
      optional
      needsSource
      sampleFile
      maxBytes
      maxRows
    }
  }
`);

export const IMPORT_SOURCES_QUERY = graphql(`
  query ImportSources {
    sources(first: 1000) {
      nodes {
        code
        title
        grade
        publisher
        publishedOn
      }
    }
  }
`);

export const IMPORT_CSV_MUTATION = graphql(`
  mutation ImportCsv($layout: ImportLayout!, $csv: String!, $dryRun: Boolean, $source: String) {
    importCsv(layout: $layout, csv: $csv, dryRun: $dryRun, source: $source) {
      layout
      dryRun
      rows
      created
      updated
      unchanged
      problems {
        line
        column
        message
        code
      }
    }
  }
`);

export type CsvLayout = ResultOf<typeof CSV_LAYOUTS_QUERY>["csvLayouts"][number];
export type ImportSource = ResultOf<typeof IMPORT_SOURCES_QUERY>["sources"]["nodes"][number];
export type ImportReport = ResultOf<typeof IMPORT_CSV_MUTATION>["importCsv"];
export type ImportProblem = ImportReport["problems"][number];

export async function fetchCsvLayouts(): Promise<CsvLayout[]> {
  return (await gql(CSV_LAYOUTS_QUERY)).csvLayouts;
}

export async function fetchImportSources(): Promise<ImportSource[]> {
  return (await gql(IMPORT_SOURCES_QUERY)).sources.nodes;
}

/** A write: POSTed every time (never from the query cache), then the cache is emptied. */
export async function sendWrite<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        "x-osh-request": "1",
      },
      body: JSON.stringify({
        query: documentText(document as TadaDocumentNode<unknown, never>),
        variables,
      }),
    });
  } catch (cause) {
    throw new ApiError(cause instanceof Error ? cause.message : String(cause), "NETWORK_ERROR");
  }
  let body: { data?: TData | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}`, `HTTP_${response.status}`);
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(
      first.message,
      first.extensions?.code ?? "INTERNAL_SERVER_ERROR",
      body.errors,
    );
  }
  if (body.data == null) {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}`, `HTTP_${response.status}`);
  }
  // What was written shows everywhere at once: no page keeps the values from before.
  clearApiCache();
  return body.data;
}

export async function importCsv(
  variables: VariablesOf<typeof IMPORT_CSV_MUTATION>,
): Promise<ImportReport> {
  return (await sendWrite(IMPORT_CSV_MUTATION, variables)).importCsv;
}
