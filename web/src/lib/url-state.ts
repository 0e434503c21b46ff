/**
 * The page and its selection live in the URL hash (`#/compare?indicator=x&units=a,b&lang=en`),
 * so a copied link reopens the same view. Pure parsing and building; the router applies it.
 */
import type { Dataset, SeriesBasis } from "../api/graphql.js";
import type { Locale } from "./format.js";
import { DEFAULT_LOCALE, isLocale } from "./i18n.js";

export const PAGES = [
  "overview",
  "compare",
  "programme",
  "monitoring",
  "map",
  "briefing",
  "indicator",
  "programmes",
  "import",
  // Reporting (issue 10): the status page is public; entering and reviewing need a sign-in.
  "coverage",
  "report",
  "review",
  "sign-in",
] as const;
export type PageId = (typeof PAGES)[number];

/** Pages the navigation lists only to a signed-in steward or admin. */
export const SIGNED_IN_PAGES: readonly PageId[] = ["report", "review", "import"];
/** Pages reached from the header's user area, not from the navigation. */
export const UNLISTED_PAGES: readonly PageId[] = ["sign-in"];

export interface UrlState {
  page: PageId;
  locale: Locale;
  /** Page-specific selection, without `lang`. Keys are sorted when built, for stable links. */
  params: Record<string, string>;
}

export function isPageId(value: string): value is PageId {
  return (PAGES as readonly string[]).includes(value);
}

/** '#/compare?indicator=x&lang=en' -> { page: 'compare', locale: 'en', params: { indicator: 'x' } }. */
export function parseHash(hash: string): UrlState {
  const body = hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = body.split("?", 2);
  const page = isPageId(path) ? path : "overview";
  const params: Record<string, string> = {};
  let locale: Locale = DEFAULT_LOCALE;
  for (const [key, value] of new URLSearchParams(query)) {
    if (key === "lang") {
      if (isLocale(value)) locale = value;
    } else if (value !== "") {
      params[key] = value;
    }
  }
  return { page, locale, params };
}

/** The inverse of parseHash. Empty values are dropped; the default language is left implicit. */
export function buildHash(state: UrlState): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(state.params).sort()) {
    const value = state.params[key];
    if (value !== undefined && value !== "") search.set(key, value);
  }
  if (state.locale !== DEFAULT_LOCALE) search.set("lang", state.locale);
  const query = search.toString();
  return `#/${state.page}${query ? `?${query}` : ""}`;
}

/** Same state with some params replaced (undefined or '' removes a param). */
export function withParams(state: UrlState, changes: Record<string, string | undefined>): UrlState {
  const params = { ...state.params };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === "") delete params[key];
    else params[key] = value;
  }
  return { ...state, params };
}

/** A comma-separated list param: 'a,b' -> ['a', 'b']. */
export function listParam(
  params: Record<string, string>,
  key: string,
  fallback: string[] = [],
): string[] {
  const raw = params[key];
  if (!raw) return fallback;
  return raw
    .split(",")
    .map(s => s.trim())
    .filter(Boolean);
}

/** An integer param within [min, max], or the fallback. */
export function intParam(
  params: Record<string, string>,
  key: string,
  fallback: number,
  min = -Infinity,
  max = Infinity,
): number {
  const value = Number.parseInt(params[key] ?? "", 10);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** A param restricted to a set of values, or the fallback. */
export function enumParam<T extends string>(
  params: Record<string, string>,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = params[key];
  return value !== undefined && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** The series basis shared by the scorecard, compare and briefing pages (`basis=HARMONISED`). */
export function basisParam(params: Record<string, string>): SeriesBasis {
  return enumParam(params, "basis", ["AS_REPORTED", "HARMONISED"] as const, "AS_REPORTED");
}

/** `data=official|all` and the datasets it asks the API for; `all` adds the illustrative data. */
export function datasetParam(
  params: Record<string, string>,
  fallback: "official" | "all",
): { data: "official" | "all"; datasets: Dataset[] } {
  const data = enumParam(params, "data", ["official", "all"] as const, fallback);
  return { data, datasets: data === "all" ? ["OFFICIAL", "ILLUSTRATIVE"] : ["OFFICIAL"] };
}
