/**
 * Internal helpers shared by the progress functions: cleaning a series, choosing the base
 * year and building results. Not exported from the module index.
 */
import type {
  Interval,
  NotAssessableReason,
  ProgressComponents,
  ProgressMethod,
  ProgressResult,
  ProgressStatus,
  SeriesPoint,
} from "./types.js";

/** A point with a usable value. */
export interface Usable {
  year: number;
  value: number;
  interval: Interval | null;
}

/** Either a value or the reason it could not be produced. */
export type Checked<T> =
  { ok: true; value: T } | { ok: false; reason: NotAssessableReason; reasonText: string };

export function fail<T>(reason: NotAssessableReason, reasonText: string): Checked<T> {
  return { ok: false, reason, reasonText };
}

export function emptyComponents(): ProgressComponents {
  return {
    direction: null,
    baseYear: null,
    baseYearDeclared: null,
    baseYearUsed: null,
    baseValue: null,
    latestYear: null,
    latestValue: null,
    endYear: null,
    observedRate: null,
    requiredRate: null,
    directedRate: null,
    ratio: null,
    thresholds: null,
    requiredRemainingRate: null,
    targetPathValue: null,
    requiredPathValueAtLatest: null,
    projectedEndValue: null,
    shareOfRequiredProgress: null,
    targetValue: null,
    comparator: null,
    shortfall: null,
    naturalLimit: null,
    limitFactor: null,
    pointsUsed: [],
    interval: null,
    requiredPathInsideInterval: null,
  };
}

export function assessed(
  status: ProgressStatus,
  method: ProgressMethod,
  components: ProgressComponents,
): ProgressResult {
  return { status, method, reason: null, reasonText: null, components };
}

export function notAssessable(
  method: ProgressMethod,
  components: ProgressComponents,
  failure: { reason: NotAssessableReason; reasonText: string },
): ProgressResult {
  return {
    status: "NOT_ASSESSABLE",
    method,
    reason: failure.reason,
    reasonText: failure.reasonText,
    components,
  };
}

/**
 * Keeps the points with a finite value, sorted by year. Values after `endYear` are dropped:
 * a target is judged on the period it covers, and a later value says nothing about whether it
 * was met on time. Two values for one year make the series ambiguous, so we refuse rather than
 * pick one.
 */
export function usablePoints(
  series: readonly SeriesPoint[],
  endYear: number | null,
): Checked<readonly Usable[]> {
  // The usual series from the API: every point has a value and says its interval (null or
  // one), in ascending years. Then the points themselves are the answer, no copy (a 34-province
  // scorecard at bench scale 100 judged 6,800 points and copied every one). The callers only
  // read them (hence readonly).
  const kept = allUsable(series, endYear);
  if (kept >= 0) {
    return {
      ok: true,
      value: (kept === series.length ? series : series.slice(0, kept)) as Usable[],
    };
  }
  // Series usually come in ascending years: then no map and no sort are needed. A year out of
  // order (or repeated) falls back to the general path below, which gives the same answer.
  const ascending: Usable[] = [];
  let last = -Infinity;
  for (const p of series) {
    if (p.value === null || !Number.isFinite(p.value) || !Number.isFinite(p.year)) {
      continue;
    }
    if (endYear !== null && p.year > endYear) {
      continue;
    }
    if (!(p.year > last)) return usableUnordered(series, endYear);
    last = p.year;
    ascending.push({ year: p.year, value: p.value, interval: p.interval ?? null });
  }
  return { ok: true, value: ascending };
}

/**
 * How many leading points make the usable series as they stand: each with a finite value and
 * year, an interval that is not left out (undefined), in strictly ascending years, up to the
 * end year; after those, only points the general path drops (after the end year, or without a
 * value). -1 when the general path is needed.
 */
function allUsable(series: readonly SeriesPoint[], endYear: number | null): number {
  let last = -Infinity;
  let i = 0;
  for (; i < series.length; i++) {
    const p = series[i];
    if (endYear !== null && p.year > endYear) break;
    if (
      p.value === null ||
      !Number.isFinite(p.value) ||
      !(p.year > last) ||
      !Number.isFinite(p.year) ||
      p.interval === undefined
    ) {
      return -1;
    }
    last = p.year;
  }
  for (let j = i; j < series.length; j++) {
    const p = series[j];
    const dropped = !(p.year <= endYear!) || p.value === null || !Number.isFinite(p.value);
    if (!dropped) return -1;
  }
  return i;
}

