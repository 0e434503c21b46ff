/**
 * Number, percent and date formatting for Vietnamese (default) and English. Pure functions.
 * A missing value (null/undefined/NaN) is always spelled out as "no data", never shown as 0.
 */
import type { Measure } from "../api/graphql.js";

export type Locale = "vi" | "en";

const INTL_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

const NO_DATA: Record<Locale, string> = { vi: "Không có số liệu", en: "No data" };

/** The words shown instead of a missing number. */
export function noData(locale: Locale): string {
  return NO_DATA[locale];
}

export function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, minDigits: number, maxDigits: number): Intl.NumberFormat {
  const cacheKey = `${locale}:${minDigits}:${maxDigits}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.NumberFormat(INTL_LOCALE[locale], {
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
      useGrouping: true,
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

export interface NumberOptions {
  /** Maximum decimals (default 1). */
  digits?: number;
  /** Minimum decimals (default 0). */
  minDigits?: number;
  /** Prefix positive values with '+' (for rates of change). */
  signed?: boolean;
}

/**
 * 1234.5 -> '1.234,5' (vi) or '1,234.5' (en). Vietnamese groups 4-digit numbers too
 * ('1.234'), which Intl's vi-VN does by default.
 */
export function formatNumber(
  value: number | null | undefined,
  locale: Locale,
  options: NumberOptions = {},
): string {
  if (isMissing(value)) return noData(locale);
  const { digits = 1, minDigits = 0, signed = false } = options;
  // Normalise -0 so a rounded tiny negative does not print as '-0'.
  const rounded = Number(value.toFixed(digits)) || 0;
  const text = numberFormat(locale, minDigits, digits).format(rounded).replace("\u2212", "-");
  return signed && rounded > 0 ? `+${text}` : text;
}

/** A value already in percent: 65 -> '65 %' (vi) / '65%' (en); 2.5 -> '2,5 %' / '2.5%'. */
export function formatPercent(
  value: number | null | undefined,
  locale: Locale,
  options: NumberOptions = {},
): string {
  if (isMissing(value)) return noData(locale);
  const text = formatNumber(value, locale, options);
  return locale === "vi" ? `${text} %` : `${text}%`;
}

/** A fraction: 0.65 -> '65 %' / '65%'. */
export function formatShare(
  fraction: number | null | undefined,
  locale: Locale,
  options: NumberOptions = {},
): string {
  if (isMissing(fraction)) return noData(locale);
  return formatPercent(fraction * 100, locale, { digits: 0, ...options });
}

/** A growth rate given as a fraction per year: -0.026 -> '-2,6 %/năm' / '-2.6%/year'. */
export function formatRatePerYear(fraction: number | null | undefined, locale: Locale): string {
  if (isMissing(fraction)) return noData(locale);
  const text = formatPercent(fraction * 100, locale, { digits: 1, signed: true });
  return `${text}/${locale === "vi" ? "năm" : "year"}`;
}

/** Units of measure as the API names them (enum Measure). */
export type { Measure };

const MEASURE_SUFFIX: Record<Measure, Record<Locale, string>> = {
  COUNT: { vi: "", en: "" },
  PERSONS: { vi: " người", en: " persons" },
  PERCENT: { vi: "", en: "" },
  RATE_PER_100K: { vi: " /100.000 LĐ", en: " per 100,000 workers" },
  BILLION_VND: { vi: " tỷ đồng", en: " bn VND" },
  THOUSAND_PERSONS: { vi: " nghìn người", en: " thousand persons" },
  BINARY: { vi: "", en: "" },
  SQUARE_KM: { vi: " km²", en: " km²" },
};

const MEASURE_NAME: Partial<Record<Measure, Record<Locale, string>>> = {
  COUNT: { vi: "số lượng", en: "count" },
  PERCENT: { vi: "%", en: "%" },
  BINARY: { vi: "có (1) / không (0)", en: "yes (1) / no (0)" },
};

/** The unit of measure in words, for table headers, CSV columns and PNG captions. */
export function measureUnitText(measure: Measure, locale: Locale): string {
  return MEASURE_NAME[measure]?.[locale] ?? MEASURE_SUFFIX[measure][locale].trim();
}

/** A value in an indicator's unit: counts without decimals, rates with up to two. */
export function formatMeasure(
  value: number | null | undefined,
  measure: Measure,
  locale: Locale,
): string {
  if (isMissing(value)) return noData(locale);
  switch (measure) {
    case "PERCENT":
      return formatPercent(value, locale, { digits: 1 });
    case "BINARY":
      return value >= 1 ? (locale === "vi" ? "Có" : "Yes") : locale === "vi" ? "Không" : "No";
    case "COUNT":
    case "PERSONS":
      return formatNumber(value, locale, { digits: 0 }) + MEASURE_SUFFIX[measure][locale];
    default:
      return formatNumber(value, locale, { digits: 2 }) + MEASURE_SUFFIX[measure][locale];
  }
}

/** ISO date (YYYY-MM-DD or a full timestamp) -> '01/07/2025' (vi) / '1 Jul 2025' (en). */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return noData(locale);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  if (locale === "vi") return `${d}/${m}/${y}`;
  const months = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ];
  return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
}
