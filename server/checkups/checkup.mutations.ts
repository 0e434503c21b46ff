import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Ctx, Field, InputType, Int, Mutation, Resolver } from "type-graphql";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import { requireUnitScope } from "../auth/guard.js";
import { HealthCheckup } from "./health-checkup.entity.js";
import { CheckupKind } from "./checkup.enums.js";
import { Dataset } from "../graphql/enums.js";
import { BadInputError } from "../graphql/errors.js";
import type { AppUser, Context } from "../context.js";
import { checkCode, checkKeyword, checkYear } from "../graphql/field-rules.js";
import { checkUnitInYear, unitByCode } from "../units/unit.rules.js";
import { write } from "../auth/write.js";
import { checkCases } from "./checkup.rules.js";
import { Code } from "../graphql/code.js";

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
    @Arg("input", () => CreateHealthCheckupInput) input: CreateHealthCheckupInput,
    @Ctx() ctx: Context,
  ) {
    return write(ctx, async (tx, user) => {
      checkCode(input.establishment, "establishment");
      checkKeyword(input.sector, "sector");
      checkYear(input.year);
      const cases = input.cases ?? [];
      const casesTotal = checkCases(input.workersExamined, cases);
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
      } as never) as HealthCheckup;
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
    @Arg("id", () => Int) id: number,
    @Arg("patch", () => HealthCheckupPatch) patch: HealthCheckupPatch,
    @Ctx() ctx: Context,
  ) {
    return write(ctx, async (tx, user) => {
      const c = await checkupToChange(tx, user, id);
      if (patch.sector != null) checkKeyword(patch.sector, "sector");
      const cases = patch.cases ?? c.cases;
      const casesTotal = checkCases(patch.workersExamined ?? c.workersExamined, cases);
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
  deleteHealthCheckup(@Arg("id", () => Int) id: number, @Ctx() ctx: Context): Promise<number> {
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
