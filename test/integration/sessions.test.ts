import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { createApp, startApp, type RunningApp } from "../../server/app.js";
import { hashToken } from "../../server/auth/tokens.js";
import { Role } from "../../server/auth/user.entity.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/** Browser sessions: sign-in by token, the cookie, expiry, CSRF, sign-out, and bearer tokens beside them. */
let app: RunningApp;
let url: string;
let steward: TestUser;
beforeAll(async () => {
  url = await createTestDatabase("sessions");
  app = await startApp({ databaseUrl: url, port: 0, production: true, illustrative: false });
  steward = await makeUser(app.orm, "Steward HP", Role.STEWARD, ["hai-phong-63"]);
});
afterAll(async () => {
  await app.close();
  await dropTestDatabase(url);
});

interface Sent {
  cookie?: string;
  csrf?: boolean;
  token?: string;
  https?: boolean;
}

const post = async (body: unknown, { cookie, csrf = true, token, https }: Sent = {}) => {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(csrf ? { "x-osh-request": "1" } : {}),
      ...(cookie ? { cookie } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(https ? { "x-forwarded-proto": "https" } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as any,
    setCookie: res.headers.getSetCookie(),
  };
};

const signIn = async (token = steward.token) => {
  const res = await post({
    query: "mutation($t: String!) { signIn(token: $t) { name role } }",
    variables: { t: token },
  });
  const header = res.setCookie.find(c => c.startsWith("osh_session=")) ?? "";
  return { ...res, header, cookie: header.split(";")[0] };
};

const ME = { query: "{ me { name role units { code nameVi } } }" };
const WRITE = {
  query: `mutation { createSource(input: { code: "sess-src", title: "Báo cáo Sở Nội vụ", grade: A }) { code } }`,
};

describe("sessions", () => {
  it("signs in with a token: an HttpOnly, SameSite=Strict cookie on path /; me names the user and units", async () => {
    const res = await signIn();
    expect(res.body.data.signIn).toEqual({ name: "Steward HP", role: "STEWARD" });
    expect(res.header).toMatch(/^osh_session=[A-Za-z0-9_-]{43};/);
    expect(res.header).toMatch(/HttpOnly/i);
    expect(res.header).toMatch(/SameSite=Strict/i);
    expect(res.header).toMatch(/Path=\//);
    expect(res.header).toMatch(/Max-Age=604800/);
    expect(res.header).not.toMatch(/Secure/i); // plain HTTP here
    const me = await post(ME, { cookie: res.cookie });
    expect(me.body.data.me).toEqual({
      name: "Steward HP",
      role: "STEWARD",
      units: [{ code: "hai-phong-63", nameVi: "Hải Phòng" }],
    });
  });

  it("stores only the sha256 of the cookie secret", async () => {
    const { cookie } = await signIn();
    const secret = cookie.split("=")[1];
    const rows = await app.orm.em
      .getConnection()
      .execute(`select hash from user_session order by id desc limit 1`);
    expect(rows[0].hash).toBe(hashToken(secret));
    const all = JSON.stringify(
      await app.orm.em.getConnection().execute(`select * from user_session`),
    );
    expect(all).not.toContain(secret);
  });

  it("sets Secure when the request came over HTTPS (behind a trusted TLS proxy)", async () => {
    const { app: express } = await createApp({ orm: app.orm });
    express.set("trust proxy", true);
    const server = express.listen(0);
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-osh-request": "1",
          "x-forwarded-proto": "https",
        },
        body: JSON.stringify({
          query: "mutation($t: String!) { signIn(token: $t) { name } }",
          variables: { t: steward.token },
        }),
      });
      const header = res.headers.getSetCookie().find(c => c.startsWith("osh_session="))!;
      expect(header).toMatch(/; Secure/);
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });

  it("refuses a bad token, and a sign-in without the app's header", async () => {
    const bad = await signIn("osh_not-a-real-token");
    expect(bad.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(bad.header).toBe("");
    const res = await post(
      {
        query: "mutation($t: String!) { signIn(token: $t) { name } }",
        variables: { t: steward.token },
      },
      { csrf: false },
    );
    expect(res.body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(res.setCookie).toEqual([]);
  });

  it("refuses a cookie request without X-OSH-Request (CSRF): FORBIDDEN, nothing written", async () => {
    const { cookie } = await signIn();
    const before = await fingerprint(app.orm);
    const res = await post(WRITE, { cookie, csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(await fingerprint(app.orm)).toEqual(before);
    const ok = await post(WRITE, { cookie });
    expect(ok.body.data.createSource.code).toBe("sess-src");
  });

  it("ends a session idle 12 hours or 7 days old; the expired cookie reads as anonymous", async () => {
    const conn = app.orm.em.getConnection();
    const idle = await signIn();
    await conn.execute(
      `update user_session set last_seen_at = now() - interval '12 hours 1 minute' where hash = ?`,
      [hashToken(idle.cookie.split("=")[1])],
    );
    const res = await post(ME, { cookie: idle.cookie });
    expect(res.body.data.me).toBeNull();
    expect(res.setCookie.some(c => /^osh_session=;/.test(c))).toBe(true);
    const old = await signIn();
    await conn.execute(
      `update user_session set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where hash = ?`,
      [hashToken(old.cookie.split("=")[1])],
    );
    expect((await post(ME, { cookie: old.cookie })).body.data.me).toBeNull();
    const write = await post(WRITE, { cookie: old.cookie });
    expect(write.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("signs out at once: cookie cleared, row revoked, the next write UNAUTHENTICATED", async () => {
    const { cookie } = await signIn();
    const out = await post({ query: "mutation { signOut }" }, { cookie });
    expect(out.body.data.signOut).toBe(true);
    expect(out.setCookie.some(c => /^osh_session=;/.test(c))).toBe(true);
    const rows = await app.orm.em
      .getConnection()
      .execute(`select revoked_at from user_session where hash = ?`, [
        hashToken(cookie.split("=")[1]),
      ]);
    expect(rows[0].revoked_at).not.toBeNull();
    // Even a client that kept the old cookie is anonymous now.
    const write = await post(
      {
        query: `mutation { createSource(input: { code: "after-out", title: "x", grade: B }) { code } }`,
      },
      { cookie },
    );
    expect(write.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("lists the caller's sessions, marks the current one, and revokes another", async () => {
    const a = await signIn();
    const b = await signIn();
    const list = await post(
      { query: "{ mySessions { id current userAgent } }" },
      { cookie: a.cookie },
    );
    const sessions = list.body.data.mySessions as { id: number; current: boolean }[];
    expect(sessions.filter(s => s.current)).toHaveLength(1);
    // Newest first: the first one that is not the current one is b, signed in after a.
    const other = sessions.find(s => !s.current)!;
    const revoke = await post(
      { query: "mutation($id: Int!) { revokeSession(id: $id) }", variables: { id: other.id } },
      { cookie: a.cookie },
    );
    expect(revoke.body.data.revokeSession).toBe(true);
    const again = await post(
      { query: "mutation($id: Int!) { revokeSession(id: $id) }", variables: { id: other.id } },
      { cookie: a.cookie },
    );
    expect(again.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect((await post(ME, { cookie: b.cookie })).body.data.me).toBeNull();
    expect((await post(ME, { cookie: a.cookie })).body.data.me.name).toBe("Steward HP");
  });

  it("rate-limits failed sign-ins per address like bad bearer tokens", async () => {
    const limited = await startApp({
      databaseUrl: url,
      port: 0,
      production: true,
      illustrative: false,
      rateLimit: { burst: 25, perSecond: 0.01 },
    });
    try {
      const attempt = async (token: string) => {
        const res = await fetch(`${limited.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-osh-request": "1" },
          body: JSON.stringify({
            query: "mutation($t: String!) { signIn(token: $t) { name } }",
            variables: { t: token },
          }),
        });
        return ((await res.json()) as any).errors?.[0]?.extensions?.code ?? "OK";
      };
      // Each failure costs 10 of 25 points: two guesses, then even the right token must wait.
      expect(await attempt("osh_guess-1")).toBe("UNAUTHENTICATED");
      expect(await attempt("osh_guess-2")).toBe("UNAUTHENTICATED");
      expect(await attempt(steward.token)).toBe("RATE_LIMITED");
    } finally {
      await limited.close();
    }
  });

  it("keeps bearer tokens working for scripts, with no header needed", async () => {
    const res = await post(ME, { token: steward.token, csrf: false });
    expect(res.body.data.me.name).toBe("Steward HP");
  });

  it("audits sign-in, sign-out and a refused sign-in, without the token or the session secret", async () => {
    const audits = async (action: string) =>
      (await app.orm.em
        .getConnection()
        .execute(
          `select user_id, user_name, entity, entity_id, after from audit_log where action = ? order by id`,
          [action],
        )) as {
        user_id: number | null;
        user_name: string;
        entity: string;
        entity_id: string;
        after: { address: string | null; userAgent: string | null };
      }[];
    const inCount = (await audits("SIGN_IN")).length;
    const { cookie } = await signIn();
    const [session] = await app.orm.em
      .getConnection()
      .execute(`select id from user_session where hash = ?`, [hashToken(cookie.split("=")[1])]);
    const signedIn = (await audits("SIGN_IN")).at(-1)!;
    expect((await audits("SIGN_IN")).length).toBe(inCount + 1);
    expect(signedIn).toMatchObject({
      user_id: steward.user.id,
      user_name: "Steward HP",
      entity: "user_session",
      entity_id: String(session.id),
      after: { address: expect.stringMatching(/127\.0\.0\.1/) },
    });

    await post({ query: "mutation { signOut }" }, { cookie });
    expect((await audits("SIGN_OUT")).at(-1)).toMatchObject({
      user_id: steward.user.id,
      entity_id: String(session.id),
    });

    const guess = "osh_refused-guess-0123456789";
    const refused = await signIn(guess);
    expect(refused.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await audits("SIGN_IN_REFUSED")).at(-1)).toMatchObject({
      user_id: null,
      user_name: "(không rõ / unknown)",
      entity: "user_session",
      entity_id: "-",
    });

    // Neither a token (the right one or the guess) nor the cookie secret is written anywhere.
    const [log] = await app.orm.em
      .getConnection()
      .execute(`select string_agg(audit_log::text, ' ') as text from audit_log`);
    for (const secret of [steward.token, guess, cookie.split("=")[1], hashToken(steward.token)]) {
      expect(log.text).not.toContain(secret);
    }
  });
});
