/**
 * How a provincial target relates to the national target it implements. Pure: no ORM, no GraphQL.
 *
 * The rule (also in README, "Programme comparison"):
 * 1. No provincial counterpart → NOT_ADOPTED.
 * 2. A different indicator, unit of measure, or kind family (an annual rate vs a level; a
 *    milestone vs anything else) → DIFFERENT_MEASURE. LEVEL and ALL are one family (both are
 *    percentages of a population reached).
 * 3. Otherwise each target is read as a bound on the outcome:
 *    - ANNUAL_RATE: the pace in the indicator's desired direction (a fall of 5 %/yr on a
 *      DECREASE indicator is a pace of 5). GT/GTE/EQ set a floor on the pace ("at least"),
 *      LT/LTE a ceiling.
 *    - LEVEL / ALL / MILESTONE: the value itself. GT/GTE set a floor, LT/LTE a ceiling; EQ is a
 *      floor when the indicator should increase, a ceiling when it should decrease, and an exact
 *      value when it has no direction (then only an equal value is comparable).
 *    A higher floor or a lower ceiling is STRICTER; at the same value a strict comparator (>, <)
 *    is stricter than an inclusive one (≥, ≤); identical bounds are SAME; the opposite is LOOSER.
 *    A floor against a ceiling, or two different exact values, → DIFFERENT_MEASURE.
 *    So −5 %/yr is stricter than −4 %/yr on fatal-accident frequency, "> 90 %" stricter than
 *    "> 80 %", "≤ 10" stricter than "≤ 15", "> 80 %" stricter than "≥ 80 %".
 * 4. A different end year or base year does not change the relation but is noted
 *    (PERIOD_DIFFERS, BASE_YEAR_DIFFERS), since a pace from 2022 is not a pace from 2020.
 * 5. Where the national value itself is disputed (the national target carries other sourced
 *    values), the relation is computed against every candidate value; if they disagree the result
 *    is DISPUTED and the candidates are listed, rather than choosing one. If every candidate gives
 *    the same relation, that relation stands with the note NATIONAL_VALUE_DISPUTED.
 */

export type AlignmentRelation =
  "SAME" | "STRICTER" | "LOOSER" | "DIFFERENT_MEASURE" | "NOT_ADOPTED" | "DISPUTED";
export type AlignmentNote =
  | "PERIOD_DIFFERS"
  | "BASE_YEAR_DIFFERS"
  | "NATIONAL_VALUE_DISPUTED"
  | "DIFFERENT_INDICATOR"
  | "DIFFERENT_UNIT"
  | "DIFFERENT_KIND"
  | "OPPOSITE_BOUNDS";
type Comparator = "GT" | "GTE" | "EQ" | "LTE" | "LT";
type Kind = "ANNUAL_RATE" | "LEVEL" | "ALL" | "MILESTONE";
type Direction = "INCREASE" | "DECREASE" | "NONE";

export interface TargetTerms {
  kind: Kind;
  comparator: Comparator;
  /** ANNUAL_RATE: signed percent per year; otherwise the level (percent or count). */
  value: number;
  indicator: string;
  /** The indicator's unit of measure (PERCENT, RATE_PER_100K, ...). */
  measure: string;
  direction: Direction;
  baseYear: number | null;
  endYear: number;
  /** Other sourced values of the same (national) target that differ from `value`. */
  alternativeValues?: number[];
}

export interface CandidateRelation {
  nationalValue: number;
  relation: AlignmentRelation;
}

export interface Alignment {
  relation: AlignmentRelation;
  notes: AlignmentNote[];
  /** One per national value considered; more than one only when the national value is disputed. */
  candidates: CandidateRelation[];
  reasonVi: string;
  reasonEn: string;
}

type Side = "FLOOR" | "CEILING" | "EXACT";
interface Bound {
  side: Side;
  level: number;
  strict: boolean;
}

const family = (k: Kind) => (k === "ALL" ? "LEVEL" : k);

function bound(t: TargetTerms, value: number): Bound {
  const strict = t.comparator === "GT" || t.comparator === "LT";
  if (t.kind === "ANNUAL_RATE") {
    const sign =
      t.direction === "DECREASE" ? -1 : t.direction === "INCREASE" ? 1 : Math.sign(value) || 1;
    const side = t.comparator === "LT" || t.comparator === "LTE" ? "CEILING" : "FLOOR";
    return { side, level: value * sign, strict };
  }
  if (t.comparator === "GT" || t.comparator === "GTE") {
    return { side: "FLOOR", level: value, strict };
  }
  if (t.comparator === "LT" || t.comparator === "LTE") {
    return { side: "CEILING", level: value, strict };
  }
  const side =
    t.direction === "INCREASE" ? "FLOOR" : t.direction === "DECREASE" ? "CEILING" : "EXACT";
  return { side, level: value, strict: false };
}

function compareBounds(n: Bound, p: Bound): AlignmentRelation {
  if (n.side !== p.side) return "DIFFERENT_MEASURE";
  if (n.side === "EXACT") return n.level === p.level ? "SAME" : "DIFFERENT_MEASURE";
  const higher = n.side === "FLOOR" ? 1 : -1; // +1: a higher level is stricter
  const diff = (p.level - n.level) * higher;
  if (Math.abs(diff) > 1e-9) return diff > 0 ? "STRICTER" : "LOOSER";
  if (p.strict === n.strict) return "SAME";
  return p.strict ? "STRICTER" : "LOOSER";
}