function usableUnordered(
  series: readonly SeriesPoint[],
  endYear: number | null,
): Checked<Usable[]> {
  const byYear = new Map<number, Usable>();
  for (const p of series) {
    if (p.value === null || !Number.isFinite(p.value) || !Number.isFinite(p.year)) {
      continue;
    }
    if (endYear !== null && p.year > endYear) {
      continue;
    }
    if (byYear.has(p.year)) {
      return fail("DUPLICATE_YEAR", `The series has more than one value for ${p.year}.`);
    }
    byYear.set(p.year, { year: p.year, value: p.value, interval: p.interval ?? null });
  }
  return { ok: true, value: [...byYear.values()].sort((a, b) => a.year - b.year) };
}

/**
 * Chooses the base point. With no declared base year the first point is the base. A declared
 * year without a value is replaced by the next year with a value only when the caller allows
 * it (Open SDG does this silently; we make it explicit because it changes the target path).
 */
export function resolveBase(
  points: readonly Usable[],
  declared: number | null,
  allowFallback: boolean,
): Checked<Usable> {
  const first = points[0];
  if (first === undefined) {
    return fail("NO_DATA", "The series has no values.");
  }
  if (declared === null) {
    return { ok: true, value: first };
  }
  const exact = points.find(p => p.year === declared);
  if (exact !== undefined) {
    return { ok: true, value: exact };
  }
  if (!allowFallback) {
    return fail(
      "BASE_YEAR_MISSING",
      `There is no value for the base year ${declared}, and the base-year fallback is not allowed.`,
    );
  }
  const next = points.find(p => p.year > declared);
  if (next === undefined) {
    return fail("INSUFFICIENT_DATA", `There is no value in or after the base year ${declared}.`);
  }
  return { ok: true, value: next };
}

/**
 * CAGR needs a non-zero base and values of one sign. We also refuse negative values outright:
 * the indicators here (rates, counts, percentages) cannot be negative, so one is a data error.
 */
export function checkValues(window: readonly Usable[], base: Usable): Checked<true> {
  const negative = window.find(p => p.value < 0);
  if (negative !== undefined) {
    return fail(
      "SIGN_CHANGE",
      `The value for ${negative.year} is negative (${negative.value}); growth rates need values of one sign.`,
    );
  }
  if (base.value === 0) {
    return fail(
      "ZERO_BASE",
      `The base value (${base.year}) is 0, so the annual growth rate is undefined.`,
    );
  }
  return { ok: true, value: true };
}

/** Base and latest points with the checks every growth-based method needs. */
export interface GrowthWindow {
  base: Usable;
  latest: Usable;
}

/**
 * Resolves the base, takes the latest point and checks both, filling the matching components
 * as it goes so a NOT_ASSESSABLE result still shows what was found.
 */
export function growthWindow(
  points: readonly Usable[],
  declaredBase: number | null,
  allowFallback: boolean,
  c: ProgressComponents,
): Checked<GrowthWindow> {
  const latest = points[points.length - 1];
  if (latest === undefined) {
    return fail("NO_DATA", "The series has no values.");
  }
  c.latestYear = latest.year;
  c.latestValue = latest.value;
  const base = resolveBase(points, declaredBase, allowFallback);
  if (!base.ok) {
    return base;
  }
  c.baseYear = base.value.year;
  c.baseYearUsed = base.value.year;
  c.baseValue = base.value.value;
  if (latest.year <= base.value.year) {
    return fail(
      "INSUFFICIENT_DATA",
      `Only one year with a value (${latest.year}) from the base year on; at least two are needed.`,
    );
  }
  const window = points.filter(p => p.year >= base.value.year);
  const checked = checkValues(window, base.value);
  if (!checked.ok) {
    return checked;
  }
  c.pointsUsed = [
    { year: base.value.year, value: base.value.value },
    { year: latest.year, value: latest.value },
  ];
  return { ok: true, value: { base: base.value, latest } };
}

/** +1 for INCREASE, −1 for DECREASE: Open SDG's d. */
export function directionSign(direction: "INCREASE" | "DECREASE"): 1 | -1 {
  return direction === "INCREASE" ? 1 : -1;
}
