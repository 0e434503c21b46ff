/**
 * Server validation errors in the user's language, next to the field they name. The server
 * answers BAD_USER_INPUT with `extensions.field`, an English message (some are bilingual) and,
 * for the refusals a form can meet, `extensions.reason` with the `values` it names
 * (server/graphql/errors.ts): those are said in the current language; so are the common value
 * checks, recognised by their wording; the rest is shown as sent.
 */
import type { GraphQLErrorBody } from "../api/client.js";
import type { Translate } from "./i18n.js";
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

const REASONS: Record<string, MessageKey> = {
  NOT_FOUND: "error.notFound",
  UNKNOWN_CODE: "error.unknownCode",
  ALREADY_EXISTS: "error.exists",
  NOT_A_DRAFT: "error.notDraft",
  SOURCE_REQUIRED: "error.sourceMissing",
  GENERATED_DATA: "error.generated",
  NOT_IN_YEAR: "error.notInYear",
  OUT_OF_PERIOD: "error.outOfPeriod",
  MEASURE_MISMATCH: "error.measure",
  IN_USE: "error.inUse",
  DATA_RULE: "error.dataRule",
  VALUE_REJECTED: "error.valueRejected",
  // FORBIDDEN
  READ_ONLY: "error.readOnly",
  ADMIN_ONLY: "error.adminOnly",
  OUT_OF_SCOPE: "error.outOfScope",
  FOUR_EYES: "error.fourEyes",
  AUTHOR_UNKNOWN: "error.authorUnknown",
};

export interface FieldError {
  /** The input field the error belongs to (`extensions.field`), or null for the whole form. */
  field: string | null;
  /** A translation key when the message is one we know, else null (show `message`). */
  key: MessageKey | null;
  /** The values the translation names (`extensions.values`), as text. */
  params?: Record<string, string>;
  message: string;
}

export function fieldError(error: GraphQLErrorBody): FieldError {
  const ext = error.extensions ?? {};
  const field = typeof ext.field === "string" ? ext.field : null;
  const params: Record<string, string> = {};
  if (ext.values && typeof ext.values === "object") {
    for (const [name, value] of Object.entries(ext.values as Record<string, unknown>)) {
      if (typeof value === "string" || typeof value === "number") params[name] = String(value);
    }
  }
  let key: MessageKey | null = null;
  if (ext.code === "UNAUTHENTICATED") key = "error.unauthenticated";
  else if (typeof ext.reason === "string" && REASONS[ext.reason]) {
    key = REASONS[ext.reason];
    // A value that exists: name it when the server did (indicator, unit and year).
    if (key === "error.exists" && params.indicator && params.unit && params.year) {
      key = "error.valueExists";
    }
  } else if (ext.code === "FORBIDDEN") key = "error.forbidden";
  else key = PATTERNS.find(([re]) => re.test(error.message))?.[1] ?? null;
  return Object.keys(params).length
    ? { field, key, params, message: error.message }
    : { field, key, message: error.message };
}

/**
 * The error with the codes its form can name said by name: the server's refusal names an
 * indicator or unit by code ("oa-deaths", "hai-phong-63"), which a provincial officer does not
 * read; the form that sent the write knows what it was entering. `names`: for a parameter
 * (`indicator`, `unit`), the code the form sent and the name to show for it.
 */
export function withNames(
  error: FieldError,
  names: Record<string, { code: string; name: string }>,
): FieldError {
  if (!error.params) return error;
  const params = { ...error.params };
  for (const [param, { code, name }] of Object.entries(names)) {
    if (params[param] === code) params[param] = name;
  }
  return { ...error, params };
}

/** What to show for an error: its translation when it has one, else the server's message. */
export function errorText(error: FieldError, t: Translate): string {
  if (!error.key) return error.message;
  const params = { ...error.params };
  // An open end of a unit's or agency's existence reads "to today".
  if ("from" in params && !params.from) params.from = "…";
  if ("to" in params && !params.to) params.to = t("error.today");
  return t(error.key, params);
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
