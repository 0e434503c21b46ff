import { median } from "./peer.js";
import { evaluate } from "./targets.js";
import type { BenchRun, QueryRun } from "./types.js";
import { formatMs } from "./drive.js";

/**
 * The "before and after, what was done and what is left" section of RESULTS.md. "Before" is
 * quoted from issue 14 (measured on this machine before the work, scale 100, cache off); "after"
 * is filled in from this run, so the section stays true when the benchmark is rerun. "Left" is
 * every target of the table above that this run did not meet, with what is known of its cause.
 */
export function recommendations(run: BenchRun): string[] {
  return [
    "## Before and after (issue 14)",
    "",
    ...beforeAfter(run),
    "",
    "## What was done, and what is left",
    "",
    "### Reading the numbers",
    "",
    `autocannon keeps ${run.connections} requests in flight, so latency ≈ ${run.connections} / throughput (Little's law): a p99 of`,
    `100 ms at ${run.connections} connections needs about ${Math.round(run.connections / 0.1)} req/s, i.e. about 3 ms of CPU per request on the`,
    "2 cores that the API server, PostgreSQL and autocannon share. Every latency miss below is a question of how much",
    "CPU one request costs, in Node or in PostgreSQL; *server CPU ms per request* (from /proc) is the figure that varies",
    "least with the machine's load, and the load average before each run is printed beside it.",
    "",
    "### Done",
    "",
    ...DONE,
    "",
    "### Left",
    "",
    ...left(run),
    "",
    "### Measured, not adopted",
    "",
    ...NOT_ADOPTED,
    "",
  ];
}

/**
 * Ways in that were tried against the misses above and measured (interleaved A/B on this
 * machine, cache off), with why they were not kept: a later attempt starts from these figures.
 */
const NOT_ADOPTED = [
  "- **A second event loop** (node:cluster, two workers each running the whole server on one port, the same database):",
  "  scorecard-34 at c=32, two interleaved rounds. Scale 1: 185 / 180 → 248 / 221 req/s, p99 342 / 373 → 210 / 283 ms.",
  "  Scale 100: 81 / 70 → 94 / 96 req/s, p99 719 / 1,081 → 545 / 646 ms. Series at scale 100: 330 / 317 → 367 / 364 req/s",
  "  but p99 144 / 142 → 181 / 178 ms. RSS: one process 217-244 MB; two workers 366-500 MB, plus 45 MB for the primary.",
  "  On 2 cores shared with PostgreSQL and autocannon a second loop gains 10-37 %, short of every missed limit, and it",
  '  doubles the memory that item 4 bounds at 250 MB. Several instances remain the way to scale (README, "Scaling out").',
  "- **V8 heap growth** (`--heap-growing-percent`, with 8, 16 or 32 MB semi-spaces): old space grew to ~165 MB between",
  "  major collections over a live set of ~40 MB (read (b), `--trace-gc`). Capping the growth at 1.5× flattened RSS under",
  "  read (b) at 144-146 MB (peaks 241-248 MB now) but cut the scale-1 scorecard from 223 / 191 to 157 / 151 req/s; with",
  "  32 MB semi-spaces and 2×, scale 1 was unchanged (204-221 against 199-213 req/s) and RSS peaks fell to 207-212 MB, but",
  "  the scale-100 scorecard fell from 80-86 to 72-85 req/s. Memory is traded for CPU at those settings; 3× with 8 MB",
  "  semi-spaces was not, and is now the server's once it is ready (done, item 25).",
  "- **Async hooks off**: MikroORM's transactions (and, with the response cache on, the read tags) switch on",
  "  AsyncLocalStorage, whose hook runs on every promise. Switching the two storages off in process, five alternations:",
  "  the scale-1 scorecard's CPU -9 to +25 % (median +8 %), a units page's -0.4 to +30 % (median +7 %). Not pursued: with",
  "  the response cache on, as `npm start` serves, the read tags need the hook on every request anyway.",
  "- **PostgreSQL over a Unix socket** instead of TCP on 127.0.0.1: a 20-row prepared statement cost the Node client",
  "  30-68 against 47-128 µs of CPU one at a time, 38 against 44 µs four at a time: 1-2 % of a request that runs 1-2",
  "  statements.",
  "- **Fewer digits**: the scale-1 scorecard answer with its numbers rounded to 4 decimals is 49,924 bytes instead of",
  "  53,550 and `JSON.stringify` takes as long (0.50 against 0.51 ms): names and structure are the answer's size.",
  "- **`ANALYTICS_CONCURRENCY`** 2 and 8 instead of 4 (scorecard-34, scale 1, c=32, three rounds): 194-220 and",
  "  207-236 req/s against 240-259.",
  "- **A generated JSON serializer** (graphql-jit's `customJSONSerializer`, fast-json-stringify from the operation's",
  "  shape): the scale-100 scorecard answer (220 kB) in 1.4-1.8 ms against `JSON.stringify`'s 2.2-2.9 ms, the same",
  "  bytes; ~5 % of that read's CPU, ~2 % at scale 1. Not adopted: graphql-jit's schema builder throws on our custom",
  "  scalars (`LocalDate`, JSON), which would send every query naming one back to graphql-js, and a builder of our own",
  "  would have to get fragments, abstract types and `@skip` exactly right to never drop a field.",
  "- **Bigger young generation for the big scorecard** (`--max-semi-space-size` 16 or 32 instead of 8), scale 100,",
  "  scorecard-34 at c=32 after 8 s of warm-up, two interleaved rounds of two runs: 8 MB 121 / 129 / 108 / 89 req/s,",
  "  16 MB 110 / 103 / 146 / 142, 32 MB 129 / 118 / 124 / 116: within the machine's noise, while 32 MB took read (b)'s",
  "  RSS to 258 MB (208 MB at 8). 16 MB was taken later, on more pairs and the smaller scorecards (item 27); 32 MB",
  "  stays out for (b)'s memory.",
  "- **Single-threaded GC** (`--single-threaded-gc`: V8's helper threads compete with PostgreSQL and the load on 2",
  "  cores), scale 100, four alternations: scorecard-3 p99 123 / 119 / 109 / 119 → 155 / 219 / 141 / 175 ms, scorecard-34",
  "  117-131 → 107-127 req/s.",
  "- **Every read statement prepared** (named, so PostgreSQL parses and plans it once per connection): a backend's CPU",
  "  per run fell 0.05-0.3 ms (the observation page 0.92-1.15 → 0.70-1.03 ms), but four alternations of the peer reads",
  "  and the observation page showed no gain (read (c) 1,232-1,716 → 1,116-1,533 req/s), and the generic plan risk of",
  "  the pages stands (`server/graphql/sql-statement.ts`). PostgreSQL's own CPU is now a large share of a list read's:",
  "  at c=32, scale 100, the observation page cost the server 0.85 ms and PostgreSQL 1.19 ms a request.",
];

