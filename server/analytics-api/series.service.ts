import type { EntityManager } from "@mikro-orm/postgresql";
import {
  asReportedCounts,
  harmoniseCounts,
  ratePer,
  rememberedInterval,
  type CountPoint,
  type LineageLink,
} from "../analytics/index.js";
import { narrowReads, unitTags } from "../cache/read-tags.js";
import { Dataset } from "../graphql/enums.js";
import { Measure } from "../indicators/indicator.enums.js";
import { runOnPrimary } from "./primary-statement.js";
import { SeriesBasis, type SeriesPointType } from "./progress.types.js";

/**
 * What the series building reads of an indicator and a unit: an entity (the series and compare
 * queries) or a plain row of the same fields (the scorecard, which reads plain rows).
 */
export interface SeriesIndicator {
  id: number;
  code: string;
  measure: Measure;
  multiplier?: number | null;
  numerator?: { id: number } | null;
  denominator?: { id: number } | null;
}
export interface SeriesUnit {
  id: number;
  code: string;
  validFrom?: string | null;
}

export interface BuiltSeries<
  I extends SeriesIndicator = SeriesIndicator,
  U extends SeriesUnit = SeriesUnit,
> {
  indicator: I;
  unit: U;
  basis: SeriesBasis;
  datasets: Dataset[];
  points: SeriesPointType[];
  containsIllustrative: boolean;
}

export interface SeriesRequest<I extends SeriesIndicator, U extends SeriesUnit> {
  indicators: I[];
  units: U[];
  datasets: Dataset[];
  basis: SeriesBasis;
  /** The lineage when the caller read it already (analytics.reads.ts); else read here. */
  lineage?: LineageRow[];
}

export interface LineageRow {
  predecessor_id: number;
  predecessor: string;
  successor: string;
  effective_year: number;
}

/** The lineage as plain rows (a handful, but read on every series request). */
const LINEAGE_SQL = `select p.id as predecessor_id, p.code as predecessor, s.code as successor,
    extract(year from l.effective_on)::int as effective_year
  from unit_lineage l join administrative_unit p on p.id = l.predecessor_id
  join administrative_unit s on s.id = l.successor_id order by l.id`;

/** One chosen observation: indicator id, unit id, year, official?, value. */
type ObservationRow = [number, number, number, boolean, number];

/**
 * The yearly totals of these indicators and units, one value per indicator, unit and year: the
 * official one where both data sets have one (officialWins; the table holds at most one row
 * per data set, `observation_key`), as JSON arrays in ONE value, ordered by indicator, unit and
 * year. PostgreSQL walks the `observation_series` index in that order anyway, and one JSON.parse
 * costs far less than the driver's parse of thousands of rows of five typed columns.
 */
const OBSERVATIONS_SQL = `select coalesce(json_agg(json_build_array(o.indicator_id, o.unit_id,
      o.year, o.dataset = 'OFFICIAL', o.value) order by o.indicator_id, o.unit_id, o.year), '[]') as rows
  from (select distinct on (indicator_id, unit_id, year) indicator_id, unit_id, year, dataset, value
    from observation
    where indicator_id = any(?::int[]) and unit_id = any(?::int[]) and period = 'YEAR'
      and disaggregation = 'TOTAL' and review_state = 'APPROVED' and dataset = any(?::text[])
    order by indicator_id, unit_id, year, dataset = 'OFFICIAL' desc) o`;

async function readObservations(
  em: EntityManager,
  indicatorIds: number[],
  unitIds: number[],
  datasets: Dataset[],
): Promise<ObservationRow[]> {
  const [row] = await runOnPrimary<{ rows: ObservationRow[] }>(em, OBSERVATIONS_SQL, [
    indicatorIds,
    unitIds,
    datasets,
  ]);
  return row.rows;
}

/** Measures whose yearly values add up across units (a percentage does not). */
const ADDITIVE = new Set<Measure>([
  Measure.COUNT,
  Measure.PERSONS,
  Measure.BILLION_VND,
  Measure.THOUSAND_PERSONS,
]);

