/**
 * Province map coloured by an indicator value (continuous scale) or a target status (one
 * colour per status, with its words in the legend and tooltip). Regions are matched on the
 * feature property `code` (see scripts/map/build-map.mjs), never on display names.
 * The Hoàng Sa and Trường Sa archipelagos are features of both map files (island symbols, see
 * scripts/map/archipelagos.mjs); they are always drawn dark and labelled, whatever the data.
 */
import type { ECOption } from "../echarts.js";
import { formatMeasure, type Locale, type Measure } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import {
  PROGRESS_STATUSES,
  STATUS_STYLE,
  statusLabel,
  type ProgressStatus,
} from "../../lib/status.js";
import { baseOption, tooltipHtml } from "../theme.js";

export interface MapItem {
  code: string;
  name: string;
  value: number | null;
  status?: string | null;
  illustrative?: boolean;
}

export interface MapChartInput {
  locale: Locale;
  mapName: string;
  mode: "value" | "status";
  title: string;
  measure: Measure;
  items: MapItem[];
}

const NO_DATA_COLOUR = "#eeeeee";
const ISLAND_COLOUR = "#333333";

/** The archipelagos' feature codes in the map files and their labels. */
export const ARCHIPELAGOS = [
  { code: "hoang-sa", label: "map.hoangSa" },
  { code: "truong-sa", label: "map.truongSa" },
] as const;

/** Labelled island symbols: not data, so no scale colour, no hover, no selection. */
function archipelagoData(locale: Locale) {
  return ARCHIPELAGOS.map(a => ({
    name: a.code,
    value: "-" as const,
    itemStyle: { areaColor: ISLAND_COLOUR, borderColor: ISLAND_COLOUR, borderWidth: 0.5 },
    label: {
      show: true,
      // Two lines keep the label narrow enough to stay off the coast on a phone.
      formatter: t(a.label, locale).replace(" (", "\n("),
      fontSize: 11,
      color: "#222222",
      lineHeight: 13,
    },
    emphasis: { disabled: true },
  }));
}

function statusIndex(status: string | null | undefined): number | null {
  const index = PROGRESS_STATUSES.indexOf(status as ProgressStatus);
  return index < 0 ? null : index;
}

/** Min and max of the known values (null when nothing is known). */
export function valueExtent(items: MapItem[]): [number, number] | null {
  const values = items
    .map(i => i.value)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return null;
  return [Math.min(...values), Math.max(...values)];
}

export function buildMapOption(input: MapChartInput): ECOption {
  const { locale, mode, measure } = input;
  const byCode = new Map(input.items.map(i => [i.code, i]));
  const data = [
    ...input.items.map(item => ({
      name: item.code,
      // '-' is ECharts' empty value: the region keeps the no-data colour instead of a scale colour.
      value: (mode === "status" ? statusIndex(item.status) : item.value) ?? ("-" as const),
    })),
    ...archipelagoData(locale),
  ];
  const islandNames = ARCHIPELAGOS.map(a => t(a.label, locale));
  const extent = valueExtent(input.items) ?? [0, 1];
  const visualMap =
    mode === "status"
      ? {
          type: "piecewise" as const,
          // List the pieces in the order given (ECharts draws the last piece on top by default).
          inverse: true,
          left: 0,
          bottom: 0,
          pieces: PROGRESS_STATUSES.map((status, i) => ({
            value: i,
            label: `${STATUS_STYLE[status].symbol} ${statusLabel(status, locale)}`,
            color: STATUS_STYLE[status].color,
          })),
        }
      : {
          type: "continuous" as const,
          left: 0,
          bottom: 0,
          min: extent[0],
          max: extent[1] === extent[0] ? extent[0] + 1 : extent[1],
          calculable: false,
          text: [
            formatMeasure(extent[1], measure, locale),
            formatMeasure(extent[0], measure, locale),
          ],
          // Cividis-like ramp: ordered in lightness, readable with colour-vision deficiencies.
          inRange: { color: ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"] },
        };
  return {
    // The description (read by screen readers) names the archipelagos drawn on the canvas.
    ...baseOption(`${input.title}. ${islandNames.join("; ")}.`),
    tooltip: {
      trigger: "item",
      formatter: (p: unknown) => {
        const code = (p as { name: string }).name;
        const island = ARCHIPELAGOS.find(a => a.code === code);
        if (island) return tooltipHtml(t(island.label, locale), []);
        const item = byCode.get(code);
        if (!item) return tooltipHtml(code, [[t("value", locale), t("noData", locale)]]);
        const rows: [string, string][] = [
          [t("value", locale), formatMeasure(item.value, measure, locale)],
        ];
        if (mode === "status") rows.push([t("status", locale), statusLabel(item.status, locale)]);
        if (item.illustrative) rows.push([t("dataset", locale), t("illustrative", locale)]);
        return tooltipHtml(item.name, rows);
      },
    },
    visualMap,
    series: [
      {
        type: "map",
        map: input.mapName,
        nameProperty: "code",
        roam: true,
        // Vietnam is tall and narrow; keep its aspect ratio and leave room for the legend.
        layoutCenter: ["55%", "50%"],
        layoutSize: "95%",
        itemStyle: { areaColor: NO_DATA_COLOUR, borderColor: "#555555", borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#ffd27f" } },
        select: { disabled: true },
        data,
      },
    ],
  };
}