const DONE = [
  "1. **Reads without managed entities** (`server/observations/*.reads.ts`, `server/units/unit.reads.ts`,",
  "   `server/graphql/sql-statement.ts`): list reads select only the requested columns in one hand-written statement per",
  "   shape (GraphQL look-ahead joins the unit, indicator and source when their selected fields are plain columns);",
  "   PostgreSQL builds the JSON of the selected fields and Node parses it once; statements go straight to the `pg`",
  "   connection of the ORM's pool (the response cache still sees what they read).",
  "2. **Observation pages** (`observation-page.reads.ts`): the page is chosen on observation columns first (a top-N sort",
  "   over the filter's index, codes resolved to ids once), only its rows are joined and turned into JSON, and the total",
  "   and the illustrative flag are one aggregate computed only when selected. Window aggregates over every matching row",
  "   had cost a full sort and JSON for every row: 3.8 → 1.6 ms for read (a), 63 → 10 ms for the first page of all",
  "   illustrative values with its total, in PostgreSQL at scale 100.",
  "3. **Lean HTTP front** (`server/http/lean-front.ts`): a JSON POST to /graphql skips Express's router and body parser",
  "   but runs the same middleware functions in the same order; graphql-jit executes repeated operations;",
  "   `NODE_ENV=production` by default; the SQL counter only when asked for.",
  "4. **Analytics lookups in one statement** (`server/analytics-api/analytics.reads.ts`): units, indicators, lineage and",
  "   targets of a scorecard, compare or series in one plain statement; 2 statements per request whatever the units.",
  "5. **Rollups**: the monitoring and check-up summaries read pre-aggregated rows (also summed over units and sectors),",
  "   rebuilt after writes, marked stale until then (then the raw tables answer, so no answer is ever stale).",
  "6. **Writes invalidate only what they touch**: answers are tagged by what their SQL read (per unit and data set for",
  "   observations); NOTIFY carries the tags to every instance; identical requests join one computation.",
  "7. **Database limits are coded**: a pool timeout, a cancelled statement or a full disk answers SERVICE_UNAVAILABLE",
  "   with `extensions.limit`, never an internal error (`server/graphql/database-limits.ts`).",
  "8. **Scale past one machine**: partitioning by year measured and not adopted (README, `npm run bench:partition`);",
  "   the read-replica path is tested against a real streaming replica (`test/integration/replicas.test.ts`); a",
  "   scale-1000 run (15.3 M monitoring results, 10 M check-ups: load 480 s, 4.9 GB) is in `bench/RESULTS-scale-1000.md`.",
  "9. **Yearly series kept as arrays** (`observation_year_series`, Migration20261201070000): each indicator × unit pair's",
  "   approved yearly totals, one row per data set, kept by triggers in the writing transaction (never stale; tested",
  "   against a walk of `observation` after every kind of write and two concurrent writers). Scorecard, series and compare",
  "   read a few hundred rows by primary key instead of one index walk, sort and aggregate per pair: the 34-province",
  "   scorecard's series statement went from ~9 ms to ~1 ms of PostgreSQL at scale 100; the analytics lookup is a",
  "   prepared statement (parse and plan once per connection: 1.9 → 1.0 ms).",
  "10. **Analytics admission** (`server/graphql/admission.ts`, `ANALYTICS_CONCURRENCY`, default 4): at most 4 analytics",
  "   requests are computed at once, the rest wait in arrival order. Interleaving 32 scorecards kept each one's objects",
  "   alive long enough to be promoted out of V8's young generation; taken four at a time they die young. Interleaved A/B",
  "   at scale 100: the 34-province scorecard's p99 315-572 ms against 743-1023 ms unlimited, the same median.",
  "11. **Observation counts kept by triggers** (`observation_count`, Migration20261201110000): approved observations per",
  "   data set × indicator × unit. `totalCount` of a filter on data sets, indicators and units sums a few hundred rows",
  "   instead of counting every matching observation (34,800 index entries for the illustrative data set at scale 100);",
  "   other filters still count. Interleaved A/B at scale 100, c=32: 180-183 → 286-321 req/s for the first page of",
  "   illustrative observations with its total.",
  "12. **Yearly series travel as bytes**: the series read returns its arrays in PostgreSQL's binary send format (base64)",
  "   instead of JSON, so no float is printed and parsed back (the 34 provinces' scale-100 series: 0.3 ms to decode",
  "   against JSON.parse's 0.8 ms).",
  "13. **Harmonised series straight from the chosen values** (`server/analytics-api/harmonised-points.ts`): a cursor",
  "   per component unit instead of per-unit year maps, count points and intermediate points (checked against the general",
  "   path on 200 generated cases). Series of 5 units × 2 indicators at scale 100, in-process A/B: 2.86 / 2.83 → 2.25 /",
  "   2.50 ms; our server at c=32, interleaved: 294 / 259 → 338 / 328 req/s.",
  "14. **A read replica that is down stops taking reads** (`server/db/replica-health.ts`): checked every second, its",
  "   reads go to the other replicas or the primary, and it takes reads again only once it has replayed the primary's",
  "   WAL (tested by stopping and restarting a real standby).",
  "15. **Less garbage per answer**: under load, a request's objects outlived a young-generation collection and were copied",
  "   (scavenges were ~19 % of the scorecard's time at c=32; a larger young generation helped throughput but took RSS",
  "   past 250 MB in the (b) soak, 287-317 MB at 32-64 MB semi-spaces). So the allocations went instead: graphql-jit's",
  "   list handler no longer makes two callbacks per plain item (`scripts/patch-graphql-jit.mjs`, applied by `npm install`),",
  "   judging reads the series' own points instead of copying them, the chosen values' arrays are sized once and their",
  "   data-set flags shared, consecutive years travel as first year and count, and an as-reported point keeps five fields",
  "   (the rest is worked out when read). The 34-province scorecard allocates 5.2 → 2.9 MB per request at scale 100 and",
  "   1.33 → 1.0 MB at scale 1 (heap sampling, in process).",
  "16. **Pages read only their rows** (`server/observations/observation-page.reads.ts`, Migration20261201180000): a",
  "   page in indicator or unit order (the default) is read per code, each code's rows in year and id order from a new",
  "   (indicator_id, year, id) index (the unit index gained the id), so the first page stops after its 100 rows instead",
  "   of sorting all 1,741 of the first indicator (~2.5 → ~0.7 ms of PostgreSQL at scale 100). A filter on one indicator",
  "   or one unit compares with one id, which lets the same indexes give a page by year unsorted (read (a): 2.9 → 1.6 ms",
  "   round trip). A unit's observations join their indicator and unit only when the selection reads them.",
  "17. **Fewer connections** (`server/db/orm.ts`, `DATABASE_POOL_MAX`): two per core, at least 4, instead of 10. On 2",
  "   shared cores, ten statements at once only queued inside PostgreSQL and took CPU from Node; with 4 the p99 at c=32",
  "   was lower for observations, series and the scorecard in interleaved runs (the figures are in the comment).",
  "18. **Start**: the GraphQL schema (~100 ms of CPU) is built while the database is prepared, and the two rollups are",
  "   checked at once.",
  "19. **`npm start` runs the server bundled** (`scripts/bundle-server.ts`, rolldown, `dist/start/`): a warm start spent",
  "   ~1 s loading ~1,500 module files (MikroORM and knex alone ~0.4 s), which Node 20 cannot cache (its compile cache",
  "   came in Node 22; `v8-compile-cache` fails on packages that `require()` an ES module). The same code in a few",
  "   chunks loads in less than half the time; the Migrator stays a chunk of its own that only a first start loads.",
  "   Interleaved starts: warm 1,775 → 989 ms, cold 3,029 → 2,258 ms (medians of 7 and 3).",
  "20. **Rollups redo only the units a write touched** (`rollup_dirty`, Migration20261201220000;",
  "   `server/monitoring/rollup-state.ts`): every write to the monitoring or check-up tables records its units, and the",
  "   rebuild redoes those units' rows (for check-ups also the movers among their establishments and every unit those",
  "   have rows in), then the coarse rows; whole only after a TRUNCATE or when more than 16 units changed (tested: after",
  "   every kind of write the tables equal a whole rebuild's). A summary that finds its rollup stale by a few units starts",
  "   their rebuild and waits for it (up to 3 s) instead of reading the raw tables. At scale 1000, after a one-row write:",
  "   the rollups were stale ~155 s (monitoring) and 55-85 s (check-ups), while each summary asked took 25-40 s on the raw",
  "   tables (whole rebuilds alone: 87 s and 69 s); now the rebuilds take 0.72-0.79 s and 0.85-0.89 s, and a summary",
  "   asked right after the write answers in 0.72-1.04 s (`bench/RESULTS-scale-1000.md`). Each scale above now has a",
  "   table of summaries asked right after a one-row write (`bench/after-write.ts`).",
  "21. **Every list page fast, not only the benchmarked ones** (`server/graphql/plain-page.ts`, `list-query.ts`,",
  "   `loaders.ts`, Migration20261202010000). Lists outside the measured reads, checked at scale 100, c=32, cache off: the",
  "   first 100 monitoring results answered 3-5 req/s, the first 100 check-ups 3-8, and with their site or unit none in",
  "   3 s. Every page counted all its matching rows (1.5 M results, ~0.3 s) even when `totalCount` was not asked, the",
  "   (year, id) order had no index, and the default data set, OFFICIAL, has no monitoring row here, so PostgreSQL read",
  "   the whole table to find none. Now a page counts only when `totalCount` or `pageInfo` is read; (year, id) is",
  "   indexed, the official rows also apart (partial indexes, a few kB); and a selection of columns and many-to-one",
  "   fields is read as plain rows instead of ORM entities (~40 µs of CPU each), with the related rows and the lists",
  "   below a page (a site's results, an indicator's targets) read plain for the whole page, one statement each.",
  "   Interleaved A/B on the same data (req/s; the old code had the new indexes, two rounds each): monitoring results",
  "   376 / 460 → 709 / 774, with site and unit 0 / 0 → 120 / 130; check-ups 335 / 357 → 567 / 569, with unit 0 / 0 →",
  "   269 / 287; targets with programme and indicator 83 / 85 → 176 / 201; indicators with targets 68 / 82 → 169 / 178;",
  "   sources 208 / 218 → 504 / 543; sites 64 / 68 → 569 / 715, with unit and results 19 / 19 → 64 / 83. The answers are",
  "   checked against the tables and against the entity path (`test/integration/plain-pages.test.ts`); (g) in the",
  "   tables above is one of these reads.",
  "22. **List pages: statements kept per filter shape, related rows two levels deep, a province's own pages**",
  "   (`server/graphql/page-statement.ts`, `plain-page.ts`, `server/units/unit-ids.ts`, Migrations 20261202040000 and",
  "   20261202050000). The page and count statements were built by MikroORM's query builder on every request (a third of",
  "   the CPU of (g)); they are now built once per shape of the filter and kept, bound with each request's values in the",
  "   order the builder itself showed (kept only when its parameters are exactly those values, all distinct). A",
  "   relation of a related row (a result's site's unit) is read plain too. And a province's own page of check-ups,",
  "   sites or results, filtered through a join on the unit's code, walked the whole table's order: PostgreSQL takes a",
  "   unit's rows to be spread evenly through it, when a province's rows sit together (Hà Nội's 100 check-ups 212 ms,",
  "   its results 337 ms in PostgreSQL at scale 100). The unit's id is now looked up first and the pages filter on it,",
  "   with (unit_id, year, id) on check-ups, (unit_id, code) on sites, and on results a `unit_id` the database keeps from",
  "   the site (triggers; a client cannot set it). Interleaved A/B against `9314d6f`, scale 100, c=32, cache off, req/s,",
  "   same data and indexes: (g) 331 / 337 / 365 → 480 / 525 / 537 (CPU 3.2-3.5 → 2.0-2.4 ms a request); results with",
  "   site and unit 120 / 124 → 481 / 514; check-ups with unit 437 / 532 → 714 / 884; targets 266 / 300 → 394 / 436;",
  "   sources 457 / 576 → 703 / 714; the web app's indicator list with `totalCount` 287 / 374 → 428 / 431, programmes",
  "   428 / 552 → 608 / 769; one province's check-ups 34 / 36 → 439 / 515, its sites 70 / 74 → 706 / 931, its results",
  "   none in 3 s → 396 / 448 ((h) in the tables above). The cost: the unit kept on each result is read from its site",
  "   by a row trigger and indexed, so bulk loads are slower (the bench's 1.53 M results at scale 100: 31.5 → 50.7 s).",
  "23. **Pages of several units** (`server/graphql/page-statement.ts`, splitPageStatement). With one unit's id",
  "   PostgreSQL reads that unit's index; with two it walked the page's (year, id) order again, keeping their rows: the",
  "   product's own pair, Hải Phòng and Hải Dương, has its rows far into that order, and the first 100 of their",
  "   check-ups took 50 ms of PostgreSQL (results alike). Up to 16 units, the page is now one UNION ALL branch per",
  "   unit, each its first offset + limit rows from the (unit_id, order) index, merged under the page's order (a Merge",
  "   Append reading about offset + limit rows in all): 0.5 ms. Interleaved A/B against `53accf8`, scale 100, c=32,",
  "   cache off, req/s: the pair's check-ups 50 / 54 → 479 / 426 ((i) in the tables above), their results 40 / 40 →",
  "   385 / 409; the first request of 5 units' check-ups 494-528 → 19-46 ms. Units whose rows the walk met early pay",
  "   for the branches: 5 spread units' results 432 / 511 → 397 / 349, 500 rows deep 846 / 713 → 631 / 507 (a first",
  "   LATERAL version, every unit's rows read and sorted, gave 353 / 367 there).",
  "24. **One indicator's or one unit's observations by its id** (`server/observations/code-ids.ts`). Filtered as",
  "   `o.indicator_id = (select id from indicator where code = $1)`, the page was planned for an unknown id: at scale 10",
  "   PostgreSQL expected 141 rows where oa-deaths has 898, read them all and sorted them (1.6 ms planning + 2.1 ms",
  "   under EXPLAIN ANALYZE) instead of walking (indicator_id, year, id) for the first 100 (0.3 + 0.7 ms). The page now",
  "   names the id last seen for the code; the same statement returns the code's id in its snapshot, and a page read",
  "   with a wrong id (a code moved to another row) is read again with the right one (tested by swapping two",
  "   indicators' and two units' codes). Interleaved, read (a) at c=1, req/s: scale 10 257 / 321 → 281 / 343 (PostGraphile",
  "   261-274); scale 100, where the plan was already the index walk, 266 / 339 → 275 / 361, c=32 within the noise.",
  "25. **Old space grows at most 3× between major collections** (`server/memory.ts`: `--heap-growing-percent=200`, set",
  "   once the server is ready; on the command line it cost the start 100-200 ms). V8 lets old space grow to 4× what",
  "   survived the last major collection on a machine with this much memory: under read (b) at c=32, ~165 MB over a live",
  "   set of ~40 MB, and RSS peaks of 241-251 MB. At 3×, 40-45 s of (b) peaked at 203-213 MB (scale 1) and 208 MB (scale",
  "   100) at the same throughput (655 against 601 / 654 req/s; 300 against 289). The scorecard, which allocates most,",
  "   kept its throughput in interleaved rounds: scale 1 257 / 253 / 280 against 239 / 218 / 311 req/s, scale 100",
  "   median 88 against 87 (1.5× had cost it a quarter, below).",
  "26. **Measured warm, and the warm-up shown** (`bench/warm-up.ts`). Each query ran after a fixed 2 s at 4",
  "   connections, while V8 was still optimising its code: the 34-province scorecard's CPU per request, in one-second",
  "   windows on a fresh server at scale 1, goes 5.0, 3.3, 2.7 ... 2.1 ms and settles after 8-12 s; the observation page",
  "   at scale 100 goes 1.7 → 0.65 ms in 6 s. Each query (and each peer read, both servers alike) now warms up until the",
  "   mean of its last three windows is within 5 % of the three before (6-15 s), and the windows are in the tables",
  '   ("Warm-up"), so the cold cost stays visible. The CPU alone is taken after half a second of unmeasured sequential',
  "   requests (the loaded warm-up's garbage otherwise lands in them: 3.6 against 2.2-2.6 ms). First full run with it:",
  "   45 of 55 targets met (40 before), the server unchanged: the four list pages at scale 100 at p99 78-83 ms (112-131).",
  "27. **V8's own young generation again** (`--max-semi-space-size=16` for `npm start` and the bench; it was 8). 8 MB",
  "   semi-spaces had kept read (b)'s RSS down while old space could still grow to 4× its live set; with that growth",
  "   bounded (item 25), 16 MB costs (b) 222-226 against 205-222 MB (40 s at c=32, scale 100, two alternations, the same",
  "   throughput) and halves the scavenges. Each scavenge copies what the requests in flight hold, about the same amount",
  "   whatever the size, so half as many cost less: scorecard-3 at scale 100, c=32, 3 s: 164-174 → 84-88 scavenges,",
  "   569-584 → 361-391 ms spent in them. Server CPU per request at c=32, 8 → 16 MB, twelve interleaved pairs:",
  "   scorecard-34 scale 1 4.33 / 4.02 / 4.70 / 3.15 / 3.54 → 3.51 / 3.83 / 4.24 / 2.54 / 3.29 ms, scale 100 11.96 /",
  "   13.34 → 11.50 / 10.94; scorecard-3 scale 1 1.66 / 1.78 / 1.63 → 1.05 / 1.56 / 1.33, scale 100 1.83 / 1.70 → 1.55 /",
  "   1.44. Series and observations at scale 100 within the noise (1.47 / 1.65 → 1.57 / 1.44; 1.05 / 1.39 → 1.39 /",
  "   1.20), and the cached observation page at scale 1 too (12,233 / 11,548 → 11,681 / 10,127 req/s). First full run",
  "   with it (2026-12-02 13:55), scale 100, cache off, against the run on `4a6cf42`: scorecard-34 118 → 162 req/s, p99",
  "   624 → 274 ms; scorecard-3 p99 132 → 76 ms; series p99 109 → 78 ms. Its scale-1 and scale-10 sections met a slower",
  "   machine: the cached reads, whose code did not change, answered 20-30 % fewer requests than in that run (scale 1:",
  "   scorecard-34 5,349 against 7,674 req/s, observations 7,548 against 9,796), and the cache-off scale-1 scorecard",
  "   fell short where the run on `4a6cf42` met its targets (244 against 353 req/s); interleaved right after the run",
  "   it was 351 / 317 req/s at 8 MB and 464 / 341 at 16 MB. Three more pairs at scale 1 after the next full run, with",
  "   the bench's own steps (warm-up until steady, 100 alone, 3 s at c=32), were mixed: alone 6.10 / 3.80 / 3.50 ms at",
  "   8 MB against 5.00 / 3.30 / 3.70 at 16, c=32 283 / 397 / 306 against 335 / 322 / 287 req/s. At scale 1 the size is",
  "   within the machine's noise; the gain is at scale 100 and for the small scorecard.",
  "28. **Observation rows travel as JSON columns** (`server/graphql/json-columns.ts`). `json_agg(json_build_object(...))`",
  "   cost PostgreSQL a type lookup and an output call for every key and value of every row (~2.7 µs a row): a unit's 401",
  "   observations took 1.4 ms to build against 0.2 ms to select, a page of 100 with unit and source 0.7-0.8 ms. Now one",
  "   `json_agg` per column, all in the same total order (PostgreSQL 16+ sorts once for all of them), and Node puts the",
  "   rows back together: 0.5-0.7 and 0.3-0.4 ms (EXPLAIN ANALYZE, 40 runs each); `JSON.parse` of arrays is also cheaper",
  "   than of objects that repeat their keys. Interleaved at scale 100, cache off, two rounds: read (a) c=1 497 / 598 →",
  "   710 / 705 req/s, c=32 947 / 918 → 1,221 / 1,237 (server CPU 0.74 → 0.63 ms a request); read (b) c=1 195 / 307 →",
  "   414 / 411 (p50 4 / 2 → 2 ms), c=32 392 / 521 → 713 / 612. Checked by unit tests of the reassembly (nulls, absent",
  "   sources, no rows) and by every integration test of the observation reads, which compare them with the entity path.",
  "29. **Requests die young again** (`server/http/lean-front.ts` `expressMessages`, `scripts/patch-apollo-gateway.mjs`).",
  "   With one request at a time (`--trace-gc-nvp`, scale 100), 18-29 % of what `{ __typename }` requests allocated",
  "   survived each scavenge and was copied on into the old generation, against 0.1 % for a bare Node server, and each",
  "   scavenge took ~4 ms. Two things gave every request an old-generation object pointing at it: the prototype switch",
  "   (Express's, which the lean path did too: `Object.setPrototypeOf(req, app.request)`) and the object literal with a",
  "   `status` getter and setter that Apollo's gateway interface builds per request (a V8 map of its own each time).",
  "   Requests are now made from classes under Express's prototypes (node's `createServer` options), and `npm install`",
  "   moves Apollo's accessors onto a class: 1.0 % survived, 1.4 ms a scavenge. A complete answer is also written as",
  "   bytes (Node copied a string body behind its header text): the 34-province scorecard at scale 100 allocates 3,558",
  "   → 3,286 kB a request. Interleaved at scale 100, cache off, c=32, two rounds, before → after: read (a) 1,008 /",
  "   1,175 → 1,441 / 1,475 req/s, p99 65 / 54 → 41 / 36 ms, CPU 0.80 / 0.68 → 0.48 / 0.47 ms; read (c) 1,489 / 1,595",
  "   → 1,707 / 2,188 req/s, p99 59 / 56 → 38 / 26 ms; read (b) 625 / 679 → 716 / 689; scorecard-3 703 / 890 → 825 /",
  "   970 req/s, p99 111 / 74 → 74 / 70 ms; scorecard-34 122 / 169 → 157 / 152 req/s, p99 363 / 232 → 264 / 254 ms.",
  "   Pages still keep their `pg` rows past a scavenge (the units page: 15.4 → 9.7 % survival); that holder is not found.",
  "   The full run on `b609bae` met the 34-province scorecard at scale 100 in a slow spell: 105 req/s, p99 707 ms, 10.5 ms",
  "   of CPU alone. Right after it, the same build against the one before (bench steps, two rounds): 140 / 172 against",
  "   150 / 179 req/s, p99 407 / 227 against 273 / 214 ms: that read, whose answer is ~6,800 points, gained nothing.",
  "30. **Answers no longer hang off old objects** (`REQUEST_CONCURRENCY`, `server/graphql/admission.ts` `admitRequests`;",
  "   `server/memory.ts`). Under load, 30-45 % of what the 34-province scorecard allocated survived each young collection",
  "   (`--trace-gc-nvp`, c=32), and what survived one collection survived the next: a young collection keeps whatever an",
  "   old object points at, dead or not, until the next major one. Two things made old objects point at young answers.",
  "   (1) Requests queued for an analytics slot inside Apollo: their request context, built before the wait, outlived two",
  "   collections and went old, then received the answer. Requests now wait for a turn before Apollo (after the cache, so a",
  "   cached answer never waits), holding only their parsed body: 2 per core, at least 4, and the analytics limit follows",
  "   it by default so nobody waits inside. (2) V8's allocation-site pretenuring: sites whose objects survived once (a",
  "   request in flight) were switched to allocate in the old generation, so a request's arrays were old from birth and",
  "   their young points survived with them. It is off once the server is ready (`--no-allocation-site-pretenuring`).",
  "   Requests one after another, scorecard-34 at scale 1: 17.9 → 0.7 % survived, 5 → 1 ms a young collection. At c=32",
  "   each alone did little (queue only: 17-21 %; no pretenuring only: 38 %), both together 3 %. Scale 100, c=32, 5 s,",
  "   scorecard-34: 8 in progress (4 waiting for an analytics slot) 171-184 req/s, 33-35 % survived; 4, 309-326 req/s,",
  "   p99 161-166 ms, 7 %. Interleaved with the bench's steps at scale 100, two rounds, 8 → 4 in progress: scorecard-34",
  "   155 / 184 → 346 / 284 req/s, p99 306 / 221 → 145 / 181 ms, CPU 7.7 / 6.4 → 2.9 / 3.4 ms a request; scorecard-3",
  "   1,319 / 1,385 → 1,562 / 1,393; reads (a), (c), series and compare the same within the machine's noise; read (b)",
  "   1,117 / 1,098 → 1,004 / 1,029 req/s. The build before both (`4c93150`) against both with 8 in progress, same steps:",
  "   scorecard-3 625 / 761 → 1,328 / 955 req/s, series 592 / 1,063 → 1,133 / 1,073 (its first round ran beside tests).",
];

