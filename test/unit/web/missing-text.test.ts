import { describe, expect, it } from "vitest";
import { missingText } from "../../../web/src/pages/coverage/missing-text.js";

const names: Record<string, string> = {
  "oa-deaths": "Số người chết vì tai nạn lao động",
  "employed-population": "Số lao động có việc làm",
};

describe("missingText", () => {
  it("says which values would make a target assessable, grouped by unit and indicator", () => {
    const text = missingText(
      [
        { indicator: "oa-deaths", year: 2020, unit: "hai-phong-63", baseYear: true },
        { indicator: "employed-population", year: 2020, unit: "hai-phong-63", baseYear: true },
        { indicator: "employed-population", year: 2024, unit: "hai-phong-63", baseYear: false },
      ],
      "vi",
      code => names[code],
      () => "Hải Phòng (trước 07/2025)",
    );
    expect(text).toBe(
      "Hải Phòng (trước 07/2025): số người chết vì tai nạn lao động năm 2020 (năm gốc) và số lao động có việc làm năm 2020 (năm gốc) và 2024",
    );
  });

  it("joins several units and writes English", () => {
    const text = missingText(
      [
        { indicator: "oa-deaths", year: 2020, unit: "a", baseYear: true },
        { indicator: "oa-deaths", year: 2020, unit: "b", baseYear: true },
      ],
      "en",
      () => "Deaths",
      code => code.toUpperCase(),
    );
    expect(text).toBe("A: deaths 2020 (base year); B: deaths 2020 (base year)");
  });
});
