import type { EntityManager, Knex } from "@mikro-orm/postgresql";

/**
 * Hand-written read statements whose text is built once per shape (which filters are present,
 * which order, which related columns are joined) and kept, instead of rebuilding it through
 * knex's query builder on every request (4-7 % of CPU in the peer bench profile). Values are
 * never part of the text: they travel as bind parameters (`?`, numbered by knex).
 *
 * The statements are not named (server-side prepared). Named, PostgreSQL may switch one to a
 * generic plan after five runs; forced on the test data, the indicator page's generic plan
 * (`i.code = any($2) ... limit $3`) scans the whole observation table with hash joins where the
 * custom plan walks one indicator's index. Interleaved peer runs showed no gain from naming.
 */
export interface Statement {
  text: string;
}

// Shapes come from a finite set of flags, except the joined column sets, which follow the
// selection: past this many the text is still built, but no longer kept.
const MAX_SHAPES = 2000;
const shapes = new Map<string, Statement>();

/** The statement for `shape`, built by `build` the first time the shape is seen. */
export function statement(shape: string, build: () => string): Statement {
  const known = shapes.get(shape);
  if (known) return known;
  const made = { text: build() };
  if (shapes.size < MAX_SHAPES) shapes.set(shape, made);
  return made;
}

/**
 * Runs a read statement on the read connection (a replica when there is one) and returns its
 * rows as the driver parsed them. It goes through the knex client of MikroORM's connection, so
 * the response cache still sees what it reads (knex's `query` event), and is reported to the
 * ORM logger, so the per-request SQL count still counts it. (MikroORM's own `execute(sql,
 * params)` would inline the values into the text and cannot pass an array for `= any(?)`.)
 */
export async function runStatement<T>(
  em: EntityManager,
  s: Statement,
  params: readonly unknown[],
): Promise<T[]> {
  const result = (await em
    .getConnection("read")
    .getKnex()
    .raw(s.text, params as readonly Knex.RawBinding[])) as { rows: T[] };
  em.config.getLogger().logQuery({ query: s.text, level: "info" });
  return result.rows;
}
