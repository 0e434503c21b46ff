/**
 * The one GraphQL client: a POST with fetch of a typed document (see ./graphql.ts), returning
 * the document's result type. Errors become `ApiError` carrying the
 * server's `extensions.code` (BAD_USER_INPUT, NOT_FOUND, ...) so the UI can say what went wrong.
 * Identical queries are cached for the page's life: switching language or going back to a page
 * re-renders from memory instead of asking the server again.
 */

import { print } from "@0no-co/graphql.web";
import type { TadaDocumentNode } from "./graphql.js";

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export class ApiError extends Error {
  readonly code: string;
  readonly errors: GraphQLErrorBody[];

  constructor(message: string, code: string, errors: GraphQLErrorBody[] = []) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.errors = errors;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export const GRAPHQL_ENDPOINT = "/graphql";

const cache = new Map<string, Promise<unknown>>();

/** Variables argument: optional when the document has no required variable. */
// `{}` here asks "could an empty object be these variables?", i.e. none is required.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type VariablesArg<TVariables> = {} extends TVariables
  ? [variables?: TVariables]
  : [variables: TVariables];

const texts = new WeakMap<object, string>();

/** The query text sent for a document (printed once per document). */
export function documentText(document: TadaDocumentNode<unknown, never>): string {
  let text = texts.get(document);
  if (text === undefined) {
    text = print(document);
    texts.set(document, text);
  }
  return text;
}

/** Runs a query and returns its `data`; throws ApiError on transport or GraphQL errors. */
export function gql<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  ...[variables]: VariablesArg<TVariables>
): Promise<TData> {
  const query = documentText(document as TadaDocumentNode<unknown, never>);
  const key = JSON.stringify([query, variables ?? {}]);
  let pending = cache.get(key) as Promise<TData> | undefined;
  if (!pending) {
    pending = post<TData>(query, variables as Record<string, unknown> | undefined);
    cache.set(key, pending);
    // A failed request must not stay cached, or "retry" would replay the failure.
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/**
 * Runs a mutation, or a query whose answer depends on who is signed in (drafts, the checklist):
 * never cached, never served from the cache.
 */
export function gqlFresh<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  ...[variables]: VariablesArg<TVariables>
): Promise<TData> {
  const query = documentText(document as TadaDocumentNode<unknown, never>);
  return post<TData>(query, variables as Record<string, unknown> | undefined);
}

/**
 * A write: POSTed every time, with the session cookie and the CSRF header like every request;
 * then the query cache is emptied, so every view shows what was written.
 */
export async function gqlWrite<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  ...variables: VariablesArg<TVariables>
): Promise<TData> {
  const data = await gqlFresh(document, ...variables);
  clearApiCache();
  return data;
}

export function clearApiCache(): void {
  cache.clear();
}

async function post<TData>(
  query: string,
  variables: Record<string, unknown> | undefined,
): Promise<TData> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      // The session cookie (HttpOnly, set by signIn) goes with every request to this origin;
      // X-OSH-Request is the header the server requires of cookie requests (CSRF: a cross-site
      // form cannot send it).
      credentials: "same-origin",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        "x-osh-request": "1",
      },
      body: JSON.stringify({ query, variables }),
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
  if (!response.ok || body.data == null) {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}`, `HTTP_${response.status}`);
  }
  return body.data;
}
