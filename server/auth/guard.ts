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
    throw new ForbiddenError(`${user.name} (${user.role}) may not write data`);
  }
  return user;
}

export function requireAdmin(ctx: Context): AppUser {
  const user = requireUser(ctx);
  if (user.role !== "ADMIN") throw new ForbiddenError("Only an admin may do this");
  return user;
}

export function mayWriteUnit(user: AppUser, unitId: number): boolean {
  return user.role === "ADMIN" || (user.role === "STEWARD" && user.unitIds.includes(unitId));
}

/** FORBIDDEN unless the user may write the unit's data (a Hải Dương steward cannot write Hải Phòng). */
export function requireUnitScope(user: AppUser, unit: AdministrativeUnit): void {
  if (!mayWriteUnit(user, unit.id)) {
    throw new ForbiddenError(
      `${user.name} may not write data of ${unit.code} (outside the units assigned to this user)`,
    );
  }
}
