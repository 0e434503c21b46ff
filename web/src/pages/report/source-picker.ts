/**
 * The source of a value: picked from the registry by typing part of its title, address or
 * document number, or registered on the spot (createSource) and then picked.
 */
import { ApiError, gqlFresh } from "../../api/client.js";
import { CREATE_SOURCE, SOURCES_SEARCH } from "../../api/reporting.js";
import { h, setContent } from "../../components/dom.js";
import { fieldError } from "../../lib/field-errors.js";
import type { Translate } from "../../lib/i18n.js";
import { showFieldErrors, textField } from "./fields.js";

export interface SourcePicker {
  el: HTMLElement;
  /** Code of the chosen source, or null. */
  value(): string | null;
}

let counter = 0;

export function sourcePicker(
  t: Translate,
  initial: { code: string; title: string } | null,
): SourcePicker {
  const id = `src-${++counter}`;
  let picked = initial;
  const chosen = h("p", { class: "source-chosen", "data-source-chosen": "" });
  const showChosen = () =>
    setContent(chosen, picked ? t("report.sourcePicked", { title: picked.title }) : "");
  showChosen();
  const results = h("ul", { class: "source-results", "data-source-results": "" });
  const search = h("input", {
    id,
    type: "search",
    autocomplete: "off",
    "data-field": "source",
    "data-source-search": "",
  });
  const pick = (s: { code: string; title: string }) => {
    picked = s;
    showChosen();
    results.replaceChildren();
    search.value = "";
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    const text = search.value.trim();
    if (text.length < 2) return results.replaceChildren();
    timer = setTimeout(() => {
      void gqlFresh(SOURCES_SEARCH, { search: text }).then(r => {
        if (search.value.trim() !== text) return;
        const nodes = r.sources.nodes;
        setContent(
          results,
          nodes.length
            ? nodes.map(s =>
                h(
                  "li",
                  {},
                  h(
                    "button",
                    {
                      type: "button",
                      class: "btn btn-link",
                      "data-source": s.code,
                      onclick: () => pick(s),
                    },
                    `${s.title}${s.publisher ? ` · ${s.publisher}` : ""} (${s.grade})`,
                  ),
                ),
              )
            : h("li", { class: "hint" }, t("report.sourceNone")),
        );
      });
    }, 250);
  });

  const fields = {
    title: textField(t("report.sourceTitle"), "title"),
    url: textField(t("report.sourceUrl"), "url", { type: "url" }),
    documentNumber: textField(t("report.sourceDocument"), "documentNumber"),
    publisher: textField(t("report.sourcePublisher"), "publisher"),
    publishedOn: textField(t("report.sourceDate"), "publishedOn", { type: "date" }),
  };
  const grade = h(
    "select",
    { id: `${id}-grade`, "data-field": "grade" },
    ["A", "B", "C"].map(g => h("option", { value: g }, g)),
  );
  const panel = h(
    "details",
    { class: "new-source", "data-new-source": "" },
    h("summary", {}, t("report.newSource")),
    Object.values(fields).map(f => f.el),
    h(
      "div",
      { class: "field" },
      h("label", { for: `${id}-grade` }, t("report.sourceGrade")),
      grade,
    ),
    h(
      "button",
      {
        type: "button",
        class: "btn",
        "data-action": "register-source",
        onclick: () => void register(),
      },
      t("report.newSource"),
    ),
  );
  async function register(): Promise<void> {
    showFieldErrors(panel, [], t);
    const value = (name: keyof typeof fields) => fields[name].input.value.trim() || null;
    const title = value("title");
    if (!title) {
      showFieldErrors(panel, [{ field: "title", key: "error.required", message: "" }], t);
      return;
    }
    // A readable, unique code: the title's first words and a random tail.
    const slug = title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/gi, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 40)
      .replace(/^-|-$/g, "");
    const code = `${slug || "nguon"}-${Math.random().toString(36).slice(2, 7)}`;
    try {
      const r = await gqlFresh(CREATE_SOURCE, {
        input: {
          code,
          title,
          url: value("url"),
          documentNumber: value("documentNumber"),
          publisher: value("publisher"),
          publishedOn: value("publishedOn"),
          grade: grade.value as "A" | "B" | "C",
        },
      });
      pick(r.createSource);
      for (const f of Object.values(fields)) f.input.value = "";
      panel.open = false;
    } catch (e) {
      const errors = e instanceof ApiError ? e.errors.map(fieldError) : [];
      showFieldErrors(
        panel,
        errors.length ? errors : [{ field: null, key: null, message: String(e) }],
        t,
      );
    }
  }

  const el = h(
    "fieldset",
    { class: "source-picker" },
    h("legend", {}, t("report.source")),
    h("label", { for: id }, t("report.sourceSearch")),
    search,
    h("p", { class: "field-error", "data-error-for": "source", role: "alert" }),
    results,
    chosen,
    panel,
  );
  return { el, value: () => picked?.code ?? null };
}
