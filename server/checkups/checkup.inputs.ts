import { ArgsType, Field, InputType, Int } from "type-graphql";
import { z } from "zod";
import { Code } from "../graphql/code.js";
import { code, count, keyword, year, id } from "../graphql/field-rules.js";
import { argsSchema, inputSchema } from "../graphql/inputs.js";
import { LIMITS } from "../limits.js";
import { CheckupKind } from "./checkup.enums.js";

// The inputs of the check-up writes and their rules, shared by the mutations and the CSV import
// (imports/checkups.layout.ts validates each file record with `createCheckupSchema`).

@InputType("DiseaseCasesInput", { description: "Cases of one occupational disease" })
export class DiseaseCasesInput {
  @Field(() => String) disease!: string;
  @Field(() => Int) cases!: number;
}

@InputType({ description: "A correction of a year's check-ups; fields left out keep their value" })
export class HealthCheckupPatch {
  @Field(() => String, { nullable: true }) sector?: string | null;
  @Field(() => Int, { nullable: true }) workersExamined?: number | null;
  @Field(() => [DiseaseCasesInput], { nullable: true, description: "Replaces the list of cases" })
  cases?: DiseaseCasesInput[] | null;
}

@InputType({ description: "One year's health check-ups at an establishment" })
export class CreateHealthCheckupInput {
  @Field(() => String, { description: "Establishment code" }) establishment!: string;
  @Field(() => Code, { description: "Unit code" }) unit!: string;
  @Field(() => String) sector!: string;
  @Field(() => Int) year!: number;
  @Field(() => CheckupKind) kind!: CheckupKind;
  @Field(() => Int) workersExamined!: number;
  @Field(() => [DiseaseCasesInput], { nullable: true, defaultValue: [] })
  cases?: DiseaseCasesInput[];
}

@ArgsType()
export class CreateHealthCheckupArgs {
  @Field(() => CreateHealthCheckupInput) input!: CreateHealthCheckupInput;
}

@ArgsType()
export class UpdateHealthCheckupArgs {
  @Field(() => Int) id!: number;
  @Field(() => HealthCheckupPatch) patch!: HealthCheckupPatch;
}

const workers = count(LIMITS.WORKERS_PER_CHECKUP);
const diseaseCases = inputSchema(
  DiseaseCasesInput,
  z.object({ disease: keyword(), cases: workers }),
);
const caseList = z.array(diseaseCases).max(64, { error: "at most 64 diseases" });

/** Each disease listed once, and cases never more than the workers examined. */
function casesFit(
  value: { workersExamined?: number | null; cases?: readonly DiseaseCasesInput[] | null },
  ctx: z.RefinementCtx,
): void {
  const cases = value.cases ?? [];
  const seen = new Set<string>();
  for (const [i, c] of cases.entries()) {
    if (seen.has(c.disease)) {
      ctx.addIssue({
        code: "custom",
        path: ["cases", i, "disease"],
        message: `${c.disease} is listed twice`,
      });
      return;
    }
    seen.add(c.disease);
  }
  const total = cases.reduce((s, c) => s + c.cases, 0);
  if (value.workersExamined != null && total > value.workersExamined) {
    ctx.addIssue({
      code: "custom",
      path: ["cases"],
      message: `${total} cases are more than the ${value.workersExamined} workers examined`,
    });
  }
}

/** Workers and cases together: what a correction is checked against, merged with the stored record. */
export const checkupCasesSchema = z
  .object({ workersExamined: workers, cases: caseList })
  .superRefine(casesFit);

export const createCheckupSchema = inputSchema(
  CreateHealthCheckupInput,
  z
    .object({
      establishment: code,
      unit: code,
      sector: keyword(),
      year,
      kind: z.enum(CheckupKind),
      workersExamined: workers,
      cases: caseList.nullish(),
    })
    .superRefine(casesFit),
);

const patchSchema = inputSchema(
  HealthCheckupPatch,
  z.object({
    sector: keyword().nullish(),
    workersExamined: workers.nullish(),
    cases: caseList.nullish(),
  }),
);

argsSchema(CreateHealthCheckupArgs, z.object({ input: createCheckupSchema }));
argsSchema(UpdateHealthCheckupArgs, z.object({ id, patch: patchSchema }));
