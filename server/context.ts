import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Request, Response } from "express";
import { GraphQLError } from "graphql";
import { cookieValue, SESSION_COOKIE, userForSession } from "./auth/session.service.js";
import { bearerToken, userForToken } from "./auth/tokens.js";
import { Loaders } from "./common/loaders.js";

import type { AppUser } from "./auth/app-user.js";

// AppUser lives in auth/ (tokens resolve it); re-exported here for the resolvers that take it
// together with the Context.
export type { AppUser };
export { CSRF_HEADER, SESSION_COOKIE } from "./auth/session.service.js";

/** What every resolver receives: a per-request entity manager and per-request loaders. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  user: AppUser | null;
  /** The browser session the user came with (null: a bearer token, or anonymous). */
  sessionId?: number | null;
  /** The HTTP request and response, for the few resolvers that set cookies (signIn, signOut). */
  http?: { req: Request; res: Response } | null;
}

export function buildContext(
  orm: MikroORM,
  user: AppUser | null = null,
  extra: Pick<Context, "sessionId" | "http"> = {},
): Context {
  // A fresh identity map per request, never the global one.
  const em = orm.em.fork() as EntityManager;
  return { em, loaders: new Loaders(em), user, ...extra };
}

/**
 * The user of an `Authorization: Bearer <token>` header: null without a header, and an
 * UNAUTHENTICATED error (HTTP 401) for a token that is unknown or revoked, so a client with a
 * stale token learns it at once instead of silently reading as anonymous.
 */
export async function authenticate(
  orm: MikroORM,
  authorization: string | string[] | undefined,
): Promise<AppUser | null> {
  if (!authorization) return null;
  const token = bearerToken(authorization);
  const user = token ? await userForToken(orm.em.fork() as EntityManager, token) : null;
  if (!user) {
    throw new GraphQLError("The API token is not valid (unknown, revoked or malformed)", {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
  return user;
}

/** The user and session of an `osh_session` cookie; null without one or for an ended session. */
export async function authenticateSession(
  orm: MikroORM,
  cookieHeader: string | undefined,
): Promise<{ user: AppUser; sessionId: number } | null> {
  const secret = cookieValue(cookieHeader, SESSION_COOKIE);
  return secret ? userForSession(orm.em.fork() as EntityManager, secret) : null;
}
