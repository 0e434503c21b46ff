/**
 * The form of one needed value. Saving creates the value, or corrects the stored one; either
 * way it becomes a draft for someone else to approve. One mutation per save: when the server
 * refuses it, nothing is written, and its error is shown next to the field it names.
 */
import { ApiError, gqlFresh } from "../../api/client.js";
import { CREATE_OBSERVATION, UPDATE_OBSERVATION, type ChecklistItem } from "../../api/reporting.js";
import { h } from "../../components/dom.js";
import { fieldError, parseNumberInput, withNames } from "../../lib/field-errors.js";
import type { Locale } from "../../lib/format.js";
import { pick, type Translate } from "../../lib/i18n.js";
import { selectOf, showFieldErrors, textField } from "./fields.js";
import { sourcePicker } from "./source-picker.js";
import { unitLabel } from "./unit-label.js";

const QUALIFIERS = ["EXACT", "APPROXIMATE", "LOWER_BOUND"] as const;
const BREAKDOWNS = ["TOTAL", "WITH_LABOUR_RELATIONS", "WITHOUT_LABOUR_RELATIONS"] as const;
const STATUSES = ["OFFICIAL", "PROVISIONAL"] as const;

export function valueForm(
  item: ChecklistItem,
  t: Translate,
  locale: Locale,
  onSaved: () => void,
): HTMLFormElement {
  const o = item.observation;
  const value = textField(t("value"), "value", { inputmode: "decimal" });
  if (o) value.input.value = String(o.value).replace(".", ",");
  const qualifier = selectOf(
    t("report.qualifier"),
    "qualifier",
    QUALIFIERS.map(q => ({ value: q, label: t(`report.qualifier.${q}`) })),
    o?.qualifier ?? "EXACT",
  );
  // The breakdown is part of a value's identity: it is chosen when the value is created.
  const breakdown = selectOf(
    t("report.disaggregation"),
    "disaggregation",
    BREAKDOWNS.map(d => ({ value: d, label: t(`report.disaggregation.${d}`) })),
    o?.disaggregation ?? "TOTAL",
  );
  if (o) breakdown.select.disabled = true;
  const status = selectOf(
    t("report.status"),
    "status",
    STATUSES.map(s => ({ value: s, label: t(`report.status.${s}`) })),
    o?.status === "PROVISIONAL" ? "PROVISIONAL" : "OFFICIAL",
  );
  const note = textField(t("report.note"), "note", { multiline: true });
  note.input.value = o?.note ?? "";
  const quote = textField(t("report.quote"), "quote", { multiline: true });
  quote.input.value = o?.quote ?? "";
  const source = sourcePicker(t, o?.source ?? null);
  const status_ = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "report-form value-form", "data-form": "value", novalidate: true },
    h("div", { class: "form-row" }, value.el, qualifier.el, breakdown.el, status.el),
    source.el,
    h("div", { class: "form-row" }, quote.el, note.el),
    h("p", { class: "field-error", "data-form-error": "", role: "alert" }),
    h(
      "button",
      { type: "submit", class: "btn btn-primary", "data-action": "save" },
      t("report.save"),
    ),
    status_,
  );
  form.addEventListener("submit", event => {
    event.preventDefault();
    void save();
  });

  async function save(): Promise<void> {
    status_.textContent = "";
    const number = parseNumberInput(value.input.value);
    const errors = [];
    if (number === null) errors.push({ field: "value", key: "error.number" as const, message: "" });
    const code = source.value();
    if (!code) errors.push({ field: "source", key: "error.sourceMissing" as const, message: "" });
    showFieldErrors(form, errors, t);
    if (errors.length) {
      form.querySelector<HTMLElement>("[data-form-error]")!.textContent = t("report.notSaved");
      return;
    }
    const common = {
      value: number!,
      qualifier: qualifier.select.value as (typeof QUALIFIERS)[number],
      status: status.select.value as (typeof STATUSES)[number],
      source: code!,
      quote: quote.input.value.trim() || null,
      note: note.input.value.trim() || null,
    };
    try {
      if (o) await gqlFresh(UPDATE_OBSERVATION, { id: o.id, patch: common });
      else {
        await gqlFresh(CREATE_OBSERVATION, {
          input: {
            ...common,
            indicator: item.indicator.code,
            unit: item.unit.code,
            year: item.year,
            disaggregation: breakdown.select.value as (typeof BREAKDOWNS)[number],
          },
        });
      }
      status_.textContent = t("report.saved");
      onSaved();
    } catch (e) {
      // A refusal names what it refuses by code: said here by the names the row shows.
      const names = {
        indicator: { code: item.indicator.code, name: pick(item.indicator, locale) },
        unit: { code: item.unit.code, name: unitLabel(item.unit, locale, t) },
      };
      const list =
        e instanceof ApiError ? e.errors.map(error => withNames(fieldError(error), names)) : [];
      showFieldErrors(
        form,
        list.length
          ? list
          : [{ field: null, key: null, message: e instanceof Error ? e.message : String(e) }],
        t,
      );
      if (list.length) {
        const general = form.querySelector<HTMLElement>("[data-form-error]")!;
        if (!general.textContent) general.textContent = t("report.notSaved");
      }
    }
  }
  return form;
}
