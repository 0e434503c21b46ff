import { AsyncResource } from "node:async_hooks";
import type { Express, NextFunction, Request, RequestHandler, Response } from "express";
import { IncomingMessage, type RequestListener, ServerResponse } from "node:http";
import { httpErrorHandler, notFound } from "./http-errors.js";
import { securityHeaders } from "./security-headers.js";

/** The smaller body limit (anonymous users, viewers): a body within it is never too large. */
export const SMALL_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * The requests the lean front answers itself: a JSON POST to exactly /graphql, with a declared
 * length within the smaller body limit, not compressed, in UTF-8. Every other request (GET, other
 * paths or a query string, other content types or charsets, chunked or compressed bodies, bodies
 * above 1 MB that a steward may send) goes to the Express app, whose answer is tested.
 */
export function leanTakes(req: IncomingMessage): boolean {
  if (req.method !== "POST" || req.url !== "/graphql") return false;
  const headers = req.headers;
  const length = headers["content-length"];
  return (
    length !== undefined &&
    headers["transfer-encoding"] === undefined &&
    headers["content-encoding"] === undefined &&
    /^\d{1,7}$/.test(length) &&
    Number(length) <= SMALL_BODY_BYTES &&
    JSON_TYPE.test(headers["content-type"] ?? "")
  );
}

/** body-parser's failures, coded as http-errors.ts maps them. */
const failure = (type: string) => Object.assign(new Error(type), { type, status: 400 });

/**
 * The JSON body of a request leanTakes accepted, as express.json() parses it: UTF-8 (a BOM
 * dropped, as its decoder does), an empty body read as {}, and strict JSON (an object or array)
 * or a 400 coded like body-parser's "entity.parse.failed". Node's parser already holds the body
 * to its Content-Length, which leanTakes bounded by the limit.
 */
const readJsonBody: RequestHandler = (req, _res, next) => {
  // Gone while authentication ran: the body will never come.
  if (req.destroyed && !req.complete) return next(failure("request.aborted"));
  const chunks: Buffer[] = [];
  let ended = false;
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  // Bound like raw-body's callback: the rest of the request runs in this async context (the SQL
  // counter's scope), not in the socket's. One resource for both listeners, entered with
  // runInAsyncScope: AsyncResource.bind made a resource and a bound function per listener and
  // defined a deprecated getter on each (util.deprecate), ~4 % of a `{ __typename }` request.
  const scope = new AsyncResource("osh.jsonBody");
  req.once("end", () => scope.runInAsyncScope(onEnd));
  // The client went away mid-body: answered (to no one) as body-parser does.
  req.once("close", () =>
    scope.runInAsyncScope(() => {
      if (!ended) next(failure("request.aborted"));
    }),
  );
  function onEnd() {
    ended = true;
    let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length === 0) {
      req.body = {};
      return next();
    }
    const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
    if (first !== "{" && first !== "[") return next(failure("entity.parse.failed"));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next(failure("entity.parse.failed"));
    }
    req.body = body;
    next();
  }
};

type Step = (req: Request, res: Response, next: NextFunction) => unknown;

/**
 * The node HTTP server's handler. POST /graphql with a small JSON body, the request behind nearly
 * every read, skips Express's router walk, body-parser (raw-body, type-is, iconv, content-type)
 * and the Apollo integration's copying, but runs the same middleware functions as the Express
 * route, in the same order (app-graphql.ts): security headers, compression, the SQL counter,
 * authentication and the rate limit, the response cache, Apollo with the same context. The
 * request and response get Express's prototypes first, as Express's own `app.handle` does, so
 * `req.ip` and `req.secure` read `trust proxy` exactly as Express does, and res.status, res.json,
 * res.cookie behave alike. Errors end in the same error handler. Everything else is `app`'s.
 */
export function leanFront(
  app: Express,
  {
    prepare,
    authenticate,
    afterBody,
  }: { prepare: RequestHandler[]; authenticate: RequestHandler; afterBody: RequestHandler[] },
  answer: Step,
): RequestListener {
  // The Express route's order; its method check (GET, POST, HEAD) always passes a POST.
  const chain: Step[] = [
    securityHeaders,
    ...prepare,
    authenticate,
    readJsonBody,
    ...afterBody,
    answer,
  ];

  const lean = (req: Request, res: Response) => {
    // What Express's app.handle does before its router runs.
    req.res = res;
    res.req = req;
    // Born with them on the app's own server (expressMessages); switched only on another one.
    if (!isPrototypeOf.call(app.request, req)) Object.setPrototypeOf(req, app.request);
    if (!isPrototypeOf.call(app.response, res)) Object.setPrototypeOf(res, app.response);
    res.locals = Object.create(null) as Response["locals"];
    req.originalUrl = req.url;
    let index = 0;
    const fail = (error: unknown) => {
      try {
        // Express's final handler, for an error after the answer began: drop the connection.
        httpErrorHandler(error, req, res, () => req.socket.destroy());
      } catch (thrown) {
        console.error("unhandled HTTP error", thrown);
        req.socket.destroy();
      }
    };
    const next: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null && error !== "route" && error !== "router") {
        return fail(error);
      }
      const step = chain[index++];
      // Nothing answered: what the Express app's last route says.
      if (!step) return notFound(req, res, () => {});
      try {
        const result = step(req, res, next);
        // Express 5 passes a rejected promise of a middleware on as an error, so does this.
        if (result instanceof Promise) result.catch(fail);
      } catch (error) {
        fail(error);
      }
    };
    next();
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    if (leanTakes(req)) lean(req as Request, res as Response);
    else app(req, res);
  };
}

const isPrototypeOf = Object.prototype.isPrototypeOf;

/** What node's createServer takes to make requests and responses of other classes. */
export interface MessageClasses {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

/**
 * Request and response classes whose instances inherit Express's `app.request` and `app.response`
 * from birth, for the app's node server (app.ts startApp). Express, and the lean path after it,
 * gave each request its prototypes with Object.setPrototypeOf, and a request whose prototype had
 * been switched outlived V8's young-generation collections. Measured at bench scale 100, one
 * `{ __typename }` request at a time (--trace-gc-nvp): 18-29 % of what the requests allocated
 * survived each scavenge, which took ~4 ms, and all of it was copied on into the old
 * generation, for the major collections to find; with the prototypes left alone, 0 % survived and
 * a scavenge took well under 1 ms. (Express's router, for the requests the lean path leaves to
 * it, still switches them: to the same prototypes.)
 */
export function expressMessages(app: Express): MessageClasses {
  class AppRequest extends IncomingMessage {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  class AppResponse extends ServerResponse {}
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  // Node's type makes the response class generic in its request; this one serves AppRequest.
  return { IncomingMessage: AppRequest, ServerResponse: AppResponse as typeof ServerResponse };
}
