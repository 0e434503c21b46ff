/** Form fields with a slot for their error, and the display of server errors next to them. */
import { h } from "../../components/dom.js";
import { errorText, type FieldError } from "../../lib/field-errors.js";
import type { Translate } from "../../lib/i18n.js";

let counter = 0;

export function textField(
  label: string,
  name: string,
  {
    type = "text",
    multiline = false,
    inputmode,
  }: { type?: string; multiline?: boolean; inputmode?: string } = {},
): { el: HTMLElement; input: HTMLInputElement | HTMLTextAreaElement } {
  const id = `f-${name}-${++counter}`;
  const input = multiline
    ? h("textarea", { id, name, rows: 2, "data-field": name, "aria-describedby": `${id}-err` })
    : h("input", {
        id,
        name,
        type,
        inputmode,
        "data-field": name,
        "aria-describedby": `${id}-err`,
      });
  const el = h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    input,
    h("p", { id: `${id}-err`, class: "field-error", "data-error-for": name, role: "alert" }),
  );
  return { el, input };
}

export function selectOf(
  label: string,
  name: string,
  options: { value: string; label: string }[],
  value: string,
): { el: HTMLElement; select: HTMLSelectElement } {
  const id = `f-${name}-${++counter}`;
  const select = h(
    "select",
    { id, name, "data-field": name },
    options.map(o => h("option", { value: o.value, selected: o.value === value }, o.label)),
  );
  return { el: h("div", { class: "field" }, h("label", { for: id }, label), select), select };
}

/**
 * Clears the errors inside `scope` and shows these: each next to the field it names, the others
 * (no field, or a field the form does not have) in the form's general error line.
 */
export function showFieldErrors(scope: HTMLElement, errors: FieldError[], t: Translate): void {
  for (const el of scope.querySelectorAll<HTMLElement>("[data-error-for]")) el.textContent = "";
  for (const el of scope.querySelectorAll<HTMLElement>("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
  }
  const general = scope.querySelector<HTMLElement>("[data-form-error]");
  if (general) general.textContent = "";
  for (const error of errors) {
    const text = errorText(error, t);
    const slot = error.field
      ? scope.querySelector<HTMLElement>(`[data-error-for="${error.field}"]`)
      : null;
    if (slot) {
      slot.textContent = text;
      scope.querySelector(`[data-field="${error.field}"]`)?.setAttribute("aria-invalid", "true");
    } else if (general) general.textContent = text;
  }
}
