import type { EntityManager } from "@mikro-orm/postgresql";
import { BadInputError } from "../graphql/errors.js";
import { checkAtMost, checkCode } from "../graphql/field-rules.js";
import { LIMITS } from "../limits.js";
import { Indicator } from "./indicator.entity.js";
import { Measure } from "./indicator.enums.js";

// The rules about indicators and their values that writes and the CSV import share.

export async function indicatorByCode(
  em: EntityManager,
  code: string,
  field = "indicator",
): Promise<Indicator> {
  checkCode(code, field);
  // With numerator and denominator: the analytics compute rates from them.
  const indicator = await em.findOne(
    Indicator,
    { code },
    { populate: ["numerator", "denominator"] },
  );
  if (!indicator) throw new BadInputError(`Unknown indicator "${code}"`, field);
  return indicator;
}

/** The largest value an indicator of this measure may hold (percent and yes/no are checked apart). */
export function measureLimit(measure: Measure): number | null {
  switch (measure) {
    case Measure.COUNT:
    case Measure.PERSONS:
      return LIMITS.NATIONAL_COUNT;
    case Measure.THOUSAND_PERSONS:
      return LIMITS.NATIONAL_THOUSANDS;
    case Measure.RATE_PER_100K:
      return LIMITS.RATE_PER_100K;
    case Measure.BILLION_VND:
      return LIMITS.BILLION_VND;
    default:
      return null;
  }
}

/** A value fits its indicator's measure: percentages 0-100, counts of things and persons whole. */
export function checkValue(indicator: Indicator, value: number, field = "value"): void {
  if (!Number.isFinite(value)) throw new BadInputError(`${field} must be a number`, field);
  if (value < 0) throw new BadInputError(`${field} must not be negative, got ${value}`, field);
  switch (indicator.measure) {
    case Measure.PERCENT:
      if (value > 100) {
        throw new BadInputError(
          `${field} is a percentage (${indicator.code}) and must be between 0 and 100, got ${value}`,
          field,
        );
      }
      break;
    case Measure.COUNT:
    case Measure.PERSONS:
      if (!Number.isSafeInteger(value)) {
        throw new BadInputError(
          `${field} counts ${indicator.measure === Measure.PERSONS ? "persons" : "events"} (${indicator.code}) and must be a whole number, got ${value}`,
          field,
        );
      }
      break;
    case Measure.BINARY:
      if (value !== 0 && value !== 1) {
        throw new BadInputError(
          `${field} is yes/no (${indicator.code}): 0 or 1, got ${value}`,
          field,
        );
      }
      break;
    default:
      break;
  }
  // National yearly counts, rates and costs have a ceiling (limits.ts) so sums stay exact.
  const max = measureLimit(indicator.measure);
  if (max !== null) checkAtMost(value, field, max);
}

export function checkMeasure(
  indicator: Indicator,
  measure: Measure | null | undefined,
  field = "measure",
): void {
  if (measure && measure !== indicator.measure) {
    throw new BadInputError(
      `${indicator.code} is measured in ${indicator.measure}, not ${measure}`,
      field,
    );
  }
}
