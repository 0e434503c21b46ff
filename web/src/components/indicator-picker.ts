/**
 * The indicator picker: indicators grouped by theme (from the API's `category`), sorted by
 * Vietnamese collation, filtered as the user types (with or without diacritics). It is a
 * combobox: arrow keys only move the highlight; the view changes on commit (Enter, a click on an
 * option, or leaving the field after choosing one), never on each key press.
 */
import type { Locale } from "../lib/format.js";
import { pick, t } from "../lib/i18n.js";
import {
  groupIndicators,
  type PickerIndicator,
  type PickerOption,
} from "../lib/indicator-groups.js";
import { h } from "./dom.js";
import "../styles/indicator.css";

export interface IndicatorPickerInput {
  label: string;
  indicators: readonly PickerIndicator[];
  value: string;
  locale: Locale;
  /** Called once per committed choice that differs from `value`. */
  onCommit(code: string): void;
}

let pickerCount = 0;

/**
 * Scrolls the list (only the list, never the page, unlike scrollIntoView) so the option shows
 * below the sticky group heading.
 */
function keepInView(list: HTMLElement, option: HTMLElement): void {
  const heading = list.querySelector<HTMLElement>(".picker-group")?.offsetHeight ?? 0;
  const top = option.offsetTop - heading;
  const bottom = option.offsetTop + option.offsetHeight;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (bottom > list.scrollTop + list.clientHeight) {
    list.scrollTop = bottom - list.clientHeight;
  }
}

/** The combobox (ARIA 1.2 pattern: input + listbox with groups, aria-activedescendant). */
export function indicatorPicker(input: IndicatorPickerInput): HTMLElement {
  const { locale, indicators } = input;
  const id = `indicator-picker-${++pickerCount}`;
  const listId = `${id}-list`;
  const nameOf = (code: string) => {
    const found = indicators.find(i => i.code === code);
    return found ? pick(found, locale) : "";
  };
  const field = h("input", {
    id,
    type: "text",
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "data-control": "indicator",
    placeholder: t("picker.placeholder", locale),
    value: nameOf(input.value),
  });
  const list = h("div", {
    id: listId,
    role: "listbox",
    class: "picker-list",
    "aria-label": input.label,
    hidden: true,
  });
  const hint = h("span", { class: "picker-hint", id: `${id}-hint` }, t("picker.hint", locale));
  field.setAttribute("aria-describedby", hint.id);

  let options: PickerOption[] = [];
  let active = -1;
  let dirty = false;

  function render(query: string): void {
    const groups = groupIndicators(indicators, locale, query);
    options = groups.flatMap(g => g.options);
    list.replaceChildren(
      ...groups.map((g, gi) =>
        h(
          "div",
          { role: "group", "aria-labelledby": `${id}-g${gi}`, "data-category": g.category },
          h("div", { id: `${id}-g${gi}`, class: "picker-group", role: "presentation" }, g.label),
          g.options.map(o =>
            h(
              "div",
              {
                role: "option",
                id: `${id}-o-${o.code}`,
                class: "picker-option",
                "data-code": o.code,
                "aria-selected": String(o.code === input.value),
              },
              o.label,
            ),
          ),
        ),
      ),
    );
    if (options.length === 0) {
      list.append(
        h("div", { class: "picker-empty", role: "presentation" }, t("picker.none", locale)),
      );
    }
  }

  function highlight(index: number): void {
    active = options.length ? Math.max(0, Math.min(options.length - 1, index)) : -1;
    for (const el of list.querySelectorAll<HTMLElement>("[role=option]")) {
      el.classList.toggle("is-active", el.dataset.code === options[active]?.code);
    }
    const current = options[active];
    if (current) {
      field.setAttribute("aria-activedescendant", `${id}-o-${current.code}`);
      const el = list.querySelector<HTMLElement>(`[data-code="${CSS.escape(current.code)}"]`);
      if (el) keepInView(list, el);
    } else field.removeAttribute("aria-activedescendant");
  }

  function open(query: string): void {
    render(query);
    list.hidden = false;
    field.setAttribute("aria-expanded", "true");
    const selected = options.findIndex(o => o.code === input.value);
    highlight(query ? 0 : Math.max(0, selected));
  }

  function close(): void {
    list.hidden = true;
    field.setAttribute("aria-expanded", "false");
    field.removeAttribute("aria-activedescendant");
    active = -1;
    dirty = false;
  }

  function commit(code: string | undefined): void {
    close();
    field.value = nameOf(code ?? input.value) || nameOf(input.value);
    if (code && code !== input.value) input.onCommit(code);
  }

  field.addEventListener("focus", () => field.select());
  field.addEventListener("click", () => {
    if (list.hidden) open("");
  });
  field.addEventListener("input", () => {
    dirty = true;
    open(field.value);
  });
  field.addEventListener("keydown", event => {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        if (list.hidden) open("");
        else highlight(active + step);
        dirty = true;
        break;
      }
      case "Enter":
        if (!list.hidden) {
          event.preventDefault();
          commit(options[active]?.code);
        }
        break;
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          commit(undefined);
        }
        break;
    }
  });
  // Leaving the field commits what the user moved to; without a move it just restores the name.
  field.addEventListener("blur", () => {
    if (list.hidden) return;
    commit(dirty ? options[active]?.code : undefined);
  });
  // mousedown, not click: a click would blur the input first.
  list.addEventListener("mousedown", event => {
    const option = (event.target as HTMLElement).closest<HTMLElement>("[role=option]");
    event.preventDefault();
    if (option) commit(option.dataset.code);
  });

  return h(
    "div",
    { class: "field indicator-picker", "data-picker": "indicator" },
    h("label", { for: id }, input.label),
    h("div", { class: "picker-box" }, field, list),
    hint,
  );
}
