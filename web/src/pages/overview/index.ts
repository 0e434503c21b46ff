/** Overview: the scorecard of targets × units, and the explanation of a selected status. */
import { fetchScorecard } from "../../api/analytics.js";
import { fetchProgrammes, fetchUnits } from "../../api/catalog.js";
import type { Scorecard } from "../../api/analytics.js";
import type { SeriesBasis } from "../../api/graphql.js";
import type { PageContext, PageHandle } from "../../app/page.js";
import {
  checkboxField,
  selectField,
  toolbar,
  basisToggle,
  datasetToggle,
} from "../../components/controls.js";
import { renderTable } from "../../components/data-table.js";
import { h } from "../../components/dom.js";
import { statusChip } from "../../components/status-chip.js";
import { illustrativeBadge, showEmpty, showLoading } from "../../components/states.js";
import { fetchProvenance } from "../../api/provenance.js";
import { provenanceBlock } from "../../components/provenance.js";
import { fileSlug, valuesToCsv } from "../../lib/csv.js";
import { scorecardValues } from "../../lib/scorecard-values.js";
import { downloadText } from "../../lib/download.js";
import { formatMeasure } from "../../lib/format.js";
import {
  pointProvenance,
  provenanceColumns,
  statusText,
  type ValueProvenance,
  type ValueStatus,
} from "../../lib/provenance.js";
import { pick, pickText, sentence } from "../../lib/i18n.js";
import { statusLabel } from "../../lib/status.js";
import type { TableModel } from "../../lib/table.js";
import { basisParam, datasetParam } from "../../lib/url-state.js";
import { FOCUS_UNITS, focusUnitsParam, NATIONAL_PROGRAMME, unitLabeller } from "../../lib/units.js";
import { explainRows } from "./explain.js";
import { cellKey, scorecardGrid } from "./scorecard-grid.js";

export async function render(ctx: PageContext): Promise<PageHandle> {
  const { root, t, locale, state } = ctx;
  const params = state.params;
  const basis = basisParam(params);
  const { data, datasets } = datasetParam(params, "official");
  const selectedUnits = focusUnitsParam(params);
  showLoading(root, t);
  const [programmes, units] = await Promise.all([fetchProgrammes(), fetchUnits()]);
  const programme =
    programmes.find(p => p.code === params.programme) ??
    programmes.find(p => p.code === NATIONAL_PROGRAMME) ??
    programmes[0];
  const unitLabel = unitLabeller(units, locale);

  root.replaceChildren(
    h("h1", { class: "page-title" }, t("overview.title")),
    h("p", { class: "page-intro" }, t("overview.intro")),
    toolbar(
      selectField(
        t("programme"),
        "programme",
        programmes.map(p => ({ value: p.code, label: pick(p, locale) })),
        programme?.code ?? "",
        v => ctx.setParams({ programme: v, cell: undefined }),
      ),
      checkboxField(
        t("units"),
        "units",
        FOCUS_UNITS.map(c => ({ value: c, label: unitLabel(c) })),
        selectedUnits,
        v => ctx.setParams({ units: v.join(",") || undefined, cell: undefined }),
      ),
      basisToggle(t, basis, v => ctx.setParams({ basis: v })),
      datasetToggle(t, data, v => ctx.setParams({ data: v })),
    ),
  );
  if (!programme || selectedUnits.length === 0) {
    showEmpty(root.appendChild(h("div")), t);
    return { dispose() {} };
  }
  const scorecard = await fetchScorecard({
    programmes: [programme.code],
    units: selectedUnits,
    basis,
    datasets,
  });
  if (scorecard.rows.length === 0) {
    showEmpty(root.appendChild(h("div")), t);
    return { dispose() {} };
  }
  // Sources of the official values behind every cell: one query for the whole scorecard.
  const index = await fetchProvenance({
    indicators: [...new Set(scorecard.rows.map(r => r.target.indicator.code))],
    units: [
      ...new Set(
        scorecard.rows.flatMap(r =>
          r.cells.flatMap(c => [c.unit.code, ...c.series.flatMap(p => p.components)]),
        ),
      ),
    ],
  });
  const selected = params.cell ?? null;
  renderScorecardPanel(root, ctx, scorecard, unitLabel, selected, basis, index);
  if (selected) renderExplanation(root, ctx, scorecard, selected, unitLabel, index);
  return { dispose() {} };
}

