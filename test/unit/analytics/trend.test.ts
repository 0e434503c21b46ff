import { describe, expect, it } from "vitest";
import {
  assessTrend,
  naturalLimitFactor,
  type Direction,
  type Point,
  type ProgressStatus,
} from "../../../server/analytics/index.js";

const s = (...pairs: [number, number | null][]): Point[] =>
  pairs.map(([year, value]) => ({ year, value }));

describe("assessTrend (Open SDG method 1)", () => {
  it.each<[string, Direction, Point[], ProgressStatus, number]>([
    // v = −(0.9^0.25 − 1) = 0.02600 ≥ 0.015
    ["fell 2.6 %/yr", "DECREASE", s([2020, 3.0], [2024, 2.7]), "ON_TRACK", 0.026],
    // v = −((2.9/3)^0.25 − 1) = 0.00844: 0.005 ≤ v < 0.015
    ["fell 0.84 %/yr", "DECREASE", s([2020, 3.0], [2024, 2.9]), "ACCELERATION_NEEDED", 0.00844],
    // v = −((2.95/3)^0.25 − 1) = 0.00419: 0 ≤ v < 0.005
    ["fell 0.42 %/yr", "DECREASE", s([2020, 3.0], [2024, 2.95]), "LIMITED_PROGRESS", 0.00419],
    // v = −((3.1/3)^0.25 − 1) = −0.00823 < 0
    ["rose 0.82 %/yr", "DECREASE", s([2020, 3.0], [2024, 3.1]), "DETERIORATION", -0.00823],
    // Increase desired: v = +1 × (0.9^0.25 − 1) = −0.02600 < 0
    [
      "fell while a rise is wanted",
      "INCREASE",
      s([2020, 3.0], [2024, 2.7]),
      "DETERIORATION",
      -0.026,
    ],
  ])("%s → %s", (_label, direction, series, status, v) => {
    const r = assessTrend({ direction, series });
    expect(r.status).toBe(status);
    expect(r.method).toBe("TREND");
    expect(r.components.directedRate).toBeCloseTo(v, 5);
    expect(r.components.thresholds).toEqual({ onTrack: 0.015, acceleration: 0.005, limited: 0 });
    expect(r.components.limitFactor).toBe(1);
  });

  it("scales the cut-offs near a natural limit", () => {
    // base 90 of limit 100: C = 1 − 0.9^4.44 = 0.37362; on-track cut-off 0.015 × C = 0.0056043.
    // 90 → 93 in 4 years: v = (93/90)^0.25 − 1 = 0.00823 → on track only thanks to the limit.
    const series = s([2020, 90], [2024, 93]);
    const near = assessTrend({ direction: "INCREASE", series, naturalLimit: 100 });
    expect(near.status).toBe("ON_TRACK");
    expect(near.components.limitFactor).toBeCloseTo(0.37362, 5);
    expect(near.components.thresholds?.onTrack).toBeCloseTo(0.0056043, 7);
    expect(assessTrend({ direction: "INCREASE", series }).status).toBe("ACCELERATION_NEEDED");
  });

  it("a value held at its limit is on track (C = 0)", () => {
    const r = assessTrend({
      direction: "INCREASE",
      series: s([2020, 100], [2024, 100]),
      naturalLimit: 100,
    });
    expect(r.components.limitFactor).toBe(0);
    expect(r.status).toBe("ON_TRACK");
  });

  it.each<[number, number | null, number]>([
    [50, null, 1], // no limit
    [200, 100, 1], // base ≥ 2·limit
    [50, 100, 1 - 0.5 ** 4.44], // base ≤ limit: 1 − 0.5^4.44 = 0.95289
    [150, 100, 1 - 0.5 ** 4.44], // otherwise: 1 − ((200 − 150)/100)^4.44
  ])("naturalLimitFactor(%s, %s) = %s", (base, limit, c) => {
    expect(naturalLimitFactor(base, limit)).toBeCloseTo(c, 12);
  });

  it.each<[Point[], string]>([
    [s([2024, 2.7]), "INSUFFICIENT_DATA"],
    [[], "NO_DATA"],
    [s([2020, 0], [2024, 2]), "ZERO_BASE"],
  ])("%o → NOT_ASSESSABLE %s", (series, reason) => {
    expect(assessTrend({ direction: "DECREASE", series }).reason).toBe(reason);
  });
});
