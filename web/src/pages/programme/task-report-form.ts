/**
 * Sending a task report, and reviewing the ones waiting, on the programme page. Anyone sees the
 * form; the server decides who may write (a steward of the programme's unit, or an admin). A
 * refused field is shown next to that field (`extensions.field`); a missing sign-in says so.
 * The drafts and returned reports the API shows the user (writers of the unit only) come with
 * approve and return buttons; approving your own is refused by the server (four eyes).
 */
import { ApiError } from "../../api/client.js";
import {
  approveTaskReport,
  rejectTaskReport,
  submitTaskReport,
  type TaskReportList,
  type TaskReportStatus,
} from "../../api/task-reports.js";
import type { PageContext } from "../../app/page.js";
import { h, setContent } from "../../components/dom.js";
import { errorText, fieldError } from "../../lib/field-errors.js";
import { formatDate } from "../../lib/format.js";
import { pick } from "../../lib/i18n.js";

const TASK_STATUSES = ["DONE", "IN_PROGRESS", "NOT_STARTED", "NOT_APPLICABLE"] as const;
const FIELDS = ["agency", "year", "status", "summary", "evidenceUrl"] as const;

/** Says what went wrong with a write: sign-in, a field, or the server's message. */
function showWriteError(
  error: unknown,
  message: HTMLElement,
  fieldErrors: Map<string, HTMLElement>,
  ctx: PageContext,
): void {
  const { t } = ctx;
  const code = error instanceof ApiError ? error.code : null;
  const first = error instanceof ApiError ? error.errors[0] : undefined;
  // In the user's language when the server said why (extensions.reason), else as sent.
  const text = first
    ? errorText(fieldError(first), t)
    : error instanceof Error
      ? error.message
      : String(error);
  if (code === "UNAUTHENTICATED") {
    setContent(
      message,
      h("p", { class: "import-bad", role: "alert", "data-signin": "required" }, t("tasks.signIn")),
    );
    return;
  }
  const field =
    error instanceof ApiError
      ? (error.errors[0]?.extensions?.field as string | undefined)
      : undefined;
  // The input's anchor (programme, row) is chosen from the page, so its errors belong to the body picker.
  const target = fieldErrors.get(
    field === "responsibility" || field === "programme" ? "agency" : (field ?? ""),
  );
  if (target) setContent(target, text);
  setContent(
    message,
    h("p", { class: "import-bad", role: "alert" }, t("tasks.refused", { message: text })),
  );
}

