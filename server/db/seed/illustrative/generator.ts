/**
 * Deterministic generator of ILLUSTRATIVE data: monitoring sites and results, health check-ups,
 * and yearly indicator values for demos and scale tests. Nothing here is real; every row it makes
 * is stored in the ILLUSTRATIVE dataset and labelled so wherever it is shown.
 * The same seed and scale always give the same rows (mulberry32 PRNG).
 */
export const FACTORS = [
  "microclimate",
  "dust",
  "noise",
  "light",
  "toxic_gas",
  "vibration",
] as const;
export const SECTORS = [
  "textiles",
  "footwear",
  "electronics",
  "mechanical",
  "construction_materials",
  "chemicals",
  "shipbuilding",
  "food_processing",
] as const;
export const DISEASES = [
  "noise_deafness",
  "silicosis",
  "coal_pneumoconiosis",
  "other_pneumoconiosis",
  "lead_poisoning",
  "occupational_dermatitis",
] as const;

export interface GeneratorOptions {
  seed?: number;
  /** 1: the two programme provinces; larger scales spread over `units` with more sites each. */
  scale?: number;
  /** Units to generate sites and check-ups for, with the years each existed. */
  units: { code: string; years: number[] }[];
}

export interface SiteRow {
  code: string;
  name: string;
  unit: string;
  industrialZone: string | null;
  sector: string;
  factors: string[];
}
export interface ResultRow {
  site: string;
  year: number;
  factor: string;
  samples: number;
  samplesOverLimit: number;
}
export interface CheckupRow {
  establishment: string;
  unit: string;
  sector: string;
  year: number;
  kind: "PERIODIC" | "OD_SCREENING";
  workersExamined: number;
  cases: { disease: string; cases: number }[];
  casesTotal: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];
const int = (random: () => number, lo: number, hi: number) =>
  lo + Math.floor(random() * (hi - lo + 1));

/** Sites per unit at a scale: 40 at scale 1. */
export const sitesPerUnit = (scale: number) => Math.max(1, Math.round(40 * scale));

/** Monitoring sites, then their yearly results; a generator so scale tests can stream them. */
export function* monitoringSites(options: GeneratorOptions): Generator<SiteRow> {
  const random = mulberry32(options.seed ?? 20250701);
  for (const unit of options.units) {
    for (let i = 1; i <= sitesPerUnit(options.scale ?? 1); i++) {
      const sector = pick(random, SECTORS);
      const factors = FACTORS.filter(() => random() < 0.6);
      yield {
        code: `ill-${unit.code}-s${i}`,
        name: `Cơ sở minh họa ${i} (${unit.code})`,
        unit: unit.code,
        industrialZone: random() < 0.7 ? `KCN minh họa ${int(random, 1, 8)}` : null,
        sector,
        factors: factors.length ? factors : ["microclimate"],
      };
    }
  }
}

export function* monitoringResults(options: GeneratorOptions): Generator<ResultRow> {
  const random = mulberry32((options.seed ?? 20250701) + 1);
  const years = new Map(options.units.map(u => [u.code, u.years]));
  for (const site of monitoringSites(options)) {
    const riskBase = 0.02 + random() * 0.08;
    for (const year of years.get(site.unit) ?? []) {
      // Sites join the programme over time, so the count of monitored sites grows.
      if (random() < 0.15) continue;
      for (const factor of site.factors) {
        const samples = int(random, 5, 60);
        const share = Math.max(0, riskBase - (year - 2019) * 0.004 + (random() - 0.5) * 0.04);
        yield {
          site: site.code,
          year,
          factor,
          samples,
          samplesOverLimit: Math.min(samples, Math.round(samples * share)),
        };
      }
    }
  }
}

export function* healthCheckups(options: GeneratorOptions): Generator<CheckupRow> {
  const random = mulberry32((options.seed ?? 20250701) + 2);
  const perUnit = Math.max(1, Math.round(60 * (options.scale ?? 1)));
  for (const unit of options.units) {
    for (let i = 1; i <= perUnit; i++) {
      const sector = pick(random, SECTORS);
      const size = int(random, 50, 2000);
      for (const year of unit.years) {
        for (const kind of ["PERIODIC", "OD_SCREENING"] as const) {
          if (kind === "OD_SCREENING" && random() < 0.5) continue;
          const workersExamined = Math.round(
            size * (0.6 + random() * 0.4) * (1 + (year - 2019) * 0.05),
          );
          const cases =
            kind === "OD_SCREENING"
              ? DISEASES.filter(() => random() < 0.25).map(disease => ({
                  disease,
                  cases: int(random, 0, Math.max(1, Math.round(workersExamined * 0.004))),
                }))
              : [];
          const casesTotal = cases.reduce((sum, c) => sum + c.cases, 0);
          yield {
            establishment: `ill-${unit.code}-e${i}`,
            unit: unit.code,
            sector,
            year,
            kind,
            workersExamined,
            cases,
            casesTotal,
          };
        }
      }
    }
  }
}

/**
 * A yearly series for an indicator that has no official data: a level drifting by a yearly rate
 * with noise. Counts are whole numbers; percentages stay within 0-100.
 */
export function yearlySeries(
  random: () => number,
  years: number[],
  start: number,
  drift: number,
  kind: "count" | "percent",
): { year: number; value: number }[] {
  let level = start;
  return years.map(year => {
    level = level * (1 + drift + (random() - 0.5) * 0.1);
    const value =
      kind === "percent"
        ? Math.min(100, Math.max(0, Math.round(level * 10) / 10))
        : Math.max(0, Math.round(level));
    return { year, value };
  });
}
