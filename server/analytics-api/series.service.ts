import type { EntityManager } from "@mikro-orm/postgresql";
import { componentsByYear, type LineageLink } from "../analytics/index.js";
import { narrowReads, unitTags } from "../cache/read-tags.js";
import type { Dataset } from "../graphql/enums.js";
import { Measure } from "../indicators/indicator.enums.js";
import { SeriesBasis, type SeriesPointType } from "./progress.types.js";
import { harmonisedPoints } from "./harmonised-points.js";
import { asReportedPoints, readChosen, type Chosen } from "./series-values.js";

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
  // The statement reads only these units' series, which only a write to these units'
  // observations changes (its triggers): a cached answer stays when another unit's observations
  // change (server/cache/read-tags.ts).
  const chosen: Chosen =
    indicatorIds.size && unitIds.size
      ? await narrowReads(
          "observation_year_series",
          unitTags("observation", unitIds.values()),
          () => readChosen(em, [...indicatorIds], unitIds, request.datasets),
        )
      : new Map();
  const newUnits = new Set(
    request.units
      .filter(u => u.validFrom)
      .map(u => u.code)
      .concat(lineage.map(l => l.successor)),
  );
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
  newUnits: ReadonlySet<string>,
): BuiltSeries<I, U> {
  const rate = isRate(indicator);
  const numId = rate ? indicator.numerator!.id : indicator.id;
  const denId = rate ? indicator.denominator!.id : null;
  if (request.basis !== SeriesBasis.HARMONISED) {
    const nums = chosen.get(numId)?.get(unit.code);
    const dens = denId === null ? undefined : chosen.get(denId)?.get(unit.code);
    const per = rate ? (indicator.multiplier ?? 100_000) : 1;
    return built(indicator, unit, request, asReportedPoints(unit.code, nums, dens, rate, per));
  }
  const span = componentsByYear(links, unit.code, newUnits);
  // A unit with several successors: its counts cannot be assigned by summing, so no points.
  if ("split" in span) return built(indicator, unit, request, []);
  const points = harmonisedPoints({
    unit: unit.code,
    // Only this unit's own rows and its predecessors': linear, not quadratic.
    units: componentsOf(unit.code, links, true),
    componentsIn: span.componentsIn,
    nums: code => chosen.get(numId)?.get(code),
    dens: denId === null ? undefined : code => chosen.get(denId)?.get(code),
    per: rate ? (indicator.multiplier ?? 100_000) : 1,
    additive: rate || ADDITIVE.has(indicator.measure),
  });
  return built(indicator, unit, request, points);
}

/** A series as the API gives it, as reported or harmonised. */
function built<I extends SeriesIndicator, U extends SeriesUnit>(
  indicator: I,
  unit: U,
  request: SeriesRequest<I, U>,
  points: BuiltSeries<I, U>["points"],
): BuiltSeries<I, U> {
  return {
    indicator,
    unit,
    basis: request.basis,
    datasets: request.datasets,
    points,
    containsIllustrative: points.some(p => p.illustrative),
  };
}
