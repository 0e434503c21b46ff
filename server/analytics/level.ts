import { atLeast, atMost, cagr, compound, nearlyEqual } from "./growth.js";
import {
  assessed,
  emptyComponents,
  fail,
  growthWindow,
  notAssessable,
  usablePoints,
  type Checked,
  type Usable,
} from "./prepare.js";
import { DEFAULT_THRESHOLDS_TARGET, classify, withDefaults } from "./thresholds.js";
import type {
  Comparator,
  Direction,
  ProgressComponents,
  ProgressResult,
  SeriesPoint,
  Thresholds,
} from "./types.js";

/** A level target such as "> 80 % of establishments monitored" (also used for MILESTONE). */
export interface LevelInput {
  series: readonly SeriesPoint[];
  /** The target level in the indicator's own unit (80 for "> 80 %"). */
  targetValue: number;
  comparator: Comparator;
  endYear: number;
  /** Year the required progress is measured from; the first year with a value when null. */
  baseYear?: number | null;
  baseYearFallback?: boolean;
  thresholds?: Partial<Thresholds>;
}

/** An "all" target such as "100 % of fatal accidents investigated". */
export interface AllInput {
  series: readonly SeriesPoint[];
  /** Default 100 (per cent). */
  targetValue?: number;
  /** Values after this year are ignored when given. */
  endYear?: number | null;
}

/**
 * Whether `value` satisfies `comparator target`. Strict comparators stay strict ("> 80 %" is
 * not met by exactly 80 %); the others tolerate floating-point noise.
 */
export function meetsTarget(value: number, target: number, comparator: Comparator): boolean {
  switch (comparator) {
    case "GT":
      return value > target && !nearlyEqual(value, target);
    case "GTE":
      return atLeast(value, target);
    case "EQ":
      return nearlyEqual(value, target);
    case "LTE":
      return atMost(value, target);
    case "LT":
      return value < target && !nearlyEqual(value, target);
  }
}

/** Distance still to cover, in the indicator's unit; 0 once the value is on the right side. */
function levelShortfall(value: number, target: number, comparator: Comparator): number {
  if (comparator === "EQ") {
    return Math.abs(value - target);
  }
  const gap = comparator === "GT" || comparator === "GTE" ? target - value : value - target;
  return Math.max(0, gap);
}

function comparatorDirection(comparator: Comparator): Direction | null {
  if (comparator === "GT" || comparator === "GTE") {
    return "INCREASE";
  }
  return comparator === "EQ" ? null : "DECREASE";
}

/**
 * The usable points up to the end year, with the latest one recorded in the components (level
 * and "all" targets are judged on it); NO_DATA when there is none.
 */
function latestPoint(
  series: readonly SeriesPoint[],
  endYear: number | null,
  c: ProgressComponents,
): Checked<readonly Usable[]> {
  const points = usablePoints(series, endYear);
  if (!points.ok) return points;
  const latest = points.value[points.value.length - 1];
  if (latest === undefined) return fail("NO_DATA", "The series has no values.");
  c.latestYear = latest.year;
  c.latestValue = latest.value;
  c.pointsUsed = [{ year: latest.year, value: latest.value }];
  c.interval = latest.interval;
  return points;
}

/**
 * Judges a level target (UN SDG progress-chart projection method).
 *
 * - TARGET_ACHIEVED when the latest value satisfies the comparator (one point is enough).
 * - NOT_ACHIEVED when it does not and the latest value is for the end year (period over).
 * - Otherwise, with a base and a later point: `CAGR = (yi / y0)^(1/(ti − t0)) − 1`,
 *   `projectedEndValue = yi × (1 + CAGR)^(tT − ti)` and
 *   `P = shareOfRequiredProgress = (projectedEndValue − y0) / (target − y0)`;
 *   P ≥ 0.95 ON_TRACK, ≥ 0.60 ACCELERATION_NEEDED, ≥ 0 LIMITED_PROGRESS, else DETERIORATION.
 * - `requiredRate` is the rate from the base that would reach the target on time,
 *   `(target / y0)^(1/(tT − t0)) − 1`, and `requiredRemainingRate` the rate needed from now.
 * - DETERIORATION without P when the base met a one-sided target and the latest value does not
 *   (P would divide two gaps of the same wrong sign and look like progress).
 * - One point, not met, end year not reached: NOT_ASSESSABLE INSUFFICIENT_DATA.
 */
