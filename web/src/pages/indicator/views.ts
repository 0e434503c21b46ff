/**
 * The three views of one indicator (chart, table, map): each is a chart panel built with the
 * shared chart builders (compare line chart, province map), so the CSV is always the table shown.
 */
import { fetchComparison, fetchSeries } from "../../api/analytics.js";
import type { Unit } from "../../api/catalog.js";
import type { IndicatorDetail, IndicatorObservation } from "../../api/indicator.js";
import type { Dataset } from "../../api/graphql.js";
import type { PageContext } from "../../app/page.js";
import { buildCompareOption } from "../../charts/compare/option.js";
import { buildMapOption, type MapItem } from "../../charts/map/option.js";
import { registerMapOnce } from "../../charts/mount.js";
import {
  createChartPanel,
  createTablePanel,
  type ChartPanel,
} from "../../components/chart-panel.js";
import { h } from "../../components/dom.js";
import { showEmpty } from "../../components/states.js";
import { formatMeasure } from "../../lib/format.js";
import { pick, type MessageKey } from "../../lib/i18n.js";
import { latestYear } from "../map/years.js";

export interface ViewInput {
  ctx: PageContext;
  indicator: IndicatorDetail;
  observations: IndicatorObservation[];
  units: string[];
  unitLabel: (code: string) => string;
  datasets: Dataset[];
}

/** The yearly series of the chosen units, on the compare chart (no trajectory on this page). */
export async function chartView(host: HTMLElement, input: ViewInput): Promise<ChartPanel | null> {
  const { ctx, indicator, unitLabel } = input;
  const { t, locale } = ctx;
  const comparison = await fetchComparison({
    indicator: indicator.code,
    units: input.units,
    basis: "AS_REPORTED",
    datasets: input.datasets,
  });
  const years = comparison.series
    .flatMap(s => s.points.filter(p => p.value !== null))
    .map(p => p.year);
  if (years.length === 0) {
    showEmpty(host.appendChild(h("div", { "data-view": "chart" })), t);
    return null;
  }
  const from = Math.min(...years);
  const to = Math.max(...years);
  const name = pick(indicator, locale);
  return createChartPanel(host, {
    id: "indicator-chart",
    title: `${name} · ${from}–${to}`,
    locale,
    t,
    height: 380,
    option: buildCompareOption({
      locale,
      measure: indicator.measure,
      indicatorName: name,
      fromYear: from,
      toYear: to,
      series: comparison.series.map(s => ({
        code: s.unit.code,
        label: unitLabel(s.unit.code),
        points: s.points,
        illustrative: s.containsIllustrative,
      })),
      trajectories: [],
    }),
    table: {
      illustrative: comparison.containsIllustrative,
      columns: [
        { key: "year", label: t("year") },
        ...comparison.series.map(s => ({
          key: s.unit.code,
          label: unitLabel(s.unit.code),
          numeric: true,
        })),
      ],
      rows: Array.from({ length: to - from + 1 }, (_, i) => from + i).map(year => {
        const row: Record<string, string | null> = { year: String(year) };
        for (const s of comparison.series) {
          const p = s.points.find(x => x.year === year);
          row[s.unit.code] =
            p?.value == null
              ? null
              : formatMeasure(p.value, indicator.measure, locale) +
                (p.illustrative ? ` (${t("illustrative")})` : "");
        }
        return row;
      }),
    },
  });
}

/** Every value of the indicator, one row each, with its status, grade and source. */
export function tableView(host: HTMLElement, input: ViewInput): HTMLElement {
  const { ctx, indicator, unitLabel } = input;
  const { t, locale } = ctx;
  const collator = new Intl.Collator(locale);
  const rows = [...input.observations].sort(
    (a, b) =>
      Number(b.unit.level === "NATION") - Number(a.unit.level === "NATION") ||
      collator.compare(unitLabel(a.unit.code), unitLabel(b.unit.code)) ||
      a.year - b.year,
  );
  return createTablePanel(host, {
    id: "indicator-values",
    title: `${pick(indicator, locale)} · ${t("indicator.values")}`,
    locale,
    t,
    table: {
      illustrative: rows.some(o => o.illustrative),
      columns: [
        { key: "unit", label: t("unit") },
        { key: "year", label: t("year") },
        { key: "scope", label: t("indicator.scope") },
        { key: "value", label: t("value"), numeric: true },
        { key: "status", label: t("indicator.valueStatus") },
        { key: "grade", label: t("grade") },
        { key: "source", label: t("sources") },
      ],
      rows: rows.map(o => ({
        unit: unitLabel(o.unit.code),
        year: o.period === "H1" ? `${o.year} (${t("indicator.halfYear")})` : String(o.year),
        scope: t(`scope.${o.disaggregation}` as MessageKey),
        value:
          formatMeasure(o.value, indicator.measure, locale) +
          (o.disputed ? ` (${t("indicator.disputed")})` : ""),
        status: o.illustrative ? t("illustrative") : t(`obsStatus.${o.status}` as MessageKey),
        grade: o.grade ?? "—",
        source: o.source ? o.source.title : "—",
      })),
    },
  });
}

/** The 34 current units coloured by value in the year most of them have one. */
export async function mapView(
  host: HTMLElement,
  input: ViewInput,
  provinces: Unit[],
): Promise<ChartPanel | null> {
  const { ctx, indicator } = input;
  const { t, locale } = ctx;
  const [series, geo] = await Promise.all([
    fetchSeries({
      indicator: indicator.code,
      units: provinces.map(u => u.code),
      basis: "HARMONISED",
      datasets: input.datasets,
    }),
    fetch("./maps/vn-34.json").then(r => {
      if (!r.ok) throw new Error(`maps/vn-34.json: HTTP ${r.status}`);
      return r.json();
    }),
  ]);
  registerMapOnce("vn-34", geo);
  const points = series.flatMap(s =>
    s.points.filter(p => p.value !== null).map(p => ({ ...p, unit: s.unit.code })),
  );
  const year = latestYear(points);
  if (year === null) {
    showEmpty(host.appendChild(h("div", { "data-view": "map" })), t, t("indicator.mapNoData"));
    return null;
  }
  const byUnit = new Map(points.filter(p => p.year === year).map(p => [p.unit, p]));
  const items: MapItem[] = provinces.map(u => ({
    code: u.code,
    name: pick(u, locale),
    value: byUnit.get(u.code)?.value ?? null,
    illustrative: byUnit.get(u.code)?.illustrative ?? false,
  }));
  const title = `${pick(indicator, locale)} · ${year}`;
  return createChartPanel(host, {
    id: "indicator-map",
    title,
    note: `${t("indicator.mapNote")} ${t("map.noDataGrey")}`,
    locale,
    t,
    height: 560,
    option: buildMapOption({
      locale,
      mapName: "vn-34",
      mode: "value",
      title,
      measure: indicator.measure,
      items,
    }),
    table: {
      illustrative: items.some(i => i.illustrative),
      columns: [
        { key: "unit", label: t("unit") },
        { key: "value", label: t("value"), numeric: true },
        { key: "dataset", label: t("dataset") },
      ],
      rows: items.map(i => ({
        unit: i.name,
        value: formatMeasure(i.value, indicator.measure, locale),
        dataset: i.value === null ? "—" : i.illustrative ? t("illustrative") : t("official"),
      })),
    },
  });
}
