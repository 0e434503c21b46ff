/**
 * A sourced context note as a callout: the finding in the current language, its period, the
 * source's quote, the source (linked when it has an address) and its grade with what the grade means.
 */
import type { ContextNoteRef } from "../api/programmes.js";
import type { Locale } from "../lib/format.js";
import { formatDate } from "../lib/format.js";
import { pickText, t } from "../lib/i18n.js";
import { gradeText, notePeriodText } from "../pages/programme/structure.js";
import { h } from "./dom.js";

export function contextNoteCallout(
  note: ContextNoteRef,
  locale: Locale,
  heading?: string,
): HTMLElement {
  const { source } = note;
  return h(
    "aside",
    {
      class: "context-note",
      "data-context-note": note.code,
      "aria-label": heading ?? t("programme.context", locale),
    },
    h(
      "p",
      { class: "context-note-head" },
      heading ? h("strong", {}, heading) : null,
      heading ? " · " : null,
      `${t("programme.period", locale)}: ${notePeriodText(note, locale)}`,
    ),
    h("p", { class: "context-note-text" }, pickText(note.textVi, note.textEn, locale)),
    note.quote
      ? h(
          "blockquote",
          {
            class: "context-note-quote",
            lang: source.language ?? null,
            title: t("programme.quote", locale),
          },
          `“${note.quote}”`,
        )
      : null,
    h(
      "p",
      { class: "context-note-source" },
      `${t("programme.source", locale)}: `,
      source.url
        ? h("a", { href: source.url, rel: "noopener noreferrer", target: "_blank" }, source.title)
        : source.title,
      source.publisher ? ` · ${source.publisher}` : null,
      source.publishedOn ? ` · ${formatDate(source.publishedOn, locale)}` : null,
      " ",
      h(
        "span",
        { class: "badge badge-grade", "data-grade": note.grade, title: t("grade", locale) },
        `${t("grade", locale)} ${gradeText(note.grade, locale)}`,
      ),
    ),
  );
}
