import { describe, expect, it } from "vitest";
import { asReportedCounts, poissonInterval } from "../../../server/analytics/index.js";
import { asReportedPoints, type YearValues } from "../../../server/analytics-api/series-values.js";

/**
 * The as-reported series built straight from the chosen values gives the points the general
 * path gave (asReportedCounts, then rates, intervals, data sets and gaps), on a rate whose
 * count and denominator miss different years and mix data sets, and on a plain count.
 */
const values = (rows: [number, number, boolean][]): YearValues => ({
  years: rows.map(r => r[0]),
  values: rows.map(r => r[1]),
  official: rows.map(r => r[2]),
});

describe("asReportedPoints", () => {
  const deaths = values([
    [2019, 12, true],
    [2020, 10, false],
    [2022, 8, true],
  ]);
  const employed = values([
    [2020, 500_000, true],
    [2021, 510_000, true],
    [2022, 520_000, false],
  ]);

  it("a rate: union of the years, a gap where either side is missing", () => {
    const points = asReportedPoints("hn", deaths, employed, true, 100_000);
    // The reference: the general path's counts, one unit as reported.
    const reference = asReportedCounts(
      {
        hn: [
          { year: 2019, count: 12, denominator: null },
          { year: 2020, count: 10, denominator: 500_000 },
          { year: 2021, count: null, denominator: 510_000 },
          { year: 2022, count: 8, denominator: 520_000 },
        ],
      },
      "hn",
      100_000,
    );
    expect(points.map(p => p.year)).toEqual([2019, 2020, 2021, 2022]);
    expect(points.map(p => p.value)).toEqual(reference.points.map(p => p.value));
    expect(points.map(p => p.gap)).toEqual(["DENOMINATOR_MISSING", null, "COUNT_MISSING", null]);
    expect(points.map(p => p.missingFrom)).toEqual([["hn"], [], ["hn"], []]);
    expect(points.map(p => p.dataset)).toEqual([
      "OFFICIAL",
      "ILLUSTRATIVE",
      "OFFICIAL",
      "ILLUSTRATIVE",
    ]);
    const interval = poissonInterval(10)!;
    expect(points[1].interval).toEqual({
      lower: interval.lower * (100_000 / 500_000),
      upper: interval.upper * (100_000 / 500_000),
      level: 0.95,
    });
    expect(points[0].interval).toBeNull();
    expect(points[1]).toMatchObject({ count: 10, denominator: 500_000, components: ["hn"] });
    // JSON gives the fields worked out when read, too.
    expect(JSON.parse(JSON.stringify(points))[1]).toMatchObject({
      interval: points[1].interval,
      dataset: "ILLUSTRATIVE",
      missingFrom: [],
      gap: null,
    });
  });

  it("a count: its own years, no denominator, no interval", () => {
    const points = asReportedPoints("hn", deaths, undefined, false, 1);
    // Every field, as a reader (GraphQL) reads them one by one and as JSON gives them: the
    // points work out their data set, interval, components and gap when read.
    const read = points.map(p => ({
      year: p.year,
      value: p.value,
      count: p.count,
      denominator: p.denominator,
      interval: p.interval,
      dataset: p.dataset,
      illustrative: p.illustrative,
      components: p.components,
      missingFrom: p.missingFrom,
      gap: p.gap,
    }));
    expect(JSON.parse(JSON.stringify(points))).toEqual(read);
    expect(read).toEqual(
      [
        [2019, 12, "OFFICIAL"],
        [2020, 10, "ILLUSTRATIVE"],
        [2022, 8, "OFFICIAL"],
      ].map(([year, value, dataset]) => ({
        year,
        value,
        count: null,
        denominator: null,
        interval: null,
        dataset,
        illustrative: dataset === "ILLUSTRATIVE",
        components: ["hn"],
        missingFrom: [],
        gap: null,
      })),
    );
  });

  it("no values: no points", () => {
    expect(asReportedPoints("hn", undefined, undefined, true, 100_000)).toEqual([]);
  });
});
