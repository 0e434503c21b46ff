import { codes as codesRule } from "./field-rules.js";
import { validateField } from "./inputs.js";

/**
 * A list of codes checked under the name its caller gives it (the zod rule of field-rules.ts), for
 * lookups that take codes from services rather than arguments; the refusal names the field.
 */
export function checkCodes(codes: string[] | null | undefined, field: string, max = 200): void {
  if (codes) validateField(codesRule(max), codes, field);
}
