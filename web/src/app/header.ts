/** Header: title, page navigation and the language switch (which keeps the page selection). */
import { currentUser, mayReport, signOut, type Me } from "../api/session.js";
import { h, setContent } from "../components/dom.js";
import type { Locale } from "../lib/format.js";
import { LOCALES, pick, t } from "../lib/i18n.js";
import {
  buildHash,
  PAGES,
  SIGNED_IN_PAGES,
  UNLISTED_PAGES,
  type PageId,
  type UrlState,
} from "../lib/url-state.js";

const LANGUAGE_NAME: Record<Locale, string> = { vi: "Tiếng Việt", en: "English" };

export function renderHeader(el: HTMLElement, state: UrlState): void {
  const { locale } = state;
  const nav = h(
    "nav",
    { class: "app-nav no-print", "aria-label": t("navLabel", locale) },
    h(
      "ul",
      {},
      PAGES.filter(page => !UNLISTED_PAGES.includes(page) && !SIGNED_IN_PAGES.includes(page)).map(
        page => navItem(page, state),
      ),
    ),
  );
  const userBox = h("div", { class: "user-area", "data-user-area": "" });
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
    h("div", { class: "header-tools no-print" }, userBox, switcher),
    nav,
  );
  // Who is signed in is asked once (the cookie is HttpOnly); then the reporting pages join the nav.
  void currentUser().then(me => {
    if (!el.isConnected) return;
    setContent(userBox, userArea(me, state));
    if (!mayReport(me)) return;
    const list = nav.querySelector("ul")!;
    for (const page of SIGNED_IN_PAGES) list.append(navItem(page, state));
  });
}

function navItem(page: PageId, state: UrlState): HTMLElement {
  const { locale } = state;
  return h(
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
  );
}

/** "Name · role · units" with a sign-out button, or a sign-in link for an anonymous visitor. */
function userArea(me: Me | null, state: UrlState): HTMLElement {
  const { locale } = state;
  if (!me) {
    return h(
      "a",
      {
        href: buildHash({ page: "sign-in", locale, params: {} }),
        class: "btn btn-lang",
        "data-action": "sign-in",
      },
      t("auth.signIn", locale),
    );
  }
  const units =
    me.role === "ADMIN"
      ? t("auth.allUnits", locale)
      : me.units.map(u => pick(u, locale)).join(", ");
  return h(
    "div",
    { class: "user-box", "aria-label": t("auth.user", locale), "data-user": me.name },
    h(
      "span",
      { class: "user-name" },
      `${me.name} · ${t(`auth.role.${me.role}`, locale)}${units ? ` · ${units}` : ""}`,
    ),
    h(
      "button",
      {
        type: "button",
        class: "btn btn-lang",
        "data-action": "sign-out",
        onclick: () =>
          void signOut().finally(() => {
            const hash = buildHash({ page: "sign-in", locale, params: {} });
            // Already there: render it again (a same-hash assignment fires no hashchange).
            if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
            else location.hash = hash;
          }),
      },
      t("auth.signOut", locale),
    ),
  );
}
