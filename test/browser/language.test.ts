import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asciiForms, asciiNamesIn, englishWordsIn } from "../helpers/language.js";
import { openPage, startStack, type Stack } from "./helpers/stack.js";

/**
 * Issue 11 item 6: walks every page in Vietnamese and in English and reads the visible text.
 * In Vietnamese no English word may show (source titles, publishers and verbatim quotes excepted:
 * they are in the source's own language); in both, no place name may lose its diacritics.
 */
const PAGES = [
  "#/overview",
  "#/compare",
  "#/programme",
  "#/programme?programme=hp-nq23-2023-2025",
  "#/programme?programme=hd-ctr1562-2021-2025",
  "#/monitoring",
  "#/map",
  "#/briefing",
  "#/indicator",
  "#/indicator?code=oa-deaths&tab=table",
  "#/indicator?code=wem-establishments-monitored",
];

/** Text in another language by nature: code, quotes, source lines, the language buttons. */
const FOREIGN = [
  "script",
  "style",
  "code",
  "blockquote",
  ".sources-list",
  ".context-note-source",
  ".lang-switch",
].join(",");

const units: { nameVi: string }[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../seeds/units.json"), "utf8"),
);
const forms = asciiForms([...units.map(u => u.nameVi), "Việt Nam"]);

/** The visible text nodes of the page, outside the FOREIGN elements. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(foreign => {
    const g = globalThis as any;
    const out: string[] = [];
    const walker = g.document.createTreeWalker(g.document.body, 4 /* SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = String(node.textContent).trim();
      if (!text || !parent || parent.closest(foreign)) continue;
      if (!parent.checkVisibility() && !parent.closest("table")) continue;
      out.push(text);
    }
    return out;
  }, FOREIGN);
}

describe("Language of every page", () => {
  let stack: Stack;
  let external: string[] = [];
  beforeAll(async () => {
    stack = await startStack("language");
    // Source titles and publishers are shown as the source gives them, in its language.
    const response = await fetch(`${stack.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "{ sources(first: 1000) { nodes { title publisher documentNumber } } }",
      }),
    });
    const body = (await response.json()) as {
      data: { sources: { nodes: Record<string, string | null>[] } };
    };
    external = body.data.sources.nodes
      .flatMap(s => [s.title, s.publisher, s.documentNumber])
      .filter((s): s is string => Boolean(s))
      .sort((a, b) => b.length - a.length);
    expect(external.length).toBeGreaterThan(20);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const withoutExternal = (text: string) =>
    external.reduce((rest, s) => (rest.includes(s) ? rest.split(s).join(" ") : rest), text);

  it("shows no English word in Vietnamese and keeps diacritics in place names (vi)", async () => {
    const problems: string[] = [];
    for (const hash of PAGES) {
      const { page, errors } = await openPage(stack, hash);
      for (const text of await visibleTexts(page)) {
        const own = withoutExternal(text);
        const words = englishWordsIn(own);
        if (words.length) problems.push(`${hash}: [${words.join(" ")}] in "${text.slice(0, 120)}"`);
        for (const name of asciiNamesIn(own, forms)) {
          problems.push(`${hash}: ${name} in "${text.slice(0, 120)}"`);
        }
      }
      expect(errors, hash).toEqual([]);
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it("keeps diacritics in place names in English", async () => {
    const problems: string[] = [];
    for (const hash of PAGES) {
      const { page } = await openPage(stack, `${hash}${hash.includes("?") ? "&" : "?"}lang=en`);
      for (const text of await visibleTexts(page)) {
        for (const name of asciiNamesIn(withoutExternal(text), forms)) {
          problems.push(`${hash}: ${name} in "${text.slice(0, 120)}"`);
        }
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });
});
