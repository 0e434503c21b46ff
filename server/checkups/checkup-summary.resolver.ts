import { Args, ArgsType, Ctx, Field, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { codes, yearSpan } from "../graphql/field-rules.js";
import { SummaryFilterArgs } from "../graphql/list-query.js";
import type { Context } from "../context.js";
import { BadInputError } from "../graphql/errors.js";
import { CheckupKind } from "./checkup.enums.js";
import {
  CheckupGroup,
  CheckupSummaryRow,
  checkupRollupCanAnswer,
  summariseCheckups,
  type CheckupSummaryArgs,
} from "./checkup-summary.service.js";
import { datasetsOrDefault } from "../graphql/datasets.js";
import { withSummaryLimits } from "../monitoring/summary-limits.js";
import { rollupWait } from "../monitoring/rollup-state.js";

@ArgsType()
class CheckupSummaryQueryArgs extends SummaryFilterArgs {
  @Field(() => [CheckupGroup]) groupBy!: CheckupGroup[];
  @Field(() => CheckupKind, { nullable: true }) kind?: CheckupKind | null;
}
argsSchema(CheckupSummaryQueryArgs, yearSpan(z.object({ units: codes().nullish() })));

/**
 * The aggregate for the check-up page: one SQL statement per summary (checkup-summary.service),
 * from the rollup while it is fresh (checkup-rollup.ts).
 */
@Resolver()
export class CheckupSummaryResolver {
  @Query(() => [CheckupSummaryRow], {
    description:
      "Workers examined and cases found, grouped by disease, sector, year, unit and/or kind",
  })
  async checkupSummary(
    @Args(() => CheckupSummaryQueryArgs) query: CheckupSummaryQueryArgs,
    @Ctx() { em, rollups }: Context,
  ): Promise<CheckupSummaryRow[]> {
    const { groupBy, units = null, yearFrom = null, yearTo = null, kind = null, datasets } = query;
    if (!groupBy.length) {
      throw new BadInputError("groupBy must name at least one dimension", "groupBy");
    }
    const args: CheckupSummaryArgs = {
      groupBy,
      units,
      yearFrom,
      yearTo,
      kind,
      datasets: datasetsOrDefault(datasets),
    };
    // A limit hit (pool wait, statement timeout, no memory) is a coded error, not an internal one.
    const execute = withSummaryLimits((sql: string, params: unknown[] = []) =>
      em.getConnection().execute<Record<string, unknown>[]>(sql, params),
    );
    // The pre-aggregated rollup when it reflects the current data; the raw check-ups otherwise.
    // (checked in the same statement as the summary).
    // Stale by a few units just written: wait for their rebuild rather than read every check-up.
    return summariseCheckups(
      execute,
      args,
      checkupRollupCanAnswer(args) ? "if-fresh" : false,
      rollupWait("checkup", rollups?.checkup, sql => execute(sql, [])),
    );
  }
}
