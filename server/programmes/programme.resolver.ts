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
import { Agency } from "../agencies/agency.entity.js";
import { Connection, PageArgs } from "../graphql/connection.js";
import { servedByRowId } from "../graphql/plain-page.js";
import { findConnection } from "../graphql/list-query.js";
import { ProgrammeKind } from "./programme.enums.js";
import type { Context } from "../context.js";
import { Target } from "../indicators/target.entity.js";
import { LegalInstrument } from "../instruments/legal-instrument.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { ProgrammeSection } from "./programme-section.entity.js";
import { Programme } from "./programme.entity.js";
import { Responsibility } from "./responsibility.entity.js";
import { TaskArea } from "./task-area.entity.js";
import { Code } from "../graphql/code.js";

@ObjectType()
export class ProgrammeConnection extends Connection(Programme, "Programme") {}

@ArgsType()
class ProgrammesArgs extends PageArgs {
  @Field(() => [Code], { nullable: true, description: "Programme codes" }) codes?: string[] | null;
  @Field(() => [Code], { nullable: true, description: "Unit codes" }) units?: string[] | null;
  @Field(() => [ProgrammeKind], { nullable: true }) kinds?: ProgrammeKind[] | null;
}
argsSchema(ProgrammesArgs, z.object({ codes: codes().nullish(), units: codes().nullish() }));

const byNumber = { number: "asc", id: "asc" } as const;

// A programme's targets are loaded by its id: a page of programmes read as plain rows serves them.
servedByRowId("Programme", "targets");

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => ProgrammeConnection, {
    description: "Programmes and plans with their targets and tasks",
  })
  async programmes(
    @Args(() => ProgrammesArgs) args: ProgrammesArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where: ObjectQuery<Programme> = {};
    if (args.codes) where.code = { $in: args.codes };
    if (args.units) where.unit = { code: { $in: args.units } };
    if (args.kinds?.length) where.kind = { $in: args.kinds };
    return findConnection(em, Programme, where, { code: "asc" }, args, info);
  }

  @Query(() => Programme, { nullable: true })
  async programme(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() { em }: Context) {
    return em.findOne(Programme, { code });
  }

  @FieldResolver(() => AdministrativeUnit) unit(@Root() p: Programme) {
    return p.unit.load();
  }
  @FieldResolver(() => LegalInstrument) instrument(@Root() p: Programme) {
    return p.instrument.load();
  }
  @FieldResolver(() => [LegalInstrument], {
    description: "Other instruments the programme rests on",
  })
  basisInstruments(@Root() p: Programme) {
    return p.basisInstruments.load({ dataloader: true });
  }
  @FieldResolver(() => [LegalInstrument], {
    description:
      "Every instrument the document cites (preamble, targets, tasks), with issuer and date",
  })
  citedInstruments(@Root() p: Programme) {
    return p.citedInstruments.load({ dataloader: true });
  }
  @FieldResolver(() => [ProgrammeSection], {
    description: "The numbered sections of the document, in order (funding included)",
  })
  sections(@Root() p: Programme, @Ctx() { loaders }: Context) {
    return loaders
      .children(ProgrammeSection, "programme", {}, { position: "asc", id: "asc" })
      .load(p.id);
  }
  @FieldResolver(() => Programme, {
    nullable: true,
    description: "The (national) programme this one implements",
  })
  implements(@Root() p: Programme) {
    return p.implements?.load() ?? null;
  }
  @FieldResolver(() => [Target]) targets(
    @Root() p: Programme,
    @Ctx() { loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loaders
      .childrenOf(info, Target, "programme", {}, { number: "asc", part: "asc" })
      .load(p.id);
  }
  @FieldResolver(() => [TaskArea]) taskAreas(@Root() p: Programme, @Ctx() { loaders }: Context) {
    return loaders.children(TaskArea, "programme", {}, byNumber).load(p.id);
  }
  @FieldResolver(() => [Responsibility]) responsibilities(
    @Root() p: Programme,
    @Ctx() { loaders }: Context,
  ) {
    return loaders.children(Responsibility, "programme", {}, byNumber).load(p.id);
  }
}

@ArgsType()
class ProgrammePartsArgs {
  @Field(() => [Code], { nullable: true, description: "Programme codes" }) programmes?:
    string[] | null;
  @Field(() => [Code], { nullable: true, description: "Agency codes (responsibilities only)" })
  agencies?: string[] | null;
}
argsSchema(
  ProgrammePartsArgs,
  z.object({ programmes: codes().nullish(), agencies: codes().nullish() }),
);

@Resolver(() => Responsibility)
export class ResponsibilityResolver {
  @Query(() => [Responsibility], {
    description: "Who does what, across programmes (the agency × target matrix)",
  })
  async responsibilities(
    @Args(() => ProgrammePartsArgs) args: ProgrammePartsArgs,
    @Ctx() { em }: Context,
  ) {
    const where: ObjectQuery<Responsibility> = {};
    if (args.programmes) where.programme = { code: { $in: args.programmes } };
    if (args.agencies) where.agencies = { code: { $in: args.agencies } };
    return em.find(Responsibility, where, {
      orderBy: [{ programme: { code: "asc" } }, { id: "asc" }],
    });
  }

  @Query(() => [TaskArea], { description: "Groups of tasks and solutions, across programmes" })
  async taskAreas(
    @Args(() => ProgrammePartsArgs) args: ProgrammePartsArgs,
    @Ctx() { em }: Context,
  ) {
    return em.find(
      TaskArea,
      args.programmes ? { programme: { code: { $in: args.programmes } } } : {},
      {
        orderBy: [{ programme: { code: "asc" } }, { id: "asc" }],
      },
    );
  }

  @FieldResolver(() => Programme) programme(@Root() r: Responsibility) {
    return r.programme.load();
  }

  @FieldResolver(() => [Agency]) agencies(@Root() r: Responsibility) {
    return r.agencies.load({ dataloader: true });
  }
  @FieldResolver(() => [Target], { description: "Targets this body leads and reports on" })
  leadsTargets(@Root() r: Responsibility) {
    return r.leadsTargets.load({ dataloader: true });
  }
}
