import type { RequestHandler, Response } from "express";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { answerTags, collectReads, type ReadTags } from "./read-tags.js";
import type { ResponseCache } from "./response-cache.js";

export interface CachedAnswer {
  body: string;
  contentType: string;
  /** The body gzipped, made on the first hit from a client that accepts gzip, then kept. */
  gzip?: Buffer;
}

/** Below this a gzip header costs about what it saves (the same threshold as the compression middleware). */
const GZIP_FROM_BYTES = 1024;

/**
 * Serves repeated anonymous GraphQL POSTs from the cache, before Apollo parses, validates,
 * executes or serialises anything: for a large answer (a scorecard over 34 units) serialising
 * alone costs more than the rest. Only anonymous requests are cached: they can only read
 * (every write needs a token), and no per-user field can leak. Answers with errors are not kept.
 * Each answer is stored with the tags of what its SQL read (read-tags.ts), so a write empties
 * only the answers it could change.
 *
 * Identical requests that arrive while the first is still being computed wait for its answer
 * instead of computing it again (after a write empties the cache, a busy dashboard would
 * otherwise start the same heavy aggregate once per open connection). They join only a
 * computation that began after the last change (any change, not only the ones that touch it:
 * simple, and no one receives an answer older than the last write this server was told about).
 */
export function httpCache(
  cache: ResponseCache<CachedAnswer>,
  { exposeSqlCount = false } = {},
): RequestHandler {
  const inFlight = new Map<string, Promise<CachedAnswer | null>>();
  return (req, res, next) => {
    if (
      req.method !== "POST" ||
      req.headers.authorization ||
      // A browser session is a user too: its answers (me, drafts) are never shared.
      res.locals.user ||
      !req.body ||
      typeof req.body !== "object"
    ) {
      return next();
    }
    const key = createHash("sha256")
      .update(JSON.stringify(req.body))
      .update("\u0000")
      .update(String(req.headers.accept ?? ""))
      .digest("base64url");
    const hit = cache.get(key);
    if (hit) {
      return serve(res, hit, "hit", acceptsGzip(req.headers["accept-encoding"]), exposeSqlCount);
    }

    const generation = cache.generation;
    const flightKey = `${generation}:${key}`;
    const pending = inFlight.get(flightKey);
    if (pending) {
      // An answer that could not be shared (an error, a dropped request) is computed anew here.
      void pending.then(answer =>
        answer && !res.headersSent
          ? serve(
              res,
              answer,
              "coalesced",
              acceptsGzip(req.headers["accept-encoding"]),
              exposeSqlCount,
            )
          : next(),
      );
      return;
    }
    let settle!: (answer: CachedAnswer | null) => void;
    const flight = new Promise<CachedAnswer | null>(resolve => (settle = resolve));
    inFlight.set(flightKey, flight);
    let settled = false;
    const done = (answer: CachedAnswer | null) => {
      if (settled) return;
      settled = true;
      if (inFlight.get(flightKey) === flight) inFlight.delete(flightKey);
      settle(answer);
    };
    res.once("close", () => done(null)); // no-op when send() already settled it
    const reads: ReadTags = { tags: new Set(), statements: 0 };

    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (
        res.statusCode === 200 &&
        typeof body === "string" &&
        !/"errors"\s*:\s*\[/.test(body) &&
        // signIn sets a cookie: an answer that carries one is never replayed to someone else.
        !res.getHeader("set-cookie")
      ) {
        const answer = {
          body,
          contentType: String(res.getHeader("content-type") ?? "application/json; charset=utf-8"),
        };
        cache.set(key, answer, answerTags(reads), generation);
        res.setHeader("x-cache", "miss");
        done(answer);
      } else {
        done(null);
      }
      return send(body);
    };
    collectReads(reads, next);
  };
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  return /\bgzip\b/i.test(String(header ?? ""));
}

/**
 * Sends a stored answer. Compressed once per entry, not once per hit: the compression
 * middleware upstream leaves a response that already has a Content-Encoding alone.
 */
function serve(
  res: Response,
  answer: CachedAnswer,
  how: "hit" | "coalesced",
  gzip: boolean,
  exposeSqlCount: boolean,
): void {
  res.setHeader("x-cache", how);
  if (exposeSqlCount) res.setHeader("x-sql-statements", "0");
  res.setHeader("content-type", answer.contentType);
  res.setHeader("vary", "Accept-Encoding");
  if (gzip && answer.body.length >= GZIP_FROM_BYTES) {
    answer.gzip ??= gzipSync(answer.body);
    res.setHeader("content-encoding", "gzip");
    res.end(answer.gzip);
    return;
  }
  res.end(answer.body);
}
