import type { EntityManager } from "@mikro-orm/postgresql";
import type { AppUser } from "../context.js";
import { type AuditAction, AuditEntry } from "./audit-entry.entity.js";

/** Where a sign-in came from; `address` is req.ip (the client behind a trusted proxy, see TRUST_PROXY). */
export interface AccessOrigin {
  address: string | null;
  userAgent: string | null;
}

export interface AccessEvent extends AccessOrigin {
  action: AuditAction.SIGN_IN | AuditAction.SIGN_OUT | AuditAction.SIGN_IN_REFUSED;
  /** The user who signed in or out; null for a refused sign-in (the token named nobody). */
  user: AppUser | null;
  sessionId: number | null;
  note?: string | null;
}

/** Who a refused sign-in was: nobody known, and the token must never be written down. */
export const UNKNOWN_USER = "(không rõ / unknown)";

/**
 * Adds the audit record of a sign-in, sign-out or refused sign-in to `em`'s unit of work (the
 * caller flushes it with the session change it describes). It names the session, the address
 * and the browser; never the token or the session secret, not even a prefix of them.
 */
export function recordAccess(em: EntityManager, event: AccessEvent): AuditEntry {
  return em.create(AuditEntry, {
    userId: event.user?.id ?? null,
    userName: (event.user?.name ?? UNKNOWN_USER).slice(0, 128),
    entity: "user_session",
    entityId: event.sessionId === null ? "-" : String(event.sessionId),
    action: event.action,
    before: null,
    after: {
      address: event.address,
      userAgent: event.userAgent ? event.userAgent.slice(0, 256) : null,
    },
    note: event.note ?? null,
    at: new Date(),
  });
}
