import { Code } from "../graphql/code.js";
import { GraphQLLocalDate } from "graphql-scalars";
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { code, year } from "../graphql/field-rules.js";
import { Agency } from "../agencies/agency.entity.js";
import { mayWriteUnit } from "../auth/guard.js";
import type { AppUser, Context } from "../context.js";
import { Programme } from "../programmes/programme.entity.js";
import { Responsibility } from "../programmes/responsibility.entity.js";
import { programmeByCode } from "../programmes/programme.rules.js";
import { deadlineIn, reportingState, todayInVietnam, type ReportingState } from "./status.js";
import { TaskReport, TaskReportReview, TaskStatus } from "./task-report.entity.js";

const ReportingStates = { REPORTED: "REPORTED", NOT_REPORTED: "NOT_REPORTED", OVERDUE: "OVERDUE" };
registerEnumType(ReportingStates, {
  name: "ReportingState",
  description:
    "REPORTED (a report was sent: awaiting review or approved), NOT_REPORTED, OVERDUE (none sent and the year's deadline has passed)",
});

@ObjectType({
  description: "The task reports of a programme visible to you, and the drafts counted",
})
class TaskReportList {
  @Field(() => [TaskReport], {
    description:
      "Approved reports; signed-in stewards and admins of the programme's unit also see drafts and rejected ones",
  })
  reports!: TaskReport[];
  @Field(() => Int, { description: "Reports awaiting review (their content is not public)" })
  awaitingReview!: number;
}

@ObjectType({ description: "One body's reporting state in one year" })
class TaskReportCell {
  @Field(() => Int) year!: number;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Deadline that year, if any" })
  deadline!: string | null;
  @Field(() => ReportingStates) state!: ReportingState;
  @Field(() => TaskReportReview, { nullable: true, description: "Review of the latest report" })
  reviewState!: TaskReportReview | null;
  @Field(() => TaskStatus, { nullable: true, description: "The task status, once approved" })
  taskStatus!: TaskStatus | null;
  @Field(() => Int, { nullable: true, description: "The approved report's id" })
  reportId!: number | null;
}

@ObjectType({ description: "A body of a responsibility row, with its state per year" })
class TaskReportStatusRow {
  @Field(() => String, { description: "Number of the responsibility row" }) responsibility!: string;
  @Field(() => String) section!: string;
  @Field(() => String, { description: "The row's body as the document names it" }) bodyVi!: string;
  @Field(() => Agency) agency!: Agency;
  @Field(() => [TaskReportCell]) cells!: TaskReportCell[];
  @Field(() => Int) reported!: number;
  @Field(() => Int) overdue!: number;
}

@ObjectType({ description: "Who has reported on their tasks, per body and year" })
class TaskReportStatus {
  @Field(() => String) programme!: string;
  @Field(() => String, { nullable: true, description: "Yearly deadline MM-DD, null if none" })
  reportDueMonthDay!: string | null;
  @Field(() => GraphQLLocalDate, { description: "The date the states are computed for" })
  asOf!: string;
  @Field(() => [Int]) years!: number[];
  @Field(() => [TaskReportStatusRow]) rows!: TaskReportStatusRow[];
}

/** Whether the user may see a programme's unpublished reports (drafts, rejections). */
function seesDrafts(user: AppUser | null, programme: Programme): boolean {
  return !!user && mayWriteUnit(user, programme.unit.id);
}

@ArgsType()
class TaskReportsArgs {
  @Field(() => Code) programme!: string;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Code, { nullable: true }) agency?: string | null;
}

@ArgsType()
class TaskReportStatusArgs {
  @Field(() => Code) programme!: string;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "Compute the states as of this date (default: today in Việt Nam)",
  })
  asOf?: string | null;
}

argsSchema(
  TaskReportsArgs,
  z.object({ programme: code, year: year.nullish(), agency: code.nullish() }),
);
argsSchema(
  TaskReportStatusArgs,
  z.object({
    programme: code,
    asOf: z
      .string()
      .refine(d => year.safeParse(Number(d.slice(0, 4))).success, {
        error: "must be a date between 1990 and 2100",
      })
      .nullish(),
  }),
);

