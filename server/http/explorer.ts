import type { RequestHandler } from "express";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** A browser asking for a page (navigation sends `Accept: text/html`), not a GraphQL client. */
export function wantsHtml(accept: string | undefined): boolean {
  return /text\/html/.test(accept ?? "");
}

/** Shown when web/dist has no explorer build (e.g. a server started without building the web app). */
const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GraphQL API · OSH Observatory</title></head>
<body><h1>GraphQL API</h1>
<p>Send queries here as <code>POST /graphql</code> with a JSON body <code>{"query": "…"}</code>.
The interactive explorer is part of the web app's build (<code>npm run build</code>).</p>
</body></html>`;

/**
 * GET /graphql from a browser: the API explorer (GraphiQL) built into web/dist/explorer.html from
 * the app's own assets, so it works offline and under the self-only CSP. Apollo's landing page,
 * which loads its sandbox from a CDN, is disabled. Other GETs (GraphQL over GET) go on to Apollo.
 */
export function explorerPage(webDist: string): RequestHandler {
  const page = join(webDist, "explorer.html");
  return (req, res, next) => {
    if (req.method !== "GET" || !wantsHtml(req.headers.accept)) return next();
    // The page links its assets relatively (./assets/…): serve it at /graphql, not /graphql/.
    if (req.path.endsWith("/")) return res.redirect(301, "../graphql");
    res.setHeader("Cache-Control", "no-cache");
    if (existsSync(page)) return res.sendFile(page);
    res.type("html").send(NOT_BUILT);
  };
}
