/**
 * What a target lacks, in words: "Hải Phòng (trước 07/2025): số người chết năm 2020 (năm gốc) và
 * số lao động có việc làm 2020 và 2024". Pure: names come in through `indicatorName`/`unitName`.
 */
import type { Locale } from "../../lib/format.js";

export interface Missing {
  indicator: string;
  year: number;
  unit: string;
  baseYear: boolean;
}

const WORDS: Record<Locale, { and: string; year: string; base: string }> = {
  vi: { and: "và", year: "năm ", base: "năm gốc" },
  en: { and: "and", year: "", base: "base year" },
};

/** 'a', 'a và b', 'a, b và c'. */
function joinWords(parts: string[], and: string): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} ${and} ${parts[parts.length - 1]}`;
}

const lowerFirst = (text: string) =>
  /^[A-ZĐÀ-Ỹ][a-zà-ỹ]/.test(text) ? text[0].toLocaleLowerCase("vi") + text.slice(1) : text;

export function missingText(
  missing: readonly Missing[],
  locale: Locale,
  indicatorName: (code: string) => string,
  unitName: (code: string) => string,
): string {
  const w = WORDS[locale];
  const units = [...new Set(missing.map(m => m.unit))];
  return units
    .map(unit => {
      const mine = missing.filter(m => m.unit === unit);
      const indicators = [...new Set(mine.map(m => m.indicator))];
      const phrases = indicators.map(code => {
        const years = mine
          .filter(m => m.indicator === code)
          .sort((a, b) => a.year - b.year)
          .map(m => (m.baseYear ? `${m.year} (${w.base})` : String(m.year)));
        return `${lowerFirst(indicatorName(code))} ${w.year}${joinWords(years, w.and)}`;
      });
      return `${unitName(unit)}: ${joinWords(phrases, w.and)}`;
    })
    .join("; ");
}
