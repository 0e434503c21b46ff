import { describe, expect, it } from "vitest";
import { BOM, fileSlug, parseCsv, tableToCsv, toCsv } from "../../../web/src/lib/csv.js";
import type { TableModel } from "../../../web/src/lib/table.js";

const table: TableModel = {
  columns: [
    { key: "unit", label: "Đơn vị" },
    { key: "value", label: "Giá trị", numeric: true },
  ],
  rows: [
    { unit: "Hải Phòng", value: "1.234,5" },
    { unit: 'Hải Dương, "cũ"', value: null },
  ],
};

describe("csv", () => {
  it("starts with a BOM and quotes where needed", () => {
    const csv = tableToCsv(table, "vi");
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(
      `${BOM}Đơn vị,Giá trị\r\nHải Phòng,"1.234,5"\r\n"Hải Dương, ""cũ""",Không có số liệu\r\n`,
    );
  });

  it("parses back to the same cells", () => {
    expect(parseCsv(tableToCsv(table, "en"))).toEqual([
      ["Đơn vị", "Giá trị"],
      ["Hải Phòng", "1.234,5"],
      ['Hải Dương, "cũ"', "No data"],
    ]);
  });

  it("formula injection: neutralises every cell a spreadsheet would run, but keeps numbers numeric", () => {
    const cells = [
      '=HYPERLINK("http://x","y")',
      "+cmd|' /C calc'!A0",
      "-1+1",
      "@SUM(A1:A9)",
      "\tx",
      "\rx",
      "-",
      "=",
      "+5+5",
      "-2e3",
    ];
    const back = parseCsv(toCsv([cells]))[0];
    // OWASP: a leading quote makes the cell text; the text itself is kept after it.
    expect(back).toEqual(cells.map(c => `'${c}`));
    const numbers = [
      "-5",
      "-0.3",
      "+7",
      "12",
      "-1.234,5",
      "-1,234.5",
      "3,5",
      "-12%",
      "-2,6 %/năm",
      "+2.6%/year",
      "",
      "Hải Phòng",
      "x=1",
      "a-b",
    ];
    expect(parseCsv(toCsv([numbers]))[0]).toEqual(numbers);
    expect(parseCsv(toCsv([[-5, -0.3, 0]]))[0]).toEqual(["-5", "-0.3", "0"]);
    const table: TableModel = {
      columns: [{ key: "v", label: "=1+1" }],
      rows: [{ v: -2 }, { v: "@x" }],
    };
    expect(parseCsv(tableToCsv(table, "vi"))).toEqual([["'=1+1"], ["-2"], ["'@x"]]);
  });

  it("makes safe file names from Vietnamese titles", () => {
    expect(fileSlug("So sánh: Tần suất tai nạn chết người")).toBe(
      "so-sanh-tan-suat-tai-nan-chet-nguoi",
    );
    expect(fileSlug("Đ!")).toBe("d");
  });
});
