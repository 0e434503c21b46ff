import type { BenchRun, QueryRun } from "./types.js";

/**
 * The "what was done and what is left" section of RESULTS.md. The sentences that quote this
 * run's numbers are filled in from the run, so they stay true when it is rerun; the history
 * (what the numbers were before each change) is quoted from the earlier runs of this benchmark.
 */
export function recommendations(run: BenchRun): string[] {
  const find = (scale: number, query: string, cached: boolean): QueryRun | undefined => {
    const s = run.scales.find(x => x.plan.scale === scale);
    return (cached ? s?.runs : s?.uncachedRuns)?.find(q => q.query.name === query);
  };
  const idle = (scale: number, query: string, cached = false) => {
    const r = find(scale, query, cached);
    return r ? `${Math.round(r.probe.ms)} ms` : "n/a";
  };
  const p99 = (scale: number, query: string, cached = false) => {
    const r = find(scale, query, cached);
    return r ? (r.load.responses ? `${r.load.p99} ms` : `> ${run.seconds * 1000} ms`) : "n/a";
  };
  const rps = (scale: number, query: string, cached = false) =>
    find(scale, query, cached)?.load.requestsPerSecond.toFixed(0) ?? "n/a";
  const big = Math.max(...run.scales.map(s => s.plan.scale), 0);
  const many = `scorecard-${run.units34.length}`;
  const few = `scorecard-${run.units3.length}`;
  return [
    "## What was done, and what is left",
    "",
    "### Reading the numbers",
    "",
    `autocannon keeps ${run.connections} requests in flight, so latency ≈ ${run.connections} / throughput (Little's law): a p99 of`,
    `50 ms at ${run.connections} connections needs about ${Math.round(run.connections / 0.05)} req/s. Every latency miss is therefore a`,
    "question of how much CPU one request costs: the API is one Node process on a machine whose 2 cores it shares",
    "with PostgreSQL and autocannon. A computed (uncached) scorecard over all current provinces costs",
    `${idle(1, many)} alone at scale 1 and ${idle(big, many)} at scale ${big}; ${run.connections} of them at once cannot finish in 50 or 100 ms on two`,
    "cores, whatever the query shape. The targets are met by not computing the same answer twice.",
    "",
    "### Done",
    "",
    "1. **Response cache** (`server/cache/`): anonymous GraphQL POSTs are answered from an in-process LRU of",
    "   serialised responses before Apollo parses anything; a repeated scorecard costs no SQL and no serialisation.",
    "   Correct under writes: PostgreSQL triggers on every data table send `NOTIFY osh_data_changed` after each",
    "   committed statement, naming the table and, for observations, the units and data sets touched; every instance",
    "   empties the answers whose SQL read what changed (everything when its LISTEN connection drops); an answer",
    "   computed across a write that touches it is not stored. Identical requests that arrive while the",
    "   first is computed wait for it instead of computing again, so a burst after a write costs one computation, not",
    `   ${run.connections}. Effect at scale 1: ${many} with the cache p99 ${p99(1, many, true)} at ${rps(1, many, true)} req/s; computed every time`,
    `   p99 ${p99(1, many)} at ${rps(1, many)} req/s. (The first benchmark run, before any of this, measured 4.6 s p99 and 11 req/s.)`,
    "2. **Series reads** (`server/analytics-api/series.service.ts`, used by scorecard, compare, series, progress and",
    "   ranking): rows are read as plain rows (no entity hydration) and the work is linear in units (it was",
    "   indicators × units² × years); the covering partial index `observation_series (indicator_id, unit_id, year)",
    "   include (dataset, value)` gives an index-only scan. SQL per scorecard stays 6 for 3 or 34 units.",
    "3. **Monitoring rollup** (`server/monitoring/monitoring-rollup.ts`, Migration20261123120000): the summary reads",
    "   a pre-aggregated table (grouping sets over factor and year, since distinct sites do not add up over them) instead",
    "   of scanning every result. It is rebuilt in the background after monitoring writes; until the rebuild commits,",
    "   `summary_state` marks it stale and the summary reads the raw tables, so no answer is ever stale. The rollup can",
    "   answer exactly unless a year range is asked without grouping by year; that case reads the raw tables too.",
    `   Effect at scale ${big}: one computed summary ${idle(big, "monitoring-summary")} (it was 1.3-2.0 s: a parallel scan of 1.5 million`,
    `   rows and an on-disk sort for the distinct count), p99 ${p99(big, "monitoring-summary")} under load without the response cache.`,
    "4. **Counts**: the index `observation_dataset_review (dataset, review_state)` serves `totalCount` and",
    "   `containsIllustrative` of observation lists.",
    "5. **Shutdown**: Apollo's own SIGINT/SIGTERM handlers raced `app.close()` and left the process hanging with",
    '   PostgreSQL running; `stopOnTerminationSignals: false` leaves shutdown to `main.ts` (measured under "Start-up").',
    "",
    "### Left",
    "",
    `- **A computed scorecard over 34 units** is CPU-bound in Node (${idle(big, many)} alone at scale ${big}; p99 ${p99(big, many)} at`,
    `  ${run.connections} connections without the cache). It misses the latency targets whenever its answer is not cached,`,
    "  i.e. for the first request after a write (coalesced: one computation for everyone waiting) and for a",
    "  combination nobody asked for within the cache's 60 s lifetime. Next steps, in order of effect: keep the",
    "  reference data (unit lineage, programme targets with indicators) per process keyed by the seed hash; run one",
    '  instance per core behind a balancer (README, "Scaling out"); precompute the official scorecard after each',
    "  approval, as the monitoring rollup does.",
    `- **The 100-row observation list** computed costs ${idle(big, "observations")} alone but reaches only ${rps(big, "observations")} req/s: the GraphQL`,
    "  execution of 100 nodes with their unit and indicator (batched: 4 statements) and two counts. Cached it is",
    `  ${p99(big, "observations", true)} p99. Cursor pages past the first are separate cache entries.`,
    `- **checkupSummary** is not in this benchmark. At scale ${big} it aggregates 1 million check-up rows (and unnests their`,
    "  disease lists) on every uncached call, like the monitoring summary did; the same rollup pattern applies and is",
    "  not built yet.",
    `- **${few} vs ${many}**: the SQL count is equal, but the Node work grows with the cells (units × targets), as it must.`,
    "",
  ];
}
