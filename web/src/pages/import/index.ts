/**
 * CSV import page (#/import): layout, source and file, a dry run listing every problem with its
 * line, then the import itself and its report. It calls the API's `importCsv` (same rules and
 * limits as the command line); nothing is checked here that the server does not check again,
 * except the file size, refused before the file is read or sent.
 */
import {
  fetchCsvLayouts,
  fetchImportSources,
  importCsv,
  type CsvLayout,
  type ImportProblem,
  type ImportSource,
} from "../../api/imports.js";
import { ApiError } from "../../api/client.js";
import type { PageContext, PageHandle } from "../../app/page.js";
import { selectField, toolbar } from "../../components/controls.js";
import { h, setContent } from "../../components/dom.js";
import { showLoading } from "../../components/states.js";
import { toCsv } from "../../lib/csv.js";
import { downloadText } from "../../lib/download.js";
import { formatNumber } from "../../lib/format.js";
import { problemsTable, reportView } from "./report.js";
import "./import.css";

export async function render(ctx: PageContext): Promise<PageHandle> {
  const { root, t, locale, state } = ctx;
  showLoading(root, t);
  const [layouts, sources] = await Promise.all([fetchCsvLayouts(), fetchImportSources()]);
  const layout = layouts.find(l => l.layout === state.params.layout) ?? layouts[0];
  const source = sources.find(s => s.code === state.params.source)?.code ?? "";

  const fileInput = h("input", {
    id: "import-file",
    type: "file",
    name: "file",
    accept: ".csv,text/csv",
    "data-control": "file",
  });
  const dryRunButton = h(
    "button",
    { type: "button", class: "btn", "data-action": "dry-run" },
    t("import.dryRun"),
  );
  const commitButton = h(
    "button",
    { type: "button", class: "btn btn-primary", "data-action": "commit", disabled: true },
    t("import.commit"),
  );
  const message = h("div", { class: "import-message", "aria-live": "polite" });
  const result = h("div", { class: "import-result" });

  root.replaceChildren(
    h("h1", { class: "page-title" }, t("import.title")),
    h("p", { class: "panel-note" }, t("import.intro")),
    toolbar(
      selectField(
        t("import.layout"),
        "layout",
        layouts.map(l => ({ value: l.layout, label: t(`import.layout.${l.layout}`) })),
        layout.layout,
        value => ctx.setParams({ layout: value }),
      ),
      layout.needsSource ? sourceField(sources, source, ctx) : null,
    ),
    layoutPanel(layout, ctx),
    h(
      "section",
      { class: "panel import-run" },
      h("div", { class: "field" }, h("label", { for: "import-file" }, t("import.file")), fileInput),
      h("div", { class: "import-actions" }, dryRunButton, commitButton),
      h("p", { class: "panel-note" }, t("import.commitHint")),
      message,
      result,
    ),
  );

  // The dry run that opened the "Import" button, and what it was run on.
  let checked: { file: File; text: string } | null = null;
  const close = () => {
    checked = null;
    commitButton.disabled = true;
  };
  fileInput.addEventListener("change", () => {
    close();
    result.replaceChildren();
    message.replaceChildren();
  });

  async function readFile(): Promise<{ file: File; text: string } | null> {
    const file = fileInput.files?.[0];
    if (!file) {
      say(t("import.needFile"), true);
      return null;
    }
    if (file.size > layout.maxBytes) {
      const mb = (n: number) => formatNumber(n / 1048576, locale, { digits: 1 });
      say(
        t("import.tooLarge", { name: file.name, size: mb(file.size), max: mb(layout.maxBytes) }),
        true,
      );
      return null;
    }
    return { file, text: await file.text() };
  }

  function say(text: string, bad = false, extra?: HTMLElement): void {
    setContent(
      message,
      h("p", { class: bad ? "import-outcome import-bad" : "import-outcome", role: "alert" }, text),
      extra,
    );
  }

  async function run(dryRun: boolean): Promise<void> {
    const input = dryRun ? await readFile() : checked;
    if (!input) return;
    close();
    dryRunButton.disabled = true;
    result.replaceChildren();
    say(t("import.working"));
    try {
      const report = await importCsv({
        layout: layout.layout,
        csv: input.text,
        dryRun,
        source: layout.needsSource ? source || null : null,
      });
      message.replaceChildren();
      result.replaceChildren(reportView(report, t, locale));
      if (dryRun && report.problems.length === 0) {
        checked = input;
        commitButton.disabled = false;
      }
    } catch (error) {
      showWriteError(error);
    } finally {
      dryRunButton.disabled = false;
    }
  }

  function showWriteError(error: unknown): void {
    if (!(error instanceof ApiError)) {
      say(t("import.failed", { message: String(error) }), true);
      return;
    }
    if (error.code === "UNAUTHENTICATED") {
      setContent(
        message,
        h(
          "div",
          { class: "import-signin", role: "alert", "data-signin": "required" },
          h("p", { class: "import-outcome import-bad" }, t("import.signIn")),
          h("p", { class: "panel-note" }, t("import.signInHint")),
        ),
      );
      return;
    }
    // A refused real import carries every problem (BAD_USER_INPUT, or FORBIDDEN for rows outside your units).
    const problems = error.errors[0]?.extensions?.problems as ImportProblem[] | undefined;
    const text =
      error.code === "FORBIDDEN"
        ? t("import.forbidden", { message: error.message })
        : t("import.failed", { message: error.message });
    say(text, true, problems?.length ? problemsTable(problems, t, locale) : undefined);
  }

  dryRunButton.addEventListener("click", () => void run(true));
  commitButton.addEventListener("click", () => void run(false));
  return { dispose() {} };
}

function sourceField(sources: ImportSource[], value: string, ctx: PageContext): HTMLElement {
  const { t } = ctx;
  const field = selectField(
    t("import.source"),
    "source",
    [
      { value: "", label: t("import.chooseSource") },
      ...sources.map(s => ({
        value: s.code,
        label: `${s.title}${s.publisher ? ` · ${s.publisher}` : ""} (${s.grade})`,
      })),
    ],
    value,
    code => ctx.setParams({ source: code }),
  );
  field.append(h("span", { class: "field-hint" }, t("import.sourceHint")));
  return field;
}

/** The chosen layout's columns, sample file, a header-only template and the limits. */
function layoutPanel(layout: CsvLayout, { t, locale }: PageContext): HTMLElement {
  const template = () =>
    downloadText(
      `${layout.layout.toLowerCase()}-mau.csv`,
      `\uFEFF${toCsv([[...layout.columns, ...layout.optional]])}`,
      "text/csv;charset=utf-8",
    );
  return h(
    "section",
    { class: "panel", "data-panel": "layout", "data-layout": layout.layout },
    h("h2", { class: "panel-title" }, t(`import.layout.${layout.layout}`)),
    h("p", {}, h("strong", {}, `${t("import.columns")}: `)),
    h(
      "ul",
      { class: "import-columns" },
      layout.columns.map(c => h("li", {}, h("code", {}, c))),
    ),
    layout.optional.length
      ? h("p", {}, h("strong", {}, `${t("import.optional")}: `), layout.optional.join(", "))
      : null,
    h("p", { class: "panel-note" }, t("import.sample", { path: layout.sampleFile })),
    h(
      "p",
      { class: "panel-note" },
      t("import.limits", {
        mb: formatNumber(layout.maxBytes / 1048576, locale),
        rows: formatNumber(layout.maxRows, locale),
      }),
    ),
    h(
      "button",
      { type: "button", class: "btn", "data-action": "template", onclick: template },
      t("import.template"),
    ),
  );
}
