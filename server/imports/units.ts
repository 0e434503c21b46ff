import type { EntityManager } from "@mikro-orm/postgresql";
import { mayWriteUnit } from "../auth/guard.js";
import type { AppUser } from "../context.js";
import { checkUnitInYear } from "../units/unit.rules.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import type { CsvRow, ImportProblem } from "./csv.js";
import { controlCharacter, controlCharacterMessage } from "../graphql/control-chars.js";
import { tryRule } from "./import.types.js";

/**
 * Resolves the `unit` cell of rows against all units (a small table, read once), checking that
 * the unit existed in the row's year and that the importer may write it.
 */
export class UnitCells {
  private constructor(
    private readonly byCode: Map<string, AdministrativeUnit>,
    private readonly user: AppUser,
  ) {}

  static async load(tx: EntityManager, user: AppUser): Promise<UnitCells> {
    const units = await tx.find(AdministrativeUnit, {});
    return new UnitCells(new Map(units.map(u => [u.code, u])), user);
  }

  mayWrite(unitId: number): boolean {
    return mayWriteUnit(this.user, unitId);
  }

  resolve(row: CsvRow, year: number | null, problems: ImportProblem[]): AdministrativeUnit | null {
    const code = row.cells.unit ?? "";
    const unit = this.byCode.get(code);
    if (!unit) {
      problems.push({
        line: row.line,
        column: "unit",
        message: code ? `Unknown unit "${code.slice(0, 40)}"` : "unit is required",
        code: "BAD_USER_INPUT",
      });
      return null;
    }
    if (!mayWriteUnit(this.user, unit.id)) {
      problems.push({
        line: row.line,
        column: "unit",
        message: `${this.user.name} may not write data of ${unit.code}`,
        code: "FORBIDDEN",
      });
      return null;
    }
    if (year !== null && !tryRule(problems, row, "year", () => checkUnitInYear(unit, year))) {
      return null;
    }
    return unit;
  }
}

export function yearCell(row: CsvRow, problems: ImportProblem[]): number | null {
  const text = row.cells.year ?? "";
  if (!/^\d{4}$/.test(text) || Number(text) < 1990 || Number(text) > 2100) {
    problems.push({
      line: row.line,
      column: "year",
      message: `"${text.slice(0, 20)}" is not a year between 1990 and 2100`,
      code: "BAD_USER_INPUT",
    });
    return null;
  }
  return Number(text);
}

/**
 * Every cell is single-line text (codes, names, numbers): the file itself may hold tabs and line
 * breaks, but one inside a quoted cell is refused like any control character in a mutation.
 */
export async function controlCellProblems(
  rows: readonly CsvRow[],
  problems: ImportProblem[],
  pause: () => Promise<void>,
): Promise<void> {
  for (const row of rows) {
    // 50,000 rows × their cells is tens of milliseconds: let other requests in meanwhile.
    await pause();
    for (const [column, text] of Object.entries(row.cells)) {
      const c = controlCharacter(text, false);
      if (c !== null) {
        problems.push({
          line: row.line,
          column,
          message: controlCharacterMessage(column, c),
          code: "BAD_USER_INPUT",
        });
      }
    }
  }
}
