import { Code } from "../graphql/code.js";
import { Field, InputType, Int } from "type-graphql";
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