export function taskReportForm(status: TaskReportStatus, ctx: PageContext): HTMLElement {
  const { t, locale } = ctx;
  const fieldErrors = new Map<string, HTMLElement>(
    FIELDS.map(f => [f, h("span", { class: "field-error", "data-error-for": f, role: "alert" })]),
  );
  const labelled = (name: (typeof FIELDS)[number], label: string, control: HTMLElement) => {
    control.id = `task-${name}`;
    control.setAttribute("name", name);
    return h(
      "div",
      { class: "field" },
      h("label", { for: control.id }, label),
      control,
      fieldErrors.get(name)!,
    );
  };
  const body = h(
    "select",
    {},
    status.rows.map(r =>
      h(
        "option",
        { value: `${r.responsibility}|${r.agency.code}` },
        `${r.section} · ${pick(r.agency, locale)}`,
      ),
    ),
  );
  const year = h(
    "select",
    {},
    status.years.map(y => h("option", { value: y }, String(y))),
  );
  const taskStatus = h(
    "select",
    {},
    TASK_STATUSES.map(s => h("option", { value: s }, t(`tasks.status.${s}`))),
  );
  const summary = h("textarea", { rows: 4, maxlength: 4000, required: true });
  const evidence = h("input", { type: "url", inputmode: "url", placeholder: "https://…" });
  const message = h("div", { class: "task-form-message", "aria-live": "polite" });
  const button = h("button", { type: "submit", class: "btn btn-primary" }, t("tasks.submit"));
  const form = h(
    "form",
    { class: "task-form", "data-form": "task-report", novalidate: true },
    labelled("agency", t("tasks.body"), body),
    labelled("year", t("year"), year),
    labelled("status", t("tasks.taskStatus"), taskStatus),
    labelled("summary", t("tasks.summary"), summary),
    labelled("evidenceUrl", t("tasks.evidenceUrl"), evidence),
    h("div", { class: "import-actions" }, button),
    message,
  );
  form.addEventListener("submit", event => {
    event.preventDefault();
    for (const el of fieldErrors.values()) el.replaceChildren();
    message.replaceChildren();
    const [responsibility, agency] = body.value.split("|");
    button.disabled = true;
    submitTaskReport({
      programme: status.programme,
      responsibility,
      agency,
      year: Number(year.value),
      status: taskStatus.value as (typeof TASK_STATUSES)[number],
      summary: summary.value,
      evidenceUrl: evidence.value.trim() || null,
    })
      .then(() => {
        setContent(message, h("p", { role: "status", "data-sent": "true" }, t("tasks.sent")));
        // Shows the new state everywhere on the page (the write emptied the query cache).
        ctx.setParams({});
      })
      .catch((error: unknown) => showWriteError(error, message, fieldErrors, ctx))
      .finally(() => {
        button.disabled = false;
      });
  });
  return h(
    "details",
    { class: "task-form-wrap" },
    h("summary", {}, t("tasks.form")),
    h("p", { class: "panel-note" }, t("tasks.formNote")),
    form,
  );
}

type Report = TaskReportList["reports"][number];

/** Drafts and returned reports, with review buttons (only writers of the unit receive them). */
export function pendingReports(reports: Report[], ctx: PageContext): HTMLElement | null {
  const { t, locale } = ctx;
  const pending = reports.filter(r => r.reviewState !== "APPROVED");
  if (pending.length === 0) return null;
  return h(
    "div",
    { class: "task-pending" },
    h("h3", {}, t("tasks.pending")),
    pending.map(r => {
      const message = h("div", { "aria-live": "polite" });
      const reason = h("input", {
        type: "text",
        maxlength: 1000,
        "aria-label": t("tasks.reason"),
        placeholder: t("tasks.reason"),
      });
      const act = (work: () => Promise<void>) => () =>
        void work()
          .then(() => ctx.setParams({}))
          .catch((error: unknown) => showWriteError(error, message, new Map(), ctx));
      return h(
        "div",
        { class: "task-report", "data-report": r.id, "data-review": r.reviewState },
        h(
          "p",
          {},
          h(
            "strong",
            {},
            `${r.year} · ${pick(r.agency, locale)} · ${t(`tasks.status.${r.status}`)}`,
          ),
          ` (${t(`tasks.review.${r.reviewState}`)})`,
        ),
        h("p", { class: "task-report-text", lang: "vi" }, r.summary),
        h(
          "p",
          { class: "panel-note" },
          [
            t("tasks.submittedAt", { date: formatDate(r.submittedAt, locale) }),
            r.submittedBy ? t("tasks.sentBy", { name: r.submittedBy }) : null,
          ]
            .filter(Boolean)
            .join(" · "),
        ),
        r.rejectionReason
          ? h("p", { class: "import-bad" }, t("tasks.returned", { reason: r.rejectionReason }))
          : null,
        r.reviewState === "DRAFT"
          ? h(
              "div",
              { class: "import-actions" },
              h(
                "button",
                {
                  type: "button",
                  class: "btn btn-primary",
                  "data-action": "approve",
                  onclick: act(() => approveTaskReport(r.id)),
                },
                t("tasks.approve"),
              ),
              reason,
              h(
                "button",
                {
                  type: "button",
                  class: "btn",
                  "data-action": "reject",
                  onclick: act(() => rejectTaskReport(r.id, reason.value)),
                },
                t("tasks.reject"),
              ),
            )
          : null,
        message,
      );
    }),
  );
}
