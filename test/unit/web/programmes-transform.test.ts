import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { documentText } from "../../../web/src/api/client.js";
import { BOM, parseCsv, toCsv } from "../../../web/src/lib/csv.js";
import { csvMatrix } from "../../../web/src/pages/programmes/csv-rows.js";
import {
  ALIGNMENT_QUERY,
  type AlignedTarget,
  type Alignment,
} from "../../../web/src/pages/programmes/query.js";
import { legendEntries, RELATIONS } from "../../../web/src/pages/programmes/relations.js";
import {
  buildRows,
  progressUnits,
  statusIndex,
  targetSources,
  themeGrid,
  valueText,
} from "../../../web/src/pages/programmes/transform.js";

const target = (
  programme: string,
  label: string,
  more: Partial<AlignedTarget> = {},
): AlignedTarget => ({
  programme,
  number: label,
  part: null,
  label,
  kind: "LEVEL",
  comparator: "GT",
  value: 80,
  baseYear: null,
  endYear: 2025,
  section: `II.2.${label}`,
  textVi: `Mục tiêu ${label}`,
  textEn: `Target ${label}`,
  indicatorCode: "x",
  indicatorNameVi: "x",
  indicatorNameEn: "x",
  measure: "PERCENT",
  direction: "INCREASE",
  leadAgency: null,
  sourceTitle: null,
  sourceGrade: null,
  conflict: null,
  alternatives: [],
  ...more,
});
const prog = (code: string, unitCode: string, successorUnitCode: string | null) => ({
  code,
  nameVi: code,
  nameEn: code,
  startYear: 2021,
  endYear: 2025,
  unitCode,
  unitNameVi: unitCode,
  unitNameEn: unitCode,
  unitValidTo: successorUnitCode ? "2025-06-30" : null,
  successorUnitCode,
  successorUnitNameVi: successorUnitCode,
  successorUnitNameEn: successorUnitCode,
  implementsCode: "nq19",
});
const agency = {
  code: "hp-so",
  nameVi: "Sở LĐTBXH",
  nameEn: "DOLISA",
  successorNameVi: "Sở Nội vụ",
  successorNameEn: "DOHA",
};
type Cell = Alignment["rows"][number]["cells"][number];
const cellOf = (programme: string, relation: Cell["relation"], t: AlignedTarget | null): Cell => ({
  programme,
  relation,
  notes: [],
  reasonVi: `lý do ${relation}`,
  reasonEn: `reason ${relation}`,
  candidates: [],
  target: t,
});

const alignment: Alignment = {
  national: {
    code: "nq19",
    nameVi: "NQ 19",
    nameEn: "NQ 19",
    startYear: 2021,
    endYear: 2025,
    unitCode: "vn",
    unitNameVi: "Việt Nam",
    unitNameEn: "Viet Nam",
  },
  provincial: [
    prog("hp", "hai-phong-63", "hai-phong-34"),
    prog("hd", "hai-duong-63", "hai-phong-34"),
  ],
  rows: [
    {
      national: target("nq19", "a", {
        kind: "ANNUAL_RATE",
        comparator: "GTE",
        value: -4,
        baseYear: 2020,
      }),
      cells: [
        cellOf(
          "hp",
          "STRICTER",
          target("hp", "1", {
            kind: "ANNUAL_RATE",
            comparator: "GTE",
            value: -4.5,
            baseYear: 2022,
            leadAgency: agency,
          }),
        ),
        cellOf(
          "hd",
          "SAME",
          target("hd", "1", { kind: "ANNUAL_RATE", comparator: "GTE", value: -4, baseYear: 2020 }),
        ),
      ],
    },
    {
      national: target("nq19", "e", {
        alternatives: [
          { value: 90, sourceCode: "doc", sourceTitle: "HP plan", sourceGrade: "A", note: "n" },
        ],
      }),
      cells: [
        cellOf("hp", "DISPUTED", target("hp", "6", { value: 90 })),
        cellOf("hd", "NOT_ADOPTED", null),
      ],
    },
  ],
  provincialOnly: [target("hd", "9", { textVi: '=HYPERLINK("x")', value: 50 })],
  tasks: [
    {
      programme: "hp",
      fromProgramme: "hp",
      fromNameVi: "hp",
      fromNameEn: "hp",
      taskGroups: [
        {
          number: "1",
          section: "IV.1",
          titleVi: "Chính sách",
          titleEn: "Policy",
          themes: ["POLICY_LAW", "INSPECTION"],
          itemCount: 4,
        },
      ],
      leads: [],
    },
    {
      programme: "hd",
      fromProgramme: "hd-plan",
      fromNameVi: "Kế hoạch",
      fromNameEn: "Plan",
      taskGroups: [
        {
          number: "3",
          section: "II.3",
          titleVi: "Thanh tra",
          titleEn: "Inspection",
          themes: ["INSPECTION"],
          itemCount: 4,
        },
      ],
      leads: [],
    },
  ],
};

const progress = (status: string) => ({
  status,
  reasonVi: null,
  reasonEn: null,
  illustrative: false,
});
const scorecard = {
  rows: [
    {
      target: { label: "a", programme: { code: "nq19" } },
      cells: [
        { unit: { code: "hai-phong-63" }, progress: progress("ON_TRACK") },
        { unit: { code: "hai-phong-34" }, progress: progress("DETERIORATION") },
      ],
    },
    {
      target: { label: "1", programme: { code: "hp" } },
      cells: [
        { unit: { code: "hai-phong-63" }, progress: progress("ACCELERATION_NEEDED") },
        { unit: { code: "hai-phong-34" }, progress: progress("NOT_ASSESSABLE") },
      ],
    },
  ],
};

