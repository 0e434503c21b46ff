/**
 * One page per indicator (`#/indicator?code=…`), as Open SDG's indicator pages: chart, table and
 * map views; definition and method; the targets that use it with their status; which units and
 * years have official data; sourced context notes; the sources. URL state: code, tab, units, data.
 */
import { fetchIndicators, fetchUnits } from "../../api/catalog.js";
import { fetchIndicatorPage } from "../../api/indicator.js";
import type { PageContext, PageHandle } from "../../app/page.js";
import type { ChartPanel } from "../../components/chart-panel.js";
import { checkboxField, datasetToggle, toolbar } from "../../components/controls.js";
import { h } from "../../components/dom.js";
import { indicatorPicker } from "../../components/indicator-picker.js";
import { showEmpty, showLoading } from "../../components/states.js";
import { pick, type MessageKey } from "../../lib/i18n.js";
import { datasetParam, enumParam } from "../../lib/url-state.js";
import { FOCUS_UNITS, focusUnitsParam, unitLabeller } from "../../lib/units.js";
import "../../styles/indicator.css";
import {
  aboutSection,
  contextSection,
  coverageSection,
  sourcesSection,
  targetsSection,
} from "./sections.js";
import { chartView, mapView, tableView } from "./views.js";

export const DEFAULT_INDICATOR = "oa-fatal-frequency";
const TABS = ["chart", "table", "map"] as const;
type Tab = (typeof TABS)[number];

export async function render(ctx: PageContext): Promise<PageHandle> {
  const { root, t, locale, state } = ctx;
  const params = state.params;
  const tab = enumParam(params, "tab", TABS, "chart");
  const { data, datasets } = datasetParam(params, "official");
  const selectedUnits = focusUnitsParam(params);
  showLoading(root, t);
  const [indicators, units] = await Promise.all([fetchIndicators(), fetchUnits()]);
  const unitLabel = unitLabeller(units, locale);
  const code = params.code ?? DEFAULT_INDICATOR;
  const known = indicators.find(i => i.code === code);
  const picker = indicatorPicker({
    label: t("indicator"),
    indicators,
    value: known?.code ?? "",
    locale,
    onCommit: next => ctx.setParams({ code: next }),
  });
  if (!known) {
    root.replaceChildren(h("h1", { class: "page-title" }, t("page.indicator")), toolbar(picker));
    showEmpty(root.appendChild(h("div")), t, t("indicator.notFound"));
    return { dispose() {} };
  }
  const page = await fetchIndicatorPage({ code, datasets });
  const indicator = page.indicator!;
  const observations = page.observations.nodes;

  root.replaceChildren(
    h(
      "header",
      { class: "indicator-head" },
      h(
        "p",
        { class: "indicator-theme" },
        t(`indicatorCategory.${indicator.category}` as MessageKey),
      ),
      h("h1", { class: "page-title", "data-indicator": indicator.code }, pick(indicator, locale)),
    ),
    toolbar(
      picker,
      checkboxField(
        t("compare.pickUnits"),
        "units",
        FOCUS_UNITS.map(c => ({ value: c, label: unitLabel(c) })),
        selectedUnits,
        v => ctx.setParams({ units: v.join(",") || undefined }),
      ),
      datasetToggle(t, data, v => ctx.setParams({ data: v })),
    ),
  );
  root.append(tabList(ctx, tab));
  const view = h("div", {
    class: "indicator-view",
    id: "indicator-view",
    role: "tabpanel",
    "aria-labelledby": `tab-${tab}`,
    "data-view": tab,
  });
  root.append(view);
  const input = {
    ctx,
    indicator,
    observations,
    units: selectedUnits.length ? selectedUnits : FOCUS_UNITS.slice(0, 1),
    unitLabel,
    datasets,
  };
  let panel: ChartPanel | null = null;
  if (tab === "chart") panel = await chartView(view, input);
  else if (tab === "table") tableView(view, input);
  else {
    const current = await fetchUnits("2025-07-01");
    panel = await mapView(
      view,
      input,
      current.filter(u => u.level === "PROVINCE"),
    );
  }
  const sections = [
    aboutSection(ctx, indicator),
    targetsSection(ctx, page.indicatorProgress),
    coverageSection(ctx, observations, unitLabel),
    contextSection(ctx, indicator),
    sourcesSection(ctx, indicator, observations),
  ];
  root.append(h("div", { class: "indicator-sections" }, sections));
  return { dispose: () => panel?.dispose() };
}

/** Tabs as links-in-buttons: each changes `tab` in the URL, so a view can be shared. */
function tabList(ctx: PageContext, active: Tab): HTMLElement {
  const { t } = ctx;
  const buttons = TABS.map(tab =>
    h(
      "button",
      {
        type: "button",
        role: "tab",
        id: `tab-${tab}`,
        class: "btn tab",
        "aria-selected": String(tab === active),
        "aria-controls": "indicator-view",
        tabindex: tab === active ? 0 : -1,
        "data-tab": tab,
        onclick: () => ctx.setParams({ tab: tab === "chart" ? undefined : tab }),
      },
      t(`indicator.tab.${tab}`),
    ),
  );
  const list = h(
    "div",
    { class: "tabs no-print", role: "tablist", "aria-label": t("indicator.tabs") },
    buttons,
  );
  // Arrow keys move between tabs (WAI-ARIA tabs pattern, manual activation: Enter/Space opens).
  list.addEventListener("keydown", event => {
    const index = buttons.findIndex(b => b === document.activeElement);
    if (index < 0 || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
    event.preventDefault();
    const next = (index + (event.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length;
    buttons[next].focus();
  });
  return list;
}
