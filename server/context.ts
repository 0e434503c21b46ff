import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Request, Response } from "express";
import { Loaders } from "./graphql/loaders.js";

// The per-request context only assembles what a request carries. Finding the user (tokens,
// authenticate) and checking what they may do (guard, write) is auth/'s work; the user's shape
// lives here, so that auth/ and every feature depend on this file and not on each other.

/** Who sends a request, resolved from its API token. Reads need none; every write does. */
export interface AppUser {
  id: number;
  name: string;
  role: "VIEWER" | "STEWARD" | "ADMIN";
  /** Units a steward may write (ids); admins may write every unit. */
  unitIds: number[];
}

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
