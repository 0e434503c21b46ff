import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException, NotFoundError as OrmNotFound, ValidationError } from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Maps errors to what a client may see: coded user errors pass through; a database rule that
 * a write broke becomes BAD_USER_INPUT; anything else is an internal error without details
 * (and without stack traces) outside development.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof OrmNotFound) {
      return { ...formatted, message: original.message, extensions: { code: 'NOT_FOUND' } };
    }
    if (original instanceof ValidationError) {
      return { ...formatted, message: original.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (original instanceof DriverException) {
      const sqlState = (original as unknown as { code?: string }).code ?? '';
      // 23xxx: integrity rules (unique, check, foreign key): the input broke a data rule.
      if (sqlState.startsWith('23')) {
        return { message: `The change breaks a data rule: ${constraintOf(original)}`, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
      }
    }
    const code = formatted.extensions?.code;
    if (production && (code === 'INTERNAL_SERVER_ERROR' || code === undefined)) {
      return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return formatted;
  };
}

function constraintOf(error: DriverException): string {
  const e = error as unknown as { constraint?: string; detail?: string };
  return e.constraint ?? e.detail ?? 'constraint violated';
}
