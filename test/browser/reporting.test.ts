import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";
import { switchToEnglish } from "./helpers/checks.js";
import { andWaitForRender, openPage, screenshot, startStack, type Stack } from "./helpers/stack.js";

/**
 * Issue 10 in a real browser: a Hải Phòng steward signs in, enters 2022 and 2024 values with a
 * new source, a second steward approves them, and the overview's cell for the target turns from
 * not assessable to a status; bad values are refused next to their field; scopes; sign-out.
 */
let stack: Stack;
let hp1: TestUser;
let hp2: TestUser;
let hd: TestUser;
beforeAll(async () => {
  stack = await startStack("reporting");
  hp1 = await makeUser(stack.orm, "Nguyễn Văn A (Sở Nội vụ HP)", Role.STEWARD, ["hai-phong-63"]);
  hp2 = await makeUser(stack.orm, "Trần Thị B (Sở Y tế HP)", Role.STEWARD, ["hai-phong-63"]);
  hd = await makeUser(stack.orm, "Lê Văn C (Hải Dương)", Role.STEWARD, ["hai-duong-63"]);
});
afterAll(async () => {
  await stack?.close();
});

// Target 2a of Hải Phòng's plan (NQ 23): workers examined +5 %/year from the base year 2022.
// With the 2022 base and a 2024 value the annual-rate method can judge it.
const CELL = '[data-cell="2a~hai-phong-63"] .status-chip';
const OVERVIEW = "#/overview?programme=hp-nq23-2023-2025&units=hai-phong-63";
const item = (indicator: string, year: number) => `[data-item="${indicator}|hai-phong-63|${year}"]`;

let clicks = 0;
async function click(page: Page, selector: string): Promise<void> {
  clicks++;
  await page.click(selector);
}

async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.fill("#sign-in-token", user.token);
  await andWaitForRender(page, () => click(page, '[data-form="sign-in"] button[type="submit"]'));
  await page.waitForSelector(`[data-user="${user.user.name}"]`);
}

/** A GraphQL write from inside the page, as the app sends it (cookie and X-OSH-Request). */
async function writeFromPage(page: Page, query: string): Promise<any> {
  return page.evaluate(async q => {
    const res = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-osh-request": "1" },
      body: JSON.stringify({ query: q }),
    });
    return res.json();
  }, query);
}

/** hp1's form for the 2024 share of trained OSH officers (a percentage), with a source picked. */
async function openOfficersForm() {
  const opened = await openPage(stack, "#/sign-in");
  const { page } = opened;
  await signIn(page, hp1);
  await andWaitForRender(page, async () => {
    await page.fill('[data-control="year"]', "2024");
    await page.press('[data-control="year"]', "Enter");
  });
  const pct = item("tr-osh-officers", 2024);
  await page.click(`${pct} [data-action="open-form"]`);
  await page.fill(`${pct} [data-source-search]`, "ATVSLĐ năm 2024");
  await page.click(`${pct} [data-source-results] button`);
  return { ...opened, pct };
}

