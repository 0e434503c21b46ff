/**
 * Writes from the web: a mutation is POSTed every time (never answered from the query cache),
 * with the session cookie and the header the server requires of cookie-authenticated writes
 * (CSRF); after it the query cache is emptied, so every view shows what was written.
 */
import { ApiError, clearApiCache, documentText, GRAPHQL_ENDPOINT } from "./client.js";
import type { GraphQLErrorBody } from "./client.js";
import type { TadaDocumentNode } from "./graphql.js";

/** A write: POSTed every time (never from the query cache), then the cache is emptied. */
export async function sendWrite<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        "x-osh-request": "1",
      },
      body: JSON.stringify({
        query: documentText(document as TadaDocumentNode<unknown, never>),
        variables,
      }),
    });
  } catch (cause) {
    throw new ApiError(cause instanceof Error ? cause.message : String(cause), "NETWORK_ERROR");
  }
  let body: { data?: TData | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}`, `HTTP_${response.status}`);
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(
      first.message,
      first.extensions?.code ?? "INTERNAL_SERVER_ERROR",
      body.errors,
    );
  }
  if (body.data == null) {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}`, `HTTP_${response.status}`);
  }
  // What was written shows everywhere at once: no page keeps the values from before.
  clearApiCache();
  return body.data;
}
