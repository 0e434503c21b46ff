/**
 * Control characters are refused in every text argument of every query and mutation (the zod
 * rule `text` in field-rules.ts, and graphql/inputs.ts for every argument, schema or not) and in
 * every CSV cell: PostgreSQL cannot store NUL (a NUL in a URL was an INTERNAL_SERVER_ERROR), and
 * the other C0 characters, DEL and the C1 block (U+0080–U+009F, e.g. NEL U+0085 from a
 * mis-decoded Windows-1252 file) are never typed on purpose but break CSV exports, logs and the
 * pages that show the text.
 *
 * Single-line text (codes, names, titles, URLs) refuses all of them. The few fields whose text is
 * legitimately several lines keep tab, newline and carriage return: their schemas say
 * `multiLine`, and arguments without a schema name them here.
 */
export const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set(["note", "quote", "csv", "summary"]);

const SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The first control character not allowed in the text, or null. */
export function controlCharacter(text: string, multiLine: boolean): string | null {
  const found = (multiLine ? MULTI_LINE : SINGLE_LINE).exec(text);
  return found ? found[0] : null;
}

/** U+0085 and the like. */
export function controlCharacterName(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The message for a refused control character, in Vietnamese and English. */
export function controlCharacterMessage(field: string, c: string): string {
  const code = controlCharacterName(c);
  return `${field}: có ký tự điều khiển ${code} / contains the control character ${code}`;
}
