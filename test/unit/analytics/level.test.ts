import { describe, expect, it } from "vitest";
import {
  assessAll,
  assessLevel,
  meetsTarget,
  type Comparator,
  type Point,
  type ProgressStatus,
} from "../../../server/analytics/index.js";

const s = (...pairs: [number, number | null][]): Point[] =>
  pairs.map(([year, value]) => ({ year, value }));

// "> 80 % by 2025", progress measured from 2020.
const gt80 = { targetValue: 80, comparator: "GT", endYear: 2025, baseYear: 2020 } as const;

describe("meetsTarget", () => {
  it.each<[number, Comparator, boolean]>([
    [80, "GT", false],
    [80.5, "GT", true],
    [80, "GTE", true],
    [80, "EQ", true],
    [79.9, "LTE", true],
    [80, "LT", false],
  ])("%s %s 80 → %s", (value, comparator, met) => {
    expect(meetsTarget(value, 80, comparator)).toBe(met);
  });
});

describe("assessLevel", () => {
  it.each<[string, Point[], ProgressStatus, number | null]>([
    // 82 > 80: met, whatever the pace
    ["met in 2024", s([2020, 60], [2024, 82]), "TARGET_ACHIEVED", 0],
    // One point is enough when it already meets the target
    ["met, one point", s([2023, 85]), "TARGET_ACHIEVED", 0],
    // "> 80" is strict: exactly 80 in the end year is not enough; shortfall 80 − 80 = 0
    ["exactly 80 at the end year", s([2020, 60], [2025, 80]), "NOT_ACHIEVED", 0],
    // End year reached at 70: shortfall 80 − 70 = 10
    ["one point in the end year", s([2025, 70]), "NOT_ACHIEVED", 10],
  ])("%s → %s", (_label, series, status, shortfall) => {
    const r = assessLevel({ ...gt80, series });
    expect(r.status).toBe(status);
    expect(r.method).toBe("LEVEL");
    expect(r.components.shortfall).toBe(shortfall);
  });

  it("projects the current pace when the target is not met yet", () => {
    const r = assessLevel({ ...gt80, series: s([2020, 60], [2023, 70]) });
    // CAGR (70/60)^(1/3) − 1 = 0.052727; 2025: 70 × 1.052727^2 = 77.5763;
    // P = (77.5763 − 60) / (80 − 60) = 0.8788 → between 0.60 and 0.95
    expect(r.status).toBe("ACCELERATION_NEEDED");
    expect(r.components.observedRate).toBeCloseTo(0.052727, 6);
    expect(r.components.projectedEndValue).toBeCloseTo(77.5763, 4);
    expect(r.components.shareOfRequiredProgress).toBeCloseTo(0.8788, 4);
    // From the base: (80/60)^(1/5) − 1 = 0.059224; from now: (80/70)^(1/2) − 1 = 0.069045
    expect(r.components.requiredRate).toBeCloseTo(0.059224, 6);
    expect(r.components.requiredRemainingRate).toBeCloseTo(0.069045, 6);
    expect(r.components).toMatchObject({
      direction: "INCREASE",
      baseYear: 2020,
      baseValue: 60,
      latestYear: 2023,
      latestValue: 70,
      targetValue: 80,
      comparator: "GT",
      shortfall: 10,
      thresholds: { onTrack: 0.95, acceleration: 0.6, limited: 0 },
      pointsUsed: [
        { year: 2020, value: 60 },
        { year: 2023, value: 70 },
      ],
    });
  });

  it.each<[string, Point[], ProgressStatus, number]>([
    // (75/60)^(1/3) − 1 = 0.07722; 75 × 1.25^(2/3) = 87.030; P = 27.030 / 20 = 1.3515
    ["75 in 2023", s([2020, 60], [2023, 75]), "ON_TRACK", 1.3515],
    // 62 × (62/60)^(2/3) = 63.370; P = 3.370 / 20 = 0.1685
    ["62 in 2023", s([2020, 60], [2023, 62]), "LIMITED_PROGRESS", 0.1685],
    // 55 × (55/60)^(2/3) = 51.900; P = -8.100 / 20 = -0.4050
    ["55 in 2023", s([2020, 60], [2023, 55]), "DETERIORATION", -0.405],
  ])("%s → %s (P = %s)", (_label, series, status, share) => {
    const r = assessLevel({ ...gt80, series });
    expect(r.status).toBe(status);
    expect(r.components.shareOfRequiredProgress).toBeCloseTo(share, 4);
  });

  it('works downwards for a "< 5 %" target', () => {
    // 8 → 6 over 2020-2023: 6 × 0.75^(2/3) = 4.9529 in 2025; P = (4.9529 − 8)/(5 − 8) = 1.0157
    const r = assessLevel({
      targetValue: 5,
      comparator: "LT",
      endYear: 2025,
      baseYear: 2020,
      series: s([2020, 8], [2023, 6]),
    });
    expect(r.status).toBe("ON_TRACK");
    expect(r.components.direction).toBe("DECREASE");
    expect(r.components.shareOfRequiredProgress).toBeCloseTo(1.0157, 4);
    expect(r.components.shortfall).toBe(1); // 6 − 5
  });

  it("a target met at the base and lost since is a deterioration, not progress", () => {
    // 90 → 75: P = (66.42 − 90)/(80 − 90) would be +2.36; the value moved away instead
    const r = assessLevel({ ...gt80, series: s([2020, 90], [2023, 75]) });
    expect(r.status).toBe("DETERIORATION");
    expect(r.components.shareOfRequiredProgress).toBeNull();
    // 75 × (75/90)^(2/3) = 66.42
    expect(r.components.projectedEndValue).toBeCloseTo(66.42, 2);
  });

  it("uses the first value as base when the target has no base year", () => {
    const r = assessLevel({ ...gt80, baseYear: null, series: s([2021, 60], [2023, 70]) });
    expect(r.components).toMatchObject({ baseYearDeclared: null, baseYearUsed: 2021 });
  });

  it.each<[string, Point[], string]>([
    // One value, not met, 2025 not reached yet: no pace to project
    ["one point before the end year", s([2023, 70]), "INSUFFICIENT_DATA"],
    ["no data", s([2023, null]), "NO_DATA"],
    ["zero base value", s([2020, 0], [2023, 40]), "ZERO_BASE"],
    ["base year missing", s([2021, 60], [2023, 70]), "BASE_YEAR_MISSING"],
    ["base equal to the target", s([2020, 80], [2023, 79]), "TARGET_EQUALS_BASE"],
  ])("%s → NOT_ASSESSABLE %s", (_label, series, reason) => {
    const r = assessLevel({ ...gt80, series });
    expect(r.status).toBe("NOT_ASSESSABLE");
    expect(r.reason).toBe(reason);
  });
});

describe("assessAll", () => {
  it.each<[string, Point[], ProgressStatus, number | null]>([
    ["100 % investigated", s([2023, 96], [2024, 100]), "TARGET_ACHIEVED", 0],
    // 100 − 92.5 = 7.5
    ["92.5 % investigated", s([2024, 92.5]), "NOT_ACHIEVED", 7.5],
    // Only the latest value counts: 100 − 95 = 5 even though 2023 was 100
    ["fell back to 95 %", s([2023, 100], [2024, 95]), "NOT_ACHIEVED", 5],
  ])("%s → %s", (_label, series, status, shortfall) => {
    const r = assessAll({ series });
    expect(r.status).toBe(status);
    expect(r.method).toBe("ALL");
    expect(r.components.shortfall).toBe(shortfall);
    expect(r.components).toMatchObject({ targetValue: 100, comparator: "GTE" });
  });

  it.each([[[]], [s([2024, null])]])("no data → NOT_ASSESSABLE NO_DATA", series => {
    const r = assessAll({ series });
    expect(r.status).toBe("NOT_ASSESSABLE");
    expect(r.reason).toBe("NO_DATA");
  });
});