describe("provincial reporting", () => {
  it("from sign-in to an approved value that changes the overview scorecard", async () => {
    const before = await openPage(stack, OVERVIEW);
    expect(await before.page.getAttribute(CELL, "data-status")).toBe("NOT_ASSESSABLE");
    await before.page.context().close();

    const started = Date.now();
    const { page, errors } = await openPage(stack, "#/sign-in");
    await screenshot(page, "reporting-sign-in");
    await signIn(page, hp1);
    expect(new URL(page.url()).hash).toMatch(/^#\/report/);
    expect(await page.textContent("[data-user-area]")).toContain("cán bộ nhập liệu · Hải Phòng");
    // The token was forgotten: not in the field, not in storage.
    expect(await page.evaluate(() => JSON.stringify((globalThis as any).localStorage))).toBe("{}");
    await andWaitForRender(page, async () => {
      clicks++;
      await page.fill('[data-control="year"]', "2024");
      await page.press('[data-control="year"]', "Enter");
    });
    await page.waitForSelector(item("od-workers-examined", 2024));
    expect(await page.getAttribute(item("od-workers-examined", 2022), "data-state")).toBe(
      "MISSING",
    );

    // 2024, with a source registered on the spot.
    const y2024 = item("od-workers-examined", 2024);
    await click(page, `${y2024} [data-action="open-form"]`);
    await page.fill(`${y2024} [data-field="value"]`, "210.000");
    await click(page, `${y2024} [data-new-source] summary`);
    await page.fill(
      `${y2024} [data-field="title"]`,
      "Báo cáo công tác ATVSLĐ năm 2024, Sở Y tế Hải Phòng",
    );
    await page.fill(
      `${y2024} [data-field="url"]`,
      "https://soyte.haiphong.gov.vn/bao-cao-atvsld-2024",
    );
    await page.fill(`${y2024} [data-field="publisher"]`, "Sở Y tế Hải Phòng");
    await click(page, `${y2024} [data-action="register-source"]`);
    await page.waitForSelector(`${y2024} [data-source-chosen]:has-text("Sở Y tế Hải Phòng")`);
    await page.fill(
      `${y2024} [data-field="quote"]`,
      "Tổng số người lao động được khám sức khỏe: 210.000 người",
    );
    await click(page, `${y2024} [data-action="save"]`);
    await page.waitForSelector(`${y2024}[data-state="DRAFT"]`);

    // 2022 (the base year), the same source found by typing part of its title.
    const y2022 = item("od-workers-examined", 2022);
    await click(page, `${y2022} [data-action="open-form"]`);
    await page.fill(`${y2022} [data-field="value"]`, "195000");
    await page.fill(`${y2022} [data-source-search]`, "ATVSLĐ năm 2024");
    await click(page, `${y2022} [data-source-results] button`);
    await click(page, `${y2022} [data-action="save"]`);
    await page.waitForSelector(`${y2022}[data-state="DRAFT"]`);
    await screenshot(page, "reporting-report");
    expect(errors).toEqual([]);

    // A second steward of the unit approves both.
    const reviewer = await openPage(stack, "#/sign-in");
    await signIn(reviewer.page, hp2);
    await andWaitForRender(reviewer.page, () => click(reviewer.page, '[data-page-link="review"]'));
    expect(await reviewer.page.locator("[data-review]").count()).toBe(2);
    expect(await reviewer.page.textContent("[data-review-list]")).toContain("210.000");
    await screenshot(reviewer.page, "reporting-review");
    for (let i = 0; i < 2; i++) {
      const id = await reviewer.page.getAttribute("[data-review]", "data-review");
      await click(reviewer.page, `[data-review="${id}"] [data-action="approve"]`);
      // Either the card leaves the queue or the card says why not (which fails the test).
      await reviewer.page.waitForFunction(reviewId => {
        const card = (globalThis as any).document.querySelector(`[data-review="${reviewId}"]`);
        return !card || card.querySelector("[data-form-error]")?.textContent;
      }, id);
      expect(await reviewer.page.locator(`[data-review="${id}"]`).count()).toBe(0);
    }
    await reviewer.page.waitForSelector("[data-review-empty]");
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `reporting flow: ${clicks} clicks, ${seconds.toFixed(1)} s from sign-in page to approval`,
    );
    expect(reviewer.errors).toEqual([]);

    // The public overview (anonymous, served through the response cache) shows it at once.
    const after = await openPage(stack, OVERVIEW);
    const status = await after.page.getAttribute(CELL, "data-status");
    expect(status).not.toBe("NOT_ASSESSABLE");
    expect([
      "ON_TRACK",
      "ACCELERATION_NEEDED",
      "LIMITED_PROGRESS",
      "DETERIORATION",
      "TARGET_ACHIEVED",
    ]).toContain(status);
    await screenshot(after.page, "reporting-overview-after");
    await page.context().close();
    await reviewer.page.context().close();
    await after.page.context().close();
  });

  it("shows a bad value's error next to its field and writes nothing", async () => {
    const { page, errors, pct } = await openOfficersForm();
    const before = await fingerprint(stack.orm);
    await page.fill(`${pct} [data-field="value"]`, "120");
    await page.click(`${pct} [data-action="save"]`);
    await page.waitForSelector(`${pct} [data-error-for="value"]:not(:empty)`);
    expect(await page.textContent(`${pct} [data-error-for="value"]`)).toBe(
      "Tỷ lệ phần trăm phải nằm trong khoảng 0 đến 100.",
    );
    expect(await page.getAttribute(`${pct} [data-field="value"]`, "aria-invalid")).toBe("true");
    await screenshot(page, "reporting-report-error");
    await page.fill(`${pct} [data-field="value"]`, "8O");
    await page.click(`${pct} [data-action="save"]`);
    expect(await page.textContent(`${pct} [data-error-for="value"]`)).toBe(
      "Giá trị phải là một số (ví dụ 1234 hoặc 12,5).",
    );
    expect(await fingerprint(stack.orm)).toEqual(before);
    expect(await page.getAttribute(pct, "data-state")).toBe("MISSING");
    expect(errors.filter(e => !e.includes("400"))).toEqual([]);
    await page.context().close();
  });

  it("says in Vietnamese when a colleague entered the same value meanwhile, and keeps theirs", async () => {
    const { page, errors, pct } = await openOfficersForm();
    expect(await page.getAttribute(pct, "data-state")).toBe("MISSING");
    await page.fill(`${pct} [data-field="value"]`, "85");
    // Meanwhile a colleague enters the same value through the API.
    const theirs = await fetch(`${stack.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${hp2.token}` },
      body: JSON.stringify({
        query: `mutation { createObservation(input: { indicator: "tr-osh-officers", unit: "hai-phong-63", year: 2024, value: 80, source: "moj-nq19" }) { id } }`,
      }),
    }).then(r => r.json() as Promise<any>);
    expect(theirs.errors).toBeUndefined();
    const id = theirs.data.createObservation.id as number;
    const before = await fingerprint(stack.orm);
    await page.click(`${pct} [data-action="save"]`);
    await page.waitForSelector(`${pct} [data-form-error]:not(:empty)`);
    expect(await page.textContent(`${pct} [data-form-error]`)).toBe(
      // Named as the row names them (not by code), the former Hải Phòng with the month it ended.
      `Đã có số liệu Tỷ lệ người làm công tác ATVSLĐ được huấn luyện của Hải Phòng (trước 07/2025) năm 2024 (bản ghi ${id}), có thể do người khác vừa nhập: hãy tải lại trang rồi sửa số liệu đó.`,
    );
    await screenshot(page, "reporting-value-exists");
    // On a phone the long sentence wraps inside the form; nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate(
      () => (globalThis as any).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, "reporting-value-exists-390");
    expect(await fingerprint(stack.orm)).toEqual(before);
    expect(errors.filter(e => !e.includes("400"))).toEqual([]);
    await page.context().close();
  });

  it("offers a Hải Dương steward only Hải Dương, and the API refuses Hải Phòng anyway", async () => {
    const { page } = await openPage(stack, "#/sign-in");
    await signIn(page, hd);
    const options = await page.$$eval('[data-control="unit"] option', os =>
      os.map(o => (o as any).value),
    );
    expect(options).toEqual(["hai-duong-63"]);
    const res = await writeFromPage(
      page,
      `mutation { createObservation(input: { indicator: "od-workers-examined", unit: "hai-phong-63", year: 2023, value: 1, source: "ilo-hanoi-2013" }) { id } }`,
    );
    expect(res.errors[0].extensions.code).toBe("FORBIDDEN");
    await page.context().close();
  });

  it("offers a steward of the merged hai-phong-34 the former units in the #/report picker", async () => {
    const merged = await makeUser(stack.orm, "Phạm Văn D (Sở Nội vụ HP 34)", Role.STEWARD, [
      "hai-phong-34",
    ]);
    const { page } = await openPage(stack, "#/sign-in");
    await signIn(page, merged);
    const options = await page.$$eval('[data-control="unit"] option', os =>
      os.map(o => (o as any).value),
    );
    expect(options).toEqual(["hai-phong-34", "hai-duong-63", "hai-phong-63"]);
    await screenshot(page, "reporting-merged-unit-picker");
    await page.context().close();
  });

  it("signs out: the header offers sign-in again and the next write is UNAUTHENTICATED", async () => {
    const { page } = await openPage(stack, "#/sign-in");
    await signIn(page, hp1);
    // Signed in, the sign-in page lists the user's sessions, this one marked.
    await andWaitForRender(page, () =>
      page.evaluate(() => ((globalThis as any).location.hash = "#/sign-in")),
    );
    await page.waitForSelector("[data-sessions] li");
    expect(await page.textContent("[data-sessions]")).toContain("(phiên này)");
    await screenshot(page, "reporting-sessions");
    await andWaitForRender(page, () => page.click('[data-action="sign-out"]'));
    await page.waitForSelector('[data-action="sign-in"]');
    expect(await page.locator('[data-page-link="report"]').count()).toBe(0);
    const res = await writeFromPage(
      page,
      `mutation { createSource(input: { code: "after-sign-out", title: "x", grade: C }) { code } }`,
    );
    expect(res.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    await page.context().close();
  });

  it("shows the public reporting status per cell, what makes each target assessable, and the task-report mount point", async () => {
    const { page, errors } = await openPage(stack, "#/coverage?programme=hp-nq23-2023-2025");
    expect(await page.getAttribute('[data-cell="od-workers-examined|2024"]', "data-state")).toBe(
      "OFFICIAL",
    );
    expect(await page.getAttribute('[data-target="hp-nq23-2023-2025 2a"]', "data-assessable")).toBe(
      "true",
    );
    const needs = await page.textContent('[data-target="hp-nq23-2023-2025 1"] [data-needs]');
    expect(needs).toContain("Hải Phòng (trước 07/2025): ");
    expect(needs).toContain("năm 2022 (năm gốc)");
    expect(await page.locator("#coverage-tasks").count()).toBe(1);
    // The task-report grid of the programme's bodies fills that section (its deadline line too).
    expect(await page.locator("#coverage-tasks [data-deadline]").count()).toBe(1);
    await screenshot(page, "reporting-coverage");
    await switchToEnglish(page);
    expect(await page.textContent('[data-target="hp-nq23-2023-2025 1"] [data-needs]')).toContain(
      "Hải Phòng city (before 07/2025): ",
    );
    await screenshot(page, "reporting-coverage-en");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
