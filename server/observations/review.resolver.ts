import type { EntityManager } from "@mikro-orm/postgresql";
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  Float,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { id, text } from "../graphql/field-rules.js";
import { AuditAction, AuditEntry } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import { draftContributors } from "../audit/contributors.js";
import { mayWriteUnit, requireUnitScope, requireWriter } from "../auth/guard.js";
import { Role, User } from "../auth/user.entity.js";
import { Dataset } from "../graphql/enums.js";
import { ReviewState } from "./observation.enums.js";
import { BadInputError, ForbiddenError } from "../graphql/errors.js";
import type { AppUser, Context } from "../context.js";
import { Observation } from "./observation.entity.js";
import { write } from "../auth/write.js";

@ObjectType({ description: "A draft you may approve, with what it would replace" })
export class ReviewItem {
  @Field(() => Observation) observation!: Observation;
  @Field(() => String, { nullable: true, description: "Who wrote the draft (its last editor)" })
  authorName!: string | null;
  @Field(() => Float, {
    nullable: true,
    description: "The value approved before this draft (null: the value is new)",
  })
  previousValue!: number | null;
}

/** Users who wrote each draft since its last approval (the audit log), plus its last editor. */
async function authorsOf(em: EntityManager, rows: Observation[]) {
  const contributors = await draftContributors(
    em,
    rows.map(o => o.id),
  );
  for (const o of rows) if (o.createdBy) contributors.get(o.id)!.add(o.createdBy.id);
  return contributors;
}

/**
 * Drafts `user` may approve under the four-eyes rule: in scope, written by others, and (for an
 * admin) not by an admin account this admin created. approveObservation checks the same again.
 */
async function approvable(em: EntityManager, user: AppUser, rows: Observation[]) {
  const authors = await authorsOf(em, rows);
  const all = [...new Set(rows.flatMap(o => [...authors.get(o.id)!]))];
  const madeByMe =
    user.role === "ADMIN" && all.length
      ? new Set(
          (await em.find(User, { id: { $in: all }, role: Role.ADMIN, createdBy: user.id })).map(
            u => u.id,
          ),
        )
      : new Set<number>();
  return rows.filter(o => {
    const ids = authors.get(o.id)!;
    return (
      mayWriteUnit(user, o.unit.id) &&
      ids.size > 0 &&
      !ids.has(user.id) &&
      ![...ids].some(id => madeByMe.has(id))
    );
  });
}

@ArgsType()
class RejectObservationArgs {
  @Field(() => Int) id!: number;
  @Field(() => String) reason!: string;
}
argsSchema(
  RejectObservationArgs,
  z.object({
    id,
    reason: text(2000).refine(r => r.trim().length >= 3, {
      error: "Hãy ghi lý do từ chối (ít nhất 3 ký tự) / Give a reason (at least 3 characters)",
    }),
  }),
);

@Resolver()
export class ReviewResolver {
  @Query(() => [ReviewItem], {
    description:
      "Drafts you may approve (never your own: four eyes), oldest first, with the value approved before (at most 500)",
  })
  async reviewQueue(@Ctx() ctx: Context): Promise<ReviewItem[]> {
    const user = requireWriter(ctx);
    const where: Record<string, unknown> = {
      reviewState: ReviewState.DRAFT,
      dataset: Dataset.OFFICIAL,
    };
    if (user.role !== "ADMIN") where.unit = { $in: user.unitIds };
    const drafts = await ctx.em.find(Observation, where, {
      orderBy: { id: "asc" },
      limit: 500,
      populate: ["createdBy"],
    });
    const rows = await approvable(ctx.em, user, drafts);
    // The value a draft replaces: the `after` of its last APPROVE record, if it was ever approved.
    const approvals = rows.length
      ? await ctx.em.find(
          AuditEntry,
          {
            entity: "observation",
            entityId: { $in: rows.map(o => String(o.id)) },
            action: AuditAction.APPROVE,
          },
          { orderBy: { id: "asc" } },
        )
      : [];
    const previous = new Map<string, number | null>();
    for (const a of approvals) {
      const value = (a.after as { value?: unknown } | null)?.value;
      previous.set(a.entityId, typeof value === "number" ? value : null);
    }
    // Seeded values were approved without an audit record: a corrected seeded value shows none.
    return rows.map(o => ({
      observation: o,
      authorName: o.createdBy?.getEntity().name ?? null,
      previousValue: previous.get(String(o.id)) ?? null,
    }));
  }

  @Query(() => [Observation], {
    description:
      "Your drafts that a reviewer rejected, with the reasons (newest first, at most 200)",
  })
  myRejectedObservations(@Ctx() ctx: Context): Promise<Observation[]> {
    const user = requireWriter(ctx);
    return ctx.em.find(
      Observation,
      { reviewState: ReviewState.REJECTED, createdBy: user.id },
      { orderBy: { updatedAt: "desc" }, limit: 200 },
    );
  }

  @Mutation(() => Observation, {
    description:
      "Sends a draft back to its author with a reason (not your own draft: four eyes). It stays out of every view until corrected with updateObservation.",
  })
  rejectObservation(
    @Args(() => RejectObservationArgs) { id, reason }: RejectObservationArgs,
    @Ctx() ctx: Context,
  ): Promise<Observation> {
    return write(ctx, async (tx, user) => {
      const text = reason.trim();
      const o = await tx.findOne(Observation, id, { populate: ["unit"] });
      if (!o || o.dataset !== Dataset.OFFICIAL) {
        throw new BadInputError(`No observation ${id}`, "id", {
          reason: "NOT_FOUND",
          values: { id },
        });
      }
      requireUnitScope(user, o.unit.getEntity());
      if (o.reviewState !== ReviewState.DRAFT) {
        throw new BadInputError(`Observation ${id} is not a draft`, "id", {
          reason: "NOT_A_DRAFT",
          values: { id },
        });
      }
      if (!(await approvable(tx, user, [o])).length) {
        throw new ForbiddenError(
          `Bạn đã viết bản nháp ${id} nên không được duyệt hay từ chối nó / You wrote draft ${id}, so you may neither approve nor reject it`,
          { reason: "FOUR_EYES", values: { id } },
        );
      }
      const before = snapshot(o);
      o.reviewState = ReviewState.REJECTED;
      o.rejectionReason = text;
      await tx.flush();
      recordAudit(tx, user, {
        entity: "observation",
        entityId: o.id,
        action: AuditAction.REJECT,
        before,
        after: snapshot(o),
        note: text,
      });
      return o;
    });
  }
}
