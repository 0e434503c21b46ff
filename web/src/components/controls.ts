/** Form controls for page toolbars. Each change goes to the URL (the page re-renders from it). */
import { h } from "./dom.js";
import type { Translate } from "../lib/i18n.js";

export interface Choice {
  value: string;
  label: string;
}

let idCounter = 0;
const nextId = (prefix: string) => `${prefix}-${++idCounter}`;

export function selectField(
  label: string,
  name: string,
  choices: Choice[],
  value: string,
  onChange: (value: string) => void,
): HTMLElement {
  const id = nextId(name);
  const select = h(
    "select",
    { id, name, "data-control": name },
    choices.map(c => h("option", { value: c.value, selected: c.value === value }, c.label)),
  );
  commitOnChoice(select, onChange);
  return h("div", { class: "field" }, h("label", { for: id }, label), select);
}

/** Keys that move a closed select's choice (Chromium then fires `change` on every one). */
const BROWSE_KEYS = new Set(["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);

/**
 * Calls `onChange` when a choice is committed, not while the user browses. Every change
 * re-renders the page (and fetches data), and Chromium fires `change` on each arrow key pressed
 * on a closed select, so a keyboard user going down a list of 60 indicators would get 60
 * re-renders. So a `change` that follows a browsing key (arrows, Home/End, PageUp/PageDown, or
 * typing a letter to jump) waits until Enter or until the select loses focus; a choice made with
 * the mouse, or in the opened list (Alt+↓, Space, F4), commits at once.
 */
function commitOnChoice(select: HTMLSelectElement, onChange: (value: string) => void): void {
  let committed = select.value;
  let browsing = false;
  const commit = () => {
    browsing = false;
    if (select.value === committed) return;
    committed = select.value;
    onChange(select.value);
  };
  select.addEventListener("keydown", event => {
    if (event.key === "Enter") {
      commit();
    } else if (event.altKey || event.key === " " || event.key === "F4") {
      browsing = false; // opens the list: the choice made there is a commit
    } else if (BROWSE_KEYS.has(event.key) || event.key.length === 1) {
      browsing = true;
    }
  });
  select.addEventListener("pointerdown", () => {
    browsing = false;
  });
  select.addEventListener("change", () => {
    if (!browsing) commit();
  });
  select.addEventListener("blur", commit);
}

export function yearField(
  label: string,
  name: string,
  value: number,
  min: number,
  max: number,
  onChange: (value: number) => void,
): HTMLElement {
  const id = nextId(name);
  const input = h("input", {
    id,
    name,
    type: "number",
    min,
    max,
    step: 1,
    value,
    "data-control": name,
    inputmode: "numeric",
  });
  input.addEventListener("change", () => {
    const year = Number.parseInt(input.value, 10);
    if (Number.isFinite(year)) onChange(Math.min(max, Math.max(min, year)));
  });
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

/** A group of checkboxes; `onChange` receives the checked values in the order of `choices`. */
export function checkboxField(
  legend: string,
  name: string,
  choices: Choice[],
  checked: string[],
  onChange: (values: string[]) => void,
): HTMLElement {
  const inputs = choices.map(c =>
    h("input", {
      type: "checkbox",
      name,
      value: c.value,
      checked: checked.includes(c.value),
      "data-control": name,
    }),
  );
  for (const input of inputs) {
    input.addEventListener("change", () =>
      onChange(inputs.filter(i => i.checked).map(i => i.value)),
    );
  }
  return h(
    "fieldset",
    { class: "field" },
    h("legend", {}, legend),
    h(
      "div",
      { class: "checks" },
      choices.map((c, i) => h("label", {}, inputs[i], c.label)),
    ),
  );
}

/** Two or more mutually exclusive buttons (aria-pressed), e.g. as reported / harmonised. */
export function toggleGroup(
  label: string,
  name: string,
  choices: Choice[],
  value: string,
  onChange: (value: string) => void,
): HTMLElement {
  return h(
    "div",
    { class: "field", role: "group", "aria-label": label },
    h("span", {}, label),
    h(
      "div",
      { class: "panel-actions" },
      choices.map(c =>
        h(
          "button",
          {
            type: "button",
            class: "btn",
            "aria-pressed": String(c.value === value),
            "data-control": `${name}:${c.value}`,
            onclick: () => onChange(c.value),
          },
          c.label,
        ),
      ),
    ),
  );
}

export function toolbar(...fields: (HTMLElement | null)[]): HTMLElement {
  return h(
    "div",
    { class: "toolbar no-print", role: "search" },
    fields.filter((f): f is HTMLElement => f !== null),
  );
}

/** As reported vs harmonised to current boundaries: the same toggle on every page. */
export function basisToggle(
  t: Translate,
  value: string,
  onChange: (value: string) => void,
): HTMLElement {
  return toggleGroup(
    t("seriesMode"),
    "basis",
    [
      { value: "AS_REPORTED", label: t("asReported") },
      { value: "HARMONISED", label: t("harmonised") },
    ],
    value,
    onChange,
  );
}

/** Official data only, or official plus illustrative (labelled wherever it shows). */
export function datasetToggle(
  t: Translate,
  value: string,
  onChange: (value: string) => void,
): HTMLElement {
  return toggleGroup(
    t("includeIllustrative"),
    "data",
    [
      { value: "official", label: t("datasetOfficial") },
      { value: "all", label: t("datasetAll") },
    ],
    value,
    onChange,
  );
}
