import { ref, type EntityManager } from "@mikro-orm/postgresql";
import { Args, Ctx, Int, Mutation, Resolver } from "type-graphql";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import { requireUnitScope } from "../auth/guard.js";
import { Dataset } from "../graphql/enums.js";
import { BadInputError, unknownCode } from "../graphql/errors.js";
import type { AppUser, Context } from "../context.js";
import { MonitoringResult } from "./monitoring-result.entity.js";
import { MonitoringSite } from "./monitoring-site.entity.js";
import { checkUnitInYear, unitByCode } from "../units/unit.rules.js";
import { write } from "../auth/write.js";
import { IdArgs } from "../graphql/id-args.js";
import { validateInput } from "../graphql/inputs.js";
import {
  CreateMonitoringResultArgs,
  CreateMonitoringSiteArgs,
  samplesSchema,
  SiteCodeArgs,
  UpdateMonitoringResultArgs,
  UpdateMonitoringSiteArgs,
} from "./monitoring.inputs.js";

// Monitoring results and check-ups are operational records, not programme indicators: their
// writes take effect at once (no DRAFT/APPROVED review), and each is audited like any other.
// Their fields are validated by their schemas (monitoring.inputs.ts) before these run; here is
// what needs the database: the unit and site exist, the user may write them, no duplicate.

async function siteToChange(
  tx: EntityManager,
  user: AppUser,
  code: string,
  field = "code",
): Promise<MonitoringSite> {
  const site = await tx.findOne(MonitoringSite, { code }, { populate: ["unit"] });
  if (!site) {
    throw unknownCode("monitoring site", code, field);
  }
  if (site.dataset !== Dataset.OFFICIAL) {
    throw new BadInputError("Illustrative sites are generated, never written by hand", field, {
      reason: "GENERATED_DATA",
    });
  }
  requireUnitScope(user, site.unit.getEntity());
  return site;
}

async function resultToChange(
  tx: EntityManager,
  user: AppUser,
  id: number,
): Promise<MonitoringResult> {
  const result = await tx.findOne(MonitoringResult, id, { populate: ["site", "site.unit"] });
  if (!result) {
    throw new BadInputError(`No monitoring result ${id}`, "id", {
      reason: "NOT_FOUND",
      values: { id },
    });
  }
  if (result.dataset !== Dataset.OFFICIAL) {
    throw new BadInputError("Illustrative results are generated, never written by hand", "id", {
      reason: "GENERATED_DATA",
    });
  }
  requireUnitScope(user, result.site.getEntity().unit.getEntity());
  return result;
}

@Resolver()
export class MonitoringWriteResolver {
  @Mutation(() => MonitoringSite, { description: "Adds a monitored site" })
  createMonitoringSite(
    @Args(() => CreateMonitoringSiteArgs) { input }: CreateMonitoringSiteArgs,
    @Ctx() ctx: Context,
  ): Promise<MonitoringSite> {
    return write(ctx, async (tx, user) => {
      const unit = await unitByCode(tx, input.unit);
      requireUnitScope(user, unit);
      if (await tx.count(MonitoringSite, { code: input.code })) {
        throw new BadInputError(`Site "${input.code}" exists`, "code", {
          reason: "ALREADY_EXISTS",
          values: { code: input.code },
        });
      }
      const site = tx.create(MonitoringSite, {
        code: input.code,
        name: input.name.trim(),
        unit,
        sector: input.sector,
        industrialZone: input.industrialZone ?? null,
        factors: input.factors ?? [],
        dataset: Dataset.OFFICIAL,
      });
      await tx.flush();
      recordAudit(tx, user, {
        entity: "monitoring_site",
        entityId: site.id,
        action: AuditAction.CREATE,
        after: snapshot(site),
      });
      return site;
    });
  }

  @Mutation(() => MonitoringSite, {
    description:
      "Corrects a monitored site (moving it to another unit needs the right to write both)",
  })
  updateMonitoringSite(
    @Args(() => UpdateMonitoringSiteArgs) { code, patch }: UpdateMonitoringSiteArgs,
    @Ctx() ctx: Context,
  ) {
    return write(ctx, async (tx, user) => {
      const site = await siteToChange(tx, user, code);
      const before = snapshot(site);
      if (patch.unit != null) {
        const unit = await unitByCode(tx, patch.unit);
        requireUnitScope(user, unit);
        site.unit = ref(unit);
      }
      if (patch.name != null) site.name = patch.name.trim();
      if (patch.sector != null) site.sector = patch.sector;
      if (patch.industrialZone != null) site.industrialZone = patch.industrialZone;
      if (patch.factors != null) site.factors = patch.factors;
      await tx.flush();
      recordAudit(tx, user, {
        entity: "monitoring_site",
        entityId: site.id,
        action: AuditAction.UPDATE,
        before,
        after: snapshot(site),
      });
      return site;
    });
  }

