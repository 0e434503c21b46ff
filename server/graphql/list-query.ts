import type { GraphQLResolveInfo } from "graphql";
import type { EntityName, FilterQuery, QueryOrderMap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { ArgsType, Field, Int } from "type-graphql";
import { Code } from "./code.js";
import { DATASETS_DESCRIPTION } from "./datasets.js";
import { Dataset } from "./enums.js";
import {
  connectionNeedsTotal,
  toConnection,
  toPage,
  type ConnectionShape,
  type PageArgs,
} from "./connection.js";
import {
  countStatement,
  pageStatement,
  splitPageStatement,
  type SplitFilter,
} from "./page-statement.js";
import { plainPagePlan, withRelations } from "./plain-page.js";
import { runStatement } from "./sql-statement.js";

/**
 * The pieces every list query shares: one page of a filtered, ordered table as a connection, the
 * "valid on a day" condition of units and agencies, and a case-insensitive text search. Each list
 * resolver only states its own filter.
 */

/**
 * One page (first/after, checked by toPage) of the rows matching `where`, in a stable order.
 * The rows are counted only when the request selects `totalCount` or `pageInfo`: a count visits
 * every matching row (1.5 M monitoring results at bench scale 100, ~0.3 s), the page only its own.
 *
 * `split`: the rows must also have one of these ids in that property (a filter on units), and
 * the table has an index on (its column, then `orderBy`'s): a page of plain rows of several ids
 * is then read id by id from that index and merged (page-statement.ts, splitPageStatement).
 */
export async function findConnection<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  filter: FilterQuery<T>,
  orderBy: QueryOrderMap<T> | QueryOrderMap<T>[],
  args: PageArgs,
  info: GraphQLResolveInfo,
  split?: SplitFilter,
): Promise<ConnectionShape<T>> {
  const page = toPage(args);
  const needTotal = connectionNeedsTotal(info);
  const plan = plainPagePlan(em, em.getMetadata().get(entity).className, info);
  const where = (
    split ? { ...filter, [split.property]: { $in: split.ids } } : filter
  ) as FilterQuery<T>;
  const [items, total] = await Promise.all([
    plan ? readPlainPage() : readEntities(),
    needTotal ? countRows(em, entity, where) : null,
  ]);
  // Without the total the request reads neither `totalCount` nor `pageInfo`: the same
  // convention as the units and observation pages.
  return toConnection(items, total ?? page.offset + items.length, page);

  function readEntities(): Promise<T[]> {
    return em.find(entity, where, { orderBy, limit: page.limit, offset: page.offset });
  }

  /** The page as plain rows (plain-page.ts), by the statement kept for the filter's shape. */
  async function readPlainPage(): Promise<T[]> {
    const { statement, params } =
      (split && splitPageStatement(em, entity, filter, split, orderBy, page, plan!)) ||
      pageStatement(em, entity, where, orderBy, page, plan!);
    const rows = await runStatement<Record<string, unknown>>(em, statement, params);
    return (await withRelations(em, rows, plan!)) as T[];
  }
}

/** What `em.count` answers, by the statement kept for the filter's shape (page-statement.ts). */
async function countRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
): Promise<number> {
  const { statement, params } = countStatement(em, entity, where);
  const [row] = await runStatement<{ count: string | number }>(em, statement, params);
  return Number(row.count);
}

/** Rows valid on a day (ISO date): begun by then (or always) and not ended before it. */
export function validOn(day: string) {
  return [
    { $or: [{ validFrom: null }, { validFrom: { $lte: day } }] },
    { $or: [{ validTo: null }, { validTo: { $gte: day } }] },
  ];
}

/** A LIKE pattern matching the text anywhere, with %, _ and \ in it taken literally. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, c => "\\" + c)}%`;

/** The filter the summaries share (units, a year range, data sets); each adds its grouping. */
@ArgsType()
export class SummaryFilterArgs {
  @Field(() => [Code], { nullable: true }) units?: string[] | null;
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
  @Field(() => [Dataset], { nullable: true, description: DATASETS_DESCRIPTION })
  datasets?: Dataset[] | null;
}
