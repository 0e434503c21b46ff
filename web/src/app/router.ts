/**
 * Hash router: the URL is the single source of the page and its selection. Each page module is
 * loaded on demand (dynamic import) so the first screen only downloads what it needs.
 * Readiness for tests and screenshots: `window.__ready` and `<body data-ready>` turn true when
 * the page has finished rendering (data loaded, charts drawn) and false while it works.
 */
import { h, setContent } from "../components/dom.js";
import { showError } from "../components/states.js";
import { translator } from "../lib/i18n.js";
import { buildHash, parseHash, withParams, type PageId, type UrlState } from "../lib/url-state.js";
import { renderHeader } from "./header.js";
import type { PageHandle, PageModule } from "./page.js";

declare global {
  interface Window {
    __ready?: boolean;
  }
}

const PAGE_LOADERS: Record<PageId, () => Promise<PageModule>> = {
  overview: () => import("../pages/overview/index.js"),
  compare: () => import("../pages/compare/index.js"),
  programme: () => import("../pages/programme/index.js"),
  monitoring: () => import("../pages/monitoring/index.js"),
  map: () => import("../pages/map/index.js"),
  briefing: () => import("../pages/briefing/index.js"),
  indicator: () => import("../pages/indicator/index.js"),
  programmes: () => import("../pages/programmes/index.js"),
  import: () => import("../pages/import/index.js"),
  coverage: () => import("../pages/coverage/index.js"),
  report: () => import("../pages/report/index.js"),
  review: () => import("../pages/review/index.js"),
  "sign-in": () => import("../pages/sign-in/index.js"),
};

let current: PageHandle | void;
let renderCount = 0;

/**
 * Every change of a control re-renders the page from the URL, which replaces the control. To
 * keep keyboard users where they were, the focused element's identity (one of IDENTITIES, plus
 * the value for a checkbox, or else its id) is noted before the render and that element is
 * focused again after it, unless the page has moved the focus itself (e.g. to an explanation it
 * opened). Generated ids change between renders, so the data attributes come first.
 */
const IDENTITIES = ["data-control", "data-lang", "data-page-link", "data-cell"];

function focusKey(): string | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || el === document.body) return null;
  for (const name of IDENTITIES) {
    const id = el.getAttribute(name);
    if (id === null) continue;
    const checkbox = el instanceof HTMLInputElement && el.type === "checkbox";
    const value = checkbox ? `[value="${CSS.escape(el.value)}"]` : "";
    return `[${name}="${CSS.escape(id)}"]${value}`;
  }
  return el.id ? `#${CSS.escape(el.id)}` : null;
}

function restoreFocus(key: string | null): void {
  if (!key) return;
  const active = document.activeElement;
  if (active && active !== document.body) return;
  const target = document.querySelector<HTMLElement>(key);
  target?.focus({ preventScroll: true });
}

function setReady(ready: boolean, state?: UrlState): void {
  window.__ready = ready;
  document.body.dataset.ready = String(ready);
  if (state) document.body.dataset.page = state.page;
}

async function route(): Promise<void> {
  const state = parseHash(location.hash);
  const renderId = ++renderCount;
  const focused = focusKey();
  setReady(false, state);
  // Tests wait for a render newer than the one they saw, then for readiness.
  document.body.dataset.render = String(renderId);
  const t = translator(state.locale);
  document.documentElement.lang = state.locale;
  document.title = `${t(`page.${state.page}`)} · ${t("appTitle")}`;
  renderHeader(document.getElementById("app-header")!, state);
  const skip = document.querySelector(".skip-link");
  if (skip) skip.textContent = t("skipToContent");
  const footer = document.getElementById("app-footer")!;
  setContent(footer, h("p", {}, t("mergedNote")));

  current?.dispose();
  current = undefined;
  const root = document.getElementById("main")!;
  root.replaceChildren();
  root.dataset.page = state.page;
  try {
    const page = await PAGE_LOADERS[state.page]();
    if (renderId !== renderCount) return;
    const handle = await page.render({
      root,
      state,
      locale: state.locale,
      t,
      setParams: changes => navigate(withParams(state, changes)),
      href: (page, params = {}) => buildHash({ page, locale: state.locale, params }),
    });
    if (renderId !== renderCount) {
      handle?.dispose();
      return;
    }
    current = handle;
  } catch (error) {
    if (renderId !== renderCount) return;
    console.warn(error);
    showError(root, t, error, () => void route());
  }
  restoreFocus(focused);
  setReady(true, state);
}

/** Goes to a state; the hashchange listener renders it. */
export function navigate(state: UrlState): void {
  const hash = buildHash(state);
  if (hash === location.hash) void route();
  else location.hash = hash;
}

export function startRouter(): void {
  window.addEventListener("hashchange", () => void route());
  void route();
}
