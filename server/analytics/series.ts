import { compound } from "./growth.js";
import type { Point } from "./types.js";

/**
 * Points of the path a rate target requires, one per year from `baseYear` to `endYear`
 * inclusive: `value(t) = baseValue × (1 + ratePerYear)^(t − baseYear)`. `ratePerYear` is a
 * signed fraction (-0.04 = fall 4 %/year). For charts and for `rateSeries({ requiredPath })`.
 *
 * Returns [] when the inputs cannot define a path (non-finite numbers, `endYear < baseYear`,
 * non-integer years, or a rate at or below -100 %/year).
 */
export function requiredTrajectory(
  baseYear: number,
  baseValue: number,
  ratePerYear: number,
  endYear: number,
): Point[] {
  const valid =
    Number.isInteger(baseYear) &&
    Number.isInteger(endYear) &&
    endYear >= baseYear &&
    Number.isFinite(baseValue) &&
    Number.isFinite(ratePerYear) &&
    ratePerYear > -1;
  if (!valid) {
    return [];
  }
  const points: Point[] = [];
  for (let year = baseYear; year <= endYear; year++) {
    points.push({ year, value: compound(baseValue, ratePerYear, year - baseYear) });
  }
  return points;
}

/**
 * Returns one point per year from `fromYear` to `toYear`, taking values from `points` and
 * null for years without one, so charts and tables show gaps as "no data" rather than
 * drawing a line across them. Later duplicates of a year are ignored.
 */
export function fillYears(points: readonly Point[], fromYear: number, toYear: number): Point[] {
  const byYear = new Map<number, number | null>();
  for (const p of points) {
    if (!byYear.has(p.year)) {
      byYear.set(p.year, p.value);
    }
  }
  const out: Point[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    out.push({ year, value: byYear.get(year) ?? null });
  }
  return out;
}
