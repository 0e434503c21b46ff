import { describe, expect, it } from "vitest";
import {
  fillYears,
  rankUnits,
  yearOverYear,
  type Direction,
} from "../../../server/analytics/index.js";

describe("yearOverYear", () => {
  const rows = yearOverYear([
    { year: 2021, value: 12 },
    { year: 2020, value: 10 },
    { year: 2022, value: null },
    { year: 2023, value: 9 },
    { year: 2024, value: 0 },
    { year: 2025, value: 9 },
    { year: 2027, value: 8 },
  ]);

  it.each([
    [2020, null, null, null], // no 2019
    [2021, 10, 2, 20], // 12 − 10 = 2; 2 / 10 = +20 %
    [2022, 10 + 2, null, null], // the value itself is missing
    [2023, null, null, null], // 2022 is missing, so no change is claimed over two years
    [2024, 9, -9, -100], // 0 − 9 = −9; −9 / 9 = −100 %
    [2025, 0, 9, null], // 9 − 0 = 9; per cent undefined from 0
    [2027, null, null, null], // 2026 absent
  ])("%i: previous %s, change %s, %s %%", (year, previous, change, percent) => {
    expect(rows.find(r => r.year === year)).toMatchObject({
      previousValue: previous,
      change,
      percentChange: percent,
    });
  });
});

describe("rankUnits", () => {
  const values = [
    { unit: "HD", value: 3.0 },
    { unit: "HP", value: 2.5 },
    { unit: "QN", value: null },
    { unit: "BN", value: 2.5 },
    { unit: "TB", value: 4.0 },
  ];

  it.each<[Direction, [string, number | null][]]>([
    // Lower is better: 2.5, 2.5 share rank 1; 3.0 is 3rd (two did better); null unranked last
    [
      "DECREASE",
      [
        ["HP", 1],
        ["BN", 1],
        ["HD", 3],
        ["TB", 4],
        ["QN", null],
      ],
    ],
    [
      "INCREASE",
      [
        ["TB", 1],
        ["HD", 2],
        ["HP", 3],
        ["BN", 3],
        ["QN", null],
      ],
    ],
  ])("%s", (direction, expected) => {
    expect(rankUnits(values, direction).map(r => [r.unit, r.rank])).toEqual(expected);
  });
});

describe("fillYears", () => {
  it("makes gaps explicit as nulls", () => {
    expect(fillYears([{ year: 2021, value: 5 }], 2020, 2022)).toEqual([
      { year: 2020, value: null },
      { year: 2021, value: 5 },
      { year: 2022, value: null },
    ]);
  });
});