/**
 * Builds yearly series for indicators × units with a fixed number of queries whatever the
 * number of units: one for the lineage (harmonised series only), one for all the observations
 * needed (the units' and, harmonised, their predecessors'). Rates are computed from their counts and denominators,
 * harmonised series sum counts and denominators, and official values win over illustrative ones.
 */
export async function buildSeries<I extends SeriesIndicator, U extends SeriesUnit>(
  em: EntityManager,
  request: SeriesRequest<I, U>,
): Promise<Map<string, BuiltSeries<I, U>>> {
  // Only a harmonised series follows the lineage: as reported, each unit stands alone.
  const lineage =
    request.basis !== SeriesBasis.HARMONISED
      ? []
      : (request.lineage ?? (await em.getConnection().execute<LineageRow[]>(LINEAGE_SQL)));
  const links: LineageLink[] = lineage.map(l => ({
    predecessor: l.predecessor,
    successor: l.successor,
    effectiveYear: l.effective_year,
  }));
  // The units' own observations and, harmonised, those of the units merged into them: not
  // every predecessor of the lineage (at scale 100 a 5-unit series read ~95 units' rows).
  const harmonise = request.basis === SeriesBasis.HARMONISED;
  const predecessorIds = new Map(lineage.map(l => [l.predecessor, l.predecessor_id]));
  const unitIds = new Map<string, number>();
  for (const u of request.units) unitIds.set(u.code, u.id);
  for (const u of request.units) {
    for (const code of componentsOf(u.code, links, harmonise)) {
      if (!unitIds.has(code)) unitIds.set(code, predecessorIds.get(code)!);
    }
  }
  const indicatorIds = new Set<number>();
  for (const i of request.indicators) {
    if (isRate(i)) {
      indicatorIds.add(i.numerator!.id);
      indicatorIds.add(i.denominator!.id);
    } else indicatorIds.add(i.id);
  }
  // The statement reads only these units' observations: a cached answer stays when another
  // unit's observations change (server/cache/read-tags.ts).
  const rows =
    indicatorIds.size && unitIds.size
      ? await narrowReads("observation", unitTags("observation", unitIds.values()), () =>
          readObservations(em, [...indicatorIds], [...unitIds.values()], request.datasets),
        )
      : [];
  const codeById = new Map([...unitIds].map(([code, id]) => [id, code]));
  // indicatorId -> unitCode -> year -> value (official wins over illustrative, in PostgreSQL)
  const chosen: Chosen = new Map();
  let byUnit: Map<string, Map<number, Cell>> | undefined;
  let byYear: Map<number, Cell> | undefined;
  let lastIndicator = -1;
  let lastUnit = -1;
  // Rows come ordered by indicator, unit and year: one map lookup per series, not per row.
  for (const [indicatorId, unitId, year, official, value] of rows) {
    if (indicatorId !== lastIndicator) {
      byUnit = chosen.get(indicatorId);
      if (!byUnit) chosen.set(indicatorId, (byUnit = new Map()));
      lastIndicator = indicatorId;
      lastUnit = -1;
    }
    if (unitId !== lastUnit) {
      const code = codeById.get(unitId)!;
      byYear = byUnit!.get(code);
      if (!byYear) byUnit!.set(code, (byYear = new Map()));
      lastUnit = unitId;
    }
    byYear!.set(year, {
      dataset: official ? Dataset.OFFICIAL : Dataset.ILLUSTRATIVE,
      value: Number(value),
    });
  }
  const newUnits = [
    ...new Set(
      request.units
        .filter(u => u.validFrom)
        .map(u => u.code)
        .concat(lineage.map(l => l.successor)),
    ),
  ];
  const out = new Map<string, BuiltSeries<I, U>>();
  for (const indicator of request.indicators) {
    for (const unit of request.units) {
      out.set(
        `${indicator.code}|${unit.code}`,
        seriesFor(indicator, unit, request, chosen, links, newUnits),
      );
    }
  }
  return out;
}

