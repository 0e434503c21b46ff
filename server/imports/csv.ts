import { parse } from 'csv-parse/sync';

/** Limits that keep one import inside one reasonable transaction. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/** A problem found in a file, with its line so the author can fix it (line 1 is the header). */
export interface ImportProblem {
  line: number;
  column: string | null;
  message: string;
  /** BAD_USER_INPUT, or FORBIDDEN for a row outside the importer's units. */
  code: 'BAD_USER_INPUT' | 'FORBIDDEN';
}

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export class CsvTooLargeError extends Error {}

/**
 * Parses a CSV text in UTF-8 (a BOM is tolerated, `#` lines are comments) whose header names
 * `columns` (in any order, extra columns refused). Cells are trimmed; an empty cell is ''.
 */
export function parseCsv(text: string, columns: readonly string[], optional: readonly string[] = []): { rows: CsvRow[]; problems: ImportProblem[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) throw new CsvTooLargeError(`The file has ${(bytes / 1048576).toFixed(1)} MB; the limit is 5 MB (split it into several imports)`);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, comment: '#', comment_no_infix: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true }) as never;
  } catch (maybeError: unknown) {
    const e = maybeError as { lines?: number; message?: string };
    return { rows: [], problems: [{ line: e.lines ?? 1, column: null, message: `Not a readable CSV file: ${e.message ?? 'parse error'}`, code: 'BAD_USER_INPUT' }] };
  }
  if (records.length === 0) return { rows: [], problems: [{ line: 1, column: null, message: 'The file is empty (no header line)', code: 'BAD_USER_INPUT' }] };
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    throw new CsvTooLargeError(`The file has ${records.length - 1} rows; the limit is ${MAX_IMPORT_ROWS} (split it into several imports)`);
  }
  const [head, ...body] = records;
  const header = head.record.map((h) => h.toLowerCase());
  const problems: ImportProblem[] = [];
  const headerLine = head.info.lines;
  for (const c of columns) {
    if (!header.includes(c)) problems.push({ line: headerLine, column: c, message: `Missing column "${c}"`, code: 'BAD_USER_INPUT' });
  }
  for (const h of header) {
    if (!columns.includes(h) && !optional.includes(h)) problems.push({ line: headerLine, column: h, message: `Unknown column "${h}" (expected ${columns.join(', ')})`, code: 'BAD_USER_INPUT' });
  }
  if (new Set(header).size !== header.length) problems.push({ line: headerLine, column: null, message: 'A column is named twice', code: 'BAD_USER_INPUT' });
  if (problems.length) return { rows: [], problems };
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    if (record.length !== header.length) {
      problems.push({ line: info.lines, column: null, message: `Expected ${header.length} cells, found ${record.length}`, code: 'BAD_USER_INPUT' });
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = record[i]));
    rows.push({ line: info.lines, cells });
  }
  return { rows, problems };
}

/** A whole number >= 0 from a cell; '' is "no value" (null), never 0. Separators are refused as ambiguous. */
export function countCell(row: CsvRow, column: string, problems: ImportProblem[]): number | null {
  const text = row.cells[column] ?? '';
  if (text === '') return null;
  if (!/^\d{1,9}$/.test(text)) {
    problems.push({ line: row.line, column, message: `"${text.slice(0, 20)}" is not a whole number >= 0 (write digits only, no separators)`, code: 'BAD_USER_INPUT' });
    return null;
  }
  return Number(text);
}

export function requiredCell(row: CsvRow, column: string, problems: ImportProblem[]): string | null {
  const text = row.cells[column] ?? '';
  if (text === '') {
    problems.push({ line: row.line, column, message: `${column} is required`, code: 'BAD_USER_INPUT' });
    return null;
  }
  return text;
}
