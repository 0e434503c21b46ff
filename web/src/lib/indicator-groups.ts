/**
 * Grouping, sorting and filtering of indicators for the indicator picker. Pure (no DOM): the
 * themes come from the API's `category`, names are sorted with the language's collation.
 */
import type { Schema } from "../api/graphql.js";
import type { Locale } from "./format.js";
import { pick, t } from "./i18n.js";

export type IndicatorCategory = Schema<"IndicatorCategory">;

/** Themes in the order the picker lists them. */
export const CATEGORY_ORDER: readonly IndicatorCategory[] = [
  "ACCIDENTS",
  "DISEASE_CHECKUPS",
  "MONITORING",
  "TRAINING",
  "CONTEXT",
];

export interface PickerIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  category: IndicatorCategory;
}

export interface PickerOption {
  code: string;
  label: string;
}

export interface PickerGroup {
  category: IndicatorCategory;
  label: string;
  options: PickerOption[];
}

/** Lower case without diacritics ('Tử vong' -> 'tu vong'), so typing 'tai nan' finds 'tai nạn'. */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

/**
 * Indicators in theme groups (fixed theme order, empty groups left out), each group sorted by
 * name with the language's collation (`Intl.Collator('vi')` puts 'Đ' after 'D', 'Ư' after 'U').
 * `query` keeps the indicators whose names (either language) or code contain every typed word.
 */
export function groupIndicators(
  indicators: readonly PickerIndicator[],
  locale: Locale,
  query = "",
): PickerGroup[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const collator = new Intl.Collator(locale === "vi" ? "vi" : "en", { sensitivity: "base" });
  const matches = (i: PickerIndicator) => {
    const haystack = foldText(`${i.nameVi} ${i.nameEn} ${i.code}`);
    return words.every(w => haystack.includes(w));
  };
  const themeOf = (i: PickerIndicator): IndicatorCategory =>
    CATEGORY_ORDER.includes(i.category) ? i.category : "CONTEXT";
  return CATEGORY_ORDER.map(category => ({
    category,
    label: t(`indicatorCategory.${category}`, locale),
    options: indicators
      .filter(i => themeOf(i) === category && matches(i))
      .map(i => ({ code: i.code, label: pick(i, locale) }))
      .sort((a, b) => collator.compare(a.label, b.label) || a.code.localeCompare(b.code)),
  })).filter(g => g.options.length > 0);
}
