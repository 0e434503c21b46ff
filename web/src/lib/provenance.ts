/**
 * Where a value comes from, in words: source, publisher, date, document number or URL, grade
 * with its meaning, status, disputed alternatives with their own sources, and what a derived
 * value was derived from. Pure: the one formatter behind tooltips, tables, the scorecard
 * explanation, the briefing and the CSV columns (components/provenance.ts renders it).
 */
import type { ValueRow } from "./csv.js";
import { formatDate, type Locale } from "./format.js";

export type Grade = "A" | "B" | "C";
export type ValueStatus = "OFFICIAL" | "PROVISIONAL" | "DERIVED" | "ILLUSTRATIVE";

export interface SourceInfo {
  code: string;
  title: string;
  publisher?: string | null;
  publishedOn?: string | null;
  url?: string | null;
  documentNumber?: string | null;
  grade: Grade;
}

export interface AlternativeInfo {
  value: number;
  rejected: boolean;
  note?: string | null;
  source: SourceInfo | null;
}

export interface ValueProvenance {
  status: ValueStatus;
  /** The value's own grade (may be lower than its source's). */
  grade?: Grade | null;
  source?: SourceInfo | null;
  quote?: string | null;
  note?: string | null;
  disputed?: boolean;
  alternatives?: AlternativeInfo[];
  /** A derived value: the parts it was computed from, each with its own provenance. */
  derivedFrom?: { label: string; provenance: ValueProvenance | null }[];
}

const WORDS = {
  status: { vi: "Trạng thái", en: "Status" },
  source: { vi: "Nguồn", en: "Source" },
  grade: { vi: "Độ tin cậy", en: "Grade" },
  quote: { vi: "Trích", en: "Quote" },
  disputed: { vi: "Nguồn khác cho số khác", en: "Another source gives a different value" },
  rejected: { vi: "Số đã loại", en: "Rejected value" },
  derivedFrom: { vi: "Tính từ", en: "Derived from" },
  unknownSource: { vi: "không rõ nguồn", en: "source not recorded" },
  illustrative: {
    vi: "Số liệu do máy tạo để minh họa, không phải số liệu thật",
    en: "Machine-generated for demonstration, not a real figure",
  },
} as const;

const STATUS: Record<ValueStatus, Record<Locale, string>> = {
  OFFICIAL: { vi: "chính thức", en: "official" },
  PROVISIONAL: { vi: "sơ bộ", en: "provisional" },
  DERIVED: { vi: "tính toán", en: "derived" },
  ILLUSTRATIVE: { vi: "minh họa", en: "illustrative" },
};

const GRADE: Record<Grade, Record<Locale, string>> = {
  A: { vi: "văn bản chính thức", en: "official text" },
  B: {
    vi: "báo chí chính thống dẫn cơ quan có thẩm quyền",
    en: "mainstream news citing an authority",
  },
  C: { vi: "trang tổng hợp hoặc bản dịch", en: "aggregator or translated page" },
};

export function statusText(status: ValueStatus, locale: Locale): string {
  return STATUS[status][locale];
}

/** 'B (mainstream news citing an authority)'. */
export function gradeText(grade: Grade, locale: Locale): string {
  return `${grade} (${GRADE[grade][locale]})`;
}

