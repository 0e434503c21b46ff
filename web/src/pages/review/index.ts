/**
 * #/review: drafts the signed-in steward may approve (never their own), each with the value it
 * would replace, its source and quote; approve, or reject with a reason the author will see.
 * The server empties its answer cache on every committed change, so an approved value shows on
 * the overview at once.
 */
import "../../styles/reporting.css";
import { ApiError, clearApiCache, gqlFresh } from "../../api/client.js";
import { APPROVE, REJECT, REVIEW_QUEUE, type ReviewEntry } from "../../api/reporting.js";
import type { PageContext } from "../../app/page.js";
import { h, setContent } from "../../components/dom.js";
import { showError, showLoading } from "../../components/states.js";
import { fieldError } from "../../lib/field-errors.js";
import { formatMeasure, type Locale } from "../../lib/format.js";
import { pick, type Translate } from "../../lib/i18n.js";
import { reporterOrExplain } from "../report/gate.js";
import { showFieldErrors, textField } from "../report/fields.js";

export async function render(ctx: PageContext): Promise<void> {
  const { root, t, locale } = ctx;
  if (!(await reporterOrExplain(ctx, t("review.title")))) return;
  const list = h("div", { class: "review-list", "data-review-list": "" });
  setContent(
    root,
    h("h1", { class: "page-title" }, t("review.title")),
    h("p", { class: "page-intro" }, t("review.intro")),
    list,
  );
  // The first load says "loading"; a reload after a decision keeps the list until the new one.
  showLoading(list, t);
  const load = async () => {
    try {
      const queue = (await gqlFresh(REVIEW_QUEUE)).reviewQueue;
      setContent(
        list,
        queue.length
          ? queue.map(entry => reviewCard(entry, t, locale, () => void load()))
          : h("p", { class: "state state-empty", "data-review-empty": "" }, t("review.empty")),
      );
    } catch (e) {
      showError(list, t, e, () => void load());
    }
  };
  await load();
}

function reviewCard(
  entry: ReviewEntry,
  t: Translate,
  locale: Locale,
  reload: () => void,
): HTMLElement {
  const o = entry.observation;
  const measure = o.indicator.measure;
  const reason = textField(t("review.reason"), "reason", { multiline: true });
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const card = h(
    "article",
    { class: "review-card", "data-review": String(o.id) },
    h(
      "h2",
      { class: "checklist-title" },
      `${pick(o.indicator, locale)} · ${pick(o.unit, locale)} · ${o.year}`,
    ),
    h(
      "dl",
      { class: "review-values" },
      h("dt", {}, t("review.previous")),
      h("dd", { "data-previous": "" }, formatMeasure(entry.previousValue, measure, locale)),
      h("dt", {}, t("review.new")),
      h("dd", { class: "review-new", "data-new": "" }, formatMeasure(o.value, measure, locale)),
      h("dt", {}, t("report.status")),
      h("dd", {}, t(`report.status.${o.status === "PROVISIONAL" ? "PROVISIONAL" : "OFFICIAL"}`)),
      h("dt", {}, t("report.source")),
      h(
        "dd",
        {},
        o.source
          ? [
              o.source.url
                ? h("a", { href: o.source.url, rel: "noopener noreferrer" }, o.source.title)
                : o.source.title,
              ` (${[o.source.documentNumber, o.source.publisher, o.source.grade].filter(Boolean).join(" · ")})`,
            ]
          : "—",
      ),
      o.quote ? [h("dt", {}, t("report.quote")), h("dd", {}, h("q", {}, o.quote))] : null,
      o.note ? [h("dt", {}, t("report.note")), h("dd", {}, o.note)] : null,
      h("dt", {}, t("review.author")),
      h("dd", {}, entry.authorName ?? "—"),
    ),
    h(
      "div",
      { class: "review-actions" },
      h(
        "button",
        {
          type: "button",
          class: "btn btn-primary",
          "data-action": "approve",
          onclick: () => void act("approve"),
        },
        t("review.approve"),
      ),
      reason.el,
      h(
        "button",
        {
          type: "button",
          class: "btn",
          "data-action": "reject",
          onclick: () => void act("reject"),
        },
        t("review.reject"),
      ),
    ),
    h("p", { class: "field-error", "data-form-error": "", role: "alert" }),
    status,
  );
  async function act(kind: "approve" | "reject"): Promise<void> {
    showFieldErrors(card, [], t);
    try {
      if (kind === "approve") await gqlFresh(APPROVE, { id: o.id });
      else {
        const text = reason.input.value.trim();
        if (text.length < 3) {
          showFieldErrors(card, [{ field: "reason", key: "error.required", message: "" }], t);
          return;
        }
        await gqlFresh(REJECT, { id: o.id, reason: text });
      }
      // Approved values change the public pages: forget what this page remembered of them.
      clearApiCache();
      status.textContent = t(kind === "approve" ? "review.approved" : "review.rejected");
      reload();
    } catch (e) {
      const list = e instanceof ApiError ? e.errors.map(fieldError) : [];
      showFieldErrors(
        card,
        list.length ? list : [{ field: null, key: null, message: String(e) }],
        t,
      );
    }
  }
  return card;
}
