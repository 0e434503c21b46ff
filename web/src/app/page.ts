/** What every page module receives and returns. */
import type { Locale } from "../lib/format.js";
import type { Translate } from "../lib/i18n.js";
import type { PageId, UrlState } from "../lib/url-state.js";

export interface PageContext {
  root: HTMLElement;
  state: UrlState;
  locale: Locale;
  t: Translate;
  /** Changes the page's URL selection (which re-renders the page from the URL). */
  setParams(changes: Record<string, string | undefined>): void;
  /** A link to another page in the current language. */
  href(page: PageId, params?: Record<string, string>): string;
}

export interface PageHandle {
  dispose(): void;
}

export interface PageModule {
  render(ctx: PageContext): Promise<PageHandle | void>;
}
