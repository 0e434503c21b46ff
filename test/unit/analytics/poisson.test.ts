import { describe, expect, it } from "vitest";
import {
  chiSquareQuantile,
  poissonInterval,
  regularizedGammaP,
} from "../../../server/analytics/index.js";
import { logGamma } from "../../../server/analytics/poisson.js";

describe("poissonInterval (exact Garwood, 95 %)", () => {
  // lower = chi2inv(0.025, 2k)/2, upper = chi2inv(0.975, 2k + 2)/2. Reference values from
  // published tables (e.g. Garwood 1936; Ulm 1990), matching scipy.stats.chi2.ppf.
  it.each([
    // k = 0: lower 0; upper = −ln(0.025) = 3.68888
    [0, 0, 3.68888],
    // k = 1: lower = −ln(0.975) = 0.025318; upper 5.57164
    [1, 0.025318, 5.57164],
    [10, 4.79539, 18.39036],
    [100, 81.36399, 121.62679],
  ])("%i events → %s to %s", (k, lower, upper) => {
    const ci = poissonInterval(k);
    expect(ci).not.toBeNull();
    expect(ci?.lower).toBeCloseTo(lower, 4);
    expect(ci?.upper).toBeCloseTo(upper, 4);
    expect(ci?.level).toBe(0.95);
  });

  it("supports other levels: 90 % for 10 events is 5.4254 to 16.9622", () => {
    const ci = poissonInterval(10, 0.9);
    expect(ci?.lower).toBeCloseTo(5.4254, 4);
    expect(ci?.upper).toBeCloseTo(16.9622, 4);
  });

  it.each([[null], [-1], [2.5], [Number.NaN]])("%s is not a count → null", k => {
    expect(poissonInterval(k)).toBeNull();
  });

  it("rejects a level outside (0, 1) as a programming error", () => {
    expect(() => poissonInterval(3, 95)).toThrow(RangeError);
  });
});

describe("special functions", () => {
  it.each([
    [1, 0], // Γ(1) = 1
    [2, 0], // Γ(2) = 1
    [0.5, 0.5 * Math.log(Math.PI)], // Γ(1/2) = √π
    [5, Math.log(24)], // Γ(5) = 4!
    [0.25, 1.2880225246980774], // ln Γ(1/4), via the reflection branch
  ])("logGamma(%s) = %s", (x, y) => {
    expect(logGamma(x)).toBeCloseTo(y, 13);
  });

  it.each([
    // P(1, x) = 1 − e^−x
    [1, 2, 1 - Math.exp(-2)],
    // P(2, x) = 1 − e^−x (1 + x)
    [2, 3, 1 - Math.exp(-3) * 4],
    [5, 0, 0],
  ])("regularizedGammaP(%s, %s) = %s", (a, x, p) => {
    expect(regularizedGammaP(a, x)).toBeCloseTo(p, 12);
  });

  it.each([
    [0.95, 1, 3.841459], // the familiar 1-df critical value
    [0.975, 2, 7.377759], // −2 ln(0.025)
    [0.5, 10, 9.341818],
  ])("chiSquareQuantile(%s, %s) = %s", (p, df, x) => {
    expect(chiSquareQuantile(p, df)).toBeCloseTo(x, 5);
  });
});
