import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";

/** One end-to-end check over HTTP: the explorer page, a query, headers, limits. */
let app: RunningApp;
let url: string;
// A stand-in for web/dist, so the test does not depend on a build having run.
const webDist = mkdtempSync(join(tmpdir(), "osh-http-web-"));
const script = `console.log(${JSON.stringify("Đài quan sát ATVSLĐ ".repeat(400))});`;
beforeAll(async () => {
  mkdirSync(join(webDist, "assets"));
  writeFileSync(
    join(webDist, "index.html"),
    '<!doctype html><title>OSH</title><script type="module" src="/assets/app-1a2b3c.js"></script>',
  );
  writeFileSync(join(webDist, "assets/app-1a2b3c.js"), script);
  writeFileSync(
    join(webDist, "explorer.html"),
    '<!doctype html><html><title>GraphiQL</title><script type="module" src="./assets/x.js"></script></html>',
  );
  url = await createTestDatabase("http");
  app = await startApp({
    databaseUrl: url,
    port: 0,
    production: true,
    webDist,
    exposeSqlCount: true,
  });
});
afterAll(async () => {
  await app.close();
  await dropTestDatabase(url);
  rmSync(webDist, { recursive: true, force: true });
});

/** A raw GET/POST that does not decompress, to see the bytes on the wire. */
function raw(
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((done, fail) => {
    const req = request(`${app.url}${path}`, { method: body ? "POST" : "GET", headers }, res => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        done({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }),
      );
    });
    req.on("error", fail);
    req.end(body);
  });
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("HTTP", () => {
  it("serves the app's own GraphQL explorer page to a browser, and queries to clients", async () => {
    const res = await fetch(`${app.url}/graphql`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>GraphiQL</title>");
    expect(res.headers.get("content-security-policy")).not.toMatch(/https?:/);
    // Its assets are linked relatively: /graphql/ goes to /graphql.
    const slash = await fetch(`${app.url}/graphql/`, {
      headers: { accept: "text/html" },
      redirect: "manual",
    });
    expect(slash.status).toBe(301);
    expect(slash.headers.get("location")).toBe("../graphql");
    // GraphQL over GET (a client, not a page) still reaches Apollo.
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(await get.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("answers a query and reports its SQL statement count", async () => {
    const res = await post({ query: '{ unit(code: "vn") { nameVi nameEn } }' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: {
        unit: {
          nameVi: expect.stringMatching(/Việt Nam/),
          nameEn: "Việt Nam",
        },
      },
    });
    expect(Number(res.headers.get("x-sql-statements"))).toBeGreaterThan(0);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a body over the limit with 413 and a GET mutation-like request without CSRF header", async () => {
    const res = await post({
      query: `{ units(filter: { search: "${"x".repeat(1_100_000)}" }) { totalCount } }`,
    });
    expect(res.status).toBe(413);
    const csrf = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
    expect(csrf.status).toBe(400);
  });

  it("hides internal details in production errors", async () => {
    const res = await post({ query: "{ units(first: -1) { totalCount } }" });
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it("gzips the web app and large API answers, cached or not, and lets hashed assets be cached for good", async () => {
    const asset = await raw("/assets/app-1a2b3c.js", { "accept-encoding": "gzip, br" });
    expect(asset.status).toBe(200);
    expect(asset.headers["content-encoding"]).toBe("br");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(asset.bytes).toString("utf8")).toBe(script);
    const gzipped = await raw("/assets/app-1a2b3c.js", { "accept-encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.bytes).toString("utf8")).toBe(script);
    const page = await raw("/", {});
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");

    const body = JSON.stringify({
      query: "{ units(first: 100) { nodes { code nameVi nameEn } } }",
    });
    const headers = { "content-type": "application/json", "accept-encoding": "gzip" };
    const miss = await raw("/graphql", headers, body);
    const hit = await raw("/graphql", headers, body);
    expect([miss.headers["x-cache"], hit.headers["x-cache"]]).toEqual(["miss", "hit"]);
    for (const answer of [miss, hit]) {
      expect(answer.headers["content-encoding"]).toBe("gzip");
      const json = JSON.parse(gunzipSync(answer.bytes).toString("utf8"));
      expect(json.data.units.nodes.length).toBeGreaterThan(80);
      expect(answer.bytes.length).toBeLessThan(JSON.stringify(json).length / 3);
    }
    // A client that does not ask for gzip gets the plain answer from the same cache entry.
    const plain = await raw("/graphql", { "content-type": "application/json" }, body);
    expect(plain.headers["x-cache"]).toBe("hit");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(plain.bytes.toString("utf8"))).toEqual(
      JSON.parse(gunzipSync(hit.bytes).toString("utf8")),
    );
    // Nor does one that takes only `identity`; both are told the answer varies with the header.
    const identity = await raw(
      "/graphql",
      { "content-type": "application/json", "accept-encoding": "identity" },
      body,
    );
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(identity.bytes.toString("utf8"))).toEqual(
      JSON.parse(plain.bytes.toString("utf8")),
    );
    for (const answer of [plain, identity, hit]) {
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
    }
    // `*` takes any coding.
    const any = await raw(
      "/graphql",
      { "content-type": "application/json", "accept-encoding": "*" },
      body,
    );
    expect(["gzip", "br"]).toContain(any.headers["content-encoding"]);
  });
});
