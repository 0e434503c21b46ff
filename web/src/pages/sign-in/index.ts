/**
 * Sign-in: the API token an admin issued is pasted once and exchanged for a session cookie
 * (HttpOnly: the page never sees it). The token is not kept anywhere: the field is emptied
 * whatever the answer, and nothing goes to localStorage.
 */
import "../../styles/reporting.css";
import { ApiError } from "../../api/client.js";
import { gqlFresh } from "../../api/client.js";
import { currentUser, MY_SESSIONS, REVOKE_SESSION, signIn, signOut } from "../../api/session.js";
import type { PageContext } from "../../app/page.js";
import { renderHeader } from "../../app/header.js";
import { h, setContent } from "../../components/dom.js";

export async function render(ctx: PageContext): Promise<void> {
  const { root, t, state } = ctx;
  const me = await currentUser();
  const input = h("input", {
    id: "sign-in-token",
    name: "token",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    "data-field": "token",
    "aria-describedby": "sign-in-hint sign-in-error",
  });
  const error = h("p", { id: "sign-in-error", class: "field-error", role: "alert" });
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "report-form sign-in-form", "data-form": "sign-in" },
    h("div", { class: "field" }, h("label", { for: "sign-in-token" }, t("auth.tokenLabel")), input),
    h("p", { id: "sign-in-hint", class: "hint" }, t("auth.tokenHint")),
    error,
    h("button", { type: "submit", class: "btn btn-primary" }, t("auth.signIn")),
    status,
  );
  form.addEventListener("submit", event => {
    event.preventDefault();
    const token = input.value;
    // Forget the token at once: it lives only in this request.
    input.value = "";
    error.textContent = "";
    void signIn(token)
      .then(user => {
        if (!user) throw new ApiError("", "UNAUTHENTICATED");
        renderHeader(document.getElementById("app-header")!, state);
        status.textContent = t("auth.signedIn", { name: user.name });
        location.hash = ctx.href("report");
      })
      .catch((e: unknown) => {
        error.textContent =
          e instanceof ApiError && e.code === "UNAUTHENTICATED"
            ? t("auth.badToken")
            : e instanceof Error
              ? e.message
              : String(e);
        input.focus();
      });
  });
  setContent(
    root,
    h("h1", { class: "page-title" }, t("auth.title")),
    me
      ? h(
          "div",
          { class: "report-form" },
          h("p", {}, t("auth.signedIn", { name: me.name })),
          h(
            "button",
            {
              type: "button",
              class: "btn",
              "data-action": "sign-out-page",
              onclick: () =>
                void signOut().finally(() =>
                  window.dispatchEvent(new HashChangeEvent("hashchange")),
                ),
            },
            t("auth.signOut"),
          ),
          await sessionList(ctx),
        )
      : form,
  );
}

/** The user's live sessions (another browser, a lost laptop), each of the others revocable. */
async function sessionList(ctx: PageContext): Promise<HTMLElement> {
  const { t, locale } = ctx;
  const el = h("section", { class: "session-list", "data-sessions": "" });
  const load = async () => {
    const sessions = (await gqlFresh(MY_SESSIONS)).mySessions;
    const when = (iso: string) =>
      new Date(iso).toLocaleString(locale === "vi" ? "vi-VN" : "en-GB", {
        dateStyle: "short",
        timeStyle: "short",
      });
    setContent(
      el,
      h("h2", {}, t("auth.sessions")),
      h(
        "ul",
        {},
        sessions.map(s =>
          h(
            "li",
            { "data-session": String(s.id) },
            `${t("auth.sessionFrom", { created: when(s.createdAt), seen: when(s.lastSeenAt), expires: when(s.expiresAt) })} · ${shorten(s.userAgent)} `,
            s.current
              ? h("strong", {}, t("auth.thisSession"))
              : h(
                  "button",
                  {
                    type: "button",
                    class: "btn",
                    "data-action": "revoke-session",
                    onclick: () => void gqlFresh(REVOKE_SESSION, { id: s.id }).then(() => load()),
                  },
                  t("auth.endSession"),
                ),
          ),
        ),
      ),
    );
  };
  await load().catch(() => el.replaceChildren());
  return el;
}

/** A User-Agent shortened to what tells browsers apart at a glance. */
function shorten(agent: string | null): string {
  if (!agent) return "—";
  return agent.length > 60 ? `${agent.slice(0, 59)}…` : agent;
}
