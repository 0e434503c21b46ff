import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, Int } from "type-graphql";
import { z } from "zod";
import { code, codes, year, yearSpan } from "../graphql/field-rules.js";
import { argsSchema } from "../graphql/inputs.js";
import { Code } from "../graphql/code.js";
import { DATASETS_DESCRIPTION } from "../graphql/datasets.js";
import { Dataset } from "../graphql/enums.js";
import { SeriesBasis } from "./progress.types.js";

// The arguments of the analytics queries, as classes: what every query shares (data sets, basis)
// is declared once, and each query adds its own.

@ArgsType()
class DatasetsArgs {
  @Field(() => [Dataset], { nullable: true, description: DATASETS_DESCRIPTION })
  datasets?: Dataset[] | null;
}

@ArgsType()
class BasisArgs extends DatasetsArgs {
  @Field(() => SeriesBasis, { defaultValue: SeriesBasis.AS_REPORTED }) basis!: SeriesBasis;
}

@ArgsType()
export class SeriesArgs extends BasisArgs {
  @Field(() => [Code]) indicators!: string[];
  @Field(() => [Code]) units!: string[];
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
}

@ArgsType()
export class ProgressArgs extends BasisArgs {
  @Field(() => Code) programme!: string;
  @Field(() => String) number!: string;
  @Field(() => String, { nullable: true }) part?: string | null;
  @Field(() => Code) unit!: string;
}

@ArgsType()
export class ScorecardArgs extends BasisArgs {
  @Field(() => [Code]) programmes!: string[];
  @Field(() => [Code]) units!: string[];
}

@ArgsType()
export class CompareArgs extends BasisArgs {
  @Field(() => Code) indicator!: string;
  @Field(() => [Code]) units!: string[];
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
  @Field(() => Code, {
    nullable: true,
    description:
      "Programme whose target on this indicator gives the trajectory (default: nq19-2021-2025)",
  })
  targetProgramme?: string | null;
}

@ArgsType()
export class RankingArgs extends DatasetsArgs {
  @Field(() => Code) indicator!: string;
  @Field(() => Int) year!: number;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "Rank the units that existed on this day (default: the end of the year)",
  })
  asOf?: string | null;
}

@ArgsType()
export class IndicatorProgressArgs extends BasisArgs {
  @Field(() => Code) indicator!: string;
}

// The rules of these arguments, checked before any resolver (graphql/inputs.ts). Unit lists are
// bounded by unitsByCode (units/unit.rules.ts), the one lookup of units by code.
argsSchema(SeriesArgs, yearSpan(z.object({ indicators: codes(50) })));
argsSchema(ProgressArgs, z.object({ programme: code }));
argsSchema(
  ScorecardArgs,
  z.object({ programmes: codes(20).min(1, { error: "must name at least one programme" }) }),
);
argsSchema(CompareArgs, yearSpan(z.object({ indicator: code, targetProgramme: code.nullish() })));
argsSchema(RankingArgs, z.object({ indicator: code, year }));
argsSchema(IndicatorProgressArgs, z.object({ indicator: code }));
