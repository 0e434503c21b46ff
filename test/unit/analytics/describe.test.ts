import { describe, expect, it } from "vitest";
import {
  assessAll,
  assessAnnualRate,
  assessLevel,
  assessTrend,
  describeProgress,
  formatNumber,
  type Lang,
  type Point,
  type ProgressResult,
} from "../../../server/analytics/index.js";

const s = (...pairs: [number, number | null][]): Point[] =>
  pairs.map(([year, value]) => ({ year, value }));
const rate = (latest: number, year = 2024): ProgressResult =>
  assessAnnualRate({
    series: s([2020, 3.0], [year, latest]),
    direction: "DECREASE",
    requiredRate: -0.04,
    baseYear: 2020,
    endYear: 2025,
  });
const en = { indicator: "fatal accident frequency", instrument: "NQ 19/NQ-CP" };
const vi = { indicator: "tần suất TNLĐ chết người", instrument: "NQ 19/NQ-CP" };
const pctNames = (lang: Lang) => ({
  indicator: lang === "vi" ? "tỷ lệ" : "share",
  instrument: "KH 1562",
  unit: "%",
});

describe("formatNumber", () => {
  it.each<[number, Lang, number, string]>([
    [1234.5, "vi", 1, "1.234,5"],
    [1234.5, "en", 1, "1,234.5"],
    [2.6, "vi", 1, "2,6"],
    [2.0, "en", 2, "2"],
    [-0.04, "en", 1, "0"], // rounds to zero, so no "-0"
    [-12.345, "vi", 2, "-12,35"],
  ])("%s (%s, %s decimals) → %s", (value, lang, decimals, text) => {
    expect(formatNumber(value, lang, decimals)).toBe(text);
  });
});

