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
import { servedByRowId } from "../graphql/plain-page.js";
import { findConnection } from "../graphql/list-query.js";
import { Dataset } from "../graphql/enums.js";
import type { Context } from "../context.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { unitsSplit } from "../units/unit-ids.js";
import { MonitoringResult } from "./monitoring-result.entity.js";
import { MonitoringSite } from "./monitoring-site.entity.js";
import { Code } from "../graphql/code.js";
import { DATASETS_DESCRIPTION, datasetsOrDefault } from "../graphql/datasets.js";

@ObjectType()
export class MonitoringSiteConnection extends Connection(MonitoringSite, "MonitoringSite") {}

@ArgsType()
class MonitoringSitesArgs extends PageArgs {
  @Field(() => [Code], { nullable: true, description: "Unit codes" }) units?: string[] | null;
  @Field(() => String, { nullable: true }) sector?: string | null;
  @Field(() => [Dataset], { nullable: true, description: DATASETS_DESCRIPTION }) datasets?:
    Dataset[] | null;
}
argsSchema(MonitoringSitesArgs, z.object({ units: codes().nullish(), sector: text(64).nullish() }));

// A site's results are loaded by its id: a page of sites read as plain rows serves them.
servedByRowId("MonitoringSite", "results");

@Resolver(() => MonitoringSite)
export class MonitoringSiteResolver {
  @Query(() => MonitoringSiteConnection, {
    description: "Establishments whose working environment is monitored",
  })
  async monitoringSites(
    @Args(() => MonitoringSitesArgs) args: MonitoringSitesArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: ObjectQuery<MonitoringSite> = {
      dataset: { $in: datasetsOrDefault(args.datasets) },
    };
    if (args.sector) where.sector = args.sector;
    // A unit's sites by (unit_id, code) (Migration20261202040000), several units merged.
    const units = await unitsSplit(em, args.units, "unit");
    return findConnection(em, MonitoringSite, where, { code: "asc" }, args, info, units);
  }

  @FieldResolver(() => AdministrativeUnit) unit(@Root() s: MonitoringSite) {
    return s.unit.load();
  }

  @FieldResolver(() => [MonitoringResult], { description: "Results by year and factor" })
  results(
    @Root() s: MonitoringSite,
    @Ctx() { loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loaders
      .childrenOf(info, MonitoringResult, "site", {}, { year: "asc", factor: "asc" })
      .load(s.id);
  }
}

@ArgsType()
export class MonitoringResultsArgs extends PageArgs {
  @Field(() => [Code], { nullable: true, description: "Unit codes of the sites" }) units?:
    string[] | null;
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
  @Field(() => String, { nullable: true }) factor?: string | null;
  @Field(() => [Dataset], { nullable: true, description: DATASETS_DESCRIPTION }) datasets?:
    Dataset[] | null;
}
argsSchema(
  MonitoringResultsArgs,
  yearSpan(z.object({ units: codes().nullish(), factor: text(32).nullish() })),
);

@ObjectType()
export class MonitoringResultConnection extends Connection(MonitoringResult, "MonitoringResult") {}

@Resolver(() => MonitoringResult)
export class MonitoringResultResolver {
  @Query(() => MonitoringResultConnection, {
    description: "Samples taken and over the limit, by site, year and factor",
  })
  async monitoringResults(
    @Args(() => MonitoringResultsArgs) args: MonitoringResultsArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: ObjectQuery<MonitoringResult> = {
      dataset: { $in: datasetsOrDefault(args.datasets) },
    };
    if (args.factor) where.factor = args.factor;
    if (args.yearFrom != null || args.yearTo != null) {
      where.year = {
        ...(args.yearFrom != null ? { $gte: args.yearFrom } : {}),
        ...(args.yearTo != null ? { $lte: args.yearTo } : {}),
      };
    }
    return findConnection(
      em,
      MonitoringResult,
      where,
      [{ year: "asc" }, { id: "asc" }],
      args,
      info,
      // A unit's results by (unit_id, year, id) (Migration20261202050000), several merged.
      await unitsSplit(em, args.units, "unitId"),
    );
  }

  @FieldResolver(() => MonitoringSite) site(@Root() r: MonitoringResult) {
    return r.site.load();
  }
}
