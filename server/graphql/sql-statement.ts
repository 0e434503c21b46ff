import type { EntityManager, Knex } from "@mikro-orm/postgresql";
import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * Hand-written read statements whose text is built once per shape (which filters are present,
 * which order, which related columns are joined) and kept, instead of rebuilding it through
 * knex's query builder on every request (4-7 % of CPU in the peer bench profile). Values are
 * never part of the text: they travel as bind parameters, written `?` by the builders and
 * numbered `$1, $2, ...` here, once per shape.
 *
 * Statements are not named (server-side prepared) unless their caller says so. Named,
 * PostgreSQL may switch one to a generic plan after five runs; forced on the test data, the
 * indicator page's generic plan (`i.code = any($2) ... limit $3`) scans the whole observation
 * table with hash joins where the custom plan walks one indicator's index, and interleaved peer
 * runs showed no gain from naming the pages. The analytics lookups are another matter: their
 * plans are primary-key probes whatever the values, and parsing and planning the scorecard's was
 * half its PostgreSQL time (1.9 ms unnamed against 1.0 ms named at bench scale 100).
 */
export interface Statement {
  /** The text with numbered parameters (`$1`), as PostgreSQL takes it. */
  text: string;
  /** Set for a prepared statement: a name derived from the text, so one name is one text. */
  name?: string;
}

// Shapes come from a finite set of flags, except the joined column sets, which follow the
// selection: past this many the text is still built, but no longer kept.
const MAX_SHAPES = 2000;
const shapes = new Map<string, Statement>();

/** `?` placeholders numbered `$1, $2, ...` (the builders write no `?` anywhere else). */
export const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/**
 * The statement for `shape`, built by `build` (with `?` placeholders) the first time the shape
 * is seen; `prepared`: parsed and planned once per connection (see Statement).
 */
export function statement(
  shape: string,
  build: () => string,
  { prepared = false }: { prepared?: boolean } = {},
): Statement {
  const known = shapes.get(shape);
  if (known) return known;
  const text = numbered(build());
  const made: Statement = prepared
    ? { text, name: `osh_${createHash("sha256").update(text).digest("hex").slice(0, 24)}` }
    : { text };
  if (shapes.size < MAX_SHAPES) shapes.set(shape, made);
  return made;
}

/** `json_build_object('key', sql, ...)`; the keys are property names (identifiers), never input. */
export const jsonObjectSql = (pairs: [key: string, sql: string][]) =>
  `json_build_object(${pairs.map(([key, sql]) => `'${key}', ${sql}`).join(", ")})`;

/** The parts of knex's client this runner uses: its pool of `pg` connections. */
interface KnexPool {
  acquireConnection(): Promise<pg.ClientBase>;
  releaseConnection(connection: pg.ClientBase): Promise<void>;
}

/**
 * Runs a read statement on the read connection (a replica when there is one; `on: "write"` for
 * the primary, where a read must see the request's own writes) and returns its
 * rows as the driver parsed them. The connection comes from the pool of the knex client of
 * MikroORM's read connection, but the statement goes straight to the `pg` connection: knex's
 * runner (its bindings formatter, `?` numbering, query objects and promise chain) cost ~2-3 %
 * of a plain read's CPU and did nothing here. What it did that matters is kept: knex's `query`
 * event is emitted on the same knex instance, so the response cache still sees what the request
 * reads (cache/read-tags.ts listens to it, inside the request's async context), and the
 * statement is reported to the ORM logger, so the per-request SQL count still counts it.
 * (MikroORM's own `execute(sql, params)` would inline the values into the text and cannot pass
 * an array for `= any(?)`.)
 */
export async function runStatement<T>(
  em: EntityManager,
  s: Statement,
  params: readonly unknown[],
  on: "read" | "write" = "read",
): Promise<T[]> {
  const knex = em.getConnection(on).getKnex();
  const pool = knex.client as unknown as KnexPool;
  const connection = await pool.acquireConnection();
  try {
    (knex as Knex & NodeJS.EventEmitter).emit("query", { sql: s.text, bindings: params });
    em.config.getLogger().logQuery({ query: s.text, level: "info" });
    // The ORM's own hook sees the statement as it sees its own (the bench's EXPLAIN uses it).
    em.config.get("onQuery")(s.text, params as unknown[]);
    const result = await connection.query<T & pg.QueryResultRow>({
      text: s.text,
      name: s.name,
      values: params as unknown[],
    });
    return result.rows;
  } finally {
    await pool.releaseConnection(connection);
  }
}