  @Mutation(() => String, {
    description: "Deletes a monitored site and its results; returns its code",
  })
  deleteMonitoringSite(
    @Args(() => SiteCodeArgs) { code }: SiteCodeArgs,
    @Ctx() ctx: Context,
  ): Promise<string> {
    return write(ctx, async (tx, user) => {
      const site = await siteToChange(tx, user, code);
      const results = await tx.find(MonitoringResult, { site });
      // Each result is recorded too: the database cascade would otherwise delete them unaudited.
      for (const r of results) {
        recordAudit(tx, user, {
          entity: "monitoring_result",
          entityId: r.id,
          action: AuditAction.DELETE,
          before: snapshot(r),
        });
      }
      recordAudit(tx, user, {
        entity: "monitoring_site",
        entityId: site.id,
        action: AuditAction.DELETE,
        before: snapshot(site),
      });
      for (const r of results) tx.remove(r);
      tx.remove(site);
      return code;
    });
  }

  @Mutation(() => MonitoringResult, {
    description: "Records a year's samples of a factor at a site (immediate: no review step)",
  })
  createMonitoringResult(
    @Args(() => CreateMonitoringResultArgs) { input }: CreateMonitoringResultArgs,
    @Ctx() ctx: Context,
  ) {
    return write(ctx, async (tx, user) => {
      const site = await siteToChange(tx, user, input.site, "site");
      checkUnitInYear(site.unit.getEntity(), input.year);
      if (await tx.count(MonitoringResult, { site, year: input.year, factor: input.factor })) {
        throw new BadInputError(
          `${input.factor} at ${site.code} in ${input.year} exists; correct it with updateMonitoringResult`,
          "factor",
          {
            reason: "ALREADY_EXISTS",
            values: { factor: input.factor, code: site.code, year: input.year },
          },
        );
      }
      const result = tx.create(MonitoringResult, {
        site,
        year: input.year,
        factor: input.factor,
        samples: input.samples,
        samplesOverLimit: input.samplesOverLimit,
        dataset: Dataset.OFFICIAL,
      });
      await tx.flush();
      recordAudit(tx, user, {
        entity: "monitoring_result",
        entityId: result.id,
        action: AuditAction.CREATE,
        after: snapshot(result),
      });
      return result;
    });
  }

  @Mutation(() => MonitoringResult, { description: "Corrects sample counts" })
  updateMonitoringResult(
    @Args(() => UpdateMonitoringResultArgs) { id, patch }: UpdateMonitoringResultArgs,
    @Ctx() ctx: Context,
  ) {
    return write(ctx, async (tx, user) => {
      const result = await resultToChange(tx, user, id);
      // The patch merged with the stored counts obeys the same rule as a new result.
      validateInput(samplesSchema, {
        samples: patch.samples ?? result.samples,
        samplesOverLimit: patch.samplesOverLimit ?? result.samplesOverLimit,
      });
      const before = snapshot(result);
      result.samples = patch.samples ?? result.samples;
      result.samplesOverLimit = patch.samplesOverLimit ?? result.samplesOverLimit;
      await tx.flush();
      recordAudit(tx, user, {
        entity: "monitoring_result",
        entityId: id,
        action: AuditAction.UPDATE,
        before,
        after: snapshot(result),
      });
      return result;
    });
  }

  @Mutation(() => Int, { description: "Deletes a monitoring result; returns its id" })
  deleteMonitoringResult(@Args(() => IdArgs) { id }: IdArgs, @Ctx() ctx: Context): Promise<number> {
    return write(ctx, async (tx, user) => {
      const result = await resultToChange(tx, user, id);
      recordAudit(tx, user, {
        entity: "monitoring_result",
        entityId: id,
        action: AuditAction.DELETE,
        before: snapshot(result),
      });
      tx.remove(result);
      return id;
    });
  }
}
