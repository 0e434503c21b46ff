import type { EntityManager, Knex } from "@mikro-orm/postgresql";
import type pg from "pg";
import { numbered } from "../graphql/sql-statement.js";

/** The parts of knex's client used here: its pool of `pg` connections. */
interface KnexPool {
  acquireConnection(): Promise<pg.ClientBase>;
  releaseConnection(connection: pg.ClientBase): Promise<void>;
}

const texts = new Map<string, string>();

/**
 * Runs an analytics read on MikroORM's primary connection (where these reads always ran, so an
 * answer still sees the request's own writes) straight through the `pg` connection of knex's
 * pool, as graphql/sql-statement.ts does for the replica reads: knex's runner and MikroORM's
 * `execute` (bindings formatting, query objects, a promise chain, a copy of every row) cost
 * more than the statement itself on a small answer. What they did that matters is kept: knex's
 * `query` event on the same knex instance (the response cache tags the answer by the tables the
 * text names, cache/read-tags.ts) and the ORM logger (the per-request SQL count).
 * `text` is written with `?` placeholders; its numbered form is kept per text.
 */
export async function runOnPrimary<T>(
  em: EntityManager,
  text: string,
  params: readonly unknown[],
): Promise<T[]> {
  let sql = texts.get(text);
  if (sql === undefined) {
    sql = numbered(text);
    if (texts.size < 100) texts.set(text, sql);
  }
  const knex = em.getConnection().getKnex();
  const pool = knex.client as unknown as KnexPool;
  const connection = await pool.acquireConnection();
  try {
    (knex as Knex & NodeJS.EventEmitter).emit("query", { sql, bindings: params });
    em.config.getLogger().logQuery({ query: sql, level: "info" });
    const result = await connection.query<T & pg.QueryResultRow>({
      text: sql,
      values: params as unknown[],
    });
    return result.rows;
  } finally {
    await pool.releaseConnection(connection);
  }
}
