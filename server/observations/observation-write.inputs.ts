import { Field, Float, InputType, Int } from "type-graphql";
import { Disaggregation, ObservationStatus, Qualifier } from "./observation.enums.js";
import { Grade, Period } from "../graphql/enums.js";
import { Measure } from "../indicators/indicator.enums.js";
import { Code } from "../graphql/code.js";

@InputType({
  description: "A new value of an indicator; it enters as DRAFT until someone else approves it",
})
export class CreateObservationInput {
  @Field(() => Code, { description: "Indicator code" }) indicator!: string;
  @Field(() => Code, { description: "Unit code; the unit must have existed in `year`" })
  unit!: string;
  @Field(() => Int) year!: number;
  @Field(() => Period, { nullable: true, defaultValue: Period.YEAR }) period?: Period;
  @Field(() => Disaggregation, { nullable: true, defaultValue: Disaggregation.TOTAL })
  disaggregation?: Disaggregation;
  @Field(() => Float) value!: number;
  @Field(() => Measure, {
    nullable: true,
    description: "When given, must equal the indicator measure (a guard against unit mix-ups)",
  })
  measure?: Measure | null;
  @Field(() => Qualifier, { nullable: true, defaultValue: Qualifier.EXACT }) qualifier?: Qualifier;
  @Field(() => ObservationStatus, { nullable: true, defaultValue: ObservationStatus.OFFICIAL })
  status?: ObservationStatus;
  @Field(() => Code, { description: "Code of the source that gives the value (required)" })
  source!: string;
  @Field(() => Grade, { nullable: true, description: "Default: the grade of the source" })
  grade?: Grade | null;
  @Field(() => String, { nullable: true }) quote?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType({
  description:
    "A correction of a value; fields left out keep their value. The result is DRAFT again.",
})
export class ObservationPatch {
  @Field(() => Float, { nullable: true }) value?: number | null;
  @Field(() => Measure, { nullable: true }) measure?: Measure | null;
  @Field(() => Qualifier, { nullable: true }) qualifier?: Qualifier | null;
  @Field(() => ObservationStatus, { nullable: true }) status?: ObservationStatus | null;
  @Field(() => Code, { nullable: true }) source?: string | null;
  @Field(() => Grade, { nullable: true }) grade?: Grade | null;
  @Field(() => String, { nullable: true }) quote?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
