import { GraphQLSafeInt } from "graphql-scalars";
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  Float,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { codes, yearSpan } from "../graphql/field-rules.js";
import { SummaryFilterArgs } from "../graphql/list-query.js";
import { BadInputError } from "../graphql/errors.js";
import type { Context } from "../context.js";
import {
  MonitoringGroup,
  rollupCanAnswer,
  summariseMonitoring,
  type MonitoringSummaryArgs,
} from "./monitoring-summary.service.js";
import { datasetsOrDefault } from "../graphql/datasets.js";
import { withSummaryLimits } from "./summary-limits.js";
import { rollupWait } from "./rollup-state.js";

export { MonitoringGroup };

registerEnumType(MonitoringGroup, { name: "MonitoringGroup" });

/*
 * Sums of counts (samples, workers, cases) are SafeInt, not Int: GraphQL's Int stops at 2^31-1,
 * and two valid results of a billion samples each made the whole summary fail for everyone.
 * SafeInt is exact up to 2^53-1 (a JSON number every client reads exactly), the SQL sums are
 * bigint, and the input bounds (server/limits.ts) keep any sum far below that. Counts of
 * rows (sites, establishments) stay Int: they cannot exceed the number of rows in a table.
 */
@ObjectType({ description: "Samples taken and over the permitted limit, for one group" })
export class MonitoringSummaryRow {
  @Field(() => String, { nullable: true }) factor!: string | null;
  @Field(() => String, { nullable: true }) sector!: string | null;
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => String, { nullable: true, description: "Unit code" }) unit!: string | null;
  @Field(() => Int, { description: "Establishments monitored" }) sites!: number;
  @Field(() => GraphQLSafeInt) samples!: number;
  @Field(() => GraphQLSafeInt) samplesOverLimit!: number;
  @Field(() => Float, {
    nullable: true,
    description: "Per cent of samples over the limit; null when no samples",
  })
  shareOverLimit!: number | null;
  @Field(() => Boolean) illustrative!: boolean;
}

@ArgsType()
class MonitoringSummaryQueryArgs extends SummaryFilterArgs {
  @Field(() => [MonitoringGroup]) groupBy!: MonitoringGroup[];
}
argsSchema(MonitoringSummaryQueryArgs, yearSpan(z.object({ units: codes().nullish() })));

/** Aggregates for the monitoring and check-up pages: one SQL statement per summary. */
@Resolver()
export class SummaryResolver {
  @Query(() => [MonitoringSummaryRow], {
    description: "Share of samples over limits, grouped by factor, sector, year and/or unit",
  })
  async monitoringSummary(
    @Args(() => MonitoringSummaryQueryArgs) query: MonitoringSummaryQueryArgs,
    @Ctx() { em, rollups }: Context,
  ): Promise<MonitoringSummaryRow[]> {
    const { groupBy, units = null, yearFrom = null, yearTo = null, datasets } = query;
    if (!groupBy.length) {
      throw new BadInputError("groupBy must name at least one dimension", "groupBy");
    }
    const args: MonitoringSummaryArgs = {
      groupBy,
      units,
      yearFrom,
      yearTo,
      datasets: datasetsOrDefault(datasets),
    };
    // A limit hit (pool wait, statement timeout, no memory) is a coded error, not an internal one.
    const execute = withSummaryLimits((sql: string, params: unknown[] = []) =>
      em.getConnection().execute<Record<string, unknown>[]>(sql, params),
    );
    // The pre-aggregated rollup when it reflects the current data; the raw results otherwise.
    // (checked in the same statement as the summary).
    // Stale by a few units just written: wait for their rebuild rather than read every result.
    return summariseMonitoring(
      execute,
      args,
      rollupCanAnswer(args) ? "if-fresh" : false,
      rollupWait("monitoring", rollups?.monitoring, sql => execute(sql, [])),
    );
  }
}
