import { describe, expect, it } from "vitest";
import {
  alignTargets,
  type AlignmentRelation,
  type TargetTerms,
} from "../../../server/analytics/alignment.js";

type Cmp = TargetTerms["comparator"];
const level = (comparator: Cmp, value: number, more: Partial<TargetTerms> = {}): TargetTerms => ({
  kind: "LEVEL",
  comparator,
  value,
  indicator: "x",
  measure: "PERCENT",
  direction: "INCREASE",
  baseYear: null,
  endYear: 2025,
  ...more,
});
const rate = (comparator: Cmp, value: number, more: Partial<TargetTerms> = {}): TargetTerms => ({
  ...level(comparator, value),
  kind: "ANNUAL_RATE",
  baseYear: 2020,
  direction: value < 0 ? "DECREASE" : "INCREASE",
  ...more,
});

describe("alignTargets: LEVEL, every comparator pair at 80 vs 80 / 90 / 70", () => {
  // [national comparator, provincial comparator, provincial value, expected] with national value 80
  const cases: [Cmp, Cmp, number, AlignmentRelation][] = [
    ["GT", "GT", 80, "SAME"],
    ["GT", "GT", 90, "STRICTER"],
    ["GT", "GT", 70, "LOOSER"],
    ["GT", "GTE", 80, "LOOSER"],
    ["GTE", "GT", 80, "STRICTER"],
    ["GTE", "GTE", 80, "SAME"],
    ["GTE", "GTE", 90, "STRICTER"],
    ["GT", "EQ", 80, "LOOSER"], // EQ on an increasing indicator is a floor (≥)
    ["GTE", "EQ", 80, "SAME"],
    ["EQ", "GT", 80, "STRICTER"],
    ["EQ", "EQ", 90, "STRICTER"],
    ["LT", "LT", 80, "SAME"],
    ["LT", "LT", 70, "STRICTER"], // a lower ceiling is stricter
    ["LTE", "LTE", 90, "LOOSER"],
    ["LTE", "LT", 80, "STRICTER"],
    ["LT", "LTE", 80, "LOOSER"],
    ["GT", "LT", 80, "DIFFERENT_MEASURE"], // a floor against a ceiling
    ["LTE", "GTE", 80, "DIFFERENT_MEASURE"],
  ];
  it.each(cases)("national %s 80, provincial %s %d → %s", (nc, pc, pv, expected) => {
    expect(alignTargets(level(nc, 80), level(pc, pv)).relation).toBe(expected);
  });

  it("EQ on a decreasing indicator is a ceiling; without direction only an equal value compares", () => {
    const dec = { direction: "DECREASE" as const };
    expect(alignTargets(level("EQ", 10, dec), level("EQ", 5, dec)).relation).toBe("STRICTER");
    expect(alignTargets(level("EQ", 10, dec), level("LTE", 12, dec)).relation).toBe("LOOSER");
    const none = { direction: "NONE" as const };
    expect(alignTargets(level("EQ", 1, none), level("EQ", 1, none)).relation).toBe("SAME");
    expect(alignTargets(level("EQ", 1, none), level("EQ", 2, none)).relation).toBe(
      "DIFFERENT_MEASURE",
    );
  });

  it("ALL (100 %) and a ≥ 100 % level are the same family and the same bound", () => {
    const all = { ...level("EQ", 100), kind: "ALL" as const };
    expect(alignTargets(all, level("GTE", 100)).relation).toBe("SAME");
    expect(alignTargets(all, all).relation).toBe("SAME");
  });
});

describe("alignTargets: ANNUAL_RATE", () => {
  it.each<[Cmp, number, Cmp, number, AlignmentRelation]>([
    ["GTE", -4, "GTE", -5, "STRICTER"], // a 5 %/yr fall is stricter than 4 %/yr
    ["GTE", -4, "GTE", -3, "LOOSER"],
    ["GTE", -4, "GTE", -4, "SAME"],
    ["GTE", -4, "GT", -4, "STRICTER"], // "more than 4 %" vs "at least 4 %"
    ["GT", -4, "GTE", -4, "LOOSER"],
    ["GTE", 5, "GTE", 6, "STRICTER"],
    ["GTE", 5, "GTE", 4, "LOOSER"],
    ["EQ", 5, "GTE", 5, "SAME"], // EQ on a rate is read as "at least this pace"
    ["LTE", 3, "LTE", 2, "STRICTER"], // a cap on growth: a lower cap is stricter
    ["LT", 3, "LTE", 3, "LOOSER"],
    ["GTE", 5, "LTE", 5, "DIFFERENT_MEASURE"],
  ])("national %s %d, provincial %s %d → %s", (nc, nv, pc, pv, expected) => {
    const direction = nv < 0 ? "DECREASE" : "INCREASE";
    expect(alignTargets(rate(nc, nv, { direction }), rate(pc, pv, { direction })).relation).toBe(
      expected,
    );
  });

  it("a rise on a decreasing indicator is looser than any fall", () => {
    const dec = { direction: "DECREASE" as const };
    expect(alignTargets(rate("GTE", -4, dec), rate("GTE", 1, dec)).relation).toBe("LOOSER");
  });

  it("notes a different base year or end year without changing the relation", () => {
    const a = alignTargets(rate("GTE", -4), rate("GTE", -4, { baseYear: 2022 }));
    expect(a.relation).toBe("SAME");
    expect(a.notes).toEqual(["BASE_YEAR_DIFFERS"]);
    expect(a.reasonEn).toContain("different base year");
    const b = alignTargets(level("GT", 80), level("GT", 80, { endYear: 2030 }));
    expect(b).toMatchObject({ relation: "SAME", notes: ["PERIOD_DIFFERS"] });
  });
});

