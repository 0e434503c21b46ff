import type { EntityManager } from "@mikro-orm/postgresql";
import { BadInputError } from "../graphql/errors.js";
import { checkCode } from "../graphql/field-rules.js";
import { AdministrativeUnit } from "./unit.entity.js";

// The rules about administrative units that writes and the CSV import share.

export async function unitByCode(
  em: EntityManager,
  code: string,
  field = "unit",
): Promise<AdministrativeUnit> {
  checkCode(code, field);
  const unit = await em.findOne(AdministrativeUnit, { code });
  if (!unit) throw new BadInputError(`Unknown unit "${code}"`, field);
  return unit;
}

/** Whether a unit existed during (part of) a year: Hải Dương (hai-duong-63) has no 2026 values. */
export function unitExistedIn(unit: AdministrativeUnit, year: number): boolean {
  return (
    (!unit.validFrom || unit.validFrom <= `${year}-12-31`) &&
    (!unit.validTo || unit.validTo >= `${year}-01-01`)
  );
}

export function checkUnitInYear(unit: AdministrativeUnit, year: number, field = "year"): void {
  if (!unitExistedIn(unit, year)) {
    const span = `${unit.validFrom ?? "…"} to ${unit.validTo ?? "today"}`;
    throw new BadInputError(
      `${unit.code} did not exist in ${year} (it existed from ${span})`,
      field,
    );
  }
}
