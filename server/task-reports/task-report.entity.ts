import {
  Check,
  Entity,
  Enum,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from "@mikro-orm/core";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Agency } from "../agencies/agency.entity.js";
import { User } from "../auth/user.entity.js";
import { Programme } from "../programmes/programme.entity.js";
import { Responsibility } from "../programmes/responsibility.entity.js";

/** How far a body got with its tasks in a year, as the body itself reports it. */
export enum TaskStatus {
  NOT_STARTED = "NOT_STARTED",
  IN_PROGRESS = "IN_PROGRESS",
  DONE = "DONE",
  NOT_APPLICABLE = "NOT_APPLICABLE",
}
registerEnumType(TaskStatus, {
  name: "TaskStatus",
  description:
    "NOT_STARTED (chưa triển khai), IN_PROGRESS (đang thực hiện), DONE (đã hoàn thành), NOT_APPLICABLE (không áp dụng)",
});

/**
 * Review of a task report. Unlike observations a task report can be REJECTED with a reason (the
 * author sees it and submits again); a changed report goes back to DRAFT.
 */
export enum TaskReportReview {
  DRAFT = "DRAFT",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}
registerEnumType(TaskReportReview, {
  name: "TaskReportReview",
  description: "Only APPROVED reports are shown to the public; drafts are counted, not shown",
});

/**
 * A yearly report by one body (agency) on its task list in a programme: the anchor is the
 * programme's Responsibility row (one numbered body or group of bodies and its tasks, e.g. III.2
 * "Sở Y tế" of the Hải Dương plan), since that row is what assigns tasks to bodies; the task
 * groups (TaskArea) name no body. A group row (e.g. the mass organisations) is reported by each
 * of its agencies separately.
 */
@ObjectType({ description: "A body's yearly report on its tasks in a programme (reviewed)" })
@Entity({ tableName: "task_report" })
@Unique({ properties: ["programme", "agency", "responsibility", "year"] })
@Check({ name: "task_report_year_range", expression: "year between 1990 and 2100" })
export class TaskReport {
  @Field(() => Int) @PrimaryKey() id!: number;
  @ManyToOne(() => Programme, { ref: true }) programme!: Ref<Programme>;
  @ManyToOne(() => Agency, { ref: true }) agency!: Ref<Agency>;
  @ManyToOne(() => Responsibility, { ref: true }) responsibility!: Ref<Responsibility>;
  @Field(() => Int) @Property({ type: "smallint" }) year!: number;
  @Field(() => TaskStatus) @Enum({ items: () => TaskStatus }) status!: TaskStatus;
  @Field(() => String, { description: "What was done in the year, in the body's words" })
  @Property({ type: "text" })
  summary!: string;
  @Field(() => String, { nullable: true, description: "Link to evidence (http or https)" })
  @Property({ type: "text", nullable: true })
  evidenceUrl?: string | null;
  @Field(() => Date) @Property({ type: "timestamptz" }) submittedAt!: Date;
  @ManyToOne(() => User, { ref: true, deleteRule: "restrict" }) submittedBy!: Ref<User>;
  @Field(() => TaskReportReview)
  @Enum({ items: () => TaskReportReview })
  reviewState!: TaskReportReview;
  @Field(() => String, { nullable: true, description: "Why the reviewer rejected it" })
  @Property({ type: "text", nullable: true })
  rejectionReason?: string | null;
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: "set null" })
  reviewedBy?: Ref<User> | null;
  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  reviewedAt?: Date | null;
}
