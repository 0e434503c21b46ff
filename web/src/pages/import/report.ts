/** What an import did or would do, and every problem with its line, as tables. */
import type { ImportProblem, ImportReport } from "../../api/imports.js";
import { h } from "../../components/dom.js";
import { formatNumber, type Locale } from "../../lib/format.js";
import type { Translate } from "../../lib/i18n.js";

export function problemsTable(problems: ImportProblem[], t: Translate, locale: Locale) {
  return h(
    "div",
    { class: "table-wrap" },
    // Table captions are for screen readers in this app; the line rule is worth showing.
    h("p", { class: "panel-note" }, t("import.problemsCaption")),
    h(
      "table",
      { class: "data-table import-problems", "data-problems": problems.length },
      h("caption", {}, t("import.problemsCaption")),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col", class: "num" }, t("import.line")),
          h("th", { scope: "col" }, t("import.column")),
          h("th", { scope: "col" }, t("import.message")),
          h("th", { scope: "col" }, t("import.code")),
        ),
      ),
      h(
        "tbody",
        {},
        problems.map(p =>
          h(
            "tr",
            { "data-line": p.line },
            h("th", { scope: "row", class: "num" }, formatNumber(p.line, locale)),
            h("td", {}, p.column ?? "—"),
            h("td", {}, p.message),
            h("td", {}, p.code),
          ),
        ),
      ),
    ),
  );
}

export function countsTable(report: ImportReport, t: Translate, locale: Locale) {
  const rows: [string, string, number][] = [
    ["rows", t("import.rows"), report.rows],
    ["created", t("import.created"), report.created],
    ["updated", t("import.updated"), report.updated],
    ["unchanged", t("import.unchanged"), report.unchanged],
  ];
  return h(
    "table",
    { class: "data-table import-counts" },
    h("caption", {}, report.dryRun ? t("import.dryRunReport") : t("import.commitReport")),
    h(
      "tbody",
      {},
      rows.map(([key, label, value]) =>
        h(
          "tr",
          { "data-count": key },
          h("th", { scope: "row" }, label),
          h("td", { class: "num" }, formatNumber(value, locale)),
        ),
      ),
    ),
  );
}

/** The outcome of one run: counts, a sentence, and the problems if any. */
export function reportView(report: ImportReport, t: Translate, locale: Locale): HTMLElement {
  const bad = report.problems.length > 0;
  const outcome = bad
    ? t("import.problems", { count: formatNumber(report.problems.length, locale) })
    : report.dryRun
      ? t("import.dryRunOk")
      : t("import.done");
  return h(
    "div",
    {
      "data-import-result": report.dryRun ? "dry-run" : "commit",
      "data-ok": String(!bad),
    },
    h(
      "p",
      { class: bad ? "import-outcome import-bad" : "import-outcome", role: "status" },
      outcome,
    ),
    // The caption of the counts, visible (table captions are for screen readers in this app).
    h("h3", {}, report.dryRun ? t("import.dryRunReport") : t("import.commitReport")),
    countsTable(report, t, locale),
    !report.dryRun && report.layout === "ACCIDENTS" && report.created + report.updated > 0
      ? h("p", { class: "panel-note" }, t("import.draftNote"))
      : null,
    bad ? problemsTable(report.problems, t, locale) : null,
  );
}
