/**
 * The data table model shared by every chart panel: what the table shows is exactly what the
 * CSV contains (already formatted for the chosen language, 'no data' spelled out).
 */
import type { Locale } from "./format.js";
import { noData } from "./format.js";

export interface TableColumn {
  key: string;
  label: string;
  /** Right-align numbers. */
  numeric?: boolean;
}

export type TableCell = string | number | null | undefined;

export interface TableModel {
  columns: TableColumn[];
  rows: Record<string, TableCell>[];
  /** The table contains illustrative (generated) values. */
  illustrative?: boolean;
}

/** The text a cell shows; missing values read "no data", never blank or 0. */
export function cellText(cell: TableCell, locale: Locale): string {
  if (cell === null || cell === undefined || (typeof cell === "number" && Number.isNaN(cell))) {
    return noData(locale);
  }
  return String(cell);
}

/** Rows as arrays of cell texts, header first. */
export function tableMatrix(table: TableModel, locale: Locale): string[][] {
  return [
    table.columns.map(c => c.label),
    ...table.rows.map(row => table.columns.map(c => cellText(row[c.key], locale))),
  ];
}
