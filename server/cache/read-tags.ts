import type { MikroORM } from "@mikro-orm/core";
import type { Knex } from "@mikro-orm/postgresql";
import { AsyncLocalStorage } from "node:async_hooks";
import { ANY } from "./tags.js";

/**
 * Collects the read tags (tags.ts) of one anonymous request from the SQL it runs: every
 * statement passes through knex's `query` event inside the request's async context, and every
 * table named in its text becomes a tag. A table that does not announce its changes (no
 * osh_notify trigger) makes the answer `*`. Naming is over-counted, never under-counted: a
 * column or literal that happens to equal a table name only adds a tag.
 */
export interface ReadTags {
  tags: Set<string>;
  statements: number;
}

interface Scope {
  collector: ReadTags;
  /** table -> the narrower tags that stand for it in the statements run under narrowReads(). */
  narrowed: ReadonlyMap<string, readonly string[]> | null;
}

const scope = new AsyncLocalStorage<Scope>();

/** The database's tables, and which of them send NOTIFY osh_data_changed on a write. */
export interface Catalogue {
  tables: ReadonlySet<string>;
  notifying: ReadonlySet<string>;
}

let catalogue: Catalogue | null = null;

/** Runs `work` (the rest of a request) collecting what it reads. */
export function collectReads<T>(collector: ReadTags, work: () => T): T {
  return scope.run({ collector, narrowed: null }, work);
}

/**
 * Runs `work`, whose statements read only the rows of `table` matching `tags` (e.g. a
 * statement with `where unit_id in (3, 7)` under `observation:unit:3`, `observation:unit:7`).
 * The caller vouches for that, and, for a table without change notifications of its own, that a
 * write announcing those tags is what changes its rows; anything else `work` reads is tagged as
 * usual.
 */
export function narrowReads<T>(table: string, tags: readonly string[], work: () => T): T {
  const current = scope.getStore();
  if (!current || !tags.length) return work();
  const narrowed = new Map(current.narrowed ?? []);
  narrowed.set(table, tags);
  return scope.run({ collector: current.collector, narrowed }, work);
}

/** `observation:unit:3`-style tags for a statement restricted to these units' rows. */
export const unitTags = (table: string, unitIds: Iterable<number>): string[] =>
  [...unitIds].map(id => `${table}:unit:${id}`);

/** `observation:dataset:OFFICIAL`-style tags for a statement restricted to these data sets. */
export const datasetTags = (table: string, datasets: Iterable<string>): string[] =>
  [...datasets].map(d => `${table}:dataset:${d}`);

/** The tags of an answer: `*` when it ran no SQL (it may come from somewhere not seen here). */
export function answerTags(collector: ReadTags): Set<string> {
  return collector.statements === 0 || !catalogue ? new Set([ANY]) : collector.tags;
}

function recordStatement(sql: string): void {
  const current = scope.getStore();
  if (!current) return;
  const { collector, narrowed } = current;
  collector.statements++;
  if (!catalogue) return;
  for (const word of sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) {
    if (!catalogue.tables.has(word)) continue;
    // Narrowed first: a table kept by another's triggers (observation_year_series) announces no
    // change of its own, and its caller names the source table's tags for it.
    const narrower = narrowed?.get(word);
    if (narrower) for (const tag of narrower) collector.tags.add(tag);
    else collector.tags.add(catalogue.notifying.has(word) ? word : ANY);
  }
}

const watched = new WeakSet<object>();

/**
 * Reads the catalogue and watches every connection of the ORM (the primary and each read
 * replica). Call after migrations.
 */
export async function watchReads(orm: MikroORM): Promise<void> {
  const driver = orm.em.getDriver();
  const primary = driver.getConnection("write") as unknown as { getKnex(): Knex };
  // The replicas are not public in MikroORM 6; a replica left unwatched would leave its
  // statements untagged, so they are reached here on purpose.
  const replicas = (driver as unknown as { replicas?: { getKnex(): Knex }[] }).replicas ?? [];
  for (const connection of [primary, ...replicas]) {
    const knex = connection.getKnex();
    if (watched.has(knex)) continue;
    watched.add(knex);
    knex.on("query", (query: { sql?: string }) => {
      if (query.sql) recordStatement(query.sql);
    });
  }
  const { rows } = await primary.getKnex().raw<{
    rows: { name: string; notifying: boolean }[];
  }>(`select c.relname as name,
            exists (select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                    where t.tgrelid = c.oid and p.proname like 'osh\\_notify\\_%') as notifying
       from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')`);
  catalogue = {
    tables: new Set(rows.map(r => r.name)),
    notifying: new Set(rows.filter(r => r.notifying).map(r => r.name)),
  };
}
