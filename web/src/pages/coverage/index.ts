/**
 * #/coverage (public): for a programme and a unit, which of the values its targets need are in
 * (official, provisional), waiting as drafts (counted; a draft's value is never shown here),
 * missing, or overdue after the programme's yearly deadline; beside each target that cannot be
 * assessed, exactly which values would make it assessable. Totals per reporting unit.
 */
import "../../styles/reporting.css";
import { fetchProgrammes, fetchUnits } from "../../api/catalog.js";
import { gql } from "../../api/client.js";
import { COVERAGE_QUERY, type Coverage } from "../../api/reporting.js";
import type { PageContext } from "../../app/page.js";
import { selectField, toolbar } from "../../components/controls.js";
import { h, setContent } from "../../components/dom.js";
import { showError, showLoading } from "../../components/states.js";
import type { Locale } from "../../lib/format.js";
import { pick, pickText, type Translate } from "../../lib/i18n.js";
import { unitLabel } from "../report/unit-label.js";
import { missingText } from "./missing-text.js";
import { renderTaskReportGrid } from "./task-reports.js";

const DEFAULT_PROGRAMME = "hp-nq23-2023-2025";
const SYMBOL: Record<string, string> = {
  OFFICIAL: "✓",
  PROVISIONAL: "≈",
  DRAFT: "✎",
  MISSING: "○",
  OVERDUE: "!",
};

export async function render(ctx: PageContext): Promise<void> {
  const { root, t, locale, state } = ctx;
  showLoading(root, t);
  const [programmes, units] = await Promise.all([fetchProgrammes(), fetchUnits()]);
  const programme =
    programmes.find(p => p.code === state.params.programme) ??
    programmes.find(p => p.code === DEFAULT_PROGRAMME) ??
    programmes[0];
  const provinces = units.filter(u => u.level !== "NATION" || u.code === "vn");
  const unitCode = provinces.some(u => u.code === state.params.unit)
    ? state.params.unit
    : undefined;
  const body = h("div", { "data-coverage": "" });
  const tasksSection = h("section", {
    id: "coverage-tasks",
    class: "coverage-tasks",
    "data-coverage-tasks": "",
  });
  setContent(
    root,
    h("h1", { class: "page-title" }, t("coverage.title")),
    h("p", { class: "page-intro" }, t("coverage.intro")),
    toolbar(
      selectField(
        t("programme"),
        "programme",
        programmes.map(p => ({ value: p.code, label: pick(p, locale) })),
        programme.code,
        v => ctx.setParams({ programme: v, unit: undefined }),
      ),
      selectField(
        t("unit"),
        "unit",
        [
          { value: "", label: "—" },
          ...provinces.map(u => ({ value: u.code, label: pick(u, locale) })),
        ],
        unitCode ?? "",
        v => ctx.setParams({ unit: v || undefined }),
      ),
    ),
    body,
    tasksSection,
  );
  // The programme's task reports per body and year (reported, not reported, overdue), under the
  // indicator grid; it loads on its own so a failure there leaves the grid readable.
  const tasksGrid = h("div");
  tasksSection.append(h("h2", { class: "panel-title" }, t("coverage.tasks")), tasksGrid);
  const tasksLoaded = renderTaskReportGrid(tasksGrid, programme.code, { locale, t });
  showLoading(body, t);
  try {
    const data = (await gql(COVERAGE_QUERY, { programme: programme.code, unit: unitCode ?? null }))
      .reportingCoverage;
    setContent(body, ...coverageView(data, t, locale));
  } catch (e) {
    showError(body, t, e, () => ctx.setParams({}));
  }
  await tasksLoaded;
}

