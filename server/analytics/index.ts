/**
 * Progress and analytics for OSH Observatory: pure functions, plain data in and out, no I/O.
 * Formulas follow Open SDG's progress measure and the UN SDG progress chart; see
 * shared/research/progress-methodology.md. Rates are fractions per year throughout
 * (-0.04 = fall 4 %/year); values are in the indicator's own unit.
 */
export type {
  Comparator,
  CountPoint,
  Direction,
  Interval,
  NotAssessableReason,
  Point,
  ProgressComponents,
  ProgressMethod,
  ProgressResult,
  ProgressStatus,
  SeriesPoint,
  TargetKind,
  Thresholds,
  UsedPoint,
} from "./types.js";
export { assessTarget, type AssessTargetInput } from "./progress.js";
export { assessAnnualRate, type AnnualRateInput } from "./annual-rate.js";
export { assessAll, assessLevel, meetsTarget, type AllInput, type LevelInput } from "./level.js";
export { assessTrend, type TrendInput } from "./trend.js";
export { cagr, compound } from "./growth.js";
export {
  DEFAULT_THRESHOLDS_NO_TARGET,
  DEFAULT_THRESHOLDS_TARGET,
  classify,
  naturalLimitFactor,
} from "./thresholds.js";
export {
  chiSquareQuantile,
  poissonInterval,
  regularizedGammaP,
  rememberedInterval,
} from "./poisson.js";
export {
  ratePer,
  rateSeries,
  type RateGap,
  type RatePoint,
  type RateSeriesOptions,
} from "./rates.js";
export { fillYears, requiredTrajectory } from "./series.js";
export {
  asReportedCounts,
  componentsByYear,
  harmoniseCounts,
  type HarmonisedPoint,
  type HarmonisedSeries,
  type HarmoniseOptions,
  type LineageLink,
  type SeriesBasis,
} from "./harmonise.js";
export { rankUnits, yearOverYear, type RankedUnit, type YearOverYear } from "./compare.js";
export {
  describeProgress,
  formatNumber,
  NOT_ASSESSABLE_REASON,
  reasonWords,
  type DescribeNames,
  type Lang,
} from "./describe.js";
export {
  missingForTarget,
  reportedIndicators,
  reportingUnitsFor,
  valuesNeededFor,
  type MissingValue,
  type NeededValue,
  type ReportingUnit,
  type RequirementTarget,
} from "./requirements.js";
export { officialWins, type DatasetValue } from "./official-wins.js";