describe("describeProgress", () => {
  it.each<[string, ProgressResult, Lang, string]>([
    // CAGR -2.60 %/year; R = 0.65 → 65 %
    [
      "A en",
      rate(2.7),
      "en",
      "fatal accident frequency fell 2.6 %/year, 65 % of the pace NQ 19/NQ-CP requires",
    ],
    [
      "A vi",
      rate(2.7),
      "vi",
      "tần suất TNLĐ chết người giảm 2,6 %/năm, bằng 65 % tốc độ NQ 19/NQ-CP yêu cầu",
    ],
    // CAGR -5.43 %/year, already below 2.446
    [
      "B en",
      rate(2.4),
      "en",
      "fatal accident frequency fell 5.4 %/year and has already reached the 2025 level NQ 19/NQ-CP requires",
    ],
    [
      "B vi",
      rate(2.4),
      "vi",
      "tần suất TNLĐ chết người giảm 5,4 %/năm, đã đạt mức NQ 19/NQ-CP yêu cầu cho năm 2025",
    ],
    // CAGR +0.82 %/year against -4 %/year
    [
      "C en",
      rate(3.1),
      "en",
      "fatal accident frequency rose 0.8 %/year, while NQ 19/NQ-CP requires it to fall 4 %/year",
    ],
    [
      "C vi",
      rate(3.1),
      "vi",
      "tần suất TNLĐ chết người tăng 0,8 %/năm, trong khi NQ 19/NQ-CP yêu cầu giảm 4 %/năm",
    ],
    // 0.9^(1/5) − 1 = -2.09 %/year; R = 0.52
    [
      "ended en",
      rate(2.7, 2025),
      "en",
      "fatal accident frequency fell 2.1 %/year, 52 % of the pace NQ 19/NQ-CP requires; the 2025 target was not met",
    ],
  ])("%s", (_label, result, lang, text) => {
    expect(describeProgress(result, lang, lang === "vi" ? vi : en)).toBe(text);
  });

  it.each<[Lang, string]>([
    // 77.5763 projected, P = 0.8788 → 88 %
    [
      "en",
      "share was 70 % in 2023; at the current pace it would reach 77.58 % by 2025, 88 % of the progress needed for > 80 % set by KH 1562",
    ],
    [
      "vi",
      "tỷ lệ đạt 70 % năm 2023; với tốc độ hiện nay sẽ đạt 77,58 % vào năm 2025, bằng 88 % mức tiến bộ cần thiết để đạt > 80 % của KH 1562",
    ],
  ])("LEVEL projection (%s)", (lang, text) => {
    const r = assessLevel({
      series: s([2020, 60], [2023, 70]),
      targetValue: 80,
      comparator: "GT",
      endYear: 2025,
      baseYear: 2020,
    });
    expect(describeProgress(r, lang, pctNames(lang))).toBe(text);
  });

  it.each<[Lang, string]>([
    [
      "en",
      "share was 92.5 % in 2024; the target of ≥ 100 % set by KH 1562 is not met (short by 7.5 %)",
    ],
    ["vi", "tỷ lệ đạt 92,5 % năm 2024; chưa đạt mục tiêu ≥ 100 % của KH 1562 (còn thiếu 7,5 %)"],
  ])("ALL shortfall (%s)", (lang, text) => {
    expect(describeProgress(assessAll({ series: s([2024, 92.5]) }), lang, pctNames(lang))).toBe(
      text,
    );
  });

  it("a level target lost since the base year", () => {
    const r = assessLevel({
      series: s([2020, 90], [2023, 75]),
      targetValue: 80,
      comparator: "GT",
      endYear: 2025,
      baseYear: 2020,
    });
    expect(describeProgress(r, "en", pctNames("en"))).toBe(
      "share was 75 % in 2023; it is moving away from the target of > 80 % set by KH 1562",
    );
  });

  it("trend and not-assessable sentences", () => {
    const trend = assessTrend({ series: s([2020, 3.0], [2024, 2.7]), direction: "DECREASE" });
    expect(describeProgress(trend, "en", en)).toBe(
      "fatal accident frequency fell 2.6 %/year in 2020–2024 (no numeric target)",
    );
    const none = assessTrend({ series: s([2024, 2.7]), direction: "DECREASE" });
    expect(describeProgress(none, "vi", vi)).toBe(
      "tần suất TNLĐ chết người: chưa đánh giá được tiến độ (chưa đủ số liệu, cần ít nhất hai năm)",
    );
    expect(describeProgress(none, "en", en)).toMatch(
      /^fatal accident frequency: progress cannot be assessed \(Only one/,
    );
  });

  it("formats values by the indicator's measure: % with 1 decimal, counts whole, rates 1 decimal", () => {
    const r = assessLevel({
      series: s([2020, 60], [2023, 70]),
      targetValue: 80,
      comparator: "GT",
      endYear: 2025,
      baseYear: 2020,
    });
    const names = { indicator: "tỷ lệ", instrument: "KH 1562", measure: "PERCENT" };
    expect(describeProgress(r, "vi", names)).toBe(
      "tỷ lệ đạt 70 % năm 2023; với tốc độ hiện nay sẽ đạt 77,6 % vào năm 2025, bằng 88 % mức tiến bộ cần thiết để đạt > 80 % của KH 1562",
    );
    const counts = assessAll({ series: s([2024, 191.4]) });
    expect(describeProgress(counts, "en", { indicator: "accidents", measure: "COUNT" })).toMatch(
      /^accidents was 191 in 2024/,
    );
    const rate = assessAll({ series: s([2024, 1.8123]) });
    expect(
      describeProgress(rate, "vi", { indicator: "tần suất", measure: "RATE_PER_100K" }),
    ).toMatch(/^tần suất đạt 1,8 \/100\.000 LĐ năm 2024/);
  });

  it("says when the gap to the required path is within the 95 % interval", () => {
    const base = rate(2.7);
    const inside: ProgressResult = {
      ...base,
      components: {
        ...base.components,
        interval: { lower: 2.2, upper: 3.2, level: 0.95 },
        requiredPathInsideInterval: true,
      },
    };
    expect(describeProgress(inside, "en", en)).toBe(
      "fatal accident frequency fell 2.6 %/year, 65 % of the pace NQ 19/NQ-CP requires (the gap to the required path is within the 95 % interval, so it may be chance)",
    );
    expect(describeProgress(inside, "vi", vi)).toContain(
      "khoảng cách tới lộ trình yêu cầu nằm trong khoảng tin cậy 95 %",
    );
    expect(describeProgress(base, "en", en)).not.toContain("interval");
  });
});
