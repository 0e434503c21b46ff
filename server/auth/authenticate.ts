import type { MikroORM } from "@mikro-orm/core";
import type { RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import { authenticate } from "./tokens.js";
import { authenticateSession, CSRF_HEADER, SESSION_COOKIE } from "./session.service.js";
import { type AppUser } from "../context.js";
import { sendRateLimited, type RequestLimiter } from "../http/rate-limit.js";
import { sendHttpError } from "../http/http-errors.js";

/** The user a request was verified as (null: anonymous); set by `authenticateRequests`. */
export const requestUser = (res: Response): AppUser | null =>
  (res.locals.user as AppUser | null | undefined) ?? null;

/** Only users who may write are allowed a body above 1 MB (room for a 5 MB CSV in importCsv). */
export const mayWrite = (user: AppUser | null) =>
  user !== null && (user.role === "STEWARD" || user.role === "ADMIN");

/**
 * Verifies the token before the body is read, so neither the rate limit nor the body limit
 * depends on what an unverified header says. Anonymous requests are limited per address; a bad
 * token is answered 401 at once (and costs its address FAILED_AUTH_POINTS); a verified user is
 * limited per user, and the GraphQL context reuses the user instead of authenticating again.
 */
export function authenticateRequests(
  orm: MikroORM,
  limiter: RequestLimiter | null,
): RequestHandler {
  return async (req, res, next) => {
    try {
      const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
      res.locals.user = null;
      // signIn counts a bad token against the address like a bad bearer token does, and an
      // address out of its failed-authentication budget may not try another.
      res.locals.authFailed = async () => {
        await limiter?.failed(address);
      };
      res.locals.authBlocked = async () => (limiter ? limiter.blocked(address) : null);
      if (!req.headers.authorization) {
        if (req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) {
          return await cookieSession(orm, limiter, address, req, res, next);
        }
        const wait = limiter && (await limiter.take(`a:${address}`));
        return wait ? sendRateLimited(res, wait) : next();
      }
      const blocked = limiter && (await limiter.blocked(address));
      if (blocked) return sendRateLimited(res, blocked);
      let user: AppUser | null;
      try {
        user = await authenticate(orm, req.headers.authorization);
      } catch (error) {
        if (!(error instanceof GraphQLError && error.extensions.code === "UNAUTHENTICATED")) {
          throw error;
        }
        const wait = limiter && (await limiter.failed(address));
        return wait
          ? sendRateLimited(res, wait)
          : sendHttpError(res, 401, "UNAUTHENTICATED", error.message);
      }
      res.locals.user = user;
      const wait = limiter && user && (await limiter.take(`u:${user.id}`));
      return wait ? sendRateLimited(res, wait) : next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * A request with the session cookie (and no bearer token). A live session makes it the
 * session's user, but only with the header X-OSH-Request: 1, which the web app always sends and
 * a cross-site form or link cannot: without it the request is refused FORBIDDEN before anything
 * runs (CSRF). An unknown or ended session is anonymous and its cookie is cleared (a 32-byte
 * random secret cannot be guessed, and an expired cookie is no attack: neither costs points).
 */
async function cookieSession(
  orm: MikroORM,
  limiter: RequestLimiter | null,
  address: string,
  req: Parameters<RequestHandler>[0],
  res: Response,
  next: Parameters<RequestHandler>[2],
): Promise<void> {
  const found = await authenticateSession(orm, req.headers.cookie);
  if (!found) {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", path: "/" });
    const wait = limiter && (await limiter.take(`a:${address}`));
    return wait ? sendRateLimited(res, wait) : next();
  }
  if (req.headers[CSRF_HEADER] !== "1") {
    return sendHttpError(
      res,
      403,
      "FORBIDDEN",
      "A request signed in by cookie must carry the header X-OSH-Request: 1 (cross-site request refused)",
    );
  }
  res.locals.user = found.user;
  res.locals.sessionId = found.sessionId;
  const wait = limiter && (await limiter.take(`u:${found.user.id}`));
  return wait ? sendRateLimited(res, wait) : next();
}
