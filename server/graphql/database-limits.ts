/**
 * Limits of the database that a request can hit through no fault of its own: no pool
 * connection came free in time (knex's acquire timeout), a statement was cancelled or timed out
 * (SQLSTATE 57014), or the server ran out of memory or disk (53xxx). formatError answers them
 * SERVICE_UNAVAILABLE for every query and mutation (a write is one transaction, so a failed one
 * changed nothing); the summaries, which hit them first, say so in their own words.
 */
export type DatabaseLimit = "POOL_TIMEOUT" | "STATEMENT_CANCELLED" | "OUT_OF_RESOURCES";

export const DATABASE_LIMIT_MESSAGES: Record<DatabaseLimit, string> = {
  POOL_TIMEOUT:
    "The server is busy: the request waited too long for a database connection. Nothing was changed; try again shortly.",
  STATEMENT_CANCELLED:
    "The request took too long and the database stopped it (statement timeout or cancellation). Nothing was changed; try again shortly.",
  OUT_OF_RESOURCES:
    "The database ran out of memory or disk space. Nothing was changed; try again later.",
};

/** Which limit `error` reports, if any (pg errors keep their SQLSTATE in `code` through MikroORM). */
export function databaseLimitOf(error: unknown): DatabaseLimit | null {
  const e = error as { name?: string; code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== "object") return null;
  if (e.name === "KnexTimeoutError" || /Timeout acquiring a connection/.test(String(e.message))) {
    return "POOL_TIMEOUT";
  }
  const code = typeof e.code === "string" ? e.code : "";
  if (code === "57014") return "STATEMENT_CANCELLED";
  if (code.startsWith("53")) return "OUT_OF_RESOURCES";
  return null;
}
