import { Field, Float, Int, ObjectType } from "type-graphql";
import { Dataset } from "../graphql/enums.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Target } from "../indicators/target.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { Progress, SeriesBasis, SeriesPointType, YearChange } from "./progress.types.js";
import type { TargetEntities } from "./scorecard.service.js";
import type { PlainIndicator, PlainUnit } from "./analytics.reads.js";

@ObjectType({
  description: "A yearly series of one indicator for one unit, with its basis and dataset",
})
export class Series {
  @Field(() => Indicator) indicator!: Indicator | PlainIndicator;
  @Field(() => AdministrativeUnit) unit!: AdministrativeUnit | PlainUnit;
  @Field(() => SeriesBasis) basis!: SeriesBasis;
  @Field(() => [Dataset], {
    description: "Datasets drawn on (official values win over illustrative ones)",
  })
  datasets!: Dataset[];
  @Field(() => [SeriesPointType]) points!: SeriesPointType[];
  @Field(() => [YearChange], { description: "Year-over-year change" }) yearOverYear!: YearChange[];
  @Field(() => Boolean) containsIllustrative!: boolean;
}

@ObjectType({ description: "A target judged for a unit" })
export class TargetProgress {
  @Field(() => Target) target!: Target;
  @Field(() => AdministrativeUnit) unit!: AdministrativeUnit;
  @Field(() => Progress) progress!: Progress;
  @Field(() => Series) series!: Series;
}

@ObjectType({
  description:
    "One cell of the scorecard: a target judged for a unit, with the benchmark beside it",
})
export class ScorecardCell {
  @Field(() => AdministrativeUnit) unit!: AdministrativeUnit | PlainUnit;
  @Field(() => Progress, { description: "Judged against the row target" }) progress!: Progress;
  @Field(() => [SeriesPointType], { description: "The series judged (for sparklines)" })
  series!: SeriesPointType[];
  /** `ownTarget` (scorecard.resolver.ts) reads the entity only when it is asked for. */
  ownTargetId!: number | null;
  targetEntities!: TargetEntities;
  @Field(() => Progress, {
    nullable: true,
    description: "Judged against the unit's own programme target",
  })
  ownProgress!: Progress | null;
  @Field(() => Int, { nullable: true }) nationalLatestYear!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Latest national value of the indicator (benchmark)",
  })
  nationalLatestValue!: number | null;
}

@ObjectType({ description: "One target with a cell per unit" })
export class ScorecardRow {
  /** `target` (scorecard.resolver.ts) reads the entity only when it is asked for. */
  targetId!: number;
  targetEntities!: TargetEntities;
  @Field(() => [ScorecardCell]) cells!: ScorecardCell[];
}

@ObjectType({
  description: "Programmes × units × targets, each cell with status, values and components",
})
export class Scorecard {
  @Field(() => [ScorecardRow]) rows!: ScorecardRow[];
  @Field(() => [AdministrativeUnit]) units!: (AdministrativeUnit | PlainUnit)[];
  @Field(() => [Dataset]) datasets!: Dataset[];
  @Field(() => SeriesBasis) basis!: SeriesBasis;
  @Field(() => Boolean) containsIllustrative!: boolean;
  @Field(() => Int, { description: "Cells whose status is NOT_ASSESSABLE" })
  notAssessableCount!: number;
}

@ObjectType({ description: "Several units on one indicator, with the required trajectory" })
export class Comparison {
  @Field(() => Indicator) indicator!: Indicator | PlainIndicator;
  /** `target` (scorecard.resolver.ts) reads the entity only when it is asked for. */
  targetId!: number | null;
  @Field(() => [Series]) series!: Series[];
  @Field(() => [Trajectory], { description: "Required path per unit, from its base-year value" })
  trajectories!: Trajectory[];
  @Field(() => Boolean) containsIllustrative!: boolean;
}

@ObjectType({ description: "The path a target requires, from a unit’s base-year value" })
export class Trajectory {
  @Field(() => AdministrativeUnit) unit!: AdministrativeUnit | PlainUnit;
  @Field(() => [TrajectoryPoint]) points!: TrajectoryPoint[];
}

@ObjectType()
export class TrajectoryPoint {
  @Field(() => Int) year!: number;
  @Field(() => Float) value!: number;
}

@ObjectType({ description: "A unit's place in a ranking" })
export class RankingEntry {
  @Field(() => AdministrativeUnit) unit!: AdministrativeUnit;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "1 = best for the desired direction; null without data",
  })
  rank!: number | null;
  @Field(() => Boolean) illustrative!: boolean;
}

@ObjectType()
export class Ranking {
  @Field(() => Indicator) indicator!: Indicator;
  @Field(() => Int) year!: number;
  @Field(() => [RankingEntry]) entries!: RankingEntry[];
  @Field(() => Boolean) containsIllustrative!: boolean;
}
