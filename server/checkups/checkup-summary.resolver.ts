import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { Dataset } from "../graphql/enums.js";
import { BadInputError } from "../graphql/errors.js";
import { checkCodes, checkYearRange } from "../graphql/validate.js";
import { CheckupKind } from "./checkup.enums.js";
import { CheckupGroup, CheckupSummaryRow, summariseCheckups } from "./checkup-summary.service.js";
import { Code } from "../graphql/code.js";
import { DATASETS_DESCRIPTION, datasetsOrDefault } from "../graphql/datasets.js";

/** The aggregate for the check-up page: one SQL statement per summary (checkup-summary.service). */
@Resolver()
export class CheckupSummaryResolver {
  @Query(() => [CheckupSummaryRow], {
    description:
      "Workers examined and cases found, grouped by disease, sector, year, unit and/or kind",
  })
  async checkupSummary(
    @Arg("groupBy", () => [CheckupGroup]) groupBy: CheckupGroup[],
    @Arg("units", () => [Code], { nullable: true }) units: string[] | null,
    @Arg("yearFrom", () => Int, { nullable: true }) yearFrom: number | null,
    @Arg("yearTo", () => Int, { nullable: true }) yearTo: number | null,
    @Arg("kind", () => CheckupKind, { nullable: true }) kind: CheckupKind | null,
    @Arg("datasets", () => [Dataset], { nullable: true, description: DATASETS_DESCRIPTION })
    datasets: Dataset[] | null,
    @Ctx() { em }: Context,
  ): Promise<CheckupSummaryRow[]> {
    checkCodes(units, "units");
    checkYearRange(yearFrom, yearTo);
    if (!groupBy.length) {
      throw new BadInputError("groupBy must name at least one dimension", "groupBy");
    }
    return summariseCheckups(
      (sql, params) => em.getConnection().execute<Record<string, unknown>[]>(sql, params),
      { groupBy, units, yearFrom, yearTo, kind, datasets: datasetsOrDefault(datasets) },
    );
  }
}
