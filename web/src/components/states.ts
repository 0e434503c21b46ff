/** Loading, empty and error states, with roles so screen readers announce them. */
import { ApiError } from "../api/client.js";
import type { Translate } from "../lib/i18n.js";
import { h, setContent } from "./dom.js";

export function showLoading(el: Element, t: Translate): void {
  setContent(
    el,
    h("p", { class: "state state-loading", role: "status", "aria-live": "polite" }, t("loading")),
  );
}

export function showEmpty(el: Element, t: Translate, message?: string): void {
  setContent(el, h("p", { class: "state state-empty", role: "status" }, message ?? t("empty")));
}

export function showError(el: Element, t: Translate, error: unknown, retry?: () => void): void {
  const code = error instanceof ApiError ? error.code : null;
  const message = error instanceof Error ? error.message : String(error);
  setContent(
    el,
    h(
      "div",
      { class: "state state-error", role: "alert" },
      h("p", { class: "state-title" }, t("errorTitle")),
      h("p", { class: "state-detail" }, code ? `${code}: ${message}` : message),
      retry
        ? h("button", { type: "button", class: "btn", onclick: () => retry() }, t("retry"))
        : null,
    ),
  );
}

/** The badge every chart and table with illustrative values carries. */
export function illustrativeBadge(t: Translate): HTMLElement {
  return h(
    "span",
    { class: "badge badge-illustrative", title: t("illustrativeHint") },
    t("illustrative"),
  );
}
