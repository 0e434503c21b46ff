import type { EntityManager } from "@mikro-orm/postgresql";

export type Row = Record<string, unknown>;

/**
 * A thin SQL writer for the seeders, bound to one transaction. Seeds are upserted on their natural
 * keys, so loading the same files twice leaves every row (and every id) as it was.
 */
export class SqlWriter {
  constructor(private readonly em: EntityManager) {}

  async query<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    const conn = this.em.getConnection();
    return conn.execute<T[]>(sql, params, "all", this.em.getTransactionContext());
  }

  /**
   * Inserts rows or updates them in place on a key conflict; returns id by key ("a|b|c").
   * Values that are objects or arrays are sent as JSON.
   */
  async upsert(
    table: string,
    key: string[],
    rows: Row[],
    chunk = 500,
    keepWhere?: string,
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    if (!rows.length) return ids;
    const columns = Object.keys(rows[0]);
    const updates = columns.filter(c => !key.includes(c));
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const params: unknown[] = [];
      const values = part.map(row => {
        const cells = columns.map(c => {
          params.push(toParam(row[c]));
          return "?";
        });
        return `(${cells.join(", ")})`;
      });
      const set = updates.length
        ? `do update set ${updates.map(c => `"${c}" = excluded."${c}"`).join(", ")}`
        : `do update set "${key[0]}" = excluded."${key[0]}"`;
      // `keepWhere` names rows a reload must not overwrite (e.g. values a steward corrected).
      const guard = keepWhere ? ` where not (${keepWhere})` : "";
      const sql =
        `insert into "${table}" (${columns.map(c => `"${c}"`).join(", ")}) values ${values.join(", ")} ` +
        `on conflict (${key.map(c => `"${c}"`).join(", ")}) ${set}${guard} returning id, ${key.map(c => `"${c}"`).join(", ")}`;
      for (const r of await this.query<Row>(sql, params)) {
        ids.set(key.map(c => String(r[c])).join("|"), Number(r.id));
      }
    }
    return ids;
  }

  /** Replaces the pivot rows of the given owners with exactly `pairs`. */
  async replacePivot(
    table: string,
    ownerColumn: string,
    otherColumn: string,
    owners: number[],
    pairs: [number, number][],
  ): Promise<void> {
    if (owners.length) {
      await this.query(
        `delete from "${table}" where "${ownerColumn}" in (${owners.map(() => "?").join(", ")})`,
        owners,
      );
    }
    if (pairs.length) {
      const values = pairs.map(() => "(?, ?)").join(", ");
      await this.query(
        `insert into "${table}" ("${ownerColumn}", "${otherColumn}") values ${values} on conflict do nothing`,
        pairs.flat(),
      );
    }
  }
}

function toParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return JSON.stringify(value);
  }
  return value;
}

/** Looks a code up, failing with a message that names the file and the missing code. */
export function lookup(map: Map<string, number>, code: string, what: string): number {
  const id = map.get(code);
  if (id === undefined) throw new Error(`Seed data refers to an unknown ${what} "${code}"`);
  return id;
}

export function maybe(
  map: Map<string, number>,
  code: string | null | undefined,
  what: string,
): number | null {
  return code === null || code === undefined || code === "" ? null : lookup(map, code, what);
}
