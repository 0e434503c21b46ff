import { describe, expect, it } from "vitest";
import { settled } from "../../../bench/warm-up.js";
import { warmUpSection } from "../../../bench/warm-up-report.js";
import type { QueryRun } from "../../../bench/types.js";

describe("the bench's warm-up", () => {
  it("goes on while the CPU per request still falls", () => {
    // The 34-province scorecard at scale 1 on a fresh server (ms per request, one-second windows).
    const windows = [5.0, 3.31, 2.74, 2.84, 2.71, 2.25, 2.3, 2.26, 2.13, 2.09, 2.11, 2.28];
    const stops = windows.map((_, i) => settled(windows.slice(0, i + 1)));
    // Three windows fall by more than 5 % from the three before them until the twelfth second.
    expect(stops.indexOf(true)).toBe(11);
    // One slow second does not end it (this run went on from 2.9 to ~2.1 ms).
    expect(settled([5.8, 3.2, 2.9, 2.6, 3.2, 2.5])).toBe(false);
  });

  it("needs six windows before it can stop", () => {
    expect(settled([1, 1, 1, 1, 1])).toBe(false);
    expect(settled([1, 1, 1, 1, 1, 1])).toBe(true);
  });

  it("stops when the cost rises again (noise, not a cold JIT)", () => {
    expect(settled([2.0, 2.0, 2.0, 2.4, 2.2, 2.0])).toBe(true);
    expect(settled([2.0, 2.0, 2.0, 1.8, 1.9, 1.8])).toBe(false);
  });

  it("reports each query's windows, and nothing for runs without a warm-up", () => {
    const run = (warmUp?: QueryRun["warmUp"]) =>
      ({ query: { name: "q", label: "(a) q", body: "" }, warmUp }) as unknown as QueryRun;
    expect(warmUpSection([run()])).toEqual([]);
    const lines = warmUpSection([run({ seconds: 6, cpuMsPerRequest: [3, 2, 2, 2, 2, 2] })]);
    expect(lines).toContain("| (a) q | 6 | 3.00, 2.00, 2.00, 2.00, 2.00, 2.00 |");
  });
});
