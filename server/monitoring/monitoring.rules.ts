import { BadInputError } from "../graphql/errors.js";
import { checkCount } from "../graphql/field-rules.js";
import { LIMITS } from "../limits.js";

// The rules about monitoring results that the mutations and the CSV import share.

/** Whole counts within LIMITS.SAMPLES_PER_RESULT, and no more over the limit than taken. */
export function checkSamples(samples: number, over: number): void {
  checkCount(samples, "samples", LIMITS.SAMPLES_PER_RESULT);
  checkCount(over, "samplesOverLimit", LIMITS.SAMPLES_PER_RESULT);
  if (over > samples) {
    throw new BadInputError(
      `samplesOverLimit (${over}) is more than samples (${samples})`,
      "samplesOverLimit",
    );
  }
}
