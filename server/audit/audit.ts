import { wrap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { isDeepStrictEqual } from "node:util";
import type { AppUser } from "../context.js";
import { AuditAction, AuditEntry } from "./audit-entry.entity.js";

/** A row as plain JSON for the audit record: scalar columns and the ids of related rows. */
export function snapshot(entity: object | null | undefined): Record<string, unknown> | null {
  if (!entity) return null;
  const json = wrap(entity).toPOJO() as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (
      value !== null &&
      typeof value === "object" &&
      "id" in value &&
      !Array.isArray(value)
    ) {
      out[key] = (value as { id: unknown }).id;
    } else if (Array.isArray(value) && value.every(v => v && typeof v === "object" && "id" in v)) {
      out[key] = value.map(v => v.id);
    } else out[key] = value;
  }
  return out;
}

export interface AuditInput {
  entity: string;
  entityId: string | number;
  action: AuditAction;
  before?: unknown;
  after?: unknown;
  note?: string | null;
}

/**
 * Adds an audit record to the unit of work of the write it describes, so the record and the
 * change are committed (or rolled back) together. An UPDATE whose row is the same before and
 * after changed nothing: it is not recorded (and returns null), so a resent or empty patch does
 * not fill the log with records of nothing. Every update mutation goes through here.
 */
export function recordAudit(
  em: EntityManager,
  user: AppUser,
  input: AuditInput,
): AuditEntry | null {
  if (
    input.action === AuditAction.UPDATE &&
    isDeepStrictEqual(input.before ?? null, input.after ?? null)
  ) {
    return null;
  }
  return em.create(AuditEntry, {
    userId: user.id,
    userName: user.name,
    entity: input.entity,
    entityId: String(input.entityId),
    action: input.action,
    before: input.before ?? null,
    after: input.after ?? null,
    note: input.note ?? null,
    at: new Date(),
  });
}
