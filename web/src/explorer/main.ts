/**
 * The API explorer: GraphiQL, bundled by Vite from npm packages (React, Monaco and its workers)
 * into the app's own assets, so `GET /graphql` in a browser works on a network with no internet
 * (many government networks) and under a self-only CSP. A separate page (explorer.html): none
 * of this reaches the dashboards' pages or their JavaScript budget.
 */
import "graphiql/style.css";
import "./explorer.css";
// Monaco's editor, JSON and GraphQL workers as Vite worker chunks (no CDN, no blob: scripts).
import "graphiql/setup-workers/vite";
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

/** A first query that runs on any installation: the provinces, their codes and names. */
const DEFAULT_QUERY = `# OSH Observatory API. Run with the ▶ button or Ctrl-Enter;
# the Docs panel lists every type and field.
{
  units(first: 5, orderBy: NAME_ASC) {
    totalCount
    nodes {
      code
      nameVi
      nameEn
    }
  }
}
`;

/** The API answers at the address this page is served from (GET /graphql serves the page). */
async function fetcher(params: unknown, options?: { headers?: Record<string, string> }) {
  const response = await fetch(location.pathname, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      // Our own page, like the dashboards: a signed-in user's session cookie goes with the
      // request, and the server refuses a cookie without this header (CSRF).
      "x-osh-request": "1",
      ...options?.headers,
    },
    body: JSON.stringify(params),
  });
  return response.json();
}

const root = document.getElementById("explorer")!;
createRoot(root).render(createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY }));
root.dataset.ready = "true";
