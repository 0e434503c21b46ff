import type { GraphQLResolveInfo } from "graphql";
import type { ObjectQuery } from "@mikro-orm/core";
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  Info,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { codes, text, yearSpan } from "../graphql/field-rules.js";
import { Connection, PageArgs } from "../graphql/connection.js";
import { findConnection } from "../graphql/list-query.js";
import { CheckupKind } from "./checkup.enums.js";
import { Dataset } from "../graphql/enums.js";
import type { Context } from "../context.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { unitsSplit } from "../units/unit-ids.js";
import { HealthCheckup } from "./health-checkup.entity.js";
import { Code } from "../graphql/code.js";
import { DATASETS_DESCRIPTION, datasetsOrDefault } from "../graphql/datasets.js";

@ObjectType()
export class HealthCheckupConnection extends Connection(HealthCheckup, "HealthCheckup") {}

@ArgsType()
class CheckupsArgs extends PageArgs {
  @Field(() => [Code], { nullable: true, description: "Unit codes" }) units?: string[] | null;
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
  @Field(() => CheckupKind, { nullable: true }) kind?: CheckupKind | null;
  @Field(() => String, { nullable: true }) sector?: string | null;
  @Field(() => [Dataset], { nullable: true, description: DATASETS_DESCRIPTION }) datasets?:
    Dataset[] | null;
}
argsSchema(
  CheckupsArgs,
  yearSpan(z.object({ units: codes().nullish(), sector: text(64).nullish() })),
);

@Resolver(() => HealthCheckup)
export class HealthCheckupResolver {
  @Query(() => HealthCheckupConnection, {
    description: "Health check-ups at establishments: workers examined, cases by disease",
  })
  async healthCheckups(
    @Args(() => CheckupsArgs) args: CheckupsArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: ObjectQuery<HealthCheckup> = {
      dataset: { $in: datasetsOrDefault(args.datasets) },
    };
    if (args.kind) where.kind = args.kind;
    if (args.sector) where.sector = args.sector;
    if (args.yearFrom != null || args.yearTo != null) {
      where.year = {
        ...(args.yearFrom != null ? { $gte: args.yearFrom } : {}),
        ...(args.yearTo != null ? { $lte: args.yearTo } : {}),
      };
    }
    // A unit's rows by (unit_id, year, id) (Migration20261202040000), several units merged.
    const units = await unitsSplit(em, args.units, "unit");
    return findConnection(
      em,
      HealthCheckup,
      where,
      [{ year: "asc" }, { id: "asc" }],
      args,
      info,
      units,
    );
  }

  @FieldResolver(() => AdministrativeUnit) unit(@Root() c: HealthCheckup) {
    return c.unit.load();
  }
}
