import type { EntityManager } from "@mikro-orm/postgresql";
import { BadInputError, unknownCode } from "../graphql/errors.js";
import { z } from "zod";
import { atMost, code as codeRule } from "../graphql/field-rules.js";
import { validateField } from "../graphql/inputs.js";
import { LIMITS } from "../limits.js";
import { Indicator } from "./indicator.entity.js";
import { Measure } from "./indicator.enums.js";

// The rules about indicators and their values that writes and the CSV import share.

export async function indicatorByCode(
  em: EntityManager,
  code: string,
  field = "indicator",
): Promise<Indicator> {
  validateField(codeRule, code, field);
  // With numerator and denominator: the analytics compute rates from them.
  const indicator = await em.findOne(
    Indicator,
    { code },
    { populate: ["numerator", "denominator"] },
  );
  if (!indicator) {
    throw unknownCode("indicator", code, field);
  }
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

/**
 * A value fits its indicator's measure: percentages 0-100, counts of things and persons whole,
 * yes/no 0 or 1, and national counts, rates and costs within their ceiling (limits.ts) so sums
 * stay exact. A zod rule built from the indicator (read from the database), applied by the
 * mutations and the accident import alike.
 */
export function valueRule(indicator: Indicator): z.ZodType<number> {
  const max = measureLimit(indicator.measure);
  const base = z
    .number()
    .refine(Number.isFinite, { error: "must be a number", abort: true })
    .refine(v => v >= 0, {
      error: i => `must not be negative, got ${String(i.input)}`,
      abort: true,
    });
  const fitted = base.superRefine((value, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    switch (indicator.measure) {
      case Measure.PERCENT:
        if (value > 100) {
          fail(`is a percentage (${indicator.code}) and must be between 0 and 100, got ${value}`);
        }
        break;
      case Measure.COUNT:
      case Measure.PERSONS:
        if (!Number.isSafeInteger(value)) {
          const what = indicator.measure === Measure.PERSONS ? "persons" : "events";
          fail(`counts ${what} (${indicator.code}) and must be a whole number, got ${value}`);
        }
        break;
      case Measure.BINARY:
        if (value !== 0 && value !== 1) fail(`is yes/no (${indicator.code}): 0 or 1, got ${value}`);
        break;
      default:
        break;
    }
  });
  return max === null ? fitted : fitted.pipe(atMost(max));
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
      {
        reason: "MEASURE_MISMATCH",
        values: { indicator: indicator.code, measure: indicator.measure, given: measure },
      },
    );
  }
}
