import { GraphQLError } from "graphql";
import { databaseLimitOf, type DatabaseLimit } from "../graphql/database-limits.js";

/**
 * A summary that hits a limit of the database answers a coded error that says which, instead
 * of INTERNAL_SERVER_ERROR. A summary read from the raw tables (the rollup is being rebuilt
 * after a write, or cannot answer the filter) aggregates every row: seconds at bench scale
 * 1000, where 32 of them at once kept the pool's 10 connections busy long enough for the next
 * request to wait past the pool's acquire timeout (knex: 60 s), which failed as an internal
 * error. The same holds for a statement timeout or a cancelled statement (57014), and for a
 * server out of memory or disk for its sort (53xxx).
 */
export type SummaryLimit = DatabaseLimit;

const MESSAGES: Record<SummaryLimit, string> = {
  POOL_TIMEOUT:
    "The server is busy: the summary waited too long for a database connection. Nothing was changed; try again shortly.",
  STATEMENT_CANCELLED:
    "The summary took too long and the database stopped it (statement timeout or cancellation). Nothing was changed; try again shortly, or narrow the filter.",
  OUT_OF_RESOURCES:
    "The database ran out of memory or disk space computing the summary. Nothing was changed; try again later, or narrow the filter.",
};

export class SummaryUnavailableError extends GraphQLError {
  constructor(readonly limit: SummaryLimit) {
    super(MESSAGES[limit], { extensions: { code: "SERVICE_UNAVAILABLE", limit } });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

type Execute = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** `execute`, with a limit it hits rethrown as a SummaryUnavailableError. */
export function withSummaryLimits(execute: Execute): Execute {
  return async (sql, params) => {
    try {
      return await execute(sql, params);
    } catch (error) {
      const limit = databaseLimitOf(error);
      throw limit ? new SummaryUnavailableError(limit) : error;
    }
  };
}
