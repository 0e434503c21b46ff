/**
 * Compare chart: one indicator, several units' actual series, each unit's required trajectory
 * (dashed) and the national target (a horizontal line). Pure: data in, ECharts option out.
 */
import type { ECOption } from "../echarts.js";
import {
  formatMeasure,
  formatNumber,
  formatPercent,
  type Locale,
  type Measure,
} from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { baseOption, tooltipHtml, unitColour } from "../theme.js";

export interface YearValue {
  year: number;
  value: number | null;
}

export interface CompareSeriesInput {
  code: string;
  label: string;
  points: YearValue[];
  illustrative?: boolean;
}

export interface CompareChartInput {
  locale: Locale;
  measure: Measure;
  indicatorName: string;
  fromYear: number;
  toYear: number;
  series: CompareSeriesInput[];
  /** Required path per unit (same code as its series), drawn dashed in the unit's colour. */
  trajectories: CompareSeriesInput[];
  nationalTarget?: { value: number; label: string } | null;
  /**
   * Escaped HTML shown under a unit's value in the tooltip: where the value comes from
   * (components/provenance.ts). Indexed like `series`.
   */
  provenanceHtml?: (seriesIndex: number, year: number) => string;
}

export function yearsBetween(from: number, to: number): number[] {
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}

/** Values aligned to the year axis; years without a value are null (a gap, never 0). */
export function alignToYears(points: YearValue[], years: number[]): (number | null)[] {
  const byYear = new Map(points.map(p => [p.year, p.value]));
  return years.map(y => byYear.get(y) ?? null);
}

/** Axis ticks: percent with a % sign, other measures as plain numbers (the unit is in the title). */
export function axisLabel(value: number, measure: Measure, locale: Locale): string {
  return measure === "PERCENT"
    ? formatPercent(value, locale, { digits: 0 })
    : formatNumber(value, locale, { digits: 2 });
}

export function buildCompareOption(input: CompareChartInput): ECOption {
  const { locale, measure } = input;
  const years = yearsBetween(input.fromYear, input.toYear);
  const colourOf = new Map(input.series.map((s, i) => [s.code, unitColour(s.code, i)]));
  const illustrativeMark = ` (${t("illustrative", locale)})`;

  const actual = input.series.map(s => ({
    type: "line" as const,
    name: s.label + (s.illustrative ? illustrativeMark : ""),
    data: alignToYears(s.points, years),
    connectNulls: false,
    symbol: "circle",
    symbolSize: 7,
    lineStyle: { width: 2.5 },
    itemStyle: { color: colourOf.get(s.code) },
  }));

  const paths = input.trajectories.map((s, i) => ({
    type: "line" as const,
    name: `${t("requiredPath", locale)}: ${s.label}`,
    data: alignToYears(s.points, years),
    connectNulls: true,
    symbol: "none",
    lineStyle: { width: 1.5, type: "dashed" as const },
    itemStyle: { color: colourOf.get(s.code) ?? unitColour(s.code, i) },
  }));

  const target = input.nationalTarget;
  if (target && actual.length > 0) {
    Object.assign(actual[0], {
      markLine: {
        symbol: "none",
        silent: true,
        lineStyle: { color: "#000000", type: "dotted", width: 1.5 },
        label: {
          formatter: `${target.label}: ${formatMeasure(target.value, measure, locale)}`,
          position: "insideEndTop",
        },
        data: [{ yAxis: target.value }],
      },
    });
  }

  return {
    ...baseOption(`${input.indicatorName}, ${years[0]}–${years[years.length - 1]}`),
    grid: { left: 64, right: 24, top: 56, bottom: 40, containLabel: false },
    legend: { type: "scroll", top: 0, left: 0, right: 0 },
    tooltip: {
      trigger: "axis",
      // Provenance makes the tooltip tall: keep it inside the chart on a phone.
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as {
          seriesName: string;
          seriesIndex: number;
          value: number | null;
          axisValue: string;
        }[];
        const year = list[0]?.axisValue ?? "";
        const html = tooltipHtml(
          year,
          list.map(p => [p.seriesName, formatMeasure(p.value, measure, locale)]),
        );
        if (!input.provenanceHtml) return html;
        // One block per actual series (trajectories come after them and have no source).
        const [head, ...rows] = html.split("<br/>");
        return [
          head,
          ...rows.map((row, i) => {
            const p = list[i];
            const extra =
              p && p.seriesIndex < input.series.length && p.value !== null
                ? input.provenanceHtml!(p.seriesIndex, Number(year))
                : "";
            return row + extra;
          }),
        ].join("<br/>");
      },
    },
    xAxis: { type: "category", data: years.map(String), boundaryGap: false },
    yAxis: {
      type: "value",
      scale: measure !== "PERCENT" && measure !== "COUNT",
      axisLabel: { formatter: (v: number) => axisLabel(v, measure, locale) },
    },
    series: [...actual, ...paths],
  };
}
