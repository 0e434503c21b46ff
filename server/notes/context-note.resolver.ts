import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { codes, year } from "../graphql/field-rules.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Target } from "../indicators/target.entity.js";
import { LegalInstrument } from "../instruments/legal-instrument.entity.js";
import { Source } from "../sources/source.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { ContextNote } from "./context-note.entity.js";
import { Code } from "../graphql/code.js";

@ArgsType()
class ContextNotesArgs {
  @Field(() => [Code], { nullable: true, description: "Indicator codes" }) indicators?:
    string[] | null;
  @Field(() => [Code], { nullable: true, description: "Unit codes" }) units?: string[] | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
}
argsSchema(
  ContextNotesArgs,
  z.object({ indicators: codes().nullish(), units: codes().nullish(), year: year.nullish() }),
);

const noteOrder = { year: "asc", code: "asc" } as const;

@Resolver(() => ContextNote)
export class ContextNoteResolver {
  @Query(() => [ContextNote], {
    description:
      "Sourced context facts (incidents, sector figures, statements, findings) that are not series values",
  })
  async contextNotes(@Args(() => ContextNotesArgs) args: ContextNotesArgs, @Ctx() { em }: Context) {
    const where: Record<string, unknown> = {};
    if (args.indicators) where.indicator = { code: { $in: args.indicators } };
    if (args.units) where.unit = { code: { $in: args.units } };
    if (args.year !== null && args.year !== undefined) where.year = args.year;
    return em.find(ContextNote, where, { orderBy: [{ year: "asc" }, { code: "asc" }], limit: 500 });
  }

  @FieldResolver(() => Indicator, { nullable: true }) indicator(@Root() n: ContextNote) {
    return n.indicator?.load() ?? null;
  }
  @FieldResolver(() => Target, { nullable: true }) target(@Root() n: ContextNote) {
    return n.target?.load() ?? null;
  }
  @FieldResolver(() => AdministrativeUnit, { nullable: true }) unit(@Root() n: ContextNote) {
    return n.unit?.load() ?? null;
  }
  @FieldResolver(() => Source) source(@Root() n: ContextNote) {
    return n.source.load();
  }
}

@Resolver(() => Indicator)
export class IndicatorContextResolver {
  @FieldResolver(() => [ContextNote], {
    description: "Sourced context facts about this indicator that are not series values",
  })
  contextNotes(@Root() i: Indicator, @Ctx() { loaders }: Context) {
    return loaders.children(ContextNote, "indicator", {}, noteOrder).load(i.id);
  }
}

@Resolver(() => Target)
export class TargetRecordResolver {
  @FieldResolver(() => [ContextNote], {
    description: "Sourced findings that bear on this target (e.g. late reporting)",
  })
  contextNotes(@Root() t: Target, @Ctx() { loaders }: Context) {
    return loaders.children(ContextNote, "target", {}, noteOrder).load(t.id);
  }
  @FieldResolver(() => [LegalInstrument], {
    description: "Legal instruments the target text cites or rests on",
  })
  citedInstruments(@Root() t: Target) {
    return t.citedInstruments.load({ dataloader: true });
  }
}
