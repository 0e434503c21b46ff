import type { Comparator, NotAssessableReason, ProgressResult } from "./types.js";

export type Lang = "vi" | "en";

/** Names used in a sentence; `unit` is appended to values, e.g. '%'. */
export interface DescribeNames {
  /** e.g. 'fatal accident frequency' / 'tần suất TNLĐ chết người'. */
  indicator: string;
  /** e.g. 'NQ 19/NQ-CP'; the sentence says "the target" / "mục tiêu" when absent. */
  instrument?: string | null;
  unit?: string | null;
  /**
   * The indicator's measure (the API's Measure enum as text): it sets the format of values in
   * the sentence: PERCENT with '%' and 1 decimal, COUNT and PERSONS whole numbers, other
   * measures (rates per 100,000, money) 1 decimal. Without it, up to 2 decimals.
   */
  measure?: string | null;
}

/** Decimals and suffix of a value in a sentence, from the indicator's measure. */
export function measureFormat(
  measure: string | null | undefined,
  lang: Lang,
): { decimals: number; suffix: string | null } {
  switch (measure) {
    case "PERCENT":
      return { decimals: 1, suffix: "%" };
    case "COUNT":
      return { decimals: 0, suffix: null };
    case "PERSONS":
      return { decimals: 0, suffix: lang === "vi" ? "người" : "persons" };
    case "RATE_PER_100K":
      return { decimals: 1, suffix: lang === "vi" ? "/100.000 LĐ" : "per 100,000 workers" };
    case "BILLION_VND":
      return { decimals: 1, suffix: lang === "vi" ? "tỷ đồng" : "bn VND" };
    case "THOUSAND_PERSONS":
      return { decimals: 1, suffix: lang === "vi" ? "nghìn người" : "thousand persons" };
    case undefined:
    case null:
      return { decimals: 2, suffix: null };
    default:
      return { decimals: 1, suffix: null };
  }
}

/**
 * Formats a number with at most `maxDecimals` decimals, trailing zeros trimmed. Vietnamese uses
 * a comma for decimals and a dot for thousands (1.234,5); English the reverse (1,234.5).
 * Written by hand so the output does not depend on the ICU data bundled with Node.
 */