export const isRate = (i: SeriesIndicator): boolean => Boolean(i.numerator && i.denominator);

interface Cell {
  dataset: Dataset;
  value: number;
}
type Chosen = Map<number, Map<string, Map<number, Cell>>>;

/** The unit and, for a harmonised series, every unit merged into it (followed back in time). */
function componentsOf(unit: string, links: LineageLink[], harmonise: boolean): Set<string> {
  const out = new Set([unit]);
  if (!harmonise) return out;
  for (let grew = true; grew;) {
    grew = false;
    for (const l of links) {
      if (out.has(l.successor) && !out.has(l.predecessor)) {
        out.add(l.predecessor);
        grew = true;
      }
    }
  }
  return out;
}

function seriesFor<I extends SeriesIndicator, U extends SeriesUnit>(
  indicator: I,
  unit: U,
  request: SeriesRequest<I, U>,
  chosen: Chosen,
  links: LineageLink[],
  newUnits: string[],
): BuiltSeries<I, U> {
  const rate = isRate(indicator);
  const numId = rate ? indicator.numerator!.id : indicator.id;
  const denId = rate ? indicator.denominator!.id : null;
  if (request.basis !== SeriesBasis.HARMONISED) {
    const nums = chosen.get(numId)?.get(unit.code);
    const dens = denId === null ? undefined : chosen.get(denId)?.get(unit.code);
    const per = rate ? (indicator.multiplier ?? 100_000) : 1;
    const points = asReportedPoints(unit.code, nums, dens, rate, per);
    return {
      indicator,
      unit,
      basis: request.basis,
      datasets: request.datasets,
      points,
      containsIllustrative: points.some(p => p.illustrative),
    };
  }
  // unit code -> year -> dataset of the values used (no string key per point: fewer allocations)
  const datasetOf = new Map<string, Map<number, Dataset>>();
  const counts: Record<string, CountPoint[]> = {};
  // Only this unit's own rows (and its predecessors' when harmonising): linear, not quadratic.
  const units = componentsOf(unit.code, links, request.basis === SeriesBasis.HARMONISED);
  for (const code of units) {
    const nums = chosen.get(numId)?.get(code) ?? new Map<number, Cell>();
    const dens = denId
      ? (chosen.get(denId)?.get(code) ?? new Map<number, Cell>())
      : new Map<number, Cell>();
    const years = [...new Set([...nums.keys(), ...dens.keys()])].sort((a, b) => a - b);
    const byYear = new Map<number, Dataset>();
    datasetOf.set(code, byYear);
    counts[code] = years.map(year => {
      for (const o of [nums.get(year), dens.get(year)]) {
        if (o?.dataset === Dataset.ILLUSTRATIVE) {
          byYear.set(year, Dataset.ILLUSTRATIVE);
        } else if (o && !byYear.has(year)) {
          byYear.set(year, Dataset.OFFICIAL);
        }
      }
      return {
        year,
        count: nums.get(year)?.value ?? null,
        denominator: rate ? (dens.get(year)?.value ?? null) : 1,
      };
    });
  }
  const harmonise = request.basis === SeriesBasis.HARMONISED;
  const additive = rate || ADDITIVE.has(indicator.measure);
  const per = rate ? (indicator.multiplier ?? 100_000) : 1;
  const series = harmonise
    ? harmoniseCounts(counts, links, unit.code, { per, newUnits })
    : asReportedCounts(counts, unit.code, per);
  const points: SeriesPointType[] = series.points.map(p => {
    // A percentage of two former provinces cannot be summed: say so instead of guessing.
    const notAdditive = harmonise && !additive && p.components.some(c => c !== unit.code);
    const dataset = p.components.some(c => datasetOf.get(c)?.get(p.year) === Dataset.ILLUSTRATIVE)
      ? Dataset.ILLUSTRATIVE
      : p.components.some(c => datasetOf.get(c)?.has(p.year))
        ? Dataset.OFFICIAL
        : null;
    const value = notAdditive ? null : rate ? p.value : p.count;
    const interval =
      rate && p.count !== null && p.denominator
        ? scaled(rememberedInterval(p.count), per / p.denominator)
        : null;
    return {
      year: p.year,
      value,
      count: rate ? p.count : null,
      denominator: rate ? p.denominator : null,
      interval,
      dataset,
      illustrative: dataset === Dataset.ILLUSTRATIVE,
      components: p.components,
      missingFrom: [...new Set([...p.missingFrom, ...(rate ? p.missingDenominatorFrom : [])])],
      gap: notAdditive ? "NOT_ADDITIVE" : value === null ? gapOf(p, rate) : null,
    };
  });
  return {
    indicator,
    unit,
    basis: request.basis,
    datasets: request.datasets,
    points,
    containsIllustrative: points.some(p => p.illustrative),
  };
}

