import { getIntrospectionQuery } from "graphql";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { Role } from "../../server/auth/user.entity.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";
import { rawRequest, type RawAnswer } from "../helpers/http.js";
import { makeUser, type TestUser } from "../helpers/users.js";

/**
 * Issue 12, seen from outside: rate-limit keys, error pages, the cost of real work, headers.
 * Express picks its error-page mode from NODE_ENV when the app is made, so apps are made with
 * NODE_ENV unset (what a plain `node dist/server/main.js` has) and with NODE_ENV=development.
 */
let url: string;
let plain: RunningApp; // NODE_ENV unset, no rate limit
let dev: RunningApp; // NODE_ENV=development
let limited: RunningApp; // a small rate limit
let steward: TestUser;
let viewer: TestUser;
const webDist = mkdtempSync(join(tmpdir(), "osh-hardening-web-"));

async function withNodeEnv<T>(value: string | undefined, make: () => Promise<T>): Promise<T> {
  const saved = process.env.NODE_ENV;
  if (value === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = value;
  try {
    return await make();
  } finally {
    process.env.NODE_ENV = saved;
  }
}

beforeAll(async () => {
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>OSH</title>");
  url = await createTestDatabase("hardening");
  const common = { databaseUrl: url, port: 0, illustrative: false, webDist };
  plain = await withNodeEnv(undefined, () => startApp({ ...common, production: true }));
  dev = await withNodeEnv("development", () => startApp({ ...common, production: false }));
  limited = await withNodeEnv(undefined, () =>
    startApp({ ...common, production: true, rateLimit: { burst: 30, perSecond: 0.01 } }),
  );
  steward = await makeUser(plain.orm, "Steward HD", Role.STEWARD, ["hai-duong-63"]);
  viewer = await makeUser(plain.orm, "Viewer", Role.VIEWER);
});
afterAll(async () => {
  await limited?.close();
  await dev?.close();
  await plain?.close();
  await dropTestDatabase(url);
  rmSync(webDist, { recursive: true, force: true });
});

type Answer = RawAnswer;

/** A raw request, so headers such as Authorization and Content-Encoding go out exactly as written. */
function send(
  app: RunningApp,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Answer> {
  return rawRequest(`${app.url}${path}`, method, headers, body);
}
const gql = (
  app: RunningApp,
  query: string,
  headers: Record<string, string> = {},
  variables?: Record<string, unknown>,
) =>
  send(
    app,
    "POST",
    "/graphql",
    { "content-type": "application/json", ...headers },
    JSON.stringify({ query, variables }),
  );
const codeOf = (a: Answer) => a.json?.errors?.[0]?.extensions?.code;

describe("5: rate limit and body limit", () => {
  it("5: rate limit keys on the verified user, not the raw header", async () => {
    const spellings = ["Bearer", "bearer", "BEARER", "bEaReR", "Bearer ", "Bearer\t"].map(
      b => `${b} ${steward.token}`,
    );
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(
        (await gql(limited, "{ me { name } }", { authorization: spellings[i % spellings.length] }))
          .status,
      );
    }
    expect(statuses.filter(s => s === 200)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
  });

  it("5: a stream of invalid tokens from one address gets 429, not 401 forever", async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 8; i++) {
      answers.push(await gql(limited, "{ __typename }", { authorization: `Bearer osh_guess${i}` }));
    }
    // Each failure costs 10 of the 30 points: three 401s, then 429s, without the token being looked up.
    expect(answers.map(a => a.status)).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    expect(codeOf(answers[0])).toBe("UNAUTHENTICATED");
    expect(codeOf(answers[5])).toBe("RATE_LIMITED");
    expect(Number(answers[5].headers["retry-after"])).toBeGreaterThan(0);
  });

  it("5: only a verified steward or admin may send more than 1 MB", async () => {
    const big = `{ __typename } # ${"x".repeat(2_000_000)}`;
    expect((await gql(plain, big, { authorization: `Bearer ${viewer.token}` })).status).toBe(413);
    const bad = await gql(plain, big, { authorization: "Bearer osh_not-a-token" });
    expect([bad.status, codeOf(bad)]).toEqual([401, "UNAUTHENTICATED"]);
    const ok = await gql(plain, big, { authorization: `Bearer ${steward.token}` });
    expect([ok.status, ok.json?.data]).toEqual([200, { __typename: "Query" }]);
  });
});

