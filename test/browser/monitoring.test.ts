import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canvasIsDrawn,
  chartValueCount,
  expectValuesCsv,
  switchToEnglish,
} from "./helpers/checks.js";
import { andWaitForRender, openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";

describe("Monitoring & check-ups page", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("monitoring");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("draws samples over limits and check-ups, labelled as illustrative", async () => {
    // Official by default: there is none, the page says so and offers the illustrative data.
    const { page, errors } = await openPage(stack, "#/monitoring");
    expect(await page.locator('[data-empty="official"]').count()).toBe(1);
    await andWaitForRender(page, () => page.click('[data-action="show-illustrative"]'));
    expect(page.url()).toContain("data=all");
    for (const id of ["monitoring-factor", "monitoring-sector", "monitoring-year", "checkups"]) {
      expect(await chartValueCount(page, id)).toBeGreaterThan(0);
      expect(await canvasIsDrawn(page, id)).toBe(true);
      expect(await page.textContent(`[data-panel="${id}"] .badge-illustrative`)).toBe(
        "Dữ liệu minh họa",
      );
    }
    const factor = await expectValuesCsv(page, "monitoring-factor");
    expect(factor.every(r => r.status === "ILLUSTRATIVE" && r.dataset === "ILLUSTRATIVE")).toBe(
      true,
    );
    await expectValuesCsv(page, "checkups");
    await screenshot(page, "monitoring-vi");
    // Tooltips say where the numbers come from, like the other charts: here, generated data.
    for (const id of ["monitoring-factor", "checkups"]) {
      await page.evaluate(chartId => {
        const chart = (globalThis as any).__charts[chartId];
        chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: 0 });
      }, id);
      const tooltip = page.locator(`[data-chart="${id}"] div`).filter({ hasText: "Trạng thái" });
      await tooltip.first().waitFor();
      const text = (await tooltip.first().textContent()) ?? "";
      expect(text).toContain("Trạng thái: minh họa");
      expect(text).toContain("Số liệu do máy tạo để minh họa");
      await screenshot(page, `${id}-tooltip-vi`);
    }
    await switchToEnglish(page);
    expect(await page.textContent('[data-panel="monitoring-factor"] .badge-illustrative')).toBe(
      "Illustrative data",
    );
    expect(errors).toEqual([]);
  });

  it("restores units, years and check-up kind from the URL", async () => {
    const { page, errors } = await openPage(
      stack,
      "#/monitoring?data=all&from=2022&kind=PERIODIC&to=2024&units=hai-duong-63&lang=en",
    );
    expect(await page.isChecked('input[name="units"][value="hai-duong-63"]')).toBe(true);
    expect(await page.isChecked('input[name="units"][value="hai-phong-63"]')).toBe(false);
    expect(await page.inputValue('select[name="kind"]')).toBe("PERIODIC");
    const rows = await expectValuesCsv(page, "checkups");
    expect(rows.map(r => Number(r.year)).every(y => y >= 2022 && y <= 2024)).toBe(true);
    await screenshot(page, "monitoring-en");
    // Official only: there is no official monitoring data, and the page says so instead of drawing zeros.
    await andWaitForRender(page, () => page.click('[data-control="data:official"]'));
    expect(await page.locator(".state-empty").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