@Resolver(() => TaskReport)
export class TaskReportResolver {
  @Query(() => TaskReportList, {
    description: "Yearly task reports of a programme (public: approved ones, drafts counted)",
  })
  async taskReports(
    @Args(() => TaskReportsArgs) { programme: code, year, agency }: TaskReportsArgs,
    @Ctx() { em, user }: Context,
  ): Promise<TaskReportList> {
    const programme = await programmeByCode(em, code);
    const where: Record<string, unknown> = { programme };
    if (year != null) where.year = year;
    if (agency != null) where.agency = { code: agency };
    const all = await em.find(TaskReport, where, {
      populate: ["agency", "responsibility"],
      orderBy: { year: "asc", responsibility: { id: "asc" }, agency: { code: "asc" } },
    });
    const drafts = seesDrafts(user, programme);
    return {
      reports: all.filter(r => drafts || r.reviewState === TaskReportReview.APPROVED),
      awaitingReview: all.filter(r => r.reviewState === TaskReportReview.DRAFT).length,
    };
  }

  @Query(() => TaskReportStatus, {
    description:
      "Per body and year: reported, not reported, or overdue after the programme's yearly deadline",
  })
  async taskReportStatus(
    @Args(() => TaskReportStatusArgs) { programme: code, asOf: asOfArg }: TaskReportStatusArgs,
    @Ctx() { em }: Context,
  ): Promise<TaskReportStatus> {
    const asOf = asOfArg ?? todayInVietnam();
    const programme = await programmeByCode(em, code);
    const lastYear = Math.min(programme.endYear, Number(asOf.slice(0, 4)));
    const years: number[] = [];
    for (let y = programme.startYear; y <= lastYear; y++) years.push(y);
    const rows = await em.find(
      Responsibility,
      { programme },
      { populate: ["agencies"], orderBy: { id: "asc" } },
    );
    const reports = await em.find(TaskReport, { programme });
    const key = (r: number, a: number, y: number) => `${r}|${a}|${y}`;
    const byKey = new Map(
      reports.map(r => [key(r.responsibility.id, r.agency.id, r.year), r] as const),
    );
    const due = programme.reportDueMonthDay ?? null;
    const out: TaskReportStatusRow[] = [];
    for (const row of rows) {
      const agencies = row.agencies.getItems().sort((a, b) => a.code.localeCompare(b.code));
      for (const agency of agencies) {
        const cells = years.map(year => {
          const report = byKey.get(key(row.id, agency.id, year));
          const sent = !!report && report.reviewState !== TaskReportReview.REJECTED;
          const approved = report?.reviewState === TaskReportReview.APPROVED;
          return {
            year,
            deadline: deadlineIn(year, due),
            state: reportingState({
              year,
              dueMonthDay: due,
              today: asOf,
              reported: sent,
              bodyEndedOn: agency.validTo,
            }),
            reviewState: report?.reviewState ?? null,
            taskStatus: approved ? report.status : null,
            reportId: approved ? report.id : null,
          };
        });
        out.push({
          responsibility: row.number,
          section: row.section,
          bodyVi: row.bodyVi,
          agency,
          cells,
          reported: cells.filter(c => c.state === "REPORTED").length,
          overdue: cells.filter(c => c.state === "OVERDUE").length,
        });
      }
    }
    return { programme: programme.code, reportDueMonthDay: due, asOf, years, rows: out };
  }

  @FieldResolver(() => String, { description: "Programme code" })
  programme(@Root() r: TaskReport) {
    return r.programme.load().then(p => p!.code);
  }
  @FieldResolver(() => Agency) agency(@Root() r: TaskReport) {
    return r.agency.load();
  }
  @FieldResolver(() => String, { description: "Number of the responsibility row reported on" })
  responsibility(@Root() r: TaskReport) {
    return r.responsibility.load().then(x => x!.number);
  }
  @FieldResolver(() => String, {
    nullable: true,
    description: "Who sent it: shown to signed-in users only",
  })
  submittedBy(@Root() r: TaskReport, @Ctx() { user }: Context) {
    if (!user) return null;
    return r.submittedBy.load().then(u => u?.name ?? null);
  }
}
