import { createServer } from "node:http";

/**
 * The peer for the side-by-side reads: PostGraphile 5 (its "amber" preset, nothing tuned) on the
 * same database the bench loaded, in its own process like ours, on a free loopback port. It
 * reports its URL on stdout as one JSON line, as server-child.ts does.
 */
const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error("BENCH_DATABASE_URL is not set");

// PostGraphile 5 (grafast) calls Promise.withResolvers, which Node 20 lacks (Node 22 has it).
const promise = Promise as unknown as { withResolvers?: () => unknown };
if (typeof promise.withResolvers !== "function") {
  promise.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const made = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise: made, resolve, reject };
  };
}

// Imported after the polyfill (static imports would run first).
const { postgraphile } = await import("postgraphile");
const { PostGraphileAmberPreset } = await import("postgraphile/presets/amber");
const { makePgService } = await import("postgraphile/adaptors/pg");
const { grafserv } = await import("postgraphile/grafserv/node");

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: databaseUrl, schemas: ["public"] })],
  grafast: { explain: false },
});
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server);
await pgl.getSchema();
await new Promise<void>(done => server.listen(0, "127.0.0.1", done));
const address = server.address();
const port = typeof address === "object" && address ? address.port : 0;
process.stdout.write(JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}`, port }) + "\n");

process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => {
    void Promise.resolve(pgl.release()).then(() => process.exit(0));
  });
});
