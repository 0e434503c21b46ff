/**
 * Provenance and exports with context (issue 11): tooltips and explanations name source and
 * grade, CSVs carry one row per value with status, PNGs of illustrative charts carry the
 * watermark, and the default briefing has findings and a "what is known" section.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectValuesCsv } from "./helpers/checks.js";
import { andWaitForRender, openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";

const MIXED =
  "#/compare?data=all&from=2018&to=2024&indicator=oa-deaths&units=vn,hai-phong-63,hai-duong-63";

/** Downloads the panel's PNG and counts, in the browser, the pixels of the watermark's hue. */
async function pngWatermark(page: Page, panelId: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`[data-panel="${panelId}"] [data-action="png"]`),
  ]);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  const dataUrl = `data:image/png;base64,${bytes.toString("base64")}`;
  return page.evaluate(async url => {
    const g = globalThis as any;
    const img = new g.Image();
    await new Promise(resolve => {
      img.onload = resolve;
      img.src = url;
    });
    const canvas = g.document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    // rgba(200, 0, 0, 0.22) over white is about (245, 199, 199): pale red, green ≈ blue.
    let pale = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, gr, b] = [data[i], data[i + 1], data[i + 2]];
      if (r > 235 && gr > 180 && gr < 215 && Math.abs(gr - b) < 8) pale++;
    }
    const chart = g.document.querySelector(`[data-chart="${"compare"}"] canvas`);
    return { width: img.width, height: img.height, pale, chartHeight: chart?.height ?? 0 };
  }, dataUrl);
}

