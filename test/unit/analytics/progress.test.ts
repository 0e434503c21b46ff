import { describe, expect, it } from "vitest";
import {
  assessTarget,
  type AssessTargetInput,
  type Point,
  type ProgressMethod,
  type ProgressStatus,
} from "../../../server/analytics/index.js";

const s = (...pairs: [number, number | null][]): Point[] =>
  pairs.map(([year, value]) => ({ year, value }));
const fatal = s([2020, 3.0], [2024, 2.7]);

describe("assessTarget dispatches on the kind", () => {
  it.each<[string, AssessTargetInput, ProgressMethod, ProgressStatus, string | null]>([
    // Worked example A; the direction comes from the sign of -0.04
    [
      "ANNUAL_RATE",
      { kind: "ANNUAL_RATE", series: fatal, requiredRate: -0.04, baseYear: 2020, endYear: 2025 },
      "ANNUAL_RATE",
      "ACCELERATION_NEEDED",
      null,
    ],
    // (70/60)^(1/3) … P = 0.8788 as in level.test.ts
    [
      "MILESTONE as LEVEL",
      {
        kind: "MILESTONE",
        series: s([2020, 60], [2023, 70]),
        targetValue: 80,
        comparator: "GT",
        baseYear: 2020,
        endYear: 2025,
      },
      "LEVEL",
      "ACCELERATION_NEEDED",
      null,
    ],
    [
      "ALL defaults to 100",
      { kind: "ALL", series: s([2024, 100]) },
      "ALL",
      "TARGET_ACHIEVED",
      null,
    ],
    // No numeric value: trend; v = 0.0260 ≥ 0.015
    ["no kind", { kind: null, series: fatal, direction: "DECREASE" }, "TREND", "ON_TRACK", null],
    [
      "ANNUAL_RATE without a rate",
      { kind: "ANNUAL_RATE", series: fatal, direction: "DECREASE", requiredRate: null },
      "TREND",
      "ON_TRACK",
      null,
    ],
    [
      "no direction at all",
      { kind: null, series: fatal },
      "TREND",
      "NOT_ASSESSABLE",
      "NO_DIRECTION",
    ],
    [
      "ANNUAL_RATE without a base year",
      { kind: "ANNUAL_RATE", series: fatal, requiredRate: -0.04, endYear: 2025 },
      "ANNUAL_RATE",
      "NOT_ASSESSABLE",
      "INVALID_TARGET",
    ],
    [
      "LEVEL without a comparator",
      { kind: "LEVEL", series: fatal, targetValue: 80, endYear: 2025 },
      "LEVEL",
      "NOT_ASSESSABLE",
      "INVALID_TARGET",
    ],
  ])("%s", (_label, input, method, status, reason) => {
    const r = assessTarget(input);
    expect(r.method).toBe(method);
    expect(r.status).toBe(status);
    expect(r.reason).toBe(reason);
  });

  it("passes the base-year fallback through", () => {
    const input: AssessTargetInput = {
      kind: "ANNUAL_RATE",
      series: s([2021, 3.0], [2024, 2.7]),
      requiredRate: -0.04,
      baseYear: 2020,
      endYear: 2025,
    };
    expect(assessTarget(input).reason).toBe("BASE_YEAR_MISSING");
    expect(assessTarget({ ...input, baseYearFallback: true }).components.baseYearUsed).toBe(2021);
  });

  it("keeps target and trend cut-offs apart", () => {
    // v = 0.0260: on track against 0.015, only acceleration-needed against a custom 0.03
    const r = assessTarget({
      kind: null,
      series: fatal,
      direction: "DECREASE",
      thresholds: { onTrack: 2 },
      trendThresholds: { onTrack: 0.03 },
    });
    expect(r.status).toBe("ACCELERATION_NEEDED");
    expect(r.components.thresholds).toEqual({ onTrack: 0.03, acceleration: 0.005, limited: 0 });
  });
});
