import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en, vi, type MessageKey } from "../../../web/src/lib/messages.js";
import { asciiForms, asciiNamesIn, englishWordsIn } from "../../helpers/language.js";

/**
 * Issue 11 item 6: every UI string exists in both languages, the Vietnamese one is Vietnamese
 * (no English words, not a copy of the English), and no place name loses its diacritics.
 */
const units: { nameVi: string }[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../../seeds/units.json"), "utf8"),
);
const forms = asciiForms([...units.map(u => u.nameVi), "Việt Nam"]);

/** Keys whose text may be the same in both languages: symbols, codes and proper nouns only. */
const SAME_IN_BOTH: ReadonlySet<MessageKey> = new Set<MessageKey>([]);

describe("message tables", () => {
  const keys = Object.keys(vi) as MessageKey[];

  it("has every key in both languages, none empty", () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(vi[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
    }
  });

  it("translates every Vietnamese text (the same text in both only for symbols and names)", () => {
    const same = keys.filter(k => vi[k] === en[k] && !SAME_IN_BOTH.has(k));
    expect(same).toEqual([]);
  });

  it("has no English word in a Vietnamese text", () => {
    const offenders = keys
      .map(k => [k, englishWordsIn(vi[k])] as const)
      .filter(([, words]) => words.length > 0);
    expect(offenders).toEqual([]);
  });

  it("writes place names with their diacritics in both languages", () => {
    expect(forms.get("Hai Phong")).toBe("Hải Phòng");
    const offenders = keys.flatMap(k =>
      [vi[k], en[k]].flatMap(text => asciiNamesIn(text, forms).map(name => `${k}: ${name}`)),
    );
    expect(offenders).toEqual([]);
  });
});

describe("language checks", () => {
  it("find English words and names without diacritics", () => {
    expect(englishWordsIn("textVi is our Vietnamese rendering")).toEqual([
      "textvi",
      "is",
      "our",
      "rendering",
    ]);
    expect(englishWordsIn("Giảm bình quân 4%/năm tần suất tai nạn lao động")).toEqual([]);
    expect(asciiNamesIn("Hai Phong city", forms)).toContain("Hai Phong");
    expect(asciiNamesIn("Hải Phòng city", forms)).toEqual([]);
    // A longer name that contains a shorter one is not a false hit on the shorter one's letters.
    expect(asciiNamesIn("Haiphong", forms)).toEqual([]);
  });
});
