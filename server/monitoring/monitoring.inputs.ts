import { ArgsType, Field, InputType, Int } from "type-graphql";
import { z } from "zod";
import { Code } from "../graphql/code.js";
import { code, count, keyword, requiredText, text, year, id } from "../graphql/field-rules.js";
import { argsSchema, inputSchema } from "../graphql/inputs.js";
import { LIMITS } from "../limits.js";

// The inputs of the monitoring writes and their rules, shared by the mutations and the CSV import
// (imports/monitoring.layout.ts validates each line with `siteSchema` and `resultSchema`).

@InputType({
  description: "Fields of a monitored site; on update, fields left out keep their value",
})
export class MonitoringSitePatch {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Code, { nullable: true, description: "Unit code" }) unit?: string | null;
  @Field(() => String, { nullable: true }) industrialZone?: string | null;
  @Field(() => String, { nullable: true }) sector?: string | null;
  @Field(() => [String], { nullable: true }) factors?: string[] | null;
}

@InputType({ description: "A new monitored site" })
export class CreateMonitoringSiteInput extends MonitoringSitePatch {
  @Field(() => Code) code!: string;
  @Field(() => String) override name!: string;
  @Field(() => Code) override unit!: string;
  @Field(() => String) override sector!: string;
}

@InputType({ description: "One year's samples of a factor at a site" })
export class CreateMonitoringResultInput {
  @Field(() => Code, { description: "Site code" }) site!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) factor!: string;
  @Field(() => Int) samples!: number;
  @Field(() => Int) samplesOverLimit!: number;
}

@InputType({ description: "A correction of sample counts" })
export class MonitoringResultPatch {
  @Field(() => Int, { nullable: true }) samples?: number | null;
  @Field(() => Int, { nullable: true }) samplesOverLimit?: number | null;
}

@ArgsType()
export class CreateMonitoringSiteArgs {
  @Field(() => CreateMonitoringSiteInput) input!: CreateMonitoringSiteInput;
}

@ArgsType()
export class SiteCodeArgs {
  @Field(() => Code) code!: string;
}

@ArgsType()
export class UpdateMonitoringSiteArgs {
  @Field(() => Code) code!: string;
  @Field(() => MonitoringSitePatch) patch!: MonitoringSitePatch;
}

@ArgsType()
export class CreateMonitoringResultArgs {
  @Field(() => CreateMonitoringResultInput) input!: CreateMonitoringResultInput;
}

@ArgsType()
export class UpdateMonitoringResultArgs {
  @Field(() => Int) id!: number;
  @Field(() => MonitoringResultPatch) patch!: MonitoringResultPatch;
}

const samples = count(LIMITS.SAMPLES_PER_RESULT);
const factor = keyword(32);

/** No more samples over the limit than taken (the bound of each count first). */
export const samplesSchema = z
  .object({ samples, samplesOverLimit: samples })
  .refine(v => v.samplesOverLimit <= v.samples, {
    path: ["samplesOverLimit"],
    error: issue => {
      const v = issue.input as { samples: number; samplesOverLimit: number };
      return `${v.samplesOverLimit} is more than samples (${v.samples})`;
    },
  });

const siteFields = {
  name: requiredText(255),
  unit: code,
  industrialZone: text(255),
  sector: keyword(),
  factors: z.array(factor).max(32, { error: "at most 32 factors" }),
};

const sitePatchSchema = inputSchema(
  MonitoringSitePatch,
  z.object({
    name: siteFields.name.nullish(),
    unit: code.nullish(),
    industrialZone: siteFields.industrialZone.nullish(),
    sector: siteFields.sector.nullish(),
    factors: siteFields.factors.nullish(),
  }),
);

export const siteSchema = inputSchema(
  CreateMonitoringSiteInput,
  z.object({
    code,
    ...siteFields,
    industrialZone: siteFields.industrialZone.nullish(),
    factors: siteFields.factors.nullish(),
  }),
);

export const resultSchema = inputSchema(
  CreateMonitoringResultInput,
  z.object({ site: code, year, factor, samples, samplesOverLimit: samples }).and(samplesSchema),
);

const resultPatchSchema = inputSchema(
  MonitoringResultPatch,
  z.object({ samples: samples.nullish(), samplesOverLimit: samples.nullish() }),
);

argsSchema(CreateMonitoringSiteArgs, z.object({ input: siteSchema }));
argsSchema(SiteCodeArgs, z.object({ code }));
argsSchema(UpdateMonitoringSiteArgs, z.object({ code, patch: sitePatchSchema }));
argsSchema(CreateMonitoringResultArgs, z.object({ input: resultSchema }));
argsSchema(UpdateMonitoringResultArgs, z.object({ id, patch: resultPatchSchema }));
