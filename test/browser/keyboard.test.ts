import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  andWaitForRender,
  openPage,
  renderId,
  screenshot,
  startStack,
  type Stack,
} from "./helpers/stack.js";

/** What has the keyboard focus: its data-control, data-explain or tag name. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    return el?.dataset?.control ?? (el?.dataset?.explain ? "explain" : el?.tagName);
  });
}

describe("Keyboard", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("keyboard");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("keeps the focus on the control that changed, after the page re-renders", async () => {
    const { page, errors } = await openPage(stack, "#/map");
    await page.focus('[data-control="boundaries:63"]');
    await andWaitForRender(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).hash).toContain("boundaries=63");
    expect(await focused(page)).toBe("boundaries:63");
    await page.keyboard.press("Shift+Tab");
    await andWaitForRender(page, () => page.keyboard.press("Space"));
    expect(new URL(page.url()).hash).not.toContain("boundaries=63");
    expect(await focused(page)).toBe("boundaries:34");
    // The language switch keeps its place too.
    await page.focus('[data-lang="en"]');
    await andWaitForRender(page, () => page.keyboard.press("Enter"));
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.dataset.lang)).toBe(
      "en",
    );
    expect(errors).toEqual([]);
  });

  // The briefing's programme select (the indicator lists are a searchable picker, tested in
  // indicator.test.ts).
  it("changes the view from a select on Enter or on leaving it, not on each arrow key", async () => {
    const { page, errors } = await openPage(stack, "#/briefing");
    const before = page.url();
    const first = await page.inputValue('[data-control="programme"]');
    const rendersBefore = await renderId(page);
    await page.focus('[data-control="programme"]');
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    // Chromium has already fired `change` twice on the closed select: nothing may follow it.
    await page.waitForTimeout(500);
    expect(await page.inputValue('[data-control="programme"]')).not.toBe(first);
    expect(page.url()).toBe(before);
    expect(await renderId(page)).toBe(rendersBefore);
    const chosen = await page.inputValue('[data-control="programme"]');
    await andWaitForRender(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).hash).toContain(`programme=${chosen}`);
    expect(await renderId(page)).toBe(rendersBefore + 1);
    expect(await focused(page)).toBe("programme");
    // Browsing then leaving with Tab commits too, and the focus goes where Tab sent it.
    await page.keyboard.press("ArrowUp");
    const next = await page.inputValue('[data-control="programme"]');
    await andWaitForRender(page, () => page.keyboard.press("Tab"));
    expect(new URL(page.url()).hash).toContain(`programme=${next}`);
    expect(await focused(page)).not.toBe("BODY");
    // A choice made with the mouse (or by a script) applies at once.
    const current = await page.inputValue('[data-control="programme"]');
    const other = current === "nq19-2021-2025" ? "hp-nq23-2023-2025" : "nq19-2021-2025";
    await andWaitForRender(page, () => page.selectOption('[data-control="programme"]', other));
    expect(new URL(page.url()).hash).toContain(`programme=${other}`);
    expect(errors).toEqual([]);
  });

  it("brings a chosen scorecard cell's explanation into view and gives it the focus", async () => {
    const { page, errors } = await openPage(stack, "#/overview");
    const cell = page.locator("[data-cell]").first();
    await cell.focus();
    await andWaitForRender(page, () => page.keyboard.press("Enter"));
    expect(await focused(page)).toBe("explain");
    const box = await page.evaluate(() => {
      const g = globalThis as any;
      const r = g.document.querySelector("[data-explain]").getBoundingClientRect();
      return { top: r.top, viewport: g.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.top).toBeLessThan(box.viewport);
    await page.screenshot({ path: "test/.artifacts/screenshots/overview-explain-focused.png" });
    await screenshot(page, "overview-explain-vi");
    expect(errors).toEqual([]);
  });
});
