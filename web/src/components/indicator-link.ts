/**
 * Links from an indicator's name to its page (`#/indicator?code=…`), so every indicator name in
 * the app leads to its definition, sources and coverage.
 */
import type { Locale } from "../lib/format.js";
import { buildHash } from "../lib/url-state.js";
import { h } from "./dom.js";

export function indicatorHref(code: string, locale: Locale): string {
  return buildHash({ page: "indicator", locale, params: { code } });
}

export function indicatorLink(code: string, name: string, locale: Locale): HTMLAnchorElement {
  return h(
    "a",
    { href: indicatorHref(code, locale), class: "indicator-link", "data-indicator-link": code },
    name,
  );
}

/**
 * Turns the cells of a rendered data table's indicator column into links: the column is found by
 * its header text, and row i links to `codes[i]` (the table model's row order). The table and its
 * CSV keep the plain name.
 */
export function linkIndicatorColumn(
  host: Element,
  header: string,
  codes: readonly string[],
  locale: Locale,
): void {
  const table = host.querySelector("table");
  if (!table) return;
  const headers = [...table.querySelectorAll("thead th")];
  const column = headers.findIndex(th => th.textContent === header);
  if (column < 0) return;
  table.querySelectorAll("tbody tr").forEach((tr, i) => {
    const cell = tr.children[column];
    const code = codes[i];
    if (!cell || !code || !cell.textContent) return;
    cell.replaceChildren(indicatorLink(code, cell.textContent, locale));
  });
}
