import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from "graphql";
import type { ResolverData, ValidatorFn } from "type-graphql";
import type { z } from "zod";
import { Code, CODE_PATTERN } from "./code.js";
import { controlCharacter, controlCharacterMessage, MULTI_LINE_FIELDS } from "./control-chars.js";
import { BadInputError } from "./errors.js";
import { code as codeRule } from "./field-rules.js";
import { datasetsRule } from "./datasets.js";

/**
 * The one validation layer. Each @InputType and @ArgsType class declares its zod schema here
 * (`inputSchema` / `argsSchema`, next to the class); `validateArguments` is type-graphql's
 * `validateFn` (server/schema.ts), so every argument is checked before any resolver runs, and the
 * CSV layouts check their rows with the same schemas (`validateInput`). A zod issue becomes a
 * BAD_USER_INPUT whose `extensions.field` is the issue's path, named as the forms and import
 * reports name it: the fields inside an input without the argument holding it, list positions
 * left out (e.g. `cases.disease`).
 *
 * Only rules about the value itself live here. Rules that need the database (the unit existed in
 * that year, the user may write it, the code is known, the record is not there already) stay in
 * the services, which throw the same BadInputError.
 */

type Class = abstract new (...args: never[]) => unknown;
interface Entry {
  schema: z.ZodType;
  /** An @ArgsType: the first step of a path is the argument, left out when it holds an input. */
  args: boolean;
}
const registry = new Map<Class, Entry>();

/** Declares the schema of an @InputType class; returns it, to compose into other schemas. */
export function inputSchema<S extends z.ZodType>(type: Class, schema: S): S {
  registry.set(type, { schema, args: false });
  return schema;
}

/** Declares the schema of an @ArgsType class (its keys are the argument names). */
export function argsSchema<S extends z.ZodType>(type: Class, schema: S): S {
  registry.set(type, { schema, args: true });
  return schema;
}

/** Whether a class declared its schema (a test lists every input and args class that did not). */
export const hasSchema = (type: Class): boolean => registry.has(type);

/** The field an issue names: its path without list positions (and the argument holding an input). */
export function fieldOf(path: readonly PropertyKey[], args = false): string {
  let names = path.filter((p): p is string => typeof p === "string");
  if (args && names.length > 1) names = names.slice(1);
  return names.join(".");
}

/** The first issue of a failed parse as a BAD_USER_INPUT, or null when the value is valid. */
export function inputProblem(
  schema: z.ZodType,
  value: unknown,
  args = false,
): BadInputError | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const field = fieldOf(issue.path, args);
  return new BadInputError(
    field ? `${field}: ${issue.message}` : issue.message,
    field || undefined,
  );
}

/** Checks a value against a schema; the first issue is thrown as a BAD_USER_INPUT naming its field. */
export function validateInput(schema: z.ZodType, value: unknown, args = false): void {
  const problem = inputProblem(schema, value, args);
  if (problem) throw problem;
}

/** Checks one value that a service holds under the name `field` (e.g. a patch merged with the stored record). */
export function validateField(schema: z.ZodType, value: unknown, field: string): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  const inner = fieldOf(issue.path);
  const name = inner ? `${field}.${inner}` : field;
  throw new BadInputError(`${name}: ${issue.message}`, name);
}

/**
 * type-graphql's validateFn: each argument (an args object, an input, or a scalar) before the
 * resolver. First the two rules that hold for every argument, schema or not (no control
 * characters in text, a Code is a code), so that no text can be forgotten by a schema and a
 * control character is named before any other mistake of the same input; then the schema.
 */
export const validateArguments: ValidatorFn = (value, type, data) => {
  checkEveryArgument(data);
  const entry = typeof type === "function" ? registry.get(type as Class) : undefined;
  if (!entry || value === null || value === undefined) return;
  for (const item of Array.isArray(value) ? value : [value]) {
    validateInput(entry.schema, item, entry.args);
  }
};

// The rules for every argument are checked from the field's GraphQL argument types (so scalars
// declared with @Arg and inputs without a schema get them too), once per field call.
const checked = new WeakSet<object>();

function checkEveryArgument({ args, info }: ResolverData): void {
  if (checked.has(args)) return;
  checked.add(args);
  const field = info.parentType.getFields()[info.fieldName];
  for (const arg of field?.args ?? []) {
    const isInput = isInputObjectType(getNamedType(arg.type));
    checkValue(arg.type, args[arg.name], isInput ? "" : arg.name, arg.name);
  }
}

function checkValue(type: GraphQLInputType, value: unknown, field: string, key: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, field, key);
  if (isListType(type)) {
    // One meaning of `datasets` everywhere (datasets.ts): an empty list is refused.
    if (key === "datasets" && Array.isArray(value) && !value.length) {
      validateField(datasetsRule, value, field);
    }
    if (Array.isArray(value)) for (const item of value) checkValue(type.ofType, item, field, key);
    return;
  }
  if (typeof value === "string") {
    const c = controlCharacter(value, MULTI_LINE_FIELDS.has(key));
    if (c !== null) throw new BadInputError(controlCharacterMessage(field, c), field);
    // The pattern first: this runs on every read, and zod only words the refusal.
    if (
      (type === Code || (type as { name?: string }).name === Code.name) &&
      !CODE_PATTERN.test(value)
    ) {
      const problem = inputProblem(codeRule, value);
      if (problem) throw new BadInputError(`${field}: ${problem.message}`, field);
    }
    return;
  }
  if (isInputObjectType(type) && typeof value === "object") {
    const fields = type.getFields();
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const f = fields[name];
      if (f) checkValue(f.type, inner, field ? `${field}.${name}` : name, name);
    }
  }
}
