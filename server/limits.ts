/**
 * Upper bounds of the counts a write may carry, in one place: the mutations and the CSV import
 * check the same zod schemas (graphql/field-rules.ts `count`, the features' *.inputs.ts and
 * indicators/indicator.rules.ts `valueRule`), which read them here. Each bound is far above any real value,
 * so it never refuses true data, but low enough that a sum over every row of a table stays an
 * exact whole number (below 2^53) and a typo of a few extra digits is caught at the door.
 *
 * Vietnam has about 100 million inhabitants and about 52 million workers (GSO, 2024).
 */
export const LIMITS = {
  /** Samples of one hazard factor at one establishment in one year: large plants take a few thousand. */
  SAMPLES_PER_RESULT: 1_000_000,
  /** Workers examined at one establishment in one year: the largest employers have about 100,000. */
  WORKERS_PER_CHECKUP: 1_000_000,
  /** A yearly count of events or persons (accidents, deaths, workers covered), national at most: the whole population. */
  NATIONAL_COUNT: 100_000_000,
  /** The same in thousands of persons. */
  NATIONAL_THOUSANDS: 100_000,
  /** A rate per 100,000 cannot exceed one event per person. */
  RATE_PER_100K: 100_000,
  /** Costs in billion VND: about twice the GDP (about 11.5 million billion VND in 2024). */
  BILLION_VND: 20_000_000,
} as const;
