/**
 * Illustrative accident counts and workforce that never contradict an official figure. Pure.
 *
 * The first generator drew each province's series on its own, so a mixed view could show
 * Hải Phòng with 4 illustrative deaths in 2024 next to 23 official fatal accidents, and the
 * provinces' generated deaths summed to more than the national total. Here the provinces share
 * out what the national official totals leave after the official provincial values:
 *  - a province with official values is anchored on them (its other years follow the national
 *    trend from the anchor year; its other indicators use the national ratios to them);
 *  - the other provinces share at most 85 % of the remainder, by a random weight per province;
 *  - per province and year: fatal accidents ≤ accidents, deaths ≥ fatal accidents, whichever of
 *    them is official.
 * Cells with an official value are not generated at all (official wins).
 */
import { mulberry32 } from "./generator.js";

export const ACCIDENTS = "oa-accidents";
export const FATAL = "oa-fatal-accidents";
export const DEATHS = "oa-deaths";
export const EMPLOYED = "employed-population";
export const CALIBRATED_INDICATORS = [ACCIDENTS, FATAL, DEATHS, EMPLOYED] as const;
export const NATIONAL = "vn";

export interface YearValue {
  indicator: string;
  unit: string;
  year: number;
  value: number;
}

export interface CalibrationInput {
  /** Provinces and the whole years each existed. */
  provinces: { code: string; years: number[] }[];
  /** Official values of the calibrated indicators (provinces and the nation `vn`). */
  official: YearValue[];
  seed: number;
}

/** Share of the national remainder the unanchored provinces may use together. */
const HEADROOM = 0.85;

/** National ratios used where the official totals do not give them. */
const FALLBACK = { fatalPerAccident: 0.09, deathsPerFatal: 1.06, employedPerAccident: 6500 };

const key = (indicator: string, unit: string, year: number) => `${indicator}|${unit}|${year}`;

/** The national total of a year, or the nearest year's when that year has none. */
function nationalOf(official: Map<string, number>, indicator: string, year: number): number | null {
  for (let d = 0; d <= 10; d++) {
    for (const y of [year - d, year + d]) {
      const v = official.get(key(indicator, NATIONAL, y));
      if (v !== undefined) return v;
    }
  }
  return null;
}

/** Generated values for every province, indicator and year without an official value. */
export function calibratedCounts(input: CalibrationInput): YearValue[] {
  const official = new Map(input.official.map(o => [key(o.indicator, o.unit, o.year), o.value]));
  const years = [...new Set(input.provinces.flatMap(p => p.years))].sort();
  const random = mulberry32(input.seed);
  const weight = new Map(input.provinces.map(p => [p.code, 0.3 + random() * random() * 4]));
  const noise = () => 0.9 + random() * 0.2;
  const national = (indicator: string, year: number) => nationalOf(official, indicator, year);
  const ratio = (year: number) => {
    const a = national(ACCIDENTS, year);
    const f = national(FATAL, year);
    const d = national(DEATHS, year);
    const e = national(EMPLOYED, year);
    return {
      fatalPerAccident: a && f ? f / a : FALLBACK.fatalPerAccident,
      deathsPerFatal: f && d ? Math.max(1, d / f) : FALLBACK.deathsPerFatal,
      employedPerAccident: a && e ? e / a : FALLBACK.employedPerAccident,
    };
  };

  // Step 1: each province's accidents (the level everything else is scaled from).
  const accidents = new Map<string, number>();
  const anchored = new Set<string>();
  for (const p of input.provinces) {
    const anchor = anchorOf(official, p.code, ratio);
    if (!anchor) continue;
    anchored.add(p.code);
    for (const y of p.years) {
      const trend = (national(ACCIDENTS, y) ?? 1) / (national(ACCIDENTS, anchor.year) ?? 1);
      accidents.set(`${p.code}|${y}`, anchor.accidents * trend * noise());
    }
  }
  for (const y of years) {
    const existing = input.provinces.filter(p => p.years.includes(y));
    const free = existing.filter(p => !anchored.has(p.code));
    const total = national(ACCIDENTS, y);
    const used = existing
      .filter(p => anchored.has(p.code))
      .reduce((sum, p) => sum + (accidents.get(`${p.code}|${y}`) ?? 0), 0);
    const weights = free.reduce((sum, p) => sum + weight.get(p.code)!, 0);
    const pool = Math.max(0, ((total ?? 7000) - used) * HEADROOM);
    // noise() is at most 1.1, so the pool is scaled by 1/1.1 to stay within the headroom.
    for (const p of free) {
      accidents.set(`${p.code}|${y}`, ((pool * weight.get(p.code)!) / weights) * (noise() / 1.1));
    }
  }

  // A province's official workforce anchors its other years (national trend); else accidents.
  const workforce = (unit: string, year: number, w: number): number => {
    const anchorYear = [...official.keys()]
      .map(k => k.split("|"))
      .filter(([i, u]) => i === EMPLOYED && u === unit)
      .map(([, , y]) => Number(y))
      .sort((a, b) => Math.abs(a - year) - Math.abs(b - year))[0];
    if (anchorYear !== undefined) {
      const trend = (national(EMPLOYED, year) ?? 1) / (national(EMPLOYED, anchorYear) ?? 1);
      return official.get(key(EMPLOYED, unit, anchorYear))! * trend * (0.97 + random() * 0.06);
    }
    const level = accidents.get(`${unit}|${year}`)! * ratio(year).employedPerAccident * w;
    return anchored.has(unit) ? level : level / 1.3;
  };

  // Step 2: the other indicators from the accidents, then the official values pin each cell.
  const out: YearValue[] = [];
  for (const p of input.provinces) {
    const workforceWeight = 0.7 + random() * 0.6;
    const own = ownRatios(official, p.code);
    for (const y of p.years) {
      // The province's own ratios where its official figures give them (Hải Phòng 2024: 23 fatal
      // of 191 accidents), so its generated years do not jump to or from its official year.
      const r = { ...ratio(y), ...own };
      const get = (indicator: string) => official.get(key(indicator, p.code, y));
      let a = get(ACCIDENTS) ?? Math.floor(accidents.get(`${p.code}|${y}`)!);
      let f = get(FATAL) ?? Math.floor(a * r.fatalPerAccident * noise());
      let d = get(DEATHS) ?? Math.floor(f * r.deathsPerFatal * noise());
      // Deaths ≥ fatal accidents ≤ accidents, moving only the generated member of each pair.
      if (get(FATAL) === undefined) f = Math.min(f, a, d);
      if (get(DEATHS) === undefined) d = Math.max(d, f);
      if (get(ACCIDENTS) === undefined) a = Math.max(a, f);
      const e = get(EMPLOYED) ?? Math.floor(workforce(p.code, y, workforceWeight));
      const values: [string, number][] = [
        [ACCIDENTS, a],
        [FATAL, f],
        [DEATHS, d],
        [EMPLOYED, e],
      ];
      for (const [indicator, value] of values) {
        if (official.has(key(indicator, p.code, y))) continue;
        out.push({ indicator, unit: p.code, year: y, value: Math.max(0, value) });
      }
    }
  }
  return scaleToNationalTotals(out, official, input.provinces);
}

