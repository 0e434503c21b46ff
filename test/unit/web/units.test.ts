import { describe, expect, it } from "vitest";
import { focusUnitsParam, unitLabeller } from "../../../web/src/lib/units.js";

describe("unit helpers", () => {
  it("names units in the page language, marking the provinces before the 2025 merger", () => {
    const label = unitLabeller(
      [{ code: "hai-duong-63", nameVi: "Hải Dương", nameEn: "Hai Duong", validTo: "2025-06-30" }],
      "vi",
    );
    expect(label("hai-duong-63")).toBe("Hải Dương (trước 07/2025)");
    expect(
      unitLabeller(
        [{ code: "hai-duong-63", nameVi: "Hải Dương", nameEn: "Hai Duong", validTo: "2025-06-30" }],
        "en",
      )("hai-duong-63"),
    ).toBe("Hai Duong (before Jul 2025)");
    expect(label("vn")).toBe("vn"); // not fetched: the code, never a blank
  });

  it("reads the focus units from the URL and drops unknown codes", () => {
    expect(focusUnitsParam({})).toEqual(["vn", "hai-phong-63", "hai-duong-63"]);
    expect(focusUnitsParam({ units: "hai-phong-34,atlantis,vn" })).toEqual(["hai-phong-34", "vn"]);
  });
});
