import { Code } from "../graphql/code.js";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { z } from "zod";
import { code, httpUrl, id, requiredText, year } from "../graphql/field-rules.js";
import { argsSchema, inputSchema } from "../graphql/inputs.js";
import { TaskStatus } from "./task-report.entity.js";

@InputType({
  description:
    "A body's yearly report on its tasks in a programme. Sending it again replaces it; a changed report is DRAFT again until someone else approves it.",
})
export class TaskReportInput {
  @Field(() => Code, { description: "Programme code, e.g. hd-kh-ct31-2024" }) programme!: string;
  @Field(() => String, {
    description:
      "Number of the programme's responsibility row (the body's task list) as printed, e.g. 2",
  })
  responsibility!: string;
  @Field(() => String, {
    description: "Code of the reporting agency: one of the agencies of that row",
  })
  agency!: string;
  @Field(() => Int, { description: "Year reported on, within the programme's years" })
  year!: number;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => String, {
    description: "What was done (at most 4000 characters; newlines allowed)",
  })
  summary!: string;
  @Field(() => String, { nullable: true, description: "Link to evidence: an http(s) address" })
  evidenceUrl?: string | null;
}

@ArgsType()
export class SubmitTaskReportArgs {
  @Field(() => TaskReportInput) input!: TaskReportInput;
}

@ArgsType()
export class RejectTaskReportArgs {
  @Field(() => Int) id!: number;
  @Field(() => String) reason!: string;
}

export const MAX_SUMMARY = 4000;
export const MAX_REASON = 1000;

// Every field rule of a report, before anything is looked up; that the row, agency and year fit
// the programme needs the database (rules.ts resolveAnchor).
const reportSchema = inputSchema(
  TaskReportInput,
  z.object({
    programme: code,
    responsibility: z.string().regex(/^[0-9A-Za-z.]{1,16}$/, {
      error: issue => `"${String(issue.input).slice(0, 20)}" is not a row number`,
    }),
    agency: code,
    year,
    summary: requiredText(MAX_SUMMARY, { multiLine: true }),
    evidenceUrl: httpUrl(undefined, { allowEmpty: true }).nullish(),
  }),
);

argsSchema(SubmitTaskReportArgs, z.object({ input: reportSchema }));
argsSchema(RejectTaskReportArgs, z.object({ id, reason: requiredText(MAX_REASON) }));
