import type { Server } from "node:http";
import pg from "pg";
import { createApp } from "../server/app.js";
import { initOrm } from "../server/db/orm.js";
import type { BenchQuery } from "./queries.js";

export interface Statement {
  sql: string;
  executionMs: number | null;
}
export interface Explained {
  query: string;
  statements: Statement[];
  /** The slowest statement of the request (by EXPLAIN ANALYZE execution time), the one shown. */
  main: Statement | null;
  plan: string[];
}

/**
 * Finds each query's main SQL statement and its plan. The statements are captured through the
 * ORM's `onQuery` hook, which sees every statement with its parameters; MikroORM inlines the
 * parameters itself (platform.formatQuery) and sends the result, so the captured text is exactly
 * what ran and can be EXPLAINed as is. (The `debugSql` logger prints `$1` placeholders instead,
 * as the app's config does not enable 'query-params'.) The app runs in this process only for the
 * capture, after the load runs, so capturing never slows the measured server.
 */
export async function explainQueries(
  databaseUrl: string,
  queries: BenchQuery[],
): Promise<Explained[]> {
  const orm = await initOrm({ clientUrl: databaseUrl, poolMax: 2 });
  let captured: { sql: string; params: unknown[] }[] | null = null;
  const platform = orm.em.getPlatform();
  orm.config.set("onQuery", (sql: string, params: readonly unknown[]) => {
    // The app's hand-written reads (graphql/sql-statement.ts) call the same hook with numbered
    // `$1` placeholders: those keep their parameters, which EXPLAIN takes as bind values.
    if (/\$\d/.test(sql)) captured?.push({ sql, params: [...params] });
    else captured?.push({ sql: platform.formatQuery(sql, params as unknown[]), params: [] });
    return sql;
  });
  const { app, apollo } = await createApp({ orm, production: true });
  const server: Server = await new Promise(done => {
    const s = app.listen(0, "127.0.0.1", () => done(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/graphql`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const out: Explained[] = [];
    for (const query of queries) {
      captured = [];
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: query.body,
      }).then(r => r.text());
      const sqls = captured;
      captured = null;
      const statements: Statement[] = [];
      const plans = new Map<Statement, string[]>();
      for (const { sql, params } of sqls) {
        if (!/^\s*(select|with)\b/i.test(sql)) {
          statements.push({ sql, executionMs: null });
          continue;
        }
        const result = await client.query<{ "QUERY PLAN": string }>(
          `explain (analyze, buffers) ${sql}`,
          params,
        );
        const plan = result.rows.map(r => r["QUERY PLAN"]);
        const time = /Execution Time: ([\d.]+) ms/.exec(plan.join("\n"));
        const statement = { sql, executionMs: time ? Number(time[1]) : null };
        statements.push(statement);
        plans.set(statement, plan);
      }
      const main = [...plans.keys()].reduce<Statement | null>(
        (a, b) => (!a || (b.executionMs ?? 0) > (a.executionMs ?? 0) ? b : a),
        null,
      );
      out.push({ query: query.name, statements, main, plan: main ? plans.get(main)! : [] });
    }
    return out;
  } finally {
    await client.end();
    server.closeAllConnections();
    await new Promise<void>(done => server.close(() => done()));
    await apollo.stop();
    await orm.close();
  }
}

/** The plan cut to its first lines plus the totals, for RESULTS.md. */
export function summarisePlan(plan: string[], maxLines = 28): string[] {
  // Keep the top node's Buffers line (the whole statement's I/O); drop the per-node all-cached ones.
  const body = plan.filter(
    (l, i) =>
      i === 1 || !/^(Planning|Execution) Time|^Planning:|^\s+Buffers: shared hit=\d+$/.test(l),
  );
  const totals = plan.filter(l => /^(Planning|Execution) Time/.test(l));
  const cut =
    body.length > maxLines
      ? [...body.slice(0, maxLines), `  … (${body.length - maxLines} more plan lines)`]
      : body;
  return [...cut, ...totals];
}
