import { describe, expect, it } from "vitest";
import { issue14Verdicts } from "../../../bench/targets-peer.js";
import type { BenchRun } from "../../../bench/types.js";

const load = (requestsPerSecond: number, p50: number) =>
  ({ requestsPerSecond, p50, p99: p50 * 3 }) as never;

/** A run with only what issue 14's verdicts read; the figures are made up for the test. */
function run(ours: number, peer: number, oursP50: number, rawP50: number): BenchRun {
  const side = (rps: number, p50: number) => ({
    runs: [load(rps, p50)],
    rssEndMb: 200,
    cpuMsPerRequest: [1],
  });
  return {
    scales: [
      {
        plan: { scale: 100 },
        peer: {
          reads: [],
          rounds: 1,
          seconds: 3,
          oursStartRssMb: 130,
          peerStartRssMb: 120,
          measures: [
            {
              read: "a-indicator-page",
              label: "(a)",
              connections: 1,
              ours: side(ours, oursP50),
              peer: side(peer, 3),
              raw: { requestsPerSecond: 600, p50: rawP50, p99: 3 },
              loadAverages: [1],
            },
            {
              read: "z-typename",
              label: "(z)",
              connections: 1,
              ours: side(1, 9),
              peer: side(100, 1),
              raw: { requestsPerSecond: 600, p50: 0.1, p99: 1 },
              loadAverages: [1],
            },
          ],
        },
      },
    ],
    soakB: [
      {
        seconds: 60,
        query: "(b)",
        samples: [
          { second: 0, rssMb: 180 },
          { second: 60, rssMb: 262 },
        ],
        load: load(400, 5),
        growthAfterWarmUp: 0.03,
      },
    ],
    mixed: {
      scale: 1,
      seconds: 60,
      readers: 32,
      writtenUnit: "vinh-long-34",
      readsPerSecond: 3900,
      readP50: 7,
      readP99: 24,
      readErrors: 0,
      writes: 268,
      writeErrors: 0,
      staleReads: 1,
      writeMsP50: 100,
      writeMsMax: 300,
      loadAverage: 1,
    },
    startup: {
      cold: { readyMs: 2100, readyLine: "" },
      warm: { readyMs: 1600, readyLine: "" },
    },
  } as unknown as BenchRun;
}

const byTarget = (r: BenchRun) =>
  Object.fromEntries(issue14Verdicts(r).map(v => [v.target.split(":")[0], v]));

describe("issue 14 verdicts", () => {
  it("judges the peer ratio and the raw pg factor, and leaves { __typename } out", () => {
    const slow = issue14Verdicts(run(280, 300, 4, 1.2));
    const ratio = slow.find(v => v.target.includes("ours/PostGraphile"))!;
    expect(ratio.met).toBe(false);
    expect(ratio.measured).toContain("0.93");
    expect(slow.find(v => v.target.includes("raw pg"))!.met).toBe(false); // 4 / 1.2 = 3.3×
    expect(slow.some(v => v.target.startsWith("z-typename"))).toBe(false);
    const fast = issue14Verdicts(run(320, 300, 2, 0.4));
    expect(fast.find(v => v.target.includes("ours/PostGraphile"))!.met).toBe(true);
    // A raw p50 under autocannon's 1 ms resolution counts as 1 ms: 2 ms is 2×, within 3×.
    expect(fast.find(v => v.target.includes("raw pg"))!.measured).toContain("(2.0×)");
  });

  it("fails memory on the peak, the mixed run on one stale read, and the warm start over 1.5 s", () => {
    const v = issue14Verdicts(run(320, 300, 2, 1));
    const soak = v.find(x => x.target.startsWith("RSS over 60 s"))!;
    expect(soak).toMatchObject({ met: false, miss: "12.0 MB over" });
    expect(v.find(x => x.target.startsWith("32 readers"))).toMatchObject({
      met: false,
      miss: "1 stale reads",
    });
    const t = byTarget(run(320, 300, 2, 1));
    expect(t["cold start (empty data folder) to ready ≤ 3 s"].met).toBe(true);
    expect(t["warm start to ready ≤ 1.5 s"]).toMatchObject({ met: false, miss: "100 ms over" });
  });

  it("says what was not run instead of passing it", () => {
    const empty = { scales: [], soakB: [], startup: null } as unknown as BenchRun;
    const v = issue14Verdicts(empty);
    expect(v.length).toBe(4);
    expect(v.every(x => x.met === null && x.measured.startsWith("not run"))).toBe(true);
  });
});
