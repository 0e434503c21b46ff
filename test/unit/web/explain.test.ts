import { describe, expect, it } from "vitest";
import type { Progress, ProgressComponents } from "../../../web/src/api/analytics.js";
import { sentence } from "../../../web/src/lib/i18n.js";
import { targetValueText, targetYearsText } from "../../../web/src/lib/targets.js";
import { unitName } from "../../../web/src/lib/units.js";
import { explainRows } from "../../../web/src/pages/overview/explain.js";

const empty: ProgressComponents = {
  direction: null,
  baseYear: null,
  baseYearDeclared: null,
  baseValue: null,
  latestYear: null,
  latestValue: null,
  endYear: null,
  observedRate: null,
  requiredRate: null,
  ratio: null,
  requiredRemainingRate: null,
  targetPathValue: null,
  requiredPathValueAtLatest: null,
  projectedEndValue: null,
  shareOfRequiredProgress: null,
  targetValue: null,
  comparator: null,
  shortfall: null,
  thresholds: null,
  pointsUsed: [],
  interval: null,
  requiredPathInsideInterval: null,
};
const progress = (
  components: Partial<ProgressComponents>,
  extra: Partial<Progress> = {},
): Progress => ({
  status: "ACCELERATION_NEEDED",
  method: "ANNUAL_RATE",
  reason: null,
  reasonText: null,
  reasonVi: null,
  reasonEn: null,
  sentenceVi: "",
  sentenceEn: "",
  illustrative: false,
  components: { ...empty, ...components },
  ...extra,
});

describe("explainRows", () => {
  it("lists the components of an annual-rate status with rates and shares", () => {
    const rows = explainRows(
      progress({
        baseYear: 2020,
        baseValue: 1.81,
        latestYear: 2024,
        latestValue: 1.62,
        observedRate: -0.026,
        requiredRate: -0.04,
        ratio: 0.65,
        pointsUsed: [
          { year: 2020, value: 1.81 },
          { year: 2024, value: 1.62 },
        ],
      }),
      "RATE_PER_100K",
      "vi",
    );
    expect(rows).toEqual([
      ["Phương pháp", "So sánh tốc độ tăng/giảm bình quân năm với tốc độ yêu cầu"],
      ["Năm gốc", "2020"],
      ["Giá trị năm gốc", "1,81 /100.000 LĐ"],
      ["Năm mới nhất", "2024"],
      ["Giá trị mới nhất", "1,62 /100.000 LĐ"],
      ["Tốc độ thực tế", "-2,6 %/năm"],
      ["Tốc độ yêu cầu", "-4 %/năm"],
      ["Tỷ lệ so với tốc độ yêu cầu", "65 %"],
      ["Số liệu đã dùng", "2020: 1,81; 2024: 1,62"],
    ]);
  });

  it("gives the reason when a status cannot be given, and shows a declared base year that was moved", () => {
    const rows = explainRows(
      progress(
        { baseYear: 2021, baseYearDeclared: 2020, targetValue: 80, comparator: "GT" },
        {
          status: "NOT_ASSESSABLE",
          method: "LEVEL",
          reason: "INSUFFICIENT_DATA",
          reasonVi: "chưa đủ số liệu, cần ít nhất hai năm",
          reasonEn: "not enough data, at least two years are needed",
        },
      ),
      "PERCENT",
      "en",
    );
    expect(rows).toContainEqual(["Reason", "Not enough data, at least two years are needed"]);
    expect(rows).toContainEqual(["Base year", "2021 (2020 →)"]);
    expect(rows).toContainEqual(["Target level", "> 80%"]);
  });
});

describe("small text helpers", () => {
  it("writes targets", () => {
    const rate = {
      kind: "ANNUAL_RATE",
      comparator: "LTE",
      value: -4,
      baseYear: 2020,
      endYear: 2025,
    } as const;
    expect(targetValueText(rate, "vi")).toBe("-4 %/năm");
    expect(targetValueText({ ...rate, kind: "LEVEL", comparator: "GT", value: 80 }, "en")).toBe(
      "> 80%",
    );
    expect(targetYearsText(rate)).toBe("2020 → 2025");
  });

  it("tells the two Hải Phòngs apart", () => {
    const units = new Map([
      [
        "hai-phong-63",
        {
          code: "hai-phong-63",
          nameVi: "Hải Phòng",
          nameEn: "Hai Phong city",
          validFrom: null,
          validTo: "2025-06-30",
        },
      ],
      [
        "hai-phong-34",
        {
          code: "hai-phong-34",
          nameVi: "Hải Phòng (2025)",
          nameEn: "Hai Phong city (2025)",
          validFrom: "2025-07-01",
          validTo: null,
        },
      ],
      [
        "hung-yen-34",
        {
          code: "hung-yen-34",
          nameVi: "Hưng Yên",
          nameEn: "Hung Yen province",
          validFrom: "2025-07-01",
          validTo: null,
        },
      ],
      [
        "vn",
        { code: "vn", nameVi: "Việt Nam", nameEn: "Viet Nam", validFrom: null, validTo: null },
      ],
    ]);
    expect(unitName("hai-phong-63", units, "vi")).toBe("Hải Phòng (trước 07/2025)");
    expect(unitName("hai-phong-34", units, "vi")).toBe("Hải Phòng (2025)");
    expect(unitName("hai-phong-63", units, "en")).toBe("Hai Phong city (before Jul 2025)");
    expect(unitName("hung-yen-34", units, "en")).toBe("Hung Yen province (from Jul 2025)");
    expect(unitName("vn", units, "vi")).toBe("Việt Nam");
    // Read from the validity dates, not from the code: a code not fetched is shown as it is.
    expect(unitName("unknown-63", units, "en")).toBe("unknown-63");
  });

  it("capitalises generated sentences", () => {
    expect(sentence("tần suất giảm")).toBe("Tần suất giảm");
    expect(sentence("đạt")).toBe("Đạt");
  });
});

describe("map default year", () => {
  it("opens on the latest year with data", async () => {
    const { latestYear } = await import("../../../web/src/pages/map/years.js");
    const points = [2023, 2025, 2024, 2024].map(year => ({ year }));
    expect(latestYear(points)).toBe(2025);
    expect(latestYear([])).toBeNull();
  });
});
