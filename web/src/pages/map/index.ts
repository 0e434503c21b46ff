/** Map page: provinces (34 current or 63 before 2025-07-01) coloured by an indicator value or status. */
import { fetchIndicators, fetchUnits } from "../../api/catalog.js";
import { fetchSeries } from "../../api/analytics.js";
import type { PageContext, PageHandle } from "../../app/page.js";
import { buildMapOption, type MapItem } from "../../charts/map/option.js";
import { registerMapOnce } from "../../charts/mount.js";
import { createChartPanel } from "../../components/chart-panel.js";
import { selectField, toggleGroup, toolbar, datasetToggle } from "../../components/controls.js";
import { h } from "../../components/dom.js";
import { indicatorPicker } from "../../components/indicator-picker.js";
import { showEmpty, showLoading } from "../../components/states.js";
import { formatMeasure, measureUnitText } from "../../lib/format.js";
import { pick } from "../../lib/i18n.js";
import { statusLabel } from "../../lib/status.js";
import { unitLabeller } from "../../lib/units.js";
import { datasetParam, enumParam, intParam } from "../../lib/url-state.js";
import { mapExport } from "./export.js";
import { fetchStatusByUnit } from "./status.js";
import { defaultIndicator, latestYear } from "./years.js";

const BOUNDARIES = ["34", "63"] as const;
const MODES = ["value", "status"] as const;

/** Map GeoJSON is fetched on demand (not bundled) and cached by the browser. */
async function loadMap(boundaries: (typeof BOUNDARIES)[number]): Promise<string> {
  const name = `vn-${boundaries}`;
  const response = await fetch(`./maps/${name}.json`);
  if (!response.ok) throw new Error(`maps/${name}.json: HTTP ${response.status}`);
  registerMapOnce(name, await response.json());
  return name;
}

export async function render(ctx: PageContext): Promise<PageHandle> {
  const { root, t, locale, state } = ctx;
  const params = state.params;
  const boundaries = enumParam(params, "boundaries", BOUNDARIES, "34");
  const mode = enumParam(params, "mode", MODES, "value");
  // Official data first, like every other page; the switch adds the illustrative dataset.
  const { data, datasets } = datasetParam(params, "official");
  showLoading(root, t);

  // The day that selects the set of provinces: the last day of the 63, or the first of the 34.
  const asOf = boundaries === "34" ? "2025-07-01" : "2025-06-30";
  const [indicators, allUnits, everyUnit, mapName] = await Promise.all([
    fetchIndicators(),
    fetchUnits(asOf),
    // Every unit, former ones included, to name the parts of a harmonised value in exports.
    fetchUnits(),
    loadMap(boundaries),
  ]);
  const provinces = allUnits.filter(u => u.level === "PROVINCE");
  const indicator =
    indicators.find(i => i.code === params.indicator) ?? defaultIndicator(indicators);
  // The 34 units are drawn with series harmonised to current boundaries (old provinces' counts
  // summed into their successor), so years before the merger still show; the 63 as reported.
  const basis = boundaries === "34" ? "HARMONISED" : "AS_REPORTED";
  const series = indicator
    ? await fetchSeries({
        indicator: indicator.code,
        units: provinces.map(u => u.code),
        basis,
        datasets,
      })
    : [];
  const points = series.flatMap(s =>
    s.points.filter(p => p.value !== null).map(p => ({ ...p, unit: s.unit.code })),
  );
  const years = [...new Set(points.map(p => p.year))].sort((a, b) => a - b);
  // Opens on the latest year with data for the indicator (a year the URL names is kept).
  const year = intParam(params, "year", latestYear(points) ?? new Date().getFullYear(), 1990, 2100);
  // Status is judged on the same series the value mode draws (harmonised on the 34), so a
  // merged province gets a status wherever it gets a value.
  const statuses =
    mode === "status" && indicator
      ? await fetchStatusByUnit(
          indicator.code,
          provinces.map(u => u.code),
          datasets,
          basis,
        )
      : null;

  root.replaceChildren(
    h("h1", { class: "page-title" }, t("map.title")),
    toolbar(
      toggleGroup(
        t("map.boundaries"),
        "boundaries",
        [
          { value: "34", label: t("map.boundaries34") },
          { value: "63", label: t("map.boundaries63") },
        ],
        boundaries,
        v => ctx.setParams({ boundaries: v, year: undefined }),
      ),
      toggleGroup(
        t("map.colourBy"),
        "mode",
        [
          { value: "value", label: t("map.byValue") },
          { value: "status", label: t("map.byStatus") },
        ],
        mode,
        v => ctx.setParams({ mode: v }),
      ),
      indicatorPicker({
        label: t("indicator"),
        indicators,
        value: indicator?.code ?? "",
        locale,
        onCommit: v => ctx.setParams({ indicator: v, year: undefined }),
      }),
      mode === "value" && years.length
        ? selectField(
            t("year"),
            "year",
            years.map(y => ({ value: String(y), label: String(y) })),
            String(year),
            v => ctx.setParams({ year: v }),
          )
        : null,
      datasetToggle(t, data, v => ctx.setParams({ data: v })),
    ),
  );
  if (!indicator) {
    showEmpty(root.appendChild(h("div")), t);
    return { dispose() {} };
  }

  const valueOf = new Map(points.filter(p => p.year === year).map(p => [p.unit, p]));
  const items: MapItem[] = provinces.map(u => {
    const observation = valueOf.get(u.code);
    const status = statuses?.get(u.code);
    return {
      code: u.code,
      name: pick(u, locale),
      value: observation?.value ?? null,
      status: status?.status ?? null,
      illustrative: observation?.illustrative || status?.illustrative || false,
    };
  });
  const title =
    mode === "value"
      ? `${pick(indicator, locale)} · ${year}`
      : `${pick(indicator, locale)} · ${t("map.byStatus")}`;
  // Value mode: the year's values with source and grade for the CSV, and source lines on the PNG.
  const exported =
    mode === "value"
      ? await mapExport({
          series,
          indicator: {
            code: indicator.code,
            name: pick(indicator, locale),
            measure: indicator.measure,
          },
          year,
          locale,
          t,
          unitName: unitLabeller(everyUnit, locale),
        })
      : null;
  const panel = createChartPanel(root, {
    id: "map",
    title,
    note: [
      mode === "status" && statuses === null ? t("map.noTarget") : null,
      basis === "HARMONISED" ? t("harmonisedHint") : null,
      t("map.noDataGrey"),
    ]
      .filter(Boolean)
      .join(" "),
    locale,
    t,
    height: 640,
    option: buildMapOption({ locale, mapName, mode, title, measure: indicator.measure, items }),
    table: {
      illustrative: items.some(i => i.illustrative),
      columns: [
        { key: "unit", label: t("unit") },
        { key: "value", label: t("value"), numeric: true },
        ...(mode === "status" ? [{ key: "status", label: t("status") }] : []),
        { key: "illustrative", label: t("dataset") },
      ],
      rows: items.map(item => ({
        unit: item.name,
        value: formatMeasure(item.value, indicator.measure, locale),
        status: statusLabel(item.status, locale),
        illustrative: item.illustrative
          ? t("illustrative")
          : item.value === null
            ? "—"
            : t("official"),
      })),
    },
    values: exported?.values,
    png: {
      subtitle: `${t("unitOfMeasure")}: ${measureUnitText(indicator.measure, locale) || "—"}`,
      sources: exported?.sources ?? [],
    },
  });
  root.append(h("p", { class: "credit", "data-credit": "map" }, t("map.credit")));
  return { dispose: () => panel.dispose() };
}
