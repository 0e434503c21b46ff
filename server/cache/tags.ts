/**
 * What a cached answer read, and what a committed write changed, in the same vocabulary, so
 * a write empties only the answers it could have changed.
 *
 * Read tags (attached to a cache entry):
 * - `observation`: read rows of that table, any rows (from the SQL the request ran);
 * - `observation:unit:12`, `observation:dataset:OFFICIAL`: read only rows of that table whose
 *   unit (data set) is among the tags' values (declared by the code that ran that statement,
 *   see narrowReads in read-tags.ts);
 * - `*`: could not tell; emptied by every write.
 *
 * Changes (the NOTIFY payload of osh_data_changed, see Migration20261130190000):
 * `observation unit:12,40 dataset:OFFICIAL`; a missing dimension means "any value"; a bare
 * table name (the other tables, a TRUNCATE) means any row of it.
 */
export const ANY = "*";

export interface DataChange {
  /** The table written; null: unknown (a dropped LISTEN connection), which affects everything. */
  table: string | null;
  units: ReadonlySet<string> | null;
  datasets: ReadonlySet<string> | null;
}

export const EVERYTHING: DataChange = { table: null, units: null, datasets: null };

/** Reads a NOTIFY payload; anything it does not understand counts as a change to everything. */
export function parseChange(payload: string | null | undefined): DataChange {
  if (!payload) return EVERYTHING;
  const [table, ...parts] = payload.trim().split(/\s+/);
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) return EVERYTHING;
  let units: Set<string> | null = null;
  let datasets: Set<string> | null = null;
  for (const part of parts) {
    const colon = part.indexOf(":");
    const values = new Set(part.slice(colon + 1).split(","));
    if (part.startsWith("unit:")) units = values;
    else if (part.startsWith("dataset:")) datasets = values;
    else return { table, units: null, datasets: null }; // an unknown detail: the whole table
  }
  return { table, units, datasets };
}

/** Whether an answer that read `tags` may be different after `change`. */
export function affects(change: DataChange, tags: ReadonlySet<string>): boolean {
  if (change.table === null || tags.has(ANY) || tags.has(change.table)) return true;
  const prefix = `${change.table}:`;
  for (const tag of tags) {
    if (!tag.startsWith(prefix)) continue;
    const rest = tag.slice(prefix.length);
    const colon = rest.indexOf(":");
    const dimension = rest.slice(0, colon);
    const value = rest.slice(colon + 1);
    const values =
      dimension === "unit" ? change.units : dimension === "dataset" ? change.datasets : null;
    // A dimension the change does not detail (or one this code does not know) matches.
    if (!values || values.has(value)) return true;
  }
  return false;
}
