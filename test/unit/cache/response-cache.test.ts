import { afterEach, describe, expect, it, vi } from "vitest";
import { ResponseCache } from "../../../server/cache/response-cache.js";

describe("ResponseCache", () => {
  afterEach(() => vi.useRealTimers());

  it("returns what was stored and counts hits and misses", () => {
    const cache = new ResponseCache(10, 1000);
    expect(cache.get("a")).toBeUndefined();
    const body = { data: 1 };
    cache.set("a", body);
    expect(cache.get("a")).toBe(body);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it("evicts the least recently used entry when full", () => {
    const cache = new ResponseCache(2, 1000);
    cache.set("a", { v: "A" });
    cache.set("b", { v: "B" });
    cache.get("a"); // a is now more recent than b
    cache.set("c", { v: "C" });
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual({ v: "A" });
    expect(cache.get("c")).toEqual({ v: "C" });
  });

  it("expires entries after the time to live and empties on clear", () => {
    vi.useFakeTimers();
    const cache = new ResponseCache(10, 1000);
    cache.set("a", { v: "A" });
    vi.advanceTimersByTime(1001);
    expect(cache.get("a")).toBeUndefined();
    cache.set("b", { v: "B" });
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("drops an answer computed before a clear, so a write is never undone by a slow reader", () => {
    const cache = new ResponseCache(10, 1000);
    const startedAt = cache.generation;
    cache.clear(); // a write committed while the answer was being computed
    cache.set("a", { v: "stale" }, startedAt);
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", { v: "fresh" }, cache.generation);
    expect(cache.get("a")).toEqual({ v: "fresh" });
  });
});
