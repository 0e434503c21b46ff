import { setFlagsFromString } from "node:v8";

/**
 * V8 settings for serving, applied once the server is ready.
 *
 * `--heap-growing-percent=200`: from here on, V8's old space grows to at most 3× what survived
 * the last major collection. V8's own factor goes up to 4× on a machine with this much memory:
 * under read (b) at c=32 old space reached ~165 MB over a live set of ~40 MB and RSS peaked at
 * 241-251 MB. At 3×, 40-45 s of (b) peaked at 203 MB (scale 1) and 208 MB (scale 100) at the
 * same throughput, and the 34-province scorecard, the read that allocates most, kept its
 * throughput in interleaved rounds (bench/RESULTS.md, item 25). 1.5× cost it a quarter.
 *
 * `--no-allocation-site-pretenuring`: V8 otherwise watches which allocation sites' objects
 * survive young collections and, past a threshold, allocates their objects straight in the old
 * generation. Under load a request's arrays and maps do survive one collection (it is in
 * flight), so they get pretenured; from then on every answer is an old array pointing at young
 * points, and a young collection keeps whatever an old object points at, dead or not, until the
 * next major one. Requests one after another, 34-province scorecard at scale 1: 17.9 % of what
 * was allocated survived each young collection (5 ms pauses); without pretenuring, 0.7 % (1 ms).
 * At c=32, with REQUEST_CONCURRENCY's queue in front of Apollo: 18-21 % against 3 % (item 30).
 *
 * Both are set once the server is ready rather than given on the command line: during the start
 * the heap grows from nothing, and the growth cap there meant more major collections while
 * ~1,500 modules load (+100-200 ms to ready in four interleaved pairs of starts). V8 reads both
 * flags when it uses them (the next old-space limit it sets, the next pretenuring decision), and
 * the figures above were measured with them set here.
 */
export function tuneHeapForServing(): void {
  setFlagsFromString("--heap-growing-percent=200");
  setFlagsFromString("--no-allocation-site-pretenuring");
}
