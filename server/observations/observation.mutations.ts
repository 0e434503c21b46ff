import { ref, type EntityManager } from "@mikro-orm/postgresql";
import { isDeepStrictEqual } from "node:util";
import { Args, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import { draftContributors } from "../audit/contributors.js";
import { requireUnitScope, requireWriter } from "../auth/guard.js";
import { Role, User } from "../auth/user.entity.js";
import { PageArgs, toConnection, toPage } from "../graphql/connection.js";
import { Dataset, Period } from "../graphql/enums.js";
import { Disaggregation, ObservationStatus, Qualifier, ReviewState } from "./observation.enums.js";
import { BadInputError, ForbiddenError } from "../graphql/errors.js";
import type { AppUser, Context } from "../context.js";
import { ObservationAlternative } from "./observation-alternative.entity.js";
import { Observation } from "./observation.entity.js";
import { ObservationConnection } from "./observation.resolver.js";
import {
  ApproveObservationsArgs,
  CreateObservationArgs,
  UpdateObservationArgs,
} from "./observation-write.inputs.js";
import { IdArgs } from "../graphql/id-args.js";
import { validateField } from "../graphql/inputs.js";
import { checkMeasure, indicatorByCode, valueRule } from "../indicators/indicator.rules.js";
import { checkUnitInYear, unitByCode } from "../units/unit.rules.js";
import { sourceByCode } from "../sources/source.rules.js";
import { write } from "../auth/write.js";

/** An official observation the user may change: exists, is not illustrative, is in scope. */
function checkWritable(user: AppUser, o: Observation): void {
  if (o.dataset !== Dataset.OFFICIAL) {
    throw new BadInputError("Illustrative values are generated, never written by hand", "id", {
      reason: "GENERATED_DATA",
    });
  }
  requireUnitScope(user, o.unit.getEntity());
}

async function writableObservation(
  tx: EntityManager,
  user: AppUser,
  id: number,
): Promise<Observation> {
  const o = await tx.findOne(Observation, id, { populate: ["unit", "indicator"] });
  if (!o) {
    throw new BadInputError(`No observation ${id}`, "id", { reason: "NOT_FOUND", values: { id } });
  }
  checkWritable(user, o);
  return o;
}

/**
 * Four eyes: a draft is approved by a writer of its unit who wrote no part of it. Everyone who
 * created or edited it since its last approval counts (the audit log keeps them), not just the
 * last editor: otherwise a second steward changing only the note would let the author approve
 * their own figure. A wrong draft is corrected (which makes the
 * corrector a contributor), deleted, or rejected with a reason (rejectObservation). Neither may an admin approve the work of an admin account
 * they created. All rows are checked before any is approved: all or none.
 */
async function approveAll(
  tx: EntityManager,
  user: AppUser,
  rows: Observation[],
): Promise<Observation[]> {
  for (const o of rows) {
    checkWritable(user, o);
    if (o.reviewState !== ReviewState.DRAFT) {
      throw new BadInputError(`Observation ${o.id} is not a draft`, "id", {
        reason: "NOT_A_DRAFT",
        values: { id: o.id },
      });
    }
  }
  const contributors = await draftContributors(
    tx,
    rows.map(o => o.id),
  );
  for (const o of rows) {
    const ids = contributors.get(o.id)!;
    if (o.createdBy) ids.add(o.createdBy.id);
    if (!ids.size) {
      throw new ForbiddenError(
        `Không rõ ai đã viết bản nháp ${o.id}, nên không thể duyệt theo nguyên tắc bốn mắt / Nobody is known to have written draft ${o.id}, so four eyes cannot be ensured`,
        { reason: "AUTHOR_UNKNOWN", values: { id: o.id } },
      );
    }
    if (ids.has(user.id)) {
      throw new ForbiddenError(
        `Bạn đã tạo hoặc sửa một phiên bản của bản nháp ${o.id} nên không được duyệt nó / You created or edited a version of draft ${o.id}, so you may not approve it: someone else who may write the unit must`,
        { reason: "FOUR_EYES", values: { id: o.id } },
      );
    }
  }
  if (user.role === "ADMIN") {
    const all = [...new Set(rows.flatMap(o => [...contributors.get(o.id)!]))];
    const made = await tx.find(User, { id: { $in: all }, role: Role.ADMIN, createdBy: user.id });
    const o = rows.find(r => made.some(m => contributors.get(r.id)!.has(m.id)));
    if (o) {
      const names = made
        .filter(m => contributors.get(o.id)!.has(m.id))
        .map(m => m.name)
        .join(", ");
      throw new ForbiddenError(
        `Bản nháp ${o.id} được viết bởi tài khoản quản trị do chính bạn tạo (${names}), nên bạn không được duyệt nó / Draft ${o.id} was written by an admin account you created (${names}), so you may not approve it`,
        { reason: "FOUR_EYES", values: { id: o.id } },
      );
    }
  }
  return rows.map(o => {
    const before = snapshot(o);
    o.reviewState = ReviewState.APPROVED;
    o.rejectionReason = null;
    o.approvedBy = tx.getReference(User, user.id, { wrapped: true });
    recordAudit(tx, user, {
      entity: "observation",
      entityId: o.id,
      action: AuditAction.APPROVE,
      before,
      after: snapshot(o),
    });
    return o;
  });
}

@Resolver()
export class ObservationWriteResolver {
  @Query(() => ObservationConnection, {
    description:
      "Values waiting for approval in the units you may write (stewards and admins), your own included: reviewQueue lists only those you may approve",
  })
  async draftObservations(
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ObservationConnection> {
    const user = requireWriter(ctx);
    const page = toPage(args);
    const where: Record<string, unknown> = {
      reviewState: ReviewState.DRAFT,
      dataset: Dataset.OFFICIAL,
    };
    if (user.role !== "ADMIN") where.unit = { $in: user.unitIds };
    const [items, total] = await ctx.em.findAndCount(Observation, where, {
      orderBy: { id: "asc" },
      limit: page.limit,
      offset: page.offset,
    });
    return Object.assign(toConnection(items, total, page), { containsIllustrative: false });
  }

  @Mutation(() => Observation, {
    description:
      "Adds a value (as DRAFT). A value for the same indicator, unit, year and breakdown must be corrected instead.",
  })
  createObservation(
    @Args(() => CreateObservationArgs) { input }: CreateObservationArgs,
    @Ctx() ctx: Context,
  ): Promise<Observation> {
    // The fields were validated by their schema (observation-write.inputs.ts); here, the rules
    // that need the database: the unit existed that year, the value fits its indicator.
    return write(ctx, async (tx, user) => {
      const unit = await unitByCode(tx, input.unit);
      requireUnitScope(user, unit);
      checkUnitInYear(unit, input.year);
      const indicator = await indicatorByCode(tx, input.indicator);
      checkMeasure(indicator, input.measure);
      validateField(valueRule(indicator), input.value, "value");
      const source = await sourceByCode(tx, input.source);
      const key = {
        indicator,
        unit,
        year: input.year,
        period: input.period ?? Period.YEAR,
        disaggregation: input.disaggregation ?? Disaggregation.TOTAL,
        dataset: Dataset.OFFICIAL,
      };
      const existing = await tx.findOne(Observation, key);
      if (existing) {
        throw new BadInputError(
          `${indicator.code} for ${unit.code} in ${input.year} exists (observation ${existing.id}); correct it with updateObservation`,
          "year",
          {
            reason: "ALREADY_EXISTS",
            values: {
              indicator: indicator.code,
              unit: unit.code,
              year: input.year,
              id: existing.id,
            },
          },
        );
      }
      const o = tx.create(Observation, {
        ...key,
        value: input.value,
        qualifier: input.qualifier ?? Qualifier.EXACT,
        status: input.status ?? ObservationStatus.OFFICIAL,
        source,
        grade: input.grade ?? source.grade,
        quote: input.quote ?? null,
        note: input.note ?? null,
        reviewState: ReviewState.DRAFT,
        createdBy: tx.getReference(User, user.id),
        approvedBy: null,
      });
      await tx.flush();
      recordAudit(tx, user, {
        entity: "observation",
        entityId: o.id,
        action: AuditAction.CREATE,
        after: snapshot(o),
      });
      return o;
    });
  }

  @Mutation(() => Observation, {
    description:
      "Corrects a value. The corrected value is DRAFT, out of the official views, until someone else approves it; the old value stays in the audit log.",
  })
  updateObservation(
    @Args(() => UpdateObservationArgs) { id, patch }: UpdateObservationArgs,
    @Ctx() ctx: Context,
  ): Promise<Observation> {
    return write(ctx, async (tx, user) => {
      const o = await writableObservation(tx, user, id);
      const indicator = o.indicator.getEntity();
      checkMeasure(indicator, patch.measure);
      if (patch.value != null) validateField(valueRule(indicator), patch.value, "value");
      const before = snapshot(o);
      if (patch.source != null) o.source = ref(await sourceByCode(tx, patch.source));
      if (!o.source) {
        throw new BadInputError("An official value needs a source", "source", {
          reason: "SOURCE_REQUIRED",
        });
      }
      if (patch.value != null) o.value = patch.value;
      if (patch.qualifier) o.qualifier = patch.qualifier;
      if (patch.status) o.status = patch.status;
      if (patch.grade) o.grade = patch.grade;
      if (patch.quote !== undefined && patch.quote !== null) o.quote = patch.quote;
      if (patch.note !== undefined && patch.note !== null) o.note = patch.note;
      // A patch that changes nothing is no correction: the value keeps its review state and
      // author (else resending a value would make the sender its author) and nothing is audited.
      if (isDeepStrictEqual(snapshot(o), before)) return o;
      o.reviewState = ReviewState.DRAFT;
      o.rejectionReason = null;
      o.createdBy = tx.getReference(User, user.id, { wrapped: true });
      o.approvedBy = null;
      await tx.flush();
      recordAudit(tx, user, {
        entity: "observation",
        entityId: o.id,
        action: AuditAction.UPDATE,
        before,
        after: snapshot(o),
      });
      return o;
    });
  }

  @Mutation(() => Int, {
    description: "Deletes a value (and the alternative values kept with it); returns its id",
  })
  deleteObservation(@Args(() => IdArgs) { id }: IdArgs, @Ctx() ctx: Context): Promise<number> {
    return write(ctx, async (tx, user) => {
      const o = await writableObservation(tx, user, id);
      const before = snapshot(o);
      // The database would delete the alternative values by cascade, unseen by the audit log:
      // each is removed and recorded here, in the same transaction.
      const alternatives = await tx.find(
        ObservationAlternative,
        { observation: o },
        { orderBy: { id: "asc" } },
      );
      for (const alt of alternatives) {
        recordAudit(tx, user, {
          entity: "observation_alternative",
          entityId: alt.id,
          action: AuditAction.DELETE,
          before: snapshot(alt),
          note: `with observation ${id}`,
        });
        tx.remove(alt);
      }
      tx.remove(o);
      recordAudit(tx, user, {
        entity: "observation",
        entityId: id,
        action: AuditAction.DELETE,
        before,
      });
      return id;
    });
  }

  @Mutation(() => Observation, {
    description:
      "Approves a DRAFT value, by a steward or admin other than its author: it then reaches the official views",
  })
  approveObservation(
    @Args(() => IdArgs) { id }: IdArgs,
    @Ctx() ctx: Context,
  ): Promise<Observation> {
    return write(
      ctx,
      async (tx, user) =>
        (await approveAll(tx, user, [await writableObservation(tx, user, id)]))[0],
    );
  }

  @Mutation(() => [Observation], {
    description: "Approves several drafts at once (e.g. an import); all or none",
  })
  approveObservations(
    @Args(() => ApproveObservationsArgs) { ids }: ApproveObservationsArgs,
    @Ctx() ctx: Context,
  ): Promise<Observation[]> {
    return write(ctx, async (tx, user) => {
      const unique = [...new Set(ids)];
      // One query for all of them (an import may leave thousands of drafts).
      const rows = await tx.find(
        Observation,
        { id: { $in: unique } },
        { populate: ["unit"], orderBy: { id: "asc" } },
      );
      const missing = unique.filter(id => !rows.some(o => o.id === id));
      if (missing.length) {
        const id = missing.slice(0, 5).join(", ");
        throw new BadInputError(`No observation ${id}`, "ids", {
          reason: "NOT_FOUND",
          values: { id },
        });
      }
      return approveAll(tx, user, rows);
    });
  }
}
