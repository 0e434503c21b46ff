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

/**
 * A context whose entity manager is forked, and whose loaders are made, only when a resolver
 * first asks for them: a request answered without the ORM (or refused before it runs) pays for
 * neither. Do not spread the result (`{ ...context }` would fork at once); add fields with
 * `Object.assign` or pass them in `extra`.
 */
export function buildContext<Extra extends object = object>(
  orm: MikroORM,
  user: AppUser | null = null,
  extra: Pick<Context, "sessionId" | "http"> & Extra = {} as Extra,
): Context & Extra {
  let em: EntityManager | undefined;
  let loaders: Loaders | undefined;
  return Object.assign(
    {
      // A fresh identity map per request, never the global one.
      get em(): EntityManager {
        return (em ??= orm.em.fork() as EntityManager);
      },
      get loaders(): Loaders {
        return (loaders ??= new Loaders(this.em));
      },
      user,
    },
    extra,
  );
}
