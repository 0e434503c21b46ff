import { poissonInterval } from "./poisson.js";
import type { CountPoint, Interval, Point, SeriesPoint } from "./types.js";

/** Why a rate could not be computed for a year. */
export type RateGap =
  "COUNT_MISSING" | "DENOMINATOR_MISSING" | "DENOMINATOR_NOT_POSITIVE" | "INVALID_COUNT";

/** One year of a rate series. `value` is the rate per `per` units of the denominator. */
export interface RatePoint extends SeriesPoint {
  year: number;
  value: number | null;
  count: number | null;
  denominator: number | null;
  per: number;
  /** Exact Poisson interval of the count, scaled to the rate; null when not computable. */
  interval: Interval | null;
  /** Value of the required path for this year, when one was given. */
  requiredPathValue: number | null;
  /** True when the required path value lies inside the interval (difference within noise). */
  requiredPathInsideInterval: boolean | null;
  /** Set when `value` is null. */
  reason: RateGap | null;
}

export interface RateSeriesOptions {
  /** Rate per this many units of the denominator. Default 100,000 (ILO SDG 8.8.1). */
  per?: number;
  /** Confidence level of the intervals. Default 0.95. */
  level?: number;
  /** Required path, e.g. from `requiredTrajectory`, in the same unit as the rate. */
  requiredPath?: readonly Point[];
}

function gapOf(count: number | null, denominator: number | null): RateGap | null {
  if (count === null) {
    return "COUNT_MISSING";
  }
  if (!Number.isFinite(count) || count < 0) {
    return "INVALID_COUNT";
  }
  if (denominator === null) {
    return "DENOMINATOR_MISSING";
  }
  if (!Number.isFinite(denominator) || denominator <= 0) {
    return "DENOMINATOR_NOT_POSITIVE";
  }
  return null;
}

/**
 * Incidence rate `count / denominator × per` (ILO: fatal injuries per 100,000 workers).
 * Returns null when the count or denominator is missing, the count is negative or the
 * denominator is not positive: a rate is never invented from partial inputs.
 */
export function ratePer(
  count: number | null,
  denominator: number | null,
  per = 100_000,
): number | null {
  if (gapOf(count, denominator) !== null) {
    return null;
  }
  return ((count as number) / (denominator as number)) * per;
}

/**
 * Turns counts and denominators into a rate series, one point per input point, sorted by year.
 * Each rate comes from its own count and denominator (rates are never averaged), with the exact
 * Poisson interval of the count scaled by `per / denominator`; the denominator is treated as
 * known exactly, which is the usual convention for incidence rates. Where a required path is
 * given, each year also says whether the path value lies inside the interval.
 */
export function rateSeries(
  points: readonly CountPoint[],
  options: RateSeriesOptions = {},
): RatePoint[] {
  const per = options.per ?? 100_000;
  const level = options.level ?? 0.95;
  const path = new Map<number, number>();
  for (const p of options.requiredPath ?? []) {
    if (p.value !== null) {
      path.set(p.year, p.value);
    }
  }
  return [...points]
    .sort((a, b) => a.year - b.year)
    .map((p): RatePoint => {
      const reason = gapOf(p.count, p.denominator);
      const value = reason === null ? ratePer(p.count, p.denominator, per) : null;
      let interval: Interval | null = null;
      if (reason === null) {
        const events = poissonInterval(p.count, level);
        const scale = per / (p.denominator as number);
        interval = events && {
          lower: events.lower * scale,
          upper: events.upper * scale,
          level,
        };
      }
      const requiredPathValue = path.get(p.year) ?? null;
      const inside =
        interval !== null && requiredPathValue !== null
          ? interval.lower <= requiredPathValue && requiredPathValue <= interval.upper
          : null;
      return {
        year: p.year,
        value,
        count: p.count,
        denominator: p.denominator,
        per,
        interval,
        requiredPathValue,
        requiredPathInsideInterval: inside,
        reason,
      };
    });
}
