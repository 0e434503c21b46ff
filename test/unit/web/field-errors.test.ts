import { describe, expect, it } from "vitest";
import {
  errorText,
  fieldError,
  parseNumberInput,
  withNames,
} from "../../../web/src/lib/field-errors.js";
import { translator } from "../../../web/src/lib/i18n.js";

describe("parseNumberInput", () => {
  it("reads Vietnamese and English number formats", () => {
    expect(parseNumberInput("1.234,5")).toBe(1234.5);
    expect(parseNumberInput("1,234.5")).toBe(1234.5);
    expect(parseNumberInput("12,5")).toBe(12.5);
    expect(parseNumberInput("210.000")).toBe(210000);
    expect(parseNumberInput("210000")).toBe(210000);
    expect(parseNumberInput(" 85 ")).toBe(85);
  });
  it("refuses letters, empty text and two decimal marks", () => {
    expect(parseNumberInput("abc")).toBeNull();
    expect(parseNumberInput("12a")).toBeNull();
    expect(parseNumberInput("")).toBeNull();
    expect(parseNumberInput("1.2.3,4,5")).toBeNull();
  });
});

describe("fieldError", () => {
  it("names the field and recognises the server's value checks", () => {
    expect(
      fieldError({
        message: "value is a percentage (tr-osh-officers) and must be between 0 and 100, got 120",
        extensions: { code: "BAD_USER_INPUT", field: "value" },
      }),
    ).toEqual({
      field: "value",
      key: "error.percent",
      message: "value is a percentage (tr-osh-officers) and must be between 0 and 100, got 120",
    });
    expect(fieldError({ message: "x", extensions: { code: "FORBIDDEN" } }).key).toBe(
      "error.forbidden",
    );
    expect(
      fieldError({ message: "Unknown thing", extensions: { code: "BAD_USER_INPUT" } }),
    ).toEqual({
      field: null,
      key: null,
      message: "Unknown thing",
    });
  });
});

describe("refusals with a reason", () => {
  const vi = translator("vi");
  const en = translator("en");
  const refusal = (reason: string, values?: Record<string, unknown>, field = "year") => ({
    message: "English text from the server",
    extensions: { code: "BAD_USER_INPUT", field, reason, ...(values ? { values } : {}) },
  });

  it("words a value that exists already with what the server named", () => {
    const error = fieldError(
      refusal("ALREADY_EXISTS", { indicator: "oa-deaths", unit: "hai-phong", year: 2024, id: 77 }),
    );
    expect(error).toMatchObject({ field: "year", key: "error.valueExists" });
    expect(errorText(error, vi)).toBe(
      "Đã có số liệu oa-deaths của hai-phong năm 2024 (bản ghi 77), có thể do người khác vừa nhập: hãy tải lại trang rồi sửa số liệu đó.",
    );
    expect(errorText(error, en)).toContain("oa-deaths for hai-phong in 2024 exists already");
    // Without an indicator, unit and year (a site, a source): the general sentence.
    expect(fieldError(refusal("ALREADY_EXISTS", { code: "s-1" }, "code")).key).toBe("error.exists");
  });

  it("names the indicator and unit the form sent, and leaves other codes as they are", () => {
    const error = fieldError(
      refusal("ALREADY_EXISTS", { indicator: "oa-deaths", unit: "hai-phong", year: 2024, id: 77 }),
    );
    const named = withNames(error, {
      indicator: { code: "oa-deaths", name: "Số người chết do TNLĐ" },
      unit: { code: "hai-phong", name: "Hải Phòng" },
    });
    expect(errorText(named, vi)).toBe(
      "Đã có số liệu Số người chết do TNLĐ của Hải Phòng năm 2024 (bản ghi 77), có thể do người khác vừa nhập: hãy tải lại trang rồi sửa số liệu đó.",
    );
    // A code the form did not send (another unit) is not renamed; the error itself is unchanged.
    const other = withNames(error, { unit: { code: "hai-duong", name: "Hải Dương" } });
    expect(other.params).toMatchObject({ indicator: "oa-deaths", unit: "hai-phong" });
    expect(error.params).toMatchObject({ indicator: "oa-deaths", unit: "hai-phong" });
    // No values at all: returned as it is.
    const plain = fieldError(refusal("NOT_A_DRAFT"));
    expect(withNames(plain, { unit: { code: "x", name: "y" } })).toBe(plain);
  });

  it("says an open end of a unit's life as today, and a missing start as …", () => {
    const error = fieldError(
      refusal("NOT_IN_YEAR", { code: "hai-duong-63", year: 2026, from: "", to: "2025-06-30" }),
    );
    expect(errorText(error, vi)).toBe(
      "hai-duong-63 không tồn tại trong năm 2026 (tồn tại từ … đến 2025-06-30).",
    );
    const open = fieldError(
      refusal("NOT_IN_YEAR", { code: "x", year: 2001, from: "2008-08-01", to: "" }),
    );
    expect(errorText(open, en)).toBe(
      "x did not exist in 2001 (it existed from 2008-08-01 to today).",
    );
  });

  it("maps every reason the server gives to a sentence, and keeps the message otherwise", () => {
    // Every value any reason names (server/graphql/errors.ts): a sentence leaves none unfilled.
    const ALL_VALUES = {
      id: 5,
      code: "c",
      uses: 2,
      year: 2030,
      from: 2021,
      to: 2025,
      indicator: "oa-deaths",
      measure: "COUNT",
      given: "PERCENT",
    };
    for (const reason of [
      "NOT_FOUND",
      "UNKNOWN_CODE",
      "NOT_A_DRAFT",
      "SOURCE_REQUIRED",
      "GENERATED_DATA",
      "OUT_OF_PERIOD",
      "MEASURE_MISMATCH",
      "IN_USE",
      "DATA_RULE",
      "VALUE_REJECTED",
      "READ_ONLY",
      "ADMIN_ONLY",
      "OUT_OF_SCOPE",
      "FOUR_EYES",
      "AUTHOR_UNKNOWN",
    ]) {
      const text = errorText(fieldError(refusal(reason, ALL_VALUES)), vi);
      expect(text, reason).not.toBe("English text from the server");
      expect(text, reason).not.toMatch(/\{\w+\}/);
    }
    // A refusal to this user says which: the unit, or the four-eyes rule, not a generic "no".
    const own = fieldError({
      message: "Bạn đã viết báo cáo 9 nên không được duyệt nó / You wrote task report 9, ...",
      extensions: { code: "FORBIDDEN", reason: "FOUR_EYES", values: { id: 9 } },
    });
    expect(errorText(own, vi)).toContain("Bạn không được duyệt hay từ chối bản ghi 9");
    const scope = fieldError({
      message: "x",
      extensions: { code: "FORBIDDEN", reason: "OUT_OF_SCOPE", values: { code: "ha-noi" } },
    });
    expect(errorText(scope, vi)).toBe(
      "Bạn không có quyền ghi số liệu của ha-noi (ngoài các đơn vị được giao).",
    );
    const unknown = fieldError(refusal("SOMETHING_NEW"));
    expect(unknown.key).toBeNull();
    expect(errorText(unknown, vi)).toBe("English text from the server");
  });
});
