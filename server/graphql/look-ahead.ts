import type { EntityManager } from "@mikro-orm/postgresql";
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

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

function fieldsOf(
  info: GraphQLResolveInfo,
  set: SelectionSetNode,
): { name: string; selectionSet?: SelectionSetNode }[] {
  return set.selections.flatMap(s => {
    if (s.kind === Kind.FIELD) return [{ name: s.name.value, selectionSet: s.selectionSet }];
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
