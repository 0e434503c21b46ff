import { describe, expect, it } from "vitest";
import { buildCheckupOption } from "../../../../web/src/charts/checkup/option.js";
import {
  ARCHIPELAGOS,
  buildMapOption,
  valueExtent,
} from "../../../../web/src/charts/map/option.js";
import {
  buildOverLimitOption,
  shareOverLimit,
} from "../../../../web/src/charts/monitoring/option.js";
import { buildResponsibilityOption } from "../../../../web/src/charts/responsibility/option.js";
import { sparklineGeometry } from "../../../../web/src/charts/sparkline/path.js";

describe("monitoring option", () => {
  it("computes the share from counts, null without samples", () => {
    expect(shareOverLimit({ samples: 200, overLimit: 30 })).toBe(15);
    expect(shareOverLimit({ samples: 0, overLimit: 0 })).toBeNull();
    expect(shareOverLimit({ samples: null, overLimit: 3 })).toBeNull();
  });

  it("has one bar series per unit", () => {
    const option = buildOverLimitOption({
      locale: "vi",
      title: "x",
      categories: ["Bụi", "Ồn"],
      series: [
        {
          code: "hai-phong-34",
          label: "Hải Phòng",
          cells: [
            { samples: 100, overLimit: 5 },
            { samples: null, overLimit: null },
          ],
        },
      ],
    }) as Record<string, any>;
    expect(option.yAxis.data).toEqual(["Bụi", "Ồn"]);
    expect(option.series[0].data).toEqual([5, null]);
    expect(option.series[0].label.formatter({ value: null })).toBe("Không có số liệu");
  });
});

describe("checkup option", () => {
  it("puts examined on the first axis and stacks cases by disease on the second", () => {
    const option = buildCheckupOption({
      locale: "en",
      title: "x",
      illustrative: true,
      years: [2023, 2024],
      examined: [1000, null],
      diseases: [{ label: "Silicosis", cases: [12, null] }],
    }) as Record<string, any>;
    expect(option.series.map((s: any) => s.data)).toEqual([
      [1000, null],
      [12, null],
    ]);
    expect(option.series[1]).toEqual(expect.objectContaining({ yAxisIndex: 1, stack: "cases" }));
    expect(option.series[0].name).toBe("Workers examined");
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).toContain("No data");
  });
});

describe("responsibility option", () => {
  it("places each role at (target, agency) with a text code", () => {
    const option = buildResponsibilityOption({
      locale: "vi",
      title: "x",
      agencies: ["Sở Nội vụ", "Sở Y tế"],
      targets: ["1", "2"],
      cells: [
        { agency: "Sở Y tế", target: "2", role: "LEAD" },
        { agency: "Sở Nội vụ", target: "9", role: "LEAD" },
      ],
    }) as Record<string, any>;
    expect(option.series[0].data).toEqual([
      expect.objectContaining({ value: [1, 1, 3], role: "LEAD" }),
    ]);
    expect(option.series[0].label.formatter({ data: { role: "COORDINATE" } })).toBe("PH");
    expect(option.visualMap.pieces.map((p: any) => p.label)).toEqual([
      "CT = Chủ trì",
      "PH = Phối hợp",
      "HT = Hỗ trợ",
    ]);
  });
});

describe("map option", () => {
  const items = [
    { code: "hai-phong-34", name: "Hải Phòng", value: 2.5, status: "ON_TRACK" },
    { code: "ha-noi", name: "Hà Nội", value: null, status: null },
  ];

  it("matches regions by code and leaves unknown values empty", () => {
    const option = buildMapOption({
      locale: "vi",
      mapName: "vn-34",
      mode: "value",
      title: "x",
      measure: "PERCENT",
      items,
    }) as Record<string, any>;
    expect(option.series[0].nameProperty).toBe("code");
    expect(option.series[0].data.slice(0, 2)).toEqual([
      { name: "hai-phong-34", value: 2.5 },
      { name: "ha-noi", value: "-" },
    ]);
    expect(valueExtent(items)).toEqual([2.5, 2.5]);
  });

  it("labels status colours with words", () => {
    const option = buildMapOption({
      locale: "vi",
      mapName: "vn-34",
      mode: "status",
      title: "x",
      measure: "PERCENT",
      items,
    }) as Record<string, any>;
    expect(option.series[0].data[0].value).toBe(1);
    expect(option.visualMap.pieces[1].label).toBe("↗ Đúng tiến độ");
    expect(option.tooltip.formatter({ name: "ha-noi" })).toContain("Không có số liệu");
  });
});

describe("map option: the archipelagos", () => {
  const input = (locale: "vi" | "en", mode: "value" | "status") =>
    buildMapOption({
      locale,
      mapName: "vn-63",
      mode,
      title: "Tai nạn",
      measure: "COUNT",
      items: [{ code: "da-nang-63", name: "Đà Nẵng", value: 3 }],
    }) as Record<string, any>;

  it("draws Hoàng Sa and Trường Sa as labelled, dark, data-free island symbols in both modes", () => {
    for (const mode of ["value", "status"] as const) {
      const data = input("vi", mode).series[0].data;
      const islands = data.filter((d: any) => ARCHIPELAGOS.some(a => a.code === d.name));
      expect(islands.map((d: any) => d.name)).toEqual(["hoang-sa", "truong-sa"]);
      for (const island of islands) {
        expect(island.value).toBe("-");
        expect(island.label.show).toBe(true);
        expect(island.itemStyle.areaColor).toMatch(/^#/);
      }
      expect(islands.map((d: any) => d.label.formatter.replace("\n", " "))).toEqual([
        "QĐ. Hoàng Sa (Đà Nẵng)",
        "QĐ. Trường Sa (Khánh Hòa)",
      ]);
    }
  });

  it("names them in English, in the tooltip and in the screen-reader description", () => {
    const option = input("en", "value");
    const labels = option.series[0].data
      .slice(1)
      .map((d: any) => d.label.formatter.replace("\n", " "));
    expect(labels).toEqual(["Hoàng Sa Archipelago (Đà Nẵng)", "Trường Sa Archipelago (Khánh Hòa)"]);
    expect(option.tooltip.formatter({ name: "truong-sa" })).toContain(
      "Trường Sa Archipelago (Khánh Hòa)",
    );
    expect(option.aria.label.description).toContain("Hoàng Sa Archipelago (Đà Nẵng)");
    expect(option.aria.label.description).toContain("Trường Sa Archipelago (Khánh Hòa)");
  });
});

describe("sparkline", () => {
  it("breaks the line at gaps", () => {
    const geometry = sparklineGeometry(
      [
        { year: 2020, value: 1 },
        { year: 2021, value: 3 },
        { year: 2022, value: null },
        { year: 2023, value: 2 },
      ],
      100,
      20,
      0,
    );
    expect(geometry.path).toBe("M0 20 L33.3 0 M100 10");
    expect(geometry.dots).toHaveLength(3);
    expect(sparklineGeometry([{ year: 2020, value: null }], 100, 20).path).toBe("");
  });
});