/** The relation of a provincial target to a national one, with notes and a reason in vi and en. */
export function alignTargets(national: TargetTerms, provincial: TargetTerms | null): Alignment {
  if (!provincial) return withReason("NOT_ADOPTED", [], [], national, null);
  const notes: AlignmentNote[] = [];
  if (national.indicator !== provincial.indicator) notes.push("DIFFERENT_INDICATOR");
  if (national.measure !== provincial.measure) notes.push("DIFFERENT_UNIT");
  if (family(national.kind) !== family(provincial.kind)) notes.push("DIFFERENT_KIND");
  if (national.endYear !== provincial.endYear) notes.push("PERIOD_DIFFERS");
  if ((national.baseYear ?? null) !== (provincial.baseYear ?? null)) {
    notes.push("BASE_YEAR_DIFFERS");
  }
  if (notes.some(n => n.startsWith("DIFFERENT_"))) {
    return withReason("DIFFERENT_MEASURE", notes, [], national, provincial);
  }
  const values = [...new Set([national.value, ...(national.alternativeValues ?? [])])];
  const candidates = values.map(v => ({
    nationalValue: v,
    relation: compareBounds(bound(national, v), bound(provincial, provincial.value)),
  }));
  const relations = new Set(candidates.map(c => c.relation));
  if (candidates.length > 1) notes.push("NATIONAL_VALUE_DISPUTED");
  if (relations.size === 1 && candidates[0].relation === "DIFFERENT_MEASURE") {
    notes.push("OPPOSITE_BOUNDS");
  }
  const relation = relations.size === 1 ? candidates[0].relation : "DISPUTED";
  return withReason(relation, notes, candidates, national, provincial);
}

const SYMBOL: Record<Comparator, string> = { GT: ">", GTE: "≥", EQ: "=", LTE: "≤", LT: "<" };

/** '> 90 %', '−4 %/năm': short, language-aware (vi decimal comma). */
export function termsText(t: TargetTerms, value: number, locale: "vi" | "en"): string {
  const n = (x: number) => {
    const s = String(Math.abs(x));
    return `${x < 0 ? "−" : t.kind === "ANNUAL_RATE" && x > 0 ? "+" : ""}${locale === "vi" ? s.replace(".", ",") : s}`;
  };
  const pct = t.measure === "PERCENT" || t.kind === "ANNUAL_RATE" ? " %" : "";
  if (t.kind === "ANNUAL_RATE") return `${n(value)}${pct}/${locale === "vi" ? "năm" : "yr"}`;
  return `${SYMBOL[t.comparator]} ${n(value)}${pct}`;
}

const WORDS: Record<AlignmentRelation, [string, string]> = {
  SAME: ["giống chỉ tiêu quốc gia", "same as the national target"],
  STRICTER: ["cao hơn (chặt hơn) chỉ tiêu quốc gia", "stricter than the national target"],
  LOOSER: ["thấp hơn (lỏng hơn) chỉ tiêu quốc gia", "looser than the national target"],
  DIFFERENT_MEASURE: ["đo bằng thước đo khác", "measured differently"],
  NOT_ADOPTED: ["không có chỉ tiêu tương ứng", "no corresponding target"],
  DISPUTED: [
    "chưa xác định: giá trị quốc gia có nguồn khác nhau",
    "undetermined: sources disagree on the national value",
  ],
};

const NOTE_TEXT: Record<AlignmentNote, [string, string]> = {
  PERIOD_DIFFERS: ["năm kết thúc khác", "different end year"],
  BASE_YEAR_DIFFERS: ["năm gốc khác", "different base year"],
  NATIONAL_VALUE_DISPUTED: [
    "giá trị quốc gia có nguồn khác nhau",
    "sources disagree on the national value",
  ],
  DIFFERENT_INDICATOR: ["chỉ số khác", "different indicator"],
  DIFFERENT_UNIT: ["đơn vị đo khác", "different unit of measure"],
  DIFFERENT_KIND: [
    "loại chỉ tiêu khác (tốc độ hằng năm / mức)",
    "different kind (annual rate / level)",
  ],
  OPPOSITE_BOUNDS: [
    "một bên là mức sàn, một bên là mức trần",
    "one sets a floor, the other a ceiling",
  ],
};

function withReason(
  relation: AlignmentRelation,
  notes: AlignmentNote[],
  candidates: CandidateRelation[],
  national: TargetTerms,
  provincial: TargetTerms | null,
): Alignment {
  const reason = (i: 0 | 1): string => {
    const locale = i === 0 ? "vi" : "en";
    const head = WORDS[relation][i];
    if (!provincial) return `${head}.`;
    const vs = i === 0 ? "so với" : "vs";
    const nat = candidates.length
      ? candidates
          .map(c => termsText(national, c.nationalValue, locale))
          .join(i === 0 ? " hoặc " : " or ")
      : termsText(national, national.value, locale);
    const per =
      candidates.length > 1
        ? ` (${candidates.map(c => `${termsText(national, c.nationalValue, locale)}: ${WORDS[c.relation][i]}`).join("; ")})`
        : "";
    // DISPUTED already says the national value is disputed; the note would repeat it.
    const shown =
      relation === "DISPUTED" ? notes.filter(n => n !== "NATIONAL_VALUE_DISPUTED") : notes;
    const extra = shown.length ? `; ${shown.map(n => NOTE_TEXT[n][i]).join(", ")}` : "";
    return `${head}: ${termsText(provincial, provincial.value, locale)} ${vs} ${nat}${per}${extra}.`;
  };
  return { relation, notes, candidates, reasonVi: reason(0), reasonEn: reason(1) };
}
