import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { readTrustProxy } from "../../server/config.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";

/**
 * TRUST_PROXY: off by default, X-Forwarded-For is ignored, so a client cannot pick the address its
 * rate limit is counted on; behind a trusted proxy, each real client gets its own limit.
 */
let url: string;
beforeAll(async () => {
  url = await createTestDatabase("trustproxy");
});
afterAll(async () => {
  await dropTestDatabase(url);
});

/** Starts the app with a 3-request burst and TRUST_PROXY as given (unset: the default). */
async function limitedApp(trustProxy: string | undefined): Promise<RunningApp> {
  const saved = process.env.TRUST_PROXY;
  if (trustProxy === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = trustProxy;
  try {
    return await startApp({
      databaseUrl: url,
      port: 0,
      production: true,
      illustrative: false,
      responseCache: false,
      rateLimit: { burst: 3, perSecond: 0.01 },
    });
  } finally {
    if (saved === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = saved;
  }
}

/** HTTP statuses of anonymous queries, each claiming to come from the given X-Forwarded-For. */
async function statuses(app: RunningApp, forwardedFor: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const xff of forwardedFor) {
    const res = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": xff },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    await res.text();
    out.push(res.status);
  }
  return out;
}

const forged = ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"];

describe("TRUST_PROXY", () => {
  it("is off by default: a forged X-Forwarded-For does not change the rate-limit key", async () => {
    const app = await limitedApp(undefined);
    try {
      // Five "different" clients are one address (127.0.0.1): the fourth request is over the burst.
      expect(await statuses(app, forged)).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await app.close();
    }
  });

  it("behind one trusted proxy, each forwarded client is limited on its own address", async () => {
    const app = await limitedApp("1");
    try {
      expect(await statuses(app, forged)).toEqual([200, 200, 200, 200, 200]);
      // The same client four times is over its own burst.
      expect(await statuses(app, Array(4).fill("198.51.100.7"))).toEqual([200, 200, 200, 429]);
    } finally {
      await app.close();
    }
  });

  it("reads off, a number of proxies, or addresses and subnets; refuses anything else", () => {
    expect(readTrustProxy({})).toBe(false);
    expect(readTrustProxy({ TRUST_PROXY: "off" })).toBe(false);
    expect(readTrustProxy({ TRUST_PROXY: "1" })).toBe(1);
    expect(readTrustProxy({ TRUST_PROXY: "loopback, 10.0.0.0/8,::1" })).toBe(
      "loopback, 10.0.0.0/8, ::1",
    );
    for (const bad of ["true", "10.0.0.0/33", "proxy.example", "1.2.3"]) {
      expect(() => readTrustProxy({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be/);
    }
  });
});
