import { describe, expect, it } from "vitest";
import type { CheckupSummaryRow, MonitoringSummaryRow } from "../../../web/src/api/monitoring.js";
import type { Programme } from "../../../web/src/api/programmes.js";
import { checkupSeries, overLimitSeries } from "../../../web/src/pages/monitoring/aggregate.js";
import { responsibilityMatrix } from "../../../web/src/pages/programme/matrix.js";

const row = (
  unit: string,
  factor: string,
  samples: number,
  over: number,
  illustrative = false,
): MonitoringSummaryRow => ({
  unit,
  factor,
  sector: null,
  year: null,
  sites: 1,
  samples,
  samplesOverLimit: over,
  shareOverLimit: samples ? (over / samples) * 100 : null,
  illustrative,
});

describe("overLimitSeries", () => {
  it("makes one series per unit with data, cells in category order, words for codes", () => {
    const data = overLimitSeries(
      [row("hai-phong-63", "dust", 400, 10), row("hai-phong-63", "noise", 50, 5, true)],
      "factor",
      [
        { code: "hai-phong-63", label: "Hải Phòng" },
        { code: "hai-duong-63", label: "Hải Dương" },
      ],
      code => ({ dust: "Bụi", noise: "Tiếng ồn" })[code] ?? code,
    );
    expect(data.categories).toEqual(["Bụi", "Tiếng ồn"]);
    expect(data.series).toEqual([
      {
        code: "hai-phong-63",
        label: "Hải Phòng",
        illustrative: true,
        cells: [
          { samples: 400, overLimit: 10 },
          { samples: 50, overLimit: 5 },
        ],
      },
    ]);
    expect(data.illustrative).toBe(true);
  });

  it("leaves a missing category empty, not zero", () => {
    const data = overLimitSeries([row("a", "dust", 10, 1), row("b", "noise", 10, 2)], "factor", [
      { code: "a", label: "A" },
    ]);
    expect(data.series[0].cells).toEqual([
      { samples: 10, overLimit: 1 },
      { samples: null, overLimit: null },
    ]);
  });
});

describe("checkupSeries", () => {
  const checkup = (
    year: number,
    workersExamined: number,
    disease: string | null = null,
    cases = 0,
  ): CheckupSummaryRow => ({
    unit: null,
    year,
    disease,
    kind: null,
    workersExamined,
    cases,
    casesPer1000: null,
    establishments: 1,
    illustrative: false,
  });

  it("puts examined per year beside cases per disease; a disease not reported in a year had no case", () => {
    const data = checkupSeries(
      [checkup(2024, 150), checkup(2023, 80)],
      [checkup(2024, 100, "silicosis", 2), checkup(2024, 50, "noise_deafness", 1)],
      code => ({ silicosis: "Bụi phổi silic", noise_deafness: "Điếc nghề nghiệp" })[code] ?? code,
    );
    expect(data.years).toEqual([2023, 2024]);
    expect(data.examined).toEqual([80, 150]);
    expect(data.diseases).toEqual([
      { label: "Bụi phổi silic", cases: [0, 2] },
      { label: "Điếc nghề nghiệp", cases: [0, 1] },
    ]);
  });
});

describe("responsibilityMatrix", () => {
  it("keeps the strongest role per agency and target", () => {
    const agency = (code: string) => ({ code, nameVi: code, nameEn: code });
    const target = (label: string, lead: string | null) => ({
      label,
      number: label,
      part: null,
      leadAgency: lead ? agency(lead) : null,
    });
    const programme = {
      targets: [target("1", "so-noi-vu"), target("2", null)],
      responsibilities: [
        {
          number: "1",
          section: "IV.1",
          role: "COORDINATE",
          bodyVi: "",
          agencies: [agency("so-noi-vu"), agency("so-y-te")],
          leadsTargets: [{ label: "1", number: "1", part: null }],
        },
        {
          number: "2",
          section: "IV.2",
          role: "LEAD",
          bodyVi: "",
          agencies: [agency("so-y-te")],
          leadsTargets: [{ label: "2", number: "2", part: null }],
        },
      ],
    } as unknown as Pick<Programme, "targets" | "responsibilities">;
    expect(responsibilityMatrix(programme)).toEqual([
      { agencyCode: "so-noi-vu", targetLabel: "1", role: "LEAD" },
      { agencyCode: "so-y-te", targetLabel: "1", role: "COORDINATE" },
      { agencyCode: "so-y-te", targetLabel: "2", role: "LEAD" },
    ]);
  });
});
