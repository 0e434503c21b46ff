import type { Direction, Point } from "./types.js";

/** Change from the previous calendar year. */
export interface YearOverYear {
  year: number;
  value: number | null;
  previousValue: number | null;
  /** value − previousValue, in the indicator's unit. */
  change: number | null;
  /** change / |previousValue| × 100, in per cent (-10 = fell 10 %). */
  percentChange: number | null;
}

/**
 * Year-over-year change for each point, against the value for exactly `year − 1`. A gap year
 * gives null rather than a change over two years disguised as one. `percentChange` is in per
 * cent and null when the previous value is 0; dividing by |previous| keeps its sign equal to
 * the sign of the change.
 */
export function yearOverYear(points: readonly Point[]): YearOverYear[] {
  const byYear = new Map<number, number | null>();
  for (const p of points) {
    byYear.set(p.year, p.value);
  }
  return [...points]
    .sort((a, b) => a.year - b.year)
    .map(p => {
      const previousValue = byYear.get(p.year - 1) ?? null;
      const change = p.value !== null && previousValue !== null ? p.value - previousValue : null;
      const percentChange =
        change !== null && previousValue !== null && previousValue !== 0
          ? (change / Math.abs(previousValue)) * 100
          : null;
      return { year: p.year, value: p.value, previousValue, change, percentChange };
    });
}

/** A unit's value with its rank; `rank` is null when the value is null. */
export interface RankedUnit {
  unit: string;
  value: number | null;
  rank: number | null;
}

/**
 * Ranks units so that rank 1 is the best for the desired direction (lowest value for
 * DECREASE, highest for INCREASE). Ties share a rank and the next rank skips ("1, 2, 2, 4"),
 * so a rank always says how many units did strictly better. Units without a finite value come
 * last, unranked, in input order; ties keep input order too.
 */
export function rankUnits(
  values: readonly { unit: string; value: number | null }[],
  direction: Direction,
): RankedUnit[] {
  const better = (a: number, b: number): number => (direction === "DECREASE" ? a - b : b - a);
  const withValue = values
    .map((v, index) => ({ ...v, index }))
    .filter(
      (v): v is { unit: string; value: number; index: number } =>
        v.value !== null && Number.isFinite(v.value),
    )
    .sort((a, b) => better(a.value, b.value) || a.index - b.index);
  const ranked: RankedUnit[] = [];
  withValue.forEach((v, i) => {
    const prev = withValue[i - 1];
    const prevRank = ranked[i - 1]?.rank ?? null;
    const tied = prev !== undefined && prev.value === v.value && prevRank !== null;
    const rank = tied ? prevRank : i + 1;
    ranked.push({ unit: v.unit, value: v.value, rank });
  });
  // A NaN or infinite value is as unknown as null, so it is listed unranked with the nulls.
  const unranked = values
    .filter(v => v.value === null || !Number.isFinite(v.value))
    .map(v => ({ unit: v.unit, value: null, rank: null }));
  return [...ranked, ...unranked];
}