function scorecardTable(
  scorecard: Scorecard,
  ctx: PageContext,
  unitLabel: (code: string) => string,
  index: ReadonlyMap<string, ValueProvenance>,
): TableModel {
  const { t, locale } = ctx;
  return {
    illustrative: scorecard.containsIllustrative,
    columns: [
      { key: "target", label: t("target") },
      { key: "indicator", label: t("indicator") },
      ...scorecard.units.flatMap(u => [
        { key: `${u.code}:status`, label: `${unitLabel(u.code)}: ${t("status")}` },
        { key: `${u.code}:value`, label: `${unitLabel(u.code)}: ${t("latest")}`, numeric: true },
        { key: `${u.code}:source`, label: `${unitLabel(u.code)}: ${t("provenance")}` },
      ]),
    ],
    rows: scorecard.rows.map(row => ({
      target: row.target.label,
      indicator: pick(row.target.indicator, locale),
      ...Object.fromEntries(
        row.cells.flatMap(cell => {
          const c = cell.progress.components;
          const value =
            c.latestValue === null
              ? null
              : `${formatMeasure(c.latestValue, row.target.indicator.measure, locale)} (${c.latestYear})`;
          const latest = cell.series.find(p => p.year === c.latestYear);
          const provenance = latest
            ? provenanceColumns(
                pointProvenance(
                  index,
                  row.target.indicator.code,
                  cell.unit.code,
                  latest,
                  unitLabel,
                ),
                locale,
              )
            : null;
          return [
            [`${cell.unit.code}:status`, statusLabel(cell.progress.status, locale)],
            [`${cell.unit.code}:value`, value],
            [
              `${cell.unit.code}:source`,
              provenance
                ? [
                    provenance.status ? statusText(provenance.status as ValueStatus, locale) : null,
                    provenance.source,
                    provenance.grade,
                  ]
                    .filter(Boolean)
                    .join(" · ")
                : null,
            ],
          ];
        }),
      ),
    })),
  };
}

function renderScorecardPanel(
  root: HTMLElement,
  ctx: PageContext,
  scorecard: Scorecard,
  unitLabel: (code: string) => string,
  selected: string | null,
  basis: SeriesBasis,
  index: ReadonlyMap<string, ValueProvenance>,
): void {
  const { t, locale } = ctx;
  const table = scorecardTable(scorecard, ctx, unitLabel, index);
  const title = `${t("overview.title")} · ${t(basis === "HARMONISED" ? "harmonised" : "asReported")}`;
  const tableWrap = h(
    "div",
    { class: "table-wrap", hidden: true },
    renderTable(table, locale, title),
  );
  const gridWrap = h(
    "div",
    { class: "table-wrap" },
    scorecardGrid({
      scorecard,
      locale,
      t,
      unitLabel,
      selected,
      onSelect: key => ctx.setParams({ cell: key === selected ? undefined : key }),
    }),
  );
  const toggle = h(
    "button",
    { type: "button", class: "btn", "data-action": "toggle-table", "aria-expanded": "false" },
    t("showTable"),
  );
  toggle.addEventListener("click", () => {
    const showTable = tableWrap.hidden;
    tableWrap.hidden = !showTable;
    gridWrap.hidden = showTable;
    toggle.setAttribute("aria-expanded", String(showTable));
    toggle.textContent = showTable ? t("showChart") : t("showTable");
  });
  const csv = h("button", { type: "button", class: "btn", "data-action": "csv" }, t("downloadCsv"));
  csv.addEventListener("click", () =>
    downloadText(
      `${fileSlug(title)}.csv`,
      valuesToCsv(scorecardValues(scorecard, locale, unitLabel, index)),
      "text/csv;charset=utf-8",
    ),
  );
  root.append(
    h(
      "section",
      { class: "panel", "data-panel": "scorecard" },
      h(
        "header",
        { class: "panel-head" },
        h(
          "h2",
          { class: "panel-title" },
          title,
          scorecard.containsIllustrative ? illustrativeBadge(t) : null,
        ),
        h("div", { class: "panel-actions no-print" }, toggle, csv),
      ),
      basis === "HARMONISED" ? h("p", { class: "panel-note" }, t("harmonisedHint")) : null,
      gridWrap,
      tableWrap,
    ),
  );
}

