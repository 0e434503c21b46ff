import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../server/db/embedded-postgres.js";
import { prepareDatabase } from "../server/db/prepare.js";

/** A temp folder that the `postgres` user can enter when we run as root (mkdtemp makes it 0700). */
export function benchTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export interface BenchCluster {
  pg: EmbeddedPostgres;
  url: string;
  folder: string;
  stop(): Promise<void>;
}

/**
 * A fresh embedded PostgreSQL for the benchmark, with the migrations and the official seeds
 * applied and no illustrative data: the loader adds its own at each scale. Started `ephemeral`
 * (fsync off) only to make the bulk loads fast; reads, which are what we measure, are unaffected.
 */
export async function startBenchCluster(log: (line: string) => void): Promise<BenchCluster> {
  const folder = benchTempDir("osh-bench-");
  const pg = await startEmbeddedPostgres({
    dataDir: join(folder, "pg"),
    database: "osh",
    ephemeral: true,
  });
  try {
    const started = performance.now();
    const db = await prepareDatabase({
      databaseUrl: pg.url,
      // audit_log handed to osh_audit as `npm start` does, so the benchmark serves that setup.
      adminUrl: pg.adminUrlFor("osh"),
      replicaUrls: [],
      dataDir: folder,
      illustrative: false,
      log,
    });
    await db.close();
    log(
      `migrations and official seeds applied in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    await pg.stop();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    pg,
    url: pg.url,
    folder,
    async stop() {
      await pg.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
