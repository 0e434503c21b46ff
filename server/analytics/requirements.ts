/**
 * Which values the progress method needs, so a province knows what to report: for one target,
 * the (indicator, year) values that make it assessable, and for a year, every value the targets
 * of a unit's programmes need in that year. Pure: the service passes targets and known values.
 *
 * What the methods need (see ../shared/research/progress-methodology.md and ./progress.ts):
 * - ANNUAL_RATE: the base-year value and one later value up to the end year (the base year may
 *   not be replaced by a later one unless the target allows it, which none of ours does);
 * - LEVEL / MILESTONE / trend: two values in the programme period (one is enough when it meets
 *   the target, which cannot be known before it is reported, so two are asked for);
 * - ALL: one value.
 * A rate indicator (deaths per 100,000 employed) is computed from its numerator and its
 * denominator: both are needed, each year.
 */
import type { TargetKind } from "./types.js";

export interface RequirementTarget {
  /** Identifies the target in the answer, e.g. "hp-nq23-2023-2025 2a". */
  key: string;
  /** null: a target without a numeric value (assessed as a trend). */
  kind: TargetKind | null;
  indicator: string;
  /** The counts a rate indicator is computed from; null for an indicator reported as such. */
  rateOf?: { numerator: string; denominator: string } | null;
  baseYear: number | null;
  /** First year of the programme: values before it say nothing of the programme's progress. */
  startYear: number;
  endYear: number;
}

/** One value to report: an indicator in a year, and why. */
export interface NeededValue {
  indicator: string;
  year: number;
  /** True when some target uses this year as its base year. */
  baseYear: boolean;
  /** Keys of the targets that need it. */
  targets: string[];
}

/** The indicators actually reported for a target: the numerator and denominator of a rate. */
export function reportedIndicators(t: RequirementTarget): string[] {
  return t.rateOf ? [t.rateOf.numerator, t.rateOf.denominator] : [t.indicator];
}

/** How many values in distinct years a target's method needs (besides an annual-rate base). */
function yearsNeeded(t: RequirementTarget): number {
  if (t.kind === "ALL" || t.kind === "ANNUAL_RATE") return 1;
  return 2;
}

/** The years in which a target's values count: after the base year (or from the programme start) up to its end. */
function window(t: RequirementTarget): { from: number; to: number } {
  if (t.kind === "ANNUAL_RATE" && t.baseYear !== null) {
    return { from: t.baseYear + 1, to: t.endYear };
  }
  return { from: Math.min(t.startYear, t.baseYear ?? t.startYear), to: t.endYear };
}

/**
 * Every value the targets need for `year`: the year's own value of each target whose window
 * holds the year, and the base-year values of the annual-rate targets among them (whatever year
 * they are), so a report for 2024 also asks for the 2022 base if it is still missing.
 */
export function valuesNeededFor(
  targets: readonly RequirementTarget[],
  year: number,
): NeededValue[] {
  const out = new Map<string, NeededValue>();
  const add = (indicator: string, y: number, base: boolean, key: string) => {
    const id = `${indicator}|${y}`;
    const v = out.get(id) ?? { indicator, year: y, baseYear: false, targets: [] };
    v.baseYear ||= base;
    if (!v.targets.includes(key)) v.targets.push(key);
    out.set(id, v);
  };
  for (const t of targets) {
    const w = window(t);
    const isBase = t.kind === "ANNUAL_RATE" && t.baseYear === year;
    if (!isBase && (year < w.from || year > w.to)) continue;
    for (const indicator of reportedIndicators(t)) {
      add(indicator, year, isBase, t.key);
      if (t.kind === "ANNUAL_RATE" && t.baseYear !== null && !isBase) {
        add(indicator, t.baseYear, true, t.key);
      }
    }
  }
  return [...out.values()].sort(
    (a, b) => a.year - b.year || a.indicator.localeCompare(b.indicator),
  );
}

/** A value missing for a target to become assessable. */
export interface MissingValue {
  indicator: string;
  year: number;
  baseYear: boolean;
}

/**
 * The fewest values still missing to make a target assessable, given what is known
 * (`known(indicator, year)`) and the last year that can have been reported (`lastYear`). Years
 * that already hold some of the needed parts are preferred, then later years. Empty: nothing is
 * missing (the method has what it needs; it may still judge the target).
 */
export function missingForTarget(
  t: RequirementTarget,
  known: (indicator: string, year: number) => boolean,
  lastYear: number,
): MissingValue[] {
  const parts = reportedIndicators(t);
  const missingIn = (year: number) => parts.filter(p => !known(p, year));
  const out: MissingValue[] = [];
  if (t.kind === "ANNUAL_RATE" && t.baseYear !== null) {
    for (const p of missingIn(t.baseYear)) {
      out.push({ indicator: p, year: t.baseYear, baseYear: true });
    }
  }
  const w = window(t);
  const to = Math.min(w.to, Math.max(lastYear, w.from));
  const years: number[] = [];
  for (let y = to; y >= w.from; y--) years.push(y);
  // Most complete first; among equals, the latest (a stable sort keeps the descending order).
  const ranked = years
    .map(y => ({ y, missing: missingIn(y) }))
    .sort((a, b) => a.missing.length - b.missing.length);
  for (const { y, missing } of ranked.slice(0, yearsNeeded(t))) {
    for (const p of missing) out.push({ indicator: p, year: y, baseYear: false });
  }
  return out.sort((a, b) => a.indicator.localeCompare(b.indicator) || a.year - b.year);
}

export interface ReportingUnit {
  code: string;
  /** Years of the first and last day the unit existed (null: open). */
  fromYear: number | null;
  toYear: number | null;
}

/**
 * The units that report a year for `unit`: the unit itself when it existed that year, else
 * the units merged into it that did (hai-phong-34 in 2020: hai-phong-63 and hai-duong-63).
 */
export function reportingUnitsFor(
  unit: ReportingUnit,
  predecessors: readonly ReportingUnit[],
  year: number,
): string[] {
  const existed = (u: ReportingUnit) =>
    (u.fromYear === null || u.fromYear <= year) && (u.toYear === null || u.toYear >= year);
  if (existed(unit)) return [unit.code];
  return predecessors.filter(existed).map(u => u.code);
}
