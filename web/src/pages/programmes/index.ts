/**
 * Programme comparison: the national programme's targets (rows) against provincial programmes
 * (columns), each cell coloured and worded by its relation to the national target, with progress
 * against both; then task groups by theme and who leads what. CSV, print on A4, URL state.
 */
import { fetchScorecard } from "../../api/analytics.js";
import { fetchProgrammes } from "../../api/catalog.js";
import type { PageContext, PageHandle } from "../../app/page.js";
import {
  checkboxField,
  datasetToggle,
  selectField,
  toggleGroup,
  toolbar,
} from "../../components/controls.js";
import { h } from "../../components/dom.js";
import { illustrativeBadge, showLoading } from "../../components/states.js";
import { fileSlug, toCsv } from "../../lib/csv.js";
import { downloadText } from "../../lib/download.js";
import { formatDate } from "../../lib/format.js";
import { pick, pickText } from "../../lib/i18n.js";
import { NATIONAL_PROGRAMME, NATION } from "../../lib/units.js";
import { datasetParam, enumParam, listParam } from "../../lib/url-state.js";
import { comparisonTable, legend } from "./cells.js";
import { leadsSection, sourcesSection, themeSection } from "./tasks.js";
import "./programmes.css";
import { fetchAlignment, type Alignment } from "./query.js";
import { csvMatrix } from "./csv-rows.js";
import { buildRows, progressUnits, statusIndex, type View } from "./transform.js";

export const MAX_PROVINCIAL = 5;
const DEFAULT_PROVINCIAL = ["hp-nq23-2023-2025", "hd-ctr1562-2021-2025"];

export async function render(ctx: PageContext): Promise<PageHandle> {
  const { root, t, locale, state } = ctx;
  const params = state.params;
  const view = enumParam(params, "view", ["63", "34"] as const, "63");
  const { data, datasets } = datasetParam(params, "official");
  showLoading(root, t);
  const programmes = await fetchProgrammes();
  const nationals = programmes.filter(p => p.unit.code === NATION);
  const provincials = programmes.filter(p => p.unit.code !== NATION);
  const national = nationals.find(p => p.code === params.national)?.code ?? NATIONAL_PROGRAMME;
  const asked = listParam(params, "provincial", DEFAULT_PROVINCIAL).filter(c =>
    provincials.some(p => p.code === c),
  );
  const provincial = (asked.length ? asked : DEFAULT_PROVINCIAL).slice(0, MAX_PROVINCIAL);

  const alignment = await fetchAlignment(national, provincial);
  const withTargets = new Set([
    national,
    ...alignment.rows.flatMap(r => r.cells.filter(c => c.target).map(c => c.programme)),
    ...alignment.provincialOnly.map(x => x.programme),
  ]);
  const scorecard = await fetchScorecard({
    programmes: [...withTargets],
    units: progressUnits(alignment, view),
    basis: view === "34" ? "HARMONISED" : "AS_REPORTED",
    datasets,
  });
  const rows = buildRows(alignment, statusIndex(scorecard), view);
  const title = t("programmes.title");

  const csvButton = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-action": "csv",
      onclick: () =>
        downloadText(
          `${fileSlug(t("page.programmes"))}.csv`,
          toCsv(csvMatrix(alignment, rows, locale)),
          "text/csv;charset=utf-8",
        ),
    },
    t("downloadCsv"),
  );
  root.replaceChildren(
    h(
      "h1",
      { class: "page-title" },
      title,
      scorecard.containsIllustrative ? illustrativeBadge(t) : null,
    ),
    h("p", { class: "panel-note" }, t("programmes.intro")),
    toolbar(
      selectField(
        t("programmes.national"),
        "national",
        nationals.map(p => ({
          value: p.code,
          label: `${pick(p, locale)} (${p.startYear}–${p.endYear})`,
        })),
        national,
        v => ctx.setParams({ national: v }),
      ),
      checkboxField(
        t("programmes.provincial"),
        "provincial",
        provincials.map(p => ({
          value: p.code,
          label: `${pick(p.unit, locale)}: ${pick(p, locale)} (${p.startYear}–${p.endYear})`,
        })),
        provincial,
        v => ctx.setParams({ provincial: v.slice(0, MAX_PROVINCIAL).join(",") || undefined }),
      ),
      toggleGroup(
        t("programmes.view"),
        "view",
        [
          { value: "63", label: t("programmes.view63") },
          { value: "34", label: t("programmes.view34") },
        ],
        view,
        v => ctx.setParams({ view: v === "63" ? undefined : v }),
      ),
      datasetToggle(t, data, v => ctx.setParams({ data: v === "official" ? undefined : v })),
      csvButton,
      h(
        "button",
        { type: "button", class: "btn", "data-action": "print", onclick: () => window.print() },
        t("print"),
      ),
    ),
    asked.length > MAX_PROVINCIAL ? h("p", { class: "panel-note" }, t("programmes.tooMany")) : "",
    mergerNote(alignment, view, ctx),
    legend(t, locale),
    comparisonTable(alignment, rows, t, locale),
    themeSection(alignment, t, locale),
    leadsSection(alignment, t, locale),
    sourcesSection(alignment, t),
    h(
      "p",
      { class: "panel-note cmp-meta" },
      `${t("programmes.generated")}: ${formatDate(new Date().toISOString(), locale)} · ${t("programmes.view")}: ${t(view === "34" ? "programmes.view34" : "programmes.view63")} · ${t("includeIllustrative")}: ${t(data === "all" ? "datasetAll" : "datasetOfficial")}`,
    ),
  );
  return { dispose() {} };
}

/** From 2025-07-01 the provincial programmes belong to the new Hải Phòng: say so, and what the toggle does. */
function mergerNote(
  alignment: Alignment,
  view: View,
  { t, locale }: PageContext,
): HTMLElement | string {
  const merged = alignment.provincial.filter(p => p.successorUnitCode && p.unitValidTo);
  if (!merged.length) return "";
  const successor = merged[0];
  const successorName = `${pickText(successor.successorUnitNameVi, successor.successorUnitNameEn, locale)} (${successor.successorUnitCode})`;
  const units = [...new Set(merged.map(p => pickText(p.unitNameVi, p.unitNameEn, locale)))].join(
    locale === "vi" ? " và " : " and ",
  );
  return h(
    "aside",
    { class: "panel cmp-merger", "data-panel": "merger" },
    h("p", {}, t("programmes.merger", { units, successor: successorName })),
    h(
      "p",
      {},
      t(view === "34" ? "programmes.merger34" : "programmes.merger63", {
        successor: successorName,
      }),
    ),
  );
}
