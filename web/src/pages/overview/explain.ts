/**
 * The components behind a status, as label/value rows a reader can check by hand. Pure. Only
 * components that apply (non-null) are listed; the method and, when not assessable, the reason
 * always are.
 */
import type { Progress } from "../../api/analytics.js";
import {
  formatMeasure,
  formatNumber,
  formatRatePerYear,
  formatShare,
  type Locale,
  type Measure,
} from "../../lib/format.js";
import { sentence, t, type MessageKey } from "../../lib/i18n.js";
import { reasonLabel } from "../../lib/status.js";
import { COMPARATOR_SYMBOL } from "../../lib/targets.js";

export type ExplainRow = [label: string, value: string];

const METHOD: Record<string, Record<Locale, string>> = {
  ANNUAL_RATE: {
    vi: "So sánh tốc độ tăng/giảm bình quân năm với tốc độ yêu cầu",
    en: "Observed compound annual rate vs the required rate",
  },
  LEVEL: {
    vi: "So sánh giá trị mới nhất với mức mục tiêu",
    en: "Latest value vs the target level",
  },
  ALL: { vi: "Đạt hay chưa đạt 100 %", en: "Achieved or not (100 %)" },
  TREND: {
    vi: "Xu hướng (mục tiêu không có giá trị số)",
    en: "Trend (target has no numeric value)",
  },
};

export function explainRows(progress: Progress, measure: Measure, locale: Locale): ExplainRow[] {
  const c = progress.components;
  const label = (key: MessageKey) => t(key, locale);
  const value = (v: number | null) => formatMeasure(v, measure, locale);
  const rows: ExplainRow[] = [
    [label("component.method"), METHOD[progress.method]?.[locale] ?? progress.method],
  ];
  if (progress.reason) {
    rows.push([label("component.reason"), sentence(reasonLabel(progress, locale) ?? "")]);
  }
  const push = (key: MessageKey, v: string | null) => {
    if (v !== null) rows.push([label(key), v]);
  };
  const has = (v: unknown) => v !== null && v !== undefined;
  if (has(c.baseYear)) {
    const declared =
      has(c.baseYearDeclared) && c.baseYearDeclared !== c.baseYear
        ? ` (${c.baseYearDeclared} →)`
        : "";
    push("component.baseYear", `${c.baseYear}${declared}`);
  }
  if (has(c.baseValue)) push("component.baseValue", value(c.baseValue));
  if (has(c.latestYear)) push("component.latestYear", String(c.latestYear));
  if (has(c.latestValue)) push("component.latestValue", value(c.latestValue));
  if (has(c.endYear)) push("component.endYear", String(c.endYear));
  if (has(c.observedRate)) {
    push("component.observedRate", formatRatePerYear(c.observedRate, locale));
  }
  if (has(c.requiredRate)) {
    push("component.requiredRate", formatRatePerYear(c.requiredRate, locale));
  }
  if (has(c.ratio)) push("component.ratio", formatShare(c.ratio, locale));
  if (has(c.requiredRemainingRate)) {
    push("component.requiredRemainingRate", formatRatePerYear(c.requiredRemainingRate, locale));
  }
  if (has(c.targetValue)) {
    const comparator =
      c.comparator && c.comparator in COMPARATOR_SYMBOL
        ? `${COMPARATOR_SYMBOL[c.comparator as keyof typeof COMPARATOR_SYMBOL]} `
        : "";
    push("component.targetValue", comparator + value(c.targetValue));
  }
  if (has(c.shortfall)) push("component.shortfall", value(c.shortfall));
  if (has(c.projectedEndValue)) push("component.projectedEndValue", value(c.projectedEndValue));
  if (has(c.shareOfRequiredProgress)) {
    push("component.shareOfRequiredProgress", formatShare(c.shareOfRequiredProgress, locale));
  }
  if (c.interval) {
    push("component.interval", `${value(c.interval.lower)} – ${value(c.interval.upper)}`);
  }
  if (has(c.requiredPathInsideInterval)) {
    push(
      "component.requiredPathInsideInterval",
      t(c.requiredPathInsideInterval ? "yes" : "no", locale),
    );
  }
  if (c.pointsUsed.length) {
    const points = c.pointsUsed
      .map(p => `${p.year}: ${formatNumber(p.value, locale, { digits: 2 })}`)
      .join("; ");
    rows.push([locale === "vi" ? "Số liệu đã dùng" : "Values used", points]);
  }
  return rows;
}
