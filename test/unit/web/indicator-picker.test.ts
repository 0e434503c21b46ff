import { describe, expect, it } from "vitest";
import {
  CATEGORY_ORDER,
  foldText,
  groupIndicators,
  type PickerIndicator,
} from "../../../web/src/lib/indicator-groups.js";
import { coverageGrid } from "../../../web/src/pages/indicator/coverage.js";

const indicators: PickerIndicator[] = [
  {
    code: "tr-osh-officers",
    nameVi: "Tỷ lệ người làm công tác ATVSLĐ được huấn luyện",
    nameEn: "OSH officers trained",
    category: "TRAINING",
  },
  {
    code: "oa-deaths",
    nameVi: "Số người chết vì tai nạn lao động",
    nameEn: "Deaths from occupational accidents",
    category: "ACCIDENTS",
  },
  {
    code: "oa-victims",
    nameVi: "Số người bị nạn",
    nameEn: "Occupational-accident victims",
    category: "ACCIDENTS",
  },
  {
    code: "oa-fatal-investigated",
    nameVi: "Tỷ lệ vụ tai nạn lao động chết người được điều tra",
    nameEn: "Fatal accidents investigated",
    category: "ACCIDENTS",
  },
  { code: "oa-days", nameVi: "Đơn vị báo cáo", nameEn: "Reporting units", category: "ACCIDENTS" },
  { code: "oa-d", nameVi: "Dân số lao động", nameEn: "Labour population", category: "ACCIDENTS" },
  { code: "population", nameVi: "Dân số", nameEn: "Population", category: "CONTEXT" },
  {
    code: "od-cases",
    nameVi: "Số trường hợp mắc bệnh nghề nghiệp",
    nameEn: "Occupational-disease cases",
    category: "DISEASE_CHECKUPS",
  },
];

describe("groupIndicators", () => {
  it("groups by theme in the fixed order, leaving out empty themes, with translated labels", () => {
    const groups = groupIndicators(indicators, "vi");
    expect(groups.map(g => g.category)).toEqual([
      "ACCIDENTS",
      "DISEASE_CHECKUPS",
      "TRAINING",
      "CONTEXT",
    ]);
    expect(groups[0].label).toBe("Tai nạn lao động");
    expect(groupIndicators(indicators, "en")[0].label).toBe("Occupational accidents");
    expect(CATEGORY_ORDER).toHaveLength(5);
  });

  it("sorts each group by Vietnamese collation (Đ after D, by letter then tone)", () => {
    const accidents = groupIndicators(indicators, "vi")[0].options.map(o => o.label);
    expect(accidents).toEqual([
      "Dân số lao động",
      "Đơn vị báo cáo",
      "Số người bị nạn",
      "Số người chết vì tai nạn lao động",
      "Tỷ lệ vụ tai nạn lao động chết người được điều tra",
    ]);
    // In English the same group follows English names.
    expect(groupIndicators(indicators, "en")[0].options.map(o => o.code)).toEqual([
      "oa-deaths",
      "oa-fatal-investigated",
      "oa-d",
      "oa-victims",
      "oa-days",
    ]);
  });

  it("filters by every typed word, with or without diacritics, in either language or the code", () => {
    const codes = (q: string) =>
      groupIndicators(indicators, "vi", q).flatMap(g => g.options.map(o => o.code));
    expect(codes("chết")).toEqual(["oa-deaths", "oa-fatal-investigated"]);
    expect(codes("chet nguoi")).toEqual(["oa-deaths", "oa-fatal-investigated"]);
    expect(codes("chet dieu tra")).toEqual(["oa-fatal-investigated"]);
    expect(codes("  BỆNH  ")).toEqual(["od-cases"]);
    expect(codes("deaths")).toEqual(["oa-deaths"]);
    expect(codes("population")).toEqual(["oa-d", "population"]);
    expect(codes("don vi bao")).toEqual(["oa-days"]);
    expect(codes("no such thing")).toEqual([]);
    expect(groupIndicators(indicators, "vi", "zzz")).toEqual([]);
  });

  it("folds diacritics and đ", () => {
    expect(foldText("Đơn vị Tử vong")).toBe("don vi tu vong");
  });
});

describe("coverageGrid", () => {
  const obs = (
    unit: string,
    year: number,
    extra: Partial<{
      period: string;
      disaggregation: string;
      illustrative: boolean;
      level: string;
    }> = {},
  ) => ({
    year,
    period: extra.period ?? "YEAR",
    disaggregation: extra.disaggregation ?? "TOTAL",
    illustrative: extra.illustrative ?? false,
    unit: { code: unit, level: extra.level ?? "PROVINCE" },
  });

  it("marks whole-year totals, partial values and gaps; nation first; official values only", () => {
    const grid = coverageGrid([
      obs("hai-phong-63", 2024, { period: "H1" }),
      obs("hai-duong-63", 2022),
      obs("hai-duong-63", 2024, { disaggregation: "WITHOUT_LABOUR_RELATIONS" }),
      obs("vn", 2023, { level: "NATION" }),
      obs("ha-noi", 2030, { illustrative: true }),
    ]);
    expect(grid.years).toEqual([2022, 2023, 2024]);
    expect(grid.rows.map(r => r.unit)).toEqual(["vn", "hai-duong-63", "hai-phong-63"]);
    const marks = Object.fromEntries(grid.rows.map(r => [r.unit, r.cells.map(c => c.mark)]));
    expect(marks).toEqual({
      vn: ["NONE", "FULL", "NONE"],
      "hai-duong-63": ["FULL", "NONE", "PARTIAL"],
      "hai-phong-63": ["NONE", "NONE", "PARTIAL"],
    });
  });

  it("is empty when there is no official value", () => {
    expect(coverageGrid([obs("vn", 2020, { illustrative: true })])).toEqual({
      years: [],
      rows: [],
    });
  });
});
