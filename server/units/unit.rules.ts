import type { EntityManager } from "@mikro-orm/postgresql";
import { BadInputError, unknownCode } from "../graphql/errors.js";
import { code as codeRule } from "../graphql/field-rules.js";
import { validateField } from "../graphql/inputs.js";
import { checkCodes } from "../graphql/validate.js";
import { AdministrativeUnit } from "./unit.entity.js";

// The rules about administrative units, and the one lookup of units by code, shared by the
// mutations, the CSV import, user scopes and the analytics queries.

/** One unit by code; an unknown code is a BAD_USER_INPUT naming the field. */
export async function unitByCode(
  em: EntityManager,
  code: string,
  field = "unit",
): Promise<AdministrativeUnit> {
  validateField(codeRule, code, field);
  const unit = await em.findOne(AdministrativeUnit, { code });
  if (!unit) {
    throw unknownCode("unit", code, field);
  }
  return unit;
}

/**
 * Units by code, in the order asked and without repeats; unknown codes are refused by name. With
 * `atLeastOne`, an empty list is refused too (a chart of no unit).
 */
export async function unitsByCode(
  em: EntityManager,
  codes: string[],
  field = "units",
  { max = 200, atLeastOne = false }: { max?: number; atLeastOne?: boolean } = {},
): Promise<AdministrativeUnit[]> {
  checkCodes(codes, field, max);
  if (atLeastOne && !codes.length) {
    throw new BadInputError(`${field} must name at least one unit`, field);
  }
  const found = codes.length ? await em.find(AdministrativeUnit, { code: { $in: codes } }) : [];
  const byCode = new Map(found.map(u => [u.code, u]));
  const missing = codes.filter(c => !byCode.has(c));
  if (missing.length) {
    throw new BadInputError(`Unknown unit ${missing.map(c => `"${c}"`).join(", ")}`, field, {
      reason: "UNKNOWN_CODE",
      values: { code: missing.join(", ") },
    });
  }
  return [...new Set(codes)].map(c => byCode.get(c)!);
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
      {
        reason: "NOT_IN_YEAR",
        values: { code: unit.code, year, from: unit.validFrom ?? "", to: unit.validTo ?? "" },
      },
    );
  }
}
