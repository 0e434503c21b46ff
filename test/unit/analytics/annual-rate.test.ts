import { describe, expect, it } from "vitest";
import {
  assessAnnualRate,
  type Point,
  type ProgressStatus,
} from "../../../server/analytics/index.js";

// Resolution 19/NQ-CP style target: fatal accident frequency falls 4 %/year from 2020 to 2025.
// Target path: 3.0 × 0.96^5 = 3.0 × 0.8153727 = 2.446118 in 2025.
const target = {
  direction: "DECREASE",
  requiredRate: -0.04,
  baseYear: 2020,
  endYear: 2025,
} as const;
const s = (...pairs: [number, number | null][]): Point[] =>
  pairs.map(([year, value]) => ({ year, value }));

describe("assessAnnualRate: statuses", () => {
  it.each<[string, Point[], ProgressStatus, number, number]>([
    // (2.7/3.0)^(1/4) − 1 = 0.9^0.25 − 1 = -0.02600; R = 0.02600 / 0.04 = 0.650
    ["A: 2.7 in 2024", s([2020, 3.0], [2024, 2.7]), "ACCELERATION_NEEDED", -0.026, 0.6499],
    // 2.4 <= 2.446 → achieved; CAGR = 0.8^0.25 − 1 = -0.05426; R = 1.3565
    ["B: 2.4 in 2024", s([2020, 3.0], [2024, 2.4]), "TARGET_ACHIEVED", -0.05426, 1.3565],
    // (3.1/3.0)^(1/4) − 1 = +0.00823; R = -0.00823 / 0.04 = -0.2058
    ["C: 3.1 in 2024", s([2020, 3.0], [2024, 3.1]), "DETERIORATION", 0.00823, -0.2058],
    // (2.5/3.0)^(1/4) − 1 = -0.04456; R = 1.114; 2.5 > 2.446 so not yet achieved
    ["2.5 in 2024", s([2020, 3.0], [2024, 2.5]), "ON_TRACK", -0.04456, 1.1139],
    // (2.9/3.0)^(1/4) − 1 = -0.00844; R = 0.2110
    ["2.9 in 2024", s([2020, 3.0], [2024, 2.9]), "LIMITED_PROGRESS", -0.00844, 0.211],
    // End year reached without meeting 2.446: 0.9^(1/5) − 1 = -0.02085; R = 0.5213
    ["2.7 in 2025 (end)", s([2020, 3.0], [2025, 2.7]), "NOT_ACHIEVED", -0.02085, 0.5213],
  ])("%s → %s", (_label, series, status, rate, ratio) => {
    const r = assessAnnualRate({ ...target, series });
    expect(r.status).toBe(status);
    expect(r.method).toBe("ANNUAL_RATE");
    expect(r.reason).toBeNull();
    expect(r.components.observedRate).toBeCloseTo(rate, 4);
    expect(r.components.ratio).toBeCloseTo(ratio, 3);
    expect(r.components.targetPathValue).toBeCloseTo(2.446118, 5);
    expect(r.components.thresholds).toEqual({ onTrack: 0.95, acceleration: 0.6, limited: 0 });
  });

  it("reports every component of worked example A", () => {
    const r = assessAnnualRate({ ...target, series: s([2020, 3.0], [2022, 2.9], [2024, 2.7]) });
    expect(r.components).toMatchObject({
      direction: "DECREASE",
      baseYear: 2020,
      baseYearDeclared: 2020,
      baseYearUsed: 2020,
      baseValue: 3.0,
      latestYear: 2024,
      latestValue: 2.7,
      endYear: 2025,
      requiredRate: -0.04,
      pointsUsed: [
        { year: 2020, value: 3.0 },
        { year: 2024, value: 2.7 },
      ],
      interval: null,
      requiredPathInsideInterval: null,
    });
    // Still required in 2025: 2.446118 / 2.7 − 1 = -0.09403
    expect(r.components.requiredRemainingRate).toBeCloseTo(-0.09403, 5);
    // Current pace to 2025: 2.7 × 0.974004 = 2.62981; share (2.62981 − 3)/(2.446118 − 3) = 0.6684
    expect(r.components.projectedEndValue).toBeCloseTo(2.62981, 5);
    expect(r.components.shareOfRequiredProgress).toBeCloseTo(0.6684, 4);
    // Required path in 2024: 3.0 × 0.96^4 = 2.548040
    expect(r.components.requiredPathValueAtLatest).toBeCloseTo(2.54804, 5);
  });

  it("achieves a target before the end year and reports the slack left", () => {
    // 2.3 in 2022 is already below the 2025 path 2.446118
    const r = assessAnnualRate({ ...target, series: s([2020, 3.0], [2021, 2.8], [2022, 2.3]) });
    expect(r.status).toBe("TARGET_ACHIEVED");
    expect(r.components.latestYear).toBe(2022);
    // (2.3/3.0)^(1/2) − 1 = -0.12440
    expect(r.components.observedRate).toBeCloseTo(-0.1244, 4);
    // (2.446118 / 2.3)^(1/3) − 1 = +0.02074: it may even rise 2.07 %/year and still meet it
    expect(r.components.requiredRemainingRate).toBeCloseTo(0.02074, 5);
  });

  it("an increase target: workers examined +5 %/year from 2022", () => {
    // (1080/1000)^(1/2) − 1 = 0.03923; R = 0.03923 / 0.05 = 0.7846; path 1000 × 1.05^3 = 1157.625
    const r = assessAnnualRate({
      direction: "INCREASE",
      requiredRate: 0.05,
      baseYear: 2022,
      endYear: 2025,
      series: s([2022, 1000], [2024, 1080]),
    });
    expect(r.status).toBe("ACCELERATION_NEEDED");
    expect(r.components.ratio).toBeCloseTo(0.7846, 4);
    expect(r.components.targetPathValue).toBeCloseTo(1157.625, 6);
    // 1157.625 / 1080 − 1 = 0.071875 needed in 2025
    expect(r.components.requiredRemainingRate).toBeCloseTo(0.071875, 6);
  });

  it("treats a ratio sitting exactly on 0.95 as on track despite floating point", () => {
    // CAGR −0.038 = 0.95 × 0.04 → R = 0.95 exactly in real arithmetic
    const r = assessAnnualRate({ ...target, series: s([2020, 3.0], [2024, 3.0 * 0.962 ** 4]) });
    expect(r.components.ratio).toBeCloseTo(0.95, 10);
    expect(r.status).toBe("ON_TRACK");
  });

  it("ignores values after the end year", () => {
    const r = assessAnnualRate({ ...target, series: s([2020, 3.0], [2024, 2.7], [2026, 1.0]) });
    expect(r.components.latestYear).toBe(2024);
    expect(r.status).toBe("ACCELERATION_NEEDED");
  });
});

