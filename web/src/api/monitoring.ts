/**
 * Working-environment monitoring and health check-ups, summed by the server (shares are
 * computed there from summed counts, never by averaging shares).
 */
import { gql } from "./client.js";
import { graphql, type ResultOf, type Schema, type VariablesOf } from "./graphql.js";

export const MONITORING_SUMMARY_QUERY = graphql(`
  query MonitoringSummary(
    $groupBy: [MonitoringGroup!]!
    $units: [Code!]
    $yearFrom: Int
    $yearTo: Int
    $datasets: [Dataset!]
  ) {
    monitoringSummary(
      groupBy: $groupBy
      units: $units
      yearFrom: $yearFrom
      yearTo: $yearTo
      datasets: $datasets
    ) {
      unit
      factor
      sector
      year
      sites
      samples
      samplesOverLimit
      shareOverLimit
      illustrative
    }
  }
`);

export const CHECKUP_SUMMARY_QUERY = graphql(`
  query CheckupSummary(
    $groupBy: [CheckupGroup!]!
    $kind: CheckupKind
    $units: [Code!]
    $yearFrom: Int
    $yearTo: Int
    $datasets: [Dataset!]
  ) {
    checkupSummary(
      groupBy: $groupBy
      kind: $kind
      units: $units
      yearFrom: $yearFrom
      yearTo: $yearTo
      datasets: $datasets
    ) {
      unit
      year
      disease
      kind
      workersExamined
      cases
      casesPer1000
      establishments
      illustrative
    }
  }
`);

export type MonitoringGroup = Schema<"MonitoringGroup">;
export type CheckupGroup = Schema<"CheckupGroup">;
export type CheckupKind = Schema<"CheckupKind">;

/** One group of samples; `shareOverLimit` is per cent, null when there were no samples. */
export type MonitoringSummaryRow = ResultOf<
  typeof MONITORING_SUMMARY_QUERY
>["monitoringSummary"][number];
/** One group of check-ups; `workersExamined` is not split by disease. */
export type CheckupSummaryRow = ResultOf<typeof CHECKUP_SUMMARY_QUERY>["checkupSummary"][number];

export type SummaryFilter = Omit<VariablesOf<typeof MONITORING_SUMMARY_QUERY>, "groupBy">;

/** Samples and samples over the limit, grouped as asked. */
export async function fetchMonitoringSummary(
  groupBy: MonitoringGroup[],
  filter: SummaryFilter,
): Promise<MonitoringSummaryRow[]> {
  const data = await gql(MONITORING_SUMMARY_QUERY, { groupBy, ...filter });
  return data.monitoringSummary;
}

/** Workers examined and cases found, grouped as asked; `kind` null means both kinds. */
export async function fetchCheckupSummary(
  groupBy: CheckupGroup[],
  kind: CheckupKind | null,
  filter: SummaryFilter,
): Promise<CheckupSummaryRow[]> {
  const data = await gql(CHECKUP_SUMMARY_QUERY, { groupBy, kind, ...filter });
  return data.checkupSummary;
}