// Issue 14's "before" figures (scale 100, c=32 unless said, cache off, medians of 3).
const BEFORE = {
  aC32: { rps: 51.7, peer: 385.5, p99: 1946 },
  aC1: { rps: 53.1, peer: 253.5, p50: 17 },
  bC32: { rps: 24.8, peer: 165.9, p99: 4000 },
  scorecard34: { rps: 9.8, p99: 4498, sql: 6 },
  checkupAloneMs: 2200,
  mixedReadsPerSecond: "31-41",
  soakRssMb: 402,
  coldMs: 5100,
  warmMs: 2500,
};

function beforeAfter(run: BenchRun): string[] {
  const big = run.scales.find(s => s.plan.scale === 100);
  const peer = (read: string, c: number) => {
    const m = big?.peer?.measures.find(x => x.read === read && x.connections === c);
    if (!m) return null;
    const ours = median(m.ours.runs.map(r => r.requestsPerSecond));
    const them = median(m.peer.runs.map(r => r.requestsPerSecond));
    return {
      text: `${ours.toFixed(0)} req/s vs PostGraphile ${them.toFixed(0)} (**${(ours / them).toFixed(2)}×**), p50 ${median(m.ours.runs.map(r => r.p50))} / p99 ${median(m.ours.runs.map(r => r.p99))} ms`,
    };
  };
  const uncached = (name: string): QueryRun | undefined =>
    big?.uncachedRuns.find(r => r.query.name === name);
  const notRun = "not run";
  const a32 = peer("a-indicator-page", 32);
  const a1 = peer("a-indicator-page", 1);
  const b32 = peer("b-unit-observations", 32);
  const sc = uncached("scorecard-34");
  const checkup = uncached("checkup-summary");
  const soak = run.soakB?.find(s => s.query.includes("scale 100")) ?? run.soakB?.[0];
  const b = BEFORE;
  const rows: [string, string, string][] = [
    [
      "(a) indicator page, c=32",
      `${b.aC32.rps} req/s vs PostGraphile ${b.aC32.peer} (0.13×), p99 ${b.aC32.p99} ms`,
      a32?.text ?? notRun,
    ],
    [
      "(a) indicator page, c=1",
      `${b.aC1.rps} req/s vs PostGraphile ${b.aC1.peer} (0.21×), p50 ${b.aC1.p50} ms`,
      a1?.text ?? notRun,
    ],
    [
      "(b) unit + observations, c=32",
      `${b.bC32.rps} req/s vs PostGraphile ${b.bC32.peer} (0.15×), p99 ${b.bC32.p99} ms`,
      b32?.text ?? notRun,
    ],
    [
      "scorecard NQ 19 × 34 units, c=32",
      `${b.scorecard34.rps} req/s, p99 ${b.scorecard34.p99} ms, ${b.scorecard34.sql} SQL`,
      sc
        ? `${sc.load.requestsPerSecond.toFixed(0)} req/s, p99 ${sc.load.p99} ms, ${sc.probe.sqlStatements ?? "?"} SQL, ${sc.cpuMsAlone?.toFixed(1) ?? "?"} ms CPU alone`
        : notRun,
    ],
    [
      "checkupSummary(DISEASE, YEAR), one request",
      `${(b.checkupAloneMs / 1000).toFixed(1)} s`,
      checkup ? `${checkup.probe.ms.toFixed(1)} ms (p99 ${checkup.load.p99} ms at c=32)` : notRun,
    ],
    [
      "32 readers + 1 writer every 200 ms",
      `${b.mixedReadsPerSecond} reads/s (every write emptied the cache)`,
      run.mixed
        ? `${run.mixed.readsPerSecond.toFixed(0)} reads/s, p99 ${formatMs(run.mixed.readP99)} ms, ${run.mixed.staleReads} stale (scale ${run.mixed.scale}, ${run.mixed.seconds} s)`
        : notRun,
    ],
    [
      "RSS after 60 s of (b) at c=32",
      `${b.soakRssMb} MB`,
      soak
        ? `peak ${Math.max(...soak.samples.map(s => s.rssMb)).toFixed(0)} MB, growth after warm-up ${((soak.growthAfterWarmUp ?? 0) * 100).toFixed(1)} %`
        : notRun,
    ],
    [
      "start to ready, cold / warm",
      `${(b.coldMs / 1000).toFixed(1)} s / ${(b.warmMs / 1000).toFixed(1)} s`,
      run.startup
        ? `${(run.startup.cold.readyMs / 1000).toFixed(1)} s / ${(run.startup.warm.readyMs / 1000).toFixed(1)} s`
        : notRun,
    ],
  ];
  return [
    "Scale 100, response cache off, except the mixed run (cache on, as served). Before: issue 14's figures.",
    "",
    "| figure | before | after (this run) |",
    "|---|---|---|",
    ...rows.map(([what, before, after]) => `| ${what} | ${before} | ${after} |`),
  ];
}

