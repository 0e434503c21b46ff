/**
 * The ids of indicator and unit codes as last seen, per process, for observation pages filtered
 * on one indicator or one unit. Written as `o.indicator_id = (select id from indicator where
 * code = $1)`, the id is unknown when PostgreSQL plans the page, so it estimates the rows of an
 * "average" indicator: on the bench data at scale 10, 141 where the asked one has 898, and it
 * read all 898 and sorted them instead of walking the (indicator_id, year, id) index for its
 * first 100 (under EXPLAIN ANALYZE, 1.6 ms planning and 2.1 ms execution against 0.3 and 0.7 ms). With the id itself as the parameter the planner looks up that
 * id's own statistics.
 *
 * An id kept here is never trusted: the statement that uses it also checks the code in that same
 * snapshot, and an answer read with an id that is not the code's is read again with the right
 * one. The observation page returns the code's id (checkSql) and a code never seen, or unknown,
 * is read first with NO_ID, which matches no row (observation-page.reads.ts); a unit with its
 * observations asks for `id = ? and code = ?` (unit-observations.reads.ts, which also needs the
 * id before its statement, for the response cache's tags). Only codes that exist are kept, so
 * the maps are bounded by the tables (and by MAX_KEPT).
 */
export type CodeKind = "indicator" | "unit";

/** An id no row has (serial ids start at 1): the page of a code not (yet) known is empty. */
export const NO_ID = -1;
const MAX_KEPT = 10_000;

const kept: Record<CodeKind, Map<string, number>> = { indicator: new Map(), unit: new Map() };

const TABLE: Record<CodeKind, string> = {
  indicator: "indicator",
  unit: "administrative_unit",
};

/** The id last seen for `code`, or NO_ID. */
export const keptId = (kind: CodeKind, code: string): number => kept[kind].get(code) ?? NO_ID;

/** Notes the id a statement found for `code` (null: no such code, nothing is kept). */
export function noteId(kind: CodeKind, code: string, id: number | null): void {
  const map = kept[kind];
  if (id === null) {
    map.delete(code);
    return;
  }
  if (map.size >= MAX_KEPT && !map.has(code)) map.clear();
  map.set(code, id);
}

/** A select-list expression: the id of the code given as the `?` parameter, now. */
export const checkSql = (kind: CodeKind): string =>
  `(select id from ${TABLE[kind]} where code = ?)`;
