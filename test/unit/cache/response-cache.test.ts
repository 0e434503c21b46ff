import { afterEach, describe, expect, it, vi } from "vitest";
import { ResponseCache } from "../../../server/cache/response-cache.js";
import { parseChange } from "../../../server/cache/tags.js";

const ALL = new Set(["*"]);

describe("ResponseCache", () => {
  afterEach(() => vi.useRealTimers());

  it("returns what was stored and counts hits and misses", () => {
    const cache = new ResponseCache(10, 1000);
    expect(cache.get("a")).toBeUndefined();
    const body = { data: 1 };
    cache.set("a", body, ALL);
    expect(cache.get("a")).toBe(body);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it("evicts the least recently used entry when full", () => {
    const cache = new ResponseCache(2, 1000);
    cache.set("a", { v: "A" }, ALL);
    cache.set("b", { v: "B" }, ALL);
    cache.get("a"); // a is now more recent than b
    cache.set("c", { v: "C" }, ALL);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual({ v: "A" });
    expect(cache.get("c")).toEqual({ v: "C" });
  });

  it("expires entries after the time to live and empties on clear", () => {
    vi.useFakeTimers();
    const cache = new ResponseCache(10, 1000);
    cache.set("a", { v: "A" }, ALL);
    vi.advanceTimersByTime(1001);
    expect(cache.get("a")).toBeUndefined();
    cache.set("b", { v: "B" }, ALL);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("drops an answer computed before a clear, so a write is never undone by a slow reader", () => {
    const cache = new ResponseCache(10, 1000);
    const startedAt = cache.generation;
    cache.clear(); // a write committed while the answer was being computed
    cache.set("a", { v: "stale" }, ALL, startedAt);
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", { v: "fresh" }, ALL, cache.generation);
    expect(cache.get("a")).toEqual({ v: "fresh" });
  });

  it("empties only the entries a change touches, by table, unit and data set", () => {
    const cache = new ResponseCache(10, 1000);
    cache.set("unitA", "A", new Set(["observation:unit:1", "indicator"]));
    cache.set("unitB", "B", new Set(["observation:unit:2", "indicator"]));
    cache.set("official", "O", new Set(["observation:dataset:OFFICIAL"]));
    cache.set("anyObservation", "X", new Set(["observation"]));
    cache.set("sources", "S", new Set(["source"]));
    cache.set("unknown", "?", ALL);
    expect(cache.invalidate(parseChange("observation unit:1,5 dataset:ILLUSTRATIVE"))).toBe(3);
    expect(
      ["unitA", "unitB", "official", "anyObservation", "sources", "unknown"].map(k => cache.get(k)),
    ).toEqual([undefined, "B", "O", undefined, "S", undefined]);
    // A change without units (a large import, a TRUNCATE) reaches every unit's entries.
    cache.set("unitA", "A", new Set(["observation:unit:1"]));
    cache.invalidate(parseChange("observation dataset:OFFICIAL"));
    expect([cache.get("unitA"), cache.get("unitB"), cache.get("official")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(cache.get("sources")).toBe("S");
    cache.invalidate(parseChange("source"));
    expect(cache.get("sources")).toBeUndefined();
    // A payload it cannot read (or a dropped connection) empties everything.
    cache.set("indicators", "I", new Set(["indicator"]));
    cache.invalidate(parseChange(null));
    expect(cache.size).toBe(0);
  });

  it("keeps a late answer only when no change since it started touches what it read", () => {
    const cache = new ResponseCache(10, 1000);
    const startedAt = cache.generation;
    cache.invalidate(parseChange("monitoring_result"));
    cache.set("observations", "kept", new Set(["observation:unit:2"]), startedAt);
    cache.set("monitoring", "dropped", new Set(["monitoring_result"]), startedAt);
    expect(cache.get("observations")).toBe("kept");
    expect(cache.get("monitoring")).toBeUndefined();
  });
});
