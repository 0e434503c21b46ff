import { BadInputError } from "./errors.js";
import { codes as codesRule, text } from "./field-rules.js";
import { validateField } from "./inputs.js";

/**
 * Argument checks of the read queries whose arguments have no schema yet (the zod rules of
 * field-rules.ts applied under the argument's name); each names the field it rejects.
 */
export function checkYearRange(
  yearFrom: number | null | undefined,
  yearTo: number | null | undefined,
  field = "yearFrom",
): void {
  for (const [name, y] of [
    ["yearFrom", yearFrom],
    ["yearTo", yearTo],
  ] as const) {
    if (y !== null && y !== undefined && (y < 1990 || y > 2100)) {
      throw new BadInputError(`${name} must be a year between 1990 and 2100, got ${y}`, name);
    }
  }
  if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
    throw new BadInputError(`yearFrom (${yearFrom}) is after yearTo (${yearTo})`, field);
  }
}

export function checkCodes(codes: string[] | null | undefined, field: string, max = 200): void {
  if (codes) validateField(codesRule(max), codes, field);
}

export function checkText(value: string | null | undefined, field: string, max = 200): void {
  if (value != null) validateField(text(max), value, field);
}
