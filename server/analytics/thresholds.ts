import { atLeast } from "./growth.js";
import type { ProgressStatus, Thresholds } from "./types.js";

/**
 * Cut-offs for a ratio of observed to required progress (ANNUAL_RATE ratio R, LEVEL share P):
 * R ≥ 0.95 on track; 0.60 ≤ R < 0.95 acceleration needed; 0 ≤ R < 0.60 limited; R < 0
 * deterioration. Open SDG's `{ high: 0.95, med: 0.6, low: 0 }`.
 */
export const DEFAULT_THRESHOLDS_TARGET: Readonly<Thresholds> = Object.freeze({
  onTrack: 0.95,
  acceleration: 0.6,
  limited: 0,
});

/**
 * Cut-offs for a directed growth rate (fraction per year) when there is no numeric target:
 * 1.5 %/year on track, 0.5 %/year acceleration needed, 0 limited. Open SDG method 1.
 * They are multiplied by the natural-limit factor C (see {@link naturalLimitFactor}).
 */
export const DEFAULT_THRESHOLDS_NO_TARGET: Readonly<Thresholds> = Object.freeze({
  onTrack: 0.015,
  acceleration: 0.005,
  limited: 0,
});

/** Exponent of Open SDG's natural-limit reduction curve. */
const LIMIT_EXPONENT = 4.44;

/**
 * Open SDG's natural-limit factor C, which shrinks the trend thresholds as a value approaches a
 * limit it cannot pass (e.g. 100 for a percentage). Uses |base| and |limit|:
 * - C = 1 if base ≥ 2·limit (checked first, so base = limit = 0 gives 1, as in sdg-build);
 * - C = 1 − (base/limit)^4.44 if base ≤ limit;
 * - C = 1 − ((2·limit − base)/limit)^4.44 otherwise.
 * C = 1 (no scaling) when no limit is given.
 */
export function naturalLimitFactor(baseValue: number, limit: number | null | undefined): number {
  if (limit === null || limit === undefined) {
    return 1;
  }
  const base = Math.abs(baseValue);
  const lim = Math.abs(limit);
  if (base >= 2 * lim) {
    return 1;
  }
  if (base <= lim) {
    return 1 - (base / lim) ** LIMIT_EXPONENT;
  }
  return 1 - ((2 * lim - base) / lim) ** LIMIT_EXPONENT;
}

/** Multiplies every cut-off by `factor` (the natural-limit factor C). */
export function scaleThresholds(thresholds: Thresholds, factor: number): Thresholds {
  return {
    onTrack: thresholds.onTrack * factor,
    acceleration: thresholds.acceleration * factor,
    // 0 × C is 0, but keep the multiplication so custom non-zero floors scale too.
    limited: thresholds.limited * factor,
  };
}

/** Fills in any cut-off the caller left out with the given defaults. */
export function withDefaults(
  defaults: Readonly<Thresholds>,
  overrides: Partial<Thresholds> | undefined,
): Thresholds {
  // Without overrides (every API call) the fields are copied one by one: spreading the frozen
  // defaults takes V8's slow path.
  if (overrides === undefined) {
    return {
      onTrack: defaults.onTrack,
      acceleration: defaults.acceleration,
      limited: defaults.limited,
    };
  }
  return { ...defaults, ...overrides };
}

/**
 * Maps a progress value to a status: ≥ onTrack → ON_TRACK; ≥ acceleration →
 * ACCELERATION_NEEDED; ≥ limited → LIMITED_PROGRESS; otherwise DETERIORATION.
 * Comparisons tolerate floating-point noise so exact boundary cases land on the upper band.
 */
export function classify(value: number, thresholds: Thresholds): ProgressStatus {
  if (atLeast(value, thresholds.onTrack)) {
    return "ON_TRACK";
  }
  if (atLeast(value, thresholds.acceleration)) {
    return "ACCELERATION_NEEDED";
  }
  if (atLeast(value, thresholds.limited)) {
    return "LIMITED_PROGRESS";
  }
  return "DETERIORATION";
}
