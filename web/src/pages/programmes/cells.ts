/** DOM of the comparison: the relation legend, the target table and its cells. */
import { h } from "../../components/dom.js";
import { statusChip } from "../../components/status-chip.js";
import type { Locale } from "../../lib/format.js";
import type { Translate } from "../../lib/i18n.js";
import { pickText } from "../../lib/i18n.js";
import { targetYearsText } from "../../lib/targets.js";
import type { Alignment, AlignedTarget } from "./query.js";
import {
  agencyText,
  entryReason,
  valueText,
  type CellEntry,
  type ComparisonRow,
} from "./transform.js";
import { legendEntries, RELATION_STYLE, type Relation } from "./relations.js";

export function relationChip(relation: Relation, locale: Locale): HTMLElement {
  const style = RELATION_STYLE[relation];
  return h(
    "span",
    {
      class: "relation-chip",
      style: `border-color:${style.border};background:${style.tint}`,
      "data-relation": relation,
    },
    h("span", { "aria-hidden": "true" }, style.symbol),
    style.label[locale],
  );
}

export function legend(t: Translate, locale: Locale): HTMLElement {
  return h(
    "section",
    { class: "panel relation-legend", "data-panel": "legend" },
    h("h2", { class: "panel-title" }, t("programmes.legend")),
    h(
      "ul",
      {},
      legendEntries(locale).map(e =>
        h("li", {}, relationChip(e.relation, locale), " ", h("span", {}, e.description)),
      ),
    ),
  );
}

function targetBlock(target: AlignedTarget, t: Translate, locale: Locale): HTMLElement {
  const lead = agencyText(target.leadAgency, locale) ?? t("programmes.leadUnknown");
  const years = target.baseYear
    ? `${targetYearsText(target)} (${t("programmes.baseYear", { year: String(target.baseYear) })})`
    : targetYearsText(target);
  return h(
    "div",
    { class: "cmp-target" },
    h(
      "p",
      { class: "cmp-head" },
      h("strong", {}, target.label),
      " · ",
      h("span", { class: "cmp-value", "data-value": target.value }, valueText(target, locale)),
      ` · ${years} · ${target.section}`,
    ),
    h("p", { class: "cmp-text" }, pickText(target.textVi, target.textEn, locale)),
    h("p", { class: "cmp-lead" }, `${t("programmes.lead")}: ${lead}`),
    target.alternatives.length
      ? h(
          "p",
          { class: "cmp-note", "data-alternatives": "" },
          t("programmes.otherValues", {
            values: target.alternatives
              .map(
                a =>
                  `${valueText({ ...target, value: a.value, alternatives: [] }, locale)} (${a.sourceTitle ?? a.sourceCode}${a.sourceGrade ? `, ${a.sourceGrade}` : ""})`,
              )
              .join("; "),
          }),
          locale === "en" ? ` ${target.alternatives.map(a => a.note).join(" ")}` : "",
        )
      : null,
  );
}

function statusLine(label: string, status: string | undefined, locale: Locale): HTMLElement {
  return h("p", { class: "cmp-status" }, `${label}: `, statusChip(status ?? null, locale));
}

function entryBlock(
  e: CellEntry,
  unitName: (code: string) => string,
  t: Translate,
  locale: Locale,
): HTMLElement {
  return h(
    "div",
    {
      class: "cmp-entry",
      "data-relation": e.relation,
      style: `border-left-color:${RELATION_STYLE[e.relation].border};background:${RELATION_STYLE[e.relation].tint}`,
    },
    relationChip(e.relation, locale),
    e.target ? targetBlock(e.target, t, locale) : null,
    h("p", { class: "cmp-reason" }, entryReason(e, locale)),
    e.target || e.national
      ? h(
          "div",
          { class: "cmp-progress" },
          h("p", { class: "cmp-unit" }, t("programmes.progressIn", { unit: unitName(e.unit) })),
          e.target ? statusLine(t("programmes.statusOwn"), e.own?.status, locale) : null,
          e.relation !== "PROVINCIAL_ONLY"
            ? statusLine(t("programmes.statusNational"), e.national?.status, locale)
            : null,
        )
      : null,
  );
}

export function comparisonTable(
  alignment: Alignment,
  rows: ComparisonRow[],
  t: Translate,
  locale: Locale,
): HTMLElement {
  const programmeName = (p: {
    nameVi: string;
    nameEn: string;
    unitNameVi: string;
    unitNameEn: string;
  }) => `${pickText(p.unitNameVi, p.unitNameEn, locale)}: ${pickText(p.nameVi, p.nameEn, locale)}`;
  const unitName = unitNamer(alignment, locale);
  const columnLabel = new Map(alignment.provincial.map(p => [p.code, programmeName(p)]));
  return h(
    "section",
    { class: "panel", "data-panel": "comparison" },
    h("h2", { class: "panel-title" }, t("programmes.table")),
    h(
      "table",
      { class: "cmp-table", "data-table": "comparison" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, programmeName(alignment.national)),
          alignment.provincial.map(p =>
            h("th", { scope: "col", "data-programme": p.code }, programmeName(p)),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map(row =>
          h(
            "tr",
            { "data-row": row.key },
            h(
              "th",
              { scope: "row", class: "cmp-national" },
              row.national
                ? targetBlock(row.national, t, locale)
                : h("p", { class: "cmp-note" }, t("programmes.noNational")),
            ),
            row.cells.map(cell =>
              h(
                "td",
                { "data-programme": cell.programme, "data-label": columnLabel.get(cell.programme) },
                cell.entries.length
                  ? cell.entries.map(e => entryBlock(e, unitName, t, locale))
                  : h("p", { class: "cmp-note" }, "—"),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Names of the units progress is judged for (a former unit, or the one it became part of). */
function unitNamer(alignment: Alignment, locale: Locale): (code: string) => string {
  const names = new Map<string, string>();
  for (const p of alignment.provincial) {
    names.set(p.unitCode, pickText(p.unitNameVi, p.unitNameEn, locale));
    if (p.successorUnitCode) {
      names.set(
        p.successorUnitCode,
        pickText(p.successorUnitNameVi, p.successorUnitNameEn, locale),
      );
    }
  }
  return code => names.get(code) ?? code;
}
