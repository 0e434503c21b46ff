/**
 * Pure helpers for the programme document's structure, cited instruments and context notes: the
 * words shown for amounts, dates, instrument kinds and source grades. A missing amount or date is
 * said in words, never shown as 0 or left blank.
 */
import type { Schema } from "../../api/graphql.js";
import { formatDate, formatMeasure, type Locale } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

export type SectionKind = Schema<"SectionKind">;

/** Sections in the order of the document (by position, then as given). */
export function sectionsInOrder<S extends { position: number }>(sections: readonly S[]): S[] {
  return [...sections].sort((a, b) => a.position - b.position);
}

/**
 * The amount of a section item: '1.234,5 tỷ đồng' / '1,234.5 bn VND' where the document states
 * one; for a funding item without one, 'Kế hoạch không nêu số tiền'; otherwise null (nothing shown).
 */
export function itemAmountText(
  amount: number | null | undefined,
  sectionKind: SectionKind,
  locale: Locale,
): string | null {
  if (amount !== null && amount !== undefined && !Number.isNaN(amount)) {
    return formatMeasure(amount, "BILLION_VND", locale);
  }
  return sectionKind === "FUNDING" ? t("programme.noAmount", locale) : null;
}

/** Issue date: '12/04/2024' (vi) / '12 Apr 2024' (en); unknown → 'chưa rõ ngày' / 'date not known'. */
export function instrumentDateText(iso: string | null | undefined, locale: Locale): string {
  return iso ? formatDate(iso, locale) : t("programme.dateUnknown", locale);
}

/** 'Công văn' / 'Official letter'; an unknown kind from a newer server is shown as its code. */
export function instrumentKindText(kind: string, locale: Locale): string {
  const key = `instrumentKind.${kind}` as Parameters<typeof t>[0];
  const text = t(key, locale);
  return text === key ? kind : text;
}

/** 'B: báo chí dẫn cơ quan' / 'B: news citing an authority'. */
export function gradeText(grade: string, locale: Locale): string {
  const key = `gradeMeaning.${grade}` as Parameters<typeof t>[0];
  const meaning = t(key, locale);
  return meaning === key ? grade : `${grade}: ${meaning}`;
}

/** The period a context note refers to: its own wording, else its year, else 'no data'. */
export function notePeriodText(
  note: { periodText?: string | null; year?: number | null },
  locale: Locale,
): string {
  if (note.periodText) return note.periodText;
  if (note.year !== null && note.year !== undefined) return String(note.year);
  return t("noData", locale);
}

/** Instrument numbers in one compact cell: '19/NQ-CP; 39/2016/NĐ-CP', or '—' when none. */
export function compactInstruments(instruments: readonly { number: string }[]): string {
  return instruments.length ? instruments.map(i => i.number).join("; ") : "—";
}
