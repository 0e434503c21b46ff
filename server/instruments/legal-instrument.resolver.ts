import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Connection, PageArgs, toConnection, toPage } from "../graphql/connection.js";
import { InstrumentKind } from "./instrument.enums.js";
import { checkCodes } from "../graphql/validate.js";
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

@Resolver(() => LegalInstrument)
export class LegalInstrumentResolver {
  @Query(() => LegalInstrumentConnection, {
    description: "Resolutions, directives, programmes, plans, decrees and notices",
  })
  async instruments(@Args(() => InstrumentsArgs) args: InstrumentsArgs, @Ctx() { em }: Context) {
    checkCodes(args.units, "units");
    const page = toPage(args);
    const where: Record<string, unknown> = {};
    if (args.kinds?.length) where.kind = { $in: args.kinds };
    if (args.units) where.unit = { code: { $in: args.units } };
    const [items, total] = await em.findAndCount(LegalInstrument, where, {
      orderBy: [{ issuedOn: "asc" }, { code: "asc" }],
      limit: page.limit,
      offset: page.offset,
    });
    return toConnection(items, total, page);
  }

  @Query(() => LegalInstrument, { nullable: true })
  async instrument(@Arg("code", () => Code) code: string, @Ctx() { em }: Context) {
    checkCodes([code], "code");
    return em.findOne(LegalInstrument, { code });
  }

  @FieldResolver(() => AdministrativeUnit) unit(@Root() row: LegalInstrument) {
    return row.unit.load();
  }
  @FieldResolver(() => Source, { nullable: true }) source(@Root() row: LegalInstrument) {
    return row.source?.load() ?? null;
  }
}
