import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStack, waitReady, type Stack } from "./helpers/stack.js";

/** Issue 11: no page scrolls sideways on a 390 px phone, in either language. */
const PAGES = ["overview", "compare", "programme", "monitoring", "map", "briefing"];
const WIDTH = 390;

describe("Phone (390 × 844)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("phone");
  });
  afterAll(async () => {
    await stack?.close();
  });

  for (const lang of ["vi", "en"]) {
    it(`no page is wider than the screen (${lang})`, async () => {
      const context = await stack.browser.newContext({
        viewport: { width: WIDTH, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", error => errors.push(error.message));
      const widths: Record<string, number> = {};
      for (const id of PAGES) {
        await page.goto(`${stack.url}/#/${id}?lang=${lang}`);
        await waitReady(page);
        widths[id] = await page.evaluate(
          () => (globalThis as any).document.documentElement.scrollWidth,
        );
        await screenshot(page, `phone-${id}-${lang}`);
      }
      expect(widths).toEqual(Object.fromEntries(PAGES.map(id => [id, WIDTH])));
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
