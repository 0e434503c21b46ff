import "reflect-metadata";
import { startApp } from "../server/app.js";
import { tuneHeapForServing } from "../server/memory.js";

/**
 * The API server under test, in its own process so its RSS (read from /proc by the runner) is
 * not mixed with autocannon's. It serves the database the runner loaded (BENCH_DATABASE_URL),
 * in production mode, on a free loopback port, and reports that port on stdout as one JSON line.
 */
const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error("BENCH_DATABASE_URL is not set");

// No rate limit: the benchmark measures the API, and all its load comes from one loopback client.
// BENCH_RESPONSE_CACHE=off measures the computation itself: every request runs its SQL and analytics.
const responseCache = process.env.BENCH_RESPONSE_CACHE !== "off";
const app = await startApp({
  databaseUrl,
  port: 0,
  host: "127.0.0.1",
  illustrative: false,
  production: true,
  rateLimit: false,
  responseCache,
  exposeSqlCount: process.env.BENCH_SQL_COUNT !== "off",
});
// As main.ts does once ready (`npm start`), so the benchmark measures the memory it serves with.
tuneHeapForServing();
process.stdout.write(JSON.stringify({ ready: true, url: app.url, port: app.port }) + "\n");

// Started with --expose-gc (the read (b) soak, bench/soak.ts): SIGUSR2 runs a full collection
// and reports what is left, so the soak can compare memory at the same point of the GC cycle.
const collect = (globalThis as { gc?: () => void }).gc;
if (collect) {
  process.on("SIGUSR2", () => {
    collect();
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    // RSS a second later: V8 gives the freed pages back to the system after the collection.
    setTimeout(() => {
      const rssMb = process.memoryUsage.rss() / 2 ** 20;
      process.stdout.write(JSON.stringify({ collected: { heapMb, rssMb } }) + "\n");
    }, 1000);
  });
}

// Apollo Server registers its own SIGINT/SIGTERM handlers, and its stop() racing the one inside
// app.close() leaves close() pending forever (see RESULTS.md, "Shutdown"): drop them, close here.
process.removeAllListeners("SIGTERM");
process.removeAllListeners("SIGINT");
let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
