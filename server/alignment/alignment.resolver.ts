import { Code } from "../graphql/code.js";
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { ProgrammeAlignment } from "./alignment.objects.js";
import { buildAlignment, MAX_PROVINCIAL } from "./alignment.service.js";

@Resolver()
export class AlignmentResolver {
  @Query(() => ProgrammeAlignment, {
    description: `A national programme and up to ${MAX_PROVINCIAL} provincial programmes compared target by target: each provincial counterpart (or none) of each national target with its relation (same, stricter, looser, different measure, not adopted, disputed) and a reason in vi and en; the provincial targets with no national counterpart; task groups by theme and the leading bodies. Two SQL statements.`,
  })
  programmeAlignment(
    @Arg("national", () => Code, { description: "National programme code, e.g. nq19-2021-2025" })
    national: string,
    @Arg("provincial", () => [Code], {
      description: `1 to ${MAX_PROVINCIAL} provincial programme codes`,
    })
    provincial: string[],
    @Ctx() { em }: Context,
  ): Promise<ProgrammeAlignment> {
    return buildAlignment(em, national, provincial);
  }
}
