import { describe, expect, it } from "vitest";
import {
  CsvRefusal,
  CsvSyntaxError,
  csvRecords,
  decodeUtf8,
  MAX_CELL_CHARS,
} from "../../../server/imports/csv-reader.js";

const read = (text: string) => [...csvRecords(text)].filter(r => r !== null);
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e: unknown) {
    return e;
  }
  throw new Error("expected a refusal");
};

/** The import dialect, unchanged from csv-parse's options (bom, comment '#', skip_empty_lines, trim). */
describe("csvRecords", () => {
  it("reads quotes, doubled quotes, CRLF/LF/CR line ends, comments, blank lines and trims cells", () => {
    const text =
      '\uFEFF# comment, "not a cell\r\n a , b \r\n\r\n"x, ""y""",  "multi\nline" ,z\rlast,\n   \n';
    expect(read(text)).toEqual([
      { line: 2, cells: ["a", "b"] },
      { line: 4, cells: ['x, "y"', "multi\nline", "z"] },
      { line: 6, cells: ["last", ""] },
    ]);
  });

  it("reports syntax errors with their line", () => {
    expect(refusal(() => read('a,b\n"open\n\n'))).toMatchObject({ line: 2 });
    expect(refusal(() => read('a,b\n"x"y,1\n'))).toBeInstanceOf(CsvSyntaxError);
    expect(refusal(() => read('a,b\nfive"inch,1\n'))).toMatchObject({
      line: 2,
      message: expect.stringMatching(/quote the whole cell/),
    });
  });

  it("refuses at 65 cells and at a cell over the length limit, naming the line, before reading further", () => {
    expect(read("a\n" + ",".repeat(63) + "\n")[1].cells).toHaveLength(64);
    expect(refusal(() => read("a\n" + ",".repeat(64)))).toMatchObject({
      line: 2,
      message: expect.stringMatching(/limit is 64/),
    });
    expect(read(`a\n${"x".repeat(MAX_CELL_CHARS)}\n`)[1].cells[0]).toHaveLength(MAX_CELL_CHARS);
    expect(refusal(() => read(`a\nb\n"${'""'.repeat(MAX_CELL_CHARS + 1)}"\n`))).toMatchObject({
      line: 3,
      message: expect.stringMatching(/limit is 10000/),
    });
    expect(refusal(() => read(`a\n${"x".repeat(MAX_CELL_CHARS + 1)}`))).toBeInstanceOf(CsvRefusal);
  });

  it("refuses U+FFFD (a file in another encoding) at its physical line, even inside a quoted cell", () => {
    expect(refusal(() => read("a,b\n1,2\nC\uFFFDng,3\n"))).toMatchObject({
      line: 3,
      message: expect.stringMatching(/dòng 3.*line 3: save it as UTF-8/),
    });
    expect(refusal(() => read('a,b\n"x\ny\nC\uFFFDng",3\n'))).toMatchObject({ line: 4 });
    expect(refusal(() => read("# C\uFFFDng\na\n"))).toMatchObject({ line: 1 });
  });
});

describe("decodeUtf8", () => {
  it("decodes UTF-8 (dropping a BOM) and refuses other bytes with their line", () => {
    expect(decodeUtf8(Buffer.from("\uFEFFCông ty\n"))).toBe("Công ty\n");
    const legacy = Buffer.concat([
      Buffer.from("a\nb\nC"),
      Buffer.from([0xf4]),
      Buffer.from("ng ty\n"),
    ]);
    expect(refusal(() => decodeUtf8(legacy))).toMatchObject({
      line: 3,
      message: expect.stringMatching(/save it as UTF-8/),
    });
    expect(refusal(() => decodeUtf8(Buffer.from([0xff, 0xfe, 0x61, 0x00])))).toMatchObject({
      line: 1,
    }); // UTF-16
  });
});
