import type { Admission } from "./graphql/admission.js";
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
  /** How many analytics requests run at once (graphql/admission.ts); none: no limit. */
  admission?: Admission | null;
  /** The rollups' background rebuilds, which a summary may wait for (none: it never waits). */
  rollups?: RollupRebuilds | null;
}

/** What a summary reads of a rollup's background rebuild (monitoring/rollup-state.ts). */
export interface RollupRebuilds {
  monitoring: RollupRebuild;
  checkup: RollupRebuild;
}
export interface RollupRebuild {
  kick(): void;
  idle(maxMs: number): Promise<void>;
}

/**
 * The context of one request. Its entity manager is forked, and its loaders made, only when a
 * resolver first asks for them: a request answered without the ORM (or refused before it runs)
 * pays for neither (a fork costs ~2 % of a small read's CPU). The getters live on the prototype
 * and the state in plain fields because Apollo copies the context for every operation
 * (`Object.assign(Object.create(prototype), context)`): own getters would be called (forking) by
 * that copy, prototype getters are kept and run on the copy when a resolver asks.
 */
class RequestContext implements Context {
  user: AppUser | null;
  sessionId?: number | null;
  http?: { req: Request; res: Response } | null;
  admission?: Admission | null;
  rollups?: RollupRebuilds | null;
  private forked: EntityManager | undefined = undefined;
  private made: Loaders | undefined = undefined;

  constructor(
    private readonly orm: MikroORM,
    user: AppUser | null,
  ) {
    this.user = user;
  }

  /** A fresh identity map per request, never the global one. */
  get em(): EntityManager {
    return (this.forked ??= this.orm.em.fork() as EntityManager);
  }

  get loaders(): Loaders {
    return (this.made ??= new Loaders(this.em));
  }
}

/** Add fields with `Object.assign` or `extra`; spreading the context (`{ ...context }`) drops `em` and `loaders`. */
export function buildContext<Extra extends object = object>(
  orm: MikroORM,
  user: AppUser | null = null,
  extra: Pick<Context, "sessionId" | "http" | "admission" | "rollups"> & Extra = {} as Extra,
): Context & Extra {
  return Object.assign(new RequestContext(orm, user), extra);
}
