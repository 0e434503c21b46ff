/** DOM of the task groups by theme and of who leads what, per provincial programme. */
import { h } from "../../components/dom.js";
import type { Locale } from "../../lib/format.js";
import type { Translate } from "../../lib/i18n.js";
import { pickText } from "../../lib/i18n.js";
import type { Alignment } from "./query.js";
import { agencyText, targetSources, themeGrid } from "./transform.js";

export function themeSection(alignment: Alignment, t: Translate, locale: Locale): HTMLElement {
  const programmes = alignment.provincial.map(p => p.code);
  const grid = themeGrid(alignment, programmes, locale);
  return h(
    "section",
    { class: "panel", "data-panel": "themes" },
    h("h2", { class: "panel-title" }, t("programmes.tasks")),
    h("p", { class: "panel-note" }, t("programmes.tasksNote")),
    h(
      "table",
      { class: "cmp-table cmp-themes", "data-table": "themes" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("programmes.theme")),
          alignment.provincial.map(p =>
            h(
              "th",
              { scope: "col" },
              pickText(p.unitNameVi, p.unitNameEn, locale),
              borrowedFrom(alignment, p.code, locale).map(name =>
                h(
                  "span",
                  { class: "cmp-note", "data-from": "" },
                  ` (${t("programmes.fromPlan", { name })})`,
                ),
              ),
            ),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        grid.map(row =>
          h(
            "tr",
            { "data-theme": row.theme },
            h("th", { scope: "row" }, t(`theme.${row.theme}`)),
            row.cells.map(groups =>
              h(
                "td",
                {},
                groups.length
                  ? h(
                      "ul",
                      {},
                      groups.map(g =>
                        h(
                          "li",
                          {},
                          `${g.section}. ${g.title} (${t("programmes.items", { count: String(g.itemCount) })})`,
                        ),
                      ),
                    )
                  : h("span", { class: "cmp-note" }, t("programmes.noTasks")),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Plans of the same unit whose task groups stand in for a programme's (the text not found). */
function borrowedFrom(alignment: Alignment, code: string, locale: Locale): string[] {
  return alignment.tasks
    .filter(x => x.programme === code && x.fromProgramme !== code && x.taskGroups.length)
    .map(x => pickText(x.fromNameVi, x.fromNameEn, locale));
}

export function leadsSection(alignment: Alignment, t: Translate, locale: Locale): HTMLElement {
  return h(
    "section",
    { class: "panel", "data-panel": "leads" },
    h("h2", { class: "panel-title" }, t("programmes.leads")),
    h(
      "div",
      { class: "cmp-leads" },
      alignment.provincial.map(p => {
        const leads = alignment.tasks.filter(x => x.programme === p.code).flatMap(x => x.leads);
        return h(
          "div",
          { "data-programme": p.code },
          h("h3", {}, pickText(p.unitNameVi, p.unitNameEn, locale)),
          leads.length
            ? h(
                "ul",
                {},
                leads.map(l =>
                  h(
                    "li",
                    {},
                    h(
                      "strong",
                      {},
                      l.agencies.map(a => agencyText(a, locale)).join(", ") || l.bodyVi,
                    ),
                    ` (${l.section}): `,
                    l.targets.length
                      ? t("programmes.leadsTargets", { targets: l.targets.join(", ") })
                      : t("programmes.noLeadTargets"),
                  ),
                ),
              )
            : h("p", { class: "cmp-note" }, t("programmes.noLeads")),
        );
      }),
    ),
  );
}

export function sourcesSection(alignment: Alignment, t: Translate): HTMLElement {
  return h(
    "section",
    { class: "panel", "data-panel": "sources" },
    h("h2", { class: "panel-title" }, t("sources")),
    h(
      "ol",
      { class: "sources-list" },
      targetSources(alignment).map(s =>
        h("li", {}, s.title, s.grade ? ` (${t("grade")} ${s.grade})` : null),
      ),
    ),
  );
}
