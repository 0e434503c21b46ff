import type { GraphQLResolveInfo } from "graphql";
import type { ObjectQuery } from "@mikro-orm/core";
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
import { code, codes, text } from "../graphql/field-rules.js";
import { CodeArgs } from "../graphql/id-args.js";
import { Agency } from "../agencies/agency.entity.js";
import { Connection, PageArgs } from "../graphql/connection.js";
import { servedByRowId } from "../graphql/plain-page.js";
import { findConnection } from "../graphql/list-query.js";
import { Measure, TargetKind } from "./indicator.enums.js";
import { foldedContains } from "../graphql/fold.js";
import type { Context } from "../context.js";
import { Programme } from "../programmes/programme.entity.js";
import { Source } from "../sources/source.entity.js";
import { Indicator } from "./indicator.entity.js";
import { Target } from "./target.entity.js";
import { Code } from "../graphql/code.js";

@ObjectType()
export class IndicatorConnection extends Connection(Indicator, "Indicator") {}
@ObjectType()
export class TargetConnection extends Connection(Target, "Target") {}

@ArgsType()
class IndicatorsArgs extends PageArgs {
  @Field(() => [Code], { nullable: true }) codes?: string[] | null;
  @Field(() => [Measure], { nullable: true }) measures?: Measure[] | null;
  @Field(() => String, {
    nullable: true,
    description: "Part of the Vietnamese or English name (diacritics and case ignored)",
  })
  search?: string | null;
}
argsSchema(IndicatorsArgs, z.object({ codes: codes().nullish(), search: text(200).nullish() }));

@ArgsType()
class TargetsArgs extends PageArgs {
  @Field(() => [Code], { nullable: true, description: "Programme codes" }) programmes?:
    string[] | null;
  @Field(() => [Code], { nullable: true, description: "Indicator codes" }) indicators?:
    string[] | null;
  @Field(() => [TargetKind], { nullable: true }) kinds?: TargetKind[] | null;
}
argsSchema(TargetsArgs, z.object({ programmes: codes().nullish(), indicators: codes().nullish() }));

@ArgsType()
class TargetArgs {
  @Field(() => Code) programme!: string;
  @Field(() => String) number!: string;
  @Field(() => String, { nullable: true }) part?: string | null;
}
argsSchema(
  TargetArgs,
  z.object({
    programme: code,
    number: z.string().regex(/^[0-9a-z]{1,8}$/, { error: "must be 1 to 8 letters or digits" }),
    part: z
      .string()
      .regex(/^[a-z]{1,4}$/, { error: "must be 1 to 4 letters" })
      .nullish(),
  }),
);

// An indicator's targets are loaded by its id: a page of indicators read as plain rows serves them.
servedByRowId("Indicator", "targets");

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => IndicatorConnection, { description: "What is measured" })
  async indicators(
    @Args(() => IndicatorsArgs) args: IndicatorsArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: ObjectQuery<Indicator> = {};
    if (args.codes) where.code = { $in: args.codes };
    if (args.measures?.length) where.measure = { $in: args.measures };
    if (args.search) {
      where.$or = [foldedContains("name_vi", args.search), foldedContains("name_en", args.search)];
    }
    return findConnection(em, Indicator, where, { code: "asc" }, args, info);
  }

  @Query(() => Indicator, { nullable: true })
  async indicator(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() { em }: Context) {
    return em.findOne(Indicator, { code });
  }

  @FieldResolver(() => Indicator, { nullable: true }) numerator(@Root() i: Indicator) {
    return i.numerator?.load() ?? null;
  }
  @FieldResolver(() => Indicator, { nullable: true }) denominator(@Root() i: Indicator) {
    return i.denominator?.load() ?? null;
  }
  @FieldResolver(() => [Target], { description: "Targets measured by this indicator" })
  targets(@Root() i: Indicator, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return loaders.childrenOf(info, Target, "indicator", {}, { id: "asc" }).load(i.id);
  }
}

@Resolver(() => Target)
export class TargetResolver {
  @Query(() => TargetConnection, { description: "Numbered goals of programmes" })
  async targets(
    @Args(() => TargetsArgs) args: TargetsArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: ObjectQuery<Target> = {};
    if (args.programmes) where.programme = { code: { $in: args.programmes } };
    if (args.indicators) where.indicator = { code: { $in: args.indicators } };
    if (args.kinds?.length) where.kind = { $in: args.kinds };
    return findConnection(
      em,
      Target,
      where,
      [{ programme: { code: "asc" } }, { number: "asc" }, { part: "asc" }],
      args,
      info,
    );
  }

  @Query(() => Target, {
    nullable: true,
    description: "One target by programme code, number and part",
  })
  async target(
    @Args(() => TargetArgs) { programme, number, part }: TargetArgs,
    @Ctx() { em }: Context,
  ) {
    return em.findOne(Target, { programme: { code: programme }, number, part: part ?? "" });
  }

  @FieldResolver(() => Programme) programme(@Root() t: Target) {
    return t.programme.load();
  }
  @FieldResolver(() => Indicator) indicator(@Root() t: Target) {
    return t.indicator.load();
  }
  @FieldResolver(() => Agency, {
    nullable: true,
    description: "The body that leads and reports on the target",
  })
  leadAgency(@Root() t: Target) {
    return t.leadAgency?.load() ?? null;
  }
  @FieldResolver(() => Target, {
    nullable: true,
    description: "The national target this one restates",
  })
  alignedTarget(@Root() t: Target) {
    return t.alignedTarget?.load() ?? null;
  }
  @FieldResolver(() => Source, { nullable: true }) source(@Root() t: Target) {
    return t.source?.load() ?? null;
  }
}
