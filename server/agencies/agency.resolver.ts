import type { GraphQLResolveInfo } from "graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ObjectType,
  Query,
  Resolver,
  Root,
  Info,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { codes } from "../graphql/field-rules.js";
import { CodeArgs } from "../graphql/id-args.js";
import { Connection, PageArgs } from "../graphql/connection.js";
import { findConnection, validOn } from "../graphql/list-query.js";
import type { Context } from "../context.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { Agency } from "./agency.entity.js";
import { Code } from "../graphql/code.js";

@ObjectType()
export class AgencyConnection extends Connection(Agency, "Agency") {}

@ArgsType()
class AgenciesArgs extends PageArgs {
  @Field(() => [Code], { nullable: true, description: "Unit codes" }) units?: string[] | null;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "Only agencies that existed on this day",
  })
  asOf?: string | null;
}
argsSchema(AgenciesArgs, z.object({ units: codes().nullish() }));

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => AgencyConnection, {
    description: "Implementing bodies, with validity and successors",
  })
  async agencies(
    @Args(() => AgenciesArgs) args: AgenciesArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: Record<string, unknown>[] = [];
    if (args.units) where.push({ unit: { code: { $in: args.units } } });
    if (args.asOf) {
      where.push(...validOn(args.asOf));
    }
    return findConnection(
      em,
      Agency,
      where.length ? { $and: where } : {},
      { code: "asc" },
      args,
      info,
    );
  }

  @Query(() => Agency, { nullable: true })
  async agency(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() { em }: Context) {
    return em.findOne(Agency, { code });
  }

  @FieldResolver(() => AdministrativeUnit) unit(@Root() row: Agency) {
    return row.unit.load();
  }
  @FieldResolver(() => Agency, {
    nullable: true,
    description: "The body that took over (e.g. Sở Nội vụ from 2025-03-01)",
  })
  successor(@Root() row: Agency) {
    return row.successor?.load() ?? null;
  }
}
