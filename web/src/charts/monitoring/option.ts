/**
 * Working-environment monitoring: share of samples over the permitted limit per category
 * (factor or sector), one bar per unit. The share is computed from the counts, never averaged.
 */
import type { ECOption } from "../echarts.js";
import { formatNumber, formatPercent, type Locale } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { baseOption, tooltipHtml, unitColour } from "../theme.js";

export interface OverLimitCell {
  samples: number | null;
  overLimit: number | null;
}

export interface OverLimitSeries {
  code: string;
  label: string;
  /** One cell per category, in the order of `categories`. */
  cells: OverLimitCell[];
  illustrative?: boolean;
}

export interface OverLimitChartInput {
  locale: Locale;
  title: string;
  categories: string[];
  series: OverLimitSeries[];
}

/** Percent of samples over the limit; null when there were no samples or no counts. */
export function shareOverLimit(cell: OverLimitCell): number | null {
  if (cell.samples === null || cell.overLimit === null || cell.samples <= 0) return null;
  return (cell.overLimit / cell.samples) * 100;
}

export function buildOverLimitOption(input: OverLimitChartInput): ECOption {
  const { locale } = input;
  return {
    ...baseOption(input.title),
    grid: { left: 8, right: 48, top: 40, bottom: 24, containLabel: true },
    legend: { top: 0, left: 0, type: "scroll" },
    tooltip: {
      trigger: "item",
      formatter: (p: unknown) => {
        const { seriesIndex, dataIndex } = p as { seriesIndex: number; dataIndex: number };
        const series = input.series[seriesIndex];
        const cell = series.cells[dataIndex];
        return tooltipHtml(`${input.categories[dataIndex]} · ${series.label}`, [
          [t("monitoring.samples", locale), formatNumber(cell.samples, locale, { digits: 0 })],
          [t("monitoring.overLimit", locale), formatNumber(cell.overLimit, locale, { digits: 0 })],
          [t("monitoring.shareOver", locale), formatPercent(shareOverLimit(cell), locale)],
        ]);
      },
    },
    xAxis: {
      type: "value",
      axisLabel: { formatter: (v: number) => formatPercent(v, locale, { digits: 0 }) },
    },
    yAxis: { type: "category", data: input.categories, inverse: true },
    series: input.series.map((s, i) => ({
      type: "bar" as const,
      // The panel carries the 'illustrative data' badge; legends stay short.
      name: s.label,
      data: s.cells.map(shareOverLimit),
      itemStyle: { color: unitColour(s.code, i) },
      label: {
        show: true,
        position: "right" as const,
        formatter: (p: { value: unknown }) => formatPercent(p.value as number | null, locale),
      },
    })),
  };
}