describe("Provenance and exports", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("provenance");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("a mixed chart's tooltip, CSV and PNG say where each value comes from", async () => {
    const { page, errors } = await openPage(stack, MIXED);
    // Tooltip of 2024 (index 6 on 2018–2024): the national value's source and grade, Hải
    // Phòng's illustrative value marked as such.
    await page.evaluate(() => {
      const chart = (globalThis as any).__charts.compare;
      chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: 6 });
    });
    const tooltip = page.locator("[data-chart=compare] div").filter({ hasText: "Trạng thái" });
    await tooltip.first().waitFor();
    const text = (await tooltip.first().textContent()) ?? "";
    expect(text).toContain("Nguồn:");
    expect(text).toMatch(/Độ tin cậy: [ABC] \(/);
    expect(text).toContain("Trạng thái: minh họa");
    await screenshot(page, "provenance-tooltip-vi");

    const rows = await expectValuesCsv(page, "compare");
    const vn2024 = rows.find(r => r.unit_code === "vn" && r.year === "2024")!;
    expect(vn2024.value).toBe("727");
    expect(vn2024.dataset).toBe("OFFICIAL");
    expect(vn2024.source).not.toBe("");
    expect(vn2024.grade).toMatch(/^[ABC]$/);
    const illustrative = rows.filter(r => r.dataset === "ILLUSTRATIVE");
    expect(illustrative.length).toBeGreaterThan(3);
    expect(illustrative.every(r => r.status === "ILLUSTRATIVE" && /minh họa/.test(r.note))).toBe(
      true,
    );
    // Hải Dương 2024 is official (10 deaths) and wins over any generated value.
    const hd2024 = rows.find(r => r.unit_code === "hai-duong-63" && r.year === "2024")!;
    expect([hd2024.value, hd2024.dataset]).toEqual(["10", "OFFICIAL"]);
    // Hải Phòng 2024: 23 official fatal accidents, so deaths (generated) are at least 23.
    const hp2024 = rows.find(r => r.unit_code === "hai-phong-63" && r.year === "2024")!;
    expect(Number(hp2024.value)).toBeGreaterThanOrEqual(23);

    const mixed = await pngWatermark(page, "compare");
    // Title above and sources below the chart make the image taller than the chart itself.
    expect(mixed.height).toBeGreaterThan(mixed.chartHeight + 100);
    expect(mixed.pale).toBeGreaterThan(5000);
    await andWaitForRender(page, () => page.click('[data-control="data:official"]'));
    const official = await pngWatermark(page, "compare");
    expect(official.pale).toBeLessThan(mixed.pale / 10);
    expect(errors).toEqual([]);
  });

  it("the scorecard explanation lists each value's source and grade", async () => {
    const { page, errors } = await openPage(stack, "#/overview");
    const cell = page.locator('[data-cell$="~vn"]').first();
    const key = await cell.getAttribute("data-cell");
    await andWaitForRender(page, () => cell.click());
    const block = page.locator(`[data-explain="${key}"] .provenance`).first();
    const text = (await block.textContent()) ?? "";
    expect(text).toContain("Trạng thái:");
    expect(text).toMatch(/Nguồn: .+/);
    expect(text).toMatch(/Độ tin cậy: [ABC] \(/);
    await screenshot(page, "provenance-explain-vi");
    expect(errors).toEqual([]);
  });

  it("the default briefing has findings and what is known; Hải Phòng's lists its 2024 figures", async () => {
    const { page, errors } = await openPage(stack, "#/briefing");
    expect(await page.locator(".briefing li[data-finding]").count()).toBeGreaterThan(0);
    expect(await page.locator('[data-panel="briefing-known"] tbody tr').count()).toBeGreaterThan(3);
    await screenshot(page, "provenance-briefing-default-vi");

    const hp = await openPage(stack, "#/briefing?unit=hai-phong-63");
    const known = (await hp.page.textContent('[data-panel="briefing-known"]')) ?? "";
    expect(known).toContain("191");
    expect(known).toContain("23");
    expect(known).toMatch(/Độ tin cậy [ABC]/);
    const csv = await expectValuesCsv(hp.page, "briefing-known");
    expect(csv.find(r => r.indicator_code === "oa-accidents")).toMatchObject({
      year: "2024",
      value: "191",
      dataset: "OFFICIAL",
    });

    const hd = await openPage(stack, "#/briefing?unit=hai-duong-63&lang=en");
    const hdRows = await expectValuesCsv(hd.page, "briefing-known");
    const v = (code: string) => hdRows.find(r => r.indicator_code === code)?.value;
    expect([v("oa-accidents"), v("oa-deaths"), v("oa-seriously-injured")]).toEqual([
      "142",
      "10",
      "39",
    ]);
    expect(await hd.page.textContent('[data-panel="briefing-known"] h2')).toBe("What is known");
    await screenshot(hd.page, "provenance-briefing-hd-en");
    expect([...errors, ...hp.errors, ...hd.errors]).toEqual([]);
  });

  it("the printed mixed briefing marks every illustrative finding and row on one page", async () => {
    const { page, errors } = await openPage(
      stack,
      "#/briefing?unit=hai-phong-63&programme=hp-nq23-2023-2025&data=all",
    );
    const illustrativeFindings = page.locator(".briefing li.illustrative-item");
    const count = await illustrativeFindings.count();
    expect(count).toBeGreaterThan(0);
    expect(await page.locator(".briefing li.illustrative-item .badge-illustrative").count()).toBe(
      count,
    );
    const statusCells = await page
      .locator('[data-panel="briefing-targets"] tbody tr td:nth-child(3)')
      .allTextContents();
    expect(statusCells.some(c => c.includes("(minh họa)"))).toBe(true);
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "provenance-briefing-print-vi");
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // Ten targets may need a second page, but never a blank one: at the A4 text width
    // (182 mm = 688 px) the content runs well past the first page's 267 mm (1,009 px).
    await page.setViewportSize({ width: 688, height: 1009 });
    const height = await page.evaluate(
      () => (globalThis as any).document.documentElement.scrollHeight,
    );
    expect(pages).toBe(height > 1009 ? 2 : 1);
    if (pages === 2) expect(height).toBeGreaterThan(1009 + 100);
    expect(errors).toEqual([]);
  });
});
