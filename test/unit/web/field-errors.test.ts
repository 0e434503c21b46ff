import { describe, expect, it } from "vitest";
import { fieldError, parseNumberInput } from "../../../web/src/lib/field-errors.js";

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
