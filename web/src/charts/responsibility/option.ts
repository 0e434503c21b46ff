/**
 * Programme responsibility matrix: agencies (rows) × targets (columns), each cell the agency's
 * role. Colour AND a short text code in every cell, so the role never rests on colour alone.
 */
import type { ResponsibilityRole } from "../../api/graphql.js";
import type { ECOption } from "../echarts.js";
import type { Locale } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { baseOption, tooltipHtml } from "../theme.js";

/** A body's role, as the schema's enum ResponsibilityRole. */
export type Role = ResponsibilityRole;

export const ROLE_ORDER: Role[] = ["LEAD", "COORDINATE", "SUPPORT"];
const ROLE_VALUE: Record<Role, number> = { LEAD: 3, COORDINATE: 2, SUPPORT: 1 };
const ROLE_COLOUR: Record<Role, string> = {
  LEAD: "#0072B2",
  COORDINATE: "#56B4E9",
  SUPPORT: "#F0E442",
};
const ROLE_TEXT_COLOUR: Record<Role, string> = {
  LEAD: "#ffffff",
  COORDINATE: "#00263a",
  SUPPORT: "#2b2800",
};
export const ROLE_SHORT: Record<Role, Record<Locale, string>> = {
  LEAD: { vi: "CT", en: "L" },
  COORDINATE: { vi: "PH", en: "C" },
  SUPPORT: { vi: "HT", en: "S" },
};

export interface MatrixCell {
  agency: string;
  target: string;
  role: Role;
}

export interface ResponsibilityChartInput {
  locale: Locale;
  title: string;
  agencies: string[];
  targets: string[];
  cells: MatrixCell[];
}

export function buildResponsibilityOption(input: ResponsibilityChartInput): ECOption {
  const { locale } = input;
  const data = input.cells
    .filter(c => input.agencies.includes(c.agency) && input.targets.includes(c.target))
    .map(c => ({
      value: [
        input.targets.indexOf(c.target),
        input.agencies.indexOf(c.agency),
        ROLE_VALUE[c.role],
      ],
      role: c.role,
      label: { color: ROLE_TEXT_COLOUR[c.role] },
    }));
  return {
    ...baseOption(input.title),
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    tooltip: {
      formatter: (p: unknown) => {
        const { data: d } = p as { data: { value: number[]; role: Role } };
        return tooltipHtml(input.agencies[d.value[1]], [
          [t("target", locale), input.targets[d.value[0]]],
          [t("status", locale), t(`role.${d.role}`, locale)],
        ]);
      },
    },
    xAxis: { type: "category", data: input.targets, position: "top", splitArea: { show: true } },
    yAxis: {
      type: "category",
      data: input.agencies,
      inverse: true,
      axisLabel: { width: 220, overflow: "truncate" },
    },
    visualMap: {
      type: "piecewise",
      // Lead first, as in ROLE_ORDER (ECharts draws the last piece first by default).
      inverse: true,
      orient: "horizontal",
      top: 0,
      right: 0,
      dimension: 2,
      pieces: ROLE_ORDER.map(role => ({
        value: ROLE_VALUE[role],
        label: `${ROLE_SHORT[role][locale]} = ${t(`role.${role}`, locale)}`,
        color: ROLE_COLOUR[role],
      })),
    },
    series: [
      {
        type: "heatmap",
        data,
        label: {
          show: true,
          formatter: (p: { data: unknown }) => ROLE_SHORT[(p.data as { role: Role }).role][locale],
        },
        itemStyle: { borderColor: "#ffffff", borderWidth: 2 },
      },
    ],
  };
}
