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
