import type { EntityName, FilterQuery, QueryOrderMap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { ArgsType, Field, Int } from "type-graphql";
import { Code } from "./code.js";
import { DATASETS_DESCRIPTION } from "./datasets.js";
import { Dataset } from "./enums.js";
import { toConnection, toPage, type ConnectionShape, type PageArgs } from "./connection.js";

/**
 * The pieces every list query shares: one page of a filtered, ordered table as a connection, the
 * "valid on a day" condition of units and agencies, and a case-insensitive text search. Each list
 * resolver only states its own filter.
 */

/** One page (first/after, checked by toPage) of the rows matching `where`, in a stable order. */
export async function findConnection<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T> | QueryOrderMap<T>[],
  args: PageArgs,
): Promise<ConnectionShape<T>> {
  const page = toPage(args);
  const [items, total] = await em.findAndCount(entity, where, {
    orderBy,
    limit: page.limit,
    offset: page.offset,
  });
  return toConnection(items, total, page);
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
