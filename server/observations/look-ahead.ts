import type { EntityManager } from "@mikro-orm/postgresql";
import type { GraphQLResolveInfo } from "graphql";
import { plainColumns, selectedFields } from "../graphql/look-ahead.js";
import type { Joins } from "./observation.reads.js";

/**
 * For a field returning observations: the unit, indicator and source to join into the same
 * statement, for each one whose selected fields (under any of `paths`, e.g. nodes and
 * edges.node of a connection) are all plain columns. All paths must agree, else no join.
 */
export function observationJoins(
  em: EntityManager,
  info: GraphQLResolveInfo,
  ...paths: string[][]
): Joins {
  const joins: Joins = {};
  const entities = {
    unit: "AdministrativeUnit",
    indicator: "Indicator",
    source: "Source",
  } as const;
  for (const relation of ["unit", "indicator", "source"] as const) {
    const fields = new Set<string>();
    let asked = false;
    for (const path of paths) {
      const below = selectedFields(info, [...path, relation]);
      if (below) {
        asked = true;
        for (const f of below) fields.add(f);
      }
    }
    if (asked) joins[relation] = plainColumns(em, entities[relation], fields);
  }
  return joins;
}

/**
 * The fields selected on an observation under any of `paths` (the rows are built with these
 * and what their resolvers need, observation.reads.ts); null when none is selected there.
 */
export function observationFields(info: GraphQLResolveInfo, ...paths: string[][]) {
  let fields: Set<string> | null = null;
  for (const path of paths) {
    const below = selectedFields(info, path);
    if (below) fields = new Set([...(fields ?? []), ...below]);
  }
  return fields;
}