describe("alignTargets: different measures and missing counterparts", () => {
  it("a different indicator, unit or kind → DIFFERENT_MEASURE with the note", () => {
    expect(alignTargets(level("GT", 80), level("GT", 80, { indicator: "y" }))).toMatchObject({
      relation: "DIFFERENT_MEASURE",
      notes: ["DIFFERENT_INDICATOR"],
    });
    expect(alignTargets(level("GT", 80), level("GT", 80, { measure: "COUNT" })).notes).toContain(
      "DIFFERENT_UNIT",
    );
    expect(alignTargets(rate("GTE", 5), level("GT", 5)).notes).toContain("DIFFERENT_KIND");
    const milestone = { ...level("EQ", 1), kind: "MILESTONE" as const };
    expect(alignTargets(level("EQ", 1), milestone).relation).toBe("DIFFERENT_MEASURE");
  });

  it("no provincial counterpart → NOT_ADOPTED, in both languages", () => {
    const a = alignTargets(level("GT", 80), null);
    expect(a).toMatchObject({ relation: "NOT_ADOPTED", notes: [], candidates: [] });
    expect(a.reasonVi).toBe("không có chỉ tiêu tương ứng.");
    expect(a.reasonEn).toBe("no corresponding target.");
  });
});

describe("alignTargets: a disputed national value", () => {
  // NQ 19 (e): > 80 % per Vietnam Law Magazine; the Hải Phòng plan restates it as > 90 %.
  const national = level("GT", 80, { alternativeValues: [90] });

  it("> 90 % against > 80 % or > 90 % → DISPUTED, listing both readings", () => {
    const a = alignTargets(national, level("GT", 90));
    expect(a.relation).toBe("DISPUTED");
    expect(a.candidates).toEqual([
      { nationalValue: 80, relation: "STRICTER" },
      { nationalValue: 90, relation: "SAME" },
    ]);
    expect(a.notes).toContain("NATIONAL_VALUE_DISPUTED");
    expect(a.reasonVi).toBe(
      "chưa xác định: giá trị quốc gia có nguồn khác nhau: > 90 % so với > 80 % hoặc > 90 % (> 80 %: cao hơn (chặt hơn) chỉ tiêu quốc gia; > 90 %: giống chỉ tiêu quốc gia).",
    );
    expect(a.reasonEn).toContain("> 80 %: stricter than the national target; > 90 %: same");
  });

  it("when every reading gives the same relation, that relation stands with a note", () => {
    const a = alignTargets(national, level("GT", 95));
    expect(a).toMatchObject({ relation: "STRICTER", notes: ["NATIONAL_VALUE_DISPUTED"] });
    expect(alignTargets(national, level("GT", 70)).relation).toBe("LOOSER");
  });

  it("a duplicate alternative equal to the value is not a dispute", () => {
    const a = alignTargets(level("GT", 80, { alternativeValues: [80] }), level("GT", 90));
    expect(a).toMatchObject({ relation: "STRICTER", notes: [] });
  });

  it("a missing counterpart of a disputed target is still NOT_ADOPTED", () => {
    expect(alignTargets(national, null).relation).toBe("NOT_ADOPTED");
  });

  it("reasons print rates with the sign and the Vietnamese decimal comma", () => {
    const a = alignTargets(rate("GTE", -4), rate("GTE", -4.5, { baseYear: 2022 }));
    expect(a.reasonVi).toBe(
      "cao hơn (chặt hơn) chỉ tiêu quốc gia: −4,5 %/năm so với −4 %/năm; năm gốc khác.",
    );
    expect(a.reasonEn).toBe(
      "stricter than the national target: −4.5 %/yr vs −4 %/yr; different base year.",
    );
  });
});

describe("alignTargets: every kind × comparator pair", () => {
  const kinds = ["ANNUAL_RATE", "LEVEL", "ALL", "MILESTONE"] as const;
  const comparators: Cmp[] = ["GT", "GTE", "EQ", "LTE", "LT"];
  const opposite: Record<string, string> = {
    STRICTER: "LOOSER",
    LOOSER: "STRICTER",
    SAME: "SAME",
    DIFFERENT_MEASURE: "DIFFERENT_MEASURE",
  };
  const cases = kinds.flatMap(kind =>
    comparators.flatMap(nc => comparators.map(pc => [kind, nc, pc] as const)),
  );

  it.each(cases)("%s: national %s vs provincial %s is antisymmetric", (kind, nc, pc) => {
    const make = (comparator: Cmp, value: number): TargetTerms => ({
      ...level(comparator, value),
      kind,
      baseYear: kind === "ANNUAL_RATE" ? 2020 : null,
    });
    for (const [nv, pv] of [
      [80, 80],
      [80, 90],
      [90, 80],
    ]) {
      const forward = alignTargets(make(nc, nv), make(pc, pv)).relation;
      const backward = alignTargets(make(pc, pv), make(nc, nv)).relation;
      expect(Object.keys(opposite)).toContain(forward);
      expect(backward).toBe(opposite[forward]);
    }
  });
});
