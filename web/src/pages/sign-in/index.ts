/**
 * Sign-in: the API token an admin issued is pasted once and exchanged for a session cookie
 * (HttpOnly: the page never sees it). The token is not kept anywhere: the field is emptied
 * whatever the answer, and nothing goes to localStorage.
 */
import "../../styles/reporting.css";
import { ApiError } from "../../api/client.js";
import { currentUser, signIn, signOut } from "../../api/session.js";
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
              onclick: () => void signOut().then(() => location.reload()),
            },
            t("auth.signOut"),
          ),
        )
      : form,
  );
}
