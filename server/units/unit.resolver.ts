import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Connection, toConnection, toPage } from "../graphql/connection.js";
import { CodeArgs } from "../graphql/id-args.js";
import { preloadedField } from "../graphql/plain-fields.js";
import type { Context } from "../context.js";
import { UnitLineage } from "./unit-lineage.entity.js";
import { AdministrativeUnit } from "./unit.entity.js";
import { UnitOrder, UnitsArgs, unitOrderBy, unitWhere } from "./unit.inputs.js";
import {
  isUnitRow,
  readUnitPage,
  readUnitWithRelated,
  rowServes,
  unitsPlan,
  type UnitRow,
} from "./unit.reads.js";

@ObjectType()
export class UnitConnection extends Connection(AdministrativeUnit, "Unit") {}

// A unit row with a joined parent or successor answers it from the row (graphql/plain-fields.ts).
preloadedField("AdministrativeUnit", "parent", "parentRow");
preloadedField("AdministrativeUnit", "successor", "successorRow");

@Resolver(() => AdministrativeUnit)
export class UnitResolver {
  @Query(() => UnitConnection, { description: "Administrative units, filtered and ordered" })
  async units(
    @Args(() => UnitsArgs) args: UnitsArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<UnitConnection> {
    const page = toPage(args);
    // Plain rows in one statement when the selection allows (unit.reads.ts), else entities;
    // the parent and successor joined into it when only their plain columns are asked for.
    const plan = unitsPlan(em, info);
    if (plan.rows) {
      const orderBy = args.orderBy ?? UnitOrder.CODE_ASC;
      const { rows, total } = await readUnitPage(
        em,
        args.filter,
        orderBy,
        page,
        plan.joins,
        plan.fields,
        plan.needTotal,
      );
      return toConnection(rows as unknown as AdministrativeUnit[], total, page);
    }
    const [items, total] = await em.findAndCount(AdministrativeUnit, unitWhere(args.filter), {
      orderBy: [unitOrderBy[args.orderBy ?? "CODE_ASC"], { id: "asc" }],
      limit: page.limit,
      offset: page.offset,
    });
    return toConnection(items, total, page);
  }

  @Query(() => AdministrativeUnit, {
    nullable: true,
    description: "One unit by code; null when there is none",
  })
  async unit(
    @Args(() => CodeArgs) { code }: CodeArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AdministrativeUnit | UnitRow | null> {
    if (rowServes(em, info, [[]])) return readUnitWithRelated(em, info, code);
    return em.findOne(AdministrativeUnit, { code });
  }

  @Query(() => [UnitLineage], {
    description: "The 2025 merger table: which unit became part of which",
  })
  async unitLineage(@Ctx() { em }: Context): Promise<UnitLineage[]> {
    return em.find(
      UnitLineage,
      {},
      { orderBy: { successor: { code: "asc" }, predecessor: { code: "asc" } } },
    );
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true })
  parent(@Root() unit: AdministrativeUnit | UnitRow, @Ctx() { em }: Context) {
    if (!isUnitRow(unit)) return unit.parent?.load() ?? null;
    if (unit.parentRow !== undefined) return unit.parentRow;
    return unit.parentId === null
      ? null
      : em.getReference(AdministrativeUnit, unit.parentId, { wrapped: true }).load();
  }

  @FieldResolver(() => AdministrativeUnit, {
    nullable: true,
    description: "The unit this one became part of (e.g. Hải Dương -> Hải Phòng on 2025-07-01)",
  })
  successor(@Root() unit: AdministrativeUnit | UnitRow, @Ctx() { em }: Context) {
    if (!isUnitRow(unit)) return unit.successor?.load() ?? null;
    if (unit.successorRow !== undefined) return unit.successorRow;
    return unit.successorId === null
      ? null
      : em.getReference(AdministrativeUnit, unit.successorId, { wrapped: true }).load();
  }

  @FieldResolver(() => [AdministrativeUnit], { description: "Units that became part of this one" })
  async predecessors(@Root() unit: AdministrativeUnit | UnitRow, @Ctx() { loaders }: Context) {
    return loaders.children(AdministrativeUnit, "successor", {}, { code: "asc" }).load(unit.id);
  }
}

@Resolver(() => UnitLineage)
export class UnitLineageResolver {
  @FieldResolver(() => AdministrativeUnit) predecessor(@Root() row: UnitLineage) {
    return row.predecessor.load();
  }
  @FieldResolver(() => AdministrativeUnit) successor(@Root() row: UnitLineage) {
    return row.successor.load();
  }
}
