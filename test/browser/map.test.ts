import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canvasIsDrawn,
  chartValueCount,
  expectCsvMatchesTable,
  expectValuesCsv,
  switchToEnglish,
  tableMatrix,
} from "./helpers/checks.js";
import { andWaitForRender, openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";
import type { Page } from "playwright-core";

/** Every text drawn on the map's canvas (ECharts' display list), and its screen-reader label. */
async function mapTexts(page: Page): Promise<{ drawn: string; label: string }> {
  return page.evaluate(() => {
    const g = globalThis as any;
    const list: any[] = g.__charts.map.getZr().storage.getDisplayList(true);
    const drawn = list
      .filter(el => typeof el.style?.text === "string" && !el.ignore && !el.invisible)
      .map(el => el.style.text as string)
      .join("\n");
    const label = g.document.querySelector('[data-chart="map"]').getAttribute("aria-label") ?? "";
    return { drawn, label };
  });
}

/** The status column of the map's table, by unit name. */
async function statusOf(page: Page, unitName: string): Promise<string | undefined> {
  const rows = await tableMatrix(page, "map");
  const status = rows[0].indexOf("Tình trạng");
  return rows.find(r => r[0] === unitName)?.[status];
}

describe("Map page", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("map");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("colours the 34 units by a value, with the ODbL credit", async () => {
    const { page, errors } = await openPage(stack, "#/map?data=all&indicator=oa-deaths");
    expect(await chartValueCount(page, "map")).toBeGreaterThan(0);
    expect(await canvasIsDrawn(page, "map")).toBe(true);
    expect(await page.textContent('[data-credit="map"]')).toContain("ODbL");
    // Value mode downloads the year's values with their context: one row per province.
    const rows = await expectValuesCsv(page, "map");
    expect(rows).toHaveLength(34);
    expect(rows.every(r => r.indicator_code === "oa-deaths")).toBe(true);
    expect(rows.some(r => r.dataset === "ILLUSTRATIVE" && r.value !== "")).toBe(true);
    await screenshot(page, "map-34-vi");
    await switchToEnglish(page);
    expect(await page.textContent('[data-credit="map"]')).toContain("ODbL");
    expect(errors).toEqual([]);
  });

  it("restores the 63-province view and status mode from the URL", async () => {
    const { page, errors } = await openPage(
      stack,
      "#/map?boundaries=63&data=all&indicator=oa-fatal-frequency&mode=status&lang=en",
    );
    expect(await page.getAttribute('[data-control="boundaries:63"]', "aria-pressed")).toBe("true");
    expect(await page.getAttribute('[data-control="mode:status"]', "aria-pressed")).toBe("true");
    const rows = await expectCsvMatchesTable(page, "map");
    expect(rows).toHaveLength(64);
    expect(rows[0]).toContain("Status");
    await screenshot(page, "map-63-status-en");
    await andWaitForRender(page, () => page.click('[data-control="boundaries:34"]'));
    expect((await expectCsvMatchesTable(page, "map")).length).toBe(35);
    expect(errors).toEqual([]);
  });

  it("opens on official data and the latest year with data, with Hoàng Sa and Trường Sa labelled on both maps", async () => {
    const { page, errors } = await openPage(stack, "#/map");
    expect(await page.getAttribute('[data-control="data:official"]', "aria-pressed")).toBe("true");
    // The picker shows the indicator's name; the URL state is the code.
    expect(await page.inputValue('[data-control="indicator"]')).toBe("Số vụ tai nạn lao động");
    // The year picker lists the years with data and starts on the latest one; the map is not empty.
    const years = await page.$$eval('[data-control="year"] option', os => os.map(o => o.value));
    expect(years.length).toBeGreaterThan(0);
    expect(await page.inputValue('[data-control="year"]')).toBe(years[years.length - 1]);
    expect(await chartValueCount(page, "map")).toBeGreaterThan(0);
    // Official values carry their source and grade in the CSV (Hải Phòng's harmonised sum is
    // derived from the two former provinces' sourced values).
    const official = (await expectValuesCsv(page, "map")).filter(r => r.value !== "");
    expect(official.length).toBeGreaterThan(0);
    expect(official.every(r => r.dataset === "OFFICIAL")).toBe(true);
    expect(official.every(r => r.source !== "" || r.status === "DERIVED")).toBe(true);
    for (const boundaries of ["34", "63"]) {
      if (boundaries === "63") {
        await andWaitForRender(page, () => page.click('[data-control="boundaries:63"]'));
      }
      const { drawn, label } = await mapTexts(page);
      expect(drawn).toContain("QĐ. Hoàng Sa\n(Đà Nẵng)");
      expect(drawn).toContain("QĐ. Trường Sa\n(Khánh Hòa)");
      expect(label).toContain("QĐ. Hoàng Sa (Đà Nẵng)");
      expect(label).toContain("QĐ. Trường Sa (Khánh Hòa)");
      await screenshot(page, `map-${boundaries}-islands-vi`);
    }
    await switchToEnglish(page);
    const english = await mapTexts(page);
    expect(english.drawn).toContain("Hoàng Sa Archipelago\n(Đà Nẵng)");
    expect(english.drawn).toContain("Trường Sa Archipelago\n(Khánh Hòa)");
    await screenshot(page, "map-63-islands-en");
    expect(errors).toEqual([]);
  });

  it("judges status on the 34 units on the harmonised series, like the values", async () => {
    const { page, errors } = await openPage(
      stack,
      "#/map?mode=status&data=all&indicator=oa-fatal-frequency",
    );
    // Hải Phòng (2025) has no as-reported series before the merger; harmonised, it has one.
    const status = await statusOf(page, "Hải Phòng (2025)");
    expect(status).toBeTruthy();
    expect(status).not.toMatch(/Chưa đủ|Không đủ/);
    await screenshot(page, "map-34-status-vi");
    expect(errors).toEqual([]);
  });
});
