import { describe, expect, it } from "vitest";
import { defaultRequestConcurrency, readConfig } from "../../../server/config.js";

describe("readConfig", () => {
  it("uses the documented defaults when nothing is set", () => {
    const config = readConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeNull();
    expect(config.replicaUrls).toEqual([]);
    expect(config.illustrativeData).toBe(true);
    expect(config.responseCache).toBe(true);
    expect(config.rateLimit).toEqual({ burst: 300, perSecond: 50 });
    expect(config.dataDir.endsWith(".data")).toBe(true);
    expect(config.production).toBe(true);
    expect(config.analyticsConcurrency).toBe(defaultRequestConcurrency());
    expect(readConfig({ NODE_ENV: "development" }).production).toBe(false);
    expect(readConfig({ ANALYTICS_CONCURRENCY: " 16 " }).analyticsConcurrency).toBe(16);
    // Two requests in progress per core, at least four.
    expect(config.requestConcurrency).toBe(defaultRequestConcurrency());
    expect(defaultRequestConcurrency(1)).toBe(4);
    expect(defaultRequestConcurrency(2)).toBe(4);
    expect(defaultRequestConcurrency(8)).toBe(16);
    expect(readConfig({ REQUEST_CONCURRENCY: "12" }).requestConcurrency).toBe(12);
    // No pool size set: the ORM's default (two connections per core, at least 4).
    expect(config.poolMax).toBeNull();
    expect(readConfig({ DATABASE_POOL_MAX: " 12 " }).poolMax).toBe(12);
  });

  it("reads the switches and lists", () => {
    const config = readConfig({
      PORT: "8080",
      DATABASE_URL: " postgres://x/y ",
      DATABASE_REPLICA_URLS: "postgres://r1/y, ,postgres://r2/y",
      ILLUSTRATIVE_DATA: "OFF",
      RESPONSE_CACHE: "off",
      RATE_LIMIT: "off",
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: "postgres://x/y",
      replicaUrls: ["postgres://r1/y", "postgres://r2/y"],
      illustrativeData: false,
      responseCache: false,
      rateLimit: null,
    });
    expect(readConfig({ RATE_LIMIT: "10/2.5" }).rateLimit).toEqual({ burst: 10, perSecond: 2.5 });
  });

  it("refuses a bad port or rate limit with a message naming the setting", () => {
    expect(() => readConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => readConfig({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => readConfig({ RATE_LIMIT: "fast" })).toThrow(/RATE_LIMIT/);
    expect(() => readConfig({ RATE_LIMIT: "0/5" })).toThrow(/RATE_LIMIT/);
    for (const bad of ["0", "-1", "2.5", "many", "100000"]) {
      expect(() => readConfig({ ANALYTICS_CONCURRENCY: bad })).toThrow(/ANALYTICS_CONCURRENCY/);
    }
    for (const bad of ["0", "-1", "2.5", "many", "1000"]) {
      expect(() => readConfig({ DATABASE_POOL_MAX: bad })).toThrow(/DATABASE_POOL_MAX/);
    }
  });
});