/** Fatal accidents per accident and deaths per fatal accident from a province's own official year. */
function ownRatios(
  official: Map<string, number>,
  unit: string,
): Partial<{ fatalPerAccident: number; deathsPerFatal: number }> {
  const out: Partial<{ fatalPerAccident: number; deathsPerFatal: number }> = {};
  for (let year = 2030; year >= 2000; year--) {
    const a = official.get(key(ACCIDENTS, unit, year));
    const f = official.get(key(FATAL, unit, year));
    const d = official.get(key(DEATHS, unit, year));
    if (out.fatalPerAccident === undefined && a && f) out.fatalPerAccident = f / a;
    if (out.deathsPerFatal === undefined && f && d) out.deathsPerFatal = Math.max(1, d / f);
  }
  return out;
}

/**
 * The accidents a province's official values imply in their year: its official accidents, or
 * its fatal accidents or deaths divided by the national ratio. Null without any.
 */
function anchorOf(
  official: Map<string, number>,
  unit: string,
  ratio: (year: number) => { fatalPerAccident: number; deathsPerFatal: number },
): { year: number; accidents: number } | null {
  const found: { year: number; accidents: number; rank: number }[] = [];
  for (const [k, value] of official) {
    const [indicator, u, y] = k.split("|");
    if (u !== unit) continue;
    const year = Number(y);
    const r = ratio(year);
    if (indicator === ACCIDENTS) found.push({ year, accidents: value, rank: 0 });
    else if (indicator === FATAL) {
      found.push({ year, accidents: value / r.fatalPerAccident, rank: 1 });
    } else if (indicator === DEATHS) {
      found.push({ year, accidents: value / r.deathsPerFatal / r.fatalPerAccident, rank: 2 });
    }
  }
  if (!found.length) return null;
  // Accidents first (the most direct), then the latest year.
  return found.sort((x, y) => x.rank - y.rank || y.year - x.year)[0];
}

/**
 * Last guard: where a national official total exists, the provinces' official plus generated
 * values of a year stay below it; generated values are scaled down when they would not.
 * (With the headroom above this rarely acts; the test checks every relation after it.)
 */
function scaleToNationalTotals(
  rows: YearValue[],
  official: Map<string, number>,
  provinces: { code: string; years: number[] }[],
): YearValue[] {
  const provinceCodes = new Set(provinces.map(p => p.code));
  for (const indicator of [ACCIDENTS, EMPLOYED, FATAL, DEATHS]) {
    const byYear = new Map<number, YearValue[]>();
    for (const r of rows) {
      if (r.indicator === indicator) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
    }
    for (const [year, generated] of byYear) {
      const total = official.get(key(indicator, NATIONAL, year));
      if (total === undefined) continue;
      let officialSum = 0;
      for (const [k, v] of official) {
        const [i, u, y] = k.split("|");
        if (i === indicator && Number(y) === year && provinceCodes.has(u)) officialSum += v;
      }
      const sum = generated.reduce((s, r) => s + r.value, 0);
      if (officialSum + sum <= total || sum === 0) continue;
      const factor = Math.max(0, total - officialSum) / sum;
      for (const r of generated) r.value = Math.floor(r.value * factor);
    }
  }
  return rows;
}
