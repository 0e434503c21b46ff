/**
 * A chart with its data table behind it: title, 'illustrative data' badge, a toggle between
 * chart and table, CSV and PNG downloads. The table is always in the DOM (hidden while the
 * chart shows) so the CSV is by construction the same as the table.
 */
import type { ECOption } from "../charts/echarts.js";
import { mountChart, type MountedChart } from "../charts/mount.js";
import { fileSlug, tableToCsv, valuesToCsv, type ValueRow } from "../lib/csv.js";
import { downloadDataUrl, downloadText } from "../lib/download.js";
import { formatDate, type Locale } from "../lib/format.js";
import type { Translate } from "../lib/i18n.js";
import type { TableModel } from "../lib/table.js";
import { renderTable } from "./data-table.js";
import { h } from "./dom.js";
import { composeChartPng } from "./png-export.js";
import { illustrativeBadge } from "./states.js";

export interface ChartPanelInput {
  /** Stable id (used in file names, test hooks and aria ids). */
  id: string;
  title: string;
  note?: string;
  locale: Locale;
  t: Translate;
  option: ECOption;
  table: TableModel;
  /** Chart height in px (default 360). */
  height?: number;
  /** Extra controls shown next to the title (e.g. a select). */
  controls?: Node[];
  /**
   * The values behind the view, one row each with unit, indicator, year, measure, status,
   * source and grade: the CSV download (without it the CSV is the table as shown).
   */
  values?: ValueRow[];
  /** Context printed on the PNG: unit of measure and years, and one line per source. */
  png?: { subtitle?: string; sources: string[] };
}

/** The CSV a panel offers: the values with their context when given, else the table. */
function panelCsv(input: Pick<ChartPanelInput, "values" | "table" | "locale">): string {
  return input.values ? valuesToCsv(input.values) : tableToCsv(input.table, input.locale);
}

export interface ChartPanel {
  el: HTMLElement;
  chart: MountedChart;
  dispose(): void;
}

declare global {
  interface Window {
    /** Test hook: the ECharts instance of each panel on the page, by panel id. */
    __charts?: Record<string, MountedChart["instance"]>;
  }
}

/** Builds the panel, appends it to `host` (ECharts needs a sized element) and mounts the chart. */
export function createChartPanel(host: Element, input: ChartPanelInput): ChartPanel {
  const { t, locale, id } = input;
  const tableId = `${id}-table`;
  const chartId = `${id}-chart`;
  const chartEl = h("div", {
    class: "chart",
    id: chartId,
    style: `height:${input.height ?? 360}px`,
    "data-chart": id,
  });
  const tableWrap = h(
    "div",
    { class: "table-wrap", id: tableId, hidden: true },
    renderTable(input.table, locale, input.title),
  );
  const toggle = h(
    "button",
    {
      type: "button",
      class: "btn",
      "aria-controls": `${chartId} ${tableId}`,
      "aria-expanded": "false",
      "data-action": "toggle-table",
    },
    t("showTable"),
  );
  toggle.addEventListener("click", () => {
    const showTable = tableWrap.hidden;
    tableWrap.hidden = !showTable;
    chartEl.hidden = showTable;
    toggle.setAttribute("aria-expanded", String(showTable));
    toggle.textContent = showTable ? t("showChart") : t("showTable");
    if (!showTable) chart.instance.resize();
  });
  const baseName = fileSlug(input.title);
  const csvButton = h(
    "button",
    { type: "button", class: "btn", "data-action": "csv" },
    t("downloadCsv"),
  );
  csvButton.addEventListener("click", () =>
    downloadText(`${baseName}.csv`, panelCsv(input), "text/csv;charset=utf-8"),
  );
  const pngButton = h(
    "button",
    { type: "button", class: "btn", "data-action": "png" },
    t("downloadPng"),
  );
  pngButton.addEventListener("click", () => {
    void composeChartPng(chart.toPng(), {
      title: input.title,
      subtitle: input.png?.subtitle,
      sources: input.png?.sources ?? [],
      footer: `${t("exportedOn")}: ${formatDate(new Date().toISOString(), locale)} · OSH Observatory`,
      illustrative: Boolean(input.table.illustrative),
    }).then(png => downloadDataUrl(`${baseName}.png`, png));
  });

  const el = h(
    "section",
    { class: "panel", "data-panel": id, "aria-labelledby": `${id}-title` },
    h(
      "header",
      { class: "panel-head" },
      h(
        "h2",
        { id: `${id}-title`, class: "panel-title" },
        input.title,
        input.table.illustrative ? illustrativeBadge(t) : null,
      ),
      input.controls?.length ? h("div", { class: "panel-controls" }, input.controls) : null,
      h("div", { class: "panel-actions no-print" }, toggle, csvButton, pngButton),
    ),
    input.note ? h("p", { class: "panel-note" }, input.note) : null,
    chartEl,
    tableWrap,
  );
  host.append(el);
  const chart = mountChart(chartEl, input.option);
  window.__charts = { ...window.__charts, [id]: chart.instance };
  return {
    el,
    chart,
    dispose() {
      chart.dispose();
      if (window.__charts) delete window.__charts[id];
    },
  };
}

/** A table-only panel (no chart) with the same badge and CSV download. */
export function createTablePanel(
  host: Element,
  input: Omit<ChartPanelInput, "option" | "height">,
): HTMLElement {
  const { t, locale } = input;
  const csvButton = h(
    "button",
    { type: "button", class: "btn", "data-action": "csv" },
    t("downloadCsv"),
  );
  csvButton.addEventListener("click", () =>
    downloadText(`${fileSlug(input.title)}.csv`, panelCsv(input), "text/csv;charset=utf-8"),
  );
  const el = h(
    "section",
    { class: "panel", "data-panel": input.id, "aria-labelledby": `${input.id}-title` },
    h(
      "header",
      { class: "panel-head" },
      h(
        "h2",
        { id: `${input.id}-title`, class: "panel-title" },
        input.title,
        input.table.illustrative ? illustrativeBadge(t) : null,
      ),
      input.controls?.length ? h("div", { class: "panel-controls" }, input.controls) : null,
      h("div", { class: "panel-actions no-print" }, csvButton),
    ),
    input.note ? h("p", { class: "panel-note" }, input.note) : null,
    h("div", { class: "table-wrap" }, renderTable(input.table, locale, input.title)),
  );
  host.append(el);
  return el;
}
