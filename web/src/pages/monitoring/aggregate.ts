/**
 * Turns the server's monitoring and check-up summaries into chart inputs. Pure. Counts come
 * summed from the server; the share shown is recomputed from those counts by the chart builder.
 */
import type { CheckupSummaryRow, MonitoringSummaryRow } from "../../api/monitoring.js";
import type { OverLimitSeries } from "../../charts/monitoring/option.js";

export type OverLimitCategory = "factor" | "sector" | "year";

export interface OverLimitData {
  categories: string[];
  series: OverLimitSeries[];
  illustrative: boolean;
}

const categoryOf = (row: MonitoringSummaryRow, category: OverLimitCategory): string =>
  String((category === "year" ? row.year : row[category]) ?? "");

/**
 * One series per unit (in the order given), one cell per category. A unit with no row for a
 * category gets an empty cell (no data), and a unit with no rows at all gets no series.
 */
export function overLimitSeries(
  rows: MonitoringSummaryRow[],
  category: OverLimitCategory,
  units: { code: string; label: string }[],
  categoryLabel: (code: string) => string = code => code,
): OverLimitData {
  const codes = [...new Set(rows.map(r => categoryOf(r, category)))].sort((a, b) =>
    categoryLabel(a).localeCompare(categoryLabel(b), "vi"),
  );
  const series = units
    .map(unit => {
      const own = rows.filter(r => r.unit === unit.code);
      const cells = codes.map(code => {
        const row = own.find(r => categoryOf(r, category) === code);
        return row
          ? { samples: row.samples, overLimit: row.samplesOverLimit }
          : { samples: null, overLimit: null };
      });
      return {
        code: unit.code,
        label: unit.label,
        cells,
        illustrative: own.some(r => r.illustrative),
      };
    })
    .filter(s => s.cells.some(c => c.samples !== null));
  return {
    categories: codes.map(categoryLabel),
    series,
    illustrative: rows.some(r => r.illustrative),
  };
}

export interface CheckupData {
  years: number[];
  examined: (number | null)[];
  diseases: { label: string; cases: (number | null)[] }[];
  illustrative: boolean;
}

/**
 * Workers examined per year (from rows grouped by year) and cases per disease per year (from
 * rows grouped by year and disease). A year with examinations but no row for a disease found
 * no case of it (0); a year without examinations has no data (null).
 */
export function checkupSeries(
  byYear: CheckupSummaryRow[],
  byYearAndDisease: CheckupSummaryRow[],
  diseaseLabel: (code: string) => string = code => code,
): CheckupData {
  const years = [...new Set(byYear.map(r => r.year).filter((y): y is number => y !== null))].sort(
    (a, b) => a - b,
  );
  const examined = years.map(y => byYear.find(r => r.year === y)?.workersExamined ?? null);
  const diseases = [
    ...new Set(byYearAndDisease.map(r => r.disease).filter((d): d is string => d !== null)),
  ]
    .sort((a, b) => diseaseLabel(a).localeCompare(diseaseLabel(b), "vi"))
    .map(disease => ({
      label: diseaseLabel(disease),
      cases: years.map((y, i) =>
        examined[i] === null
          ? null
          : (byYearAndDisease.find(r => r.year === y && r.disease === disease)?.cases ?? 0),
      ),
    }));
  const illustrative = [...byYear, ...byYearAndDisease].some(r => r.illustrative);
  return { years, examined, diseases, illustrative };
}
