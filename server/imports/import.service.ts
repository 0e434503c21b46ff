import type { EntityManager } from "@mikro-orm/postgresql";
import { GraphQLError } from "graphql";
import { AuditAction, type AuditEntry } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import type { AppUser } from "../context.js";
import { accidentsLayout } from "./accidents.layout.js";
import { checkupsLayout } from "./checkups.layout.js";
import { monitoringLayout } from "./monitoring.layout.js";
import { CsvRefusal, eventLoopPause, parseCsv, type ImportProblem } from "./csv.js";
import { chunks, type Change, type Layout } from "./import.types.js";
import { insertEntities, updateEntities } from "./plain-writes.js";

export enum ImportLayout {
  ACCIDENTS = "ACCIDENTS",
  MONITORING = "MONITORING",
  CHECKUPS = "CHECKUPS",
}

export const layouts: Record<ImportLayout, Layout> = {
  ACCIDENTS: accidentsLayout,
  MONITORING: monitoringLayout,
  CHECKUPS: checkupsLayout,
};

export interface ImportOptions {
  layout: ImportLayout;
  csv: string;
  dryRun: boolean;
  /** Source code for accident values. */
  source?: string | null;
  /** A name for the audit records, e.g. the file name. */
  label?: string | null;
  /** Progress lines (the command line prints them). */
  log?: (line: string) => void;
}

export interface ImportReport {
  layout: ImportLayout;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
}

/** The rows of a rejected import, with every problem, as one BAD_USER_INPUT (or FORBIDDEN) error. */
export class ImportRejectedError extends GraphQLError {
  constructor(problems: ImportProblem[]) {
    const forbidden = problems.some(p => p.code === "FORBIDDEN");
    const first = problems[0];
    super(
      `The import was refused, nothing was written: ${problems.length} problem(s), first on line ${first.line}: ${first.message}`,
      {
        extensions: {
          code: forbidden ? "FORBIDDEN" : "BAD_USER_INPUT",
          field: "csv",
          problems: problems.slice(0, 1000),
        },
      },
    );
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

const CHUNK = 1000;
/** Problems listed in a report: 50,000 of them took ~0.5 s of blocking GraphQL work to answer. */
export const MAX_LISTED_PROBLEMS = 1000;

/** The first problems, then one line saying how many more there are, so the author knows. */
function listed(problems: ImportProblem[]): ImportProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const more = problems.length - MAX_LISTED_PROBLEMS;
  const next = problems[MAX_LISTED_PROBLEMS];
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    {
      line: next.line,
      column: null,
      code: next.code,
      message: `Còn ${more} lỗi nữa từ dòng ${next.line}: hãy sửa các lỗi trên rồi chạy lại / ${more} more problems from line ${next.line} on: fix those above and run again`,
    },
  ];
}

/**
 * Writes one chunk of changes with plain batched INSERTs and UPDATEs (server/imports/plain-writes.ts),
 * then their audit records the same way. New rows are made in a scratch fork that is never
 * flushed; updated rows are the ones the layout loaded into `tx`, written by their changed columns.
 */
async function writeChunk(
  tx: EntityManager,
  user: AppUser,
  note: string,
  part: Change[],
  pause: () => Promise<void>,
): Promise<void> {
  const scratch = tx.fork({ clear: true, keepTransactionContext: true });
  const applied: { change: Change; entity: { id: number } }[] = [];
  for (const change of part) {
    applied.push({ change, entity: change.apply(scratch) as { id: number } });
    await pause();
  }
  const of = (action: Change["action"]) =>
    applied.filter(a => a.change.action === action).map(a => a.entity);
  await insertEntities(tx, of("CREATE"), pause);
  await updateEntities(tx, of("UPDATE"), pause);
  const audits: AuditEntry[] = [];
  for (const { change, entity } of applied) {
    const audit = recordAudit(scratch, user, {
      entity: change.table,
      entityId: entity.id,
      action: change.action === "CREATE" ? AuditAction.CREATE : AuditAction.UPDATE,
      before: change.before,
      after: snapshot(entity),
      note,
    });
    if (audit) audits.push(audit);
    await pause();
  }
  await insertEntities(tx, audits, pause);
  scratch.clear();
}

/**
 * Everything is written (or nothing is to be): the transaction's closing flush and the merge
 * into the request's context would otherwise compare every row the layout loaded, tens of
 * thousands at the row limit, in one blocking stretch.
 */
function forgetAll<T>(tx: EntityManager, result: T): T {
  tx.clear();
  return result;
}

/**
 * Imports a CSV file in one transaction: every row is checked first, and one problem anywhere
 * means nothing is written. Rows are compared with what is stored, so a second import of the
 * same file changes nothing. A dry run reports the problems and the changes it would make.
 */
export async function runImport(
  em: EntityManager,
  user: AppUser,
  options: ImportOptions,
): Promise<ImportReport> {
  const layout = layouts[options.layout];
  const log = options.log ?? (() => {});
  let parsed;
  try {
    parsed = await parseCsv(options.csv, layout.columns, layout.optional);
  } catch (maybeError: unknown) {
    if (!(maybeError instanceof CsvRefusal)) throw maybeError;
    // Refused before the transaction opens: nothing can have been written.
    throw new GraphQLError(maybeError.message, {
      extensions: {
        code: "BAD_USER_INPUT",
        field: "csv",
        ...(maybeError.line ? { line: maybeError.line } : {}),
      },
    });
  }
  const { rows, problems } = parsed;
  log(`read ${rows.length} rows`);
  return em.transactional(async tx => {
    // Rows are checked even after a malformed line, so a dry run lists every problem at once.
    const plan = !rows.length
      ? { changes: [], unchanged: 0 }
      : await layout.plan({
          tx: tx as EntityManager,
          user,
          rows,
          problems,
          source: options.source ?? null,
        });
    problems.sort((a, b) => a.line - b.line);
    const report: ImportReport = {
      layout: options.layout,
      dryRun: options.dryRun,
      rows: rows.length,
      problems: listed(problems),
      created: plan.changes.filter(c => c.action === "CREATE").length,
      updated: plan.changes.filter(c => c.action === "UPDATE").length,
      unchanged: plan.unchanged,
    };
    if (options.dryRun) return forgetAll(tx as EntityManager, report);
    if (problems.length) throw new ImportRejectedError(problems);
    const note = `import ${options.layout.toLowerCase()}${options.label ? ` ${options.label}` : ""}`;
    log(`writing ${plan.changes.length} changes`);
    let done = 0;
    // Other requests run between short stretches of work: the whole import stays one transaction.
    const pause = eventLoopPause();
    for (const part of chunks(plan.changes, CHUNK)) {
      await writeChunk(tx as EntityManager, user, note, part, pause);
      done += part.length;
      log(`wrote ${done}/${plan.changes.length}`);
    }
    return forgetAll(tx as EntityManager, report);
  });
}