/** 'Title (No. 12/2024) · Publisher · 01/07/2025 · https://…' */
export function sourceLine(source: SourceInfo, locale: Locale, withUrl = true): string {
  return [
    source.documentNumber ? `${source.title} (${source.documentNumber})` : source.title,
    source.publisher,
    source.publishedOn ? formatDate(source.publishedOn, locale) : null,
    withUrl ? source.url : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

const shorten = (text: string, max = 180) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/**
 * Text lines for a tooltip or an explanation. `formatValue` writes alternatives' values in the
 * measure of the indicator. Null provenance (nothing known) gives one line saying so.
 */
export function provenanceLines(
  provenance: ValueProvenance | null | undefined,
  locale: Locale,
  formatValue: (value: number) => string = String,
  /** Tooltips: no quote, short notes. */
  brief = false,
): string[] {
  if (!provenance) return [`${WORDS.source[locale]}: ${WORDS.unknownSource[locale]}`];
  const lines = [`${WORDS.status[locale]}: ${statusText(provenance.status, locale)}`];
  if (provenance.status === "ILLUSTRATIVE") {
    lines.push(WORDS.illustrative[locale]);
    return lines;
  }
  if (provenance.source) {
    lines.push(`${WORDS.source[locale]}: ${sourceLine(provenance.source, locale)}`);
  } else if (!provenance.derivedFrom?.length) {
    lines.push(`${WORDS.source[locale]}: ${WORDS.unknownSource[locale]}`);
  }
  const grade = provenance.grade ?? provenance.source?.grade;
  if (grade) lines.push(`${WORDS.grade[locale]}: ${gradeText(grade, locale)}`);
  if (provenance.quote && !brief) {
    lines.push(`${WORDS.quote[locale]}: “${shorten(provenance.quote)}”`);
  }
  for (const alt of provenance.alternatives ?? []) {
    const label = alt.rejected ? WORDS.rejected[locale] : WORDS.disputed[locale];
    const from = alt.source
      ? `${sourceLine(alt.source, locale)}, ${WORDS.grade[locale].toLowerCase()} ${gradeText(alt.source.grade, locale)}`
      : WORDS.unknownSource[locale];
    // The seeds' notes on alternative values are English only: shown in English, and left out
    // of the Vietnamese view rather than mixing languages (the value and its source remain).
    const why = alt.note && locale === "en" ? ` (${shorten(alt.note, brief ? 60 : 120)})` : "";
    lines.push(`${label}: ${formatValue(alt.value)} — ${from}${why}`);
  }
  if (provenance.derivedFrom?.length) {
    lines.push(
      `${WORDS.derivedFrom[locale]}: ${provenance.derivedFrom.map(d => d.label).join(" + ")}`,
    );
    for (const part of provenance.derivedFrom) {
      const inner = provenanceLines(part.provenance, locale, formatValue, brief).filter(
        l => !l.startsWith(WORDS.status[locale]),
      );
      for (const line of inner) lines.push(`  · ${part.label}: ${line}`);
    }
  }
  return lines;
}

/** The provenance columns of a CSV row: status, source, grade, disputed, note. */
export function provenanceColumns(
  provenance: ValueProvenance | null | undefined,
  locale: Locale,
): { status: string; source: string; grade: string; disputed: boolean; note: string } {
  if (!provenance) {
    return {
      status: "",
      source: "",
      grade: "",
      disputed: false,
      note: WORDS.unknownSource[locale],
    };
  }
  const derived = provenance.derivedFrom?.length
    ? `${WORDS.derivedFrom[locale]}: ${provenance.derivedFrom
        .map(
          d =>
            `${d.label}${d.provenance?.source ? ` (${sourceLine(d.provenance.source, locale)})` : ""}`,
        )
        .join(" + ")}`
    : "";
  const alternatives = (provenance.alternatives ?? [])
    .map(
      a =>
        `${a.rejected ? WORDS.rejected[locale] : WORDS.disputed[locale]}: ${a.value}${a.source ? ` (${sourceLine(a.source, locale)}, ${a.source.grade})` : ""}`,
    )
    .join("; ");
  const note =
    provenance.status === "ILLUSTRATIVE"
      ? WORDS.illustrative[locale]
      : [derived, alternatives, provenance.note ?? ""].filter(Boolean).join("; ");
  return {
    status: provenance.status,
    source: provenance.source ? sourceLine(provenance.source, locale) : "",
    grade: provenance.grade ?? provenance.source?.grade ?? "",
    disputed: Boolean(provenance.disputed),
    note,
  };
}

/** Key of a value: indicator, unit and year. */
export const valueKey = (indicator: string, unit: string, year: number): string =>
  `${indicator}|${unit}|${year}`;

/** A series point as the API returns it (Series.points), enough to say where it comes from. */
export interface PointLike {
  year: number;
  value: number | null;
  illustrative: boolean;
  components?: readonly string[] | null;
}

/**
 * The provenance of one point of a series: the stored value's own, 'illustrative' for generated
 * values, or 'derived' with its parts for a harmonised sum over merged units (or a rate computed
 * from a count and a denominator, given as `parts`).
 */
export function pointProvenance(
  index: ReadonlyMap<string, ValueProvenance>,
  indicator: string,
  unit: string,
  point: PointLike,
  labelOf: (unitCode: string) => string = code => code,
  parts?: { indicator: string; label: string }[],
): ValueProvenance | null {
  if (point.value === null) return null;
  const own = index.get(valueKey(indicator, unit, point.year));
  if (own && !point.illustrative) return own;
  if (point.illustrative) return { status: "ILLUSTRATIVE" };
  const components = (point.components ?? []).filter(c => c !== unit);
  if (components.length) {
    return {
      status: "DERIVED",
      derivedFrom: (point.components ?? []).map(c => ({
        label: labelOf(c),
        provenance: index.get(valueKey(indicator, c, point.year)) ?? null,
      })),
    };
  }
  if (parts?.length) {
    return {
      status: "DERIVED",
      derivedFrom: parts.map(p => ({
        label: p.label,
        provenance: index.get(valueKey(p.indicator, unit, point.year)) ?? null,
      })),
    };
  }
  return own ?? null;
}

/** Everything needed to write a series as CSV rows with their provenance. */
export interface SeriesRowsInput {
  locale: Locale;
  indicator: { code: string; name: string };
  unitOfMeasure: string;
  unitName: (code: string) => string;
  series: { unit: { code: string }; points: PointLike[] }[];
  index: ReadonlyMap<string, ValueProvenance>;
  /** Years to write (a row for each, 'no data' where the series has none). */
  years?: number[];
  /** A rate's count and denominator indicators, for the 'derived from' note. */
  parts?: { indicator: string; label: string }[];
  /** Extra words for the note of each row (e.g. the target the value is judged against). */
  note?: string;
}

const NO_DATA_NOTE = { vi: "không có số liệu", en: "no data" } as const;

/** One CSV row per unit and year of each series, with status, source, grade and notes. */
export function seriesValueRows(input: SeriesRowsInput): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const s of input.series) {
    const years = input.years ?? s.points.map(p => p.year);
    for (const year of years) {
      const point = s.points.find(p => p.year === year);
      const value = point?.value ?? null;
      const provenance = point
        ? pointProvenance(
            input.index,
            input.indicator.code,
            s.unit.code,
            point,
            input.unitName,
            input.parts,
          )
        : null;
      const columns =
        value === null
          ? { status: "", source: "", grade: "", disputed: false, note: NO_DATA_NOTE[input.locale] }
          : provenanceColumns(provenance, input.locale);
      rows.push({
        unitCode: s.unit.code,
        unitName: input.unitName(s.unit.code),
        indicatorCode: input.indicator.code,
        indicatorName: input.indicator.name,
        year,
        value,
        unitOfMeasure: input.unitOfMeasure,
        dataset: point?.illustrative ? "ILLUSTRATIVE" : value === null ? "" : "OFFICIAL",
        ...columns,
        note: [columns.note, input.note].filter(Boolean).join("; "),
      });
    }
  }
  return rows;
}
