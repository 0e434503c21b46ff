/**
 * The GraphQL operations the benchmark drives. Each is sent as a JSON POST to /graphql, which
 * is also what passes Apollo's CSRF prevention (content-type: application/json).
 */
export interface BenchQuery {
  name: string;
  /** Short label for the results table. */
  label: string;
  body: string;
}

const post = (query: string) => JSON.stringify({ query });

export function scorecardQuery(units: string[]): BenchQuery {
  return {
    name: `scorecard-${units.length}`,
    label: `(a) scorecard, NQ 19 × ${units.length} units`,
    body: post(`{ scorecard(programmes: ["nq19-2021-2025"], units: ${JSON.stringify(units)}, datasets: [OFFICIAL, ILLUSTRATIVE]) {
      rows { cells { progress { status components { ratio } } series { year value } } } } }`),
  };
}

export function compareQuery(units: string[]): BenchQuery {
  return {
    name: "compare",
    label: `(b) compare oa-deaths, ${units.length} units`,
    body: post(`{ compare(indicator: "oa-deaths", units: ${JSON.stringify(units)}, datasets: [OFFICIAL, ILLUSTRATIVE]) {
      containsIllustrative series { unit { code } points { year value illustrative } } trajectories { points { year value } } } }`),
  };
}

export const monitoringSummaryQuery: BenchQuery = {
  name: "monitoring-summary",
  label: "(c) monitoringSummary by FACTOR, YEAR",
  body: post(`{ monitoringSummary(groupBy: [FACTOR, YEAR], datasets: [ILLUSTRATIVE]) {
    factor year sites samples samplesOverLimit shareOverLimit illustrative } }`),
};

export const observationsQuery: BenchQuery = {
  name: "observations",
  label: "(d) observations, first 100",
  body: post(`{ observations(first: 100, filter: { datasets: [ILLUSTRATIVE] }) {
    totalCount nodes { year value unit { code } indicator { code } } } }`),
};

export function seriesQuery(units: string[]): BenchQuery {
  return {
    name: "series",
    label: `(e) series oa-deaths + oa-fatal-frequency, ${units.length} units, harmonised`,
    body: post(`{ series(indicators: ["oa-deaths", "oa-fatal-frequency"], units: ${JSON.stringify(units)}, basis: HARMONISED, datasets: [OFFICIAL, ILLUSTRATIVE]) {
      containsIllustrative unit { code } indicator { code } points { year value illustrative interval { lower upper } } } }`),
  };
}

/** A list page outside the analytics: the results table a province's monitoring page shows. */
export const monitoringResultsQuery: BenchQuery = {
  name: "monitoring-results",
  label: "(g) monitoringResults, first 100, with site code and name",
  body: post(`{ monitoringResults(first: 100, datasets: [ILLUSTRATIVE]) {
    nodes { year factor samples samplesOverLimit site { code name } } } }`),
};

/**
 * A province's own results page: one unit's first 100, by year and id. Its rows sit together
 * in that order (a province's data is entered together), which a join's estimate misses.
 */
export function unitMonitoringResultsQuery(unit: string): BenchQuery {
  return {
    name: "unit-monitoring-results",
    label: `(h) monitoringResults of ${unit}, first 100, with site code and name`,
    body: post(`{ monitoringResults(first: 100, units: ${JSON.stringify([unit])}, datasets: [ILLUSTRATIVE]) {
    nodes { year factor samples samplesOverLimit site { code name } } } }`),
  };
}

/** The product's own pair: one page of two provinces' check-ups, merged in year order. */
export function unitPairCheckupsQuery(units: [string, string]): BenchQuery {
  return {
    name: "pair-checkups",
    label: `(i) healthCheckups of ${units.join(" and ")}, first 100, with unit code`,
    body: post(`{ healthCheckups(first: 100, units: ${JSON.stringify(units)}, datasets: [ILLUSTRATIVE]) {
    nodes { year establishment workersExamined casesTotal unit { code } } } }`),
  };
}

export const checkupSummaryQuery: BenchQuery = {
  name: "checkup-summary",
  label: "(f) checkupSummary by DISEASE, YEAR",
  body: post(`{ checkupSummary(groupBy: [DISEASE, YEAR], datasets: [ILLUSTRATIVE]) {
    disease year establishments workersExamined cases casesPer1000 illustrative } }`),
};
