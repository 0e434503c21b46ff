/**
 * Rows that PostgreSQL hands over as JSON columns, not as JSON objects.
 *
 * `json_agg(json_build_object('id', o.id, 'year', o.year, ...))` costs PostgreSQL a type
 * lookup and an output call for every key and value of every row: ~2.7 µs a row, ~1.1 of the
 * 1.4 ms a unit's 401 observations took at bench scale 100, against 0.2 ms to select them. One
 * `json_agg` per column keeps the value's type in the aggregate's state and writes each array
 * once: the same statement in 0.5-0.7 ms (EXPLAIN ANALYZE, 40 runs), and a page of 100
 * observations with their unit and source in 0.3-0.4 ms instead of 0.7-0.8. Every aggregate
 * has the same ORDER BY, a total order (it ends with the id), so the columns line up;
 * PostgreSQL 16 and later sort once for all of them (presorted aggregates), older versions
 * sort per column with the same result. Node turns the columns back into the row objects
 * `json_build_object` gave (columnRows).
 */

/** A row's key and the SQL of its value. Keys are property names (identifiers), never input. */
export type JsonPair = [key: string, sql: string];

/** A related row nested under `key`: its own pairs, or null where `nullWhen` holds. */
export interface JsonNested {
  key: string;
  pairs: JsonPair[];
  /** SQL that is true where the related row is absent (a left join); none: always present. */
  nullWhen?: string;
}

export type JsonColumn = JsonPair | JsonNested;

/** The SQL aggregate: `json_build_array(json_agg(<column> order by <orderBy>), ...)`. */
export function jsonColumnsSql(columns: JsonColumn[], orderBy: string): string {
  const values: string[] = [];
  for (const column of columns) {
    if (Array.isArray(column)) {
      values.push(column[1]);
      continue;
    }
    if (column.nullWhen) values.push(`(${column.nullWhen})`);
    for (const [, sql] of column.pairs) values.push(sql);
  }
  return `json_build_array(${values.map(v => `json_agg(${v} order by ${orderBy})`).join(", ")})`;
}

/**
 * The rows of a `jsonColumnsSql` value (null or null columns, from no rows at all: none), each
 * an object with the keys in `columns`' order and nested objects (or null) where declared: what
 * `json_agg(json_build_object(...))` gave for the same columns.
 */
export function columnRows<T>(columns: JsonColumn[], value: unknown): T[] {
  const arrays = value as (unknown[] | null)[] | null;
  if (!arrays || !arrays[0]) return [];
  const n = arrays[0].length;
  const rows = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    let at = 0;
    for (const column of columns) {
      if (Array.isArray(column)) {
        row[column[0]] = arrays[at++]![i];
        continue;
      }
      const absent = column.nullWhen ? arrays[at++]![i] === true : false;
      if (absent) {
        row[column.key] = null;
        at += column.pairs.length;
        continue;
      }
      const nested: Record<string, unknown> = {};
      for (const [key] of column.pairs) nested[key] = arrays[at++]![i];
      row[column.key] = nested;
    }
    rows[i] = row as T;
  }
  return rows;
}
