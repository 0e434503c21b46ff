import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canvasIsDrawn,
  chartValueCount,
  expectCsvMatchesTable,
  switchToEnglish,
} from "./helpers/checks.js";
import { andWaitForRender, openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";

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
    const rows = await expectCsvMatchesTable(page, "map");
    expect(rows).toHaveLength(35);
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
});
