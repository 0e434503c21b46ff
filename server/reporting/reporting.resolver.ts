import { Code } from "../graphql/code.js";
import { Args, ArgsType, Ctx, Field, Int, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { code, year } from "../graphql/field-rules.js";
import { missingForTarget, reportingUnitsFor, valuesNeededFor } from "../analytics/index.js";
import { requireUnitScope, requireWriter } from "../auth/guard.js";
import { ObservationStatus, ReviewState } from "../observations/observation.enums.js";
import type { Context } from "../context.js";
import type { Target } from "../indicators/target.entity.js";
import type { Observation } from "../observations/observation.entity.js";
import { programmeByCode } from "../programmes/programme.rules.js";
import { checkUnitInYear, unitByCode } from "../units/unit.rules.js";
import type { AdministrativeUnit } from "../units/unit.entity.js";
import {
  asReportingUnit,
  indicatorsByCode,
  isApproved,
  observationsFor,
  predecessorsOf,
  targetsCovering,
  targetsOfProgramme,
  type LoadedTarget,
} from "./requirements.service.js";
import {
  ChecklistState,
  CoverageState,
  ReportingChecklist,
  ReportingCoverage,
  type CoverageTotals,
  type NeedingTarget,
} from "./reporting.types.js";

const needing = (t: Target): NeedingTarget => ({
  programme: t.programme.getEntity().code,
  label: t.label,
  kind: t.kind,
  baseYear: t.baseYear ?? null,
  endYear: t.endYear,
  textVi: t.textVi,
  textEn: t.textEn ?? null,
});

/** The units that report `year` for `unit` (itself, or before a merger the former provinces). */
function reporterOf(unit: AdministrativeUnit, before: AdministrativeUnit[]) {
  return (year: number): AdministrativeUnit[] => {
    const codes = reportingUnitsFor(asReportingUnit(unit), before.map(asReportingUnit), year);
    return [unit, ...before].filter(u => codes.includes(u.code));
  };
}

function checklistState(o: Observation | undefined): ChecklistState {
  if (!o) return ChecklistState.MISSING;
  return o.reviewState as string as ChecklistState;
}

function coverageState(o: Observation | undefined, overdue: boolean): CoverageState {
  if (o?.reviewState === ReviewState.APPROVED) {
    return o.status === ObservationStatus.PROVISIONAL
      ? CoverageState.PROVISIONAL
      : CoverageState.OFFICIAL;
  }
  if (o?.reviewState === ReviewState.DRAFT) return CoverageState.DRAFT;
  // A rejected draft is no value: for the public it is missing.
  return overdue ? CoverageState.OVERDUE : CoverageState.MISSING;
}

/** Whether the yearly report for `year` is past its deadline (MM-DD of that year) at `now`. */
function isOverdue(deadline: string | null, year: number, now: Date): boolean {
  if (!deadline || !/^\d{2}-\d{2}$/.test(deadline)) return false;
  return now.toISOString().slice(0, 10) > `${year}-${deadline}`;
}

@ArgsType()
class ChecklistArgs {
  @Field(() => Code) unit!: string;
  @Field(() => Int) year!: number;
}

@ArgsType()
class CoverageArgs {
  @Field(() => Code) programme!: string;
  @Field(() => Code, { nullable: true, description: "Default: the programme's unit" })
  unit?: string | null;
}

argsSchema(ChecklistArgs, z.object({ unit: code, year }));
argsSchema(CoverageArgs, z.object({ programme: code, unit: code.nullish() }));

@Resolver()
export class ReportingResolver {
  @Query(() => ReportingChecklist, {
    description:
      "Every value the targets covering a unit need for one year (base years and the denominators of rates included), with its state (stewards of the unit and admins)",
  })
  async reportingChecklist(
    @Args(() => ChecklistArgs) { unit: unitCode, year }: ChecklistArgs,
    @Ctx() ctx: Context,
  ): Promise<ReportingChecklist> {
    const user = requireWriter(ctx);
    const unit = await unitByCode(ctx.em, unitCode);
    requireUnitScope(user, unit);
    checkUnitInYear(unit, year);
    const targets = await targetsCovering(ctx.em, unit);
    const needs = valuesNeededFor(
      targets.map(t => t.requirement),
      year,
    );
    const before = await predecessorsOf(ctx.em, unit);
    const reporters = reporterOf(unit, before);
    const indicators = await indicatorsByCode(ctx.em, [...new Set(needs.map(n => n.indicator))]);
    const stored = await observationsFor(ctx.em, [...indicators.keys()], [unit, ...before]);
    const items = needs.flatMap(n =>
      reporters(n.year).map(reporter => {
        const o = stored.get(`${n.indicator}|${reporter.code}|${n.year}`);
        return {
          indicator: indicators.get(n.indicator)!,
          year: n.year,
          unit: reporter,
          baseYear: n.baseYear,
          state: checklistState(o),
          observation: o ?? null,
          targets: targets
            .filter(t => n.targets.includes(t.requirement.key))
            .map(t => needing(t.target)),
        };
      }),
    );
    return { unit, year, items };
  }

  @Query(() => ReportingCoverage, {
    description:
      "Public reporting status of a programme for a unit: a year × indicator grid of the values its targets need, and what each target lacks to be assessable. Draft values are never shown, only counted.",
  })
  async reportingCoverage(
    @Args(() => CoverageArgs) { programme: programmeCode, unit: unitCode }: CoverageArgs,
    @Ctx() ctx: Context,
  ): Promise<ReportingCoverage> {
    const programme = await programmeByCode(ctx.em, programmeCode);
    const unit = unitCode ? await unitByCode(ctx.em, unitCode, "unit") : programme.unit.getEntity();
    // A provincial plan without numbered targets of its own (Hải Dương's plan for CT 31) reports
    // on the targets of the programme it implements.
    let targets = await targetsOfProgramme(ctx.em, programme.id);
    if (!targets.length && programme.implements) {
      targets = await targetsOfProgramme(ctx.em, programme.implements.id);
    }
    const before = await predecessorsOf(ctx.em, unit);
    const reporters = reporterOf(unit, before);
    const now = new Date();
    const lastYear = now.getUTCFullYear();
    const years = yearsOf(targets, lastYear);
    const needs = years.flatMap(y =>
      valuesNeededFor(
        targets.map(t => t.requirement),
        y,
      ).filter(n => n.year === y),
    );
    const indicators = await indicatorsByCode(ctx.em, [...new Set(needs.map(n => n.indicator))]);
    const stored = await observationsFor(ctx.em, [...indicators.keys()], [unit, ...before]);
    const deadline = programme.reportDueMonthDay ?? null;
    const cells = needs.flatMap(n =>
      reporters(n.year).map(r => ({
        indicator: n.indicator,
        year: n.year,
        unit: r.code,
        baseYear: n.baseYear,
        state: coverageState(
          stored.get(`${n.indicator}|${r.code}|${n.year}`),
          isOverdue(deadline, n.year, now),
        ),
      })),
    );
    const known = (indicator: string, year: number) => {
      const units = reporters(year);
      return (
        units.length > 0 &&
        units.every(r => isApproved(stored.get(`${indicator}|${r.code}|${year}`)))
      );
    };
    const coverageTargets = targets.map(t => {
      const missing = missingForTarget(t.requirement, known, lastYear).flatMap(m =>
        reporters(m.year)
          .filter(r => !isApproved(stored.get(`${m.indicator}|${r.code}|${m.year}`)))
          .map(r => ({ ...m, unit: r.code })),
      );
      return { target: needing(t.target), assessable: missing.length === 0, missing };
    });
    const units = [unit, ...before].filter(u => cells.some(c => c.unit === u.code));
    return {
      programme,
      unit,
      years,
      indicators: [...indicators.values()].sort((a, b) => a.code.localeCompare(b.code)),
      cells,
      targets: coverageTargets,
      totals: units.map(u => totalsOf(u, cells)),
      units,
      deadline,
    };
  }
}

/** From the earliest base year (or the programme's start) to its last end year, up to this year. */
function yearsOf(targets: LoadedTarget[], lastYear: number): number[] {
  if (!targets.length) return [];
  const from = Math.min(
    ...targets.map(t => Math.min(t.requirement.startYear, t.requirement.baseYear ?? Infinity)),
  );
  const to = Math.min(lastYear, Math.max(...targets.map(t => t.requirement.endYear)));
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

function totalsOf(
  unit: AdministrativeUnit,
  cells: { unit: string; state: CoverageState }[],
): CoverageTotals {
  const mine = cells.filter(c => c.unit === unit.code);
  const count = (s: CoverageState) => mine.filter(c => c.state === s).length;
  return {
    unit,
    official: count(CoverageState.OFFICIAL),
    provisional: count(CoverageState.PROVISIONAL),
    draft: count(CoverageState.DRAFT),
    missing: count(CoverageState.MISSING),
    overdue: count(CoverageState.OVERDUE),
  };
}
