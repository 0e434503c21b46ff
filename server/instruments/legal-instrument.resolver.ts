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
import { codes } from "../graphql/field-rules.js";
import { CodeArgs } from "../graphql/id-args.js";
import { Connection, PageArgs } from "../graphql/connection.js";
import { findConnection } from "../graphql/list-query.js";
import { InstrumentKind } from "./instrument.enums.js";
import type { Context } from "../context.js";
import { Source } from "../sources/source.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { LegalInstrument } from "./legal-instrument.entity.js";
import { Code } from "../graphql/code.js";

@ObjectType()
export class LegalInstrumentConnection extends Connection(LegalInstrument, "LegalInstrument") {}

@ArgsType()
class InstrumentsArgs extends PageArgs {
  @Field(() => [InstrumentKind], { nullable: true }) kinds?: InstrumentKind[] | null;
  @Field(() => [Code], { nullable: true, description: "Unit codes of the issuing level" })
  units?: string[] | null;
}
argsSchema(InstrumentsArgs, z.object({ units: codes().nullish() }));

@Resolver(() => LegalInstrument)
export class LegalInstrumentResolver {
  @Query(() => LegalInstrumentConnection, {
    description: "Resolutions, directives, programmes, plans, decrees and notices",
  })
  async instruments(
    @Args(() => InstrumentsArgs) args: InstrumentsArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: ObjectQuery<LegalInstrument> = {};
    if (args.kinds?.length) where.kind = { $in: args.kinds };
    if (args.units) where.unit = { code: { $in: args.units } };
    return findConnection(
      em,
      LegalInstrument,
      where,
      [{ issuedOn: "asc" }, { code: "asc" }],
      args,
      info,
    );
  }

  @Query(() => LegalInstrument, { nullable: true })
  async instrument(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() { em }: Context) {
    return em.findOne(LegalInstrument, { code });
  }

  @FieldResolver(() => AdministrativeUnit) unit(@Root() row: LegalInstrument) {
    return row.unit.load();
  }
  @FieldResolver(() => Source, { nullable: true }) source(@Root() row: LegalInstrument) {
    return row.source?.load() ?? null;
  }
}
