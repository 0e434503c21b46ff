/** One indicator with what its page shows: metadata, values with sources, targets with status. */
import { TargetCore, ProgressFields } from "./analytics.js";
import { gql } from "./client.js";
import { ContextNoteFields } from "./programmes.js";
import { graphql, type ResultOf, type VariablesOf } from "./graphql.js";

export const INDICATOR_PAGE_QUERY = graphql(
  `
    query IndicatorPage($code: Code!, $datasets: [Dataset!]) {
      indicator(code: $code) {
        code
        nameVi
        nameEn
        measure
        direction
        category
        definitionVi
        definitionEn
        note
        noteVi
        sdg
        multiplier
        numerator {
          code
          nameVi
          nameEn
        }
        denominator {
          code
          nameVi
          nameEn
        }
        contextNotes {
          ...ContextNoteFields
        }
      }
      observations(filter: { indicators: [$code], datasets: $datasets }, first: 1000) {
        totalCount
        containsIllustrative
        nodes {
          year
          period
          disaggregation
          value
          status
          grade
          disputed
          illustrative
          unit {
            code
            nameVi
            nameEn
            level
          }
          source {
            code
            title
            url
            documentNumber
            publisher
            publishedOn
            grade
          }
        }
      }
      indicatorProgress(indicator: $code) {
        unit {
          code
          nameVi
          nameEn
        }
        target {
          ...TargetCore
          textVi
          textEn
        }
        progress {
          ...ProgressFields
        }
      }
    }
  `,
  [TargetCore, ProgressFields, ContextNoteFields],
);

export type IndicatorPage = ResultOf<typeof INDICATOR_PAGE_QUERY>;
export type IndicatorDetail = NonNullable<IndicatorPage["indicator"]>;
export type IndicatorObservation = IndicatorPage["observations"]["nodes"][number];
export type IndicatorTargetProgress = IndicatorPage["indicatorProgress"][number];

/** The indicator page's data; `indicator` is null for an unknown code. */
export async function fetchIndicatorPage(
  variables: VariablesOf<typeof INDICATOR_PAGE_QUERY>,
): Promise<IndicatorPage> {
  return gql(INDICATOR_PAGE_QUERY, { ...variables });
}
