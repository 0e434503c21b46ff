import type { FilterQuery, QueryOrderMap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import { plainListPlan, withRelations } from "./plain-page.js";

type EntityClass<T> = new (...args: never[]) => T;

/** One loader per entity, foreign key, filter and order (and, for plain rows, plan). */
const loaderKey = (
  entity: EntityClass<unknown>,
  foreignKey: string,
  where: unknown,
  orderBy: unknown,
) => `${entity.name}|${foreignKey}|${JSON.stringify(where)}|${JSON.stringify(orderBy)}`;

/** Each parent's rows (`parents[i]` is the parent id of `rows[i]`), in the order of `parentIds`. */
function inParentOrder<R>(
  parentIds: readonly number[],
  rows: R[],
  parents: (number | undefined)[],
): R[][] {
  const grouped = new Map<number, R[]>();
  rows.forEach((row, i) => {
    const parent = parents[i];
    if (parent === undefined) return;
    const list = grouped.get(parent);
    if (list) list.push(row);
    else grouped.set(parent, [row]);
  });
  return parentIds.map(id => grouped.get(id) ?? []);
}

/**
 * Request-scoped batch loaders for "children of many parents" (a unit's observations, a
 * programme's targets, ...): all parents asked for in one tick are fetched with one query, so a
 * list of N parents costs the same number of statements as a list of 2. One loader per
 * (entity, foreign key, filter) so differently filtered lists never share results.
 */
export class Loaders {
  private readonly byKey = new Map<string, DataLoader<number, unknown[]>>();

  constructor(private readonly em: EntityManager) {}

  children<T extends object>(
    entity: EntityClass<T>,
    foreignKey: string,
    where: FilterQuery<T> = {},
    orderBy: QueryOrderMap<T> = { id: "asc" } as QueryOrderMap<T>,
  ): DataLoader<number, T[]> {
    const key = loaderKey(entity, foreignKey, where, orderBy);
    let loader = this.byKey.get(key);
    if (!loader) {
      loader = new DataLoader<number, unknown[]>(async parentIds => {
        const rows = (await this.em.find(
          entity,
          { ...where, [foreignKey]: { $in: [...parentIds] } } as FilterQuery<T>,
          { orderBy },
        )) as T[];
        const parents = rows.map(
          row => ((row as Record<string, unknown>)[foreignKey] as { id: number } | undefined)?.id,
        );
        return inParentOrder(parentIds, rows, parents);
      });
      this.byKey.set(key, loader);
    }
    return loader as DataLoader<number, T[]>;
  }

  /**
   * As `children`, but as plain rows when the list field's selection allows it (plain-page.ts:
   * columns and many-to-one fields only): ~40 µs of CPU saved per child, a site's results or an
   * indicator's targets being tens to thousands of rows per page. Otherwise entities.
   */
  childrenOf<T extends object>(
    info: GraphQLResolveInfo,
    entity: EntityClass<T>,
    foreignKey: string,
    where: FilterQuery<T> = {},
    orderBy: QueryOrderMap<T> = { id: "asc" } as QueryOrderMap<T>,
  ): DataLoader<number, T[]> {
    const plan = plainListPlan(this.em, entity.name, info);
    if (!plan) return this.children(entity, foreignKey, where, orderBy);
    const key = `${loaderKey(entity, foreignKey, where, orderBy)}|${plan.key}`;
    let loader = this.byKey.get(key);
    if (!loader) {
      loader = new DataLoader<number, unknown[]>(async parentIds => {
        const rows = (await this.em
          .createQueryBuilder(entity)
          .select([...new Set([...plan.select, foreignKey])] as never)
          .where({ ...where, [foreignKey]: { $in: [...parentIds] } } as FilterQuery<T>)
          .orderBy(orderBy)
          .execute("all", true)) as Record<string, unknown>[];
        // The parent ids first: the foreign key may be a selected reference, replaced next.
        const parents = rows.map(row => row[foreignKey] as number);
        await withRelations(this.em, rows, plan);
        return inParentOrder(parentIds, rows, parents);
      });
      this.byKey.set(key, loader);
    }
    return loader as DataLoader<number, T[]>;
  }
}
