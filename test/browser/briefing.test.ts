import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectValuesCsv, switchToEnglish } from "./helpers/checks.js";
import { openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";

describe("Briefing page", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("briefing");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("prints one A4 page with sentences, filters, gaps and sources", async () => {
    const { page, errors } = await openPage(stack, "#/briefing?unit=vn");
    expect(await page.textContent(".briefing h1")).toContain("Báo cáo tóm tắt");
    expect(await page.textContent(".briefing")).toContain("Bộ lọc đã dùng");
    expect(await page.locator(".briefing [data-finding]").count()).toBeGreaterThan(0);
    expect(await page.locator(".briefing .sources-list li").count()).toBeGreaterThan(0);
    await expectValuesCsv(page, "briefing-targets");
    await screenshot(page, "briefing-vi");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".toolbar").isVisible()).toBe(false);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.length).toBeGreaterThan(10_000);
    // One A4 page: count the PDF's page objects.
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("restores unit and basis from the URL and switches language", async () => {
    const { page, errors } = await openPage(stack, "#/briefing?basis=HARMONISED&unit=hai-phong-34");
    expect(await page.inputValue('select[name="unit"]')).toBe("hai-phong-34");
    await switchToEnglish(page);
    expect(await page.inputValue('select[name="unit"]')).toBe("hai-phong-34");
    expect(await page.textContent(".briefing h1")).toContain("Briefing");
    expect(await page.textContent(".briefing")).toContain("Harmonised to current boundaries");
    await screenshot(page, "briefing-en");
    expect(errors).toEqual([]);
  });
});
