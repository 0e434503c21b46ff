import { CsvRefusal, CsvSyntaxError, csvRecords } from "./csv-reader.js";

export { CsvRefusal } from "./csv-reader.js";

/** Limits that keep one import inside one reasonable transaction. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/** A problem found in a file, with its line so the author can fix it (line 1 is the header). */
export interface ImportProblem {
  line: number;
  column: string | null;
  message: string;
  /** BAD_USER_INPUT, or FORBIDDEN for a row outside the importer's units. */
  code: "BAD_USER_INPUT" | "FORBIDDEN";
}

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/**
 * A pause for long loops on the request path: yields to the event loop (setImmediate, so pending
 * I/O such as /healthz runs first) once `budgetMs` of work have passed since the last yield.
 * One import must never hold the server for other requests.
 */
export function eventLoopPause(budgetMs = 10): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise(resume => setImmediate(resume));
    since = performance.now();
  };
}

const tooLarge = (mb: string) =>
  `Tệp có ${mb} MB: giới hạn là 5 MB, hãy chia thành nhiều lần nhập / The file has ${mb} MB; the limit is 5 MB (split it into several imports)`;
const tooManyRows = (line: number) =>
  `Tệp có hơn ${MAX_IMPORT_ROWS} dòng dữ liệu (dòng ${line} là dòng thứ ${MAX_IMPORT_ROWS + 1}): giới hạn là ${MAX_IMPORT_ROWS}, hãy chia thành nhiều lần nhập / ` +
  `The file has more than ${MAX_IMPORT_ROWS} rows (line ${line} is row ${MAX_IMPORT_ROWS + 1}); the limit is ${MAX_IMPORT_ROWS} (split it into several imports)`;

/**
 * Parses a CSV text in UTF-8 (a BOM is tolerated, `#` lines are comments) whose header names
 * `columns` (in any order, extra columns refused). Cells are trimmed; an empty cell is ''.
 * Limits (bytes, rows, cells a line, characters a cell) and a bad encoding throw CsvRefusal as
 * soon as they are met, so a hostile file costs at most one limit's worth of work; the reading
 * yields to the event loop as it goes.
 */
export async function parseCsv(
  text: string,
  columns: readonly string[],
  optional: readonly string[] = [],
): Promise<{ rows: CsvRow[]; problems: ImportProblem[] }> {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_IMPORT_BYTES) throw new CsvRefusal(tooLarge((bytes / 1048576).toFixed(1)), null);
  const pause = eventLoopPause();
  const problems: ImportProblem[] = [];
  const rows: CsvRow[] = [];
  let header: string[] | null = null;
  let headerOk = false;
  let count = 0;
  try {
    for (const record of csvRecords(text)) {
      await pause();
      if (!record) continue;
      if (!header) {
        header = record.cells.map(h => h.toLowerCase());
        headerOk = checkHeader(header, record.line, columns, optional, problems);
        continue;
      }
      // Rows are counted even under a wrong header, so an oversized file is refused as such.
      if (++count > MAX_IMPORT_ROWS) throw new CsvRefusal(tooManyRows(record.line), record.line);
      if (!headerOk) continue;
      if (record.cells.length !== header.length) {
        problems.push({
          line: record.line,
          column: null,
          message: `Expected ${header.length} cells, found ${record.cells.length}`,
          code: "BAD_USER_INPUT",
        });
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((h, i) => (cells[h] = record.cells[i]));
      rows.push({ line: record.line, cells });
    }
  } catch (maybeError: unknown) {
    if (!(maybeError instanceof CsvSyntaxError)) throw maybeError;
    return {
      rows: [],
      problems: [
        {
          line: maybeError.line,
          column: null,
          message: maybeError.message,
          code: "BAD_USER_INPUT",
        },
      ],
    };
  }
  if (!header) {
    return {
      rows: [],
      problems: [
        {
          line: 1,
          column: null,
          message: "The file is empty (no header line)",
          code: "BAD_USER_INPUT",
        },
      ],
    };
  }
  return { rows, problems };
}

/** Problems of the header line (missing, unknown or repeated columns); true when there are none. */
function checkHeader(
  header: string[],
  line: number,
  columns: readonly string[],
  optional: readonly string[],
  problems: ImportProblem[],
): boolean {
  for (const c of columns) {
    if (!header.includes(c)) {
      problems.push({ line, column: c, message: `Missing column "${c}"`, code: "BAD_USER_INPUT" });
    }
  }
  for (const h of header) {
    if (!columns.includes(h) && !optional.includes(h)) {
      problems.push({
        line,
        column: h,
        message: `Unknown column "${h}" (expected ${columns.join(", ")})`,
        code: "BAD_USER_INPUT",
      });
    }
  }
  if (new Set(header).size !== header.length) {
    problems.push({
      line,
      column: null,
      message: "A column is named twice",
      code: "BAD_USER_INPUT",
    });
  }
  return problems.length === 0;
}

/** A whole number >= 0 from a cell; '' is "no value" (null), never 0. Separators are refused as ambiguous. */
export function countCell(row: CsvRow, column: string, problems: ImportProblem[]): number | null {
  const text = row.cells[column] ?? "";
  if (text === "") return null;
  if (!/^\d{1,9}$/.test(text)) {
    problems.push({
      line: row.line,
      column,
      message: `"${text.slice(0, 20)}" is not a whole number >= 0 (write digits only, no separators)`,
      code: "BAD_USER_INPUT",
    });
    return null;
  }
  return Number(text);
}

export function requiredCell(
  row: CsvRow,
  column: string,
  problems: ImportProblem[],
): string | null {
  const text = row.cells[column] ?? "";
  if (text === "") {
    problems.push({
      line: row.line,
      column,
      message: `${column} is required`,
      code: "BAD_USER_INPUT",
    });
    return null;
  }
  return text;
}
