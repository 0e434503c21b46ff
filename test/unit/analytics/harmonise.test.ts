import { describe, expect, it } from "vitest";
import {
  asReportedCounts,
  harmoniseCounts,
  type CountPoint,
  type LineageLink,
} from "../../../server/analytics/index.js";

// Old Hải Dương (HD) merged into Hải Phòng (HP); data from 2025 are on the new boundaries.
const lineage: LineageLink[] = [{ predecessor: "HD", successor: "HP", effectiveYear: 2025 }];
const series: Record<string, CountPoint[]> = {
  HP: [
    { year: 2023, count: 20, denominator: 1_000_000 },
    { year: 2024, count: 25, denominator: 1_050_000 },
    { year: 2025, count: 40, denominator: 2_000_000 },
  ],
  HD: [
    { year: 2022, count: 10, denominator: 780_000 },
    { year: 2023, count: 15, denominator: 800_000 },
    { year: 2024, count: null, denominator: 820_000 },
    // A predecessor row on or after the effective year is not part of the harmonised series.
    { year: 2025, count: 99, denominator: 1 },
  ],
  QN: [{ year: 2021, count: 5, denominator: 500_000 }],
};

describe("harmoniseCounts", () => {
  const result = harmoniseCounts(series, lineage, "HP");

  it("carries the basis and only the years the components report", () => {
    expect(result).toMatchObject({ unit: "HP", basis: "HARMONISED", per: 100_000, reason: null });
    // 2021 is only QN's, which is not part of HP
    expect(result.points.map(p => p.year)).toEqual([2022, 2023, 2024, 2025]);
  });

  it.each([
    // 2022: HP has no row → count and denominator unknown, never HD's 10 alone
    [
      0,
      {
        year: 2022,
        count: null,
        denominator: null,
        value: null,
        components: ["HP", "HD"],
        missingFrom: ["HP"],
        missingDenominatorFrom: ["HP"],
      },
    ],
    // 2023: 20 + 15 = 35 deaths; 1,000,000 + 800,000 = 1,800,000 workers; 35/1.8M × 1e5 = 1.9444
    // (averaging the two rates, (2.0 + 1.875)/2 = 1.9375, would be wrong)
    [
      1,
      {
        year: 2023,
        count: 35,
        denominator: 1_800_000,
        components: ["HP", "HD"],
        missingFrom: [],
        missingDenominatorFrom: [],
      },
    ],
    // 2024: HD count missing → count null; denominators 1,050,000 + 820,000 = 1,870,000
    [
      2,
      {
        year: 2024,
        count: null,
        denominator: 1_870_000,
        value: null,
        missingFrom: ["HD"],
        missingDenominatorFrom: [],
      },
    ],
    // 2025: new boundaries, HP as reported: 40 / 2,000,000 × 1e5 = 2.0
    [
      3,
      {
        year: 2025,
        count: 40,
        denominator: 2_000_000,
        value: 2,
        components: ["HP"],
        missingFrom: [],
      },
    ],
  ])("point %i", (i, expected) => {
    expect(result.points[i]).toMatchObject(expected);
  });

  it("recomputes the rate from summed counts", () => {
    expect(result.points[1]?.value).toBeCloseTo(1.944444, 6);
  });

  it("follows earlier mergers and can exclude a brand-new successor", () => {
    const chain: LineageLink[] = [
      { predecessor: "X", successor: "Y", effectiveYear: 2020 },
      { predecessor: "Y", successor: "Z", effectiveYear: 2025 },
      { predecessor: "W", successor: "Z", effectiveYear: 2025 },
    ];
    const data: Record<string, CountPoint[]> = {
      X: [{ year: 2019, count: 1, denominator: 100 }],
      Y: [{ year: 2019, count: 2, denominator: 200 }],
      W: [{ year: 2019, count: 3, denominator: 300 }],
    };
    const [p] = harmoniseCounts(data, chain, "Z", { newUnits: ["Z"], per: 100 }).points;
    // 2019: Z is new, so Y (which absorbed X in 2020) + X + W = 2 + 1 + 3 = 6 over 600 → 1 per 100
    expect(p).toMatchObject({ year: 2019, count: 6, denominator: 600, value: 1, missingFrom: [] });
    expect([...p!.components].sort()).toEqual(["W", "X", "Y"]);
    // Not declared new: Z's absent 2019 row makes the year incomplete instead of a partial sum
    const [q] = harmoniseCounts(data, chain, "Z").points;
    expect(q).toMatchObject({ count: null, missingFrom: ["Z"] });
  });

  it("refuses a split, which summing cannot harmonise", () => {
    const split: LineageLink[] = [
      { predecessor: "A", successor: "B", effectiveYear: 2025 },
      { predecessor: "A", successor: "C", effectiveYear: 2025 },
    ];
    const r = harmoniseCounts(series, split, "B");
    expect(r).toMatchObject({ reason: "SPLIT_LINEAGE", points: [] });
    expect(r.reasonText).toContain("A");
  });
});

describe("asReportedCounts", () => {
  it("keeps the unit on its own boundaries", () => {
    const r = asReportedCounts(series, "HP");
    expect(r.basis).toBe("AS_REPORTED");
    // 2023: 20 / 1,000,000 × 1e5 = 2.0
    expect(r.points.map(p => [p.year, p.value])).toEqual([
      [2023, 2],
      [2024, (25 / 1_050_000) * 100_000],
      [2025, 2],
    ]);
  });
});
