/** Analytics queries: scorecard (status per target and unit), comparison with trajectories. */
import { gql } from "./client.js";
import { graphql, type ResultOf, type VariablesOf } from "./graphql.js";

export const ProgressFields = graphql(`
  fragment ProgressFields on Progress {
    status
    method
    reason
    reasonText
    reasonVi
    reasonEn
    sentenceVi
    sentenceEn
    illustrative
    components {
      direction
      baseYear
      baseYearDeclared
      baseValue
      latestYear
      latestValue
      endYear
      observedRate
      requiredRate
      ratio
      requiredRemainingRate
      targetPathValue
      requiredPathValueAtLatest
      projectedEndValue
      shareOfRequiredProgress
      targetValue
      comparator
      shortfall
      thresholds {
        onTrack
        acceleration
        limited
      }
      pointsUsed {
        year
        value
      }
      interval {
        lower
        upper
        level
      }
      requiredPathInsideInterval
    }
  }
`);

export const TargetCore = graphql(`
  fragment TargetCore on Target {
    label
    number
    part
    kind
    comparator
    value
    baseYear
    endYear
    programme {
      code
      nameVi
      nameEn
    }
  }
`);

export const SeriesFields = graphql(`
  fragment SeriesFields on Series {
    basis
    containsIllustrative
    datasets
    unit {
      code
      nameVi
      nameEn
    }
    points {
      year
      value
      count
      denominator
      illustrative
      components
      gap
      missingFrom
      interval {
        lower
        upper
        level
      }
    }
  }
`);

export const SCORECARD_QUERY = graphql(
  `
    query Scorecard(
      $programmes: [Code!]!
      $units: [Code!]!
      $basis: SeriesBasis!
      $datasets: [Dataset!]
    ) {
      scorecard(programmes: $programmes, units: $units, basis: $basis, datasets: $datasets) {
        basis
        containsIllustrative
        notAssessableCount
        units {
          code
          nameVi
          nameEn
        }
        rows {
          target {
            ...TargetCore
            textVi
            textEn
            indicator {
              code
              nameVi
              nameEn
              measure
              direction
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
          cells {
            unit {
              code
              nameVi
              nameEn
            }
            progress {
              ...ProgressFields
            }
            series {
              year
              value
              illustrative
              components
            }
            ownTarget {
              ...TargetCore
            }
            ownProgress {
              ...ProgressFields
            }
            nationalLatestYear
            nationalLatestValue
          }
        }
      }
    }
  `,
  [TargetCore, ProgressFields],
);

export const COMPARE_QUERY = graphql(
  `
    query Compare(
      $indicator: Code!
      $units: [Code!]!
      $basis: SeriesBasis!
      $datasets: [Dataset!]
      $yearFrom: Int
      $yearTo: Int
    ) {
      compare(
        indicator: $indicator
        units: $units
        basis: $basis
        datasets: $datasets
        yearFrom: $yearFrom
        yearTo: $yearTo
      ) {
        containsIllustrative
        indicator {
          code
          nameVi
          nameEn
          measure
          direction
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
        }
        target {
          ...TargetCore
        }
        series {
          ...SeriesFields
        }
        trajectories {
          unit {
            code
            nameVi
            nameEn
          }
          points {
            year
            value
          }
        }
      }
    }
  `,
  [TargetCore, SeriesFields],
);

export const SERIES_QUERY = graphql(
  `
    query Series(
      $indicators: [Code!]!
      $units: [Code!]!
      $basis: SeriesBasis!
      $datasets: [Dataset!]
    ) {
      series(indicators: $indicators, units: $units, basis: $basis, datasets: $datasets) {
        ...SeriesFields
      }
    }
  `,
  [SeriesFields],
);

export type Scorecard = ResultOf<typeof SCORECARD_QUERY>["scorecard"];
export type ScorecardCell = Scorecard["rows"][number]["cells"][number];
export type Progress = ResultOf<typeof ProgressFields>;
export type ProgressComponents = Progress["components"];
export type Comparison = ResultOf<typeof COMPARE_QUERY>["compare"];
export type Series = ResultOf<typeof SeriesFields>;

/** Targets of programmes × units, each cell with status and every component behind it. */
export async function fetchScorecard(
  query: VariablesOf<typeof SCORECARD_QUERY>,
): Promise<Scorecard> {
  const data = await gql(SCORECARD_QUERY, { ...query });
  return data.scorecard;
}

/** One indicator across units, with the required trajectory of its national target. */
export async function fetchComparison(
  query: VariablesOf<typeof COMPARE_QUERY>,
): Promise<Comparison> {
  const data = await gql(COMPARE_QUERY, { ...query });
  return data.compare;
}

/** Yearly series of one indicator for many units (harmonised: old provinces summed into new ones). */
export async function fetchSeries(
  query: Omit<VariablesOf<typeof SERIES_QUERY>, "indicators"> & { indicator: string },
): Promise<Series[]> {
  const data = await gql(SERIES_QUERY, {
    indicators: [query.indicator],
    units: query.units,
    basis: query.basis,
    datasets: query.datasets,
  });
  return data.series;
}
