/** A status shown as colour + symbol + words (never colour alone). */
import type { Locale } from "../lib/format.js";
import { statusLabel, statusStyle } from "../lib/status.js";
import { h } from "./dom.js";

export function statusChip(status: string | null | undefined, locale: Locale): HTMLElement {
  const style = statusStyle(status);
  return h(
    "span",
    {
      class: "status-chip",
      style: `background:${style.color};color:${style.textColor}`,
      "data-status": status ?? "NOT_ASSESSABLE",
    },
    h("span", { "aria-hidden": "true" }, style.symbol),
    statusLabel(status, locale),
  );
}
