import type { EntityManager } from "@mikro-orm/postgresql";
import type { SplitFilter } from "../graphql/page-statement.js";
import { runStatement, statement } from "../graphql/sql-statement.js";

const UNIT_IDS = statement(
  "unit-ids-by-code",
  () => `select id from administrative_unit where code = any(?)`,
);

/**
 * The ids of the units with these codes (an unknown code has none). A list page filtered on
 * units by id instead of through a join on the unit's code is planned with the ids known, so
 * PostgreSQL sees how many rows a unit has and reads them by a (unit_id, ...) index: a
 * province's rows sit together in the table's order, not spread evenly through it as a join's
 * estimate assumes (Migration20261202040000).
 */
export async function unitIdsByCode(
  em: EntityManager,
  codes: readonly string[],
): Promise<number[]> {
  if (!codes.length) return [];
  const rows = await runStatement<{ id: number }>(em, UNIT_IDS, [codes]);
  return rows.map(r => r.id);
}

/**
 * A list's `units` argument as findConnection's `split` filter on `property` (list-query.ts):
 * the rows of these units, read unit by unit from the table's (unit_id, ...) index and merged.
 * Undefined when the list is not filtered on units.
 */
export async function unitsSplit(
  em: EntityManager,
  codes: readonly string[] | null | undefined,
  property: string,
): Promise<SplitFilter | undefined> {
  return codes ? { property, ids: await unitIdsByCode(em, codes) } : undefined;
}
