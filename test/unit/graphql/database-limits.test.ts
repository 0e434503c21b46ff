import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { databaseLimitOf } from "../../../server/graphql/database-limits.js";
import { formatError } from "../../../server/graphql/format-error.js";

const timeout = Object.assign(
  new Error("Knex: Timeout acquiring a connection. The pool is probably full."),
  {
    name: "KnexTimeoutError",
  },
);
const cancelled = Object.assign(new Error("canceling statement due to statement timeout"), {
  code: "57014",
});
const noDisk = Object.assign(new Error("could not write to file"), { code: "53100" });

describe("database limits", () => {
  it("names the limit an error reports, and none for other errors", () => {
    expect(databaseLimitOf(timeout)).toBe("POOL_TIMEOUT");
    expect(databaseLimitOf(cancelled)).toBe("STATEMENT_CANCELLED");
    expect(databaseLimitOf(noDisk)).toBe("OUT_OF_RESOURCES");
    expect(databaseLimitOf(Object.assign(new Error("unique"), { code: "23505" }))).toBeNull();
    expect(databaseLimitOf(new Error("boom"))).toBeNull();
    expect(databaseLimitOf(null)).toBeNull();
  });

  it("formatError answers any query's limit SERVICE_UNAVAILABLE, not an internal error", () => {
    const format = formatError(true);
    const wrapped = new GraphQLError("x", { originalError: cancelled, path: ["units"] });
    const answer = format(
      { message: "x", path: ["units"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
      wrapped,
    );
    expect(answer.extensions).toEqual({
      code: "SERVICE_UNAVAILABLE",
      limit: "STATEMENT_CANCELLED",
    });
    expect(answer.message).toMatch(/Nothing was changed/);
    expect(answer.path).toEqual(["units"]);
    const other = format(
      { message: "boom", extensions: { code: "INTERNAL_SERVER_ERROR" } },
      new GraphQLError("boom", { originalError: new Error("boom") }),
    );
    expect(other.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
  });
});