export function formatNumber(value: number, lang: Lang, maxDecimals = 1): string {
  const fixed = Math.abs(value).toFixed(maxDecimals);
  const [intPart = "0", decPart = ""] = fixed.split(".");
  const decimals = decPart.replace(/0+$/, "");
  const [group, point] = lang === "vi" ? [".", ","] : [",", "."];
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? "-" : ""}${grouped}${decimals ? point + decimals : ""}`;
}

const SYMBOL: Record<Comparator, string> = { GT: ">", GTE: "≥", EQ: "=", LTE: "≤", LT: "<" };

/**
 * Why a target cannot be assessed, in plain words: the one wording of each reason code. The API
 * returns it (Progress.reasonVi / reasonEn) and the web shows it as it comes; the sentences below
 * use the Vietnamese one.
 */
export const NOT_ASSESSABLE_REASON: Record<NotAssessableReason, Record<Lang, string>> = {
  NO_DATA: { vi: "chưa có số liệu", en: "no data yet" },
  INSUFFICIENT_DATA: {
    vi: "chưa đủ số liệu, cần ít nhất hai năm",
    en: "not enough data, at least two years are needed",
  },
  BASE_YEAR_MISSING: { vi: "thiếu số liệu năm gốc", en: "no value for the base year" },
  ZERO_BASE: { vi: "giá trị năm gốc bằng 0", en: "the base value is 0" },
  SIGN_CHANGE: {
    vi: "số liệu có giá trị âm hoặc đổi dấu",
    en: "the series has negative values or changes sign",
  },
  DUPLICATE_YEAR: { vi: "một năm có nhiều giá trị", en: "one year has several values" },
  INVALID_TARGET: {
    vi: "mục tiêu chưa được khai báo đầy đủ",
    en: "the target is not fully specified",
  },
  NO_DIRECTION: {
    vi: "chưa xác định chiều mong muốn của chỉ số",
    en: "the desired direction of the indicator is not set",
  },
  TARGET_EQUALS_BASE: {
    vi: "giá trị năm gốc đã bằng mục tiêu",
    en: "the base value already equals the target",
  },
};

/** The plain-words reason of a result, or null when it was assessed. */
export function reasonWords(reason: NotAssessableReason | null, lang: Lang): string | null {
  return reason ? NOT_ASSESSABLE_REASON[reason][lang] : null;
}

/**
 * One plain sentence about a progress result for briefings, e.g. "fatal accident frequency
 * fell 2.6 %/year, 65 % of the pace NQ 19/NQ-CP requires" or "tần suất TNLĐ chết người giảm
 * 2,6 %/năm, bằng 65 % tốc độ NQ 19/NQ-CP yêu cầu". Rates are shown in %/year with one
 * decimal, ratios and shares as whole per cent, values with up to two decimals.
 */
export function describeProgress(result: ProgressResult, lang: Lang, names: DescribeNames): string {
  const c = result.components;
  const vi = lang === "vi";
  const ind = names.indicator;
  const inst = names.instrument ?? null;
  const pct = (fraction: number): string => `${formatNumber(fraction * 100, lang, 0)} %`;
  const format = measureFormat(names.measure, lang);
  const suffix = names.unit ?? format.suffix;
  const val = (v: number): string =>
    suffix
      ? `${formatNumber(v, lang, format.decimals)} ${suffix}`
      : formatNumber(v, lang, format.decimals);
  // The required path lies inside the 95 % interval of the latest value: the gap to it may be noise.
  const withinInterval = (text: string): string =>
    c.requiredPathInsideInterval
      ? vi
        ? `${text} (khoảng cách tới lộ trình yêu cầu nằm trong khoảng tin cậy ${formatNumber((c.interval?.level ?? 0.95) * 100, lang, 0)} %, có thể chỉ do dao động ngẫu nhiên)`
        : `${text} (the gap to the required path is within the ${formatNumber((c.interval?.level ?? 0.95) * 100, lang, 0)} % interval, so it may be chance)`
      : text;
  // `infinitive` gives "fall"/"rise" for "requires it to …"; Vietnamese verbs do not inflect.
  const movement = (rate: number, infinitive = false): string => {
    if (rate === 0) {
      return vi ? "không đổi" : infinitive ? "stay the same" : "did not change";
    }
    const r = `${formatNumber(Math.abs(rate) * 100, lang, 1)} %/${vi ? "năm" : "year"}`;
    const en = rate < 0 ? (infinitive ? "fall" : "fell") : infinitive ? "rise" : "rose";
    const verb = vi ? (rate < 0 ? "giảm" : "tăng") : en;
    return `${verb} ${r}`;
  };

  if (result.status === "NOT_ASSESSABLE") {
    const why = vi ? (reasonWords(result.reason, "vi") ?? "") : (result.reasonText ?? "");
    return vi
      ? `${ind}: chưa đánh giá được tiến độ (${why})`
      : `${ind}: progress cannot be assessed (${why})`;
  }

  if (result.method === "TREND" && c.observedRate !== null) {
    const span = `${c.baseYear}–${c.latestYear}`;
    return vi
      ? `${ind} ${movement(c.observedRate)} giai đoạn ${span} (không có chỉ tiêu định lượng)`
      : `${ind} ${movement(c.observedRate)} in ${span} (no numeric target)`;
  }

  if (result.method === "ANNUAL_RATE" && c.observedRate !== null && c.requiredRate !== null) {
    const moved = `${ind} ${movement(c.observedRate)}`;
    const who = inst ?? (vi ? "mục tiêu" : "the target");
    if (result.status === "TARGET_ACHIEVED") {
      return vi
        ? `${moved}, đã đạt mức ${who} yêu cầu cho năm ${c.endYear}`
        : `${moved} and has already reached the ${c.endYear} level ${who} requires`;
    }
    if (result.status === "DETERIORATION") {
      const req = movement(c.requiredRate, true);
      return vi
        ? `${moved}, trong khi ${who} yêu cầu ${req}`
        : `${moved}, while ${who} requires it to ${req}`;
    }
    const share = pct(c.ratio ?? 0);
    const sentence = vi
      ? `${moved}, bằng ${share} tốc độ ${who} yêu cầu`
      : `${moved}, ${share} of the pace ${who} requires`;
    if (result.status === "NOT_ACHIEVED") {
      return vi
        ? `${sentence}; chưa đạt mục tiêu năm ${c.endYear}`
        : `${sentence}; the ${c.endYear} target was not met`;
    }
    return withinInterval(sentence);
  }

  // LEVEL, MILESTONE and ALL.
  const target = `${SYMBOL[c.comparator ?? "GTE"]} ${val(c.targetValue ?? 0)}`;
  const of = inst ? (vi ? ` của ${inst}` : ` set by ${inst}`) : "";
  const now = vi
    ? `${ind} đạt ${val(c.latestValue ?? 0)} năm ${c.latestYear}`
    : `${ind} was ${val(c.latestValue ?? 0)} in ${c.latestYear}`;
  if (result.status === "TARGET_ACHIEVED") {
    return vi
      ? `${now}, đạt mục tiêu ${target}${of}`
      : `${now}, meeting the target of ${target}${of}`;
  }
  if (result.status === "NOT_ACHIEVED") {
    const gap = val(c.shortfall ?? 0);
    return vi
      ? `${now}; chưa đạt mục tiêu ${target}${of} (còn thiếu ${gap})`
      : `${now}; the target of ${target}${of} is not met (short by ${gap})`;
  }
  if (c.shareOfRequiredProgress === null) {
    // Only when the base met the target and the latest value no longer does.
    return vi
      ? `${now}; đang đi ngược mục tiêu ${target}${of}`
      : `${now}; it is moving away from the target of ${target}${of}`;
  }
  const projected = val(c.projectedEndValue ?? 0);
  const share = pct(c.shareOfRequiredProgress);
  return vi
    ? `${now}; với tốc độ hiện nay sẽ đạt ${projected} vào năm ${c.endYear}, bằng ${share} mức tiến bộ cần thiết để đạt ${target}${of}`
    : `${now}; at the current pace it would reach ${projected} by ${c.endYear}, ${share} of the progress needed for ${target}${of}`;
}
