import { User } from "../auth/user.entity.js";
import { Dataset, Period } from "../graphql/enums.js";
import {
  Disaggregation,
  ObservationStatus,
  ReviewState,
} from "../observations/observation.enums.js";
import { BadInputError } from "../graphql/errors.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Observation } from "../observations/observation.entity.js";
import { snapshot } from "../audit/audit.js";
import { valueRule } from "../indicators/indicator.rules.js";
import { inputProblem } from "../graphql/inputs.js";
import { sourceByCode } from "../sources/source.rules.js";
import { countCell, eventLoopPause } from "./csv.js";
import { keyOf, type Change, type Layout } from "./import.types.js";
import { controlCellProblems, UnitCells, yearCell } from "./units.js";

/** Each numeric column of the yearly accident report is one indicator. */
export const ACCIDENT_COLUMNS: Record<string, string> = {
  accidents: "oa-accidents",
  fatal_accidents: "oa-fatal-accidents",
  deaths: "oa-deaths",
  seriously_injured: "oa-seriously-injured",
  victims: "oa-victims",
};

/**
 * unit, year, accidents, fatal_accidents, deaths, seriously_injured, victims, sector. An empty
 * cell is "no value" (nothing is written, never a 0). Observations have no sector breakdown, so
 * `sector` must be blank (the total); a row with a sector is refused rather than stored as a total.
 * New and changed values enter as DRAFT and need approval; equal values are left alone.
 */
export const accidentsLayout: Layout = {
  columns: ["unit", "year", ...Object.keys(ACCIDENT_COLUMNS), "sector"],
  async plan({ tx, user, rows, problems, source: sourceCode }) {
    // Up to 50,000 rows: yield now and then so other requests are answered meanwhile.
    const pause = eventLoopPause();
    let source;
    try {
      source = await sourceByCode(tx, sourceCode, "source");
    } catch (maybeError: unknown) {
      if (!(maybeError instanceof BadInputError)) throw maybeError;
      problems.push({
        line: 1,
        column: "source",
        message: maybeError.message,
        code: "BAD_USER_INPUT",
      });
    }
    const indicators = await tx.find(Indicator, { code: { $in: Object.values(ACCIDENT_COLUMNS) } });
    const byCode = new Map(indicators.map(i => [i.code, i]));
    const units = await UnitCells.load(tx, user);
    await controlCellProblems(rows, problems, pause);
    const wanted = new Map<
      string,
      { indicator: Indicator; unitId: number; year: number; value: number; line: number }
    >();
    const seen = new Map<string, number>();
    for (const row of rows) {
      await pause();
      if (row.cells.sector) {
        problems.push({
          line: row.line,
          column: "sector",
          message:
            "Accident figures are stored as totals only: leave sector blank (a sector breakdown cannot be stored yet)",
          code: "BAD_USER_INPUT",
        });
      }
      const year = yearCell(row, problems);
      const unit = units.resolve(row, year, problems);
      if (!unit || year === null) continue;
      const rowKey = keyOf(unit.code, year);
      if (seen.has(rowKey)) {
        problems.push({
          line: row.line,
          column: "unit",
          message: `${unit.code} ${year} is also on line ${seen.get(rowKey)}`,
          code: "BAD_USER_INPUT",
        });
        continue;
      }
      seen.set(rowKey, row.line);
      for (const [column, code] of Object.entries(ACCIDENT_COLUMNS)) {
        const value = countCell(row, column, problems);
        const indicator = byCode.get(code);
        if (value === null) continue;
        if (!indicator) throw new Error(`indicator ${code} is missing from the database`);
        // The same rule as createObservation's value.
        const problem = inputProblem(valueRule(indicator), value);
        if (problem) {
          const message = `${column}: ${problem.message}`;
          problems.push({ line: row.line, column, message, code: "BAD_USER_INPUT" });
          continue;
        }
        wanted.set(keyOf(indicator.id, unit.id, year), {
          indicator,
          unitId: unit.id,
          year,
          value,
          line: row.line,
        });
      }
    }
    if (problems.length || !source) return { changes: [], unchanged: 0 };
    const existing = await tx.find(Observation, {
      indicator: { $in: indicators.map(i => i.id) },
      unit: { $in: [...new Set([...wanted.values()].map(w => w.unitId))] },
      period: Period.YEAR,
      disaggregation: Disaggregation.TOTAL,
      dataset: Dataset.OFFICIAL,
    });
    const byKey = new Map(existing.map(o => [keyOf(o.indicator.id, o.unit.id, o.year), o]));
    const changes: Change[] = [];
    let unchanged = 0;
    const author = () => tx.getReference(User, user.id, { wrapped: true });
    for (const [key, w] of wanted) {
      await pause();
      const old = byKey.get(key);
      if (old && old.value === w.value) {
        unchanged++;
        continue;
      }
      if (old) {
        changes.push({
          table: "observation",
          action: "UPDATE",
          before: snapshot(old),
          apply: () =>
            Object.assign(old, {
              value: w.value,
              source,
              grade: source.grade,
              reviewState: ReviewState.DRAFT,
              // A corrected value is no longer the rejected one.
              rejectionReason: null,
              createdBy: author(),
              approvedBy: null,
            }),
        });
      } else {
        changes.push({
          table: "observation",
          action: "CREATE",
          before: null,
          apply: em =>
            em.create(Observation, {
              indicator: w.indicator,
              unit: w.unitId,
              year: w.year,
              period: Period.YEAR,
              disaggregation: Disaggregation.TOTAL,
              dataset: Dataset.OFFICIAL,
              value: w.value,
              status: ObservationStatus.OFFICIAL,
              source,
              grade: source.grade,
              reviewState: ReviewState.DRAFT,
              createdBy: author(),
              note: "imported from CSV",
            }),
        });
      }
    }
    return { changes, unchanged };
  },
};
