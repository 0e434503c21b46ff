import { Code } from "../graphql/code.js";
import { Args, ArgsType, Ctx, Field, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { code, codes } from "../graphql/field-rules.js";
import type { Context } from "../context.js";
import { ProgrammeAlignment } from "./alignment.objects.js";
import { buildAlignment, MAX_PROVINCIAL } from "./alignment.service.js";

@ArgsType()
class AlignmentArgs {
  @Field(() => Code, { description: "National programme code, e.g. nq19-2021-2025" })
  national!: string;
  @Field(() => [Code], { description: `1 to ${MAX_PROVINCIAL} provincial programme codes` })
  provincial!: string[];
}
// At least one provincial code, none repeating the national one: alignment.service.ts.
argsSchema(AlignmentArgs, z.object({ national: code, provincial: codes(MAX_PROVINCIAL) }));

@Resolver()
export class AlignmentResolver {
  @Query(() => ProgrammeAlignment, {
    description: `A national programme and up to ${MAX_PROVINCIAL} provincial programmes compared target by target: each provincial counterpart (or none) of each national target with its relation (same, stricter, looser, different measure, not adopted, disputed) and a reason in vi and en; the provincial targets with no national counterpart; task groups by theme and the leading bodies. Two SQL statements.`,
  })
  programmeAlignment(
    @Args(() => AlignmentArgs) { national, provincial }: AlignmentArgs,
    @Ctx() { em }: Context,
  ): Promise<ProgrammeAlignment> {
    return buildAlignment(em, national, provincial);
  }
}
