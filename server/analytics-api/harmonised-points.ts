import { ratePer } from "../analytics/index.js";
import { Dataset } from "../graphql/enums.js";
import type { SeriesPointType } from "./progress.types.js";
import { rateInterval, type YearValues } from "./series-values.js";

/** One component unit's chosen values and how far the walk through its years has come. */
interface Cursor {
  nums: YearValues | undefined;
  dens: YearValues | undefined;
  /** Index of the first year of nums / dens not before the year being summed. */
  n: number;
  d: number;
}

export interface HarmonisedRequest {
  unit: string;
  /** Every unit that makes up `unit` in some year (the unit and its predecessors). */
  units: Iterable<string>;
  /** The units that make up `unit` in a year (harmonise.ts componentsByYear). */
  componentsIn: (year: number) => readonly string[];
  nums: (unit: string) => YearValues | undefined;
  /** A rate's denominators; undefined for a count. */
  dens: ((unit: string) => YearValues | undefined) | undefined;
  per: number;
  /** Whether the indicator's values add up across units (a percentage does not). */
  additive: boolean;
}

/**
 * One unit's series on its current boundaries, straight from its components' chosen values:
 * the points harmoniseCounts and the general mapping of series.service.ts gave (a year for
 * every year some component reports, the components' counts and denominators summed, null with
 * the units in missingFrom when one lacks its count or, for a rate, its denominator), without
 * their per-unit year maps, count points and intermediate points. Every series request
 * harmonises each indicator × unit; test/unit/analytics-api checks both give the same points.
 */
export function harmonisedPoints(r: HarmonisedRequest): SeriesPointType[] {
  const rate = r.dens !== undefined;
  const cursors = new Map<string, Cursor>();
  const years: number[] = [];
  for (const code of r.units) {
    const nums = r.nums(code);
    const dens = r.dens?.(code);
    cursors.set(code, { nums, dens, n: 0, d: 0 });
    if (nums) for (const y of nums.years) years.push(y);
    if (dens) for (const y of dens.years) years.push(y);
  }
  years.sort((a, b) => a - b);
  const points: SeriesPointType[] = [];
  for (let k = 0; k < years.length; k++) {
    const year = years[k];
    if (k > 0 && years[k - 1] === year) continue;
    const components = r.componentsIn(year);
    let count: number | null = 0;
    let denominator: number | null = 0;
    let reported = false;
    let official = false;
    let illustrative = false;
    let missingCount: string[] | null = null;
    let missingDenominator: string[] | null = null;
    for (const code of components) {
      const c = cursors.get(code);
      const n = c?.nums ? at(c.nums, c, "n", year) : -1;
      const d = c?.dens ? at(c.dens, c, "d", year) : -1;
      if (n >= 0 || d >= 0) reported = true;
      if ((n >= 0 && !c!.nums!.official[n]) || (d >= 0 && !c!.dens!.official[d])) {
        illustrative = true;
      } else if (n >= 0 || d >= 0) official = true;
      if (n < 0) {
        (missingCount ??= []).push(code);
        count = null;
      } else if (count !== null) count += c!.nums!.values[n];
      // A count's "denominator" is 1 per reporting unit: missing only where a unit has no row.
      const hasDenominator = rate ? d >= 0 : n >= 0;
      if (!hasDenominator) {
        (missingDenominator ??= []).push(code);
        denominator = null;
      } else if (denominator !== null) denominator += rate ? c!.dens!.values[d] : 1;
    }
    // Only years some component reports on; another unit's years are not this unit's gaps.
    if (!reported) continue;
    // A percentage of two former provinces cannot be summed: say so instead of guessing.
    const notAdditive = !r.additive && components.some(c => c !== r.unit);
    const value = notAdditive ? null : rate ? ratePer(count, denominator, r.per) : count;
    const missingFrom = missingOf(missingCount, rate ? missingDenominator : null);
    const dataset = illustrative ? Dataset.ILLUSTRATIVE : official ? Dataset.OFFICIAL : null;
    points.push({
      year,
      value,
      count: rate ? count : null,
      denominator: rate ? denominator : null,
      interval: rate ? rateInterval(count, denominator, r.per) : null,
      dataset,
      illustrative,
      components: components as string[],
      missingFrom,
      gap: notAdditive
        ? "NOT_ADDITIVE"
        : value !== null
          ? null
          : missingCount
            ? "COUNT_MISSING"
            : rate && missingDenominator
              ? "DENOMINATOR_MISSING"
              : "NOT_COMPUTABLE",
    });
  }
  return points;
}

/** The index of `year` in `v` (or -1), moving the cursor on: years are visited in order. */
function at(v: YearValues, c: Cursor, which: "n" | "d", year: number): number {
  let i = c[which];
  while (i < v.years.length && v.years[i] < year) i++;
  c[which] = i;
  return i < v.years.length && v.years[i] === year ? i : -1;
}

const NONE: string[] = [];

/** The components missing a count or, for a rate, a denominator, each once (most points: none). */
function missingOf(count: string[] | null, denominator: string[] | null): string[] {
  if (!denominator) return count ?? NONE;
  if (!count) return denominator;
  return [...new Set([...count, ...denominator])];
}
