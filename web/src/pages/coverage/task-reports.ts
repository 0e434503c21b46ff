/**
 * Task-report coverage of one programme: a body × year grid of reporting states (reported, not
 * reported, overdue after the programme's yearly deadline) with totals per body and per year.
 * Self-contained so any page can mount it: it fetches its own data into the element it is given.
 * States are colour + symbol + words (never colour alone); drafts show as "awaiting review"
 * without their content, as the API gives them to the public.
 */
import {
  fetchTaskReportStatus,
  type TaskReportStatus,
  type TaskReportStatusRow,
} from "../../api/task-reports.js";
import { h, setContent } from "../../components/dom.js";
import { showError, showLoading } from "../../components/states.js";
import { formatDate, formatNumber, type Locale } from "../../lib/format.js";
import { pick, type Translate } from "../../lib/i18n.js";
import "./task-reports.css";

export interface TaskReportGridOptions {
  locale: Locale;
  t: Translate;
  /** Compute the states as of this date (YYYY-MM-DD); default: today in Việt Nam (server side). */
  asOf?: string;
}

type State = TaskReportStatusRow["cells"][number]["state"];

const STATE_STYLE: Record<State, { symbol: string; className: string }> = {
  REPORTED: { symbol: "✔", className: "task-state-reported" },
  NOT_REPORTED: { symbol: "○", className: "task-state-missing" },
  OVERDUE: { symbol: "⚠", className: "task-state-overdue" },
};

function deadlineLine(status: TaskReportStatus, { t, locale }: TaskReportGridOptions): string {
  const due = status.reportDueMonthDay;
  const head = due
    ? t("tasks.deadline", { day: due.slice(3, 5), month: due.slice(0, 2) })
    : t("tasks.noDeadline");
  return `${head} ${t("tasks.asOf", { date: formatDate(status.asOf, locale) })}`;
}

function cell(c: TaskReportStatusRow["cells"][number], { t }: TaskReportGridOptions) {
  const style = STATE_STYLE[c.state];
  const details = [
    c.reviewState && c.state === "REPORTED" ? t(`tasks.review.${c.reviewState}`) : null,
    c.taskStatus ? t(`tasks.status.${c.taskStatus}`) : null,
  ].filter(Boolean);
  return h(
    "td",
    { "data-year": c.year, "data-state": c.state, "data-task-status": c.taskStatus ?? null },
    h(
      "span",
      { class: `task-state ${style.className}` },
      h("span", { "aria-hidden": "true" }, style.symbol),
      t(`tasks.state.${c.state}`),
    ),
    details.length ? h("span", { class: "task-state-detail" }, details.join(" · ")) : null,
  );
}

function bodyCell(row: TaskReportStatusRow, group: boolean, { t, locale }: TaskReportGridOptions) {
  const name = pick(row.agency, locale);
  return h(
    "th",
    { scope: "row" },
    name,
    // A group row ("the mass organisations") names the group as the document does.
    group ? h("span", { class: "task-body-group", lang: "vi" }, row.bodyVi) : null,
    row.agency.validTo
      ? h(
          "span",
          { class: "task-body-ended" },
          t("tasks.ended", { date: formatDate(row.agency.validTo, locale) }),
        )
      : null,
  );
}

/** The grid as a table element (pure DOM building from the API's status). */
export function taskReportTable(status: TaskReportStatus, options: TaskReportGridOptions) {
  const { t, locale } = options;
  const years = status.years;
  // Rows of the document that name several bodies: each body reports apart, under the group's name.
  const perRow = new Map<string, number>();
  for (const r of status.rows) {
    perRow.set(r.responsibility, (perRow.get(r.responsibility) ?? 0) + 1);
  }
  const groupRows = new Set([...perRow].filter(([, n]) => n > 1).map(([number]) => number));
  const reportedIn = (year: number) =>
    status.rows.filter(r => r.cells.some(c => c.year === year && c.state === "REPORTED")).length;
  return h(
    "table",
    { class: "data-table task-grid", "data-programme": status.programme },
    h("caption", {}, t("tasks.caption")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("tasks.item")),
        h("th", { scope: "col" }, t("tasks.body")),
        years.map(y => h("th", { scope: "col" }, String(y))),
        h("th", { scope: "col", class: "num" }, t("tasks.totalReported")),
        h("th", { scope: "col", class: "num" }, t("tasks.totalOverdue")),
      ),
    ),
    h(
      "tbody",
      {},
      status.rows.map(row =>
        h(
          "tr",
          { "data-agency": row.agency.code, "data-responsibility": row.responsibility },
          h("td", {}, row.section),
          bodyCell(row, groupRows.has(row.responsibility), options),
          row.cells.map(c => cell(c, options)),
          h("td", { class: "num", "data-total": "reported" }, formatNumber(row.reported, locale)),
          h("td", { class: "num", "data-total": "overdue" }, formatNumber(row.overdue, locale)),
        ),
      ),
    ),
    h(
      "tfoot",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "row", colspan: 2 }, t("tasks.totalRow")),
        years.map(y =>
          h(
            "td",
            { "data-year-total": y },
            `${formatNumber(reportedIn(y), locale)} / ${formatNumber(status.rows.length, locale)}`,
          ),
        ),
        h("td", { class: "num" }, formatNumber(sum(status.rows.map(r => r.reported)), locale)),
        h("td", { class: "num" }, formatNumber(sum(status.rows.map(r => r.overdue)), locale)),
      ),
    ),
  );
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Fetches a programme's task-report states and renders them into `root` (deadline, date of the
 * states, the grid); returns the status, or null when it could not be loaded (the error shows).
 */
export async function renderTaskReportGrid(
  root: HTMLElement,
  programme: string,
  options: TaskReportGridOptions,
): Promise<TaskReportStatus | null> {
  const { t } = options;
  showLoading(root, t);
  let status: TaskReportStatus;
  try {
    status = await fetchTaskReportStatus(programme, options.asOf);
  } catch (error) {
    showError(root, t, error);
    return null;
  }
  setContent(
    root,
    h(
      "p",
      { class: "panel-note", "data-deadline": status.reportDueMonthDay ?? "none" },
      deadlineLine(status, options),
    ),
    status.rows.length === 0
      ? h("p", { class: "state state-empty" }, t("tasks.noBodies"))
      : h("div", { class: "table-wrap" }, taskReportTable(status, options)),
  );
  return status;
}
