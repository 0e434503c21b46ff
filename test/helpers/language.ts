/**
 * Language checks shared by the unit test over the message tables and the browser walk over every
 * page: English words in Vietnamese text, and place names written without their diacritics
 * ("Hai Phong" for "Hải Phòng") in either language. Pure functions; no DOM.
 */

/**
 * English words that are never Vietnamese words. Words that are also Vietnamese without
 * diacritics ("to", "no", "can", "ban", "com") are left out on purpose.
 */
export const ENGLISH_WORDS = [
  "the",
  "and",
  "of",
  "is",
  "are",
  "was",
  "were",
  "for",
  "with",
  "without",
  "not",
  "our",
  "this",
  "that",
  "from",
  "data",
  "source",
  "sources",
  "target",
  "targets",
  "year",
  "years",
  "value",
  "values",
  "unit",
  "units",
  "indicator",
  "indicators",
  "status",
  "download",
  "show",
  "chart",
  "table",
  "province",
  "city",
  "used",
  "rendering",
  "assumed",
  "official",
  "illustrative",
  "workers",
  "accidents",
  "deaths",
  "share",
  "national",
  "programme",
  "plan",
  "page",
  "loading",
  "error",
  "retry",
  "notes",
  "retrieved",
  "textvi",
  "gte",
  "lte",
] as const;

const ENGLISH = new Set<string>(ENGLISH_WORDS);

/**
 * The English words found in a text meant to be Vietnamese (lower case, in order, repeated).
 * `{placeholders}` of message templates are not words.
 */
export function englishWordsIn(text: string): string[] {
  const words =
    text
      .replace(/\{\w+\}/g, " ")
      .toLowerCase()
      .match(/[a-z]+/g) ?? [];
  return words.filter(w => ENGLISH.has(w));
}

/** 'Hải Phòng' -> 'Hai Phong' (the form a name takes when its diacritics are lost). */
export function stripDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

/** The diacritic-less forms of the names that have diacritics: { 'Hai Phong': 'Hải Phòng', … }. */
export function asciiForms(names: readonly string[]): Map<string, string> {
  const forms = new Map<string, string>();
  for (const name of names) {
    const base = name.replace(/\s*\(.*\)$/, "").trim();
    const ascii = stripDiacritics(base);
    if (ascii !== base) forms.set(ascii, base);
  }
  return forms;
}

/** Names written without their diacritics in a text: ['Hai Phong', …]. */
export function asciiNamesIn(text: string, forms: Map<string, string>): string[] {
  const found: string[] = [];
  for (const ascii of forms.keys()) {
    const pattern = new RegExp(
      `(^|[^\\p{L}])${ascii.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`,
      "u",
    );
    if (pattern.test(text)) found.push(ascii);
  }
  return found;
}
