/**
 * The CSV import from the browser: the layouts (columns and limits, from the API), the registered
 * sources, and `importCsv` itself (sent by ./write.ts).
 */
import { gql, gqlWrite } from "./client.js";
import { graphql, type ResultOf, type VariablesOf } from "./graphql.js";

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
  mutation ImportCsv($layout: ImportLayout!, $csv: String!, $dryRun: Boolean, $source: Code) {
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

export async function importCsv(
  variables: VariablesOf<typeof IMPORT_CSV_MUTATION>,
): Promise<ImportReport> {
  return (await gqlWrite(IMPORT_CSV_MUTATION, variables)).importCsv;
}
