/**
 * The one GraphQL client: a typed POST with fetch. Errors become `ApiError` carrying the
 * server's `extensions.code` (BAD_USER_INPUT, NOT_FOUND, ...) so the UI can say what went wrong.
 * Identical queries are cached for the page's life: switching language or going back to a page
 * re-renders from memory instead of asking the server again.
 */

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
    this.name = 'ApiError';
    this.code = code;
    this.errors = errors;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export const GRAPHQL_ENDPOINT = '/graphql';

const cache = new Map<string, Promise<unknown>>();

/** Runs a query and returns its `data`; throws ApiError on transport or GraphQL errors. */
export function gql<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
  query: string,
  variables?: TVariables,
): Promise<TData> {
  const key = JSON.stringify([query, variables ?? {}]);
  let pending = cache.get(key) as Promise<TData> | undefined;
  if (!pending) {
    pending = post<TData>(query, variables);
    cache.set(key, pending);
    // A failed request must not stay cached, or "retry" would replay the failure.
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

export function clearApiCache(): void {
  cache.clear();
}

async function post<TData>(query: string, variables: Record<string, unknown> | undefined): Promise<TData> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (cause) {
    throw new ApiError(cause instanceof Error ? cause.message : String(cause), 'NETWORK_ERROR');
  }
  let body: { data?: TData | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}`, `HTTP_${response.status}`);
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', body.errors);
  }
  if (!response.ok || body.data == null) {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}`, `HTTP_${response.status}`);
  }
  return body.data;
}
