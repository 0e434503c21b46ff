import { describe, expect, it } from "vitest";
import {
  alignToYears,
  buildCompareOption,
  yearsBetween,
} from "../../../../web/src/charts/compare/option.js";

const input = {
  locale: "vi" as const,
  measure: "RATE_PER_100K" as const,
  indicatorName: "Tần suất tai nạn lao động chết người",
  fromYear: 2020,
  toYear: 2023,
  series: [
    {
      code: "vn",
      label: "Toàn quốc",
      points: [
        { year: 2020, value: 1.1 },
        { year: 2022, value: 1.0 },
      ],
    },
    {
      code: "hai-phong-34",
      label: "Hải Phòng",
      points: [{ year: 2021, value: 2 }],
      illustrative: true,
    },
  ],
  trajectories: [
    {
      code: "vn",
      label: "Toàn quốc",
      points: [
        { year: 2020, value: 1.1 },
        { year: 2023, value: 0.97 },
      ],
    },
  ],
  nationalTarget: { value: 0.9, label: "Mục tiêu quốc gia" },
};

describe("compare option", () => {
  it("lists the years and leaves gaps for missing values", () => {
    expect(yearsBetween(2020, 2023)).toEqual([2020, 2021, 2022, 2023]);
    expect(
      alignToYears(
        [
          { year: 2021, value: 5 },
          { year: 2023, value: null },
        ],
        [2020, 2021, 2022, 2023],
      ),
    ).toEqual([null, 5, null, null]);
  });

  it("draws actual series, dashed trajectories and the national target", () => {
    const option = buildCompareOption(input) as Record<string, any>;
    expect(option.animation).toBe(false);
    expect(option.xAxis.data).toEqual(["2020", "2021", "2022", "2023"]);
    expect(option.series).toHaveLength(3);
    expect(option.series[0]).toEqual(
      expect.objectContaining({
        type: "line",
        name: "Toàn quốc",
        data: [1.1, null, 1.0, null],
        connectNulls: false,
      }),
    );
    expect(option.series[0].itemStyle.color).toBe("#000000");
    expect(option.series[1].name).toBe("Hải Phòng (Dữ liệu minh họa)");
    expect(option.series[2]).toEqual(
      expect.objectContaining({
        name: "Lộ trình cần đạt: Toàn quốc",
        lineStyle: expect.objectContaining({ type: "dashed" }),
      }),
    );
    expect(option.series[0].markLine.data).toEqual([{ yAxis: 0.9 }]);
    expect(option.series[0].markLine.label.formatter).toBe("Mục tiêu quốc gia: 0,9 /100.000 LĐ");
  });

  it('says "no data" in the tooltip for a gap', () => {
    const option = buildCompareOption({ ...input, locale: "en" }) as Record<string, any>;
    const html = option.tooltip.formatter([
      { seriesName: "Hải Phòng", value: null, axisValue: "2020" },
    ]);
    expect(html).toContain("No data");
    expect(html).not.toMatch(/: <b>0/);
  });
});
