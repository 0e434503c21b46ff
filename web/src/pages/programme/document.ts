/**
 * The programme document itself: its numbered sections in order (with items, verbatim ones shown
 * as quotations, funding amounts only where the document states them) and the instruments it cites.
 */
import type { Programme, ProgrammeSection } from "../../api/programmes.js";
import type { PageContext } from "../../app/page.js";
import { createTablePanel } from "../../components/chart-panel.js";
import { h } from "../../components/dom.js";
import { pickText } from "../../lib/i18n.js";
import {
  instrumentDateText,
  instrumentKindText,
  itemAmountText,
  sectionsInOrder,
} from "./structure.js";

export function documentStructure(p: Programme, { t, locale }: PageContext): HTMLElement {
  const sections = sectionsInOrder(p.sections);
  return h(
    "section",
    {
      class: "panel doc-structure",
      "data-panel": "structure",
      "aria-labelledby": "structure-title",
    },
    h("h2", { class: "panel-title", id: "structure-title" }, t("programme.structure")),
    sections.length
      ? [
          h("p", { class: "panel-note" }, t("programme.structureNote")),
          h(
            "ol",
            { class: "doc-sections" },
            sections.map(s => sectionBlock(s, { t, locale })),
          ),
        ]
      : h("p", { class: "state" }, t("programme.noSections")),
  );
}

function sectionBlock(
  section: ProgrammeSection,
  { t, locale }: Pick<PageContext, "t" | "locale">,
): HTMLElement {
  const summary = pickText(section.summaryVi, section.summaryEn, locale);
  const title = locale === "vi" ? section.titleVi : section.titleEn;
  const kind = t(`sectionKind.${section.kind}`);
  // The kind is shown only where the heading does not already say it ('V. Funding', not 'V. Funding Funding').
  const kindTag = title.toLocaleLowerCase(locale).startsWith(kind.toLocaleLowerCase(locale))
    ? null
    : h("span", { class: "doc-section-kind" }, kind);
  return h(
    "li",
    { class: "doc-section", "data-section": section.number, "data-kind": section.kind },
    h(
      "h3",
      { class: "doc-section-title" },
      h("span", { class: "doc-section-number" }, `${section.number}.`),
      " ",
      // Vietnamese headings are shown as printed (often in capitals).
      title,
      kindTag ? " " : null,
      kindTag,
    ),
    summary ? h("p", { class: "doc-summary" }, summary) : null,
    section.items.length
      ? h(
          "ol",
          { class: "doc-items" },
          section.items.map(item => {
            const amount = itemAmountText(item.amountBillionVnd, section.kind, locale);
            const quote = item.verbatim
              ? h(
                  "blockquote",
                  { class: "doc-quote", lang: "vi", title: t("programme.quoteLabel") },
                  `“${item.textVi}”`,
                )
              : null;
            // Vietnamese: the item itself (a quotation when verbatim). English: our translation,
            // then the verbatim Vietnamese original as the quotation.
            const text =
              locale === "vi"
                ? (quote ??
                  h(
                    "p",
                    { class: "doc-item-text", title: t("programme.paraphraseLabel") },
                    item.textVi,
                  ))
                : [h("p", { class: "doc-item-text" }, item.textEn ?? item.textVi), quote];
            return h(
              "li",
              {
                class: "doc-item",
                "data-item": item.label,
                "data-verbatim": item.verbatim ? "true" : "false",
              },
              h("span", { class: "doc-item-label" }, item.label ? `${item.label}.` : ""),
              h(
                "div",
                { class: "doc-item-body" },
                text,
                amount
                  ? h(
                      "p",
                      {
                        class: item.amountBillionVnd === null ? "doc-amount missing" : "doc-amount",
                        "data-amount": item.amountBillionVnd ?? "none",
                      },
                      `${t("programme.amount")}: ${amount}`,
                    )
                  : null,
              ),
            );
          }),
        )
      : null,
  );
}

export function renderCitedInstruments(
  root: HTMLElement,
  p: Programme,
  { t, locale }: PageContext,
): void {
  if (p.citedInstruments.length === 0) {
    root.append(
      h(
        "section",
        { class: "panel", "data-panel": "cited" },
        h("h2", { class: "panel-title" }, t("programme.cited")),
        h("p", { class: "state" }, t("programme.noCited")),
      ),
    );
    return;
  }
  createTablePanel(root, {
    id: "cited",
    title: t("programme.cited"),
    note: t("programme.citedNote"),
    locale,
    t,
    table: {
      columns: [
        { key: "number", label: t("programme.number") },
        { key: "kind", label: t("programme.instrumentKind") },
        { key: "title", label: t("programme.instrumentTitle") },
        { key: "issuer", label: t("programme.issuer") },
        { key: "date", label: t("programme.issuedOn") },
      ],
      rows: p.citedInstruments.map(i => ({
        number: i.number,
        kind: instrumentKindText(i.kind, locale),
        title: pickText(i.titleVi, i.titleEn, locale),
        issuer: i.issuer,
        date: instrumentDateText(i.issuedOn, locale),
      })),
    },
  });
}
