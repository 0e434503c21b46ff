import { Field, InputType, Int } from "type-graphql";
import { Dataset, Grade, Period } from "../graphql/enums.js";
import { Disaggregation, ObservationStatus } from "./observation.enums.js";
import { BadInputError } from "../graphql/errors.js";
import { checkCodes, checkYearRange } from "../graphql/validate.js";

@InputType({
  description: "Which observations to return. Illustrative data only when `datasets` asks for it.",
})
export class ObservationFilter {
  @Field(() => [String], { nullable: true, description: "Indicator codes" }) indicators?:
    string[] | null;
  @Field(() => [String], { nullable: true, description: "Unit codes" }) units?: string[] | null;
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
  @Field(() => [Dataset], { nullable: true, description: "Default: [OFFICIAL]" }) datasets?:
    Dataset[] | null;
  @Field(() => [ObservationStatus], { nullable: true }) statuses?: ObservationStatus[] | null;
  @Field(() => [Grade], { nullable: true }) grades?: Grade[] | null;
  @Field(() => Period, { nullable: true }) period?: Period | null;
  @Field(() => Disaggregation, { nullable: true }) disaggregation?: Disaggregation | null;
}

/** The MikroORM filter for an ObservationFilter; only approved values reach read views. */
export function observationWhere(
  filter: ObservationFilter | null | undefined,
): Record<string, unknown> {
  const f = filter ?? {};
  checkCodes(f.indicators, "indicators");
  checkCodes(f.units, "units");
  checkYearRange(f.yearFrom, f.yearTo);
  if (f.datasets && f.datasets.length === 0) {
    throw new BadInputError("datasets must not be empty", "datasets");
  }
  const where: Record<string, unknown> = {
    dataset: { $in: f.datasets ?? [Dataset.OFFICIAL] },
    reviewState: "APPROVED",
  };
  if (f.indicators) where.indicator = { code: { $in: f.indicators } };
  if (f.units) where.unit = { code: { $in: f.units } };
  if (f.yearFrom != null || f.yearTo != null) {
    where.year = {
      ...(f.yearFrom != null ? { $gte: f.yearFrom } : {}),
      ...(f.yearTo != null ? { $lte: f.yearTo } : {}),
    };
  }
  if (f.statuses?.length) where.status = { $in: f.statuses };
  if (f.grades?.length) where.grade = { $in: f.grades };
  if (f.period) where.period = f.period;
  if (f.disaggregation) where.disaggregation = f.disaggregation;
  return where;
}
