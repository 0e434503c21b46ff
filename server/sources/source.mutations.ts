import type { EntityManager } from "@mikro-orm/postgresql";
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import { BadInputError, ForbiddenError, unknownCode } from "../graphql/errors.js";
import type { AppUser, Context } from "../context.js";
import { ContextNote } from "../notes/context-note.entity.js";
import { LegalInstrument } from "../instruments/legal-instrument.entity.js";
import { ObservationAlternative } from "../observations/observation-alternative.entity.js";
import { Observation } from "../observations/observation.entity.js";
import { Target } from "../indicators/target.entity.js";
import { Source } from "./source.entity.js";
import { write } from "../auth/write.js";
import { CreateSourceArgs, SourceCodeArgs, UpdateSourceArgs } from "./source.inputs.js";

/**
 * Sources are shared by every unit, so a steward may correct or delete one only when every value
 * citing it (observations and the alternative values kept beside them) lies in the steward's
 * units and no target, instrument or context note cites it; admins may always. These five are every entity
 * with a source relation: a new one must be added here.
 */
async function checkSourceScope(tx: EntityManager, user: AppUser, source: Source): Promise<void> {
  if (user.role === "ADMIN") return;
  const outside =
    (await tx.count(Observation, { source, unit: { $nin: user.unitIds } })) +
    (await tx.count(ObservationAlternative, {
      source,
      observation: { unit: { $nin: user.unitIds } },
    }));
  if (outside) {
    throw new ForbiddenError(
      `Nguồn ${source.code} được ${outside} giá trị ngoài đơn vị của bạn trích dẫn; chỉ quản trị viên được sửa / Source ${source.code} is cited by ${outside} values (or alternative values) outside your units; an admin may change it`,
    );
  }
  // Programme documents (cited by targets or legal instruments) and the sources of context notes
  // are shared by everyone too.
  if (
    (await tx.count(Target, { source })) +
    (await tx.count(LegalInstrument, { source })) +
    (await tx.count(ContextNote, { source }))
  ) {
    throw new ForbiddenError(
      `Nguồn ${source.code} được chỉ tiêu, văn bản pháp luật hoặc ghi chú bối cảnh trích dẫn; chỉ quản trị viên được sửa / Source ${source.code} is cited by targets, legal instruments or context notes; an admin may change it`,
    );
  }
}

async function sourceToChange(tx: EntityManager, user: AppUser, code: string): Promise<Source> {
  const source = await tx.findOne(Source, { code });
  if (!source) {
    throw unknownCode("source", code, "code");
  }
  await checkSourceScope(tx, user, source);
  return source;
}

@Resolver()
export class SourceWriteResolver {
  @Mutation(() => Source, { description: "Registers a source (stewards and admins)" })
  createSource(
    @Args(() => CreateSourceArgs) { input }: CreateSourceArgs,
    @Ctx() ctx: Context,
  ): Promise<Source> {
    // The fields were validated by their schema (source.inputs.ts); here, what needs the database.
    return write(ctx, async (tx, user) => {
      if (await tx.count(Source, { code: input.code })) {
        throw new BadInputError(`Source "${input.code}" exists`, "code", {
          reason: "ALREADY_EXISTS",
          values: { code: input.code },
        });
      }
      const source = tx.create(Source, { ...input, title: input.title.trim() });
      await tx.flush();
      recordAudit(tx, user, {
        entity: "source",
        entityId: source.id,
        action: AuditAction.CREATE,
        after: snapshot(source),
      });
      return source;
    });
  }

  @Mutation(() => Source, { description: "Corrects a source" })
  updateSource(
    @Args(() => UpdateSourceArgs) { code, patch }: UpdateSourceArgs,
    @Ctx() ctx: Context,
  ): Promise<Source> {
    return write(ctx, async (tx, user) => {
      const source = await sourceToChange(tx, user, code);
      const before = snapshot(source);
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined && value !== null) {
          (source as unknown as Record<string, unknown>)[key] = value;
        }
      }
      await tx.flush();
      recordAudit(tx, user, {
        entity: "source",
        entityId: source.id,
        action: AuditAction.UPDATE,
        before,
        after: snapshot(source),
      });
      return source;
    });
  }

  @Mutation(() => String, {
    description:
      "Deletes a source no value, alternative, target, legal instrument or context note cites; returns its code",
  })
  deleteSource(
    @Args(() => SourceCodeArgs) { code }: SourceCodeArgs,
    @Ctx() ctx: Context,
  ): Promise<string> {
    return write(ctx, async (tx, user) => {
      const source = await sourceToChange(tx, user, code);
      const uses =
        (await tx.count(Observation, { source })) +
        (await tx.count(ObservationAlternative, { source })) +
        (await tx.count(LegalInstrument, { source })) +
        (await tx.count(Target, { source })) +
        (await tx.count(ContextNote, { source }));
      if (uses) {
        throw new BadInputError(
          `Source ${code} is cited ${uses} times; it cannot be deleted`,
          "code",
          { reason: "IN_USE", values: { code, uses } },
        );
      }
      const before = snapshot(source);
      tx.remove(source);
      recordAudit(tx, user, {
        entity: "source",
        entityId: source.id,
        action: AuditAction.DELETE,
        before,
      });
      return code;
    });
  }
}