export function assessLevel(input: LevelInput): ProgressResult {
  const method = "LEVEL";
  const { targetValue: target, comparator, endYear } = input;
  const thresholds = withDefaults(DEFAULT_THRESHOLDS_TARGET, input.thresholds);
  const c = emptyComponents();
  c.direction = comparatorDirection(comparator);
  c.targetValue = target;
  c.comparator = comparator;
  c.endYear = endYear;
  c.baseYearDeclared = input.baseYear ?? null;
  c.thresholds = thresholds;
  if (!Number.isFinite(target) || !Number.isFinite(endYear)) {
    return notAssessable(method, c, {
      reason: "INVALID_TARGET",
      reasonText: `The target value (${target}) or end year (${endYear}) is not a number.`,
    });
  }

  const points = latestPoint(input.series, endYear, c);
  if (!points.ok) {
    return notAssessable(method, c, points);
  }
  const latest = points.value[points.value.length - 1];
  c.shortfall = levelShortfall(latest.value, target, comparator);
  if (meetsTarget(latest.value, target, comparator)) {
    return assessed("TARGET_ACHIEVED", method, c);
  }
  if (latest.year >= endYear) {
    return assessed("NOT_ACHIEVED", method, c);
  }
  if (points.value.length < 2) {
    return notAssessable(method, c, {
      reason: "INSUFFICIENT_DATA",
      reasonText: `Only one value (${latest.year}) and the target is not met yet; at least two are needed to project the pace to ${endYear}.`,
    });
  }

  const fallback = input.baseYearFallback ?? false;
  const win = growthWindow(points.value, input.baseYear ?? null, fallback, c);
  if (!win.ok) {
    return notAssessable(method, c, win);
  }
  const { base } = win.value;
  c.direction ??= target > base.value ? "INCREASE" : "DECREASE";
  if (nearlyEqual(target, base.value)) {
    return notAssessable(method, c, {
      reason: "TARGET_EQUALS_BASE",
      reasonText: `The base value (${base.value} in ${base.year}) equals the target, so the share of required progress is undefined.`,
    });
  }

  const observed = cagr(base.value, latest.value, base.year, latest.year) as number;
  const projected = compound(latest.value, observed, endYear - latest.year);
  c.observedRate = observed;
  c.requiredRate = cagr(base.value, target, base.year, endYear);
  c.requiredRemainingRate = cagr(latest.value, target, latest.year, endYear);
  c.projectedEndValue = projected;
  // The base already met a one-sided target and the latest value no longer does. P would
  // divide two negative gaps and look like progress, so report the regression instead.
  if (comparator !== "EQ" && meetsTarget(base.value, target, comparator)) {
    return assessed("DETERIORATION", method, c);
  }
  c.shareOfRequiredProgress = (projected - base.value) / (target - base.value);
  return assessed(classify(c.shareOfRequiredProgress, thresholds), method, c);
}

/**
 * Judges an "all" target: TARGET_ACHIEVED when the latest value is at least `targetValue`
 * (default 100), otherwise NOT_ACHIEVED with `shortfall = targetValue − latest`. There is no
 * "on track" for these: an investigation rate below 100 % is simply not there yet.
 * No value at all gives NOT_ASSESSABLE NO_DATA.
 */
export function assessAll(input: AllInput): ProgressResult {
  const method = "ALL";
  const target = input.targetValue ?? 100;
  const endYear = input.endYear ?? null;
  const c = emptyComponents();
  c.direction = "INCREASE";
  c.targetValue = target;
  c.comparator = "GTE";
  c.endYear = endYear;
  const points = latestPoint(input.series, endYear, c);
  if (!points.ok) {
    return notAssessable(method, c, points);
  }
  const latest = points.value[points.value.length - 1];
  c.shortfall = Math.max(0, target - latest.value);
  return assessed(atLeast(latest.value, target) ? "TARGET_ACHIEVED" : "NOT_ACHIEVED", method, c);
}
