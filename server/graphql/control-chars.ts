import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from "graphql";
import { BadInputError } from "./errors.js";

/**
 * Control characters are refused in every text argument of every query and mutation, in one
 * place, so that no input can be forgotten: PostgreSQL cannot store NUL (a NUL in a URL was an
 * INTERNAL_SERVER_ERROR), and the other C0 characters and DEL are never typed on purpose but
 * break CSV exports, logs and the pages that show the text.
 *
 * Single-line text (codes, names, titles, URLs) refuses all of C0 and DEL. The few fields whose
 * text is legitimately several lines keep tab, newline and carriage return: they are listed here
 * by argument or input field name (a new multi-line field must be added, else newlines are refused).
 */
export const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set(["note", "quote", "csv", "summary"]);

const SINGLE_LINE = /[\u0000-\u001f\u007f]/;
const MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The first control character not allowed in the text, or null. */
export function controlCharacter(text: string, multiLine: boolean): string | null {
  const found = (multiLine ? MULTI_LINE : SINGLE_LINE).exec(text);
  return found ? found[0] : null;
}

/** The message for a refused control character, in Vietnamese and English. */
export function controlCharacterMessage(field: string, c: string): string {
  const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return `${field}: có ký tự điều khiển ${code} / contains the control character ${code}`;
}

export function checkNoControlCharacters(
  text: string,
  field: string,
  multiLine = MULTI_LINE_FIELDS.has(field),
): void {
  const c = controlCharacter(text, multiLine);
  if (c !== null) throw new BadInputError(controlCharacterMessage(field, c), field);
}

/**
 * Walks an argument value. Fields are named as the write rules name them: the path of input
 * fields without the argument holding the input and without list positions (e.g. `cases.disease`).
 */
function walk(value: unknown, field: string, multiLine: boolean): void {
  if (typeof value === "string") checkNoControlCharacters(value, field, multiLine);
  else if (Array.isArray(value)) for (const item of value) walk(item, field, multiLine);
  else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      walk(inner, field ? `${field}.${key}` : key, MULTI_LINE_FIELDS.has(key));
    }
  }
}

export function checkArguments(args: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(args)) {
    const isInput = value !== null && typeof value === "object" && !Array.isArray(value);
    walk(value, isInput ? "" : name, MULTI_LINE_FIELDS.has(name));
  }
}

/**
 * Wraps the resolver of every field that takes arguments (every mutation and query, and the few
 * object fields with a filter) with the check. Not a type-graphql global middleware: that would
 * wrap every field of every object in a response, a cost paid on each row for nothing.
 */
export function guardTextArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context, info) => {
        checkArguments(args);
        return resolve(root, args, context, info);
      };
    }
  }
  return schema;
}
