import pg from "pg";
import { probe } from "./drive.js";
import { checkupSummaryQuery, monitoringSummaryQuery, type BenchQuery } from "./queries.js";

/**
 * What a summary costs right after a write: the write marks its rollup stale, and until the
 * rebuild of the written unit commits, a summary either waits for that rebuild or reads the
 * raw tables (server/monitoring/rollup-state.ts). Each round writes one row (an update that
 * changes nothing, which still fires the triggers), asks the summary at once and once more.
 * Run against the server without the response cache, one request at a time.
 */
export interface AfterWriteRound {
  summary: string;
  table: string;
  /** The one-row write, committed. */
  writeMs: number;
  /** The summary asked right after the write's commit. */
  firstMs: number;
  /** The same summary asked again at once. */
  nextMs: number;
  /** GraphQL errors or a non-200 status of either answer. */
  errors: string[];
}

const SUMMARIES: { table: string; query: BenchQuery }[] = [
  { table: "monitoring_result", query: monitoringSummaryQuery },
  { table: "health_checkup", query: checkupSummaryQuery },
];

export async function summariesAfterWrite(
  serverUrl: string,
  databaseUrl: string,
  rounds: number,
  log: (line: string) => void,
): Promise<AfterWriteRound[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const out: AfterWriteRound[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const { table, query } of SUMMARIES) {
        const started = performance.now();
        // The table name is one of SUMMARIES', never input.
        await client.query(
          `update ${table} set year = year where id = (select min(id) from ${table})`,
        );
        const writeMs = performance.now() - started;
        const first = await probe(serverUrl, query);
        const next = await probe(serverUrl, query);
        const errors = [first, next].flatMap(p =>
          p.status === 200 ? p.graphqlErrors : [`HTTP ${p.status}`, ...p.graphqlErrors],
        );
        out.push({
          summary: query.name,
          table,
          writeMs,
          firstMs: first.ms,
          nextMs: next.ms,
          errors,
        });
        log(
          `    ${query.name} after a one-row write to ${table}: ${first.ms.toFixed(0)} ms, then ${next.ms.toFixed(0)} ms${errors.length ? ` (errors: ${errors.join("; ")})` : ""}`,
        );
      }
    }
  } finally {
    await client.end();
  }
  return out;
}