describe("assessAnnualRate: base year", () => {
  const noBase = s([2021, 3.0], [2024, 2.7]);

  it("without fallback a missing base year is not assessable", () => {
    const r = assessAnnualRate({ ...target, series: noBase });
    expect(r.status).toBe("NOT_ASSESSABLE");
    expect(r.reason).toBe("BASE_YEAR_MISSING");
    expect(r.reasonText).toContain("2020");
    expect(r.components.baseYearDeclared).toBe(2020);
    expect(r.components.baseYearUsed).toBeNull();
  });

  it("with fallback the next year is used and the path starts there", () => {
    const r = assessAnnualRate({ ...target, series: noBase, baseYearFallback: true });
    // (2.7/3.0)^(1/3) − 1 = -0.03451; R = 0.8628; path 3.0 × 0.96^4 = 2.548 < 2.7
    expect(r.status).toBe("ACCELERATION_NEEDED");
    expect(r.components).toMatchObject({
      baseYearDeclared: 2020,
      baseYearUsed: 2021,
      baseYear: 2021,
    });
    expect(r.components.observedRate).toBeCloseTo(-0.03451, 5);
    expect(r.components.ratio).toBeCloseTo(0.8628, 4);
    expect(r.components.targetPathValue).toBeCloseTo(2.54804, 5);
  });
});

describe("assessAnnualRate: not assessable", () => {
  it.each<[string, Point[], string]>([
    ["zero base value", s([2020, 0], [2024, 1]), "ZERO_BASE"],
    ["one data point (the base)", s([2020, 3.0]), "INSUFFICIENT_DATA"],
    ["latest year not after the base year", s([2019, 3.2], [2020, 3.0]), "INSUFFICIENT_DATA"],
    ["only nulls after the base", s([2020, 3.0], [2024, null]), "INSUFFICIENT_DATA"],
    ["one point, not the base year", s([2024, 2.7]), "BASE_YEAR_MISSING"],
    ["a negative value in between", s([2020, 3.0], [2022, -1], [2024, 2.7]), "SIGN_CHANGE"],
    ["negative values throughout", s([2020, -3.0], [2024, -2.7]), "SIGN_CHANGE"],
    ["no data at all", [], "NO_DATA"],
    ["two values for one year", s([2020, 3.0], [2024, 2.7], [2024, 2.8]), "DUPLICATE_YEAR"],
  ])("%s → %s", (_label, series, reason) => {
    const r = assessAnnualRate({ ...target, series });
    expect(r.status).toBe("NOT_ASSESSABLE");
    expect(r.reason).toBe(reason);
    expect(r.reasonText).toEqual(expect.any(String));
  });

  it.each([
    ["a rise for a decrease target", { requiredRate: 0.04 }],
    ["a zero rate", { requiredRate: 0 }],
    ["an end year before the base year", { endYear: 2019 }],
  ])("rejects %s as INVALID_TARGET", (_label, patch) => {
    const r = assessAnnualRate({ ...target, ...patch, series: s([2020, 3.0], [2024, 2.7]) });
    expect(r.reason).toBe("INVALID_TARGET");
  });
});

describe("assessAnnualRate: small-count interval", () => {
  it.each([
    // Required path in 2024: 2.548; inside [2.0, 3.5] → the gap is within noise
    [{ lower: 2.0, upper: 3.5, level: 0.95 }, true],
    [{ lower: 2.6, upper: 2.8, level: 0.95 }, false],
  ])("interval %o → inside %s", (interval, inside) => {
    const series = [
      { year: 2020, value: 3.0 },
      { year: 2024, value: 2.7, interval },
    ];
    const r = assessAnnualRate({ ...target, series });
    expect(r.components.interval).toEqual(interval);
    expect(r.components.requiredPathInsideInterval).toBe(inside);
  });
});