describe("programme comparison: rows", () => {
  it("lists national targets, then provincial-only targets, one cell list per programme", () => {
    const rows = buildRows(alignment, statusIndex(scorecard), "63");
    expect(rows.map(r => r.key)).toEqual(["n-a", "n-e", "p-hd-9"]);
    expect(rows[0].cells.map(c => c.entries.map(e => e.relation))).toEqual([
      ["STRICTER"],
      ["SAME"],
    ]);
    expect(rows[2].cells.map(c => c.entries.map(e => e.relation))).toEqual([
      [],
      ["PROVINCIAL_ONLY"],
    ]);
  });

  it("reads progress for the former unit, or the new Hải Phòng in the 34-unit view", () => {
    const old = buildRows(alignment, statusIndex(scorecard), "63")[0].cells[0].entries[0];
    expect([old.unit, old.own?.status, old.national?.status]).toEqual([
      "hai-phong-63",
      "ACCELERATION_NEEDED",
      "ON_TRACK",
    ]);
    const merged = buildRows(alignment, statusIndex(scorecard), "34")[0].cells[0].entries[0];
    expect([merged.unit, merged.own?.status, merged.national?.status]).toEqual([
      "hai-phong-34",
      "NOT_ASSESSABLE",
      "DETERIORATION",
    ]);
    expect(progressUnits(alignment, "63")).toEqual(["hai-phong-63", "hai-duong-63"]);
    expect(progressUnits(alignment, "34")).toEqual(["hai-phong-34"]);
  });

  it("writes a disputed national value with its other reading", () => {
    expect(valueText(alignment.rows[1].national, "vi")).toBe("> 80 % hoặc > 90 %");
    expect(valueText(alignment.rows[1].national, "en")).toBe("> 80% or > 90%");
  });
});

describe("programme comparison: legend", () => {
  it("gives every relation a distinct symbol and words in both languages", () => {
    for (const locale of ["vi", "en"] as const) {
      const entries = legendEntries(locale);
      expect(entries.map(e => e.relation)).toEqual([...RELATIONS]);
      expect(new Set(entries.map(e => e.symbol)).size).toBe(RELATIONS.length);
      expect(entries.every(e => e.label.length > 3 && e.description.length > 10)).toBe(true);
    }
    expect(legendEntries("vi").find(e => e.relation === "STRICTER")!.label).toBe("Chặt hơn");
  });
});

describe("programme comparison: CSV", () => {
  it("has a relation column, numbers as numbers and neutralised formulas", () => {
    const rows = buildRows(alignment, statusIndex(scorecard), "63");
    const matrix = csvMatrix(alignment, rows, "en");
    const header = matrix[0];
    expect(header).toContain("Relation (code)");
    // 2 national rows × 2 programmes + 1 provincial-only line
    expect(matrix).toHaveLength(1 + 4 + 1);
    const col = (name: string) => header.indexOf(name);
    const hp1 = matrix[1];
    expect(hp1[col("Value")]).toBe(-4.5);
    expect(hp1[col("National value")]).toBe(-4);
    expect(hp1[col("Relation (code)")]).toBe("STRICTER");
    expect(hp1[col("Relation")]).toBe("Stricter");
    expect(hp1[col("Lead agency")]).toBe("DOLISA (now DOHA)");
    expect(hp1[col("Progress against the provincial target")]).toBe("Acceleration needed");
    expect(matrix[3][col("National value in other sources")]).toBe("90");
    expect(matrix[4][col("Relation (code)")]).toBe("NOT_ADOPTED");
    const text = toCsv(matrix);
    expect(text.startsWith(BOM)).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed[1][col("Value")]).toBe("-4.5");
    expect(parsed[5][col("Provincial target text")]).toBe("Target 9");
    const vi = toCsv(csvMatrix(alignment, rows, "vi"));
    expect(parseCsv(vi)[5][9]).toBe('\'=HYPERLINK("x")');
    expect(parseCsv(vi)[0][17]).toBe("Quan hệ (mã)");
  });
});

describe("programme comparison: themes", () => {
  it("puts each group under each of its themes, per programme", () => {
    const grid = themeGrid(alignment, ["hp", "hd"], "en");
    expect(grid.map(r => r.theme)).toEqual([
      "POLICY_LAW",
      "COMMUNICATION_TRAINING",
      "INSPECTION",
      "SERVICES_RESEARCH",
      "MANAGEMENT",
    ]);
    const inspection = grid.find(r => r.theme === "INSPECTION")!;
    expect(inspection.cells.map(c => c.map(g => g.title))).toEqual([["Policy"], ["Inspection"]]);
    expect(inspection.cells[1][0].fromProgramme).toBe("hd-plan");
    expect(grid.find(r => r.theme === "MANAGEMENT")!.cells).toEqual([[], []]);
  });
});

describe("programme comparison query", () => {
  it("is valid against schema/schema.graphql", () => {
    const schema = buildSchema(
      readFileSync(resolve(import.meta.dirname, "../../../schema/schema.graphql"), "utf8"),
    );
    expect(
      validate(schema, parse(documentText(ALIGNMENT_QUERY as never))).map(e => e.message),
    ).toEqual([]);
  });
});

describe("programme comparison: sources", () => {
  it("lists each source of the compared targets once, with the other reading's source", () => {
    const withSources: Alignment = {
      ...alignment,
      rows: alignment.rows.map(r => ({
        ...r,
        national: { ...r.national, sourceTitle: "VLM", sourceGrade: "B" },
      })),
    };
    expect(targetSources(withSources)).toEqual([
      { title: "VLM", grade: "B" },
      { title: "HP plan", grade: "A" },
    ]);
  });
});
