import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";
import { andWaitForRender, screenshot } from "./helpers/stack.js";
import { openAs, startDbStack, type DbStack } from "./helpers/signed-in.js";

const HEADER = "unit,year,accidents,fatal_accidents,deaths,seriously_injured,victims,sector";
// Years with no official accident values for Hải Dương in the seed (checked below).
const GOOD = `${HEADER}\nhai-duong-63,2001,14,3,3,4,15,\nhai-duong-63,2002,12,,2,,13,\n`;
// Line 3 (the header is line 1) has a fractional count.
const BAD = `${HEADER}\nhai-duong-63,2001,14,3,3,4,15,\nhai-duong-63,2002,12.5,,2,,13,\n`;

describe("CSV import page", () => {
  let stack: DbStack;
  let steward: TestUser;
  beforeAll(async () => {
    stack = await startDbStack("import");
    steward = await makeUser(stack.orm, "Steward HD import", Role.STEWARD, ["hai-duong-63"]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const accidentsIn = async (years: number[]) =>
    (
      await stack.orm.em
        .getConnection()
        .execute(
          `select count(*)::int n from observation o join administrative_unit u on u.id = o.unit_id where u.code = 'hai-duong-63' and o.year = any(?::int[])`,
          [`{${years.join(",")}}`],
        )
    )[0].n as number;

  async function chooseFile(page: import("playwright-core").Page, name: string, text: string) {
    await page.setInputFiles("#import-file", {
      name,
      mimeType: "text/csv",
      buffer: Buffer.from(text, "utf8"),
    });
  }

  it("a CSV with one bad row: the dry run shows that row's problem and line, and nothing is written", async () => {
    const { page, errors } = await openAs(stack, "#/import", steward.token);
    expect(await page.textContent("h1")).toBe("Nhập dữ liệu từ tệp CSV");
    // The layout's columns come from the API.
    expect(await page.locator(".import-columns code").allTextContents()).toEqual(HEADER.split(","));
    await andWaitForRender(page, () => page.selectOption('select[name="source"]', "moj-nq19"));
    expect(page.url()).toContain("source=moj-nq19");
    const before = await fingerprint(stack.orm);
    await chooseFile(page, "tai-nan-loi.csv", BAD);
    await page.click('[data-action="dry-run"]');
    await page.waitForSelector('[data-import-result="dry-run"]');
    expect(await page.getAttribute("[data-import-result]", "data-ok")).toBe("false");
    const rows = page.locator(".import-problems tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-line")).toBe("3");
    expect(await rows.first().locator("td").first().textContent()).toBe("accidents");
    expect(await rows.first().textContent()).toContain("12.5");
    expect(await page.textContent(".import-outcome")).toBe(
      "1 lỗi, không ghi gì. Sửa tệp rồi chạy thử lại.",
    );
    // The import stays closed after a dry run with a problem.
    expect(await page.isDisabled('[data-action="commit"]')).toBe(true);
    await screenshot(page, "import-bad-row");
    expect(await fingerprint(stack.orm)).toEqual(before);
    expect(errors).toEqual([]);
  });

  it("a good CSV: dry run (nothing written), then import: created counts, drafts in the database", async () => {
    expect(await accidentsIn([2001, 2002])).toBe(0);
    const { page, errors } = await openAs(
      stack,
      "#/import?layout=ACCIDENTS&source=moj-nq19",
      steward.token,
    );
    await chooseFile(page, "tai-nan.csv", GOOD);
    await page.click('[data-action="dry-run"]');
    await page.waitForSelector('[data-import-result="dry-run"]');
    expect(await page.getAttribute("[data-import-result]", "data-ok")).toBe("true");
    const count = (key: string) => page.textContent(`[data-count="${key}"] td`);
    expect(await count("rows")).toBe("2");
    expect(await count("created")).toBe("8"); // 5 + 3 non-empty numbers: empty cells write nothing
    expect(await accidentsIn([2001, 2002])).toBe(0);
    expect(await page.isDisabled('[data-action="commit"]')).toBe(false);
    await screenshot(page, "import-dry-run-ok");
    await page.click('[data-action="commit"]');
    await page.waitForSelector('[data-import-result="commit"]');
    expect(await count("created")).toBe("8");
    expect(await count("unchanged")).toBe("0");
    expect(await page.textContent(".import-outcome")).toBe("Đã nhập xong.");
    expect(await accidentsIn([2001, 2002])).toBe(8);
    const [drafts] = await stack.orm.em
      .getConnection()
      .execute(
        `select count(*)::int n from observation o join administrative_unit u on u.id = o.unit_id where u.code = 'hai-duong-63' and o.year in (2001, 2002) and o.review_state = 'DRAFT'`,
      );
    expect(drafts.n).toBe(8);
    // Committed once: the button closes until the next clean dry run.
    expect(await page.isDisabled('[data-action="commit"]')).toBe(true);
    await screenshot(page, "import-committed");
    expect(errors).toEqual([]);
  });

  it("without a token the page says to sign in, and nothing is written", async () => {
    const { page } = await openAs(stack, "#/import?layout=MONITORING&lang=en", null);
    expect(await page.textContent("h1")).toBe("Import data from a CSV file");
    const before = await fingerprint(stack.orm);
    await chooseFile(
      page,
      "monitoring.csv",
      "site_code,site_name,unit,sector,year,factor,samples,samples_over_limit\nx-1,A,hai-duong-63,textiles,2024,noise,4,1\n",
    );
    await page.click('[data-action="dry-run"]');
    await page.waitForSelector('[data-signin="required"]');
    expect(await page.textContent('[data-signin="required"] .import-outcome')).toBe(
      "Sign in to import data",
    );
    await screenshot(page, "import-signin-en");
    expect(await fingerprint(stack.orm)).toEqual(before);
  });
});
