import { setFlagsFromString } from "node:v8";

/**
 * From here on, V8's old space grows to at most 3× what survived the last major collection
 * (`--heap-growing-percent=200`). V8's own factor goes up to 4× on a machine with this much
 * memory: under read (b) at c=32 old space reached ~165 MB over a live set of ~40 MB and RSS
 * peaked at 241-251 MB. At 3×, 40-45 s of (b) peaked at 203 MB (scale 1) and 208 MB (scale
 * 100) at the same throughput, and the 34-province scorecard, the read that allocates most, kept
 * its throughput in interleaved rounds (bench/RESULTS.md, item 25). 1.5× cost it a quarter.
 *
 * Called once the server is ready rather than given on the command line: during the start the
 * heap grows from nothing, and the cap there meant more major collections while ~1,500 modules
 * load: +100-200 ms to ready in four interleaved pairs of starts (medians: warm ~910 → ~995 ms,
 * cold ~2,030 → ~2,240 ms; a second series of three was within the machine's noise). V8 reads
 * the flag each time it sets the next limit, so it applies from the next major collection on.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString("--heap-growing-percent=200");
}
