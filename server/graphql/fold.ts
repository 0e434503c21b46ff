import { raw } from "@mikro-orm/core";

/**
 * Search that ignores Vietnamese diacritics and case, so "hai duong" finds "Hải Dương" (English
 * names keep their diacritics too, so the ASCII spelling must be folded, not stored). Done in SQL
 * with translate(), which needs no extension (unaccent is not available to the app role).
 */
const LOWER = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ";
const FROM = LOWER + LOWER.toUpperCase();
const TO = [...FROM]
  .map(c => c.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase())
  .join("");

/** The text as the SQL below folds it: no diacritics, lower case. */
export function foldForSearch(text: string): string {
  return [...text].map(c => TO[FROM.indexOf(c)] ?? c.toLowerCase()).join("");
}

/** The LIKE pattern "contains the folded term", its wildcards escaped. */
export const foldedLike = (term: string): string =>
  `%${foldForSearch(term).replace(/[\\%_]/g, c => "\\" + c)}%`;

/** SQL for a column folded as the search folds (for raw SQL and knex; column is trusted). */
export const foldedColumnSql = (column: string): string =>
  `translate(lower(${column}), '${FROM}', '${TO}')`;

/** A where-condition: the column, folded, contains the folded term (LIKE wildcards escaped). */
export function foldedContains(column: string, term: string): Record<string, unknown> {
  const like = foldedLike(term);
  return {
    [raw(alias => `translate(lower(${alias}.${column}), '${FROM}', '${TO}')`)]: { $like: like },
  };
}
