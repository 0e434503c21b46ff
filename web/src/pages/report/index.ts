/**
 * #/report: a steward picks one of their units and a year and sees every value the targets
 * covering it need that year (base years and the denominators of rates included), each with its
 * state and a form to enter or correct it. Saved values are drafts until someone else approves.
 */
import "../../styles/reporting.css";
import { gqlFresh } from "../../api/client.js";
import {
  CHECKLIST_QUERY,
  REJECTED_QUERY,
  UNITS_FOR_REPORT,
  type ChecklistItem,
} from "../../api/reporting.js";
import type { PageContext } from "../../app/page.js";
import { selectField, toolbar, yearField } from "../../components/controls.js";
import { h, setContent } from "../../components/dom.js";
import { showError, showLoading } from "../../components/states.js";
import { formatMeasure, type Locale } from "../../lib/format.js";
import { pick, type Translate } from "../../lib/i18n.js";
import { intParam } from "../../lib/url-state.js";
import { reporterOrExplain } from "./gate.js";
import { unitLabel } from "./unit-label.js";
import { valueForm } from "./value-form.js";

export async function render(ctx: PageContext): Promise<void> {
  const { root, t, locale, state } = ctx;
  const me = await reporterOrExplain(ctx, t("report.title"));
  if (!me) return;
  const units =
    me.role === "ADMIN"
      ? (await gqlFresh(UNITS_FOR_REPORT)).units.nodes.filter(
          u => u.level === "PROVINCE" || u.level === "NATION",
        )
      : // A steward's own units and the former units merged into them (hai-phong-34's department reports Hải Dương's past).
        me.writableUnits;
  if (!units.length) {
    setContent(
      root,
      h("h1", { class: "page-title" }, t("report.title")),
      h("p", {}, t("report.noUnits")),
    );
    return;
  }
  const unit = units.find(u => u.code === state.params.unit) ?? units[0];
  const thisYear = new Date().getFullYear();
  const year = intParam(state.params, "year", thisYear - 1, 2000, thisYear);
  const list = h("div", { class: "checklist", "data-checklist": "" });
  const rejected = h("div", { "data-rejected": "" });
  setContent(
    root,
    h("h1", { class: "page-title" }, t("report.title")),
    h("p", { class: "page-intro" }, t("report.intro")),
    toolbar(
      selectField(
        t("unit"),
        "unit",
        units.map(u => ({ value: u.code, label: pick(u, locale) })),
        unit.code,
        code => ctx.setParams({ unit: code }),
      ),
      yearField(t("year"), "year", year, 2000, thisYear, y => ctx.setParams({ year: String(y) })),
    ),
    rejected,
    list,
  );
  const load = async () => {
    showLoading(list, t);
    try {
      const [checklist, mine] = await Promise.all([
        gqlFresh(CHECKLIST_QUERY, { unit: unit.code, year }),
        gqlFresh(REJECTED_QUERY),
      ]);
      setContent(rejected, rejectedList(mine.myRejectedObservations, t, locale));
      // The chosen year first, then the base years it leans on.
      const items = [...checklist.reportingChecklist.items].sort(
        (a, b) => Number(b.year === year) - Number(a.year === year) || a.year - b.year,
      );
      const count = (state: string) => items.filter(i => i.state === state).length;
      setContent(
        list,
        items.length
          ? h(
              "p",
              { class: "checklist-summary", "data-summary": "" },
              t("report.summary", {
                total: String(items.length),
                approved: String(count("APPROVED")),
                draft: String(count("DRAFT")),
                rejected: String(count("REJECTED")),
                missing: String(count("MISSING")),
              }),
            )
          : null,
        items.length
          ? items.map(item => checklistRow(item, unit.code, t, locale, () => void load()))
          : h("p", { class: "state state-empty" }, t("report.nothingNeeded")),
      );
    } catch (e) {
      showError(list, t, e, () => void load());
    }
  };
  await load();
}

function checklistRow(
  item: ChecklistItem,
  pageUnit: string,
  t: Translate,
  locale: Locale,
  reload: () => void,
): HTMLElement {
  const o = item.observation;
  const key = `${item.indicator.code}|${item.unit.code}|${item.year}`;
  const details = h(
    "details",
    { class: "checklist-form" },
    h(
      "summary",
      { class: "btn", "data-action": "open-form" },
      o ? t("report.correct") : t("report.enter"),
    ),
  );
  // The form is built when opened: a checklist of thirty values stays light.
  details.addEventListener(
    "toggle",
    () => {
      if (details.open && details.childElementCount === 1) {
        details.append(valueForm(item, t, locale, reload));
      }
    },
    {},
  );
  return h(
    "section",
    {
      class: `checklist-item state-${item.state.toLowerCase()}`,
      "data-item": key,
      "data-state": item.state,
    },
    h(
      "div",
      { class: "checklist-head" },
      h(
        "h2",
        { class: "checklist-title" },
        `${pick(item.indicator, locale)} · ${item.year}`,
        item.baseYear ? h("span", { class: "badge badge-base" }, t("report.baseYear")) : null,
        item.unit.code !== pageUnit ? ` · ${unitLabel(item.unit, locale, t)}` : null,
      ),
      h(
        "span",
        { class: "state-chip", "data-state-chip": item.state },
        t(`report.state.${item.state}`),
      ),
    ),
    h(
      "p",
      { class: "checklist-meta" },
      o
        ? `${t("report.current")}: ${formatMeasure(o.value, item.indicator.measure, locale)}`
        : null,
      o?.source ? ` · ${t("report.source")}: ${o.source.title}` : null,
      o ? " · " : null,
      `${t("report.neededBy")}: ${item.targets.map(x => `${x.programme} ${x.label}`).join(", ")}`,
    ),
    o?.rejectionReason && item.state === "REJECTED"
      ? h(
          "p",
          { class: "rejection", "data-rejection": "" },
          t("report.rejectedBecause", { reason: o.rejectionReason }),
        )
      : null,
    details,
  );
}

function rejectedList(
  rows: {
    id: number;
    year: number;
    value: number;
    rejectionReason: string | null;
    indicator: { nameVi: string; nameEn: string };
    unit: { nameVi: string; nameEn: string };
  }[],
  t: Translate,
  locale: Locale,
): HTMLElement | null {
  if (!rows.length) return null;
  return h(
    "section",
    { class: "rejected-list", "data-rejected-list": "" },
    h("h2", {}, t("report.myRejected")),
    h(
      "ul",
      {},
      rows.map(r =>
        h(
          "li",
          {},
          `${pick(r.indicator, locale)} · ${pick(r.unit, locale)} · ${r.year}: `,
          t("report.rejectedBecause", { reason: r.rejectionReason ?? "" }),
        ),
      ),
    ),
  );
}
