/** Relations of a provincial target to the national one: colour tint + symbol + words. Pure data. */
import type { Locale } from "../../lib/format.js";

/** The API's relations, plus PROVINCIAL_ONLY for a provincial target with no national one. */
export const RELATIONS = [
  "SAME",
  "STRICTER",
  "LOOSER",
  "DIFFERENT_MEASURE",
  "DISPUTED",
  "NOT_ADOPTED",
  "PROVINCIAL_ONLY",
] as const;
export type Relation = (typeof RELATIONS)[number];

interface RelationStyle {
  /** Background tint and border (Okabe-Ito hues), always with a symbol and words. */
  tint: string;
  border: string;
  symbol: string;
  label: Record<Locale, string>;
  description: Record<Locale, string>;
}

export const RELATION_STYLE: Record<Relation, RelationStyle> = {
  SAME: {
    tint: "#e8f3fb",
    border: "#56B4E9",
    symbol: "=",
    label: { vi: "Giống quốc gia", en: "Same as national" },
    description: { vi: "Cùng chỉ số, cùng mức.", en: "Same indicator, same level." },
  },
  STRICTER: {
    tint: "#e0f3ec",
    border: "#009E73",
    symbol: "▲",
    label: { vi: "Chặt hơn", en: "Stricter" },
    description: {
      vi: "Mức sàn cao hơn, mức trần thấp hơn hoặc tốc độ nhanh hơn (vd. > 90 % so với > 80 %; −5 %/năm so với −4 %/năm).",
      en: "A higher floor, a lower ceiling or a faster pace (e.g. > 90 % vs > 80 %; −5 %/yr vs −4 %/yr).",
    },
  },
  LOOSER: {
    tint: "#fbefd9",
    border: "#E69F00",
    symbol: "▼",
    label: { vi: "Lỏng hơn", en: "Looser" },
    description: {
      vi: "Mức sàn thấp hơn, mức trần cao hơn hoặc tốc độ chậm hơn.",
      en: "A lower floor, a higher ceiling or a slower pace.",
    },
  },
  DIFFERENT_MEASURE: {
    tint: "#f6e6ef",
    border: "#CC79A7",
    symbol: "≠",
    label: { vi: "Thước đo khác", en: "Different measure" },
    description: {
      vi: "Chỉ số, đơn vị đo hoặc loại chỉ tiêu khác nên không so được mức.",
      en: "Another indicator, unit or kind of target, so the levels do not compare.",
    },
  },
  DISPUTED: {
    tint: "#fbf8d5",
    border: "#9a8f00",
    symbol: "?",
    label: { vi: "Chưa xác định (nguồn khác nhau)", en: "Undetermined (sources differ)" },
    description: {
      vi: "Các nguồn ghi giá trị quốc gia khác nhau; quan hệ tùy giá trị nào đúng.",
      en: "Sources give different national values; the relation depends on which is right.",
    },
  },
  NOT_ADOPTED: {
    tint: "#f0f0f0",
    border: "#777777",
    symbol: "∅",
    label: { vi: "Không có chỉ tiêu", en: "Not adopted" },
    description: {
      vi: "Chương trình tỉnh không có chỉ tiêu tương ứng (theo văn bản đã có).",
      en: "The provincial programme has no corresponding target (in the text available).",
    },
  },
  PROVINCIAL_ONLY: {
    tint: "#eef0fa",
    border: "#0072B2",
    symbol: "+",
    label: { vi: "Chỉ có ở tỉnh", en: "Provincial only" },
    description: {
      vi: "Chỉ tiêu của tỉnh không gắn với chỉ tiêu quốc gia nào.",
      en: "A provincial target with no national counterpart.",
    },
  },
};

export function relationLabel(relation: string, locale: Locale): string {
  return (RELATION_STYLE as Record<string, RelationStyle>)[relation]?.label[locale] ?? relation;
}

/** Legend entries, in table order: symbol + words + what it means. */
export function legendEntries(locale: Locale) {
  return RELATIONS.map(r => ({
    relation: r,
    symbol: RELATION_STYLE[r].symbol,
    tint: RELATION_STYLE[r].tint,
    border: RELATION_STYLE[r].border,
    label: RELATION_STYLE[r].label[locale],
    description: RELATION_STYLE[r].description[locale],
  }));
}