// What is known of why a target is missed, by a prefix of its name in the targets table.
const CAUSES: [prefix: string, cause: string][] = [
  [
    "scorecard",
    "a scorecard answer grows with targets × units × years (34 provinces: 53 kB at scale 1, 220 kB at scale 100: 340 cells, 6,800 points), and at c=32 on 2 shared cores its p99 is the CPU of a request times 32 in flight: 278-346 req/s at scale 100 means a median near 32 / 300 s ≈ 105 ms (Little's law), so p99 ≤ 100 ms needs ≥ ~450 req/s, ≤ ~2.2 ms of Node, PostgreSQL and autocannon together a request. Ours is ~3.7-4.3 ms of Node CPU loaded at scale 100 (1.3-1.5 ms at scale 1). Profile of 10 s at c=32, scale 100, cache off (2026-12-03, after item 30): `JSON.stringify` of the answer 26 % (~1 ms; the structure, not the floats: the same answer with integers for every value still takes 0.63 ms against 0.82 ms in a micro-benchmark, with 6 significant digits 0.82 ms), the socket write 10 %, UTF-8 encoding of the body 6 %, GC 11 %, building and judging the cells 11 %, graphql-jit's list handlers ~5 %, pg's row parsing 3 %.",
  ],
  [
    "series",
    "series with Poisson intervals for harmonised rates: Node CPU per request times 32 in flight on 2 cores.",
  ],
  [
    "observations",
    "the page itself is now ~0.7 ms of PostgreSQL; `totalCount` sums `observation_count` over every indicator × unit of the data set (~0.6 ms for 1,740 rows), and the rest is Node's CPU per request (~2 ms) times 32 in flight on 2 cores.",
  ],
  [
    "checkup-summary",
    "the summary reads the check-up rollup in one ~3 ms request; its p99 at c=32 is Node CPU per request (~1.2 ms) times 32 in flight on 2 cores, and it lies near the limit, moving between runs (74 and 103 ms in the two full runs of 2026-12-01).",
  ],
  [
    "pair-checkups",
    "three statements (the units' ids, the page merged from one branch per unit, ~0.5 ms of PostgreSQL, and its rows' units) and ~2.2 ms of Node CPU per request (pg's row parsing, GraphQL, JSON), times 32 in flight on 2 cores beside PostgreSQL; the same code gave p99 99-111 ms in interleaved runs before this one.",
  ],
  [
    "unit-monitoring-results",
    "three statements (the unit's id, the page from its (unit_id, year, id) index, the page's sites) and ~2.2 ms of Node CPU per request, times 32 in flight on 2 cores; its p99 moves between runs with the code unchanged (98, 120 and 112 ms in the last three full runs).",
  ],
  [
    "monitoring-results",
    "a page of 100 results and their 100 sites, two statements kept per shape, ~2-2.4 ms of Node CPU per request (pg's row parsing, GraphQL, JSON), times 32 in flight on 2 cores beside PostgreSQL; its p99 moves between runs with the code unchanged (99, 147 and 126 ms in the last three full runs).",
  ],
  [
    "RSS over 60 s",
    "RSS is a sawtooth (old space grows between major collections to 3× what survived the last, item 25), now sampled every second so the peak is the real one; growth is RSS a second after a forced full collection near the end against one at 10 s (before 2026-12-03 it was the last 10 s sample against the one at 10 s, which read +28.6 % at scale 10 when the run ended just before a collection). Before item 25 the growth was V8's 4× and the peaks 229-253 MB in full runs.",
  ],
  [
    "a-indicator-page c=32: ours p50",
    "at c=32 the p50 is 32 requests in flight over the throughput (699 req/s in the 2026-12-02 13:55 run against PostGraphile's 593; 658 against 503 in the 12:08 run); raw `pg` is one statement through a pool of 10 in the bench process, with no HTTP, GraphQL or JSON, and its floor moves more than ours between runs: our p50 went 57 → 45 → 42 ms over the 07:44, 12:08 and 13:55 runs, raw pg's 18.6 → 10.0 → 12.0 ms (3.1× → 4.5× → 3.5×).",
  ],
  [
    "b-unit-observations c=1: ours p50",
    "one request at a time, p50 in autocannon's whole milliseconds: ours 4 ms (PostGraphile 4 ms) in the 13:55 run, 2.1 ms of server CPU a request against PostGraphile's 4.0 ms; raw pg 1.2 ms (1.5 ms in the 12:08 run, 1.8 ms in the 07:44 one, 2.8× there).",
  ],
  [
    "b-unit-observations c=32: ours p50",
    "32 requests in flight over the throughput (378 req/s against PostGraphile's 190 in the 13:55 run); raw pg's p50 went 42.1 → 26.9 → 25.5 ms over the 07:44, 12:08 and 13:55 runs while ours went 104 → 94 → 80 ms (2.5× → 3.5× → 3.1×).",
  ],
  [
    "monitoring-summary",
    "the summary reads the monitoring rollup in one statement, ~1.4 ms of Node CPU a request; its p99 at c=32 lies near the limit, moving between runs (57 ms in the previous full run, 117 ms in this one, with the code unchanged).",
  ],
  [
    "compare",
    "the comparison reads its series in ~1.6 ms of CPU a request and its p99 lies at the limit, moving between runs (96 and 102 ms in the last two full runs).",
  ],
  [
    "c-units",
    "one statement, the successor joined, and less server CPU per request than PostGraphile's (1.07 against 1.25 ms in the 2026-12-02 07:44 run, whose c=1 ratio was 0.96 at scale 100 and 1.06-1.12 at scales 1 and 10); at c=1 throughput is one request's latency, where our fixed cost (`{ __typename }`, 0.27 against 0.10 ms) counts. The units table is the same at every scale; four interleaved c=1 rounds right after that run gave 575 / 484 / 484 / 519 against 491 / 429 / 428 / 481 req/s (1.13×). In the 2026-12-02 14:51 run the scale-100 c=1 rounds gave 383 against 384 req/s with both servers at about half their rate at scales 1 and 10 in the same run (740 / 680 and 751 / 757 req/s) and ours at 1.70 ms of CPU a request against 0.90-0.92 there: a slow spell of the machine, the units table and code being the same at every scale.",
  ],
];

function left(run: BenchRun): string[] {
  const missed = evaluate(run).filter(v => v.met === false);
  const skipped = evaluate(run).filter(v => v.met === null);
  const out = missed.map(v => {
    const cause = CAUSES.find(([prefix]) => v.target.startsWith(prefix))?.[1];
    return `- **${v.target}**: ${v.measured}${v.miss ? ` (${v.miss})` : ""}.${cause ? ` Cause: ${cause}` : ""}`;
  });
  if (!out.length) out.push("- Every target measured in this run was met.");
  if (skipped.length) {
    out.push(`- Not measured in this run: ${skipped.map(v => v.target).join("; ")}.`);
  }
  out.push(
    "- `{ __typename }` (not a target, the fixed cost of a request) is still about 2.5× PostGraphile's server CPU",
    "  (0.24-0.33 against 0.09-0.17 ms): Node's HTTP write, GC, the async hooks that AsyncLocalStorage switches on, and",
    "  Apollo's request pipeline, none of them more than a tenth of it.",
  );
  return out;
}
