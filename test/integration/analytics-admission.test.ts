import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { rawRequest } from "../helpers/http.js";

/**
 * Analytics requests go through the admission (server/graphql/admission.ts) over HTTP: with one
 * analytics slot and two requests handed to Apollo at once, concurrent scorecards, series and a
 * request asking for both still all answer, each with what it answers alone, on both the lean
 * front and the Express route.
 */
let db: TestDb;
const servers: Server[] = [];
const urls: { lean: string; express: string } = { lean: "", express: "" };

async function listen(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>(done => server.listen(0, "127.0.0.1", done));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  db = await openTestDb("admission");
  const { app, handler } = await createApp({
    orm: db.orm,
    production: true,
    analyticsConcurrency: 1,
    requestConcurrency: 2,
  });
  urls.lean = await listen(handler);
  urls.express = await listen(app);
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise(done => s.close(done));
  }
  await db.close();
});

const SCORECARD = `scorecard(programmes: ["nq19-2021-2025"], units: ["vn", "hai-phong-34", "hai-phong-63", "hai-duong-63"], datasets: [OFFICIAL, ILLUSTRATIVE]) {
  rows { cells { unit { code } progress { status } series { year value } } } }`;
const SERIES = `series(indicators: ["oa-deaths"], units: ["vn", "hai-phong-34"], basis: HARMONISED, datasets: [OFFICIAL, ILLUSTRATIVE]) {
  unit { code } points { year value illustrative } }`;
const QUERIES = [`{ ${SCORECARD} }`, `{ ${SERIES} }`, `{ a: ${SCORECARD} b: ${SERIES} }`];

const ask = (url: string, query: string) =>
  rawRequest(url, "POST", { "content-type": "application/json" }, JSON.stringify({ query }));

describe("analytics admission over HTTP", () => {
  it("answers concurrent analytics requests, one at a time, as each answers alone", async () => {
    for (const url of [urls.lean, urls.express]) {
      const alone: unknown[] = [];
      for (const q of QUERIES) alone.push((await ask(url, q)).json);
      for (const answer of alone as { errors?: unknown; data: unknown }[]) {
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        expect(JSON.stringify(answer.data).length).toBeGreaterThan(100);
      }
      // 24 at once through one slot, the two-field request among them.
      const many = await Promise.all(
        Array.from({ length: 24 }, (_, i) => ask(url, QUERIES[i % QUERIES.length])),
      );
      many.forEach((answer, i) => {
        expect(answer.status).toBe(200);
        expect(answer.json).toEqual(alone[i % QUERIES.length]);
      });
    }
  });
});