function renderExplanation(
  root: HTMLElement,
  ctx: PageContext,
  scorecard: Scorecard,
  key: string,
  unitLabel: (code: string) => string,
  index: ReadonlyMap<string, ValueProvenance>,
): void {
  const { t, locale } = ctx;
  for (const row of scorecard.rows) {
    const cell = row.cells.find(c => cellKey(row.target.label, c.unit.code) === key);
    if (!cell) continue;
    const measure = row.target.indicator.measure;
    const list = (progress: typeof cell.progress) =>
      h(
        "dl",
        {},
        explainRows(progress, measure, locale).flatMap(([label, value]) => [
          h("dt", {}, label),
          h("dd", {}, value),
        ]),
      );
    root.append(
      h(
        "section",
        { class: "panel explain", "data-explain": key, "aria-live": "polite" },
        h(
          "h2",
          { class: "panel-title" },
          `${t("overview.explain")}: ${row.target.label} · ${unitLabel(cell.unit.code)}`,
          statusChip(cell.progress.status, locale),
        ),
        h("p", {}, sentence(pickText(cell.progress.sentenceVi, cell.progress.sentenceEn, locale))),
        h("h3", {}, t("overview.components")),
        list(cell.progress),
        cell.ownTarget && cell.ownProgress
          ? h(
              "div",
              {},
              h(
                "h3",
                {},
                `${t("overview.ownTarget")}: ${cell.ownTarget.label}, ${pick(cell.ownTarget.programme, locale)}`,
                " ",
                statusChip(cell.ownProgress.status, locale),
              ),
              h(
                "p",
                {},
                sentence(
                  pickText(cell.ownProgress.sentenceVi, cell.ownProgress.sentenceEn, locale),
                ),
              ),
              list(cell.ownProgress),
            )
          : null,
        cell.nationalLatestValue !== null
          ? h(
              "p",
              { class: "panel-note" },
              `${t("national")} (${cell.nationalLatestYear}): ${formatMeasure(cell.nationalLatestValue, measure, locale)}`,
            )
          : null,
        cell.progress.illustrative ? illustrativeBadge(t) : null,
        h("h3", {}, t("provenance")),
        h(
          "dl",
          { class: "provenance-list" },
          cell.series
            .filter(p => p.value !== null)
            .slice()
            .reverse()
            .flatMap(p => [
              h("dt", {}, `${p.year}: ${formatMeasure(p.value, measure, locale)}`),
              h(
                "dd",
                {},
                provenanceBlock(
                  pointProvenance(index, row.target.indicator.code, cell.unit.code, p, unitLabel),
                  locale,
                  v => formatMeasure(v, measure, locale),
                ),
              ),
            ]),
        ),
      ),
    );
    // The explanation is drawn below the whole scorecard: bring it into view and give it the
    // focus, so keyboard and screen-reader users land on what they chose.
    const explanation = root.querySelector<HTMLElement>("[data-explain]")!;
    explanation.tabIndex = -1;
    explanation.scrollIntoView({ block: "start" });
    explanation.focus({ preventScroll: true });
    return;
  }
}
