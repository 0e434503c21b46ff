/**
 * Server validation errors in the user's language, next to the field they name. The server
 * answers BAD_USER_INPUT with `extensions.field` and an English message (some are bilingual);
 * the common ones are recognised here and said in the current language, the rest shown as sent.
 */
import type { GraphQLErrorBody } from "../api/client.js";
import type { MessageKey } from "./messages.js";

const PATTERNS: [RegExp, MessageKey][] = [
  [/between 0 and 100/, "error.percent"],
  [/whole number/, "error.whole"],
  [/must not be negative/, "error.negative"],
  [/must be a number/, "error.number"],
  [/0 or 1/, "error.binary"],
  [/http\(s\) address/, "error.url"],
  [/is required/, "error.required"],
];

export interface FieldError {
  /** The input field the error belongs to (`extensions.field`), or null for the whole form. */
  field: string | null;
  /** A translation key when the message is one we know, else null (show `message`). */
  key: MessageKey | null;
  message: string;
}

export function fieldError(error: GraphQLErrorBody): FieldError {
  const field = typeof error.extensions?.field === "string" ? error.extensions.field : null;
  const code = error.extensions?.code;
  let key: MessageKey | null = null;
  if (code === "FORBIDDEN") key = "error.forbidden";
  else if (code === "UNAUTHENTICATED") key = "error.unauthenticated";
  else key = PATTERNS.find(([re]) => re.test(error.message))?.[1] ?? null;
  return { field, key, message: error.message };
}

/**
 * A number as a person types it, in either language's format: '1.234,5' or '1,234.5' or
 * '12,5' -> 12.5. Null when it is not a number (a letter, two decimal marks, empty).
 */
export function parseNumberInput(text: string): number | null {
  const s = text.trim().replace(/\s/g, "");
  if (!/^-?[\d.,]+$/.test(s)) return null;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  let normal: string;
  if (lastComma >= 0 && lastDot >= 0) {
    // The later mark is the decimal one; the other groups thousands.
    normal = lastComma > lastDot ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
  } else if (lastComma >= 0) {
    // '1,234' with three digits after one comma groups thousands only when there are several groups.
    normal = /^-?\d{1,3}(,\d{3}){2,}$/.test(s) ? s.replace(/,/g, "") : s.replace(",", ".");
  } else if (lastDot >= 0) {
    normal = /^-?\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, "") : s;
  } else normal = s;
  if ((normal.match(/\./g) ?? []).length > 1) return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}
