import {
  mulberry32,
  yearlySeries,
  type GeneratorOptions,
} from "../server/db/seed/illustrative/generator.js";

/**
 * How big the ILLUSTRATIVE data is at each benchmark scale factor. Scale 100 is the size the
 * issue asks for: every province unit (plus the nation) × 20 indicators × 20 years of yearly
 * values, ~100,000 monitoring sites × 5 years × up to 6 factors, ~1,000,000 check-up rows.
 * Sites and check-ups scale linearly. The observation matrix cannot shrink 100× and still feed a
 * meaningful scorecard, so it shrinks in indicators and years instead (5×6, 10×10, 20×20).
 * Scale 1000 (~1,000,000 sites, ~15 M monitoring results, ~10 M check-ups, the same 20×20 matrix)
 * is ten times the size: run it on purpose (`BENCH_SCALES=1000`), it loads for many
 * minutes and takes several GB of disk, so it is not among the default scales.
 */
export interface ScalePlan {
  scale: number;
  sites: number;
  checkupRows: number;
  indicators: number;
  years: number[];
}

export const SCALES = [1, 10, 100] as const;

/** Every scale the plan knows; the default run takes SCALES only. */
const KNOWN_SCALES: readonly number[] = [...SCALES, 1000];

/** Years of monitoring and check-up data, as in the app's own illustrative dataset. */
export const ESTABLISHMENT_YEARS = [2020, 2021, 2022, 2023, 2024];

const lastYears = (n: number) => Array.from({ length: n }, (_, i) => 2025 - n + 1 + i);

export function planFor(scale: number): ScalePlan {
  if (!KNOWN_SCALES.includes(scale)) {
    throw new Error(`benchmark scale must be one of ${KNOWN_SCALES.join(", ")}, got ${scale}`);
  }
  const matrix =
    scale >= 100
      ? { indicators: 20, years: 20 }
      : scale >= 10
        ? { indicators: 10, years: 10 }
        : { indicators: 5, years: 6 };
  return {
    scale,
    sites: 1000 * scale,
    checkupRows: 10_000 * scale,
    indicators: matrix.indicators,
    years: lastYears(matrix.years),
  };
}

/**
 * Options for the app's generators that give the planned row counts. `monitoringSites` makes
 * round(40 × scale) sites per unit; `healthCheckups` makes round(60 × scale) establishments per
 * unit, each with ~1.5 rows a year (periodic always, OD screening half the time).
 * Unit validity is ignored on purpose: every unit gets every year, the worst case for the queries.
 */
export function generatorOptions(
  plan: ScalePlan,
  unitCodes: string[],
): { sites: GeneratorOptions; checkups: GeneratorOptions } {
  const units = unitCodes.map(code => ({ code, years: ESTABLISHMENT_YEARS }));
  const sitesPerUnit = plan.sites / units.length;
  const establishmentsPerUnit =
    plan.checkupRows / (1.5 * ESTABLISHMENT_YEARS.length) / units.length;
  return {
    sites: { seed: 20250701, scale: sitesPerUnit / 40, units },
    checkups: { seed: 20250702, scale: establishmentsPerUnit / 60, units },
  };
}

/**
 * The indicators of the yearly matrix, first the ones the NQ 19 scorecard and the compare query
 * read (numerators and denominators of its rates), so even scale 1 feeds them. Ranges are
 * plausible per-province levels; percentages stay within 0-100.
 */
const MATRIX: {
  indicator: string;
  start: [number, number];
  drift: number;
  kind: "count" | "percent";
}[] = [
  { indicator: "oa-deaths", start: [3, 32], drift: -0.03, kind: "count" },
  { indicator: "employed-population", start: [300_000, 1_500_000], drift: 0.01, kind: "count" },
  { indicator: "od-workers-examined", start: [1_000, 20_000], drift: 0.05, kind: "count" },
  { indicator: "wem-establishments-monitored", start: [50, 800], drift: 0.04, kind: "count" },
  { indicator: "tr-managers-district-zone", start: [55, 85], drift: 0.03, kind: "percent" },
  { indicator: "tr-strict-job-workers", start: [50, 80], drift: 0.03, kind: "percent" },
  { indicator: "tr-osh-officers", start: [50, 80], drift: 0.03, kind: "percent" },
  { indicator: "tr-grassroots-health-workers", start: [40, 75], drift: 0.03, kind: "percent" },
  { indicator: "info-craft-villages-coops", start: [40, 80], drift: 0.03, kind: "percent" },
  { indicator: "comp-victims-compensated", start: [60, 90], drift: 0.02, kind: "percent" },
  { indicator: "oa-fatal-investigated", start: [85, 100], drift: 0.01, kind: "percent" },
  { indicator: "oa-accidents", start: [40, 400], drift: 0.02, kind: "count" },
  { indicator: "oa-fatal-accidents", start: [3, 30], drift: -0.03, kind: "count" },
  { indicator: "oa-victims", start: [40, 420], drift: 0.02, kind: "count" },
  { indicator: "oa-seriously-injured", start: [10, 100], drift: 0.0, kind: "count" },
  { indicator: "od-cases", start: [5, 100], drift: 0.04, kind: "count" },
  { indicator: "wem-samples", start: [2_000, 40_000], drift: 0.05, kind: "count" },
  { indicator: "wem-samples-not-meeting", start: [50, 2_000], drift: -0.02, kind: "count" },
  { indicator: "oh-establishments-managed", start: [200, 5_000], drift: 0.03, kind: "count" },
  { indicator: "osh-enterprises-violations", start: [10, 300], drift: -0.01, kind: "count" },
];

export interface MatrixRow {
  indicator: string;
  unit: string;
  year: number;
  value: number;
}

/** The yearly observation matrix: plan.indicators × units × plan.years, deterministic. */
export function* observationMatrix(plan: ScalePlan, unitCodes: string[]): Generator<MatrixRow> {
  for (const series of MATRIX.slice(0, plan.indicators)) {
    for (const unit of unitCodes) {
      const random = mulberry32(hashCode(`${series.indicator}|${unit}`));
      const start = series.start[0] + random() * (series.start[1] - series.start[0]);
      for (const point of yearlySeries(random, plan.years, start, series.drift, series.kind)) {
        yield { indicator: series.indicator, unit, ...point };
      }
    }
  }
}

function hashCode(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
