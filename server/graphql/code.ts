import {
  defaultFieldResolver,
  getNamedType,
  GraphQLScalarType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { BadInputError } from "./errors.js";

/**
 * The codes that name units, indicators, sources, programmes, sites, agencies and instruments:
 * lower-case letters, digits and dashes, starting with a letter or digit, at most 64 characters
 * (the size of every code column). The one definition: the `Code` scalar, the write rules
 * (field-rules.ts) and the CSV import all use it.
 */
export const CODE_MAX = 64;
const CODE = new RegExp(`^[a-z0-9][a-z0-9-]{0,${CODE_MAX - 1}}$`);

export const isCode = (value: string): boolean => CODE.test(value);

/** The refusal of a value that is not a code, in Vietnamese and English, naming the field. */
export function notACode(value: string, field: string): BadInputError {
  return new BadInputError(
    `${field}: "${value.slice(0, 40)}" không phải là mã hợp lệ (chữ thường, chữ số và dấu gạch ngang, tối đa ${CODE_MAX} ký tự) / is not a valid code (lower-case letters, digits and dashes, at most ${CODE_MAX})`,
    field,
  );
}

/**
 * A code in arguments and inputs. Parsing only asks for a string: the format is checked by
 * `guardCodeArguments`, which knows the argument's name, so the BAD_USER_INPUT names its field
 * (a scalar's own parse error cannot: it reaches the client as a variable or validation error).
 */
export const Code = new GraphQLScalarType<string, string>({
  name: "Code",
  description: `A code: lower-case letters, digits and dashes, at most ${CODE_MAX} characters (e.g. hai-phong-34)`,
  serialize: value => String(value),
  parseValue: value => {
    if (typeof value !== "string") throw new TypeError("A code is a string");
    return value;
  },
  parseLiteral: node => {
    if (node.kind !== Kind.STRING) throw new TypeError("A code is a string");
    return node.value;
  },
});

/** Checks the codes in one value of the given input type; `field` as the write rules name it. */
function checkValue(type: GraphQLInputType, value: unknown, field: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, field);
  if (isListType(type)) {
    if (Array.isArray(value)) for (const item of value) checkValue(type.ofType, item, field);
    return;
  }
  if (type === Code || (type as { name?: string }).name === Code.name) {
    if (typeof value === "string" && !isCode(value)) throw notACode(value, field);
    return;
  }
  if (isInputObjectType(type) && typeof value === "object") {
    const fields = type.getFields();
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const f = fields[key];
      if (f) checkValue(f.type, inner, field ? `${field}.${key}` : key);
    }
  }
}

/** Whether a code can occur anywhere in a value of this input type. */
function mayHoldCode(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === Code.name) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some(f => mayHoldCode(f.type, seen));
}

/**
 * Wraps the resolver of every field with a code among its arguments with the check, in one place
 * so that no code argument can be forgotten. Fields are named as the control-character check
 * names them: an argument by its name, an input's field by its path inside the input.
 */
export function guardCodeArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const args = field.args.filter(a => mayHoldCode(a.type));
      if (!args.length) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, values, context, info) => {
        for (const arg of args) {
          const isInput = isInputObjectType(getNamedType(arg.type));
          checkValue(arg.type, values[arg.name], isInput ? "" : arg.name);
        }
        return resolve(root, values, context, info);
      };
    }
  }
  return schema;
}
