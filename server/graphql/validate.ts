import { codes as codesRule } from "./field-rules.js";
import { validateField } from "./inputs.js";

/** One schema per limit: building a zod schema costs more than checking a few codes with it. */
const rules = new Map<number, ReturnType<typeof codesRule>>();

/**
 * A list of codes checked under the name its caller gives it (the zod rule of field-rules.ts), for
 * lookups that take codes from services rather than arguments; the refusal names the field.
 */
export function checkCodes(codes: string[] | null | undefined, field: string, max = 200): void {
  if (!codes) return;
  let rule = rules.get(max);
  if (!rule) rules.set(max, (rule = codesRule(max)));
  validateField(rule, codes, field);
}
