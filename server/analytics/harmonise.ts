import { ratePer } from "./rates.js";
import type { CountPoint } from "./types.js";

/** A boundary change: `predecessor`'s territory belongs to `successor` from `effectiveYear`. */
export interface LineageLink {
  predecessor: string;
  successor: string;
  /**
   * First year whose data are reported under the successor's boundaries. The predecessor's own
   * rows for this year or later are ignored (its territory is then inside the successor).
   */
  effectiveYear: number;
}

/** AS_REPORTED: each year on the boundaries of that year. HARMONISED: on today's boundaries. */
export type SeriesBasis = "AS_REPORTED" | "HARMONISED";

/** One year of a count series, with the units it was summed from. */
export interface HarmonisedPoint {
  year: number;
  /** Sum of the components' counts; null unless every component has one. */
  count: number | null;
  /** Sum of the components' denominators; null unless every component has one. */
  denominator: number | null;
  /** Rate recomputed from the summed count and denominator, per `per`. */
  value: number | null;
  /** Unit codes whose data make up this year. */
  components: string[];
  /** Components without a count for this year (so `count` is null). */
  missingFrom: string[];
  /** Components without a denominator for this year (so `denominator` is null). */
  missingDenominatorFrom: string[];
}

export interface HarmonisedSeries {
  unit: string;
  basis: SeriesBasis;
  per: number;
  points: HarmonisedPoint[];
  /** Set when the lineage cannot be harmonised by summing (then `points` is empty). */
  reason: "SPLIT_LINEAGE" | null;
  reasonText: string | null;
}

export interface HarmoniseOptions {
  /** Rates per this many units of the denominator. Default 100,000. */
  per?: number;
  /**
   * Successors created by a merger rather than continuing an existing unit; their own rows
   * before the merger are not part of the history. By default every successor continues (as
   * Hải Phòng absorbed Hải Dương): if one is in fact new, its missing pre-merger rows then show
   * up in `missingFrom` instead of being silently dropped.
   */
  newUnits?: readonly string[];
}

type Lookup = (unit: string, year: number) => CountPoint | undefined;

/**
 * Builds a year lookup per unit. A unit with two rows for one year is ambiguous, so that year
 * counts as missing for it rather than picking one row.
 */
function lookupFor(seriesByUnit: Readonly<Record<string, readonly CountPoint[]>>): Lookup {
  const maps = new Map<string, Map<number, CountPoint | null>>();
  for (const [unit, points] of Object.entries(seriesByUnit)) {
    const byYear = new Map<number, CountPoint | null>();
    for (const p of points) {
      byYear.set(p.year, byYear.has(p.year) ? null : p);
    }
    maps.set(unit, byYear);
  }
  return (unit, year) => maps.get(unit)?.get(year) ?? undefined;
}

function sumPoint(
  year: number,
  components: string[],
  lookup: Lookup,
  per: number,
): HarmonisedPoint {
  let count: number | null = 0;
  let denominator: number | null = 0;
  const missingFrom: string[] = [];
  const missingDenominatorFrom: string[] = [];
  for (const unit of components) {
    const p = lookup(unit, year);
    if (p === undefined || p.count === null) {
      missingFrom.push(unit);
      count = null;
    } else if (count !== null) {
      count += p.count;
    }
    if (p === undefined || p.denominator === null) {
      missingDenominatorFrom.push(unit);
      denominator = null;
    } else if (denominator !== null) {
      denominator += p.denominator;
    }
  }
  const value = ratePer(count, denominator, per);
  return { year, count, denominator, value, components, missingFrom, missingDenominatorFrom };
}

/**
 * The counts of one unit as reported, with rates per `per`; `basis` is AS_REPORTED.
 */
export function asReportedCounts(
  seriesByUnit: Readonly<Record<string, readonly CountPoint[]>>,
  unit: string,
  per = 100_000,
): HarmonisedSeries {
  const lookup = lookupFor(seriesByUnit);
  const years = [...new Set((seriesByUnit[unit] ?? []).map(p => p.year))].sort((a, b) => a - b);
  const points = years.map(year => sumPoint(year, [unit], lookup, per));
  return { unit, basis: "AS_REPORTED", per, points, reason: null, reasonText: null };
}

interface LineageIndex {
  /** The links into each successor. */
  into: Map<string, LineageLink[]>;
  /** Why the lineage cannot be summed (a unit with several successors), or null. */
  split: string | null;
  /** The distinct effective years, ascending. */
  effectiveYears: number[];
}

/**
 * The lineage indexed once per lineage array: a series request harmonises every indicator ×
 * unit with the same lineage (every 2025 merger) and need not index it again for each. Keyed
 * by the array itself, so callers must not change a lineage array after passing it (none do:
 * series.service.ts builds one per request).
 */
