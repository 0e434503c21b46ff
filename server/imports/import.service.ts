import { helper } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { GraphQLError } from "graphql";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit, snapshot } from "../audit/audit.js";
import type { AppUser } from "../context.js";
import { accidentsLayout } from "./accidents.layout.js";
import { checkupsLayout } from "./checkups.layout.js";
import { monitoringLayout } from "./monitoring.layout.js";
import { CsvRefusal, parseCsv, type ImportProblem } from "./csv.js";
import { chunks, type Layout } from "./import.types.js";

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
 * Every flush compares all entities the unit of work manages, so keeping 100,000 written rows
 * managed made each chunk slower than the last (a 20,000-row file held the event loop for 2.9 s
 * in one flush). Written rows are dropped from it once flushed, unless their type is the target
 * of a relation (a monitoring site that later results point to): only those must stay managed.
 */
function forgetWritten(tx: EntityManager, entities: object[]): void {
  const uow = tx.getUnitOfWork();
  for (const entity of entities) {
    if (!helper(entity).__meta.referencingProperties.length) uow.unsetIdentity(entity);
  }
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
    if (options.dryRun) return report;
    if (problems.length) throw new ImportRejectedError(problems);
    const note = `import ${options.layout.toLowerCase()}${options.label ? ` ${options.label}` : ""}`;
    log(`writing ${plan.changes.length} changes`);
    let done = 0;
    for (const part of chunks(plan.changes, CHUNK)) {
      const applied = part.map(change => ({
        change,
        entity: change.apply(tx as EntityManager) as { id: number },
      }));
      await tx.flush();
      const audits = applied.map(({ change, entity }) =>
        recordAudit(tx as EntityManager, user, {
          entity: change.table,
          entityId: entity.id,
          action: change.action === "CREATE" ? AuditAction.CREATE : AuditAction.UPDATE,
          before: change.before,
          after: snapshot(entity),
          note,
        }),
      );
      await tx.flush();
      forgetWritten(tx as EntityManager, [
        ...applied.map(a => a.entity),
        ...audits.filter(a => a !== null),
      ]);
      done += part.length;
      log(`wrote ${done}/${plan.changes.length}`);
    }
    return report;
  });
}
