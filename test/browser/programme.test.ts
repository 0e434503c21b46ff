import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canvasIsDrawn,
  chartValueCount,
  expectCsvMatchesTable,
  switchToEnglish,
  tableMatrix,
} from "./helpers/checks.js";
import { join } from "node:path";
import {
  andWaitForRender,
  openPage,
  SCREENSHOTS,
  screenshot,
  startStack,
  type Stack,
} from "./helpers/stack.js";

describe("Programme page", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("programme");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("shows the national programme by default and switches programme through the URL", async () => {
    const { page, errors } = await openPage(stack, "#/programme");
    expect(await page.inputValue('select[name="programme"]')).toBe("nq19-2021-2025");
    await expectCsvMatchesTable(page, "targets");
    await andWaitForRender(page, () =>
      page.selectOption('select[name="programme"]', "hp-nq23-2023-2025"),
    );
    expect(page.url()).toContain("programme=hp-nq23-2023-2025");
    expect(await chartValueCount(page, "responsibility")).toBeGreaterThan(0);
    expect(await canvasIsDrawn(page, "responsibility")).toBe(true);
    await screenshot(page, "programme-vi");
    expect(errors).toEqual([]);
  });

  it("restores the programme from the URL, switches language, and its CSVs match the tables", async () => {
    const { page, errors } = await openPage(stack, "#/programme?programme=hp-nq23-2023-2025");
    expect(await page.inputValue('select[name="programme"]')).toBe("hp-nq23-2023-2025");
    await switchToEnglish(page);
    expect(await page.inputValue('select[name="programme"]')).toBe("hp-nq23-2023-2025");
    expect(await page.textContent("h1")).toBe("Programme structure");
    const rows = await expectCsvMatchesTable(page, "responsibility");
    expect(rows[0]).toEqual(["Agency", "Target", "Role"]);
    await expectCsvMatchesTable(page, "targets");
    await screenshot(page, "programme-en");
    expect(errors).toEqual([]);
  });

  it("shows the Hải Phòng plan's sections in order, section V's funding items without invented amounts, and target 8's sourced context", async () => {
    const { page, errors } = await openPage(stack, "#/programme?programme=hp-nq23-2023-2025");
    const numbers = await page.$$eval('[data-panel="structure"] .doc-section', els =>
      els.map(el => el.getAttribute("data-section")),
    );
    expect(numbers).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    const funding = page.locator('[data-panel="structure"] [data-section="V"]');
    expect(await funding.getAttribute("data-kind")).toBe("FUNDING");
    expect(await funding.locator("h3").textContent()).toContain("KINH PHÍ THỰC HIỆN");
    expect(await funding.locator(".doc-item").count()).toBe(3);
    // Every funding item is a verbatim quote, and the plan states no amount for any of them.
    expect(await funding.locator(".doc-item blockquote.doc-quote").count()).toBe(3);
    expect(await funding.locator(".doc-item").first().textContent()).toContain(
      "Ngân sách thành phố bố trí trong dự toán ngân sách hàng năm",
    );
    const amounts = await funding.locator(".doc-amount").allTextContents();
    expect(amounts).toEqual(Array(3).fill("Số tiền: Kế hoạch không nêu số tiền"));
    expect(await funding.textContent()).not.toMatch(/\b0 tỷ/);
    // Target 8: the 2024 finding on late reporting, with its source and grade.
    const note = page.locator('[data-panel="targets"] .context-note[data-target="8"]');
    expect(await note.count()).toBe(1);
    const text = (await note.textContent()) ?? "";
    expect(text).toContain("Mục tiêu 8");
    expect(text).toContain("Thời kỳ: 2024");
    expect(text).toContain("chưa thực hiện kịp thời, đầy đủ việc báo cáo nhanh");
    expect(text).toContain("Độ tin cậy B: báo chí dẫn cơ quan");
    expect(await note.locator('a[href^="http"]').count()).toBe(1);
    // Cited instruments with kinds and Vietnamese dates; their CSV matches the table.
    const cited = await expectCsvMatchesTable(page, "cited");
    expect(cited[0]).toEqual([
      "Số hiệu",
      "Loại văn bản",
      "Tên văn bản",
      "Cơ quan ban hành",
      "Ngày ban hành",
    ]);
    expect(
      cited.some(
        row => row[0] === "39/2016/NĐ-CP" && row[1] === "Nghị định" && row[4] === "15/05/2016",
      ),
    ).toBe(true);
    await expectCsvMatchesTable(page, "targets");
    expect(errors).toEqual([]);
  });

  it("lists the Hải Dương plan's cited official letters with their dates", async () => {
    const { page, errors } = await openPage(stack, "#/programme?programme=hd-kh-ct31-2024");
    const rows = await tableMatrix(page, "cited");
    const letter = rows.find(row => row[0] === "2365-CV/VPTU");
    expect(letter?.[1]).toBe("Công văn");
    expect(letter?.[4]).toBe("12/04/2024");
    expect(rows.find(row => row[0] === "227-CV/BCS")?.[4]).toBe("17/04/2024");
    // No cell of the table is blank.
    expect(rows.flat().every(cell => cell.trim() !== "")).toBe(true);
    await page
      .locator('[data-panel="cited"]')
      .screenshot({ path: join(SCREENSHOTS, "programme-cited-hd.png") });
    expect(errors).toEqual([]);
  });

  it("shows the document structure in English and fits a 390 px phone without sideways scrolling", async () => {
    const { page, errors } = await openPage(stack, "#/programme?programme=hp-nq23-2023-2025", p =>
      p.setViewportSize({ width: 390, height: 844 }),
    );
    await switchToEnglish(page);
    expect(await page.textContent("#structure-title")).toBe("Document structure");
    const funding = page.locator('[data-panel="structure"] [data-section="V"]');
    expect(await funding.locator("h3").textContent()).toContain("Funding");
    expect(await funding.locator(".doc-item").first().textContent()).toContain("The city budget");
    expect(await funding.locator(".doc-amount").allTextContents()).toEqual(
      Array(3).fill("Amount: The plan states no amount"),
    );
    const note =
      (await page.locator('[data-panel="targets"] .context-note[data-target="8"]').textContent()) ??
      "";
    expect(note).toContain("Target 8");
    expect(note).toContain("did not make rapid reports of fatal accidents promptly and fully");
    expect(note).toContain("Reliability B: news citing an authority");
    expect(await page.textContent('[data-panel="cited"] h2')).toContain("Cited instruments");
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    await screenshot(page, "programme-document-390-en");
    await funding.screenshot({ path: join(SCREENSHOTS, "programme-funding-390-en.png") });
    await andWaitForRender(page, () => page.click('[data-lang="vi"]'));
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    await screenshot(page, "programme-document-390-vi");
    // Close-ups at phone width: section V, and target 8's context callout.
    await page
      .locator('[data-panel="structure"] [data-section="V"]')
      .screenshot({ path: join(SCREENSHOTS, "programme-funding-390-vi.png") });
    await page
      .locator('[data-panel="targets"] .context-notes')
      .screenshot({ path: join(SCREENSHOTS, "programme-context-390-vi.png") });
    expect(errors).toEqual([]);
  });
});
