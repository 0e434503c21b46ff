import type { EntityManager } from "@mikro-orm/postgresql";
import { Args, Ctx, Int, Mutation, Resolver } from "type-graphql";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import { requireUnitScope } from "../auth/guard.js";
import { HealthCheckup } from "./health-checkup.entity.js";
import { Dataset } from "../graphql/enums.js";
import { BadInputError } from "../graphql/errors.js";
import type { AppUser, Context } from "../context.js";
import { checkUnitInYear, unitByCode } from "../units/unit.rules.js";
import { write } from "../auth/write.js";
import { IdArgs } from "../graphql/id-args.js";
import { validateInput } from "../graphql/inputs.js";
import {
  checkupCasesSchema,
  CreateHealthCheckupArgs,
  UpdateHealthCheckupArgs,
} from "./checkup.inputs.js";

async function checkupToChange(
  tx: EntityManager,
  user: AppUser,
  id: number,
): Promise<HealthCheckup> {
  const c = await tx.findOne(HealthCheckup, id, { populate: ["unit"] });
  if (!c) throw new BadInputError(`No health check-up ${id}`, "id");
  if (c.dataset !== Dataset.OFFICIAL) {
    throw new BadInputError("Illustrative check-ups are generated, never written by hand", "id");
  }
  requireUnitScope(user, c.unit.getEntity());
  return c;
}

@Resolver()
export class CheckupWriteResolver {
  @Mutation(() => HealthCheckup, {
    description: "Records a year's check-ups at an establishment (immediate: no review step)",
  })
  createHealthCheckup(
    @Args(() => CreateHealthCheckupArgs) { input }: CreateHealthCheckupArgs,
    @Ctx() ctx: Context,
  ) {
    // The fields were validated by their schema (checkup.inputs.ts); here, what needs the database.
    return write(ctx, async (tx, user) => {
      const cases = input.cases ?? [];
      const casesTotal = cases.reduce((s, c) => s + c.cases, 0);
      const unit = await unitByCode(tx, input.unit);
      requireUnitScope(user, unit);
      checkUnitInYear(unit, input.year);
      if (
        await tx.count(HealthCheckup, {
          establishment: input.establishment,
          year: input.year,
          kind: input.kind,
        })
      ) {
        throw new BadInputError(
          `${input.kind} check-ups of ${input.establishment} in ${input.year} exist; correct them with updateHealthCheckup`,
          "establishment",
        );
      }
      const c = tx.create(HealthCheckup, {
        establishment: input.establishment,
        unit,
        sector: input.sector,
        year: input.year,
        kind: input.kind,
        workersExamined: input.workersExamined,
        casesTotal,
        cases: cases.map(x => ({ disease: x.disease, cases: x.cases })),
        dataset: Dataset.OFFICIAL,
      });
      await tx.flush();
      recordAudit(tx, user, {
        entity: "health_checkup",
        entityId: c.id,
        action: AuditAction.CREATE,
        after: snapshot(c),
      });
      return c;
    });
  }

  @Mutation(() => HealthCheckup, { description: "Corrects a year's check-ups" })
  updateHealthCheckup(
    @Args(() => UpdateHealthCheckupArgs) { id, patch }: UpdateHealthCheckupArgs,
    @Ctx() ctx: Context,
  ) {
    return write(ctx, async (tx, user) => {
      const c = await checkupToChange(tx, user, id);
      const cases = patch.cases ?? c.cases;
      const workersExamined = patch.workersExamined ?? c.workersExamined;
      // The patch merged with the stored record obeys the same rule as a new record.
      validateInput(checkupCasesSchema, { workersExamined, cases });
      const casesTotal = cases.reduce((s, x) => s + x.cases, 0);
      const before = snapshot(c);
      if (patch.sector != null) c.sector = patch.sector;
      c.workersExamined = patch.workersExamined ?? c.workersExamined;
      c.cases = cases.map(x => ({ disease: x.disease, cases: x.cases }));
      c.casesTotal = casesTotal;
      await tx.flush();
      recordAudit(tx, user, {
        entity: "health_checkup",
        entityId: id,
        action: AuditAction.UPDATE,
        before,
        after: snapshot(c),
      });
      return c;
    });
  }

  @Mutation(() => Int, { description: "Deletes a check-up record; returns its id" })
  deleteHealthCheckup(@Args(() => IdArgs) { id }: IdArgs, @Ctx() ctx: Context): Promise<number> {
    return write(ctx, async (tx, user) => {
      const c = await checkupToChange(tx, user, id);
      recordAudit(tx, user, {
        entity: "health_checkup",
        entityId: id,
        action: AuditAction.DELETE,
        before: snapshot(c),
      });
      tx.remove(c);
      return id;
    });
  }
}
