import type { MikroORM } from "@mikro-orm/core";
import type { RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import { authenticate } from "./tokens.js";
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
      if (!req.headers.authorization) {
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
