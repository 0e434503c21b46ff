import { atLeast, atMost, cagr, compound } from "./growth.js";
import {
  assessed,
  directionSign,
  emptyComponents,
  growthWindow,
  notAssessable,
  usablePoints,
} from "./prepare.js";
import { DEFAULT_THRESHOLDS_TARGET, classify, withDefaults } from "./thresholds.js";
import type { Direction, ProgressResult, SeriesPoint, Thresholds } from "./types.js";

/** An annual-rate target such as "fatal accident frequency falls 4 %/year". */
export interface AnnualRateInput {
  series: readonly SeriesPoint[];
  direction: Direction;
  /** Required change per year as a signed fraction: -0.04 = fall 4 %/year, 0.05 = rise 5 %/year. */
  requiredRate: number;
  baseYear: number;
  endYear: number;
  /** Use the next year with a value when the base year has none. Default false. */
  baseYearFallback?: boolean;
  thresholds?: Partial<Thresholds>;
}

/**
 * Judges an annual-rate target by Open SDG method 2 with the required rate given directly.
 *
 * - Target path: `P(t) = y0 × (1 + r)^(t − t0)`; `targetPathValue = P(endYear)`.
 * - Observed rate: `CAGR = (yi / y0)^(1/(ti − t0)) − 1` (fraction per year).
 * - Ratio: `R = d × CAGR / |r|` with d = +1 for INCREASE, −1 for DECREASE (Open SDG's
 *   `sign·direction·cagr_o/abs(cagr_r)`; the sign s is always +1 because negative values are
 *   refused).
 * - Status: TARGET_ACHIEVED when the latest value already meets `targetPathValue`; otherwise
 *   NOT_ACHIEVED when the latest value is for the end year itself (the period is over);
 *   otherwise R ≥ 0.95 ON_TRACK, ≥ 0.60 ACCELERATION_NEEDED, ≥ 0 LIMITED_PROGRESS, else
 *   DETERIORATION.
 * - Also reported: `requiredRemainingRate = (targetPathValue / yi)^(1/(tT − ti)) − 1`,
 *   `projectedEndValue = yi × (1 + CAGR)^(tT − ti)` and the UN share of required progress
 *   `(projectedEndValue − y0) / (targetPathValue − y0)`. When the latest point carries an
 *   interval, `requiredPathInsideInterval` says whether `P(ti)` lies inside it.
 *
 * Worked example: y(2020) = 3.0, y(2024) = 2.7, r = -0.04, end 2025: CAGR = 0.9^(1/4) − 1 =
 * -0.0260, R = 0.65, ACCELERATION_NEEDED.
 */
export function assessAnnualRate(input: AnnualRateInput): ProgressResult {
  const method = "ANNUAL_RATE";
  const { direction, requiredRate: r, baseYear, endYear } = input;
  const thresholds = withDefaults(DEFAULT_THRESHOLDS_TARGET, input.thresholds);
  const c = emptyComponents();
  c.direction = direction;
  c.requiredRate = r;
  c.baseYearDeclared = baseYear;
  c.endYear = endYear;
  c.thresholds = thresholds;

  const d = directionSign(direction);
  if (!Number.isFinite(r) || r === 0 || r <= -1 || Math.sign(r) !== d) {
    return notAssessable(method, c, {
      reason: "INVALID_TARGET",
      reasonText: `The required rate ${r} per year is not a non-zero rate above -1 in the desired direction (${direction}).`,
    });
  }
  if (!(endYear > baseYear)) {
    return notAssessable(method, c, {
      reason: "INVALID_TARGET",
      reasonText: `The end year ${endYear} is not after the base year ${baseYear}.`,
    });
  }

  const points = usablePoints(input.series, endYear);
  if (!points.ok) {
    return notAssessable(method, c, points);
  }
  if (points.value.length === 0) {
    return notAssessable(method, c, { reason: "NO_DATA", reasonText: "The series has no values." });
  }
  const win = growthWindow(points.value, baseYear, input.baseYearFallback ?? false, c);
  if (!win.ok) {
    return notAssessable(method, c, win);
  }
  const { base, latest } = win.value;

  // Both are defined: the window guarantees distinct years and a positive base.
  const observed = cagr(base.value, latest.value, base.year, latest.year) as number;
  const targetPath = compound(base.value, r, endYear - base.year);
  const pathAtLatest = compound(base.value, r, latest.year - base.year);
  const projected = compound(latest.value, observed, endYear - latest.year);
  c.observedRate = observed;
  c.ratio = (d * observed) / Math.abs(r);
  c.targetPathValue = targetPath;
  c.requiredPathValueAtLatest = pathAtLatest;
  c.projectedEndValue = projected;
  c.shareOfRequiredProgress = (projected - base.value) / (targetPath - base.value);
  c.requiredRemainingRate =
    latest.year < endYear ? cagr(latest.value, targetPath, latest.year, endYear) : null;
  if (latest.interval !== null) {
    c.interval = latest.interval;
    c.requiredPathInsideInterval =
      latest.interval.lower <= pathAtLatest && pathAtLatest <= latest.interval.upper;
  }

  const achieved =
    direction === "DECREASE" ? atMost(latest.value, targetPath) : atLeast(latest.value, targetPath);
  if (achieved) {
    return assessed("TARGET_ACHIEVED", method, c);
  }
  if (latest.year >= endYear) {
    return assessed("NOT_ACHIEVED", method, c);
  }
  return assessed(classify(c.ratio, thresholds), method, c);
}
