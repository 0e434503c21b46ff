/** How a target is written: '-4 %/năm (2020 → 2025)', '> 80 %'. Pure. */
import type { Comparator, TargetKind } from "../api/graphql.js";
import { formatPercent, type Locale } from "./format.js";

export const COMPARATOR_SYMBOL: Record<Comparator, string> = {
  GT: ">",
  GTE: "≥",
  EQ: "=",
  LTE: "≤",
  LT: "<",
};

export interface TargetLike {
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  baseYear: number | null;
  endYear: number;
}

/** The target value as a short phrase in the chosen language. */
export function targetValueText(target: TargetLike, locale: Locale): string {
  if (target.kind === "ANNUAL_RATE") {
    const rate = formatPercent(target.value, locale, { digits: 1, signed: true });
    return `${rate}/${locale === "vi" ? "năm" : "year"}`;
  }
  return `${COMPARATOR_SYMBOL[target.comparator]} ${formatPercent(target.value, locale, { digits: 1 })}`;
}

/** Years the target covers: '2020 → 2025' (base year is an assumption when the text has none). */
export function targetYearsText(target: TargetLike): string {
  return target.baseYear ? `${target.baseYear} → ${target.endYear}` : String(target.endYear);
}

const KIND_LABEL: Record<TargetKind, Record<Locale, string>> = {
  ANNUAL_RATE: { vi: "Tốc độ hằng năm", en: "Annual rate" },
  LEVEL: { vi: "Mức cần đạt", en: "Level" },
  ALL: { vi: "Toàn bộ (100 %)", en: "All (100%)" },
  MILESTONE: { vi: "Mốc", en: "Milestone" },
};

export function targetKindText(kind: TargetKind, locale: Locale): string {
  return KIND_LABEL[kind][locale];
}
