import { snapshot } from "../audit/audit.js";
import { HealthCheckup } from "../checkups/health-checkup.entity.js";
import { CheckupKind } from "../checkups/checkup.enums.js";
import { Dataset } from "../graphql/enums.js";
import { createCheckupSchema } from "../checkups/checkup.inputs.js";
import type { AdministrativeUnit } from "../units/unit.entity.js";
import { countCell, requiredCell, eventLoopPause } from "./csv.js";
import {
  chunks,
  keyOf,
  LOAD_CHUNK,
  validateRow,
  type Change,
  type Layout,
} from "./import.types.js";
import { controlCellProblems, UnitCells, yearCell } from "./units.js";

interface Group {
  establishment: string;
  unit: AdministrativeUnit;
  sector: string;
  year: number;
  kind: CheckupKind;
  workers: number;
  cases: Map<string, number>;
  line: number;
}

const sameCases = (a: { disease: string; cases: number }[], b: Map<string, number>) =>
  a.length === b.size && a.every(c => b.get(c.disease) === c.cases);

/** The columns of the input fields whose names differ. */
const COLUMNS = {
  workersExamined: "workers_examined",
  "cases.disease": "disease",
  "cases.cases": "cases",
};

/**
 * establishment, unit, sector, year, kind, workers_examined, disease, cases: one line per disease
 * found (disease and cases blank for a check-up that found none). The lines of one establishment,
 * year and kind form one record, upserted on that key; the file's list of cases replaces the stored one.
 */
export const checkupsLayout: Layout = {
  columns: [
    "establishment",
    "unit",
    "sector",
    "year",
    "kind",
    "workers_examined",
    "disease",
    "cases",
  ],
  async plan({ tx, user, rows, problems }) {
    // Up to 50,000 rows: yield now and then so other requests are answered meanwhile.
    const pause = eventLoopPause();
    const units = await UnitCells.load(tx, user);
    await controlCellProblems(rows, problems, pause);
    const groups = new Map<string, Group>();
    for (const row of rows) {
      await pause();
      const establishment = requiredCell(row, "establishment", problems);
      const sector = requiredCell(row, "sector", problems);
      const kindText = requiredCell(row, "kind", problems)?.toUpperCase() ?? null;
      const year = yearCell(row, problems);
      const unit = units.resolve(row, year, problems);
      const workers = countCell(row, "workers_examined", problems);
      const cases = countCell(row, "cases", problems);
      const disease = row.cells.disease;
      if (
        establishment === null ||
        sector === null ||
        kindText === null ||
        year === null ||
        !unit
      ) {
        continue;
      }
      if (!(kindText in CheckupKind)) {
        problems.push({
          line: row.line,
          column: "kind",
          message: `kind must be PERIODIC or OD_SCREENING, got "${kindText.slice(0, 20)}"`,
          code: "BAD_USER_INPUT",
        });
        continue;
      }
      if (workers === null) {
        if (row.cells.workers_examined === "") {
          problems.push({
            line: row.line,
            column: "workers_examined",
            message: "workers_examined is required",
            code: "BAD_USER_INPUT",
          });
        }
        continue;
      }
      if ((disease === "") !== (row.cells.cases === "")) {
        problems.push({
          line: row.line,
          column: "cases",
          message: "disease and cases go together: both filled, or both blank",
          code: "BAD_USER_INPUT",
        });
        continue;
      }
      // The line as the input createHealthCheckup takes, checked by the mutation's own schema.
      const line = {
        establishment,
        unit: unit.code,
        sector,
        year,
        kind: kindText,
        workersExamined: workers,
      };
      const lineCases = disease !== "" && cases !== null ? [{ disease, cases }] : [];
      if (
        !validateRow(problems, row, createCheckupSchema, { ...line, cases: lineCases }, COLUMNS)
      ) {
        continue;
      }
      const kind = kindText as CheckupKind;
      const key = keyOf(establishment, year, kind);
      let group = groups.get(key);
      if (!group) {
        group = {
          establishment,
          unit,
          sector,
          year,
          kind,
          workers,
          cases: new Map(),
          line: row.line,
        };
        groups.set(key, group);
      } else if (group.unit !== unit || group.sector !== sector || group.workers !== workers) {
        problems.push({
          line: row.line,
          column: "workers_examined",
          message: `${establishment} ${year} ${kind} has another unit, sector or workers_examined on line ${group.line}`,
          code: "BAD_USER_INPUT",
        });
        continue;
      }
      if (disease !== "" && cases !== null) {
        if (group.cases.has(disease)) {
          problems.push({
            line: row.line,
            column: "disease",
            message: `${disease} is listed twice for ${establishment} ${year} ${kind}`,
            code: "BAD_USER_INPUT",
          });
          continue;
        }
        group.cases.set(disease, cases);
        // The record so far (all its lines) obeys the same rule: cases within workers examined.
        const list = [...group.cases].map(([d, c]) => ({ disease: d, cases: c }));
        if (!validateRow(problems, row, createCheckupSchema, { ...line, cases: list }, COLUMNS)) {
          continue;
        }
      }
    }
    if (problems.length) return { changes: [], unchanged: 0 };

    const existing = new Map<string, HealthCheckup>();
    const establishments = [...new Set([...groups.values()].map(g => g.establishment))];
    for (const part of chunks(establishments, LOAD_CHUNK)) {
      for (const c of await tx.find(HealthCheckup, { establishment: { $in: part } })) {
        existing.set(keyOf(c.establishment, c.year, c.kind), c);
      }
      await pause();
    }
    const changes: Change[] = [];
    let unchanged = 0;
    for (const [key, g] of groups) {
      await pause();
      const old = existing.get(key);
      const cases = [...g.cases]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([disease, n]) => ({ disease, cases: n }));
      const data = {
        unit: g.unit,
        sector: g.sector,
        workersExamined: g.workers,
        cases,
        casesTotal: cases.reduce((s, c) => s + c.cases, 0),
      };
      if (old && old.dataset !== Dataset.OFFICIAL) {
        problems.push({
          line: g.line,
          column: "establishment",
          message: `${g.establishment} is illustrative: it cannot be written`,
          code: "BAD_USER_INPUT",
        });
      } else if (old && !units.mayWrite(old.unit.id)) {
        problems.push({
          line: g.line,
          column: "unit",
          message: `${g.establishment} belongs to a unit you may not write`,
          code: "FORBIDDEN",
        });
      } else if (
        old &&
        old.unit.id === g.unit.id &&
        old.sector === g.sector &&
        old.workersExamined === g.workers &&
        sameCases(old.cases, g.cases)
      ) {
        unchanged++;
      } else if (old) {
        changes.push({
          table: "health_checkup",
          action: "UPDATE",
          before: snapshot(old),
          apply: () => Object.assign(old, data),
        });
      } else {
        changes.push({
          table: "health_checkup",
          action: "CREATE",
          before: null,
          apply: em =>
            em.create(HealthCheckup, {
              ...data,
              establishment: g.establishment,
              year: g.year,
              kind: g.kind,
              dataset: Dataset.OFFICIAL,
            }),
        });
      }
    }
    return problems.length ? { changes: [], unchanged: 0 } : { changes, unchanged };
  },
};
