/**
 * Working-environment monitoring and health check-ups, summed by the server (shares are
 * computed there from summed counts, never by averaging shares).
 */
import { gql } from './client.js';
import type { CheckupKind, Dataset } from './types.js';

export const MONITORING_SUMMARY_QUERY = /* GraphQL */ `
  query MonitoringSummary($groupBy: [MonitoringGroup!]!, $units: [String!], $yearFrom: Int, $yearTo: Int, $datasets: [Dataset!]) {
    monitoringSummary(groupBy: $groupBy, units: $units, yearFrom: $yearFrom, yearTo: $yearTo, datasets: $datasets) {
      unit factor sector year sites samples samplesOverLimit shareOverLimit illustrative
    }
  }
`;

export const CHECKUP_SUMMARY_QUERY = /* GraphQL */ `
  query CheckupSummary($groupBy: [CheckupGroup!]!, $kind: CheckupKind, $units: [String!], $yearFrom: Int, $yearTo: Int, $datasets: [Dataset!]) {
    checkupSummary(groupBy: $groupBy, kind: $kind, units: $units, yearFrom: $yearFrom, yearTo: $yearTo, datasets: $datasets) {
      unit year disease kind workersExamined cases casesPer1000 establishments illustrative
    }
  }
`;

export type MonitoringGroup = 'FACTOR' | 'SECTOR' | 'UNIT' | 'YEAR';
export type CheckupGroup = 'DISEASE' | 'KIND' | 'SECTOR' | 'UNIT' | 'YEAR';

export interface MonitoringSummaryRow {
  unit: string | null;
  factor: string | null;
  sector: string | null;
  year: number | null;
  sites: number;
  samples: number;
  samplesOverLimit: number;
  /** Per cent; null when there were no samples. */
  shareOverLimit: number | null;
  illustrative: boolean;
}

export interface CheckupSummaryRow {
  unit: string | null;
  year: number | null;
  disease: string | null;
  kind: CheckupKind | null;
  /** Workers examined in the group (not split by disease). */
  workersExamined: number;
  cases: number;
  casesPer1000: number | null;
  establishments: number;
  illustrative: boolean;
}

export interface SummaryFilter {
  units: string[];
  yearFrom?: number;
  yearTo?: number;
  datasets?: Dataset[];
}

/** Samples and samples over the limit, grouped as asked. */
export async function fetchMonitoringSummary(groupBy: MonitoringGroup[], filter: SummaryFilter): Promise<MonitoringSummaryRow[]> {
  const data = await gql<{ monitoringSummary: MonitoringSummaryRow[] }>(MONITORING_SUMMARY_QUERY, { groupBy, ...filter });
  return data.monitoringSummary;
}

/** Workers examined and cases found, grouped as asked; `kind` null means both kinds. */
export async function fetchCheckupSummary(groupBy: CheckupGroup[], kind: CheckupKind | null, filter: SummaryFilter): Promise<CheckupSummaryRow[]> {
  const data = await gql<{ checkupSummary: CheckupSummaryRow[] }>(CHECKUP_SUMMARY_QUERY, { groupBy, kind, ...filter });
  return data.checkupSummary;
}
