import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { GraphQLError } from "graphql";
import { createHash, randomBytes } from "node:crypto";
import type { AppUser } from "../context.js";
import { ApiToken } from "./api-token.entity.js";
import { writableUnitIds } from "./guard.js";
import type { User } from "./user.entity.js";

const PREFIX = "osh_";

export interface IssuedToken {
  /** The secret, shown once; never stored. */
  token: string;
  record: ApiToken;
}

export const hashToken = (token: string): string =>
  createHash("sha256").update(token, "utf8").digest("hex");

/** A fresh random token (32 bytes) for a user; the caller flushes. */
export function issueToken(
  em: EntityManager,
  user: User,
  label: string | null = null,
): IssuedToken {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const record = em.create(ApiToken, {
    user,
    hash: hashToken(token),
    prefix: token.slice(0, 10),
    label,
  });
  return { token, record };
}

/** The bearer token of an Authorization header, or null when there is none. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S{1,200})\s*$/i.exec(value) : null;
  return match ? match[1] : null;
}

/**
 * The user a token belongs to, or null for an unknown or revoked token. The lookup is by hash,
 * an exact index match, so its timing does not depend on how much of a guess is right.
 */
export async function userForToken(em: EntityManager, token: string): Promise<AppUser | null> {
  const record = await em.findOne(
    ApiToken,
    { hash: hashToken(token), revokedAt: null },
    { populate: ["user", "user.units"] },
  );
  if (!record) return null;
  const user = record.user.getEntity();
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    unitIds: await writableUnitIds(
      em,
      user.units.getItems().map(u => u.id),
    ),
  };
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
