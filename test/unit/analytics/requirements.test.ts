import { describe, expect, it } from "vitest";
import {
  missingForTarget,
  reportingUnitsFor,
  valuesNeededFor,
  type RequirementTarget,
} from "../../../server/analytics/requirements.js";

// The fatal-accident rate of NQ 19 as Hải Dương's plan restates it: −4 %/year from 2020 to 2025,
// computed from deaths and employed workers.
const fatalRate: RequirementTarget = {
  key: "hd 1",
  kind: "ANNUAL_RATE",
  indicator: "oa-fatal-frequency",
  rateOf: { numerator: "oa-deaths", denominator: "employed-population" },
  baseYear: 2020,
  startYear: 2021,
  endYear: 2025,
};
const examined: RequirementTarget = {
  key: "hp 2a",
  kind: "ANNUAL_RATE",
  indicator: "od-workers-examined",
  baseYear: 2022,
  startYear: 2023,
  endYear: 2025,
};
const level: RequirementTarget = {
  key: "hp 3",
  kind: "LEVEL",
  indicator: "tr-managers-district-zone",
  baseYear: null,
  startYear: 2023,
  endYear: 2025,
};
const all: RequirementTarget = {
  ...level,
  key: "hp 8",
  kind: "ALL",
  indicator: "oa-fatal-investigated",
};

const knownFrom = (values: string[]) => (indicator: string, year: number) =>
  values.includes(`${indicator}|${year}`);

describe("valuesNeededFor", () => {
  it("asks for the year's value and the base year of an annual-rate target, and both parts of a rate", () => {
    const needs = valuesNeededFor([fatalRate, examined], 2024);
    expect(needs.map(n => `${n.indicator}|${n.year}|${n.baseYear}|${n.targets.join()}`)).toEqual([
      "employed-population|2020|true|hd 1",
      "oa-deaths|2020|true|hd 1",
      "od-workers-examined|2022|true|hp 2a",
      "employed-population|2024|false|hd 1",
      "oa-deaths|2024|false|hd 1",
      "od-workers-examined|2024|false|hp 2a",
    ]);
  });

  it("asks for the base year itself in the base year, and nothing outside a target's years", () => {
    expect(valuesNeededFor([examined], 2022)).toEqual([
      { indicator: "od-workers-examined", year: 2022, baseYear: true, targets: ["hp 2a"] },
    ]);
    expect(valuesNeededFor([examined, level], 2021)).toEqual([]);
    expect(valuesNeededFor([examined], 2026)).toEqual([]);
  });

  it("merges a value two targets need into one line naming both", () => {
    const again = { ...examined, key: "nq19 ba", baseYear: 2020, startYear: 2021 };
    const needs = valuesNeededFor([examined, again], 2024);
    expect(needs.find(n => n.year === 2024)).toEqual({
      indicator: "od-workers-examined",
      year: 2024,
      baseYear: false,
      targets: ["hp 2a", "nq19 ba"],
    });
  });
});

describe("missingForTarget", () => {
  it("names the base-year counts and the denominators a rate still lacks (the issue's example)", () => {
    // Deaths are known for 2024 only: the base year needs both parts, 2024 its denominator.
    const missing = missingForTarget(fatalRate, knownFrom(["oa-deaths|2024"]), 2025);
    expect(missing).toEqual([
      { indicator: "employed-population", year: 2020, baseYear: true },
      { indicator: "employed-population", year: 2024, baseYear: false },
      { indicator: "oa-deaths", year: 2020, baseYear: true },
    ]);
  });

  it("is empty once the base year and a later year are known", () => {
    const known = knownFrom(["od-workers-examined|2022", "od-workers-examined|2024"]);
    expect(missingForTarget(examined, known, 2025)).toEqual([]);
    expect(missingForTarget(examined, knownFrom(["od-workers-examined|2024"]), 2025)).toEqual([
      { indicator: "od-workers-examined", year: 2022, baseYear: true },
    ]);
  });

  it("asks a level target for two years, preferring years already reported, then later ones", () => {
    expect(missingForTarget(level, knownFrom([]), 2025).map(m => m.year)).toEqual([2024, 2025]);
    expect(missingForTarget(level, knownFrom(["tr-managers-district-zone|2023"]), 2025)).toEqual([
      { indicator: "tr-managers-district-zone", year: 2025, baseYear: false },
    ]);
    expect(missingForTarget(all, knownFrom([]), 2024)).toEqual([
      { indicator: "oa-fatal-investigated", year: 2024, baseYear: false },
    ]);
  });

  it("does not look past the last reportable year, nor ask for a base year twice", () => {
    const missing = missingForTarget(examined, knownFrom([]), 2022);
    expect(missing).toEqual([
      { indicator: "od-workers-examined", year: 2022, baseYear: true },
      { indicator: "od-workers-examined", year: 2023, baseYear: false },
    ]);
  });
});

describe("reportingUnitsFor", () => {
  const hp34 = { code: "hai-phong-34", fromYear: 2025, toYear: null };
  const before = [
    { code: "hai-phong-63", fromYear: null, toYear: 2025 },
    { code: "hai-duong-63", fromYear: null, toYear: 2025 },
  ];
  it("gives the former provinces for a year before the merger, the unit itself after", () => {
    expect(reportingUnitsFor(hp34, before, 2020)).toEqual(["hai-phong-63", "hai-duong-63"]);
    expect(reportingUnitsFor(hp34, before, 2025)).toEqual(["hai-phong-34"]);
    expect(reportingUnitsFor(before[0], [], 2026)).toEqual([]);
  });
});
