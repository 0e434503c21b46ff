import { describe, expect, it } from "vitest";
import { ratePer, rateSeries, requiredTrajectory } from "../../../server/analytics/index.js";

describe("ratePer", () => {
  it.each([
    // 27 deaths / 900,000 workers × 100,000 = 3.0
    [27, 900_000, undefined, 3.0],
    // 3 / 1,000 × 1,000 = 3
    [3, 1_000, 1_000, 3],
    [0, 500_000, undefined, 0],
    [null, 900_000, undefined, null],
    [27, null, undefined, null],
    [27, 0, undefined, null],
    [-1, 900_000, undefined, null],
  ])("ratePer(%s, %s, %s) = %s", (count, denominator, per, rate) => {
    const r = ratePer(count, denominator, per);
    if (rate === null) {
      expect(r).toBeNull();
    } else {
      expect(r).toBeCloseTo(rate, 12);
    }
  });
});

describe("rateSeries", () => {
  // Required path 3.0 × 0.96^(t − 2020): 2020 3.0, 2021 2.88, 2022 2.7648, 2023 2.654208
  const requiredPath = requiredTrajectory(2020, 3.0, -0.04, 2023);
  const series = rateSeries(
    [
      { year: 2022, count: 10, denominator: 400_000 },
      { year: 2020, count: 27, denominator: 900_000 },
      { year: 2021, count: null, denominator: 900_000 },
      { year: 2023, count: 1000, denominator: 20_000_000 },
    ],
    { requiredPath },
  );

  it("sorts by year and computes each rate from its own count and denominator", () => {
    expect(series.map(p => p.year)).toEqual([2020, 2021, 2022, 2023]);
    // 27/900,000 × 1e5 = 3.0; 10/400,000 × 1e5 = 2.5; 1000/20,000,000 × 1e5 = 5.0
    expect(series.map(p => p.value)).toEqual([3.0, null, 2.5, 5.0]);
    expect(series[1]).toMatchObject({
      reason: "COUNT_MISSING",
      interval: null,
      requiredPathInsideInterval: null,
    });
  });

  it.each([
    // 27 events: 17.7932 to 39.2836, × 100,000/900,000 = 1.97702 to 4.36484; path 3.0 inside
    [0, 1.97702, 4.36484, 3.0, true],
    // 10 events: 4.79539 to 18.39036, × 0.25 = 1.19885 to 4.59759; path 2.7648 inside
    [2, 1.19885, 4.59759, 2.7648, true],
    // 1000 events: 938.973 to 1063.952, × 1/200 = 4.69487 to 5.31976; path 2.654 outside
    [3, 4.69487, 5.31976, 2.654208, false],
  ])("point %i: interval %s to %s, path %s inside: %s", (i, lower, upper, path, inside) => {
    const p = series[i];
    expect(p?.interval?.lower).toBeCloseTo(lower, 4);
    expect(p?.interval?.upper).toBeCloseTo(upper, 4);
    expect(p?.requiredPathValue).toBeCloseTo(path, 6);
    expect(p?.requiredPathInsideInterval).toBe(inside);
  });

  it("gives no path flag when no path is supplied", () => {
    const [p] = rateSeries([{ year: 2020, count: 5, denominator: 100_000 }], { per: 1000 });
    // 5 / 100,000 × 1,000 = 0.05
    expect(p).toMatchObject({
      value: 0.05,
      per: 1000,
      requiredPathValue: null,
      requiredPathInsideInterval: null,
    });
  });
});

describe("requiredTrajectory", () => {
  it("compounds the rate from the base year to the end year", () => {
    const path = requiredTrajectory(2020, 3.0, -0.04, 2025);
    // 3.0 × 0.96^n: 3.0, 2.88, 2.7648, 2.654208, 2.54803968, 2.4461180928
    const expected = [3.0, 2.88, 2.7648, 2.654208, 2.54803968, 2.4461180928];
    expect(path.map(p => p.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    path.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i] as number, 10));
  });

  it.each([
    [2025, 3.0, -0.04, 2020],
    [2020, Number.NaN, -0.04, 2025],
    [2020, 3.0, -1, 2025],
  ])("returns [] for an undefined path (%s, %s, %s, %s)", (b, v, r, e) => {
    expect(requiredTrajectory(b, v, r, e)).toEqual([]);
  });
});
