import type { ObjectQuery } from "@mikro-orm/core";
import type { Observation } from "./observation.entity.js";
import { Field, InputType, Int } from "type-graphql";
import { Dataset, Grade, Period } from "../graphql/enums.js";
import { Disaggregation, ObservationStatus } from "./observation.enums.js";
import { z } from "zod";
import { codes, yearSpan } from "../graphql/field-rules.js";
import { inputSchema, validateInput } from "../graphql/inputs.js";
import { Code } from "../graphql/code.js";
import { DATASETS_DESCRIPTION, datasetsOrDefault } from "../graphql/datasets.js";

@InputType({
  description: "Which observations to return. Illustrative data only when `datasets` asks for it.",
})
export class ObservationFilter {
  @Field(() => [Code], { nullable: true, description: "Indicator codes" }) indicators?:
    string[] | null;
  @Field(() => [Code], { nullable: true, description: "Unit codes" }) units?: string[] | null;
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
  @Field(() => [Dataset], { nullable: true, description: DATASETS_DESCRIPTION }) datasets?:
    Dataset[] | null;
  @Field(() => [ObservationStatus], { nullable: true }) statuses?: ObservationStatus[] | null;
  @Field(() => [Grade], { nullable: true }) grades?: Grade[] | null;
  @Field(() => Period, { nullable: true }) period?: Period | null;
  @Field(() => Disaggregation, { nullable: true }) disaggregation?: Disaggregation | null;
}

/**
 * The filter's rules, checked before the resolver and again by observationWhere, for the read
 * paths that take a filter straight from the query text (unit-observations.reads.ts).
 */
export const observationFilterSchema = inputSchema(
  ObservationFilter,
  yearSpan(z.object({ indicators: codes().nullish(), units: codes().nullish() })),
);

/** The MikroORM filter for an ObservationFilter; only approved values reach read views. */
export function observationWhere(
  filter: ObservationFilter | null | undefined,
): ObjectQuery<Observation> {
  const f = filter ?? {};
  validateInput(observationFilterSchema, f);
  const where: Record<string, unknown> = {
    dataset: { $in: datasetsOrDefault(f.datasets) },
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