const indexes = new WeakMap<readonly LineageLink[], LineageIndex>();
function indexOf(lineage: readonly LineageLink[]): LineageIndex {
  let index = indexes.get(lineage);
  if (index) return index;
  const successors = new Map<string, Set<string>>();
  const into = new Map<string, LineageLink[]>();
  for (const l of lineage) {
    if (l.predecessor !== l.successor) {
      successors.set(l.predecessor, (successors.get(l.predecessor) ?? new Set()).add(l.successor));
      const links = into.get(l.successor);
      if (links) links.push(l);
      else into.set(l.successor, [l]);
    }
  }
  const splitEntry = [...successors].find(([, s]) => s.size > 1);
  const split =
    splitEntry === undefined
      ? null
      : `Unit ${splitEntry[0]} has several successors (${[...splitEntry[1]].join(", ")}); its counts cannot be assigned by summing.`;
  const effectiveYears = [...new Set(lineage.map(l => l.effectiveYear))].sort((a, b) => a - b);
  index = { into, split, effectiveYears };
  indexes.set(lineage, index);
  return index;
}

/**
 * The units whose data make up `targetUnit` in a year, on its current boundaries (see
 * harmoniseCounts): the successor (unless in `newUnits`) and its predecessors before each
 * merger's effective year, followed through earlier mergers. `split` when a predecessor has
 * several successors: its counts cannot be assigned by summing. Each list returned is frozen and
 * shared by every year of its span.
 */
export function componentsByYear(
  lineage: readonly LineageLink[],
  targetUnit: string,
  newUnits: ReadonlySet<string>,
): { split: string } | { componentsIn: (year: number) => readonly string[] } {
  const { into, split, effectiveYears } = indexOf(lineage);
  if (split !== null) return { split };
  const componentsAt = (unit: string, year: number, seen: Set<string>): string[] => {
    seen.add(unit);
    const links = (into.get(unit) ?? []).filter(
      l => year < l.effectiveYear && !seen.has(l.predecessor),
    );
    if (links.length === 0) {
      return [unit];
    }
    const own = newUnits.has(unit) ? [] : [unit];
    return [...own, ...links.flatMap(l => componentsAt(l.predecessor, year, seen))];
  };
  // The components change only where a year passes an effective year: one list per span of
  // years between them (two for the 2025 mergers), not one walk of the lineage per year.
  const bySpan = new Map<number, readonly string[]>();
  return {
    componentsIn(year) {
      let span = 0;
      while (span < effectiveYears.length && effectiveYears[span] <= year) span++;
      let components = bySpan.get(span);
      if (!components) {
        // Shared by every point of the span: frozen, so no reader can change another point's list.
        components = Object.freeze(componentsAt(targetUnit, year, new Set()));
        bySpan.set(span, components);
      }
      return components;
    },
  };
}

/**
 * Puts a unit's count series on its current boundaries. For a year before a merger's
 * `effectiveYear` the count and denominator are the sums over the successor (unless listed in
 * `newUnits`) and all its predecessors, followed through earlier mergers; from that year on
 * they are the successor's own. Rates are recomputed from the sums, never averaged.
 *
 * A year where any component lacks a count gives `count: null` with the units in
 * `missingFrom`: a partial sum is never presented as the whole. The same holds for
 * denominators. Splits (a predecessor with two successors) cannot be harmonised by summing and
 * give `reason: 'SPLIT_LINEAGE'` with no points.
 */
export function harmoniseCounts(
  seriesByUnit: Readonly<Record<string, readonly CountPoint[]>>,
  lineage: readonly LineageLink[],
  targetUnit: string,
  options: HarmoniseOptions = {},
): HarmonisedSeries {
  const per = options.per ?? 100_000;
  const base = { unit: targetUnit, basis: "HARMONISED" as const, per };
  const span = componentsByYear(lineage, targetUnit, new Set(options.newUnits ?? []));
  if ("split" in span) {
    return { ...base, points: [], reason: "SPLIT_LINEAGE", reasonText: span.split };
  }
  const componentsIn = span.componentsIn;

  const lookup = lookupFor(seriesByUnit);
  const allYears = new Set<number>();
  for (const points of Object.values(seriesByUnit)) {
    for (const p of points) {
      allYears.add(p.year);
    }
  }
  const points: HarmonisedPoint[] = [];
  for (const year of [...allYears].sort((a, b) => a - b)) {
    const components = componentsIn(year);
    // Only years some component reports on; another unit's years are not this unit's gaps.
    if (components.some(u => lookup(u, year) !== undefined)) {
      points.push(sumPoint(year, components as string[], lookup, per));
    }
  }
  return { ...base, points, reason: null, reasonText: null };
}
