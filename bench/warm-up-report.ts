import type { QueryRun } from "./types.js";
import { WARM_UP_CONNECTIONS, WARM_UP_MAX_SECONDS } from "./warm-up.js";

/**
 * What each query's warm-up on the cache-off server looked like (bench/warm-up.ts): what a cold
 * server pays per request in its first second, and where the measured runs started from.
 */
export function warmUpSection(runs: QueryRun[]): string[] {
  const warmed = runs.filter(r => r.warmUp);
  if (!warmed.length) return [];
  return [
    "#### Warm-up (cache off)",
    "",
    `Before each query's runs: one-second windows at ${WARM_UP_CONNECTIONS} connections until the server's CPU per request`,
    `stopped falling (the mean of the last three windows within 5 % of the three before), at most ${WARM_UP_MAX_SECONDS} s. The server starts fresh`,
    "for the cache-off table, so its first query also pays for the code every query shares.",
    "",
    "| query | warm-up s | server CPU ms per request, each window |",
    "|---|---|---|",
    ...warmed.map(
      r =>
        `| ${r.query.label} | ${r.warmUp!.seconds} | ${r.warmUp!.cpuMsPerRequest.map(c => c.toFixed(2)).join(", ")} |`,
    ),
    "",
  ];
}
