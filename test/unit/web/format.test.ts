import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatMeasure,
  formatNumber,
  formatPercent,
  formatRatePerYear,
  formatShare,
} from "../../../web/src/lib/format.js";

describe("formatNumber", () => {
  it.each([
    [1234.5, "vi", "1.234,5"],
    [1234.5, "en", "1,234.5"],
    [1234567, "vi", "1.234.567"],
    [0, "vi", "0"],
    [-0.04, "vi", "0"],
    [2.25, "en", "2.3"],
  ] as const)("%s in %s -> %s", (value, locale, expected) => {
    expect(formatNumber(value, locale)).toBe(expected);
  });

  it("spells out missing values, never 0", () => {
    expect(formatNumber(null, "vi")).toBe("Không có số liệu");
    expect(formatNumber(undefined, "en")).toBe("No data");
    expect(formatNumber(Number.NaN, "vi")).toBe("Không có số liệu");
  });

  it("signs positive values when asked", () => {
    expect(formatNumber(2.6, "vi", { signed: true })).toBe("+2,6");
    expect(formatNumber(-2.6, "vi", { signed: true })).toBe("-2,6");
  });
});

describe("percent and rates", () => {
  it("writes percent with a space in Vietnamese", () => {
    expect(formatPercent(65, "vi")).toBe("65 %");
    expect(formatPercent(2.5, "vi")).toBe("2,5 %");
    expect(formatPercent(65, "en")).toBe("65%");
    expect(formatPercent(null, "vi")).toBe("Không có số liệu");
  });

  it("turns fractions into percent", () => {
    expect(formatShare(0.65, "vi")).toBe("65 %");
    expect(formatShare(0.654, "en", { digits: 1 })).toBe("65.4%");
  });

  it("formats annual rates with their sign", () => {
    expect(formatRatePerYear(-0.026, "vi")).toBe("-2,6 %/năm");
    expect(formatRatePerYear(0.05, "en")).toBe("+5%/year");
    expect(formatRatePerYear(null, "en")).toBe("No data");
  });
});

describe("formatMeasure", () => {
  it("uses the indicator unit", () => {
    expect(formatMeasure(1234, "PERSONS", "vi")).toBe("1.234 người");
    expect(formatMeasure(0.52, "RATE_PER_100K", "en")).toBe("0.52 per 100,000 workers");
    expect(formatMeasure(80.5, "PERCENT", "vi")).toBe("80,5 %");
    expect(formatMeasure(null, "COUNT", "vi")).toBe("Không có số liệu");
  });
});

describe("formatDate", () => {
  it("formats ISO dates", () => {
    expect(formatDate("2025-07-01", "vi")).toBe("01/07/2025");
    expect(formatDate("2025-07-01T10:00:00Z", "en")).toBe("1 Jul 2025");
    expect(formatDate(null, "en")).toBe("No data");
  });
});
