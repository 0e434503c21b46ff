import { cagr, compound } from "./growth.js";
import {
  assessed,
  directionSign,
  emptyComponents,
  growthWindow,
  notAssessable,
  usablePoints,
} from "./prepare.js";
import {
  DEFAULT_THRESHOLDS_NO_TARGET,
  classify,
  naturalLimitFactor,
  scaleThresholds,
  withDefaults,
} from "./thresholds.js";
import type { Direction, ProgressResult, SeriesPoint, Thresholds } from "./types.js";

/** A series with a desired direction but no numeric target. */
export interface TrendInput {
  series: readonly SeriesPoint[];
  direction: Direction;
  /** The first year with a value when null. */
  baseYear?: number | null;
  baseYearFallback?: boolean;
  /** A value the indicator cannot pass in the desired direction, e.g. 100 for a percentage. */
  naturalLimit?: number | null;
  /** Values after this year are ignored; also the horizon of `projectedEndValue`. */
  endYear?: number | null;
  /** Unscaled cut-offs in fraction per year; default 0.015 / 0.005 / 0. */
  thresholds?: Partial<Thresholds>;
}

/**
 * Judges a series without a numeric target (Open SDG method 1).
 *
 * `v = directedRate = d × CAGR`, with `CAGR = (yi / y0)^(1/(ti − t0)) − 1` and d = +1 for
 * INCREASE, −1 for DECREASE. The cut-offs 1.5 %, 0.5 % and 0 per year are multiplied by the
 * natural-limit factor C (1 without a limit): v ≥ 0.015·C ON_TRACK, ≥ 0.005·C
 * ACCELERATION_NEEDED, ≥ 0 LIMITED_PROGRESS, else DETERIORATION. When C = 0 (the base already
 * sits on the limit) every v ≥ 0 is ON_TRACK, as in sdg-build. There is no TARGET_ACHIEVED.
 */
export function assessTrend(input: TrendInput): ProgressResult {
  const method = "TREND";
  const endYear = input.endYear ?? null;
  const c = emptyComponents();
  c.direction = input.direction;
  c.baseYearDeclared = input.baseYear ?? null;
  c.endYear = endYear;
  c.naturalLimit = input.naturalLimit ?? null;

  const points = usablePoints(input.series, endYear);
  if (!points.ok) {
    return notAssessable(method, c, points);
  }
  if (points.value.length === 0) {
    return notAssessable(method, c, { reason: "NO_DATA", reasonText: "The series has no values." });
  }
  const fallback = input.baseYearFallback ?? false;
  const win = growthWindow(points.value, input.baseYear ?? null, fallback, c);
  if (!win.ok) {
    return notAssessable(method, c, win);
  }
  const { base, latest } = win.value;

  const observed = cagr(base.value, latest.value, base.year, latest.year) as number;
  const v = directionSign(input.direction) * observed;
  const factor = naturalLimitFactor(base.value, input.naturalLimit);
  const thresholds = scaleThresholds(
    withDefaults(DEFAULT_THRESHOLDS_NO_TARGET, input.thresholds),
    factor,
  );
  c.observedRate = observed;
  c.directedRate = v;
  c.limitFactor = factor;
  c.thresholds = thresholds;
  c.interval = latest.interval;
  if (endYear !== null && endYear > latest.year) {
    c.projectedEndValue = compound(latest.value, observed, endYear - latest.year);
  }
  return assessed(classify(v, thresholds), method, c);
}
