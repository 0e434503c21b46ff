import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { Role } from "../../server/auth/user.entity.js";
import type { CachedAnswer } from "../../server/cache/http-cache.js";
import { ResponseCache } from "../../server/cache/response-cache.js";
import { initOrm } from "../../server/db/orm.js";
import { leanTakes, type MessageClasses, SMALL_BODY_BYTES } from "../../server/http/lean-front.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";
import { rawRequest, type RawAnswer } from "../helpers/http.js";
import { makeUser, type TestUser } from "../helpers/users.js";

/**
 * The lean front (server/http/lean-front.ts) answers JSON POSTs to /graphql without Express's
 * router and body parser. Each app below is served twice, by the node handler startApp uses
 * (`handler`, lean path for what leanTakes accepts) and by the plain Express app (`app`), so that
 * the same request can be sent down both paths and the answers compared: status, body and the
 * whole header set.
 */
interface Served {
  lean: string;
  express: string;
  servers: Server[];
}
let databaseUrl: string;
let orm: MikroORM;
let viewer: TestUser;
const served: Served[] = [];

async function listen(
  listener: RequestListener,
  messages: MessageClasses | Record<string, never> = {},
): Promise<[string, Server]> {
  const server = createServer(messages, listener);
  await new Promise<void>(done => server.listen(0, "127.0.0.1", done));
  return [`http://127.0.0.1:${(server.address() as AddressInfo).port}`, server];
}

async function serve(options: Omit<Parameters<typeof createApp>[0], "orm">): Promise<Served> {
  const { app, handler, messages } = await createApp({ orm, production: true, ...options });
  // The lean handler as startApp serves it: requests born with Express's prototypes.
  const [lean, a] = await listen(handler, messages);
  const [express, b] = await listen(app);
  const pair = { lean, express, servers: [a, b] };
  served.push(pair);
  return pair;
}

async function withTrustProxy<T>(value: string | undefined, make: () => Promise<T>): Promise<T> {
  const saved = process.env.TRUST_PROXY;
  if (value === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = value;
  try {
    return await make();
  } finally {
    if (saved === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = saved;
  }
}

let plain: Served; // no cache, SQL count on
let cached: Served; // response cache on
let limited: Served; // a small rate limit, TRUST_PROXY off
let proxied: Served; // a small rate limit, TRUST_PROXY=loopback

beforeAll(async () => {
  databaseUrl = await createTestDatabase("lean_front");
  orm = await initOrm({ clientUrl: databaseUrl, poolMax: 5 });
  viewer = await makeUser(orm, "Viewer", Role.VIEWER);
  plain = await withTrustProxy(undefined, () => serve({ exposeSqlCount: true }));
  cached = await withTrustProxy(undefined, () =>
    serve({ cache: new ResponseCache<CachedAnswer>(), exposeSqlCount: true }),
  );
  const rateLimit = { burst: 5, perSecond: 0.01 };
  limited = await withTrustProxy(undefined, () => serve({ rateLimit }));
  proxied = await withTrustProxy("loopback", () => serve({ rateLimit }));
});
afterAll(async () => {
  for (const { servers } of served) {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise(done => server.close(done));
    }
  }
  await orm?.close();
  await dropTestDatabase(databaseUrl);
});

type Answer = RawAnswer;

function send(
  base: string,
  headers: Record<string, string>,
  body: string | Buffer,
  { method = "POST", path = "/graphql" } = {},
): Promise<Answer> {
  return rawRequest(`${base}${path}`, method, headers, body);
}

const JSON_HEADERS = { "content-type": "application/json" };
const query = (text: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query: text, variables });

/** The headers that differ between any two answers whatever served them. */
const sameHeaders = (headers: IncomingMessage["headers"]) => {
  const { date: _date, ...rest } = headers;
  return rest;
};

/** Sends one request down both paths and expects the same status, body and header set. */
async function bothAlike(
  pair: Served,
  headers: Record<string, string>,
  body: string | Buffer,
): Promise<Answer> {
  const lean = await send(pair.lean, headers, body);
  const express = await send(pair.express, headers, body);
  expect(lean.status).toBe(express.status);
  expect(lean.text).toBe(express.text);
  expect(sameHeaders(lean.headers)).toEqual(sameHeaders(express.headers));
  return lean;
}

const fake = (method: string, url: string, headers: Record<string, string>) =>
  ({ method, url, headers }) as unknown as IncomingMessage;

