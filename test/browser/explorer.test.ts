import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, SCREENSHOTS, type Stack } from "./helpers/stack.js";
import { join } from "node:path";

describe("API explorer (GET /graphql in a browser)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("explorer");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("loads from the app's own assets with every other host blocked, and runs a query", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // An offline network: any request that is not to this machine fails (and is recorded).
    const outside: string[] = [];
    await page.route("**/*", route => {
      const { hostname } = new URL(route.request().url());
      if (hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    const errors: string[] = [];
    page.on("console", m => void (m.type() === "error" && errors.push(m.text())));
    page.on("pageerror", e => errors.push(e.message));

    const response = await page.goto(`${stack.url}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).not.toMatch(/https?:/);
    await page.waitForSelector(".graphiql-execute-button", { timeout: 30_000 });
    await page.waitForSelector(".graphiql-query-editor .monaco-editor", { timeout: 30_000 });
    await page.click(".graphiql-execute-button");
    await page.waitForFunction(
      () =>
        // Monaco draws spaces as no-break spaces: match the words only.
        /an-giang/.test(
          (globalThis as any).document.querySelector(".result-window")?.textContent ?? "",
        ),
      null,
      { timeout: 30_000 },
    );
    const result = ((await page.textContent(".result-window")) ?? "").replace(/\s+/g, " ");
    expect(result).toMatch(/"totalCount": \d+/);
    expect(result).toContain('"nameVi": "An Giang"');
    await page.screenshot({ path: join(SCREENSHOTS, "explorer-offline.png") });
    expect(outside).toEqual([]);
    // A CSP violation or a failed load would show here.
    expect(errors).toEqual([]);
    await context.close();
  });
});
