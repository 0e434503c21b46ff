import { ArgsType, Field, Float, InputType, Int } from "type-graphql";
import { z } from "zod";
import { code, id, text, year } from "../graphql/field-rules.js";
import { argsSchema, inputSchema } from "../graphql/inputs.js";
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

@ArgsType()
export class CreateObservationArgs {
  @Field(() => CreateObservationInput) input!: CreateObservationInput;
}

@ArgsType()
export class UpdateObservationArgs {
  @Field(() => Int) id!: number;
  @Field(() => ObservationPatch) patch!: ObservationPatch;
}

@ArgsType()
export class ApproveObservationsArgs {
  @Field(() => [Int]) ids!: number[];
}

// The rules about the value itself (it fits its indicator's measure) need the indicator, read
// from the database: indicators/indicator.rules.ts `valueRule`, applied by the mutations.
const WRITABLE = [
  ObservationStatus.OFFICIAL,
  ObservationStatus.PROVISIONAL,
  ObservationStatus.DERIVED,
];
const status = z.enum(ObservationStatus).refine(s => WRITABLE.includes(s), {
  error: "Illustrative values are generated, never written by hand",
});
const longText = text(4000, { multiLine: true });

const createSchema = inputSchema(
  CreateObservationInput,
  z.object({
    indicator: code,
    unit: code,
    year,
    source: code,
    status: status.nullish(),
    quote: longText.nullish(),
    note: longText.nullish(),
  }),
);
const patchSchema = inputSchema(
  ObservationPatch,
  z.object({
    status: status.nullish(),
    source: code.nullish(),
    quote: longText.nullish(),
    note: longText.nullish(),
  }),
);

argsSchema(CreateObservationArgs, z.object({ input: createSchema }));
argsSchema(UpdateObservationArgs, z.object({ id, patch: patchSchema }));
argsSchema(
  ApproveObservationsArgs,
  z.object({ ids: z.array(id).max(50_000, { error: "At most 50000 ids at once" }) }),
);
