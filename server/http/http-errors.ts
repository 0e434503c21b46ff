import type { ErrorRequestHandler, RequestHandler, Response } from "express";

/**
 * HTTP-level failures (before GraphQL runs) in the shape GraphQL clients already read:
 * `{ errors: [{ message, extensions: { code } }] }`. Express's own pages are HTML with a stack
 * trace and install paths whenever NODE_ENV is not "production"; these never are.
 */
export function sendHttpError(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .type("application/json")
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** body-parser's error types, with a message that names what to fix and echoes nothing sent. */
const byType: Record<string, [number, string, string]> = {
  "entity.parse.failed": [400, "BAD_REQUEST", "The request body is not valid JSON"],
  "entity.too.large": [413, "PAYLOAD_TOO_LARGE", "The request body is too large"],
  "entity.verify.failed": [400, "BAD_REQUEST", "The request body was refused"],
  "request.aborted": [400, "BAD_REQUEST", "The request was aborted"],
  "request.size.invalid": [
    400,
    "BAD_REQUEST",
    "The request body does not match its Content-Length",
  ],
  "stream.encoding.set": [500, "INTERNAL_SERVER_ERROR", "Internal server error"],
  "charset.unsupported": [
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    "The request charset is not supported; send UTF-8",
  ],
  "encoding.unsupported": [
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    "The request Content-Encoding is not supported; send gzip, deflate, br or none",
  ],
  "parameters.too.many": [413, "PAYLOAD_TOO_LARGE", "Too many parameters"],
};

const byStatus: Record<number, [string, string]> = {
  400: ["BAD_REQUEST", "The request could not be read (a broken body or encoding)"],
  401: ["UNAUTHENTICATED", "Authentication failed"],
  403: ["FORBIDDEN", "Forbidden"],
  404: ["NOT_FOUND", "Not found"],
  405: ["METHOD_NOT_ALLOWED", "Method not allowed"],
  413: ["PAYLOAD_TOO_LARGE", "The request body is too large"],
  415: ["UNSUPPORTED_MEDIA_TYPE", "The request media type or encoding is not supported"],
};

/** The last handler: every error thrown or passed to next() becomes a short coded JSON answer. */
export const httpErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  // Too late to answer cleanly (a body was being streamed): let Express close the connection.
  if (res.headersSent) return next(error);
  const e = (error ?? {}) as { type?: unknown; status?: unknown; statusCode?: unknown };
  const known = typeof e.type === "string" ? byType[e.type] : undefined;
  if (known) return sendHttpError(res, known[0], known[1], known[2]);
  const status = Number(e.status ?? e.statusCode);
  // A client error without a known type (a broken gzip stream reports Z_DATA_ERROR with status 400).
  const mapped = Number.isInteger(status) ? byStatus[status] : undefined;
  if (mapped) return sendHttpError(res, status, mapped[0], mapped[1]);
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    return sendHttpError(res, status, "BAD_REQUEST", "The request was refused");
  }
  console.error("unhandled HTTP error", error);
  sendHttpError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
};

/** After every route: an unknown path is a coded 404, not Express's HTML page. */
export const notFound: RequestHandler = (_req, res) =>
  sendHttpError(res, 404, "NOT_FOUND", "Not found");

/** GraphQL is served over GET and POST only; anything else is answered before Apollo sees it. */
export const graphqlMethods: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "POST" || req.method === "HEAD") return next();
  // A CORS preflight is not supported (the API is same-origin); it still gets a coded answer.
  res.setHeader("Allow", "GET, POST");
  sendHttpError(res, 405, "METHOD_NOT_ALLOWED", "GraphQL is served over GET and POST only");
};
