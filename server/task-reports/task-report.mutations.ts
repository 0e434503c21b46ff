import type { EntityManager } from "@mikro-orm/postgresql";
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { IdArgs } from "../graphql/id-args.js";
import { RejectTaskReportArgs, SubmitTaskReportArgs } from "./task-report.inputs.js";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import { requireUnitScope } from "../auth/guard.js";
import { Role, User } from "../auth/user.entity.js";
import { BadInputError, ForbiddenError } from "../graphql/errors.js";
import type { AppUser, Context } from "../context.js";
import { write } from "../auth/write.js";
import { TaskReport, TaskReportReview } from "./task-report.entity.js";
import { resolveAnchor } from "./rules.js";

const ENTITY = "task_report";

/**
 * Everyone who wrote the current version of a report: the users with a CREATE or UPDATE audit
 * record of it since its last approval (as for observations, server/audit/contributors.ts), so a
 * second steward who edits a report becomes one of its authors and cannot approve it either.
 * Only records that left the report a DRAFT are submissions: a rejection is recorded as an
 * UPDATE too (to REJECTED) but does not make the reviewer an author.
 */
async function reportContributors(tx: EntityManager, id: number): Promise<Set<number>> {
  const rows: { user_id: number }[] = await tx.execute(
    `select distinct a.user_id from audit_log a
      where a.entity = ? and a.entity_id = ? and a.action in ('CREATE', 'UPDATE') and a.user_id is not null
        and a.after->>'reviewState' = 'DRAFT'
        and a.id > coalesce((select max(p.id) from audit_log p
                              where p.entity = a.entity and p.entity_id = a.entity_id and p.action = 'APPROVE'), 0)`,
    [ENTITY, String(id)],
  );
  return new Set(rows.map(r => Number(r.user_id)));
}

/** The report, in the user's scope (the unit of its programme), still awaiting review. */
async function reviewableReport(tx: EntityManager, user: AppUser, id: number): Promise<TaskReport> {
  const report = await tx.findOne(TaskReport, id, { populate: ["programme.unit"] });
  if (!report) {
    throw new BadInputError(`No task report ${id}`, "id", { reason: "NOT_FOUND", values: { id } });
  }
  requireUnitScope(user, report.programme.getEntity().unit.getEntity());
  if (report.reviewState !== TaskReportReview.DRAFT) {
    throw new BadInputError(
      `Task report ${id} is ${report.reviewState}, not awaiting review`,
      "id",
      { reason: "NOT_A_DRAFT", values: { id } },
    );
  }
  const authors = await reportContributors(tx, id);
  authors.add(report.submittedBy.id);
  if (authors.has(user.id)) {
    throw new ForbiddenError(
      `Bạn đã viết báo cáo ${id} nên không được duyệt nó / You wrote task report ${id}, so someone else who may write the unit must review it`,
      { reason: "FOUR_EYES", values: { id } },
    );
  }
  if (user.role === "ADMIN") {
    const made = await tx.count(User, {
      id: { $in: [...authors] },
      role: Role.ADMIN,
      createdBy: user.id,
    });
    if (made) {
      throw new ForbiddenError(
        `Báo cáo ${id} được viết bởi tài khoản quản trị do chính bạn tạo / Task report ${id} was written by an admin account you created, so you may not review it`,
        { reason: "FOUR_EYES", values: { id } },
      );
    }
  }
  return report;
}

function review(
  tx: EntityManager,
  user: AppUser,
  report: TaskReport,
  state: TaskReportReview,
  reason: string | null,
): TaskReport {
  const before = snapshot(report);
  report.reviewState = state;
  report.rejectionReason = reason;
  report.reviewedBy = tx.getReference(User, user.id, { wrapped: true });
  report.reviewedAt = new Date();
  recordAudit(tx, user, {
    entity: ENTITY,
    entityId: report.id,
    action: state === TaskReportReview.APPROVED ? AuditAction.APPROVE : AuditAction.UPDATE,
    before,
    after: snapshot(report),
    note: state === TaskReportReview.REJECTED ? "rejected" : null,
  });
  return report;
}

@Resolver()
export class TaskReportWriteResolver {
  @Mutation(() => TaskReport, {
    description:
      "Sends (or replaces) a body's yearly report on its tasks, as DRAFT; sending the same report again changes nothing. Stewards of the programme's unit and admins.",
  })
  submitTaskReport(
    @Args(() => SubmitTaskReportArgs) { input }: SubmitTaskReportArgs,
    @Ctx() ctx: Context,
  ): Promise<TaskReport> {
    return write(ctx, async (tx, user) => {
      const { programme, responsibility, agency } = await resolveAnchor(tx, input);
      requireUnitScope(user, programme.unit.getEntity());
      const content = {
        status: input.status,
        summary: input.summary,
        evidenceUrl: input.evidenceUrl || null,
      };
      const existing = await tx.findOne(TaskReport, {
        programme,
        agency,
        responsibility,
        year: input.year,
      });
      if (existing) {
        const same =
          existing.status === content.status &&
          existing.summary === content.summary &&
          (existing.evidenceUrl ?? null) === content.evidenceUrl;
        // Resending the same report is no new report: its review state and author stay.
        if (same && existing.reviewState !== TaskReportReview.REJECTED) return existing;
        const before = snapshot(existing);
        Object.assign(existing, content, {
          reviewState: TaskReportReview.DRAFT,
          rejectionReason: null,
          reviewedBy: null,
          reviewedAt: null,
          submittedAt: new Date(),
          submittedBy: tx.getReference(User, user.id, { wrapped: true }),
        });
        recordAudit(tx, user, {
          entity: ENTITY,
          entityId: existing.id,
          action: AuditAction.UPDATE,
          before,
          after: snapshot(existing),
        });
        return existing;
      }
      const report = tx.create(TaskReport, {
        programme,
        agency,
        responsibility,
        year: input.year,
        ...content,
        submittedAt: new Date(),
        submittedBy: tx.getReference(User, user.id, { wrapped: true }),
        reviewState: TaskReportReview.DRAFT,
        rejectionReason: null,
        reviewedBy: null,
        reviewedAt: null,
      });
      await tx.flush();
      recordAudit(tx, user, {
        entity: ENTITY,
        entityId: report.id,
        action: AuditAction.CREATE,
        after: snapshot(report),
      });
      return report;
    });
  }

  @Mutation(() => TaskReport, {
    description:
      "Approves a DRAFT task report; never your own (four eyes). It then shows to everyone.",
  })
  approveTaskReport(@Args(() => IdArgs) { id }: IdArgs, @Ctx() ctx: Context): Promise<TaskReport> {
    return write(ctx, async (tx, user) =>
      review(tx, user, await reviewableReport(tx, user, id), TaskReportReview.APPROVED, null),
    );
  }

  @Mutation(() => TaskReport, {
    description: "Sends a DRAFT task report back with a reason the author sees; never your own.",
  })
  rejectTaskReport(
    @Args(() => RejectTaskReportArgs) { id, reason }: RejectTaskReportArgs,
    @Ctx() ctx: Context,
  ): Promise<TaskReport> {
    return write(ctx, async (tx, user) => {
      const report = await reviewableReport(tx, user, id);
      return review(tx, user, report, TaskReportReview.REJECTED, reason.trim());
    });
  }
}
