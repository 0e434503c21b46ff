/** Header: title, page navigation and the language switch (which keeps the page selection). */
import { h, setContent } from "../components/dom.js";
import type { Locale } from "../lib/format.js";
import { LOCALES, t } from "../lib/i18n.js";
import { buildHash, PAGES, type UrlState } from "../lib/url-state.js";

const LANGUAGE_NAME: Record<Locale, string> = { vi: "Tiếng Việt", en: "English" };

export function renderHeader(el: HTMLElement, state: UrlState): void {
  const { locale } = state;
  const nav = h(
    "nav",
    { class: "app-nav no-print", "aria-label": t("navLabel", locale) },
    h(
      "ul",
      {},
      PAGES.map(page =>
        h(
          "li",
          {},
          h(
            "a",
            {
              href: buildHash({ page, locale, params: page === state.page ? state.params : {} }),
              "aria-current": page === state.page ? "page" : null,
              "data-page-link": page,
            },
            t(`page.${page}`, locale),
          ),
        ),
      ),
    ),
  );
  const switcher = h(
    "div",
    { class: "lang-switch no-print", role: "group", "aria-label": t("languageLabel", locale) },
    LOCALES.map(code =>
      h(
        "a",
        {
          href: buildHash({ ...state, locale: code }),
          lang: code,
          class: "btn btn-lang",
          "aria-current": code === locale ? "true" : null,
          "data-lang": code,
          title: LANGUAGE_NAME[code],
        },
        code.toUpperCase(),
      ),
    ),
  );
  setContent(
    el,
    h(
      "div",
      { class: "brand" },
      h(
        "a",
        { href: buildHash({ page: "overview", locale, params: {} }), class: "brand-title" },
        t("appTitle", locale),
      ),
      h("p", { class: "brand-subtitle" }, t("appSubtitle", locale)),
    ),
    switcher,
    nav,
  );
}
