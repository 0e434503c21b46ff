/**
 * The programme page's "Báo cáo thực hiện nhiệm vụ / Task reports" section: per body and year,
 * reported / not reported / overdue (the coverage grid), then the approved reports' content.
 * Drafts are only counted: their content is not public until someone else approves it.
 */
import { fetchTaskReports, type TaskReportList } from "../../api/task-reports.js";
import type { PageContext } from "../../app/page.js";
import { append, h } from "../../components/dom.js";
import { showError } from "../../components/states.js";
import { formatDate } from "../../lib/format.js";
import { pick } from "../../lib/i18n.js";
import { renderTaskReportGrid } from "../coverage/task-reports.js";
import { pendingReports, taskReportForm } from "./task-report-form.js";

type Report = TaskReportList["reports"][number];

function approvedReport(r: Report, { t, locale }: PageContext): HTMLElement {
  return h(
    "details",
    {
      class: "task-report",
      "data-report": r.id,
      "data-agency": r.agency.code,
      "data-year": r.year,
    },
    h("summary", {}, `${r.year} · ${pick(r.agency, locale)} · ${t(`tasks.status.${r.status}`)}`),
    // The report is the body's own text, in Vietnamese.
    h("p", { class: "task-report-text", lang: "vi" }, r.summary),
    h(
      "p",
      { class: "panel-note" },
      t("tasks.submittedAt", { date: formatDate(r.submittedAt, locale) }),
      r.evidenceUrl
        ? [
            " · ",
            h(
              "a",
              { href: r.evidenceUrl, rel: "noopener noreferrer", target: "_blank" },
              t("tasks.evidence"),
            ),
          ]
        : null,
    ),
  );
}

/** Appends the section to the page and fills it; resolves once it has rendered. */
export async function renderTaskReportsSection(
  root: HTMLElement,
  programme: string,
  ctx: PageContext,
): Promise<void> {
  const { t, locale } = ctx;
  const grid = h("div", { class: "task-grid-wrap" });
  const form = h("div", { class: "task-form-slot" });
  const reports = h("div", { class: "task-reports" });
  root.append(
    h(
      "section",
      { class: "panel", "data-panel": "task-reports" },
      h("h2", { class: "panel-title" }, t("tasks.title")),
      h("p", { class: "panel-note" }, t("tasks.note")),
      grid,
      form,
      h("h3", {}, t("tasks.approved")),
      reports,
    ),
  );
  const [status, list] = await Promise.all([
    renderTaskReportGrid(grid, programme, { t, locale, asOf: asOfParam(ctx.state.params.asOf) }),
    fetchTaskReports(programme).catch((error: unknown) => {
      showError(reports, t, error);
      return null;
    }),
  ]);
  if (status && status.rows.length) form.append(taskReportForm(status, ctx));
  if (!list) return;
  const approved = list.reports.filter(r => r.reviewState === "APPROVED");
  append(reports, [
    approved.length === 0
      ? h("p", { class: "state state-empty" }, t("tasks.noApproved"))
      : h(
          "div",
          {},
          approved.map(r => approvedReport(r, ctx)),
        ),
    list.awaitingReview > 0
      ? h(
          "p",
          { class: "panel-note", "data-awaiting": list.awaitingReview },
          t("tasks.awaiting", { count: String(list.awaitingReview) }),
        )
      : null,
    pendingReports(list.reports, ctx),
  ]);
}

/** `asOf=YYYY-MM-DD` in the URL shows the states on another day (a link to "as at 21/12/2024"). */
function asOfParam(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
