/** The reporting pages are for signed-in stewards and admins: anyone else gets a sign-in link. */
import { currentUser, mayReport, type Me } from "../../api/session.js";
import type { PageContext } from "../../app/page.js";
import { h, setContent } from "../../components/dom.js";

export async function reporterOrExplain(ctx: PageContext, title: string): Promise<Me | null> {
  const me = await currentUser();
  if (mayReport(me)) return me;
  setContent(
    ctx.root,
    h("h1", { class: "page-title" }, title),
    h(
      "p",
      { class: "state state-empty", role: "status", "data-gate": "" },
      me ? ctx.t("auth.notWriter") : ctx.t("auth.needSignIn"),
      " ",
      me ? null : h("a", { href: ctx.href("sign-in") }, ctx.t("auth.signIn")),
    ),
  );
  return null;
}
