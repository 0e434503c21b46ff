import { unwrapResolverError } from "@apollo/server/errors";
import { DriverException, NotFoundError as OrmNotFound, ValidationError } from "@mikro-orm/core";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DATABASE_LIMIT_MESSAGES, databaseLimitOf } from "./database-limits.js";

/**
 * Maps errors to what a client may see: coded user errors pass through; a database rule that
 * a write broke becomes BAD_USER_INPUT; anything else is an internal error without details
 * (and without stack traces) outside development.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Apollo recodes every validation error as GRAPHQL_VALIDATION_FAILED; our own limit rules
    // (depth) keep their code so clients can tell "too complex" from "invalid".
    const cause = error instanceof GraphQLError ? error.originalError : undefined;
    if (cause instanceof GraphQLError && cause.extensions.code === "QUERY_TOO_COMPLEX") {
      return { ...formatted, extensions: { ...formatted.extensions, code: "QUERY_TOO_COMPLEX" } };
    }
    if (original instanceof OrmNotFound) {
      return { ...formatted, message: original.message, extensions: { code: "NOT_FOUND" } };
    }
    if (original instanceof ValidationError) {
      return { ...formatted, message: original.message, extensions: { code: "BAD_USER_INPUT" } };
    }
    if (original instanceof DriverException) {
      const sqlState = (original as unknown as { code?: string }).code ?? "";
      // 23xxx: integrity rules (unique, check, foreign key): the input broke a data rule.
      if (sqlState.startsWith("23")) {
        return {
          message: `The change breaks a data rule: ${constraintOf(original)}`,
          path: formatted.path,
          extensions: { code: "BAD_USER_INPUT", reason: "DATA_RULE" },
        };
      }
      // 22xxx: data exceptions (a NUL character in text, a number out of the column's range).
      if (sqlState.startsWith("22")) {
        return {
          message:
            "A value was not accepted by the database (out of range or an invalid character)",
          path: formatted.path,
          extensions: { code: "BAD_USER_INPUT", reason: "VALUE_REJECTED" },
        };
      }
    }
    // Not the user's fault and not a bug: say which limit, so a client knows to retry.
    const limit = databaseLimitOf(original);
    if (limit) {
      return {
        message: DATABASE_LIMIT_MESSAGES[limit],
        path: formatted.path,
        extensions: { code: "SERVICE_UNAVAILABLE", limit },
      };
    }
    const code = formatted.extensions?.code;
    if (production && (code === "INTERNAL_SERVER_ERROR" || code === undefined)) {
      return {
        message: "Internal server error",
        path: formatted.path,
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      };
    }
    return formatted;
  };
}

function constraintOf(error: DriverException): string {
  const e = error as unknown as { constraint?: string; detail?: string };
  return e.constraint ?? e.detail ?? "constraint violated";
}
