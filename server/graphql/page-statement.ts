import { raw, type EntityName, type FilterQuery, type QueryOrderMap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Page } from "./connection.js";
import { columnOf, type PlainPagePlan } from "./plain-page.js";
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
 * A page filtered on several ids of one column (a province pair's check-ups, sites or results)
 * whose table has an index on (that column, then the page's order). PostgreSQL does not merge
 * one walk of that index per id by itself: it walks the order's own index, keeping the rows of
 * those ids, or reads every row of every id and sorts them. A province's rows sit together in
 * the table, so the walk may pass most of the table before the first match (Hải Phòng's and
 * Hải Dương's check-ups at bench scale 100: 50 ms in PostgreSQL for 100 rows), and the sort
 * reads all of theirs (23 ms). Written as one branch per id, each its own first offset + limit
 * rows in order, joined by UNION ALL under the page's order and limit, it is planned as a merge
 * of the branches' index walks that reads about offset + limit rows in all: 0.5 ms for that page,
 * 1.5 ms (planning included) for 5 units 500 rows deep. Planning grows with the branches, so
 * past SPLIT_MAX_IDS ids (where the order's own walk meets one of them soon anyway) it is
 * not used: null then, as when the order is not plain columns.
 */
export interface SplitFilter {
  /** The filtered property (a many-to-one or a plain id column), e.g. `unit`. */
  property: string;
  ids: readonly number[];
}

const SPLIT_MAX_IDS = 16;
// Where each branch's id goes in the branch's text: an identifier nothing else is named.
const ID_MARKER = `"split"."id"`;
const wrapped = new Map<string, Statement>();

export function splitPageStatement<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  split: SplitFilter,
  orderBy: QueryOrderMap<T> | QueryOrderMap<T>[],
  page: Page,
  plan: PlainPagePlan,
): PageStatement | null {
  const ids = [...new Set(split.ids)];
  if (ids.length < 2 || ids.length > SPLIT_MAX_IDS) return null;
  const meta = em.getMetadata().get(entity);
  const splitColumn = columnOf(meta, split.property);
  const order = plainOrder(orderBy);
  if (!splitColumn || !order) return null;
  // Each order property under a name of its own in the branches' select (its property's when
  // the plan selects it), so the outer statement can order the merged rows the same way.
  const selected = new Set(plan.columns.map(([, property]) => property));
  const extra: [column: string, alias: string][] = [];
  const sortKeys: [alias: string, direction: string][] = [];
  for (const [property, direction] of order) {
    const column = columnOf(meta, property);
    if (!column) return null;
    const alias = selected.has(property) ? property : `__order_${extra.length}`;
    if (!selected.has(property)) extra.push([column, alias]);
    sortKeys.push([alias, direction]);
  }
  const suffix = `split|${meta.className}|${plan.key}|${JSON.stringify(orderBy)}|${splitColumn}`;
  const branch = keptStatement(suffix, where, [page.offset + page.limit], () =>
    em
      .createQueryBuilder(entity, PAGE)
      // Column and property names come from the ORM's metadata, never from the request.
      .select(
        [...plan.columns, ...extra].map(([column, alias]) =>
          raw(`"${PAGE}"."${column}" as "${alias}"`),
        ),
      )
      .where(where)
      .andWhere(`"${PAGE}"."${splitColumn}" = ${ID_MARKER}`)
      .orderBy(orderBy)
      .limit(page.offset + page.limit)
      .getKnexQuery()
      .toSQL()
      .toNative(),
  );
  const parts = branch.statement.text.split(ID_MARKER);
  if (parts.length !== 2) return null;
  const n = branch.params.length;
  const key = `${branch.statement.text}|${ids.length}|${page.offset ? 1 : 0}`;
  let statement = wrapped.get(key);
  if (!statement) {
    const outer = "split_page";
    // Branch i compares with the i-th element of the ids' array, a constant when planned.
    const branches = ids.map((_, i) => `(${parts.join(`($${n + 1}::int[])[${i + 1}]`)})`);
    statement = {
      text:
        `select ${plan.columns.map(([, p]) => `"${outer}"."${p}"`).join(", ")}` +
        ` from (${branches.join(" union all ")}) as "${outer}"` +
        ` order by ${sortKeys.map(([alias, dir]) => `"${outer}"."${alias}" ${dir}`).join(", ")}` +
        ` limit $${n + 2}${page.offset ? ` offset $${n + 3}` : ""}`,
    };
    if (wrapped.size < MAX_SHAPES) wrapped.set(key, statement);
  }
  const trailing = page.offset ? [page.limit, page.offset] : [page.limit];
  return { statement, params: [...branch.params, ids, ...trailing] };
}

/** `orderBy` as (property, asc|desc) pairs when it orders by plain properties only, else null. */
function plainOrder(orderBy: object | object[]): [string, string][] | null {
  const pairs: [string, string][] = [];
  for (const part of Array.isArray(orderBy) ? orderBy : [orderBy]) {
    for (const [property, direction] of Object.entries(part)) {
      const dir = typeof direction === "string" ? direction.toLowerCase() : "";
      if (dir !== "asc" && dir !== "desc") return null;
      pairs.push([property, dir]);
    }
  }
  return pairs.length ? pairs : null;
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