describe("which requests the lean front takes", () => {
  const post = (headers: Record<string, string>, url = "/graphql") =>
    leanTakes(fake("POST", url, { "content-length": "20", ...headers }));

  it("takes a JSON POST to /graphql with a small declared length, in UTF-8", () => {
    expect(post(JSON_HEADERS)).toBe(true);
    expect(post({ "content-type": "application/json; charset=utf-8" })).toBe(true);
    expect(post({ "content-type": "Application/JSON; charset=UTF-8" })).toBe(true);
    expect(post({ "content-type": "application/json", "content-length": "0" })).toBe(true);
    const limit = String(SMALL_BODY_BYTES);
    expect(post({ "content-type": "application/json", "content-length": limit })).toBe(true);
  });

  it("leaves every other request to Express", () => {
    expect(leanTakes(fake("GET", "/graphql", JSON_HEADERS))).toBe(false);
    expect(leanTakes(fake("PUT", "/graphql", { ...JSON_HEADERS, "content-length": "2" }))).toBe(
      false,
    );
    expect(post(JSON_HEADERS, "/graphql/")).toBe(false);
    expect(post(JSON_HEADERS, "/graphql?query=x")).toBe(false);
    expect(post(JSON_HEADERS, "/GraphQL")).toBe(false);
    expect(post(JSON_HEADERS, "/healthz")).toBe(false);
    expect(post({})).toBe(false);
    expect(post({ "content-type": "text/plain" })).toBe(false);
    expect(post({ "content-type": "application/graphql" })).toBe(false);
    expect(post({ "content-type": "application/json; charset=utf-16" })).toBe(false);
    expect(post({ "content-type": "application/json; charset=klingon" })).toBe(false);
    expect(post({ ...JSON_HEADERS, "content-encoding": "gzip" })).toBe(false);
    expect(post({ ...JSON_HEADERS, "content-encoding": "identity" })).toBe(false);
    // Chunked (no length), or above the smaller limit (a steward's import goes through Express).
    expect(
      leanTakes(fake("POST", "/graphql", { ...JSON_HEADERS, "transfer-encoding": "chunked" })),
    ).toBe(false);
    const over = String(SMALL_BODY_BYTES + 1);
    expect(post({ ...JSON_HEADERS, "content-length": over })).toBe(false);
  });
});

