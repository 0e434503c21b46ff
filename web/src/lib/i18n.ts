/**
 * Translation lookup. Vietnamese is the default; English is the second language. Names that come
 * from the API (indicators, units, programmes) are picked with `pick()` from their nameVi/nameEn.
 */
import type { Locale } from "./format.js";
import { en, vi, type MessageKey } from "./messages.js";

export type { MessageKey };

const TABLES: Record<Locale, Record<MessageKey, string>> = { vi, en };

export const LOCALES: readonly Locale[] = ["vi", "en"];
export const DEFAULT_LOCALE: Locale = "vi";

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

/** `t('sentence.noData', 'en', { indicator: 'X', unit: 'Y' })`. Unknown placeholders stay visible. */
export function t(key: MessageKey, locale: Locale, params: Record<string, string> = {}): string {
  const template = TABLES[locale][key] ?? TABLES.vi[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** A translator bound to one locale, for code that renders a whole page. */
export type Translate = (key: MessageKey, params?: Record<string, string>) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(key, locale, params);
}

interface Named {
  nameVi?: string | null;
  nameEn?: string | null;
}

/** The API object's name in the chosen language, falling back to the other language. */
export function pick(named: Named | null | undefined, locale: Locale): string {
  if (!named) return "";
  const primary = locale === "vi" ? named.nameVi : named.nameEn;
  return primary ?? named.nameVi ?? named.nameEn ?? "";
}

/** Same for any pair of vi/en fields, e.g. titleVi/titleEn. */
export function pickText(
  vi: string | null | undefined,
  en: string | null | undefined,
  locale: Locale,
): string {
  return (locale === "vi" ? (vi ?? en) : (en ?? vi)) ?? "";
}

/** A generated sentence as a sentence: first letter upper-case ('tần suất …' -> 'Tần suất …'). */
export function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);
}
