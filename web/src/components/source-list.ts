/** Sources with their reliability grade (A official text, B news citing an authority, C other). */
import type { SourceRef } from "../api/programmes.js";
import type { Locale } from "../lib/format.js";
import { formatDate } from "../lib/format.js";
import { t } from "../lib/i18n.js";
import { h } from "./dom.js";

export function uniqueSources(sources: (SourceRef | null | undefined)[]): SourceRef[] {
  const byCode = new Map<string, SourceRef>();
  for (const s of sources) if (s && !byCode.has(s.code)) byCode.set(s.code, s);
  return [...byCode.values()];
}

export function sourceList(sources: SourceRef[], locale: Locale): HTMLElement {
  return h(
    "ol",
    { class: "sources-list" },
    sources.map(s =>
      h(
        "li",
        { "data-source": s.code },
        s.url
          ? h("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, s.title)
          : s.title,
        s.documentNumber ? ` (${s.documentNumber})` : null,
        s.publisher ? ` · ${s.publisher}` : null,
        s.publishedOn ? ` · ${formatDate(s.publishedOn, locale)}` : null,
        " ",
        h(
          "span",
          { class: "badge badge-grade", title: t("grade", locale) },
          `${t("grade", locale)} ${s.grade}`,
        ),
      ),
    ),
  );
}
