/**
 * Global setup of the browser project: the web app is built once per test run, and only when
 * web/, schema/ or the lock file changed since the last build (the same stamp as `npm start`,
 * web/dist/.build-stamp), so every browser test file serves the current source.
 */
import type { TestProject } from "vitest/node";
import { ensureWebBuild } from "../../../scripts/build-web.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built web app (web/dist) the browser tests' server serves. */
    webDist: string;
  }
}

export default async function setup(project: TestProject) {
  const web = await ensureWebBuild();
  if (web.built) console.log(`built the web app for the browser tests in ${web.ms} ms`);
  project.provide("webDist", web.outDir);
}
