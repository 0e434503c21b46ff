import type { EntityManager } from "@mikro-orm/postgresql";
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";

/**
 * GraphQL look-ahead: which fields a request selects below the current field, so a resolver can
 * fetch a related row in the same SQL statement instead of one more statement per relation.
 */

/** The field names selected at `path` below the current field (fragments included); null if none. */
export function selectedFields(info: GraphQLResolveInfo, path: string[]): Set<string> | null {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap(n =>
    n.selectionSet ? [n.selectionSet] : [],
  );
  for (const name of path) {
    sets = sets.flatMap(set =>
      fieldsOf(info, set).flatMap(f => (f.name === name && f.selectionSet ? [f.selectionSet] : [])),
    );
    if (!sets.length) return null;
  }
  return new Set(sets.flatMap(set => fieldsOf(info, set).map(f => f.name)));
}

/**
 * The arguments (variables applied) of the field `name` selected directly below the current
 * field, when it is selected exactly once; null when it is not selected, or selected more than
 * once (aliases, possibly with other arguments), where a caller cannot read ahead for it.
 */
export function soleFieldArguments(
  info: GraphQLResolveInfo,
  name: string,
): Record<string, unknown> | null {
  const parent = getNamedType(info.returnType);
  const definition = isObjectType(parent) ? parent.getFields()[name] : undefined;
  if (!definition) return null;
  const nodes = info.fieldNodes
    .flatMap(n => (n.selectionSet ? fieldsOf(info, n.selectionSet) : []))
    .filter(f => f.name === name);
  if (nodes.length !== 1) return null;
  return getArgumentValues(definition, nodes[0].node, info.variableValues);
}

function fieldsOf(
  info: GraphQLResolveInfo,
  set: SelectionSetNode,
): { name: string; selectionSet?: SelectionSetNode; node: FieldNode }[] {
  return set.selections.flatMap(s => {
    if (s.kind === Kind.FIELD) {
      return [{ name: s.name.value, selectionSet: s.selectionSet, node: s }];
    }
    if (s.kind === Kind.INLINE_FRAGMENT) return fieldsOf(info, s.selectionSet);
    const fragment = info.fragments[s.name.value];
    return fragment ? fieldsOf(info, fragment.selectionSet) : [];
  });
}

/**
 * The columns to select for an entity when every selected field is a plain column of it
 * (`property -> column`), or null when any field needs its own resolver (a relation, a getter):
 * then the caller keeps the batched entity path, which serves every field.
 */
export function plainColumns(
  em: EntityManager,
  entityName: string,
  fields: Set<string> | null,
): Map<string, string> | null {
  if (!fields) return null;
  const meta = em.getMetadata().find(entityName);
  if (!meta) return null;
  const columns = new Map<string, string>();
  for (const field of fields) {
    if (field === "__typename") continue;
    const prop = meta.properties[field];
    if (!prop || prop.kind !== "scalar" || prop.fieldNames?.length !== 1) return null;
    columns.set(field, prop.fieldNames[0]);
  }
  return columns;
}
