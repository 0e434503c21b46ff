/**
 * The indicator page's sections below the views: definition and method, the targets that use
 * the indicator with their status, data coverage by unit and year, context notes, sources.
 */
import type {
  IndicatorDetail,
  IndicatorObservation,
  IndicatorTargetProgress,
} from "../../api/indicator.js";
import type { PageContext } from "../../app/page.js";
import { contextNoteCallout } from "../../components/context-note.js";
import { h } from "../../components/dom.js";
import { sourceList, uniqueSources } from "../../components/source-list.js";
import { statusChip } from "../../components/status-chip.js";
import { pick, pickText, sentence, type MessageKey } from "../../lib/i18n.js";
import { targetValueText, targetYearsText } from "../../lib/targets.js";
import { coverageGrid, type CoverageMark } from "./coverage.js";

function panel(id: string, title: string, ...children: (Node | null)[]): HTMLElement {
  return h(
    "section",
    { class: "panel", "data-section": id, "aria-labelledby": `${id}-title` },
    h("h2", { class: "panel-title", id: `${id}-title` }, title),
    ...children,
  );
}

/** A link to another indicator's page (numerator, denominator). */
function linkTo(ctx: PageContext, ref: { code: string; nameVi: string; nameEn: string }) {
  return h("a", { href: ctx.href("indicator", { code: ref.code }) }, pick(ref, ctx.locale));
}

export function aboutSection(ctx: PageContext, i: IndicatorDetail): HTMLElement {
  const { t, locale } = ctx;
  const row = (label: string, ...value: (Node | string | null)[]) =>
    h("div", { class: "def-row" }, h("dt", {}, label), h("dd", {}, ...value));
  const definition = pickText(i.definitionVi, i.definitionEn, locale);
  // The method note exists in both languages; never show one language's note in the other's UI.
  const method = locale === "vi" ? i.noteVi : i.note;
  return panel(
    "about",
    t("indicator.about"),
    h(
      "dl",
      { class: "def-list" },
      row(t("indicator.definition"), definition || t("indicator.none")),
      row(t("indicator.measure"), t(`measure.${i.measure}` as MessageKey)),
      row(t("indicator.direction"), t(`direction.${i.direction}` as MessageKey)),
      row(t("indicator.theme"), t(`indicatorCategory.${i.category}` as MessageKey)),
      i.numerator && i.denominator
        ? row(
            t("indicator.computedAs"),
            linkTo(ctx, i.numerator),
            " / ",
            linkTo(ctx, i.denominator),
            i.multiplier
              ? ` × ${i.multiplier.toLocaleString(locale === "vi" ? "vi-VN" : "en-GB")}`
              : "",
          )
        : null,
      i.sdg ? row(t("indicator.sdg"), i.sdg) : null,
      row(t("indicator.method"), method || t("indicator.none")),
      row(t("indicator.code"), h("code", {}, i.code)),
    ),
  );
}

export function targetsSection(ctx: PageContext, rows: IndicatorTargetProgress[]): HTMLElement {
  const { t, locale } = ctx;
  if (rows.length === 0) {
    return panel(
      "targets",
      t("indicator.targets"),
      h("p", { class: "state" }, t("indicator.noTargets")),
    );
  }
  return panel(
    "targets",
    t("indicator.targets"),
    h("p", { class: "panel-note" }, t("indicator.targetsNote")),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data-table" },
        h("caption", { class: "visually-hidden" }, t("indicator.targets")),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            [t("programme"), t("target"), t("value"), t("years"), t("unit"), t("status")].map(c =>
              h("th", { scope: "col" }, c),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map(r =>
            h(
              "tr",
              { "data-target": `${r.target.programme.code}:${r.target.label}` },
              h(
                "th",
                { scope: "row" },
                h(
                  "a",
                  { href: ctx.href("programme", { programme: r.target.programme.code }) },
                  pick(r.target.programme, locale),
                ),
              ),
              h(
                "td",
                {},
                `${r.target.label}. ${pickText(r.target.textVi, r.target.textEn, locale)}`,
              ),
              h("td", { class: "num" }, targetValueText(r.target, locale)),
              h("td", {}, targetYearsText(r.target)),
              h("td", {}, pick(r.unit, locale)),
              h(
                "td",
                {},
                statusChip(r.progress.status, locale),
                h(
                  "span",
                  { class: "status-reason" },
                  sentence(
                    pickText(
                      r.progress.sentenceVi ?? r.progress.reasonVi,
                      r.progress.sentenceEn ?? r.progress.reasonEn,
                      locale,
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

const MARK: Record<CoverageMark, string> = { FULL: "●", PARTIAL: "◐", NONE: "–" };

export function coverageSection(
  ctx: PageContext,
  observations: IndicatorObservation[],
  unitLabel: (code: string) => string,
): HTMLElement {
  const { t } = ctx;
  const collator = new Intl.Collator("vi");
  const grid = coverageGrid(observations, (a, b) => collator.compare(unitLabel(a), unitLabel(b)));
  if (grid.rows.length === 0) {
    return panel(
      "coverage",
      t("indicator.coverage"),
      h("p", { class: "state" }, t("indicator.noCoverage")),
    );
  }
  const markText: Record<CoverageMark, string> = {
    FULL: t("indicator.coverageFull"),
    PARTIAL: t("indicator.coveragePartial"),
    NONE: t("noData"),
  };
  return panel(
    "coverage",
    t("indicator.coverage"),
    h("p", { class: "panel-note" }, t("indicator.coverageNote")),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data-table coverage-grid" },
        h("caption", { class: "visually-hidden" }, t("indicator.coverage")),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, t("unit")),
            grid.years.map(y => h("th", { scope: "col" }, String(y))),
          ),
        ),
        h(
          "tbody",
          {},
          grid.rows.map(r =>
            h(
              "tr",
              { "data-unit": r.unit },
              h("th", { scope: "row" }, unitLabel(r.unit)),
              r.cells.map(c =>
                h(
                  "td",
                  {
                    class: `cov cov-${c.mark.toLowerCase()}`,
                    title: `${unitLabel(r.unit)} ${c.year}: ${markText[c.mark]}`,
                    "data-year": c.year,
                  },
                  h("span", { "aria-hidden": "true" }, MARK[c.mark]),
                  h("span", { class: "visually-hidden" }, markText[c.mark]),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

export function contextSection(ctx: PageContext, i: IndicatorDetail): HTMLElement | null {
  const { t, locale } = ctx;
  if (i.contextNotes.length === 0) return null;
  return panel(
    "context",
    t("indicator.context"),
    h("p", { class: "panel-note" }, t("indicator.contextNote")),
    h(
      "div",
      { class: "context-notes" },
      i.contextNotes.map(note => contextNoteCallout(note, locale, t("indicator.context"))),
    ),
  );
}

export function sourcesSection(
  ctx: PageContext,
  i: IndicatorDetail,
  observations: IndicatorObservation[],
): HTMLElement {
  const { t, locale } = ctx;
  const sources = uniqueSources([
    ...observations.filter(o => !o.illustrative).map(o => o.source),
    ...i.contextNotes.map(n => n.source),
  ]);
  return panel(
    "sources",
    t("sources"),
    sources.length
      ? sourceList(sources, locale)
      : h("p", { class: "state" }, t("indicator.noSources")),
  );
}
