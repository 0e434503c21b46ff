/** Renders a TableModel as an accessible HTML table (caption, scoped headers). */
import type { Locale } from "../lib/format.js";
import { cellText, type TableModel } from "../lib/table.js";
import { h } from "./dom.js";

export function renderTable(model: TableModel, locale: Locale, caption: string): HTMLTableElement {
  const noData = cellText(null, locale);
  return h(
    "table",
    { class: "data-table" },
    h("caption", {}, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        model.columns.map(c => h("th", { scope: "col", class: c.numeric ? "num" : null }, c.label)),
      ),
    ),
    h(
      "tbody",
      {},
      model.rows.map(row =>
        h(
          "tr",
          {},
          model.columns.map((c, i) => {
            const text = cellText(row[c.key], locale);
            const classes = [c.numeric ? "num" : "", text === noData ? "missing" : ""]
              .filter(Boolean)
              .join(" ");
            return i === 0
              ? h("th", { scope: "row", class: classes || null }, text)
              : h("td", { class: classes || null }, text);
          }),
        ),
      ),
    ),
  );
}
