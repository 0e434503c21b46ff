/** Checks shared by the page tests: chart data, CSV vs table, language switch. */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { BOM, neutralise, parseCsv, VALUE_COLUMNS } from "../../../web/src/lib/csv.js";
import { andWaitForRender } from "./stack.js";

/** Number of non-null data values in the panel's ECharts instance (window.__charts test hook). */
export async function chartValueCount(page: Page, panelId: string): Promise<number> {
  return page.evaluate(id => {
    const g = globalThis as any;
    const chart = g.__charts?.[id];
    if (!chart) return 0;
    const isValue = (v: unknown) =>
      v !== null && v !== undefined && v !== "-" && !(typeof v === "number" && Number.isNaN(v));
    return (chart.getOption().series as { data?: unknown[] }[]).reduce(
      (n, s) =>
        n +
        (s.data ?? []).filter((d: any) =>
          isValue(d && typeof d === "object" && !Array.isArray(d) ? d.value : d),
        ).length,
      0,
    );
  }, panelId);
}

/** True when the chart's canvas has pixels that are not blank (drawn, not just created). */
export async function canvasIsDrawn(page: Page, panelId: string): Promise<boolean> {
  return page.evaluate(id => {
    const canvas = (globalThis as any).document.querySelector(`[data-chart="${id}"] canvas`);
    if (!canvas) return false;
    const data: Uint8ClampedArray = canvas
      .getContext("2d")
      .getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted > 500;
  }, panelId);
}

/** The cells of the panel's data table (header first), as the user sees them. */
export async function tableMatrix(page: Page, panelId: string): Promise<string[][]> {
  return page.evaluate(id => {
    const rows = (globalThis as any).document.querySelectorAll(
      `[data-panel="${id}"] table.data-table:not(.scorecard) tr`,
    );
    return Array.from(rows as ArrayLike<any>).map(tr =>
      Array.from(tr.querySelectorAll("th,td") as ArrayLike<any>).map(c => String(c.textContent)),
    );
  }, panelId);
}

/** Clicks the panel's CSV button and checks the file: BOM, and the same cells as the table. */
export async function expectCsvMatchesTable(page: Page, panelId: string): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`[data-panel="${panelId}"] [data-action="csv"]`),
  ]);
  const path = await download.path();
  const text = readFileSync(path, "utf8");
  expect(text.startsWith(BOM)).toBe(true);
  const rows = parseCsv(text);
  const table = await tableMatrix(page, panelId);
  expect(table.length).toBeGreaterThan(1);
  // Formula-like text (a target value such as '= 100 %') is written with the leading ' that keeps
  // a spreadsheet from running it (web/src/lib/csv.ts); the table shows it as it is.
  expect(rows).toEqual(table.map(row => row.map(neutralise)));
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  return rows;
}

/** Page and selection of a URL hash, without the language, in a comparable form. */
function selectionOf(url: string): string {
  const [path, query = ""] = new URL(url).hash.split("?");
  const params = new URLSearchParams(query);
  params.delete("lang");
  params.sort();
  return `${path}?${params.toString()}`;
}

/** Switches to English with the header link and checks that the page selection is kept. */
export async function switchToEnglish(page: Page): Promise<void> {
  const before = selectionOf(page.url());
  await andWaitForRender(page, () => page.click('[data-lang="en"]'));
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe("en");
  expect(new URL(page.url()).hash).toContain("lang=en");
  expect(selectionOf(page.url())).toBe(before);
  expect(await page.textContent('[data-page-link="overview"]')).toBe("Overview");
}

/**
 * Clicks the panel's CSV button and checks the value CSV: BOM, the fixed context columns, each
 * value a plain number (dot decimal, no grouping) or empty for no data. Returns rows as objects.
 */
export async function expectValuesCsv(
  page: Page,
  panelId: string,
): Promise<Record<(typeof VALUE_COLUMNS)[number], string>[]> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`[data-panel="${panelId}"] [data-action="csv"]`),
  ]);
  const text = readFileSync(await download.path(), "utf8");
  expect(text.startsWith(BOM)).toBe(true);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual([...VALUE_COLUMNS]);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row).toHaveLength(VALUE_COLUMNS.length);
    expect(row[5], `value cell ${row.join(",")}`).toMatch(/^(-?\d+(\.\d+)?)?$/);
  }
  return rows.map(
    row =>
      Object.fromEntries(VALUE_COLUMNS.map((c, i) => [c, row[i]])) as Record<
        (typeof VALUE_COLUMNS)[number],
        string
      >,
  );
}
