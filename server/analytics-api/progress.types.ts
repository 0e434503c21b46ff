import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Comparator, Direction } from "../indicators/indicator.enums.js";
import { Dataset } from "../graphql/enums.js";

export enum SeriesBasis {
  AS_REPORTED = "AS_REPORTED",
  HARMONISED = "HARMONISED",
}
registerEnumType(SeriesBasis, {
  name: "SeriesBasis",
  description:
    "AS_REPORTED: each year on the boundaries of that year. HARMONISED: on current boundaries (pre-merger years summed over the predecessors)",
});

export enum ProgressStatus {
  TARGET_ACHIEVED = "TARGET_ACHIEVED",
  ON_TRACK = "ON_TRACK",
  ACCELERATION_NEEDED = "ACCELERATION_NEEDED",
  LIMITED_PROGRESS = "LIMITED_PROGRESS",
  DETERIORATION = "DETERIORATION",
  NOT_ACHIEVED = "NOT_ACHIEVED",
  NOT_ASSESSABLE = "NOT_ASSESSABLE",
}
registerEnumType(ProgressStatus, {
  name: "ProgressStatus",
  description: "Status of a target (Open SDG labels)",
});

@ObjectType("Interval", { description: "A confidence interval, in the unit of the value" })
export class IntervalType {
  @Field(() => Float) lower!: number;
  @Field(() => Float) upper!: number;
  @Field(() => Float, { description: "Confidence level, e.g. 0.95" }) level!: number;
}

@ObjectType("Thresholds", { description: "Cut-offs applied to the ratio or share" })
export class ThresholdsType {
  @Field(() => Float) onTrack!: number;
  @Field(() => Float) acceleration!: number;
  @Field(() => Float) limited!: number;
}

@ObjectType("UsedPoint", { description: "A year and value used in a calculation" })
export class UsedPointType {
  @Field(() => Int) year!: number;
  @Field(() => Float) value!: number;
}

@ObjectType({
  description:
    "Every number a status rests on; rates are fractions per year (-0.026 = -2.6 %/year)",
})
export class ProgressComponents {
  @Field(() => Direction, { nullable: true }) direction!: Direction | null;
  @Field(() => Int, { nullable: true }) baseYear!: number | null;
  @Field(() => Int, { nullable: true }) baseYearDeclared!: number | null;
  @Field(() => Float, { nullable: true }) baseValue!: number | null;
  @Field(() => Int, { nullable: true }) latestYear!: number | null;
  @Field(() => Float, { nullable: true }) latestValue!: number | null;
  @Field(() => Int, { nullable: true }) endYear!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Observed compound annual rate, base to latest year",
  })
  observedRate!: number | null;
  @Field(() => Float, { nullable: true, description: "Rate the target requires" }) requiredRate!:
    number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Observed rate / required rate, sign-adjusted for the desired direction",
  })
  ratio!: number | null;
  @Field(() => ThresholdsType, { nullable: true }) thresholds!: ThresholdsType | null;
  @Field(() => Float, {
    nullable: true,
    description: "Rate still required per year over the remaining years",
  })
  requiredRemainingRate!: number | null;
  @Field(() => Float, { nullable: true, description: "Value of the required path in the end year" })
  targetPathValue!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Value of the required path in the latest year",
  })
  requiredPathValueAtLatest!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Where the current pace leads by the end year",
  })
  projectedEndValue!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Share of the required change the current pace reaches",
  })
  shareOfRequiredProgress!: number | null;
  @Field(() => Float, { nullable: true }) targetValue!: number | null;
  @Field(() => Comparator, { nullable: true }) comparator!: Comparator | null;
  @Field(() => Float, { nullable: true }) shortfall!: number | null;
  @Field(() => Float, { nullable: true }) naturalLimit!: number | null;
  @Field(() => [UsedPointType]) pointsUsed!: UsedPointType[];
  @Field(() => IntervalType, {
    nullable: true,
    description: "Exact Poisson 95 % interval of the latest value (counts and rates)",
  })
  interval!: IntervalType | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "The required path lies inside the interval: the gap is within noise",
  })
  requiredPathInsideInterval!: boolean | null;
}

@ObjectType({ description: "A status with its method, reason and all its components" })
export class Progress {
  @Field(() => ProgressStatus) status!: ProgressStatus;
  @Field(() => String, { description: "ANNUAL_RATE, LEVEL, ALL or TREND" }) method!: string;
  @Field(() => String, {
    nullable: true,
    description: "Machine code of why a status could not be given",
  })
  reason!: string | null;
  @Field(() => String, { nullable: true, description: "Technical detail of the reason (English)" })
  reasonText!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Why a status could not be given, in plain words (Vietnamese)",
  })
  reasonVi!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Why a status could not be given, in plain words (English)",
  })
  reasonEn!: string | null;
  @Field(() => ProgressComponents) components!: ProgressComponents;
  @Field(() => String, { description: "The status in one sentence (Vietnamese)" })
  sentenceVi!: string;
  @Field(() => String, { description: "The status in one sentence (English)" }) sentenceEn!: string;
  @Field(() => Boolean, {
    description: "True when any value used is illustrative (generated, not real)",
  })
  illustrative!: boolean;
}

@ObjectType("SeriesPoint", { description: "One year of a series" })
export class SeriesPointType {
  @Field(() => Int) year!: number;
  @Field(() => Float, { nullable: true, description: "null: no data (never 0)" }) value!:
    number | null;
  @Field(() => Float, { nullable: true, description: "Rates: the count (numerator)" }) count!:
    number | null;
  @Field(() => Float, { nullable: true, description: "Rates: the denominator" }) denominator!:
    number | null;
  @Field(() => IntervalType, { nullable: true }) interval!: IntervalType | null;
  @Field(() => Dataset, {
    nullable: true,
    description: "Dataset of the value (ILLUSTRATIVE when generated)",
  })
  dataset!: Dataset | null;
  @Field(() => Boolean) illustrative!: boolean;
  @Field(() => [String], { description: "Unit codes summed into this year (harmonised series)" })
  components!: string[];
  @Field(() => [String], { description: "Components without data, which is why the value is null" })
  missingFrom!: string[];
  @Field(() => String, { nullable: true, description: "Why the value is null" }) gap!:
    string | null;
}

@ObjectType({ description: "Change from the previous year" })
export class YearChange {
  @Field(() => Int) year!: number;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) previousValue!: number | null;
  @Field(() => Float, { nullable: true }) change!: number | null;
  @Field(() => Float, { nullable: true, description: "Per cent" }) percentChange!: number | null;
}
