import { isObjectType, type GraphQLSchema } from "graphql";
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
  return schema;
}
