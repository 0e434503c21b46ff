import { drive } from "./drive.js";
import type { BenchQuery } from "./queries.js";

/**
 * How the server warmed up on one query: the server's CPU per request in each one-second window
 * at 4 connections, in order. The first windows show what a cold server pays; the last is where
 * the measured runs start from.
 */
export interface WarmUp {
  seconds: number;
  cpuMsPerRequest: number[];
}

export const WARM_UP_CONNECTIONS = 4;
/** `settled` compares the mean of the last SPAN windows with that of the SPAN before them. */
const SPAN = 3;
/** A query that never settles (noise, a slow aggregate) is measured after this long anyway. */
export const WARM_UP_MAX_SECONDS = 15;
/** "No longer falling": the last three windows are within this fraction of the three before. */
const SETTLED_WITHIN = 0.05;

/**
 * Whether the server's CPU per request has stopped falling: the mean of the last three windows
 * is not more than 5 % below the mean of the three before them. Three-window means, because a
 * single second on this shared machine swings by 10-20 % either way: with two, one slow second
 * ended a scorecard's warm-up after 5 s at 2.9 ms per request, where it went on to ~2.1 ms.
 *
 * Why the bench needs it: V8 optimises a query's code over its first thousand or so requests.
 * With the earlier fixed 2 s warm-up, the 34-province scorecard at scale 1 was measured at 4-5 ms
 * of CPU per request where the same server settles at ~2 ms after 6-9 s, and the observation
 * page at scale 100 at 1.7 ms where it settles at 0.65 ms: the runs measured the JIT, not the
 * server a user meets after its first minute.
 */
export function settled(cpuMsPerRequest: readonly number[]): boolean {
  const n = cpuMsPerRequest.length;
  if (n < 2 * SPAN) return false;
  const mean = (from: number) =>
    cpuMsPerRequest.slice(from, from + SPAN).reduce((a, b) => a + b, 0) / SPAN;
  return mean(n - SPAN) >= mean(n - 2 * SPAN) * (1 - SETTLED_WITHIN);
}

/**
 * Drives one query at 4 connections in one-second windows until the server's CPU per request
 * (`cpuMs`: its user + system time from /proc) has settled, or for at most 15 s. Also fills the
 * pools, the ORM's metadata caches and PostgreSQL's buffers, as the fixed warm-up did.
 */
export async function warmUntilSteady(
  url: string,
  query: BenchQuery,
  cpuMs: () => number,
  maxSeconds = WARM_UP_MAX_SECONDS,
): Promise<WarmUp> {
  const windows: number[] = [];
  while (windows.length < maxSeconds) {
    const before = cpuMs();
    const result = await drive(url, query, 1, WARM_UP_CONNECTIONS);
    windows.push((cpuMs() - before) / Math.max(1, result.requests));
    if (settled(windows)) break;
  }
  return { seconds: windows.length, cpuMsPerRequest: windows };
}

/** "7 s (CPU ms/request 5.8 3.2 ...)", for the bench's progress log. */
export const describeWarmUp = (w: WarmUp): string =>
  `${w.seconds} s (CPU ms/request ${w.cpuMsPerRequest.map(c => c.toFixed(1)).join(" ")})`;
