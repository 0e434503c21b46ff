/**
 * Which units and years have official values of an indicator: a small grid for the indicator
 * page. Pure (no DOM), unit-tested. A cell is FULL when a whole-year total exists, PARTIAL when
 * only a half-year or a one-sector value does, NONE when nothing official is recorded.
 */

export type CoverageMark = "FULL" | "PARTIAL" | "NONE";

export interface CoverageInput {
  year: number;
  period: string;
  disaggregation: string;
  illustrative: boolean;
  unit: { code: string; level?: string | null };
}

export interface CoverageRow {
  unit: string;
  cells: { year: number; mark: CoverageMark; count: number }[];
}

export interface CoverageGrid {
  years: number[];
  rows: CoverageRow[];
}

/** The nation first, then provinces in the order given by `unitOrder` (e.g. by name). */
export function coverageGrid(
  observations: readonly CoverageInput[],
  unitOrder: (a: string, b: string) => number = (a, b) => a.localeCompare(b),
): CoverageGrid {
  const official = observations.filter(o => !o.illustrative);
  if (official.length === 0) return { years: [], rows: [] };
  const years = official.map(o => o.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const allYears = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const byUnit = new Map<string, { nation: boolean; values: CoverageInput[] }>();
  for (const o of official) {
    const entry = byUnit.get(o.unit.code) ?? { nation: o.unit.level === "NATION", values: [] };
    entry.values.push(o);
    byUnit.set(o.unit.code, entry);
  }
  const units = [...byUnit.entries()]
    .sort(([a, ea], [b, eb]) => Number(eb.nation) - Number(ea.nation) || unitOrder(a, b))
    .map(([code]) => code);
  return {
    years: allYears,
    rows: units.map(unit => {
      const values = byUnit.get(unit)!.values;
      return {
        unit,
        cells: allYears.map(year => {
          const inYear = values.filter(v => v.year === year);
          const full = inYear.some(v => v.period === "YEAR" && v.disaggregation === "TOTAL");
          return {
            year,
            count: inYear.length,
            mark: full ? "FULL" : inYear.length ? "PARTIAL" : "NONE",
          };
        }),
      };
    }),
  };
}
