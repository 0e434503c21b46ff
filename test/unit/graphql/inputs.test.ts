import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createCheckupSchema } from "../../../server/checkups/checkup.inputs.js";
import { BadInputError } from "../../../server/graphql/errors.js";
import { code, codes, count, text, yearSpan } from "../../../server/graphql/field-rules.js";
import {
  fieldOf,
  inputProblem,
  validateField,
  validateInput,
} from "../../../server/graphql/inputs.js";
import { validateRow } from "../../../server/imports/import.types.js";
import type { ImportProblem } from "../../../server/imports/csv.js";

/** Issue 13 item 3: one validation layer (zod schemas), its issues named as the forms name fields. */
const thrown = (f: () => void): BadInputError => {
  try {
    f();
  } catch (e) {
    if (e instanceof BadInputError) return e;
    throw e;
  }
  throw new Error("nothing was thrown");
};

describe("zod issue -> field", () => {
  it("leaves out list positions, and the argument holding an input", () => {
    expect(fieldOf(["cases", 2, "disease"])).toBe("cases.disease");
    expect(fieldOf(["input", "cases", 0, "cases"], true)).toBe("cases.cases");
    expect(fieldOf(["units", 3], true)).toBe("units");
    expect(fieldOf(["year"], true)).toBe("year");
    expect(fieldOf([])).toBe("");
  });

  it("becomes a BAD_USER_INPUT naming the field, its message prefixed with it", () => {
    const schema = z.object({ input: z.object({ units: codes(2), name: text(5) }) });
    const e = thrown(() =>
      validateInput(schema, { input: { units: ["ok", "Bad!"], name: "x" } }, true),
    );
    expect(e.extensions).toEqual({ code: "BAD_USER_INPUT", field: "units" });
    expect(e.message).toMatch(/^units: "Bad!" không phải là mã hợp lệ .* is not a valid code/);
    const long = thrown(() =>
      validateInput(schema, { input: { units: [], name: "abcdef" } }, true),
    );
    expect(long.extensions?.field).toBe("name");
    expect(long.message).toBe("name: is longer than 5 characters");
    expect(inputProblem(schema, { input: { units: ["a", "b"], name: "ok" } }, true)).toBeNull();
  });

  it("names a value a service checks under its own name (a patch merged with the record)", () => {
    const e = thrown(() => validateField(count(10), 11, "samples"));
    expect(e.extensions?.field).toBe("samples");
    expect(e.message).toMatch(/^samples: vượt quá giới hạn 10 \/ over the limit of 10, got 11$/);
  });

  it("checks a year range as one rule, refused as yearFrom", () => {
    const span = yearSpan(z.object({}));
    expect(fieldOf(span.safeParse({ yearFrom: 2020, yearTo: 2019 }).error!.issues[0]!.path)).toBe(
      "yearFrom",
    );
    expect(fieldOf(span.safeParse({ yearTo: 1800 }).error!.issues[0]!.path)).toBe("yearTo");
    expect(span.safeParse({ yearFrom: 2019, yearTo: 2019 }).success).toBe(true);
  });

  it("keeps the Code scalar's 64 characters", () => {
    expect(code.safeParse("a".repeat(64)).success).toBe(true);
    expect(code.safeParse("a".repeat(65)).success).toBe(false);
    expect(code.safeParse("hai-phong-34").success).toBe(true);
    expect(code.safeParse("-x").success).toBe(false);
  });
});

describe("control characters", () => {
  it("refuses C1 (U+0080-U+009F) as well as C0 and DEL, in one line and in several", () => {
    for (const c of ["\u0000", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f"]) {
      const e = thrown(() => validateField(text(100), `a${c}b`, "name"));
      const name = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
      expect(e.message).toBe(
        `name: có ký tự điều khiển ${name} / contains the control character ${name}`,
      );
      expect(text(100, { multiLine: true }).safeParse(`a${c}b`).success).toBe(false);
    }
  });

  it("keeps tab and line breaks in multi-line text only, and letters just past C1", () => {
    expect(text(100, { multiLine: true }).safeParse("a\tb\r\nc").success).toBe(true);
    expect(text(100).safeParse("a\nb").success).toBe(false);
    expect(text(100).safeParse("Hải Dương\u00a0©").success).toBe(true);
  });
});

describe("a CSV row and a mutation's input share one schema", () => {
  const input = {
    establishment: "est-1",
    unit: "hai-phong-34",
    sector: "textiles",
    year: 2025,
    kind: "PERIODIC",
    workersExamined: 10,
    cases: [{ disease: "silicosis", cases: 50 }],
  };
  const COLUMNS = { workersExamined: "workers_examined", "cases.cases": "cases" };

  it("gives the same message, in the column that holds the field", () => {
    const viaGraphql = thrown(() => validateInput(createCheckupSchema, input));
    const problems: ImportProblem[] = [];
    const row = { line: 7, cells: {} };
    expect(validateRow(problems, row, createCheckupSchema, input, COLUMNS)).toBe(false);
    expect(viaGraphql.extensions?.field).toBe("cases");
    expect(viaGraphql.message).toBe("cases: 50 cases are more than the 10 workers examined");
    expect(problems).toEqual([
      { line: 7, column: "cases", message: viaGraphql.message, code: "BAD_USER_INPUT" },
    ]);
  });

  it("maps a field to its column where the names differ", () => {
    const problems: ImportProblem[] = [];
    const bad = { ...input, workersExamined: -1, cases: [] };
    validateRow(problems, { line: 3, cells: {} }, createCheckupSchema, bad, COLUMNS);
    expect(problems[0]).toMatchObject({ line: 3, column: "workers_examined" });
    expect(problems[0]!.message).toBe("workersExamined: must be a whole number >= 0, got -1");
  });
});
