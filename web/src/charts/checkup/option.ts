/**
 * Health check-ups per year: workers examined (left axis) beside the cases found, stacked by
 * disease (right axis). Two axes because examinations run to thousands and cases to units.
 */
import type { ECOption } from "../echarts.js";
import { formatNumber, type Locale } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { baseOption, SERIES_COLOURS, tooltipHtml } from "../theme.js";

export interface CheckupChartInput {
  locale: Locale;
  title: string;
  years: number[];
  /** Workers examined per year (aligned with `years`; null = no data). */
  examined: (number | null)[];
  /** Cases per disease per year (aligned with `years`). */
  diseases: { label: string; cases: (number | null)[] }[];
  illustrative?: boolean;
}

export function buildCheckupOption(input: CheckupChartInput): ECOption {
  const { locale } = input;
  const count = (v: number) => formatNumber(v, locale, { digits: 0 });
  return {
    ...baseOption(input.title),
    grid: { left: 8, right: 8, top: 64, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, type: "scroll" },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const index = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        return tooltipHtml(String(input.years[index]), [
          [
            t("checkup.examined", locale),
            formatNumber(input.examined[index], locale, { digits: 0 }),
          ],
          ...input.diseases.map((d): [string, string] => [
            d.label,
            formatNumber(d.cases[index], locale, { digits: 0 }),
          ]),
        ]);
      },
    },
    xAxis: { type: "category", data: input.years.map(String) },
    yAxis: [
      // Axis names aligned inwards so they are not cut at the chart's edges.
      {
        type: "value",
        name: t("checkup.examined", locale),
        nameTextStyle: { align: "left" },
        axisLabel: { formatter: count },
      },
      {
        type: "value",
        name: t("checkup.cases", locale),
        nameTextStyle: { align: "right" },
        axisLabel: { formatter: count },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: "bar",
        name: t("checkup.examined", locale),
        data: input.examined,
        itemStyle: { color: "#bbbbbb" },
        barGap: "10%",
      },
      ...input.diseases.map((d, i) => ({
        type: "bar" as const,
        name: d.label,
        yAxisIndex: 1,
        stack: "cases",
        data: d.cases,
        itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
      })),
    ],
  };
}
