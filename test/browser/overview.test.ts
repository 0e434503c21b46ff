import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectValuesCsv, switchToEnglish } from "./helpers/checks.js";
import { andWaitForRender, openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";

describe("Overview page", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("overview");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("shows the scorecard with status words and sparklines, and explains a cell on click", async () => {
    const { page, errors } = await openPage(stack, "#/overview");
    expect(await page.locator("[data-scorecard] .status-chip").count()).toBeGreaterThan(3);
    expect(await page.locator("[data-scorecard] svg.sparkline path").count()).toBeGreaterThan(0);
    const chip = (await page.locator("[data-scorecard] .status-chip").first().textContent()) ?? "";
    expect(chip.trim().length).toBeGreaterThan(2);
    const values = await expectValuesCsv(page, "scorecard");
    // Official by default: every value with a source carries it and its grade.
    expect(values.some(v => v.dataset === "ILLUSTRATIVE")).toBe(false);
    expect(values.some(v => v.value !== "" && v.source !== "" && /^[ABC]$/.test(v.grade))).toBe(
      true,
    );
    const cell = page.locator('[data-cell$="~vn"]').first();
    const key = await cell.getAttribute("data-cell");
    await andWaitForRender(page, () => cell.click());
    expect(decodeURIComponent(page.url())).toContain(`cell=${key}`);
    expect(await page.locator(`[data-explain="${key}"] dl dt`).count()).toBeGreaterThan(0);
    await screenshot(page, "overview-vi");
    expect(errors).toEqual([]);
  });

  it("restores the selected cell and units from the URL and keeps them when switching language", async () => {
    const { page, errors } = await openPage(
      stack,
      "#/overview?cell=a~vn&units=vn,hai-duong-63&data=all",
    );
    expect(await page.isChecked('input[name="units"][value="hai-duong-63"]')).toBe(true);
    expect(await page.isChecked('input[name="units"][value="hai-phong-63"]')).toBe(false);
    expect(await page.locator('[data-explain="a~vn"]').count()).toBe(1);
    // Keyboard: a score cell is a real button, so Enter toggles it like a click.
    await andWaitForRender(page, async () => {
      await page.focus('[data-cell="a~vn"]');
      await page.keyboard.press("Enter");
    });
    expect(await page.locator('[data-explain="a~vn"]').count()).toBe(0);
    await andWaitForRender(page, () => page.goBack());
    expect(await page.locator('[data-explain="a~vn"]').count()).toBe(1);
    await switchToEnglish(page);
    expect(await page.locator('[data-explain="a~vn"] h3').first().textContent()).toBe(
      "Components of the calculation",
    );
    await screenshot(page, "overview-en");
    expect(errors).toEqual([]);
  });
});
