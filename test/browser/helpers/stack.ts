/**
 * The whole stack for browser tests: the web app built from the current web/ (once per run, by
 * web-setup.ts), the real server on a cloned test database, and headless Chromium.
 * Browser-side callbacks go through `globalThis as any`: the test tsconfig has no DOM types,
 * and the server's CSP (script-src 'self') forbids the string form of page.evaluate.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { MikroORM } from "@mikro-orm/core";
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";
import { startApp } from "../../../server/app.js";
import { createTestDatabase, dropTestDatabase } from "../../helpers/db.js";

const ROOT = resolve(import.meta.dirname, "../../..");
export const SCREENSHOTS = join(ROOT, "test/.artifacts/screenshots");

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface Stack {
  url: string;
  browser: Browser;
  /** The server's ORM, to make users and check what a page wrote. */
  orm: MikroORM;
  close(): Promise<void>;
}

export async function startStack(label: string): Promise<Stack> {
  const databaseUrl = await createTestDatabase(`browser_${label}`);
  const app = await startApp({
    databaseUrl,
    port: 0,
    webDist: inject("webDist"),
    illustrative: true,
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: app.url,
    browser,
    orm: app.orm,
    async close() {
      await browser.close();
      await app.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/** Opens the app at `hash`; `prepare` runs before navigation (e.g. to intercept requests). */
export async function openPage(
  stack: Stack,
  hash: string,
  prepare?: (page: Page) => Promise<unknown>,
): Promise<OpenedPage> {
  const context = await stack.browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", message => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", error => errors.push(error.stack ?? error.message));
  await prepare?.(page);
  await page.goto(`${stack.url}/${hash}`);
  await waitReady(page);
  return { page, errors };
}

/** Waits until a render newer than `after` (default: any) has finished. */
export async function waitReady(page: Page, after = 0): Promise<void> {
  await page.waitForFunction(
    min => {
      const g = globalThis as any;
      return Number(g.document.body.dataset.render || 0) > min && g.__ready === true;
    },
    after,
    { timeout: 30_000 },
  );
}

export async function renderId(page: Page): Promise<number> {
  return Number(await page.evaluate(() => (globalThis as any).document.body.dataset.render || 0));
}

/** Runs an action that changes the URL and waits for the page it leads to. */
export async function andWaitForRender(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await renderId(page);
  await action();
  await waitReady(page, before);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