describe("the same answers as the Express route", () => {
  it("a plain read: same status, body and headers (security headers, no-store, vary, SQL count)", async () => {
    const answer = await bothAlike(plain, JSON_HEADERS, query("{ __typename }"));
    expect(answer.json).toEqual({ data: { __typename: "Query" } });
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(answer.headers["x-sql-statements"]).toBe("0");
    expect(answer.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(answer.headers["x-frame-options"]).toBe("DENY");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    const sql = await bothAlike(plain, JSON_HEADERS, query('{ unit(code: "vn") { nameVi } }'));
    expect(Number(sql.headers["x-sql-statements"])).toBeGreaterThan(0);
    // Written as bytes: the length counts the two- and three-byte letters of the Vietnamese name.
    expect(sql.json).toEqual({ data: { unit: { nameVi: "Việt Nam" } } });
    expect(Number(sql.headers["content-length"])).toBe(Buffer.byteLength(sql.text));
    expect(Buffer.byteLength(sql.text)).toBeGreaterThan(sql.text.length);
  });

  it("bad input: the same coded 400s, 401 and GraphQL errors", async () => {
    const cases: [Record<string, string>, string | Buffer, number, string][] = [
      [JSON_HEADERS, '{"query":"{ __typename }",}', 400, "BAD_REQUEST"],
      [JSON_HEADERS, '"{ __typename }"', 400, "BAD_REQUEST"],
      [JSON_HEADERS, "", 400, "BAD_REQUEST"],
      [JSON_HEADERS, query("{ nope }"), 400, "GRAPHQL_VALIDATION_FAILED"],
      [JSON_HEADERS, query("{ __typename"), 400, "GRAPHQL_PARSE_FAILED"],
      [
        JSON_HEADERS,
        query("query($n: Int!) { units(first: $n) { totalCount } }", { n: "x" }),
        400,
        "BAD_USER_INPUT",
      ],
      [
        { ...JSON_HEADERS, authorization: "Bearer osh_wrong" },
        query("{ __typename }"),
        401,
        "UNAUTHENTICATED",
      ],
      [{ ...JSON_HEADERS, cookie: "osh_session=nope" }, query("{ me { name } }"), 200, "none"],
    ];
    for (const [headers, body, status, code] of cases) {
      const answer = await bothAlike(plain, headers, body);
      expect(answer.status).toBe(status);
      expect(answer.json?.errors?.[0]?.extensions?.code ?? "none").toBe(code);
    }
    const bad = await send(plain.lean, JSON_HEADERS, "{ not json");
    expect(bad.json).toEqual({
      errors: [
        { message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } },
      ],
    });
  });

  it("a byte-order mark and a charset are read as body-parser reads them", async () => {
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(query("{ __typename }")),
    ]);
    const answer = await bothAlike(plain, JSON_HEADERS, withBom);
    expect(answer.json).toEqual({ data: { __typename: "Query" } });
    const charset = { "content-type": "application/json; charset=utf-8" };
    expect((await bothAlike(plain, charset, query("{ __typename }"))).status).toBe(200);
  });

  it("a signed-in viewer: the same user, the same answer", async () => {
    const headers = { ...JSON_HEADERS, authorization: `Bearer ${viewer.token}` };
    const answer = await bothAlike(plain, headers, query("{ me { name role } }"));
    expect(answer.json).toEqual({ data: { me: { name: "Viewer", role: "VIEWER" } } });
  });

  it("413 on a body over 1 MB, with the same coded JSON error", async () => {
    const big = query(`{ __typename } # ${"x".repeat(SMALL_BODY_BYTES)}`);
    const answer = await bothAlike(plain, JSON_HEADERS, big);
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({
      errors: [
        {
          message: "The request body is too large",
          extensions: { code: "PAYLOAD_TOO_LARGE" },
        },
      ],
    });
  });

  it("gzips an answer of 1 kB or more when accepted, and says the answer varies with it", async () => {
    const headers = { ...JSON_HEADERS, "accept-encoding": "gzip" };
    const big = await bothAlike(
      plain,
      headers,
      query("{ units(first: 100) { nodes { code nameVi } } }"),
    );
    expect(big.headers["content-encoding"]).toBe("gzip");
    expect(big.headers.vary).toBe("Accept-Encoding");
    expect(big.json.data.units.nodes.length).toBeGreaterThan(10);
    const small = await bothAlike(plain, headers, query("{ __typename }"));
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.headers.vary).toBe("Accept-Encoding");
  });
});

describe("the response cache and the rate limit on the lean path", () => {
  it("keeps and serves anonymous answers (miss, then hit)", async () => {
    const body = query('{ unit(code: "ha-noi") { code nameEn } }');
    const first = await send(cached.lean, JSON_HEADERS, body);
    const second = await send(cached.lean, JSON_HEADERS, body);
    expect([first.headers["x-cache"], second.headers["x-cache"]]).toEqual(["miss", "hit"]);
    expect(second.text).toBe(first.text);
    expect(second.headers["x-sql-statements"]).toBe("0");
    // The Express path shares the cache: the same key answers there too.
    expect((await send(cached.express, JSON_HEADERS, body)).headers["x-cache"]).toBe("hit");
  });

  it("a forged X-Forwarded-For does not change the rate-limit key without TRUST_PROXY", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const headers = { ...JSON_HEADERS, "x-forwarded-for": `203.0.113.${i}` };
      statuses.push((await send(limited.lean, headers, query("{ __typename }"))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const over = await send(limited.lean, JSON_HEADERS, query("{ __typename }"));
    expect(over.json.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("with TRUST_PROXY the forwarded address is the key, as Express's req.ip reads it", async () => {
    const statuses = async (address: string) => {
      const headers = { ...JSON_HEADERS, "x-forwarded-for": address };
      const all: number[] = [];
      for (let i = 0; i < 6; i++) {
        all.push((await send(proxied.lean, headers, query("{ __typename }"))).status);
      }
      return all;
    };
    expect(await statuses("203.0.113.7")).toEqual([200, 200, 200, 200, 200, 429]);
    // Another client behind the trusted proxy has its own budget.
    expect(await statuses("203.0.113.8")).toEqual([200, 200, 200, 200, 200, 429]);
    // And HSTS follows X-Forwarded-Proto from the trusted proxy, as on the Express path.
    const https = {
      ...JSON_HEADERS,
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-proto": "https",
    };
    const secure = await bothAlike(proxied, https, query("{ __typename }"));
    expect(secure.headers["strict-transport-security"]).toContain("max-age=");
  });
});
