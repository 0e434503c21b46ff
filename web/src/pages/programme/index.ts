/** Programme page: the documents' structure (targets, task areas, who does what). */
import { fetchProgramme } from "../../api/programmes.js";
import { fetchProgrammes } from "../../api/catalog.js";
import type { Programme } from "../../api/programmes.js";
import type { PageContext, PageHandle } from "../../app/page.js";
import { buildResponsibilityOption, type Role } from "../../charts/responsibility/option.js";
import { createChartPanel, createTablePanel } from "../../components/chart-panel.js";
import { selectField, toolbar } from "../../components/controls.js";
import { h } from "../../components/dom.js";
import { uniqueSources, sourceList } from "../../components/source-list.js";
import { showEmpty, showLoading } from "../../components/states.js";
import { formatDate } from "../../lib/format.js";
import { pick, pickText } from "../../lib/i18n.js";
import { NATIONAL_PROGRAMME } from "../../lib/units.js";
import { targetKindText, targetValueText, targetYearsText } from "../../lib/targets.js";
import { contextNoteCallout } from "../../components/context-note.js";
import { linkIndicatorColumn } from "../../components/indicator-link.js";
import { documentStructure, renderCitedInstruments } from "./document.js";
import { responsibilityMatrix } from "./matrix.js";
import { compactInstruments } from "./structure.js";
import { renderTaskReportsSection } from "./task-reports.js";

export async function render(ctx: PageContext): Promise<PageHandle> {
  const { root, t, locale, state } = ctx;
  showLoading(root, t);
  const programmes = await fetchProgrammes();
  if (programmes.length === 0) {
    showEmpty(root, t, t("overview.noProgramme"));
    return { dispose() {} };
  }
  const selected =
    programmes.find(p => p.code === state.params.programme) ??
    programmes.find(p => p.code === NATIONAL_PROGRAMME) ??
    programmes[0];
  const programme = await fetchProgramme(selected.code);
  root.replaceChildren(
    h("h1", { class: "page-title" }, t("programme.title")),
    toolbar(
      selectField(
        t("programme"),
        "programme",
        programmes.map(p => ({
          value: p.code,
          label: `${pick(p, locale)} (${p.startYear}–${p.endYear})`,
        })),
        selected.code,
        code => ctx.setParams({ programme: code }),
      ),
    ),
    h(
      "p",
      { class: "panel-note no-print" },
      h(
        "a",
        {
          href: ctx.href(
            "programmes",
            selected.unit.code === "vn"
              ? { national: selected.code }
              : { provincial: selected.code },
          ),
          "data-link": "programmes",
        },
        t("programmes.link"),
      ),
    ),
  );
  if (!programme) {
    showEmpty(root.appendChild(h("div")), t);
    return { dispose() {} };
  }
  root.append(programmeHeader(programme, ctx));
  root.append(documentStructure(programme, ctx));
  renderCitedInstruments(root, programme, ctx);
  renderTargets(root, programme, ctx);
  const matrix = renderMatrix(root, programme, ctx);
  root.append(taskAreas(programme, ctx));
  await renderTaskReportsSection(root, programme.code, ctx);
  const sources = uniqueSources([
    ...programme.targets.map(target => target.source),
    ...programme.targets.flatMap(target => target.contextNotes.map(note => note.source)),
  ]);
  if (sources.length) {
    root.append(
      h(
        "section",
        { class: "panel" },
        h("h2", { class: "panel-title" }, t("sources")),
        sourceList(sources, locale),
      ),
    );
  }
  return { dispose: () => matrix?.dispose() };
}

function programmeHeader(p: Programme, { t, locale }: PageContext): HTMLElement {
  const instrument = (i: Programme["instrument"]) =>
    `${i.number}: ${pickText(i.titleVi, i.titleEn, locale)}${i.issuedOn ? ` (${formatDate(i.issuedOn, locale)})` : ""}`;
  return h(
    "section",
    { class: "panel" },
    h("h2", { class: "panel-title" }, pick(p, locale)),
    h(
      "p",
      { class: "panel-note" },
      `${pick(p.unit, locale)} · ${p.startYear}–${p.endYear} · ${instrument(p.instrument)}`,
    ),
    p.implements ? h("p", { class: "panel-note" }, `→ ${pick(p.implements, locale)}`) : null,
    p.basisInstruments.length
      ? h(
          "div",
          {},
          h("strong", {}, `${t("programme.basis")}: `),
          h(
            "ul",
            {},
            p.basisInstruments.map(i => h("li", {}, instrument(i))),
          ),
        )
      : null,
  );
}

