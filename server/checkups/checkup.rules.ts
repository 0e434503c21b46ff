import { BadInputError } from "../graphql/errors.js";
import { checkCount, checkKeyword } from "../graphql/field-rules.js";
import { LIMITS } from "../limits.js";

// The rules about health check-ups that the mutations and the CSV import share.

/**
 * Workers and cases are whole counts (workers within LIMITS.WORKERS_PER_CHECKUP), each disease
 * listed once, and cases never exceed workers.
 */
export function checkCases(
  workers: number,
  cases: readonly { disease: string; cases: number }[],
): number {
  checkCount(workers, "workersExamined", LIMITS.WORKERS_PER_CHECKUP);
  if (cases.length > 64) throw new BadInputError("at most 64 diseases", "cases");
  const seen = new Set<string>();
  let total = 0;
  for (const c of cases) {
    checkKeyword(c.disease, "cases.disease");
    checkCount(c.cases, "cases.cases", LIMITS.WORKERS_PER_CHECKUP);
    if (seen.has(c.disease)) {
      throw new BadInputError(`${c.disease} is listed twice`, "cases.disease");
    }
    seen.add(c.disease);
    total += c.cases;
  }
  if (total > workers) {
    throw new BadInputError(
      `${total} cases are more than the ${workers} workers examined`,
      "cases",
    );
  }
  return total;
}
