import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canvasIsDrawn,
  chartValueCount,
  expectValuesCsv,
  switchToEnglish,
} from "./helpers/checks.js";
import { openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";

describe("Compare page", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("compare");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("draws the national series with its required trajectory, without console errors", async () => {
    const { page, errors } = await openPage(stack, "#/compare");
    expect(await chartValueCount(page, "compare")).toBeGreaterThan(3);
    expect(await canvasIsDrawn(page, "compare")).toBe(true);
    expect(await page.textContent('[data-panel="compare"] .panel-note')).toContain(
      "Lộ trình cần đạt",
    );
    await screenshot(page, "compare-vi");
    await expectValuesCsv(page, "compare");
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.click('[data-panel="compare"] [data-action="png"]'),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(
      readFileSync(await png.path())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    await switchToEnglish(page);
    expect(await page.textContent("h1")).toBe("Compare one indicator across units");
    await screenshot(page, "compare-en");
    expect(errors).toEqual([]);
  });

  it("restores its selection from the URL", async () => {
    const { page, errors } = await openPage(
      stack,
      "#/compare?basis=HARMONISED&data=all&from=2018&indicator=oa-deaths&to=2024&units=vn,hai-phong-34&lang=en",
    );
    expect(await page.inputValue('[data-picker="indicator"] input[role="combobox"]')).toBe(
      "Deaths from occupational accidents",
    );
    expect(await page.inputValue('input[name="from"]')).toBe("2018");
    expect(await page.isChecked('input[name="units"][value="hai-phong-34"]')).toBe(true);
    expect(await page.isChecked('input[name="units"][value="hai-duong-63"]')).toBe(false);
    expect(await page.getAttribute('[data-control="basis:HARMONISED"]', "aria-pressed")).toBe(
      "true",
    );
    const rows = await expectValuesCsv(page, "compare");
    expect([...new Set(rows.map(r => r.year))]).toEqual([
      "2018",
      "2019",
      "2020",
      "2021",
      "2022",
      "2023",
      "2024",
    ]);
    await screenshot(page, "compare-harmonised-en");
    expect(errors).toEqual([]);
  });

  it("shows an error with its code when the API refuses, and offers a retry", async () => {
    const { page } = await openPage(stack, "#/compare", p =>
      p.route("**/graphql", route =>
        route.fulfill({
          status: 400,
          json: { errors: [{ message: "Unknown unit", extensions: { code: "BAD_USER_INPUT" } }] },
        }),
      ),
    );
    expect(await page.textContent('[role="alert"]')).toContain("BAD_USER_INPUT");
    expect(await page.locator('[role="alert"] button').count()).toBe(1);
  });
});