function coverageView(c: Coverage, t: Translate, locale: Locale): HTMLElement[] {
  const indicatorName = (code: string) =>
    pick(
      c.indicators.find(i => i.code === code),
      locale,
    ) || code;
  const unitOf = (code: string) => c.units.find(u => u.code === code);
  const unitName = (code: string) => {
    const u = unitOf(code);
    return u ? unitLabel(u, locale, t) : code;
  };
  const deadline = c.deadline
    ? t("coverage.deadline", { day: c.deadline.slice(3), month: c.deadline.slice(0, 2) })
    : t("coverage.noDeadline");
  const legend = h(
    "ul",
    { class: "coverage-legend" },
    Object.keys(SYMBOL).map(s =>
      h(
        "li",
        {},
        h("span", { class: `cov cov-${s.toLowerCase()}` }, SYMBOL[s]),
        t(`coverage.state.${s}` as never),
      ),
    ),
  );
  // Table captions are for screen readers only in this app: a visible heading names each grid.
  const tables = c.units.flatMap(u => [
    h("h2", { class: "coverage-unit" }, unitName(u.code)),
    gridFor(c, u.code, t, indicatorName, unitName(u.code)),
  ]);
  const targets = h(
    "section",
    { class: "coverage-targets", "data-coverage-targets": "" },
    h("h2", {}, t("coverage.targets")),
    h(
      "ul",
      {},
      c.targets.map(x =>
        h(
          "li",
          {
            "data-target": `${x.target.programme} ${x.target.label}`,
            "data-assessable": String(x.assessable),
          },
          h("strong", {}, `${x.target.label}. `),
          pickText(x.target.textVi, x.target.textEn, locale),
          " — ",
          x.assessable
            ? h("span", { class: "cov-ok" }, t("coverage.assessable"))
            : h(
                "span",
                { class: "cov-needs", "data-needs": "" },
                `${t("coverage.needs")}: ${missingText(x.missing, locale, indicatorName, unitName)}`,
              ),
        ),
      ),
    ),
  );
  const totals = h(
    "table",
    { class: "data-table coverage-totals", "data-coverage-totals": "" },
    h("caption", {}, t("coverage.totals")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("unit")),
        ["OFFICIAL", "PROVISIONAL", "DRAFT", "MISSING", "OVERDUE"].map(s =>
          h("th", { scope: "col" }, t(`coverage.state.${s}` as never)),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      c.totals.map(x =>
        h(
          "tr",
          { "data-total": x.unit.code },
          h("th", { scope: "row" }, unitName(x.unit.code)),
          [x.official, x.provisional, x.draft, x.missing, x.overdue].map(n =>
            h("td", { class: "num" }, n),
          ),
        ),
      ),
    ),
  );
  return [
    h("p", { class: "hint", "data-deadline": c.deadline ?? "" }, deadline),
    legend,
    ...tables,
    h("h2", { class: "coverage-unit" }, t("coverage.totals")),
    totals,
    targets,
  ];
}

function gridFor(
  c: Coverage,
  unit: string,
  t: Translate,
  indicatorName: (code: string) => string,
  title: string,
): HTMLElement {
  const cells = c.cells.filter(x => x.unit === unit);
  const years = c.years.filter(y => cells.some(x => x.year === y));
  const indicators = c.indicators.filter(i => cells.some(x => x.indicator === i.code));
  return h(
    "table",
    { class: "data-table coverage-grid", "data-grid": unit },
    h("caption", {}, title),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("indicator")),
        years.map(y => h("th", { scope: "col" }, y)),
      ),
    ),
    h(
      "tbody",
      {},
      indicators.map(i =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, indicatorName(i.code)),
          years.map(y => {
            const cell = cells.find(x => x.indicator === i.code && x.year === y);
            if (!cell) return h("td", { class: "cov-none" }, t("coverage.notNeeded"));
            const words = t(`coverage.state.${cell.state}` as never);
            return h(
              "td",
              {
                class: `cov cov-${cell.state.toLowerCase()}`,
                "data-cell": `${i.code}|${y}`,
                "data-state": cell.state,
                title: words,
              },
              h("span", { "aria-hidden": "true" }, SYMBOL[cell.state]),
              " ",
              words,
              cell.baseYear ? h("small", {}, ` (${t("report.baseYear")})`) : null,
            );
          }),
        ),
      ),
    ),
  );
}
