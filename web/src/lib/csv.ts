/**
 * CSV of a table (RFC 4180 quoting, CRLF line ends), prefixed with a UTF-8 byte order mark so
 * Excel opens Vietnamese text correctly instead of guessing a legacy code page. Pure.
 */
import type { Locale } from "./format.js";
import { tableMatrix, type TableModel } from "./table.js";

export const BOM = "\uFEFF";

/**
 * A number as the tables print it, in either language: sign, digits with optional grouping
 * (1.234 / 1,234 / 1 234), decimals, percent as format.ts writes it ('-2,6 %/năm'). Such a cell cannot hold a formula, so it stays a
 * number in the spreadsheet.
 */
const NUMBER = /^[-+]?(\d+|\d{1,3}([.,\u00a0\u202f ]\d{3})+)([.,]\d+)?( ?%(\/(năm|year))?)?$/;

/**
 * Formula injection (OWASP CSV injection): a spreadsheet runs a cell starting with = + - @, tab
 * or CR as a formula (=HYPERLINK(...) can leak data or run commands). Imported text is shown as
 * typed, so every such cell gets a leading ' that makes it text; plain numbers are left alone.
 */
export function neutralise(cell: string | number): string {
  const text = String(cell);
  if (typeof cell === "number" || !/^[=+\-@\t\r]/.test(text) || NUMBER.test(text)) return text;
  return `'${text}`;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** CSV text of a cell matrix, with BOM; formula-like text is neutralised. */
export function toCsv(matrix: (string | number)[][]): string {
  return (
    BOM +
    matrix.map(row => row.map(cell => quote(neutralise(cell))).join(",")).join("\r\n") +
    "\r\n"
  );
}

/** CSV text of a table model in the given language. */
export function tableToCsv(table: TableModel, locale: Locale): string {
  return toCsv(tableMatrix(table, locale));
}

/** Parses CSV produced by toCsv (used by tests and to check downloads). */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let inQuotes = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inQuotes) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        inQuotes = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A file name safe on every OS: 'So sánh: tử vong' -> 'so-sanh-tu-vong'. */
export function fileSlug(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "data"
  );
}

/** One value with its context: the row of every CSV the app offers (one row per value). */
export interface ValueRow {
  unitCode: string;
  unitName: string;
  indicatorCode: string;
  indicatorName: string;
  year: number | string;
  /** null: no data (the cell stays empty and the note says so), never 0. */
  value: number | null;
  /** Unit of measure in words ('%', 'người', 'per 100,000 workers'). */
  unitOfMeasure: string;
  dataset: "OFFICIAL" | "ILLUSTRATIVE" | string;
  status: string;
  source: string;
  grade: string;
  disputed: boolean;
  note: string;
}

/** Column names of the value CSV (fixed, so scripts can read any export the same way). */
export const VALUE_COLUMNS = [
  "unit_code",
  "unit_name",
  "indicator_code",
  "indicator_name",
  "year",
  "value",
  "unit_of_measure",
  "dataset",
  "status",
  "source",
  "grade",
  "disputed",
  "note",
] as const;

/**
 * CSV of values with their context: numbers as numbers (dot decimal, no grouping), empty value
 * for no data, UTF-8 BOM, formula-like text neutralised.
 */
export function valuesToCsv(rows: ValueRow[]): string {
  return toCsv([
    [...VALUE_COLUMNS],
    ...rows.map(r => [
      r.unitCode,
      r.unitName,
      r.indicatorCode,
      r.indicatorName,
      r.year,
      r.value === null || Number.isNaN(r.value) ? "" : r.value,
      r.unitOfMeasure,
      r.dataset,
      r.status,
      r.source,
      r.grade,
      r.disputed ? "true" : "false",
      r.note,
    ]),
  ]);
}
