/**
 * The provenance of the official values a view draws: each value's status, grade, quote,
 * disputed alternatives and source code, plus the sources themselves asked for once (one list,
 * cached) rather than once per value. Illustrative values need no query: they say so themselves.
 */
import { valueKey, type Grade, type SourceInfo, type ValueProvenance } from "../lib/provenance.js";
import { gql } from "./client.js";
import { graphql, type Measure } from "./graphql.js";

const PROVENANCE_QUERY = graphql(`
  query Provenance($filter: ObservationFilter!) {
    observations(filter: $filter, first: 1000) {
      nodes {
        indicator {
          code
        }
        unit {
          code
        }
        year
        status
        grade
        disputed
        quote
        note
        source {
          code
        }
        alternatives {
          value
          rejected
          note
          source {
            code
          }
        }
      }
    }
  }
`);

const SOURCES_QUERY = graphql(`
  query ProvenanceSources {
    sources(first: 1000) {
      nodes {
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
`);

export interface ProvenanceRequest {
  indicators: string[];
  units: string[];
  yearFrom?: number | null;
  yearTo?: number | null;
}

/** Official values' provenance by indicator|unit|year (empty when nothing is asked for). */
export async function fetchProvenance(
  request: ProvenanceRequest,
): Promise<Map<string, ValueProvenance>> {
  const index = new Map<string, ValueProvenance>();
  if (!request.indicators.length || !request.units.length) return index;
  const [data, sources] = await Promise.all([
    gql(PROVENANCE_QUERY, {
      filter: {
        indicators: request.indicators,
        units: request.units,
        yearFrom: request.yearFrom ?? null,
        yearTo: request.yearTo ?? null,
        datasets: ["OFFICIAL"],
        period: "YEAR",
        disaggregation: "TOTAL",
      },
    }),
    gql(SOURCES_QUERY),
  ]);
  const byCode = sourcesByCode(sources.sources.nodes);
  for (const o of data.observations.nodes) {
    index.set(valueKey(o.indicator.code, o.unit.code, o.year), toProvenance(o, byCode));
  }
  return index;
}

/** The fields of an observation that say where it comes from (as both queries ask for them). */
interface ObservationOrigin {
  status: ValueProvenance["status"];
  grade: Grade | null;
  quote: string | null;
  note: string | null;
  disputed: boolean;
  source: { code: string } | null;
  alternatives: {
    value: number;
    rejected: boolean;
    note: string | null;
    source: { code: string };
  }[];
}

function sourcesByCode(nodes: (Omit<SourceInfo, "grade"> & { grade: string })[]) {
  return new Map<string, SourceInfo>(nodes.map(s => [s.code, { ...s, grade: s.grade as Grade }]));
}

/** An observation's provenance, its sources' codes resolved from the one source list. */
function toProvenance(o: ObservationOrigin, byCode: Map<string, SourceInfo>): ValueProvenance {
  return {
    status: o.status,
    grade: o.grade,
    quote: o.quote,
    note: o.note,
    disputed: o.disputed,
    source: o.source ? (byCode.get(o.source.code) ?? null) : null,
    alternatives: o.alternatives.map(a => ({
      value: a.value,
      rejected: a.rejected,
      note: a.note,
      source: byCode.get(a.source.code) ?? null,
    })),
  };
}

const KNOWN_QUERY = graphql(`
  query KnownValues($units: [Code!]!) {
    observations(
      filter: { units: $units, datasets: [OFFICIAL], period: YEAR, disaggregation: TOTAL }
      first: 1000
      orderBy: YEAR_DESC
    ) {
      nodes {
        indicator {
          code
          nameVi
          nameEn
          measure
        }
        unit {
          code
        }
        year
        value
        status
        grade
        disputed
        quote
        note
        source {
          code
        }
        alternatives {
          value
          rejected
          note
          source {
            code
          }
        }
      }
    }
  }
`);

export interface KnownValue {
  indicator: { code: string; nameVi: string; nameEn: string; measure: Measure };
  unit: string;
  year: number;
  value: number;
  provenance: ValueProvenance;
}

/** The latest official value of every indicator recorded for the units (briefing "what is known"). */
export async function fetchKnownValues(units: string[]): Promise<KnownValue[]> {
  const [data, sources] = await Promise.all([gql(KNOWN_QUERY, { units }), gql(SOURCES_QUERY)]);
  const byCode = sourcesByCode(sources.sources.nodes);
  const latest = new Map<string, KnownValue>();
  for (const o of data.observations.nodes) {
    const key = `${o.indicator.code}|${o.unit.code}`;
    const seen = latest.get(key);
    if (seen && seen.year >= o.year) continue;
    latest.set(key, {
      indicator: o.indicator,
      unit: o.unit.code,
      year: o.year,
      value: o.value,
      provenance: toProvenance(o, byCode),
    });
  }
  return [...latest.values()];
}