describe.each([
  ["unset", () => plain],
  ["development", () => dev],
] as const)("6: HTTP errors with NODE_ENV %s", (_env, appOf) => {
  const leaks = /node_modules|\bat \w+ \(|\/work\/|<html|<pre>/i;
  const cases: [string, () => Promise<Answer>, number, string][] = [
    [
      "invalid JSON",
      () =>
        send(
          appOf(),
          "POST",
          "/graphql",
          { "content-type": "application/json" },
          '{"query":"{ __typename }",}',
        ),
      400,
      "BAD_REQUEST",
    ],
    [
      "a body over 1 MB",
      () =>
        send(
          appOf(),
          "POST",
          "/graphql",
          { "content-type": "application/json" },
          JSON.stringify({ query: "x".repeat(1_100_000) }),
        ),
      413,
      "PAYLOAD_TOO_LARGE",
    ],
    [
      "an unsupported charset",
      () =>
        send(
          appOf(),
          "POST",
          "/graphql",
          { "content-type": "application/json; charset=klingon" },
          "{}",
        ),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "an unsupported encoding",
      () =>
        send(
          appOf(),
          "POST",
          "/graphql",
          { "content-type": "application/json", "content-encoding": "zstd-x" },
          "{}",
        ),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "broken gzip",
      () =>
        send(
          appOf(),
          "POST",
          "/graphql",
          { "content-type": "application/json", "content-encoding": "gzip" },
          Buffer.from("not gzip at all"),
        ),
      400,
      "BAD_REQUEST",
    ],
    [
      "an unknown route",
      () => send(appOf(), "POST", "/nowhere", { "content-type": "application/json" }, "{}"),
      404,
      "NOT_FOUND",
    ],
    [
      "an unknown method on /graphql",
      () => send(appOf(), "PUT", "/graphql", { "content-type": "application/json" }, "{}"),
      405,
      "METHOD_NOT_ALLOWED",
    ],
  ];
  it.each(cases)(
    "6: %s is a short coded JSON error without a stack or a path",
    async (_name, make, status, code) => {
      const answer = await make();
      expect(answer.status).toBe(status);
      expect(String(answer.headers["content-type"])).toMatch(/^application\/json/);
      expect(answer.json).toEqual({
        errors: [{ message: expect.any(String), extensions: { code } }],
      });
      expect(answer.text).not.toMatch(leaks);
      expect(answer.text.length).toBeLessThan(300);
      expect(answer.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    },
  );
});

describe("12: the cost limit reflects real work", () => {
  const refused = (a: Answer) => {
    expect(a.status).toBe(400);
    expect(codeOf(a)).toMatch(
      /^(QUERY_TOO_COMPLEX|GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED)$/,
    );
    expect(a.json.data).toBeUndefined();
  };
  const aliased = (n: number, field: (i: number) => string) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join(" ")} }`;

  it("12: 200 aliased scorecards are refused before running", async () => {
    const q = aliased(
      200,
      () => 'scorecard(programmes: ["nq19-2021-2025"], units: ["vn"]) { notAssessableCount }',
    );
    const a = await gql(plain, q);
    refused(a);
    expect(a.json.errors[0].message).toMatch(/tokens/);
    // Fewer, so that the document itself is short: refused for its aliases and analytics fields.
    const thirty = await gql(
      plain,
      aliased(30, () => "scorecard(programmes: [], units: []) { notAssessableCount }"),
    );
    refused(thirty);
    expect(thirty.json.errors.map((e: { message: string }) => e.message).join(" ")).toMatch(
      /30 analytics or schema fields.*limit is 10/,
    );
  });

  it("12: at most 10 analytics fields in one document", async () => {
    const fields = [
      "scorecard(programmes: [], units: []) { notAssessableCount }",
      'ranking(indicator: "x", year: 2020) { year }',
    ];
    const eleven = aliased(11, i => fields[i % 2]);
    refused(await gql(plain, eleven));
    expect(
      codeOf(
        await gql(
          plain,
          aliased(10, i => fields[i % 2]),
        ),
      ),
    ).not.toMatch(/QUERY_TOO_COMPLEX|GRAPHQL_VALIDATION_FAILED/);
  });

  it("12: 500 aliased indicator pages are refused", async () => {
    refused(
      await gql(
        plain,
        aliased(500, () => "indicators(first: 100) { nodes { code nameVi nameEn } }"),
      ),
    );
  });

  it("12: introspection counts: 100 × __schema and a 40-level ofType nest are refused, the GraphiQL query passes", async () => {
    refused(
      await gql(
        plain,
        aliased(100, () => "__schema { types { name fields { name } } }"),
      ),
    );
    let nest = "{ name }";
    for (let i = 0; i < 40; i++) nest = `{ name ofType ${nest} }`;
    refused(await gql(plain, `{ __type(name: "Query") { fields { type ${nest} } } }`));
    const full = await gql(
      plain,
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(full.status).toBe(200);
    expect(full.json.data.__schema.types.length).toBeGreaterThan(50);
  });

  it("12: a document over the token limit is refused", async () => {
    // A valid query that runs one cheap statement, but 6,000 tokens to lex, parse and validate.
    refused(
      await gql(plain, `{ units(filter: { codes: [${'"vn" '.repeat(6000)}] }) { totalCount } }`),
    );
  });
});

describe("extras", () => {
  it("x-sql-statements only when the app is asked to expose it (exposeSqlCount)", async () => {
    const a = await gql(plain, '{ unit(code: "vn") { code } }');
    expect(a.status).toBe(200);
    expect(a.headers["x-sql-statements"]).toBeUndefined();
    const again = await gql(plain, '{ unit(code: "vn") { code } }'); // a cache hit
    expect(again.headers["x-sql-statements"]).toBeUndefined();
  });

  it("security headers with frame-ancestors none on every response: API, errors, 404s, static", async () => {
    const answers = [
      await gql(plain, "{ __typename }"),
      await gql(plain, "{ nope }"),
      await send(plain, "GET", "/nowhere", {}),
      await send(plain, "GET", "/", {}),
      await send(plain, "GET", "/healthz", {}),
    ];
    for (const a of answers) {
      expect(a.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(a.headers["x-frame-options"]).toBe("DENY");
      expect(a.headers["x-content-type-options"]).toBe("nosniff");
      expect(a.headers["referrer-policy"]).toBe("no-referrer");
    }
    expect(answers[3].headers["content-security-policy"]).toContain("script-src 'self'");
    // The explorer page is the app's own GraphiQL (no CDN): self-only scripts, no framing.
    const explorer = await send(plain, "GET", "/graphql", { accept: "text/html" });
    expect(explorer.status).toBe(200);
    const csp = String(explorer.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/https?:/);
  });
});
