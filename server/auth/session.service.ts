import type { EntityManager } from "@mikro-orm/postgresql";
import { randomBytes } from "node:crypto";
import type { MikroORM } from "@mikro-orm/core";
import type { AppUser } from "../context.js";
import { UserSession } from "./session.entity.js";
import { writableUnitIds } from "./guard.js";
import { hashToken } from "./tokens.js";
import type { User } from "./user.entity.js";

export const SESSION_COOKIE = "osh_session";
/** The header the web app sends with every request; a cross-site form or image cannot. */
export const CSRF_HEADER = "x-osh-request";
/** A session ends after this long without a request… */
export const IDLE_MS = 12 * 60 * 60 * 1000;
/** …and this long after sign-in, whatever happens. */
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** `last_seen_at` is written at most once a minute, not on every request. */
const TOUCH_MS = 60 * 1000;

/** Opens a session for a user; returns the secret for the cookie (never stored) and the row. */
export async function openSession(
  em: EntityManager,
  user: User,
  userAgent: string | null,
): Promise<{ secret: string; session: UserSession }> {
  const secret = randomBytes(32).toString("base64url");
  const now = new Date();
  const session = em.create(UserSession, {
    user,
    hash: hashToken(secret),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_MS),
    userAgent: userAgent ? userAgent.slice(0, 256) : null,
  });
  await em.flush();
  return { secret, session };
}

/** Whether a session may still be used at `now`: not revoked, not idle 12 h, not 7 days old. */
export function sessionIsLive(s: UserSession, now = new Date()): boolean {
  return (
    !s.revokedAt &&
    s.expiresAt.getTime() > now.getTime() &&
    s.lastSeenAt.getTime() + IDLE_MS > now.getTime()
  );
}

/**
 * The user of a session cookie, or null for an unknown, revoked or expired session. Looked up
 * by hash (an exact index match); refreshes `last_seen_at` when it is a minute old.
 */
export async function userForSession(
  em: EntityManager,
  secret: string,
): Promise<{ user: AppUser; sessionId: number } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  const session = await em.findOne(
    UserSession,
    { hash: hashToken(secret) },
    { populate: ["user", "user.units"] },
  );
  const now = new Date();
  if (!session || !sessionIsLive(session, now)) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS) {
    await em.nativeUpdate(UserSession, { id: session.id }, { lastSeenAt: now });
  }
  const user = session.user.getEntity();
  return {
    sessionId: session.id,
    user: {
      id: user.id,
      name: user.name,
      role: user.role,
      unitIds: await writableUnitIds(
        em,
        user.units.getItems().map(u => u.id),
      ),
    },
  };
}

/** The value of one cookie in a Cookie header (no cookie-parser: this is the only cookie). */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The user and session of an `osh_session` cookie; null without one or for an ended session. */
export async function authenticateSession(
  orm: MikroORM,
  cookieHeader: string | undefined,
): Promise<{ user: AppUser; sessionId: number } | null> {
  const secret = cookieValue(cookieHeader, SESSION_COOKIE);
  return secret ? userForSession(orm.em.fork() as EntityManager, secret) : null;
}
