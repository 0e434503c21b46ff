import { describe, expect, it } from "vitest";
import { poissonInterval, rememberedInterval } from "../../../server/analytics/index.js";
import { usablePoints } from "../../../server/analytics/prepare.js";
import { DEFAULT_THRESHOLDS_TARGET, withDefaults } from "../../../server/analytics/thresholds.js";
import type { SeriesPoint } from "../../../server/analytics/types.js";

/**
 * The shortcuts taken for speed (issue 14) give what the general code gives: series in
 * ascending years skip the map and the sort, remembered intervals are shared, thresholds without
 * overrides are copied field by field.
 */
const p = (year: number, value: number | null): SeriesPoint => ({ year, value, interval: null });

describe("usablePoints", () => {
  it("keeps ascending series as they are, without null values and years after the end", () => {
    const result = usablePoints([p(2020, 3), p(2021, null), p(2022, 2.5), p(2026, 1)], 2025);
    expect(result).toEqual({
      ok: true,
      value: [
        { year: 2020, value: 3, interval: null },
        { year: 2022, value: 2.5, interval: null },
      ],
    });
  });

  it("sorts a series out of order, as the general path does", () => {
    const result = usablePoints(
      [p(2022, 2.5), p(2020, 3), p(2024, Number.NaN), p(2021, 2.8)],
      null,
    );
    expect(result.ok && result.value.map(x => x.year)).toEqual([2020, 2021, 2022]);
  });

  it("refuses a year given twice, whether it comes in order or not", () => {
    for (const series of [
      [p(2020, 3), p(2020, 3.1)],
      [p(2021, 3), p(2020, 2), p(2021, 3.1)],
    ]) {
      expect(usablePoints(series, null)).toMatchObject({ ok: false, reason: "DUPLICATE_YEAR" });
    }
  });

  it("does not count a year without a value as a duplicate", () => {
    const result = usablePoints([p(2020, null), p(2020, 3), p(2021, 2)], null);
    expect(result.ok && result.value.map(x => x.value)).toEqual([3, 2]);
  });
});

describe("usablePoints without a copy", () => {
  /** What usablePoints gives, written the plain way: filter, refuse duplicates, sort. */
  function reference(series: SeriesPoint[], endYear: number | null) {
    const kept = series.filter(
      x =>
        x.value !== null &&
        Number.isFinite(x.value) &&
        Number.isFinite(x.year) &&
        (endYear === null || x.year <= endYear),
    );
    const years = new Set(kept.map(x => x.year));
    if (years.size < kept.length) return { ok: false, reason: "DUPLICATE_YEAR" };
    return {
      ok: true,
      value: kept
        .map(x => ({ year: x.year, value: x.value, interval: x.interval ?? null }))
        .sort((a, b) => a.year - b.year),
    };
  }

  it("hands back the points themselves when all are usable, in order, up to the end year", () => {
    const series = [p(2020, 3), p(2021, 2.8), p(2022, 2.5), p(2026, 1), p(2027, null)];
    const result = usablePoints(series, 2025);
    expect(result.ok && result.value.length).toBe(3);
    expect(result.ok && result.value[0]).toBe(series[0]);
    const all = usablePoints(series.slice(0, 3), null);
    expect(all.ok && all.value).toBe(all.ok ? all.value : null);
    expect(all.ok && all.value[2]).toBe(series[2]);
  });

  it("gives what the plain way gives on 2,000 generated series", () => {
    // A small deterministic generator: years around the end year, some out of order, repeated,
    // without a value, NaN, or without an interval at all.
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(rnd() * 8);
      const series: SeriesPoint[] = [];
      let year = 2018 + Math.floor(rnd() * 3);
      for (let i = 0; i < length; i++) {
        const r = rnd();
        year += r < 0.08 ? -1 : r < 0.14 ? 0 : 1;
        const v = rnd();
        const value = v < 0.1 ? null : v < 0.13 ? Number.NaN : Math.round(v * 1000) / 10;
        const w = rnd();
        const interval = w < 0.1 ? undefined : w < 0.5 ? null : { lower: 1, upper: 2, level: 0.95 };
        series.push(interval === undefined ? { year, value } : { year, value, interval });
      }
      const endYear = rnd() < 0.3 ? null : 2021 + Math.floor(rnd() * 4);
      const got = usablePoints(series, endYear);
      const want = reference(series, endYear);
      if (!want.ok) expect(got).toMatchObject(want);
      else {
        expect(got.ok).toBe(true);
        const values = got.ok
          ? got.value.map(x => ({ year: x.year, value: x.value, interval: x.interval }))
          : [];
        expect(values).toEqual(want.value);
      }
    }
  });
});

describe("rememberedInterval", () => {
  it("gives the same bounds as poissonInterval, the same object each time", () => {
    const first = rememberedInterval(17);
    expect(first).toEqual(poissonInterval(17));
    expect(rememberedInterval(17)).toBe(first);
    // poissonInterval hands out copies: changing one does not change what is remembered.
    poissonInterval(17)!.lower = -1;
    expect(rememberedInterval(17)!.lower).toBeGreaterThan(0);
  });

  it("keeps levels apart and refuses what is not a count", () => {
    expect(rememberedInterval(5, 0.9)!.upper).toBeLessThan(rememberedInterval(5, 0.95)!.upper);
    expect(rememberedInterval(null)).toBeNull();
    expect(rememberedInterval(2.5)).toBeNull();
  });
});

describe("withDefaults", () => {
  it("copies the defaults without overrides, and applies overrides when given", () => {
    const copied = withDefaults(DEFAULT_THRESHOLDS_TARGET, undefined);
    expect(copied).toEqual({ onTrack: 0.95, acceleration: 0.6, limited: 0 });
    expect(copied).not.toBe(DEFAULT_THRESHOLDS_TARGET);
    expect(Object.isFrozen(copied)).toBe(false);
    expect(withDefaults(DEFAULT_THRESHOLDS_TARGET, { onTrack: 0.9 })).toEqual({
      onTrack: 0.9,
      acceleration: 0.6,
      limited: 0,
    });
  });
});
