/**
 * The CSV tokenizer behind imports, written for hostile files. csv-parse's sync API read a whole
 * file before any limit could apply, and it builds a CsvError (options copy and stack) for every
 * line whose cell count differs: ~40 µs a line, so 300,000 lines of "a" held the event loop for
 * 13 s. Here each record is bounded (≤ MAX_IMPORT_COLUMNS cells of ≤ MAX_CELL_CHARS characters,
 * checked while scanning, before anything is copied), records come one at a time so the caller
 * can stop at the row limit and yield between them, and the scan itself uses native search.
 *
 * Dialect (as before): RFC 4180 quoting with "" for a quote, CRLF, LF or CR line ends, a BOM is
 * ignored, a line starting with # is a comment, empty lines are skipped, cells are trimmed.
 */
export const MAX_IMPORT_COLUMNS = 64;
export const MAX_CELL_CHARS = 10_000;

/** The whole file is refused (a limit, a bad encoding): nothing after it is read. */
export class CsvRefusal extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

/** The file stops being CSV at `line` (an unclosed quote...): reported as a problem of that line. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface CsvRecord {
  /** Line where the record starts (1 is the first line of the file). */
  line: number;
  cells: string[];
}

export const notUtf8 = (line: number) =>
  `Tệp không phải UTF-8 ở dòng ${line}: hãy lưu tệp dưới dạng UTF-8 (CSV UTF-8) / The file is not valid UTF-8 at line ${line}: save it as UTF-8 (CSV UTF-8)`;
const tooManyCells = (line: number) =>
  `Dòng ${line} có hơn ${MAX_IMPORT_COLUMNS} ô: giới hạn là ${MAX_IMPORT_COLUMNS} / The file has more than ${MAX_IMPORT_COLUMNS} cells on line ${line}; the limit is ${MAX_IMPORT_COLUMNS}`;
const cellTooLong = (line: number) =>
  `Một ô ở dòng ${line} dài hơn ${MAX_CELL_CHARS} ký tự: giới hạn là ${MAX_CELL_CHARS} / A cell on line ${line} is longer than ${MAX_CELL_CHARS} characters; the limit is ${MAX_CELL_CHARS}`;
const unreadable = (line: number, vi: string, en: string) =>
  `Không đọc được tệp CSV ở dòng ${line}: ${vi} / Not a readable CSV file at line ${line}: ${en}`;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
/** Where an unquoted cell ends, or a stray quote inside it. */
const CELL_END = /[,\r\n"]/g;
const LINE_END = /[\r\n]/g;

/** Line breaks (CRLF, LF or CR) in text[from, to). Only called on spans of one bounded record. */
function breaksIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) n++;
  }
  return n;
}

/**
 * Records of `text`, one per iteration; null for a skipped line (comment or empty), so the
 * caller can pause even on a file of nothing but empty lines. Throws CsvRefusal/CsvSyntaxError.
 */
export function* csvRecords(text: string): Generator<CsvRecord | null> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // A JSON string cannot carry invalid UTF-8: its parser has already turned each bad byte into
  // U+FFFD, so U+FFFD is the evidence of a file saved in another encoding (e.g. Windows-1258).
  const bad = text.indexOf("\uFFFD");
  while (i < n) {
    const start = i;
    const startLine = line;
    const first = text.charCodeAt(i);
    if (first === LF || first === CR || first === 35 /* # */) {
      if (first === 35) {
        LINE_END.lastIndex = i;
        i = LINE_END.exec(text)?.index ?? n;
      }
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : i < n ? 1 : 0;
      line++;
      if (bad >= start && bad < i) throw new CsvRefusal(notUtf8(startLine), startLine);
      yield null;
      continue;
    }
    const cells: string[] = [];
    for (;;) {
      if (cells.length === MAX_IMPORT_COLUMNS) {
        throw new CsvRefusal(tooManyCells(startLine), startLine);
      }
      let j = i;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      if (text.charCodeAt(j) === QUOTE) {
        let value = "";
        let k = j + 1;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0) {
            throw new CsvSyntaxError(
              unreadable(
                line,
                'một ô mở dấu " mà không đóng',
                'a quoted cell is never closed (a " is missing)',
              ),
              line,
            );
          }
          value += text.slice(k, q);
          if (value.length > MAX_CELL_CHARS) {
            throw new CsvRefusal(cellTooLong(startLine), startLine);
          }
          if (text.charCodeAt(q + 1) !== QUOTE) {
            k = q + 1;
            break;
          }
          value += '"';
          k = q + 2;
        }
        line += breaksIn(text, j, k);
        while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
        const after = text.charCodeAt(k);
        if (k < n && after !== COMMA && after !== LF && after !== CR) {
          throw new CsvSyntaxError(
            unreadable(
              line,
              'có ký tự sau dấu " đóng ô',
              "characters follow the closing quote of a cell",
            ),
            line,
          );
        }
        cells.push(value);
        i = k;
      } else {
        CELL_END.lastIndex = i;
        const found = CELL_END.exec(text);
        const end = found ? found.index : n;
        if (end - i > MAX_CELL_CHARS && text.slice(i, end).trim().length > MAX_CELL_CHARS) {
          throw new CsvRefusal(cellTooLong(startLine), startLine);
        }
        if (found && found[0] === '"') {
          throw new CsvSyntaxError(
            unreadable(
              line,
              'dấu " giữa ô: hãy đặt cả ô trong dấu " và viết "" cho mỗi dấu "',
              'a " inside a cell: quote the whole cell and double its quotes',
            ),
            line,
          );
        }
        cells.push(text.slice(i, end).trim());
        i = end;
      }
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      if (i < n) {
        i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
      }
      break;
    }
    if (bad >= start && bad < i) {
      throw new CsvRefusal(
        notUtf8(startLine + breaksIn(text, start, bad)),
        startLine + breaksIn(text, start, bad),
      );
    }
    // A line of only spaces is as empty as an empty one.
    yield cells.length === 1 && cells[0] === "" ? null : { line: startLine, cells };
  }
}

/**
 * The bytes of a file as text, refusing invalid UTF-8 with the line of the first bad byte rather
 * than turning it into U+FFFD ("C�ng ty"). A BOM is dropped. A line is found by decoding line by
 * line: LF (0x0A) is never part of a multi-byte UTF-8 sequence, so splitting there is safe.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    let line = 1;
    for (let start = 0; start < bytes.length; line++) {
      const lf = bytes.indexOf(LF, start);
      const end = lf < 0 ? bytes.length : lf + 1;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        break;
      }
      start = end;
    }
    throw new CsvRefusal(notUtf8(line), line);
  }
}
