import { raw, type EntityName, type FilterQuery, type QueryOrderMap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Page } from "./connection.js";
import type { PlainPagePlan } from "./plain-page.js";
import type { Statement } from "./sql-statement.js";

/**
 * The statements of a list page (plain-page.ts) and of its count, built by MikroORM's query
 * builder once per shape of the request's filter and kept. Building them again on every request
 * (criteria nodes, joins, knex's compiler) was a third of the CPU of a page of 100 monitoring
 * results, and the count a third of the indicators page the web app asks for first.
 *
 * A shape is the filter with its values taken out: keys, operators, array lengths, which values
 * are null, and each value's JS type. The values are the statement's bind parameters, in the
 * order the walk below meets them, then the limit and the offset. That order is not assumed: the
 * first time a shape is seen, its statement is built with the request's own values and kept only
 * when the builder's parameters are exactly those values in that order, all different from one
 * another (so no two could have swapped places). Anything else (a value the builder converts, a
 * Date, an entity, an order that differs) is never kept, and that request, like every request of
 * a shape not kept, gets the builder's statement built for it: never a wrong statement, at worst
 * the builder's cost.
 */
export interface PageStatement {
  statement: Statement;
  params: unknown[];
}

// Shapes follow the filters the API offers (which are present, how many units or data sets are
// named): past this many the statement is still built, but no longer kept.
const MAX_SHAPES = 2000;
const templates = new Map<string, Statement>();

type Leaf = string | number | boolean;
const UNSHAPED = null;

/** The key of `value`'s shape, its values pushed on `leaves`; null when it has no plain shape. */
function shapeOf(value: unknown, leaves: Leaf[]): string | null {
  if (value === null) return "n";
  if (value === undefined) return "u";
  switch (typeof value) {
    case "string":
      leaves.push(value);
      return "s";
    case "number":
      leaves.push(value);
      return "d";
    case "boolean":
      leaves.push(value);
      return "b";
  }
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const part = shapeOf(item, leaves);
      if (part === UNSHAPED) return UNSHAPED;
      parts.push(part);
    }
    return `[${parts.join(",")}]`;
  }
  // Plain objects only: a Date, an entity or a reference may be turned into something else.
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) {
    return UNSHAPED;
  }
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    const part = shapeOf((value as Record<string, unknown>)[key], leaves);
    if (part === UNSHAPED) return UNSHAPED;
    parts.push(`${JSON.stringify(key)}:${part}`);
  }
  return `{${parts.join(",")}}`;
}

/**
 * The statement for a filter's shape (plus `suffix`: what else its text depends on), with the
 * filter's values and then `trailing` (limit, offset) as its parameters: the kept one, or the
 * one `build` makes with the query builder, kept when its parameters show the order holds.
 */
function keptStatement(
  suffix: string,
  where: unknown,
  trailing: unknown[],
  build: () => { sql: string; bindings: readonly unknown[] },
): PageStatement {
  const leaves: Leaf[] = [];
  const whereShape = shapeOf(where, leaves);
  const params: unknown[] = [...leaves, ...trailing];
  const key = whereShape === UNSHAPED ? null : `${suffix}|${whereShape}`;
  const known = key === null ? undefined : templates.get(key);
  if (known) return { statement: known, params };
  const built = build();
  const statement: Statement = { text: built.sql };
  if (
    key !== null &&
    templates.size < MAX_SHAPES &&
    sameInOrder(built.bindings, params) &&
    new Set(params).size === params.length
  ) {
    templates.set(key, statement);
  }
  return { statement, params: [...built.bindings] };
}

// The page's own alias: the builder names the tables it joins with a letter and a number.
const PAGE = "page";

/**
 * The page's statement and its parameters: the plan's columns, each named as its property
 * (`"page"."site_id" as "site"`, so the rows come back as the plan reads them), from the rows
 * matching `where` in `orderBy` order, `page.limit` of them from `page.offset`.
 */
export function pageStatement<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T> | QueryOrderMap<T>[],
  page: Page,
  plan: PlainPagePlan,
): PageStatement {
  // Knex leaves out `offset 0`: a first page and a later one are two shapes.
  const trailing = page.offset ? [page.limit, page.offset] : [page.limit];
  const className = em.getMetadata().get(entity).className;
  const suffix = `page|${className}|${plan.key}|${JSON.stringify(orderBy)}|${trailing.length}`;
  return keptStatement(suffix, where, trailing, () =>
    em
      .createQueryBuilder(entity, PAGE)
      // Column and property names come from the ORM's metadata, never from the request.
      .select(
        plan.columns.map(([column, property]) => raw(`"${PAGE}"."${column}" as "${property}"`)),
      )
      .where(where)
      .orderBy(orderBy)
      .limit(page.limit)
      .offset(page.offset)
      .getKnexQuery()
      .toSQL()
      .toNative(),
  );
}

/**
 * The statement counting the rows matching `where`, as `em.count` counts them (its query
 * builder's getCount: distinct ids when the filter joins a one-to-many relation), in a column
 * named `count`.
 */
export function countStatement<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
): PageStatement {
  const suffix = `count|${em.getMetadata().get(entity).className}`;
  return keptStatement(suffix, where, [], () => {
    const qb = em.createQueryBuilder(entity).where(where);
    qb.processPopulateHint();
    const distinct = (qb as unknown as { hasToManyJoins(): boolean }).hasToManyJoins();
    return qb.count(undefined, distinct).getKnexQuery().toSQL().toNative();
  });
}

const sameInOrder = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);
