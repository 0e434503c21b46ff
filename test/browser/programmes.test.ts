import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOM, parseCsv } from "../../web/src/lib/csv.js";
import { switchToEnglish } from "./helpers/checks.js";
import { andWaitForRender, openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";

const HP = "hp-nq23-2023-2025";
const HD = "hd-ctr1562-2021-2025";
const URL_HASH = `#/programmes?national=nq19-2021-2025&provincial=${HP},${HD}`;
const chip = (row: string, programme: string) =>
  `tr[data-row="${row}"] td[data-programme="${programme}"] .cmp-entry > .relation-chip`;

describe("Programme comparison page", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("programmes");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("shows each national target with the provincial counterparts, their relation in words, and progress", async () => {
    const { page, errors } = await openPage(stack, URL_HASH);
    expect(await page.textContent("h1")).toContain("So sánh chương trình");
    // Rows: national targets a-h, in document order.
    const rows = await page
      .locator('[data-table="comparison"] tbody tr')
      // Typed loosely: the root tsconfig has no DOM library (test code runs in Node).
      .evaluateAll(trs =>
        trs.map(tr =>
          (tr as unknown as { getAttribute(n: string): string | null }).getAttribute("data-row"),
        ),
      );
    expect(rows).toEqual([
      "n-a",
      "n-ba",
      "n-bb",
      "n-c",
      "n-da",
      "n-db",
      "n-dd",
      "n-e",
      "n-g",
      "n-h",
    ]);
    // Craft villages: Hải Phòng > 90 % against a national value sources give as > 80 % or > 90 %.
    expect(await page.textContent(chip("n-e", HP))).toContain("Chưa xác định (nguồn khác nhau)");
    expect(await page.textContent(chip("n-e", HD))).toContain("Không có chỉ tiêu");
    expect(await page.textContent(chip("n-a", HP))).toContain("Giống quốc gia");
    const hpCell = await page.textContent(`tr[data-row="n-e"] td[data-programme="${HP}"]`);
    expect(hpCell).toContain("Mục tiêu 6: Trên 90%");
    expect(hpCell).toContain("Chủ trì: Sở Lao động - Thương binh và Xã hội thành phố Hải Phòng");
    expect(hpCell).toContain("So với mục tiêu của tỉnh");
    expect(hpCell).toContain("So với mục tiêu quốc gia");
    // Every provincial cell shows a status chip against the national target (words, not colour).
    expect(
      await page.locator(`td[data-programme="${HP}"] .status-chip`).count(),
    ).toBeGreaterThanOrEqual(20);
    expect(await page.locator(".relation-legend li").count()).toBe(7);
    expect(await page.textContent('[data-panel="merger"]')).toContain("01/07/2025");
    expect(await page.locator('[data-table="themes"] tbody tr').count()).toBe(5);
    expect(await page.textContent('[data-panel="leads"]')).toContain(
      "chủ trì mục tiêu 1, 3, 4a, 4b, 6, 7, 8",
    );
    const sources = await page.locator('[data-panel="sources"] li').allTextContents();
    expect(sources.some(s => s.includes("Vietnam"))).toBe(true);
    await screenshot(page, "programmes-vi");
    expect(errors).toEqual([]);
  });

  it("downloads a CSV with numbers as numbers and a relation column", async () => {
    const { page, errors } = await openPage(stack, URL_HASH);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('[data-action="csv"]'),
    ]);
    const text = readFileSync(await download.path(), "utf8");
    expect(text.startsWith(BOM)).toBe(true);
    const [header, ...rows] = parseCsv(text);
    const col = (name: string) => header.indexOf(name);
    expect(col("Quan hệ (mã)")).toBeGreaterThan(0);
    expect(rows).toHaveLength(20); // 10 national targets × 2 programmes
    const e = rows.find(
      r => r[col("Mục tiêu quốc gia")] === "e" && r[col("Chương trình của tỉnh")] === HP,
    )!;
    expect(e[col("Quan hệ (mã)")]).toBe("DISPUTED");
    expect(e[col("Giá trị")]).toBe("90");
    expect(e[col("Giá trị quốc gia")]).toBe("80");
    expect(e[col("Giá trị quốc gia theo nguồn khác")]).toBe("90");
    const a = rows.find(
      r => r[col("Mục tiêu quốc gia")] === "a" && r[col("Chương trình của tỉnh")] === HP,
    )!;
    expect(a[col("Giá trị")]).toBe("-4");
    expect(a[col("Năm gốc")]).toBe("2022");
    const notAdopted = rows
      .filter(r => r[col("Quan hệ (mã)")] === "NOT_ADOPTED")
      .map(r => r[col("Mục tiêu quốc gia")]);
    expect(notAdopted).toEqual(["c", "da", "db", "dd", "e", "g", "h"]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(errors).toEqual([]);
  });

  it("switches progress to the harmonised new Hải Phòng, keeps it in the URL, and in English", async () => {
    const { page, errors } = await openPage(stack, URL_HASH);
    await andWaitForRender(page, () => page.click('[data-control="view:34"]'));
    expect(new URL(page.url()).hash).toContain("view=34");
    expect(await page.textContent('[data-panel="merger"]')).toContain("chuỗi quy đổi");
    const units = await page.locator(".cmp-unit").allTextContents();
    expect(new Set(units).size).toBe(1);
    expect(units[0]).toContain("Hải Phòng (2025)");
    await switchToEnglish(page);
    expect(new URL(page.url()).hash).toContain("view=34");
    expect(await page.textContent(chip("n-e", HP))).toContain("Undetermined (sources differ)");
    expect(await page.textContent(chip("n-c", HD))).toContain("Not adopted");
    await screenshot(page, "programmes-en");
    expect(errors).toEqual([]);
  });

  it("is linked from the navigation and the programme page", async () => {
    const { page, errors } = await openPage(stack, `#/programme?programme=${HP}`);
    expect(await page.getAttribute('[data-page-link="programmes"]', "href")).toBe("#/programmes");
    expect(await page.getAttribute('[data-link="programmes"]', "href")).toBe(
      `#/programmes?provincial=${HP}`,
    );
    expect(errors).toEqual([]);
  });

  it("fits a phone and prints on A4 without horizontal overflow", async () => {
    const { page, errors } = await openPage(stack, `${URL_HASH}&lang=en`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    await screenshot(page, "programmes-390-en");
    const vi = await openPage(stack, URL_HASH);
    await vi.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(vi.page, "programmes-390-vi");
    // A4 portrait with 14 mm margins leaves 182 mm = 688 CSS px.
    await page.setViewportSize({ width: 688, height: 1000 });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".toolbar").isVisible()).toBe(false);
    const widths = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      return {
        page: doc.documentElement.scrollWidth as number,
        table: doc.querySelector('[data-table="comparison"]').getBoundingClientRect()
          .right as number,
      };
    });
    expect(widths.page).toBeLessThanOrEqual(688);
    expect(widths.table).toBeLessThanOrEqual(688);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.length).toBeGreaterThan(10_000);
    await screenshot(page, "programmes-print");
    expect(errors).toEqual([]);
    expect(vi.errors).toEqual([]);
  });
});
