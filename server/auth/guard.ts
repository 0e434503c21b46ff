import type { EntityManager } from "@mikro-orm/postgresql";
import { ForbiddenError, UnauthenticatedError } from "../graphql/errors.js";
import type { AppUser, Context } from "../context.js";
import type { AdministrativeUnit } from "../units/unit.entity.js";

/** The signed-in user; UNAUTHENTICATED without a (valid) token. Every write starts here. */
export function requireUser(ctx: Context): AppUser {
  if (!ctx.user) throw new UnauthenticatedError();
  return ctx.user;
}

/** A user who may write data at all: stewards and admins. */
export function requireWriter(ctx: Context): AppUser {
  const user = requireUser(ctx);
  if (user.role !== "STEWARD" && user.role !== "ADMIN") {
    throw new ForbiddenError(`${user.name} (${user.role}) may not write data`, {
      reason: "READ_ONLY",
    });
  }
  return user;
}

export function requireAdmin(ctx: Context): AppUser {
  const user = requireUser(ctx);
  if (user.role !== "ADMIN") {
    throw new ForbiddenError("Only an admin may do this", { reason: "ADMIN_ONLY" });
  }
  return user;
}

/**
 * The units a steward may write: those assigned, and every unit merged into one of them (unit
 * lineage, followed back through each merger). The department of the new Hải Phòng
 * (`hai-phong-34`) holds the records of the former Hải Dương and Hải Phòng, so its stewards
 * report and approve their values too; a steward of a former unit keeps just that unit (a merger
 * gives no rights over the successor or over the other former units).
 */
export async function writableUnitIds(em: EntityManager, assigned: number[]): Promise<number[]> {
  if (!assigned.length) return [];
  const rows: { id: number }[] = await em.getConnection().execute(
    `with recursive scope(id) as (
       select unnest(array[${assigned.map(() => "?").join(", ")}]::int[])
       union
       select l.predecessor_id from unit_lineage l join scope s on l.successor_id = s.id
     ) select id from scope`,
    assigned,
  );
  return [...assigned, ...rows.map(r => r.id).filter(id => !assigned.includes(id))];
}

/** Whether the user may write data of the unit: admins any, stewards their units (see writableUnitIds). */
export function mayWriteUnit(user: AppUser, unitId: number): boolean {
  return user.role === "ADMIN" || (user.role === "STEWARD" && user.unitIds.includes(unitId));
}

/** FORBIDDEN unless the user may write the unit's data (a Hải Dương steward cannot write Hải Phòng). */
export function requireUnitScope(user: AppUser, unit: AdministrativeUnit): void {
  if (!mayWriteUnit(user, unit.id)) {
    throw new ForbiddenError(
      `${user.name} may not write data of ${unit.code} (outside the units assigned to this user)`,
      { reason: "OUT_OF_SCOPE", values: { code: unit.code } },
    );
  }
}
