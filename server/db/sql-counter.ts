import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Counts the SQL statements MikroORM sends, per request: the ORM logger is called inside the
 * async context of the query, so an AsyncLocalStorage scope set around a request sees exactly
 * that request's statements, even with many requests in flight.
 */
const scope = new AsyncLocalStorage<{ count: number }>();

export function countStatement(): void {
  const current = scope.getStore();
  if (current) current.count++;
}

/** Runs `work` and returns its result with the number of statements it sent. */
export async function withSqlCount<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: number }> {
  const counter = { count: 0 };
  const result = await scope.run(counter, work);
  return { result, statements: counter.count };
}

export function sqlScope<T>(counter: { count: number }, work: () => T): T {
  return scope.run(counter, work);
}
