import type { EntityManager } from "@mikro-orm/postgresql";
import { Measure } from "../common/enums.js";
import { BadInputError } from "../common/errors.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Source } from "../sources/source.entity.js";
import { measureLimit } from "./limits.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

/**
 * The data rules every write obeys, shared by the mutations and the CSV import. Each failure is a
 * BAD_USER_INPUT naming the field, so a form or an import report can point at it.
 */

const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const KEYWORD = /^[a-z][a-z0-9_]{0,63}$/;

export function checkCode(value: string, field: string): string {
  if (!CODE.test(value)) {
    throw new BadInputError(
      `${field}: "${value.slice(0, 40)}" is not a valid code (lower-case letters, digits and dashes, at most 64)`,
      field,
    );
  }
  return value;
}

/** Sector, factor and disease names: lower-case words joined by underscores (e.g. toxic_gas). */
export function checkKeyword(value: string, field: string, max = 64): string {
  if (!KEYWORD.test(value) || value.length > max) {
    throw new BadInputError(
      `${field}: "${value.slice(0, 40)}" is not valid (lower-case letters, digits and _, at most ${max})`,
      field,
    );
  }
  return value;
}

export function checkLength(
  value: string | null | undefined,
  field: string,
  max: number,
  required = false,
): void {
  if (required && (value == null || value.trim() === "")) {
    throw new BadInputError(`${field} is required`, field);
  }
  if (value != null && value.length > max) {
    throw new BadInputError(`${field} is longer than ${max} characters`, field);
  }
  // PostgreSQL text cannot hold NUL; other control characters (but tab and newlines) are never intended.
  if (value != null && /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value)) {
    throw new BadInputError(`${field} contains a control character`, field);
  }
}

export function checkYear(year: number, field = "year"): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    throw new BadInputError(`${field} must be a year between 1990 and 2100, got ${year}`, field);
  }
}

/** A whole number from 0 to `max` (counts of samples, workers, cases; the bounds are in limits.ts). */
export function checkCount(value: number, field: string, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new BadInputError(`${field} must be a whole number >= 0, got ${value}`, field);
  }
  checkAtMost(value, field, max);
}

/** Refuses a value over its bound, in Vietnamese and English (each with its own digit grouping). */
export function checkAtMost(value: number, field: string, max: number): void {
  if (value > max) {
    throw new BadInputError(
      `${field}: vượt quá giới hạn ${max.toLocaleString("vi-VN")} / over the limit of ${max.toLocaleString("en-US")}, got ${value}`,
      field,
    );
  }
}

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

export async function indicatorByCode(
  em: EntityManager,
  code: string,
  field = "indicator",
): Promise<Indicator> {
  checkCode(code, field);
  const indicator = await em.findOne(Indicator, { code });
  if (!indicator) throw new BadInputError(`Unknown indicator "${code}"`, field);
  return indicator;
}

export async function sourceByCode(
  em: EntityManager,
  code: string | null | undefined,
  field = "source",
): Promise<Source> {
  // Official values need a source: a value nobody can trace is not published.
  if (!code) {
    throw new BadInputError(
      "An official value needs a source (the code of a registered source)",
      field,
    );
  }
  checkCode(code, field);
  const source = await em.findOne(Source, { code });
  if (!source) {
    throw new BadInputError(
      `Unknown source "${code}" (register it with createSource first)`,
      field,
    );
  }
  return source;
}

/** A value fits its indicator's measure: percentages 0-100, counts of things and persons whole. */
export function checkValue(indicator: Indicator, value: number, field = "value"): void {
  if (!Number.isFinite(value)) throw new BadInputError(`${field} must be a number`, field);
  if (value < 0) throw new BadInputError(`${field} must not be negative, got ${value}`, field);
  switch (indicator.measure) {
    case Measure.PERCENT:
      if (value > 100) {
        throw new BadInputError(
          `${field} is a percentage (${indicator.code}) and must be between 0 and 100, got ${value}`,
          field,
        );
      }
      break;
    case Measure.COUNT:
    case Measure.PERSONS:
      if (!Number.isSafeInteger(value)) {
        throw new BadInputError(
          `${field} counts ${indicator.measure === Measure.PERSONS ? "persons" : "events"} (${indicator.code}) and must be a whole number, got ${value}`,
          field,
        );
      }
      break;
    case Measure.BINARY:
      if (value !== 0 && value !== 1) {
        throw new BadInputError(
          `${field} is yes/no (${indicator.code}): 0 or 1, got ${value}`,
          field,
        );
      }
      break;
    default:
      break;
  }
  // National yearly counts, rates and costs have a ceiling (limits.ts) so sums stay exact.
  const max = measureLimit(indicator.measure);
  if (max !== null) checkAtMost(value, field, max);
}

export function checkMeasure(
  indicator: Indicator,
  measure: Measure | null | undefined,
  field = "measure",
): void {
  if (measure && measure !== indicator.measure) {
    throw new BadInputError(
      `${indicator.code} is measured in ${indicator.measure}, not ${measure}`,
      field,
    );
  }
}
