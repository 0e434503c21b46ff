import { z } from "zod";
import { CODE_PATTERN, CODE_MAX } from "./code.js";
import { controlCharacter, controlCharacterName } from "./control-chars.js";

/**
 * The field rules every write obeys (codes, keywords, text, years, counts) as zod schemas, the
 * building blocks of the input schemas (server/graphql/inputs.ts registers one per @InputType and
 * @ArgsType class; the CSV layouts validate their rows with the same schemas). A message never
 * names its field: the field is the issue's path, added by `validateInput`, so one rule reads the
 * same in a mutation's BAD_USER_INPUT and in an import report.
 */

const KEYWORD = /^[a-z][a-z0-9_]{0,63}$/;

/** Refuses control characters: all of C0, DEL and C1 in one line; tab and newlines allowed in several. */
const noControl = (multiLine: boolean) =>
  z.string().superRefine((value, ctx) => {
    const c = controlCharacter(value, multiLine);
    if (c !== null) {
      const name = controlCharacterName(c);
      ctx.addIssue({
        code: "custom",
        message: `có ký tự điều khiển ${name} / contains the control character ${name}`,
      });
    }
  });

/** A code (units, indicators, sources, sites…): the `Code` scalar's format, at most 64 characters. */
export const code = z.string().regex(CODE_PATTERN, {
  error: issue =>
    `"${String(issue.input).slice(0, 40)}" không phải là mã hợp lệ (chữ thường, chữ số và dấu gạch ngang, tối đa ${CODE_MAX} ký tự) / is not a valid code (lower-case letters, digits and dashes, at most ${CODE_MAX})`,
});

/** At most `max` codes (filters of list and analytics queries). */
export const codes = (max = 200) =>
  z.array(code).max(max, { error: `accepts at most ${max} codes` });

/** Sector, factor and disease names: lower-case words joined by underscores (e.g. toxic_gas). */
export const keyword = (max = 64) =>
  z.string().refine(v => KEYWORD.test(v) && v.length <= max, {
    error: issue =>
      `"${String(issue.input).slice(0, 40)}" is not valid (lower-case letters, digits and _, at most ${max})`,
  });

/** Free text of at most `max` characters, without control characters (tab and newlines only in multi-line text). */
export const text = (max: number, { multiLine = false } = {}) =>
  z
    .string()
    .max(max, { error: `is longer than ${max} characters` })
    .pipe(noControl(multiLine));

/** Text that must hold more than blanks. */
export const requiredText = (max: number, options?: { multiLine?: boolean }) =>
  text(max, options).refine(v => v.trim() !== "", { error: "is required" });

export const year = z.number().refine(y => Number.isInteger(y) && y >= 1990 && y <= 2100, {
  error: issue => `must be a year between 1990 and 2100, got ${String(issue.input)}`,
});

/** Refuses a value over its bound, in Vietnamese and English (each with its own digit grouping). */
export const atMost = (max: number) =>
  z.number().refine(v => v <= max, {
    error: issue =>
      `vượt quá giới hạn ${max.toLocaleString("vi-VN")} / over the limit of ${max.toLocaleString("en-US")}, got ${String(issue.input)}`,
  });

/** A whole number from 0 to `max` (counts of samples, workers, cases; the bounds are in limits.ts). */
export const count = (max: number) =>
  z
    .number()
    .refine(v => Number.isSafeInteger(v) && v >= 0, {
      error: issue => `must be a whole number >= 0, got ${String(issue.input)}`,
      abort: true,
    })
    .pipe(atMost(max));

/** An http(s) address of at most 2000 characters (or, with `allowEmpty`, nothing). */
export const httpUrl = (
  message = "phải là địa chỉ http(s) / must be an http(s) address",
  { allowEmpty = false } = {},
) =>
  z
    .string()
    .refine(
      u => (allowEmpty && u === "") || (u.length <= 2000 && /^https?:\/\/[^\s/]+[^\s]*$/i.test(u)),
      { error: message },
    )
    .pipe(noControl(false));

/** A database id (GraphQL Int): an unknown one is refused by the service that looks it up. */
export const id = z.number().int();

/** A year range of a query: each end a year, the first not after the last (refused as yearFrom). */
export const yearSpan = <S extends z.ZodObject>(shape: S) =>
  shape
    .extend({ yearFrom: year.nullish(), yearTo: year.nullish() })
    .refine(v => v.yearFrom == null || v.yearTo == null || v.yearFrom <= v.yearTo, {
      path: ["yearFrom"],
      error: issue => {
        const v = issue.input as { yearFrom: number; yearTo: number };
        return `${v.yearFrom} is after yearTo (${v.yearTo})`;
      },
    });
