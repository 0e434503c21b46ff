import type { EntityManager } from "@mikro-orm/postgresql";
import type { z } from "zod";
import { BadInputError } from "../graphql/errors.js";
import { inputProblem } from "../graphql/inputs.js";
import type { AppUser } from "../context.js";
import type { CsvRow, ImportProblem } from "./csv.js";

/** One row to insert or update, found by comparing the file with the database. */
export interface Change {
  table: string;
  action: "CREATE" | "UPDATE";
  before: Record<string, unknown> | null;
  /** Makes the change in the unit of work; returns the entity (flushed by the caller). */
  apply(tx: EntityManager): object;
}

export interface LayoutInput {
  tx: EntityManager;
  user: AppUser;
  rows: CsvRow[];
  problems: ImportProblem[];
  /** Code of the source the values come from (accident reports). */
  source: string | null;
}

export interface LayoutPlan {
  changes: Change[];
  unchanged: number;
}

export interface Layout {
  columns: readonly string[];
  optional?: readonly string[];
  plan(input: LayoutInput): Promise<LayoutPlan>;
}

/** Runs a data rule on a cell, turning its BAD_USER_INPUT into a problem of that line. */
export function tryRule(
  problems: ImportProblem[],
  row: CsvRow,
  column: string,
  rule: () => void,
): boolean {
  try {
    rule();
    return true;
  } catch (maybeError: unknown) {
    if (!(maybeError instanceof BadInputError)) throw maybeError;
    problems.push({ line: row.line, column, message: maybeError.message, code: "BAD_USER_INPUT" });
    return false;
  }
}

/**
 * Checks a row, made into the input the mutation takes, with the mutation's own schema: the first
 * issue becomes a problem of that line, in the column holding the field (`columns` maps an input
 * field to its column where the names differ, e.g. workersExamined to workers_examined).
 */
export function validateRow(
  problems: ImportProblem[],
  row: CsvRow,
  schema: z.ZodType,
  input: object,
  columns: Readonly<Record<string, string>> = {},
): boolean {
  const problem = inputProblem(schema, input);
  if (!problem) return true;
  const field = String(problem.extensions.field ?? "");
  problems.push({
    line: row.line,
    column: columns[field] ?? field,
    message: problem.message,
    code: "BAD_USER_INPUT",
  });
  return false;
}

/**
 * Keys per query when a layout loads the stored rows a file touches: loading (hydrating) is
 * synchronous, and 5,000 sites' results (25,000 rows) held the event loop for seconds.
 */
export const LOAD_CHUNK = 100;

/** Natural keys joined for maps. */
export const keyOf = (...parts: (string | number)[]) => parts.join("|");

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
