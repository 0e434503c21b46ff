import { describe, expect, it } from "vitest";
import { BOM, parseCsv, VALUE_COLUMNS, valuesToCsv } from "../../../web/src/lib/csv.js";
import {
  gradeText,
  pointProvenance,
  provenanceColumns,
  provenanceLines,
  seriesValueRows,
  valueKey,
  type ValueProvenance,
} from "../../../web/src/lib/provenance.js";

const moLisa = {
  code: "molisa-2024",
  title: "Thông báo tình hình tai nạn lao động năm 2024",
  publisher: "Bộ Lao động - Thương binh và Xã hội",
  publishedOn: "2025-03-01",
  documentNumber: "1234/TB-LĐTBXH",
  url: "https://example.gov.vn/tb",
  grade: "A" as const,
};
const news = {
  code: "news-hp",
  title: "Hải Phòng phát động Tháng hành động",
  publisher: "Báo Hải Phòng",
  publishedOn: null,
  url: "https://baohaiphong.vn/x",
  grade: "B" as const,
};
const aggregator = { code: "agg", title: "Tổng hợp số liệu", grade: "C" as const };

const disputed: ValueProvenance = {
  status: "OFFICIAL",
  grade: "B",
  source: news,
  quote: "xảy ra 191 vụ tai nạn lao động",
  disputed: true,
  alternatives: [
    { value: 8206, rejected: true, note: "số toàn quốc, không phải của tỉnh", source: aggregator },
    { value: 190, rejected: false, source: moLisa },
  ],
};

describe("provenanceLines", () => {
  it("names status, source with publisher, date, number and URL, grade with its meaning", () => {
    const lines = provenanceLines({ status: "OFFICIAL", grade: "A", source: moLisa }, "vi");
    expect(lines).toEqual([
      "Trạng thái: chính thức",
      "Nguồn: Thông báo tình hình tai nạn lao động năm 2024 (1234/TB-LĐTBXH) · Bộ Lao động - Thương binh và Xã hội · 01/03/2025 · https://example.gov.vn/tb",
      "Độ tin cậy: A (văn bản chính thức)",
    ]);
    expect(provenanceLines({ status: "PROVISIONAL", source: moLisa }, "en")[2]).toBe(
      "Grade: A (official text)",
    );
  });

  it("lists every alternative of a disputed value with its own source and grade", () => {
    const lines = provenanceLines(disputed, "en", v => `${v} accidents`);
    expect(lines).toContain("Quote: “xảy ra 191 vụ tai nạn lao động”");
    expect(lines).toContain(
      "Rejected value: 8206 accidents — Tổng hợp số liệu, grade C (aggregator or translated page) (số toàn quốc, không phải của tỉnh)",
    );
    expect(
      lines.some(l =>
        l.startsWith("Another source gives a different value: 190 accidents — Thông báo"),
      ),
    ).toBe(true);
    expect(gradeText("B", "vi")).toBe("B (báo chí chính thống dẫn cơ quan có thẩm quyền)");
  });

  it("says illustrative values are generated, and derived values what they come from", () => {
    expect(provenanceLines({ status: "ILLUSTRATIVE" }, "vi")).toEqual([
      "Trạng thái: minh họa",
      "Số liệu do máy tạo để minh họa, không phải số liệu thật",
    ]);
    const index = new Map([
      [valueKey("oa-deaths", "hai-phong-63", 2024), disputed],
      [
        valueKey("oa-deaths", "hai-duong-63", 2024),
        { status: "OFFICIAL" as const, source: moLisa },
      ],
    ]);
    const point = {
      year: 2024,
      value: 33,
      illustrative: false,
      components: ["hai-phong-63", "hai-duong-63"],
    };
    const derived = pointProvenance(index, "oa-deaths", "hai-phong-34", point, c =>
      c.toUpperCase(),
    );
    expect(derived?.status).toBe("DERIVED");
    const lines = provenanceLines(derived, "en");
    expect(lines[0]).toBe("Status: derived");
    expect(lines).toContain("Derived from: HAI-PHONG-63 + HAI-DUONG-63");
    expect(lines.some(l => l.startsWith("  · HAI-DUONG-63: Source: Thông báo"))).toBe(true);
    // A rate: computed from its count and denominator.
    const rate = pointProvenance(
      index,
      "oa-fatal-frequency",
      "hai-phong-63",
      { year: 2024, value: 2, illustrative: false },
      undefined,
      [
        { indicator: "oa-deaths", label: "deaths" },
        { indicator: "employed-population", label: "employed" },
      ],
    );
    expect(provenanceLines(rate, "en")).toContain("Derived from: deaths + employed");
    expect(provenanceLines(null, "vi")).toEqual(["Nguồn: không rõ nguồn"]);
  });
});

describe("value CSV", () => {
  it("writes one row per value: numbers as numbers, BOM, context columns, neutralised text", () => {
    const index = new Map([[valueKey("oa-accidents", "hai-phong-63", 2024), disputed]]);
    const rows = seriesValueRows({
      locale: "vi",
      indicator: { code: "oa-accidents", name: "Số vụ tai nạn lao động" },
      unitOfMeasure: "số lượng",
      unitName: () => "=Hải Phòng",
      series: [
        {
          unit: { code: "hai-phong-63" },
          points: [
            { year: 2023, value: 1234.5, illustrative: true },
            { year: 2024, value: 191, illustrative: false },
          ],
        },
      ],
      years: [2022, 2023, 2024],
      index,
    });
    const text = valuesToCsv(rows);
    expect(text.startsWith(BOM)).toBe(true);
    const cells = parseCsv(text);
    expect(cells[0]).toEqual([...VALUE_COLUMNS]);
    expect(cells[1]).toEqual([
      "hai-phong-63",
      "'=Hải Phòng",
      "oa-accidents",
      "Số vụ tai nạn lao động",
      "2022",
      "",
      "số lượng",
      "",
      "",
      "",
      "",
      "false",
      "không có số liệu",
    ]);
    expect(cells[2].slice(4, 9)).toEqual([
      "2023",
      "1234.5",
      "số lượng",
      "ILLUSTRATIVE",
      "ILLUSTRATIVE",
    ]);
    expect(cells[2][12]).toContain("minh họa");
    expect(cells[3].slice(5, 12)).toEqual([
      "191",
      "số lượng",
      "OFFICIAL",
      "OFFICIAL",
      "Hải Phòng phát động Tháng hành động · Báo Hải Phòng · https://baohaiphong.vn/x",
      "B",
      "true",
    ]);
    expect(cells[3][12]).toContain("Số đã loại: 8206");
    // Negative plain numbers are left alone.
    expect(parseCsv(valuesToCsv([{ ...rows[1], value: -5 }]))[1][5]).toBe("-5");
  });

  it("provenance columns of an unknown value say so", () => {
    expect(provenanceColumns(null, "en").note).toBe("source not recorded");
  });
});
