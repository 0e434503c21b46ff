import { describe, expect, it } from "vitest";
import {
  componentsByYear,
  harmoniseCounts,
  rememberedInterval,
  type CountPoint,
  type LineageLink,
} from "../../../server/analytics/index.js";
import { harmonisedPoints } from "../../../server/analytics-api/harmonised-points.js";
import type { YearValues } from "../../../server/analytics-api/series-values.js";

/**
 * The harmonised series built straight from the components' chosen values gives the points the
 * general path gave: harmoniseCounts over per-unit count points, then the API's mapping (data
 * set of the values used, rates, intervals, gaps, not-additive percentages). Checked on a hand
 * example and on generated components with missing years and mixed data sets.
 */
const values = (rows: [number, number, boolean][]): YearValues => ({
  years: rows.map(r => r[0]),
  values: rows.map(r => r[1]),
  official: rows.map(r => r[2]),
});

// Hải Dương into Hải Phòng from 2025, and an older chain: c into b (2015), b into a (2020).
const LINEAGE: LineageLink[] = [
  { predecessor: "hai-duong", successor: "hai-phong", effectiveYear: 2025 },
  { predecessor: "b", successor: "a", effectiveYear: 2020 },
  { predecessor: "c", successor: "b", effectiveYear: 2015 },
];
const COMPONENTS: Record<string, string[]> = {
  "hai-phong": ["hai-phong", "hai-duong"],
  a: ["a", "b", "c"],
};

interface Case {
  unit: string;
  nums: Record<string, YearValues>;
  dens?: Record<string, YearValues>;
  per: number;
  additive: boolean;
  newUnits: Set<string>;
}

function fast(c: Case) {
  const span = componentsByYear(LINEAGE, c.unit, c.newUnits);
  if ("split" in span) throw new Error(span.split);
  return harmonisedPoints({
    unit: c.unit,
    units: COMPONENTS[c.unit],
    componentsIn: span.componentsIn,
    nums: u => c.nums[u],
    dens: c.dens ? u => c.dens![u] : undefined,
    per: c.per,
    additive: c.additive,
  });
}

/** The general path, as series.service.ts had it before harmonisedPoints. */
function reference(c: Case) {
  const rate = c.dens !== undefined;
  const counts: Record<string, CountPoint[]> = {};
  const datasetOf = new Map<string, Map<number, string>>();
  for (const code of COMPONENTS[c.unit]) {
    const nums = cells(c.nums[code]);
    const dens = cells(c.dens?.[code]);
    const byYear = new Map<number, string>();
    datasetOf.set(code, byYear);
    const years = [...new Set([...nums.keys(), ...dens.keys()])].sort((x, y) => x - y);
    counts[code] = years.map(year => {
      for (const o of [nums.get(year), dens.get(year)]) {
        if (o && !o.official) byYear.set(year, "ILLUSTRATIVE");
        else if (o && !byYear.has(year)) byYear.set(year, "OFFICIAL");
      }
      const count = nums.get(year)?.value ?? null;
      return { year, count, denominator: rate ? (dens.get(year)?.value ?? null) : 1 };
    });
  }
  const series = harmoniseCounts(counts, LINEAGE, c.unit, {
    per: c.per,
    newUnits: [...c.newUnits],
  });
  return series.points.map(p => {
    const notAdditive = !c.additive && p.components.some(u => u !== c.unit);
    const dataset = p.components.some(u => datasetOf.get(u)?.get(p.year) === "ILLUSTRATIVE")
      ? "ILLUSTRATIVE"
      : p.components.some(u => datasetOf.get(u)?.has(p.year))
        ? "OFFICIAL"
        : null;
    const value = notAdditive ? null : rate ? p.value : p.count;
    const interval = rememberedInterval(p.count ?? 0);
    const missingFrom =
      !rate || !p.missingDenominatorFrom.length
        ? p.missingFrom
        : !p.missingFrom.length
          ? p.missingDenominatorFrom
          : [...new Set([...p.missingFrom, ...p.missingDenominatorFrom])];
    return {
      year: p.year,
      value,
      count: rate ? p.count : null,
      denominator: rate ? p.denominator : null,
      interval:
        rate && p.count !== null && p.denominator && interval
          ? {
              lower: interval.lower * (c.per / p.denominator),
              upper: interval.upper * (c.per / p.denominator),
              level: interval.level,
            }
          : null,
      dataset,
      illustrative: dataset === "ILLUSTRATIVE",
      components: p.components,
      missingFrom,
      gap: notAdditive
        ? "NOT_ADDITIVE"
        : value !== null
          ? null
          : p.missingFrom.length
            ? "COUNT_MISSING"
            : rate && p.missingDenominatorFrom.length
              ? "DENOMINATOR_MISSING"
              : "NOT_COMPUTABLE",
    };
  });
}

function cells(v: YearValues | undefined) {
  const out = new Map<number, { value: number; official: boolean }>();
  v?.years.forEach((year, i) => out.set(year, { value: v.values[i], official: v.official[i] }));
  return out;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(next: () => number, scale: number): YearValues {
  const rows: [number, number, boolean][] = [];
  for (let year = 2010; year <= 2026; year++) {
    if (next() < 0.25) continue; // a missing year
    rows.push([year, Math.round(next() * scale * 10) / 10, next() < 0.6]);
  }
  return values(rows);
}

describe("harmonisedPoints", () => {
  it("sums a merged province's counts before the merger and names a missing component", () => {
    const points = fast({
      unit: "hai-phong",
      nums: {
        "hai-phong": values([
          [2023, 20, true],
          [2024, 22, true],
          [2025, 35, true],
        ]),
        "hai-duong": values([[2023, 12, false]]),
      },
      per: 1,
      additive: true,
      newUnits: new Set(),
    });
    expect(points.map(p => [p.year, p.value, p.dataset, p.gap, p.missingFrom])).toEqual([
      [2023, 32, "ILLUSTRATIVE", null, []],
      [2024, null, "OFFICIAL", "COUNT_MISSING", ["hai-duong"]],
      [2025, 35, "OFFICIAL", null, []],
    ]);
    expect(points[0].components).toEqual(["hai-phong", "hai-duong"]);
    expect(points[2].components).toEqual(["hai-phong"]);
  });

  it("gives the general path's points on generated components", () => {
    const next = random(20261201);
    for (let round = 0; round < 200; round++) {
      const unit = next() < 0.5 ? "hai-phong" : "a";
      const rate = next() < 0.5;
      const nums: Record<string, YearValues> = {};
      const dens: Record<string, YearValues> = {};
      for (const code of COMPONENTS[unit]) {
        if (next() < 0.9) nums[code] = generated(next, 50);
        if (rate && next() < 0.9) dens[code] = generated(next, 500_000);
      }
      const c: Case = {
        unit,
        nums,
        dens: rate ? dens : undefined,
        per: rate ? 100_000 : 1,
        additive: rate || next() < 0.7,
        newUnits: new Set(next() < 0.3 ? [unit] : []),
      };
      expect(fast(c), `round ${round}`).toEqual(reference(c));
    }
  });
});