/**
 * One unit's series as reported, straight from its chosen values: the same points that
 * asReportedCounts and the general path below give for a single unit (a value per year with a
 * count or a denominator, components [unit], the unit in missingFrom when its count or, for a
 * rate, its denominator is missing), without their per-unit maps and intermediate points. A
 * scorecard builds hundreds of these per request.
 */
function asReportedPoints(
  code: string,
  nums: Map<number, Cell> | undefined,
  dens: Map<number, Cell> | undefined,
  rate: boolean,
  per: number,
): SeriesPointType[] {
  let years: Iterable<number> = nums?.keys() ?? [];
  if (rate && dens?.size) {
    years = [...new Set([...(nums?.keys() ?? []), ...dens.keys()])].sort((a, b) => a - b);
  } else if (nums && !isAscending(nums)) {
    years = [...nums.keys()].sort((a, b) => a - b);
  }
  // One components array and one missing-unit array for every point of the series (the answer
  // only reads them); a fresh pair per point was thousands of arrays per scorecard.
  const components = [code];
  const none: string[] = [];
  const points: SeriesPointType[] = [];
  for (const year of years) {
    const n = nums?.get(year);
    const d = rate ? dens?.get(year) : undefined;
    const illustrative =
      n?.dataset === Dataset.ILLUSTRATIVE || d?.dataset === Dataset.ILLUSTRATIVE;
    // As sumPoint adds them up from 0 (one component).
    const count = n === undefined ? null : 0 + n.value;
    const denominator = rate ? (d === undefined ? null : 0 + d.value) : 1;
    const rateValue = ratePer(count, denominator, per);
    const value = rate ? rateValue : count;
    const countMissing = count === null;
    const missing = countMissing || (rate && denominator === null);
    points.push({
      year,
      value,
      count: rate ? count : null,
      denominator: rate ? denominator : null,
      interval:
        rate && count !== null && denominator
          ? scaled(rememberedInterval(count), per / denominator)
          : null,
      dataset: illustrative ? Dataset.ILLUSTRATIVE : Dataset.OFFICIAL,
      illustrative,
      components,
      missingFrom: missing ? components : none,
      gap:
        value !== null
          ? null
          : countMissing
            ? "COUNT_MISSING"
            : rate && denominator === null
              ? "DENOMINATOR_MISSING"
              : "NOT_COMPUTABLE",
    });
  }
  return points;
}

function isAscending(byYear: Map<number, unknown>): boolean {
  let last = -Infinity;
  for (const year of byYear.keys()) {
    if (year < last) return false;
    last = year;
  }
  return true;
}

function scaled(
  interval: Readonly<{ lower: number; upper: number; level: number }> | null,
  factor: number,
) {
  return interval
    ? { lower: interval.lower * factor, upper: interval.upper * factor, level: interval.level }
    : null;
}

function gapOf(
  p: { missingFrom: string[]; missingDenominatorFrom: string[]; count: number | null },
  rate: boolean,
): string {
  if (p.missingFrom.length) return "COUNT_MISSING";
  if (rate && p.missingDenominatorFrom.length) return "DENOMINATOR_MISSING";
  return "NOT_COMPUTABLE";
}
