import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { makeUser, type TestUser } from "../helpers/users.js";
import { switchToEnglish } from "./helpers/checks.js";
import { andWaitForRender, screenshot } from "./helpers/stack.js";
import { apiAs, openAs, startDbStack, type DbStack } from "./helpers/signed-in.js";

const SUBMIT = `mutation($input: TaskReportInput!) { submitTaskReport(input: $input) { id reviewState } }`;
const APPROVE = `mutation($id: Int!) { approveTaskReport(id: $id) { id reviewState } }`;
// The states as of a fixed day, so the test does not depend on today's date.
const PAGE = "#/programme?programme=hd-kh-ct31-2024&asOf=2026-11-30";

describe("Task reports on the programme page", () => {
  let stack: DbStack;
  let author: TestUser;
  let reviewer: TestUser;
  beforeAll(async () => {
    stack = await startDbStack("taskreports");
    author = await makeUser(stack.orm, "Steward HD tasks", Role.STEWARD, ["hai-duong-63"]);
    reviewer = await makeUser(stack.orm, "Steward HD review", Role.STEWARD, ["hai-duong-63"]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const cell = (page: import("playwright-core").Page, agency: string, year: number) =>
    page.locator(`[data-panel="task-reports"] tr[data-agency="${agency}"] td[data-year="${year}"]`);

  it("before any report: the 20 December deadline, every body overdue for 2024, none for 2025 (bodies dissolved on 30/6/2025)", async () => {
    const { page, errors } = await openAs(stack, PAGE, null);
    const panel = page.locator('[data-panel="task-reports"]');
    expect(await panel.locator("h2").textContent()).toBe("Báo cáo thực hiện nhiệm vụ");
    expect(await panel.locator("[data-deadline]").textContent()).toBe(
      "Hạn báo cáo hằng năm: trước ngày 20/12 (theo văn bản kế hoạch). Tình trạng tính đến ngày 30/11/2026.",
    );
    expect(await panel.locator("tbody tr").count()).toBe(26);
    expect(await cell(page, "hd-so-y-te", 2024).getAttribute("data-state")).toBe("OVERDUE");
    expect(await cell(page, "hd-so-y-te", 2024).textContent()).toBe("⚠Quá hạn");
    expect(await cell(page, "hd-so-y-te", 2025).getAttribute("data-state")).toBe("NOT_REPORTED");
    expect(await panel.locator('[data-year-total="2024"]').textContent()).toBe("0 / 26");
    expect(await panel.locator(".task-reports").textContent()).toContain(
      "Chưa có báo cáo nào được duyệt.",
    );
    expect(errors).toEqual([]);
  });

  it("a report marked done, sent by one steward and approved by another, shows as reported and done with its content", async () => {
    const summary =
      "Đã tổ chức 4 lớp huấn luyện ATVSLĐ cho 320 người; kiểm tra 12 cơ sở khám bệnh nghề nghiệp.";
    const sent = await apiAs(stack, author.token, SUBMIT, {
      input: {
        programme: "hd-kh-ct31-2024",
        responsibility: "2",
        agency: "hd-so-y-te",
        year: 2024,
        status: "DONE",
        summary,
        evidenceUrl: "https://soyte.haiduong.gov.vn/bao-cao-atvsld-2024",
      },
    });
    expect(sent.submitTaskReport.reviewState).toBe("DRAFT");
    // A draft: reported, awaiting review, content not public yet.
    {
      const { page } = await openAs(stack, PAGE, null);
      expect(await cell(page, "hd-so-y-te", 2024).getAttribute("data-state")).toBe("REPORTED");
      expect(await cell(page, "hd-so-y-te", 2024).textContent()).toBe("✔Đã báo cáochờ duyệt");
      expect(await page.locator("[data-awaiting]").textContent()).toBe(
        "1 báo cáo đang chờ duyệt (nội dung chưa công bố).",
      );
      expect(await page.locator('[data-panel="task-reports"]').textContent()).not.toContain(
        summary,
      );
    }
    const approved = await apiAs(stack, reviewer.token, APPROVE, { id: sent.submitTaskReport.id });
    expect(approved.approveTaskReport.reviewState).toBe("APPROVED");

    const { page, errors } = await openAs(stack, PAGE, null);
    const done = cell(page, "hd-so-y-te", 2024);
    expect(await done.getAttribute("data-state")).toBe("REPORTED");
    expect(await done.getAttribute("data-task-status")).toBe("DONE");
    expect(await done.textContent()).toBe("✔Đã báo cáođã duyệt · Đã hoàn thành");
    const row = page.locator('[data-panel="task-reports"] tr[data-agency="hd-so-y-te"]');
    expect(await row.locator('[data-total="reported"]').textContent()).toBe("1");
    expect(await row.locator('[data-total="overdue"]').textContent()).toBe("0");
    expect(await page.locator('[data-year-total="2024"]').textContent()).toBe("1 / 26");
    // Other bodies are still overdue for 2024.
    expect(await cell(page, "hd-so-tu-phap", 2024).getAttribute("data-state")).toBe("OVERDUE");
    // The approved content can be read.
    const report = page.locator('.task-report[data-agency="hd-so-y-te"]');
    expect(await report.locator("summary").textContent()).toBe(
      "2024 · Sở Y tế tỉnh Hải Dương · Đã hoàn thành",
    );
    await report.locator("summary").click();
    expect(await report.locator(".task-report-text").textContent()).toBe(summary);
    expect(await report.locator("a").getAttribute("href")).toBe(
      "https://soyte.haiduong.gov.vn/bao-cao-atvsld-2024",
    );
    await page.locator('[data-panel="task-reports"]').scrollIntoViewIfNeeded();
    await screenshot(page, "programme-task-reports-vi");
    await page.locator('[data-panel="task-reports"]').screenshot({
      path: "test/.artifacts/screenshots/programme-task-reports-panel-vi.png",
    });
    await switchToEnglish(page);
    expect(await page.locator('[data-panel="task-reports"] h2').textContent()).toBe("Task reports");
    expect(await cell(page, "hd-so-y-te", 2024).textContent()).toBe("✔Reportedapproved · Done");
    await page.locator('[data-panel="task-reports"]').screenshot({
      path: "test/.artifacts/screenshots/programme-task-reports-panel-en.png",
    });
    expect(errors).toEqual([]);
  });

  it("a steward sends a report with the page's form (a bad link is shown at its field, nothing written); the author cannot approve it, a second steward does", async () => {
    const count = async () =>
      (await stack.orm.em.getConnection().execute(`select count(*)::int n from task_report`))[0]
        .n as number;
    const before = await count();
    const { page, errors } = await openAs(stack, PAGE, author.token);
    const form = page.locator('[data-form="task-report"]');
    await page.click(".task-form-wrap > summary");
    await form.locator('select[name="agency"]').selectOption("7|hd-so-tu-phap");
    await form.locator('select[name="year"]').selectOption("2024");
    await form.locator('select[name="status"]').selectOption("IN_PROGRESS");
    await form
      .locator('textarea[name="summary"]')
      .fill("Đã rà soát 5 văn bản về ATVSLĐ; còn 2 văn bản.");
    await form.locator('input[name="evidenceUrl"]').fill("ftp://example.org/x");
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-error-for="evidenceUrl"]:not(:empty)');
    // The server's refusal, said in the page's language (web/src/lib/field-errors.ts).
    expect(await page.textContent('[data-error-for="evidenceUrl"]')).toBe(
      "Địa chỉ web phải bắt đầu bằng http:// hoặc https://.",
    );
    expect(await count()).toBe(before);
    await page.locator('[data-panel="task-reports"]').screenshot({
      path: "test/.artifacts/screenshots/programme-task-form-error.png",
    });

    await form.locator('input[name="evidenceUrl"]').fill("");
    await andWaitForRender(page, () => form.locator('button[type="submit"]').click());
    expect(await count()).toBe(before + 1);
    expect(await cell(page, "hd-so-tu-phap", 2024).textContent()).toBe("✔Đã báo cáochờ duyệt");
    // The author sees the draft with review buttons, but may not approve it.
    const draft = page.locator('.task-pending [data-review="DRAFT"]');
    expect(await draft.count()).toBe(1);
    await draft.locator('[data-action="approve"]').click();
    await page.waitForSelector('.task-pending [role="alert"]');
    expect(await draft.locator('[role="alert"]').textContent()).toContain("không được duyệt");
    await page.locator(".task-pending").screenshot({
      path: "test/.artifacts/screenshots/programme-task-pending-author.png",
    });

    const second = await openAs(stack, PAGE, reviewer.token);
    await andWaitForRender(second.page, () =>
      second.page.locator('.task-pending [data-review="DRAFT"] [data-action="approve"]').click(),
    );
    const done = cell(second.page, "hd-so-tu-phap", 2024);
    expect(await done.getAttribute("data-task-status")).toBe("IN_PROGRESS");
    expect(await done.textContent()).toBe("✔Đã báo cáođã duyệt · Đang thực hiện");
    expect(errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });

  it("the Hải Phòng plan sets no deadline: said so, and nothing is overdue", async () => {
    const { page, errors } = await openAs(
      stack,
      "#/programme?programme=hp-nq23-2023-2025&asOf=2026-11-30",
      null,
    );
    const panel = page.locator('[data-panel="task-reports"]');
    expect(await panel.locator("[data-deadline]").getAttribute("data-deadline")).toBe("none");
    expect(await panel.locator("[data-deadline]").textContent()).toContain(
      "Văn bản không quy định hạn báo cáo",
    );
    expect(await panel.locator('td[data-state="OVERDUE"]').count()).toBe(0);
    expect(await panel.locator('td[data-state="NOT_REPORTED"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
