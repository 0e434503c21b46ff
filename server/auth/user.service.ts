import type { EntityManager } from "@mikro-orm/postgresql";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit } from "../audit/audit.js";
import { BadInputError } from "../graphql/errors.js";
import type { AppUser } from "../context.js";
import { z } from "zod";
import { codes, text } from "../graphql/field-rules.js";
import { validateInput } from "../graphql/inputs.js";
import { unitsByCode } from "../units/unit.rules.js";
import type { ApiToken } from "./api-token.entity.js";
import { issueToken } from "./tokens.js";
import { Role, User } from "./user.entity.js";

/** The audit form of a user and of a token (never the token hash); units sorted, so an unchanged set compares equal. */
export const userRecord = (u: User) => ({
  id: u.id,
  name: u.name,
  role: u.role,
  units: u.units.isInitialized()
    ? u.units
        .getItems()
        .map(x => x.code)
        .sort()
    : undefined,
});
export const tokenRecord = (t: ApiToken) => ({
  id: t.id,
  user: t.user.id,
  prefix: t.prefix,
  label: t.label ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export interface NewUser {
  name: string;
  role: Role;
  units?: string[] | null;
}

/**
 * The rules of a new user, for createUser and for the first admin made from the command line:
 * a name of 2 to 128 characters, and units for stewards only (that the units exist is checked
 * against the database by unitsByCode).
 */
export const newUserSchema = z
  .object({
    name: text(128).refine(n => n.trim().length >= 2, { error: "must be 2 to 128 characters" }),
    role: z.enum(Role),
    units: codes().nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.role === Role.STEWARD && !input.units?.length) {
      ctx.addIssue({
        code: "custom",
        path: ["units"],
        message: "A steward needs at least one unit to write",
      });
    }
    if (input.role !== Role.STEWARD && input.units?.length) {
      ctx.addIssue({
        code: "custom",
        path: ["units"],
        message: "Only stewards have units: admins write every unit, viewers none",
      });
    }
  });

export function checkNewUser(input: NewUser): string {
  validateInput(newUserSchema, input);
  return input.name.trim();
}

/**
 * Creates a user and a first token, in one transaction with its audit record. `actor` null is
 * the bootstrap case (the first admin, created from the command line).
 */
export async function createUserWithToken(
  em: EntityManager,
  input: NewUser,
  actor: AppUser | null,
): Promise<{ user: User; token: string }> {
  const name = checkNewUser(input);
  return em.transactional(async tx => {
    if (await tx.count(User, { name })) {
      throw new BadInputError(`A user named "${name}" exists`, "name");
    }
    const user = tx.create(User, {
      name,
      role: input.role,
      createdBy: actor ? tx.getReference(User, actor.id, { wrapped: true }) : null,
    });
    if (input.units?.length) user.units.set(await unitsByCode(tx, input.units));
    const { token, record } = issueToken(tx, user, "first token");
    await tx.flush();
    const who = actor ?? { id: user.id, name: user.name, role: "ADMIN", unitIds: [] };
    recordAudit(tx, who, {
      entity: "app_user",
      entityId: user.id,
      action: AuditAction.CREATE,
      after: userRecord(user),
      note: actor ? null : "bootstrap (create-admin command)",
    });
    recordAudit(tx, who, {
      entity: "api_token",
      entityId: record.id,
      action: AuditAction.CREATE,
      after: tokenRecord(record),
    });
    return { user, token };
  });
}
