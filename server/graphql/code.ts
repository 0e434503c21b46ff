import { GraphQLScalarType, Kind } from "graphql";

/**
 * The codes that name units, indicators, sources, programmes, sites, agencies and instruments:
 * lower-case letters, digits and dashes, starting with a letter or digit, at most 64 characters
 * (the size of every code column). The one definition: the `Code` scalar, the zod rule `code`
 * (field-rules.ts) that every input schema and the CSV import use.
 */
export const CODE_MAX = 64;
export const CODE_PATTERN = new RegExp(`^[a-z0-9][a-z0-9-]{0,${CODE_MAX - 1}}$`);

/**
 * A code in arguments and inputs. Parsing only asks for a string: the format is checked by the
 * input schemas (graphql/inputs.ts), which know the field's name, so the BAD_USER_INPUT names its
 * field (a scalar's own parse error cannot: it reaches the client as a variable or validation error).
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
