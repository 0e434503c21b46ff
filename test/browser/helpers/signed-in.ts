/**
 * A browser-test stack whose database the test can also reach (to create users and tokens and
 * to check what a page wrote), and pages opened as a user: the API token goes in an
 * `Authorization: Bearer` header on every request of the browser context (tokens keep working
 * for scripts; the web sign-in is built elsewhere).
 */
import { mkdirSync } from "node:fs";
import type { MikroORM } from "@mikro-orm/core";
import { chromium, type Browser } from "playwright-core";
import { inject } from "vitest";
import { startApp } from "../../../server/app.js";
import { openTestDb, type TestDb } from "../../helpers/db.js";
import { SCREENSHOTS, waitReady, type OpenedPage } from "./stack.js";

export interface DbStack {
  url: string;
  browser: Browser;
  db: TestDb;
  orm: MikroORM;
  close(): Promise<void>;
}

export async function startDbStack(label: string): Promise<DbStack> {
  const db = await openTestDb(`browser_${label}`);
  const app = await startApp({
    databaseUrl: db.url,
    port: 0,
    webDist: inject("webDist"),
    illustrative: true,
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: app.url,
    browser,
    db,
    orm: db.orm,
    async close() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

/** Opens the app at `hash`, as the holder of `token` (or anonymously without one). */
export async function openAs(
  stack: DbStack,
  hash: string,
  token: string | null,
): Promise<OpenedPage> {
  const context = await stack.browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    extraHTTPHeaders: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", message => {
    // A refused write is an HTTP 4xx the page handles; Chromium logs it as a console error.
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on("pageerror", error => errors.push(error.stack ?? error.message));
  await page.goto(`${stack.url}/${hash}`);
  await waitReady(page);
  return { page, errors };
}

/** A GraphQL request to the stack's server with a bearer token, as a script would send it. */
export async function apiAs<T = any>(
  stack: DbStack,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${stack.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
