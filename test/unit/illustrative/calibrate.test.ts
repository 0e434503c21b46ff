import { describe, expect, it } from "vitest";
import {
  calibratedCounts,
  type YearValue,
} from "../../../server/db/seed/illustrative/calibrate.js";

const years = [2022, 2023, 2024];
const provinces = ["a", "b", "c", "d"].map(code => ({ code, years }));
const official: YearValue[] = [
  ...years.flatMap(year => [
    { indicator: "oa-accidents", unit: "vn", year, value: 800 },
    { indicator: "oa-fatal-accidents", unit: "vn", year, value: 70 },
    { indicator: "oa-deaths", unit: "vn", year, value: 75 },
    { indicator: "employed-population", unit: "vn", year, value: 5_000_000 },
  ]),
  { indicator: "oa-fatal-accidents", unit: "a", year: 2024, value: 23 },
  { indicator: "oa-accidents", unit: "a", year: 2024, value: 191 },
  { indicator: "oa-deaths", unit: "b", year: 2024, value: 10 },
];

describe("calibratedCounts", () => {
  const rows = calibratedCounts({ provinces, official, seed: 1 });
  const all = [...official, ...rows];
  const get = (indicator: string, unit: string, year: number) =>
    all.find(r => r.indicator === indicator && r.unit === unit && r.year === year)?.value;

  it("never generates a value where an official one exists, and is deterministic", () => {
    for (const o of official) {
      expect(
        rows.some(r => r.indicator === o.indicator && r.unit === o.unit && r.year === o.year),
      ).toBe(false);
    }
    expect(calibratedCounts({ provinces, official, seed: 1 })).toEqual(rows);
  });

  it("keeps deaths ≥ fatal accidents ≤ accidents in every province and year", () => {
    for (const p of provinces) {
      for (const year of years) {
        const f = get("oa-fatal-accidents", p.code, year)!;
        expect(get("oa-deaths", p.code, year)!).toBeGreaterThanOrEqual(f);
        expect(get("oa-accidents", p.code, year)!).toBeGreaterThanOrEqual(f);
      }
    }
    expect(get("oa-deaths", "a", 2024)).toBeGreaterThanOrEqual(23);
    expect(get("oa-fatal-accidents", "b", 2024)).toBeLessThanOrEqual(10);
  });

  it("keeps provincial sums within the national totals and anchors on official values", () => {
    for (const indicator of [
      "oa-accidents",
      "oa-fatal-accidents",
      "oa-deaths",
      "employed-population",
    ]) {
      for (const year of years) {
        const sum = provinces.reduce((s, p) => s + (get(indicator, p.code, year) ?? 0), 0);
        expect(sum, `${indicator} ${year}`).toBeLessThanOrEqual(get(indicator, "vn", year)!);
      }
    }
    const a2023 = get("oa-accidents", "a", 2023)!;
    expect(a2023).toBeGreaterThan(191 * 0.8);
    expect(a2023).toBeLessThan(191 * 1.2);
  });
});
