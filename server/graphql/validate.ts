import { isCode, notACode } from "./code.js";
import { BadInputError } from "./errors.js";

/** Small argument checks shared by the resolvers; each names the field it rejects. */
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
  if (!codes) return;
  if (codes.length > max) throw new BadInputError(`${field} accepts at most ${max} codes`, field);
  for (const code of codes) {
    if (!isCode(code)) throw notACode(code, field);
  }
}

export function checkText(text: string | null | undefined, field: string, max = 200): void {
  if (text != null && text.length > max) {
    throw new BadInputError(`${field} is longer than ${max} characters`, field);
  }
}
