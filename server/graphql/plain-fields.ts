import {
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLScalarSerializer,
  type GraphQLSchema,
} from "graphql";
import { getMetadataStorage } from "type-graphql";

/**
 * type-graphql gives every plain `@Field` property a resolver of its own (`root[name]`, behind
 * a middleware dispatcher) unless the field is marked `simple`. With no middlewares or roles
 * anywhere in this schema, that resolver does exactly what GraphQL's default does, but costs a
 * call and an object per field and value, and keeps graphql-jit from reading the property
 * inline. This drops it where it is provably the same: a property (not a getter or a
 * `@FieldResolver`), named as in the schema, with no arguments, middlewares or roles.
 */
export function plainFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const hasResolver = (target: unknown, name: string) =>
    storage.fieldResolvers.some(r => r.methodName === name && r.getObjectType?.() === target);
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const graphqlField = fields[field.schemaName];
      if (
        !graphqlField ||
        graphqlField.args.length > 0 ||
        field.name !== field.schemaName ||
        field.middlewares?.length ||
        field.roles?.length ||
        hasResolver(field.target, field.name)
      ) {
        continue;
      }
      graphqlField.resolve = undefined;
    }
  }
  for (const { typeName, field, key } of preloaded) {
    const type = schema.getType(typeName);
    const graphqlField = isObjectType(type) ? type.getFields()[field] : undefined;
    const resolve = graphqlField?.resolve;
    if (!graphqlField || !resolve) continue;
    graphqlField.resolve = preloadedOr(key, resolve);
  }
  rememberValidDates(schema);
  return schema;
}

// Distinct valid dates remembered; the data holds a few hundred (units' and sources' dates).
const MAX_DATES = 4096;
const remembering = new WeakSet<GraphQLScalarSerializer<unknown>>();

/**
 * graphql-scalars' `LocalDate` checks every date it writes out with a regular expression, a
 * `Date` built and printed back (`toISOString`) and a template string: per value, on every row
 * of a list, for text PostgreSQL already wrote as a canonical `YYYY-MM-DD`. Its output check
 * is wrapped here so that a string it has accepted once is returned at once after; anything
 * else (a new string, an invalid one, a non-string) goes through the scalar's own check, with
 * its own result or error. Inputs (parseValue, parseLiteral) are not touched. The scalar is
 * one shared object, so every field of type LocalDate gets the same, unchanged, answers.
 */
function rememberValidDates(schema: GraphQLSchema): void {
  const type = schema.getType("LocalDate");
  if (!isScalarType(type) || remembering.has(type.serialize)) return;
  const check = type.serialize;
  const valid = new Set<string>();
  const serialize: GraphQLScalarSerializer<unknown> = value => {
    if (typeof value === "string" && valid.has(value)) return value;
    const out = check(value);
    if (typeof value === "string" && out === value && valid.size < MAX_DATES) valid.add(value);
    return out;
  };
  remembering.add(serialize);
  type.serialize = serialize;
}

const preloaded: { typeName: string; field: string; key: string }[] = [];

/**
 * Declares that a plain row read for `typeName` may carry the value of `field` already, under
 * `key` (e.g. an observation's `unitRow`, joined by look-ahead): the field then answers it
 * straight from the row, and calls its type-graphql resolver (a wrapper, a parameter array and
 * an object per call, on every row of a list) only when the row has no such key (undefined),
 * as an entity or a row read without the join has not. Only for fields without arguments,
 * middlewares or roles, whose resolver would return that value unchanged. Call at module load,
 * before the schema is built.
 */
export function preloadedField(typeName: string, field: string, key: string): void {
  preloaded.push({ typeName, field, key });
}

/** The key declared for `typeName.field` by preloadedField, or null. */
export function preloadedKey(typeName: string, field: string): string | null {
  return preloaded.find(p => p.typeName === typeName && p.field === field)?.key ?? null;
}

function preloadedOr(key: string, resolve: GraphQLFieldResolver<unknown, unknown>) {
  const fast: GraphQLFieldResolver<unknown, unknown> = (root, args, context, info) => {
    const value = (root as Record<string, unknown> | null)?.[key];
    return value !== undefined ? value : resolve(root, args, context, info);
  };
  return fast;
}
