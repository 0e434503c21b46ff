/**
 * The interactive scorecard: targets (rows) × units (columns). Each cell is a button showing the
 * status (colour + symbol + words), the latest value and a sparkline; pressing it selects the
 * cell (kept in the URL) so its explanation opens below.
 */
import type { Scorecard, ScorecardCell } from "../../api/analytics.js";
import { indicatorLink } from "../../components/indicator-link.js";
import { sparklineGeometry } from "../../charts/sparkline/path.js";
import { h, svg } from "../../components/dom.js";
import { statusChip } from "../../components/status-chip.js";
import { formatMeasure, type Locale } from "../../lib/format.js";
import { pick, pickText, type Translate } from "../../lib/i18n.js";
import { statusStyle } from "../../lib/status.js";
import { targetValueText } from "../../lib/targets.js";

export const cellKey = (targetLabel: string, unitCode: string) => `${targetLabel}~${unitCode}`;

function sparkline(cell: ScorecardCell, colour: string): SVGElement {
  const width = 96;
  const height = 24;
  const geometry = sparklineGeometry(cell.series, width, height);
  const el = svg("svg", {
    class: "sparkline",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    "aria-hidden": "true",
  });
  if (geometry.path) {
    el.append(svg("path", { d: geometry.path, fill: "none", stroke: colour, "stroke-width": 1.5 }));
  }
  for (const dot of geometry.dots) {
    el.append(svg("circle", { cx: dot.x, cy: dot.y, r: 1.8, fill: colour }));
  }
  return el;
}

export interface ScorecardGridInput {
  scorecard: Scorecard;
  locale: Locale;
  t: Translate;
  unitLabel: (code: string) => string;
  selected: string | null;
  onSelect: (key: string) => void;
}

export function scorecardGrid(input: ScorecardGridInput): HTMLTableElement {
  const { scorecard, locale, t } = input;
  return h(
    "table",
    { class: "data-table scorecard", "data-scorecard": "true" },
    h("caption", { class: "visually-hidden" }, t("overview.title")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("target")),
        scorecard.units.map(u => h("th", { scope: "col" }, input.unitLabel(u.code))),
      ),
    ),
    h(
      "tbody",
      {},
      scorecard.rows.map(row =>
        h(
          "tr",
          {},
          h(
            "th",
            { scope: "row" },
            `${row.target.label}. `,
            indicatorLink(row.target.indicator.code, pick(row.target.indicator, locale), locale),
            " ",
            h("strong", {}, targetValueText(row.target, locale)),
            h(
              "span",
              { class: "target-text" },
              pickText(row.target.textVi, row.target.textEn, locale),
            ),
          ),
          scorecard.units.map(unit => {
            const cell = row.cells.find(c => c.unit.code === unit.code);
            if (!cell) return h("td", { class: "missing" }, t("noData"));
            const key = cellKey(row.target.label, unit.code);
            const latest = cell.progress.components.latestValue;
            const year = cell.progress.components.latestYear;
            const button = h(
              "button",
              {
                type: "button",
                class: "score-cell",
                "aria-pressed": String(input.selected === key),
                "data-cell": key,
              },
              // Spoken context; an aria-label would hide the status words from screen readers.
              h(
                "span",
                { class: "visually-hidden" },
                `${t("target")} ${row.target.label}, ${input.unitLabel(unit.code)}: `,
              ),
              statusChip(cell.progress.status, locale),
              h(
                "span",
                { class: "score-value" },
                latest === null
                  ? t("noData")
                  : `${formatMeasure(latest, row.target.indicator.measure, locale)}${year ? ` (${year})` : ""}`,
              ),
              sparkline(
                cell,
                statusStyle(cell.progress.status).color === "#BBBBBB" ? "#777777" : "#1b1f24",
              ),
              cell.progress.illustrative
                ? h("span", { class: "badge badge-illustrative" }, t("illustrative"))
                : null,
            );
            button.addEventListener("click", () => input.onSelect(key));
            return h("td", {}, button);
          }),
        ),
      ),
    ),
  );
}
