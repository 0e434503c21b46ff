import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { GraphQLError } from "graphql";
import { bearerToken, userForToken } from "./auth/tokens.js";
import { Loaders } from "./common/loaders.js";

import type { AppUser } from "./auth/app-user.js";

// AppUser lives in auth/ (tokens resolve it); re-exported here for the resolvers that take it
// together with the Context.
export type { AppUser };

/** What every resolver receives: a per-request entity manager and per-request loaders. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  user: AppUser | null;
}

export function buildContext(orm: MikroORM, user: AppUser | null = null): Context {
  // A fresh identity map per request, never the global one.
  const em = orm.em.fork() as EntityManager;
  return { em, loaders: new Loaders(em), user };
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
