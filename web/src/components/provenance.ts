/**
 * Provenance on screen: the lines of lib/provenance.ts as a list (URLs as links) for
 * explanations and the briefing, or as escaped HTML for chart tooltips.
 */
import { escapeHtml } from "../charts/theme.js";
import type { Locale } from "../lib/format.js";
import { provenanceLines, type ValueProvenance } from "../lib/provenance.js";
import { h } from "./dom.js";

const URL_PATTERN = /(https?:\/\/[^\s·]+)/;

/** A list of provenance lines; a URL in a line becomes a link. */
export function provenanceBlock(
  provenance: ValueProvenance | null | undefined,
  locale: Locale,
  formatValue?: (value: number) => string,
): HTMLElement {
  const lines = provenanceLines(provenance, locale, formatValue);
  return h(
    "ul",
    { class: "provenance", "data-provenance": provenance?.status ?? "UNKNOWN" },
    lines.map(line =>
      h(
        "li",
        {},
        line
          .split(URL_PATTERN)
          .map((part, i) =>
            i % 2 === 1
              ? h("a", { href: part, rel: "noopener noreferrer", target: "_blank" }, part)
              : part,
          ),
      ),
    ),
  );
}

/** Provenance lines under a tooltip row, small and grey. */
export function provenanceTooltipHtml(lines: string[]): string {
  if (!lines.length) return "";
  return `<span style="display:block;font-size:11px;color:#555;max-width:420px;white-space:normal">${lines
    .map(escapeHtml)
    .join("<br/>")}</span>`;
}
