import { isCode, notACode } from "./code.js";
import { BadInputError } from "./errors.js";

/**
 * The field rules every write obeys (codes, keywords, lengths, years, counts), shared by the
 * mutations and the CSV import; the rules about one entity live in its feature (e.g.
 * units/unit.rules.ts, indicators/indicator.rules.ts). Each failure is a
 * BAD_USER_INPUT naming the field, so a form or an import report can point at it.
 */

const KEYWORD = /^[a-z][a-z0-9_]{0,63}$/;

export function checkCode(value: string, field: string): string {
  if (!isCode(value)) throw notACode(value, field);
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
