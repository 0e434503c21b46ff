/** Choosing what the map opens on. Pure. */

/** The latest year with at least one value (null when there is none). */
export function latestYear(points: { year: number }[]): number | null {
  return points.reduce<number | null>(
    (max, p) => (max === null || p.year > max ? p.year : max),
    null,
  );
}

/**
 * Occupational accidents: the count the provinces' yearly notices report, and the indicator with
 * official provincial values for the units this observatory follows (Hải Phòng and Hải Dương),
 * so the first map a visitor sees, on official data, is not empty.
 */
const DEFAULT_MAP_INDICATOR = "oa-accidents";

/** The default indicator when the URL names none (the first one if the default is absent). */
export function defaultIndicator<T extends { code: string }>(indicators: T[]): T | undefined {
  return indicators.find(i => i.code === DEFAULT_MAP_INDICATOR) ?? indicators[0];
}
