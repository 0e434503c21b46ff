import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { Role } from "../../server/auth/user.entity.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";
import { makeUser, type TestUser } from "../helpers/users.js";

/** Tokens over HTTP, admin mutations, limits (depth, cost, rate, body) and the append-only audit log. */
let app: RunningApp;
let limited: RunningApp;
let url: string;
let admin: TestUser;
let steward: TestUser;
beforeAll(async () => {
  url = await createTestDatabase("authhttp");
  app = await startApp({ databaseUrl: url, port: 0, production: true, illustrative: false });
  limited = await startApp({
    databaseUrl: url,
    port: 0,
    production: true,
    illustrative: false,
    rateLimit: { burst: 3, perSecond: 0.01 },
  });
  admin = await makeUser(app.orm, "Admin", Role.ADMIN);
  steward = await makeUser(app.orm, "Steward HD", Role.STEWARD, ["hai-duong-63"]);
});
afterAll(async () => {
  await limited.close();
  await app.close();
  await dropTestDatabase(url);
});

const post = async (
  body: unknown,
  token?: string,
  target = app,
): Promise<{ status: number; body: any; headers: Headers }> => {
  const res = await fetch(`${target.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text.startsWith("{") ? JSON.parse(text) : text,
    headers: res.headers,
  };
};

describe("tokens", () => {
  it("reads the Bearer token; reading needs none; a bad token is 401 UNAUTHENTICATED", async () => {
    expect((await post({ query: "{ me { name role } }" }, steward.token)).body.data).toEqual({
      me: { name: "Steward HD", role: "STEWARD" },
    });
    expect((await post({ query: '{ me { name } unit(code: "vn") { code } }' })).body.data).toEqual({
      me: null,
      unit: { code: "vn" },
    });
    const bad = await post({ query: "{ me { name } }" }, "osh_not-a-real-token");
    expect(bad.status).toBe(401);
    expect(bad.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const anon = await post({ query: "mutation { deleteObservation(id: 1) }" });
    expect(anon.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("stores only the sha256 of a token and its prefix", async () => {
    const rows = await app.orm.em.getConnection().execute(`select hash, prefix from api_token`);
    const { createHash } = await import("node:crypto");
    expect(rows.map((r: { hash: string }) => r.hash)).toContain(
      createHash("sha256").update(steward.token).digest("hex"),
    );
    expect(JSON.stringify(rows)).not.toContain(steward.token);
  });

  it("lets an admin create users, set units, issue and revoke tokens; others are FORBIDDEN", async () => {
    const create = `mutation { createUser(input: { name: "Steward HP", role: STEWARD, units: ["hai-phong-34"] }) { token user { id units { code } } record { prefix } } }`;
    expect((await post({ query: create }, steward.token)).body.errors[0].extensions.code).toBe(
      "FORBIDDEN",
    );
    const made = (await post({ query: create }, admin.token)).body.data.createUser;
    expect(made.user.units).toEqual([{ code: "hai-phong-34" }]);
    expect(made.token.startsWith(made.record.prefix)).toBe(true);
    const units = await post(
      {
        query: `mutation { setUserUnits(userId: ${made.user.id}, units: ["hai-phong-34", "hai-phong-63"]) { units { code } } }`,
      },
      admin.token,
    );
    expect(units.body.data.setUserUnits.units.map((u: { code: string }) => u.code).sort()).toEqual([
      "hai-phong-34",
      "hai-phong-63",
    ]);
    const issued = (
      await post(
        {
          query: `mutation { issueToken(userId: ${made.user.id}, label: "laptop") { token record { id } } }`,
        },
        admin.token,
      )
    ).body.data.issueToken;
    expect((await post({ query: "{ me { name } }" }, issued.token)).body.data.me.name).toBe(
      "Steward HP",
    );
    await post(
      { query: `mutation { revokeToken(id: ${issued.record.id}) { revokedAt } }` },
      admin.token,
    );
    expect((await post({ query: "{ me { name } }" }, issued.token)).status).toBe(401);
    expect((await post({ query: "{ me { name } }" }, made.token)).body.data.me.name).toBe(
      "Steward HP",
    ); // the other token still works
    const log = await post(
      {
        query:
          '{ auditLog(filter: { entity: "api_token" }) { totalCount nodes { action after } } }',
      },
      admin.token,
    );
    expect(log.body.data.auditLog.nodes[0]).toMatchObject({
      action: "UPDATE",
      after: { id: issued.record.id, revokedAt: expect.any(String) },
    });
    expect(JSON.stringify(log.body)).not.toContain(issued.token);
    expect(
      (await post({ query: "{ auditLog { totalCount } }" }, steward.token)).body.errors[0]
        .extensions.code,
    ).toBe("FORBIDDEN");
  });
});

describe("hardening", () => {
  it("refuses a too deep query and a too costly one before running them (QUERY_TOO_COMPLEX)", async () => {
    const deep = `{ programmes { nodes { targets { indicator { code } programme { targets { programme { targets { programme { targets { programme { targets { programme { code } } } } } } } } } } } } }`;
    const r1 = await post({ query: deep });
    expect(r1.status).toBe(400);
    expect(r1.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    // Each alias alone is allowed; together they would resolve about 600k fields.
    const site = (i: number) =>
      `s${i}: monitoringSites(first: $n) { nodes { code results { site { results { year samples } } } } }`;
    const costly = `query($n: Int) { ${[1, 2, 3, 4, 5].map(site).join(" ")} }`;
    expect(
      (await post({ query: `query($n: Int) { ${site(1)} }`, variables: { n: 1000 } })).body.errors,
    ).toBeUndefined();
    const r2 = await post({ query: costly, variables: { n: 1000 } });
    expect(r2.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(Number(r2.headers.get("x-sql-statements") ?? 0)).toBe(0);
    const introspection = await post({
      query:
        "{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } }",
    });
    expect(introspection.body.errors).toBeUndefined();
  });

  it("answers 429 RATE_LIMITED over the limit", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await post({ query: "{ __typename }" }, undefined, limited)).status);
    }
    expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
    const over = await post({ query: "{ __typename }" }, undefined, limited);
    expect(over.status).toBe(429);
    expect(over.body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client (a token) has its own bucket.
    expect((await post({ query: "{ __typename }" }, admin.token, limited)).status).toBe(200);
  });

  it("accepts a body over 1 MB only with a token (room for a CSV import)", async () => {
    const csv =
      "site_code,site_name,unit,sector,year,factor,samples,samples_over_limit\n" +
      "x,y,hai-duong-63,textiles,2023,noise,1,0\n".repeat(40_000);
    const query =
      "mutation($csv: String!) { importCsv(layout: MONITORING, csv: $csv, dryRun: true) { rows problems { line } } }";
    expect((await post({ query, variables: { csv } })).status).toBe(413);
    const r = await post({ query, variables: { csv } }, steward.token);
    expect(r.status).toBe(200);
    expect(r.body.data.importCsv.rows).toBe(40_000);
  });

  it("keeps the audit log append-only, even for direct SQL", async () => {
    const conn = app.orm.em.getConnection();
    expect((await conn.execute("select count(*)::int n from audit_log"))[0].n).toBeGreaterThan(0);
    await expect(conn.execute(`update audit_log set user_name = 'someone else'`)).rejects.toThrow(
      /append-only|permission denied/,
    );
    await expect(conn.execute("delete from audit_log")).rejects.toThrow(
      /append-only|permission denied/,
    );
    await expect(conn.execute("truncate audit_log")).rejects.toThrow(
      /append-only|permission denied/,
    );
    const schema = await post({ query: "{ __schema { mutationType { fields { name } } } }" });
    const names: string[] = schema.body.data.__schema.mutationType.fields.map(
      (f: { name: string }) => f.name,
    );
    expect(names.filter(n => /audit/i.test(n))).toEqual([]);
  });

  it("sends security headers and no stack traces", async () => {
    const res = await post({ query: "{ units(first: -1) { totalCount } }" });
    expect(res.body.errors[0].extensions.stacktrace).toBeUndefined();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(res.headers.get("strict-transport-security")).toBeNull(); // plain http here
  });
});
