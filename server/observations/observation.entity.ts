import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
  OptionalProps,
} from "@mikro-orm/core";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { Dataset, Grade, Period } from "../graphql/enums.js";
import { Disaggregation, ObservationStatus, Qualifier, ReviewState } from "./observation.enums.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { User } from "../auth/user.entity.js";
import { Source } from "../sources/source.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

/**
 * One value of an indicator for a unit and period. A missing value is a missing row: there is
 * no zero standing for "unknown". Official rows must name a source; illustrative rows must say so.
 */
@ObjectType({
  description:
    "One value of an indicator for a unit, year and breakdown, with its source and grade",
})
@Entity({ tableName: "observation" })
@Unique({
  name: "observation_key",
  properties: ["indicator", "unit", "year", "period", "disaggregation", "dataset"],
})
// Pages in unit or indicator order read each one's rows by year and id (observation-page.reads.ts).
@Index({ name: "observation_unit_year", properties: ["unit", "year", "id"] })
@Index({ name: "observation_indicator_year", properties: ["indicator", "year", "id"] })
// Series reads (scorecard, compare, map) fetch yearly totals by indicator and unit; covering
// index measured in bench/RESULTS.md.
@Index({
  name: "observation_series",
  expression: `create index "observation_series" on "observation" ("indicator_id", "unit_id", "year") include ("dataset", "value") where period = 'YEAR' and disaggregation = 'TOTAL' and review_state = 'APPROVED'`,
})
@Index({ name: "observation_dataset_review", properties: ["dataset", "reviewState"] })
@Check({ name: "observation_value_not_negative", expression: "value >= (0)::double precision" })
@Check({ name: "observation_year_range", expression: "(year >= 1990) AND (year <= 2100)" })
@Check({
  name: "observation_official_has_source",
  expression: "dataset <> 'OFFICIAL' or source_id is not null or status = 'DERIVED'",
})
@Check({
  name: "observation_illustrative_status",
  expression: "(dataset = 'ILLUSTRATIVE') = (status = 'ILLUSTRATIVE')",
})
export class Observation {
  // A getter and the fields with a default: em.create may leave them out.
  [OptionalProps]?: "illustrative" | "qualifier" | "disputed" | "createdAt" | "updatedAt";
  @Field(() => Int, { description: "Row id, as the write API and the audit log name it" })
  @PrimaryKey()
  id!: number;
  @ManyToOne(() => Indicator, { ref: true }) indicator!: Ref<Indicator>;
  @ManyToOne(() => AdministrativeUnit, { ref: true }) unit!: Ref<AdministrativeUnit>;
  @Field(() => Int) @Property({ type: "smallint" }) year!: number;
  @Field(() => Period) @Enum({ items: () => Period, default: Period.YEAR }) period: Period =
    Period.YEAR;
  @Field(() => Disaggregation)
  @Enum({ items: () => Disaggregation, default: Disaggregation.TOTAL })
  disaggregation: Disaggregation = Disaggregation.TOTAL;
  @Field(() => Dataset)
  @Enum({ items: () => Dataset, default: Dataset.OFFICIAL })
  dataset: Dataset = Dataset.OFFICIAL;
  @Field(() => Float) @Property({ type: "double", runtimeType: "number" }) value!: number;
  @Field(() => Qualifier)
  @Enum({ items: () => Qualifier, default: Qualifier.EXACT })
  qualifier: Qualifier = Qualifier.EXACT;
  @Field(() => ObservationStatus)
  @Enum({ items: () => ObservationStatus })
  status!: ObservationStatus;
  @Field(() => Grade, {
    nullable: true,
    description: "Reliability of this value (may be lower than its source page)",
  })
  @Enum({ items: () => Grade, nullable: true })
  grade?: Grade | null;
  @ManyToOne(() => Source, { ref: true, nullable: true }) source?: Ref<Source> | null;
  @Field(() => String, {
    nullable: true,
    description: "The words of the source that give the value",
  })
  @Property({ type: "text", nullable: true })
  quote?: string | null;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) note?:
    string | null;
  @Field(() => Boolean, {
    description: "Another source gives a different value (see alternatives)",
  })
  @Property({ default: false })
  disputed: boolean = false;
  @Field(() => ReviewState)
  @Enum({ items: () => ReviewState, default: ReviewState.APPROVED })
  reviewState: ReviewState = ReviewState.APPROVED;
  @Field(() => String, {
    nullable: true,
    description: "Why a reviewer rejected this draft (REJECTED only)",
  })
  @Property({ type: "text", nullable: true })
  rejectionReason?: string | null;
  // Who wrote the current value and who approved it (four eyes: never the same user).
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: "set null" })
  createdBy?: Ref<User> | null;
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: "set null" })
  approvedBy?: Ref<User> | null;
  @Property({ type: "timestamptz", defaultRaw: "now()" }) createdAt: Date = new Date();
  @Property({ type: "timestamptz", defaultRaw: "now()", onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  // Exposed to GraphQL by ObservationResolver.illustrative, which also serves plain rows.
  get illustrative(): boolean {
    return this.dataset === Dataset.ILLUSTRATIVE;
  }
}
