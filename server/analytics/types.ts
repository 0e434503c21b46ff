/**
 * Plain data types shared by the analytics module. Nothing here knows about the database or
 * GraphQL: the service layer maps rows onto these shapes and maps the results back.
 */

/** Desired direction of an indicator: a fatal accident frequency should DECREASE. */
export type Direction = "INCREASE" | "DECREASE";

/** One value of a series. `value` is null when nothing is known (never 0 for "no data"). */
export interface Point {
  year: number;
  value: number | null;
}

/** A confidence interval in the same unit as the value it belongs to. `level` is e.g. 0.95. */
export interface Interval {
  lower: number;
  upper: number;
  level: number;
}

/**
 * A point that may carry a confidence interval, e.g. a rate produced by `rateSeries`. The
 * progress functions report the interval of the latest point when it is present.
 */
export interface SeriesPoint extends Point {
  interval?: Interval | null;
}

/** A count (numerator) and its denominator for one year, e.g. deaths and workers covered. */
export interface CountPoint {
  year: number;
  count: number | null;
  denominator: number | null;
}

export type ProgressStatus =
  | "TARGET_ACHIEVED"
  | "ON_TRACK"
  | "ACCELERATION_NEEDED"
  | "LIMITED_PROGRESS"
  | "DETERIORATION"
  | "NOT_ACHIEVED"
  | "NOT_ASSESSABLE";

/** MILESTONE is a level target with a comparator and is assessed exactly like LEVEL. */
export type TargetKind = "ANNUAL_RATE" | "LEVEL" | "ALL" | "MILESTONE";

export type Comparator = "GT" | "GTE" | "EQ" | "LTE" | "LT";

/** TREND is Open SDG method 1, used when a target has no numeric value. */
export type ProgressMethod = "ANNUAL_RATE" | "LEVEL" | "ALL" | "TREND";

/**
 * Machine codes for NOT_ASSESSABLE. The service passes them through unchanged so the UI can
 * translate them; `reasonText` carries an English explanation with the actual numbers.
 */
export type NotAssessableReason =
  | "NO_DATA"
  | "INSUFFICIENT_DATA"
  | "BASE_YEAR_MISSING"
  | "ZERO_BASE"
  | "SIGN_CHANGE"
  | "DUPLICATE_YEAR"
  | "INVALID_TARGET"
  | "NO_DIRECTION"
  | "TARGET_EQUALS_BASE";

/**
 * Cut-offs applied to the progress value, highest first. For targets the value is a ratio
 * (1 = exactly the required pace); for trends it is a directed growth rate per year (fraction).
 */
export interface Thresholds {
  onTrack: number;
  acceleration: number;
  limited: number;
}

/** A value actually used in a calculation. */
export interface UsedPoint {
  year: number;
  value: number;
}

/**
 * Every number a progress status rests on, so a reader can redo the arithmetic. Rates are
 * fractions per year (-0.026 = -2.6 %/year); values are in the indicator's own unit. A field
 * is null when it does not apply to the method or could not be computed.
 */
export interface ProgressComponents {
  direction: Direction | null;
  /** Base year actually used; equals `baseYearUsed`. */
  baseYear: number | null;
  /** Base year stated by the target, before any fallback. */
  baseYearDeclared: number | null;
  /** Base year used: the declared one, or the next year with data when fallback is allowed. */
  baseYearUsed: number | null;
  baseValue: number | null;
  latestYear: number | null;
  latestValue: number | null;
  endYear: number | null;
  /** Observed compound annual growth rate from base to latest year (fraction per year). */
  observedRate: number | null;
  /** Required annual rate (fraction per year, signed: -0.04 = fall 4 %/year). */
  requiredRate: number | null;
  /** Trend method only: d × observedRate, i.e. growth in the desired direction. */
  directedRate: number | null;
  /** ANNUAL_RATE: s·d·observedRate / |requiredRate|. */
  ratio: number | null;
  thresholds: Thresholds | null;
  /** Rate per year still needed from the latest value to reach `targetPathValue` on time. */
  requiredRemainingRate: number | null;
  /** ANNUAL_RATE: baseValue × (1 + requiredRate)^(endYear − baseYear). */
  targetPathValue: number | null;
  /** ANNUAL_RATE: value of the required path in the latest year (compared with `interval`). */
  requiredPathValueAtLatest: number | null;
  /** latestValue × (1 + observedRate)^(endYear − latestYear): where the current pace leads. */
  projectedEndValue: number | null;
  /** (projectedEndValue − baseValue) / (target − baseValue): share of the required change. */
  shareOfRequiredProgress: number | null;
  /** LEVEL/ALL: the target level in the indicator's unit. */
  targetValue: number | null;
  comparator: Comparator | null;
  /** LEVEL/ALL: how far the latest value is from meeting the target (0 when met). */
  shortfall: number | null;
  /** Trend method: the natural limit (e.g. 100 for a percentage) and its factor C. */
  naturalLimit: number | null;
  limitFactor: number | null;
  pointsUsed: UsedPoint[];
  /** Interval of the latest value when the series carries one (small-count rates). */
  interval: Interval | null;
  /** True when `requiredPathValueAtLatest` lies inside `interval`: the gap is within noise. */
  requiredPathInsideInterval: boolean | null;
}

/** Result of every progress function. `reason`/`reasonText` are set only for NOT_ASSESSABLE. */
export interface ProgressResult {
  status: ProgressStatus;
  method: ProgressMethod;
  reason: NotAssessableReason | null;
  reasonText: string | null;
  components: ProgressComponents;
}
