import type { EntityManager } from "@mikro-orm/postgresql";
import type { RequirementTarget, ReportingUnit } from "../analytics/index.js";
import { Dataset, Period } from "../graphql/enums.js";
import { Disaggregation, ReviewState } from "../observations/observation.enums.js";
import { UnitLevel } from "../units/unit.enums.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Target } from "../indicators/target.entity.js";
import { Observation } from "../observations/observation.entity.js";
import { UnitLineage } from "../units/unit-lineage.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

/** A stored target with what the pure requirement functions need. */
export interface LoadedTarget {
  target: Target;
  requirement: RequirementTarget;
}

export const targetKey = (t: Target) => `${t.programme.getEntity().code} ${t.label}`;

export function toRequirement(t: Target): RequirementTarget {
  const indicator = t.indicator.getEntity();
  const programme = t.programme.getEntity();
  return {
    key: targetKey(t),
    kind: t.kind,
    indicator: indicator.code,
    rateOf:
      indicator.numerator && indicator.denominator
        ? {
            numerator: indicator.numerator.getEntity().code,
            denominator: indicator.denominator.getEntity().code,
          }
        : null,
    baseYear: t.baseYear ?? null,
    startYear: programme.startYear,
    endYear: t.endYear,
  };
}

const TARGET_POPULATE = [
  "programme",
  "indicator",
  "indicator.numerator",
  "indicator.denominator",
] as const;

/**
 * The targets that apply to a unit: those of its own programmes and of the national ones (the
 * scorecard judges national targets for every province), numbered as in their documents.
 */
export async function targetsCovering(
  em: EntityManager,
  unit: AdministrativeUnit,
): Promise<LoadedTarget[]> {
  const targets = await em.find(
    Target,
    { programme: { unit: { $in: [unit.id, ...(await nationIds(em))] } } },
    {
      populate: TARGET_POPULATE,
      orderBy: [{ programme: { code: "asc" } }, { number: "asc" }, { part: "asc" }],
    },
  );
  return targets.map(target => ({ target, requirement: toRequirement(target) }));
}

async function nationIds(em: EntityManager): Promise<number[]> {
  return (await em.find(AdministrativeUnit, { level: UnitLevel.NATION })).map(u => u.id);
}

export async function targetsOfProgramme(
  em: EntityManager,
  programmeId: number,
): Promise<LoadedTarget[]> {
  const targets = await em.find(
    Target,
    { programme: programmeId },
    { populate: TARGET_POPULATE, orderBy: [{ number: "asc" }, { part: "asc" }] },
  );
  return targets.map(target => ({ target, requirement: toRequirement(target) }));
}

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) : null);

export const asReportingUnit = (u: AdministrativeUnit): ReportingUnit => ({
  code: u.code,
  fromYear: yearOf(u.validFrom),
  toYear: yearOf(u.validTo),
});

/** The units merged into `unit` (hai-phong-34: hai-phong-63 and hai-duong-63), followed back. */
export async function predecessorsOf(
  em: EntityManager,
  unit: AdministrativeUnit,
): Promise<AdministrativeUnit[]> {
  const lineage = await em.find(UnitLineage, {}, { populate: ["predecessor", "successor"] });
  const out: AdministrativeUnit[] = [];
  const todo = [unit.id];
  while (todo.length) {
    const id = todo.pop()!;
    for (const l of lineage) {
      if (l.successor.id === id && !out.some(u => u.id === l.predecessor.id)) {
        out.push(l.predecessor.getEntity());
        todo.push(l.predecessor.id);
      }
    }
  }
  return out;
}

/** Official yearly totals (any review state) of some indicators and units, keyed indicator|unit|year. */
export async function observationsFor(
  em: EntityManager,
  indicatorCodes: string[],
  units: AdministrativeUnit[],
): Promise<Map<string, Observation>> {
  if (!indicatorCodes.length || !units.length) return new Map();
  const rows = await em.find(
    Observation,
    {
      indicator: { code: { $in: indicatorCodes } },
      unit: { $in: units.map(u => u.id) },
      period: Period.YEAR,
      disaggregation: Disaggregation.TOTAL,
      dataset: Dataset.OFFICIAL,
    },
    { populate: ["indicator", "unit", "source"] },
  );
  return new Map(
    rows.map(o => [`${o.indicator.getEntity().code}|${o.unit.getEntity().code}|${o.year}`, o]),
  );
}

export const isApproved = (o: Observation | undefined): boolean =>
  o?.reviewState === ReviewState.APPROVED;

export async function indicatorsByCode(
  em: EntityManager,
  codes: string[],
): Promise<Map<string, Indicator>> {
  const rows = codes.length ? await em.find(Indicator, { code: { $in: codes } }) : [];
  return new Map(rows.map(i => [i.code, i]));
}