function renderTargets(root: HTMLElement, p: Programme, ctx: PageContext): void {
  const { t, locale } = ctx;
  const panel = createTablePanel(root, {
    id: "targets",
    title: t("targets"),
    locale,
    t,
    table: {
      columns: [
        { key: "label", label: "#" },
        { key: "text", label: t("target") },
        { key: "indicator", label: t("indicator") },
        { key: "kind", label: t("kind") },
        { key: "value", label: t("value"), numeric: true },
        { key: "years", label: t("years") },
        { key: "lead", label: t("role.LEAD") },
        { key: "cited", label: t("programme.targetCited") },
        { key: "notes", label: t("notes") },
      ],
      rows: p.targets.map(target => ({
        label: target.label,
        text: pickText(target.textVi, target.textEn, locale),
        indicator: pick(target.indicator, locale),
        kind: targetKindText(target.kind, locale),
        value: targetValueText(target, locale),
        years: targetYearsText(target),
        lead: target.leadAgency ? pick(target.leadAgency, locale) : "—",
        cited: compactInstruments(target.citedInstruments),
        notes:
          [
            locale === "vi" ? target.assumptionVi : target.assumption,
            locale === "vi" ? target.conflictVi : target.conflict,
          ]
            .filter(Boolean)
            .join(" · ") || "—",
      })),
    },
  });
  linkIndicatorColumn(
    panel,
    t("indicator"),
    p.targets.map(target => target.indicator.code),
    locale,
  );
  // Sourced context for the targets, under the table (the CSV holds the table only).
  const noted = p.targets.filter(target => target.contextNotes.length > 0);
  if (noted.length) {
    panel.append(
      h(
        "div",
        { class: "context-notes", "data-context": "targets" },
        h("h3", { class: "context-notes-title" }, t("programme.context")),
        noted.flatMap(target =>
          target.contextNotes.map(note => {
            const callout = contextNoteCallout(
              note,
              locale,
              t("programme.contextFor", { label: target.label }),
            );
            callout.dataset.target = target.label;
            return callout;
          }),
        ),
      ),
    );
  }
}

function renderMatrix(root: HTMLElement, p: Programme, { t, locale }: PageContext) {
  const entries = responsibilityMatrix(p);
  if (entries.length === 0) {
    // Say that the matrix is unknown rather than leaving it out.
    const section = root.appendChild(
      h(
        "section",
        { class: "panel", "data-panel": "responsibility" },
        h("h2", { class: "panel-title" }, t("programme.matrix")),
      ),
    );
    showEmpty(section.appendChild(h("div")), t);
    return null;
  }
  const agencyName = new Map<string, string>();
  for (const r of p.responsibilities) {
    for (const a of r.agencies) agencyName.set(a.code, pick(a, locale));
  }
  for (const target of p.targets) {
    if (target.leadAgency) agencyName.set(target.leadAgency.code, pick(target.leadAgency, locale));
  }
  const agencies = [...new Set(entries.map(e => agencyName.get(e.agencyCode) ?? e.agencyCode))];
  const targets = p.targets
    .map(target => target.label)
    .filter(label => entries.some(e => e.targetLabel === label));
  const cells = entries.map(e => ({
    agency: agencyName.get(e.agencyCode) ?? e.agencyCode,
    target: e.targetLabel,
    role: e.role as Role,
  }));
  return createChartPanel(root, {
    id: "responsibility",
    title: t("programme.matrix"),
    locale,
    t,
    height: Math.max(240, 70 + agencies.length * 30),
    option: buildResponsibilityOption({
      locale,
      title: t("programme.matrix"),
      agencies,
      targets,
      cells,
    }),
    table: {
      columns: [
        { key: "agency", label: t("agency") },
        { key: "target", label: t("target") },
        { key: "role", label: t("role") },
      ],
      rows: cells.map(c => ({ agency: c.agency, target: c.target, role: t(`role.${c.role}`) })),
    },
  });
}

function taskAreas(p: Programme, { t, locale }: PageContext): HTMLElement {
  return h(
    "section",
    { class: "panel" },
    h("h2", { class: "panel-title" }, t("programme.taskAreas")),
    p.taskAreas.length === 0
      ? h("p", { class: "state" }, t("empty"))
      : h(
          "div",
          { class: "task-areas" },
          p.taskAreas.map(area =>
            h(
              "section",
              {},
              h("h3", {}, `${area.number}. ${pickText(area.titleVi, area.titleEn, locale)}`),
              // Task texts exist in Vietnamese only (quoted from the documents).
              h(
                "ul",
                { lang: "vi" },
                area.items.map(item => h("li", {}, `${item.label}) ${item.textVi}`)),
              ),
            ),
          ),
        ),
  );
}
