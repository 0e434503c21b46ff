/**
 * In a mixed view (datasets OFFICIAL + ILLUSTRATIVE) one value is shown per unit, indicator and
 * year: the official one wherever it exists, so generated data never contradicts a real figure.
 */
export interface DatasetValue {
  dataset: string;
}

/** The value to keep for a cell: the current one unless the candidate is official and it is not. */
export function officialWins<T extends DatasetValue>(current: T | undefined, candidate: T): T {
  if (!current) return candidate;
  return current.dataset !== "OFFICIAL" && candidate.dataset === "OFFICIAL" ? candidate : current;
}
