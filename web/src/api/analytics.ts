/** Analytics queries: scorecard (status per target and unit), comparison with trajectories. */
import { gql } from './client.js';
import type { Comparison, Dataset, Scorecard, Series, SeriesBasis } from './types.js';

const PROGRESS_FIELDS = `
  status method reason reasonText sentenceVi sentenceEn illustrative
  components {
    direction baseYear baseYearDeclared baseValue latestYear latestValue endYear observedRate requiredRate ratio
    requiredRemainingRate targetPathValue requiredPathValueAtLatest projectedEndValue shareOfRequiredProgress
    targetValue comparator shortfall
    thresholds { onTrack acceleration limited }
    pointsUsed { year value }
    interval { lower upper level }
    requiredPathInsideInterval
  }
`;

const TARGET_CORE = 'label number part kind comparator value baseYear endYear';

export const SCORECARD_QUERY = /* GraphQL */ `
  query Scorecard($programmes: [String!]!, $units: [String!]!, $basis: SeriesBasis!, $datasets: [Dataset!]) {
    scorecard(programmes: $programmes, units: $units, basis: $basis, datasets: $datasets) {
      basis containsIllustrative notAssessableCount
      units { code nameVi nameEn }
      rows {
        target {
          ${TARGET_CORE} textVi textEn
          programme { code nameVi nameEn }
          indicator { code nameVi nameEn measure direction }
          source { code title url documentNumber publisher publishedOn grade }
        }
        cells {
          unit { code nameVi nameEn }
          progress { ${PROGRESS_FIELDS} }
          series { year value illustrative }
          ownTarget { ${TARGET_CORE} programme { code nameVi nameEn } }
          ownProgress { ${PROGRESS_FIELDS} }
          nationalLatestYear nationalLatestValue
        }
      }
    }
  }
`;

export const COMPARE_QUERY = /* GraphQL */ `
  query Compare($indicator: String!, $units: [String!]!, $basis: SeriesBasis!, $datasets: [Dataset!], $yearFrom: Int, $yearTo: Int) {
    compare(indicator: $indicator, units: $units, basis: $basis, datasets: $datasets, yearFrom: $yearFrom, yearTo: $yearTo) {
      containsIllustrative
      indicator { code nameVi nameEn measure direction }
      target { ${TARGET_CORE} programme { code nameVi nameEn } }
      series {
        basis containsIllustrative datasets
        unit { code nameVi nameEn }
        points { year value count denominator illustrative gap missingFrom interval { lower upper level } }
      }
      trajectories { unit { code nameVi nameEn } points { year value } }
    }
  }
`;

export interface ScorecardQuery {
  programmes: string[];
  units: string[];
  basis: SeriesBasis;
  datasets: Dataset[];
}

/** Targets of programmes × units, each cell with status and every component behind it. */
export async function fetchScorecard(query: ScorecardQuery): Promise<Scorecard> {
  const data = await gql<{ scorecard: Scorecard }>(SCORECARD_QUERY, { ...query });
  return data.scorecard;
}

export interface CompareQuery {
  indicator: string;
  units: string[];
  basis: SeriesBasis;
  datasets: Dataset[];
  yearFrom: number;
  yearTo: number;
}

/** One indicator across units, with the required trajectory of its national target. */
export async function fetchComparison(query: CompareQuery): Promise<Comparison> {
  const data = await gql<{ compare: Comparison }>(COMPARE_QUERY, { ...query });
  return data.compare;
}

export const SERIES_QUERY = /* GraphQL */ `
  query Series($indicators: [String!]!, $units: [String!]!, $basis: SeriesBasis!, $datasets: [Dataset!]) {
    series(indicators: $indicators, units: $units, basis: $basis, datasets: $datasets) {
      basis containsIllustrative datasets
      unit { code nameVi nameEn }
      points { year value count denominator illustrative gap missingFrom interval { lower upper level } }
    }
  }
`;

export interface SeriesQuery {
  indicator: string;
  units: string[];
  basis: SeriesBasis;
  datasets: Dataset[];
}

/** Yearly series of one indicator for many units (harmonised: old provinces summed into new ones). */
export async function fetchSeries(query: SeriesQuery): Promise<Series[]> {
  const data = await gql<{ series: Series[] }>(SERIES_QUERY, {
    indicators: [query.indicator],
    units: query.units,
    basis: query.basis,
    datasets: query.datasets,
  });
  return data.series;
}
