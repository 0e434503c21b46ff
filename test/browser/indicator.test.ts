import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canvasIsDrawn, chartValueCount, switchToEnglish } from "./helpers/checks.js";
import {
  andWaitForRender,
  openPage,
  renderId,
  screenshot,
  startStack,
  type Stack,
} from "./helpers/stack.js";

/** Issue 11 item 2: one page per indicator, reached from every indicator name, and its picker. */
describe("Indicator page", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("indicator");
  });
  afterAll(async () => {
    await stack?.close();
  });

  const hashOf = (url: string) => decodeURIComponent(new URL(url).hash);

  it("shows the chart, the targets with status, coverage, context notes and sources", async () => {
    const { page, errors } = await openPage(stack, "#/indicator?code=oa-fatal-frequency");
    expect(await page.textContent("h1")).toBe(
      "Tần suất tai nạn lao động chết người (trên 100.000 lao động có việc làm)",
    );
    expect(await page.textContent(".indicator-theme")).toBe("Tai nạn lao động");
    expect(await chartValueCount(page, "indicator-chart")).toBeGreaterThan(3);
    expect(await canvasIsDrawn(page, "indicator-chart")).toBe(true);
    // Definition, unit of measure, direction and the method note in Vietnamese.
    const about = (await page.textContent('[data-section="about"]'))!;
    expect(about).toContain("Trên 100.000 lao động");
    expect(about).toContain("Giảm là tốt");
    expect(about).toContain("Chưa tìm được định nghĩa");
    expect(about).not.toContain("MOLISA's official definition");
    // The targets that use it, each with its programme and a status chip.
    const targets = page.locator('[data-section="targets"] tbody tr');
    expect(await targets.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[data-target="nq19-2021-2025:a"] .status-chip').count()).toBe(1);
    expect(
      await page.getAttribute('[data-target="nq19-2021-2025:a"] .status-chip', "data-status"),
    ).not.toBe("");
    // Coverage: the nation has whole-year official values.
    expect(
      await page.locator('[data-section="coverage"] tr[data-unit="vn"] .cov-full').count(),
    ).toBeGreaterThan(3);
    // Sourced context notes and the sources with their grades.
    expect(
      await page.locator('[data-section="context"] [data-context-note]').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('[data-section="sources"] .sources-list li').count()).toBeGreaterThan(
      2,
    );
    expect(await page.textContent('[data-section="sources"]')).toContain("Độ tin cậy A");
    await screenshot(page, "indicator-vi");
    await switchToEnglish(page);
    expect(await page.textContent("h1")).toBe(
      "Fatal occupational-accident frequency per 100,000 employed",
    );
    expect(await page.textContent('[data-section="about"]')).toContain("Lower is better");
    await screenshot(page, "indicator-en");
    expect(errors).toEqual([]);
  });

  it("switches between chart, table and map views, keeping the view in the URL", async () => {
    const { page, errors } = await openPage(stack, "#/indicator?code=oa-deaths");
    expect(await page.getAttribute('[data-tab="chart"]', "aria-selected")).toBe("true");
    await andWaitForRender(page, () => page.click('[data-tab="table"]'));
    expect(hashOf(page.url())).toContain("tab=table");
    expect(await page.getAttribute('[data-tab="table"]', "aria-selected")).toBe("true");
    const rows = page.locator('[data-panel="indicator-values"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(10);
    // One row per value, with its status, grade and source.
    const first = await rows.first().textContent();
    expect(first).toContain("Việt Nam");
    expect(first).toMatch(/Chính thức|Tính từ số liệu khác/);
    await andWaitForRender(page, () => page.click('[data-tab="map"]'));
    expect(hashOf(page.url())).toContain("tab=map");
    expect(await chartValueCount(page, "indicator-map")).toBeGreaterThan(0);
    expect(await canvasIsDrawn(page, "indicator-map")).toBe(true);
    await screenshot(page, "indicator-map-vi");
    await andWaitForRender(page, () => page.click('[data-tab="chart"]'));
    expect(hashOf(page.url())).not.toContain("tab=");
    expect(await chartValueCount(page, "indicator-chart")).toBeGreaterThan(3);
    expect(errors).toEqual([]);
  });

  it("picks an indicator by typing, grouped by theme, and changes the view only on commit", async () => {
    const { page } = await openPage(stack, "#/indicator?code=oa-fatal-frequency");
    const input = page.locator('[data-picker="indicator"] input[role="combobox"]');
    await input.click();
    const groups = page.locator('[data-picker="indicator"] [role="group"]');
    expect(await groups.count()).toBe(5);
    expect(await groups.first().getAttribute("data-category")).toBe("ACCIDENTS");
    await input.fill("bệnh nghề");
    const options = page.locator('[data-picker="indicator"] [role="option"]');
    const count = await options.count();
    expect(count).toBeGreaterThan(2);
    for (const text of await options.allTextContents()) {
      expect(text.toLowerCase()).toContain("bệnh nghề");
    }
    // Arrow keys move the highlight; nothing re-renders until Enter.
    const before = await renderId(page);
    await input.press("ArrowDown");
    await input.press("ArrowDown");
    await page.waitForTimeout(300);
    expect(await renderId(page)).toBe(before);
    const chosen = await page.getAttribute(
      `#${await input.getAttribute("aria-activedescendant")}`,
      "data-code",
    );
    expect(chosen).toBeTruthy();
    await andWaitForRender(page, () => input.press("Enter"));
    expect(hashOf(page.url())).toContain(`code=${chosen}`);
    expect(await page.getAttribute("h1", "data-indicator")).toBe(chosen);
    // Escape restores the current name without changing the view.
    const input2 = page.locator('[data-picker="indicator"] input[role="combobox"]');
    const name = await input2.inputValue();
    await input2.fill("tai nạn");
    await input2.press("Escape");
    expect(await input2.inputValue()).toBe(name);
    // A click on an option commits it.
    await input2.fill("dân số");
    await andWaitForRender(page, () =>
      page.click('[data-picker="indicator"] [role="option"][data-code="population"]'),
    );
    expect(hashOf(page.url())).toContain("code=population");
    await screenshot(page, "indicator-population-vi");
  });

  it("is reached from an indicator name on the overview, and fits a 390 px phone", async () => {
    const { page, errors } = await openPage(stack, "#/overview");
    const link = page.locator("[data-indicator-link]").first();
    const code = await link.getAttribute("data-indicator-link");
    await andWaitForRender(page, () => link.click());
    expect(hashOf(page.url())).toContain(`#/indicator?code=${code}`);
    expect(await page.getAttribute("h1", "data-indicator")).toBe(code);
    for (const lang of ["vi", "en"]) {
      await page.setViewportSize({ width: 390, height: 800 });
      await andWaitForRender(page, () =>
        page.goto(`${stack.url}/#/indicator?code=oa-deaths${lang === "en" ? "&lang=en" : ""}`),
      );
      const width = await page.evaluate(
        () => (globalThis as any).document.documentElement.scrollWidth,
      );
      expect(width).toBeLessThanOrEqual(390);
      await screenshot(page, `indicator-390-${lang}`);
    }
    expect(errors).toEqual([]);
  });
});
