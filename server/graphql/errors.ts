import { GraphQLError } from "graphql";

/**
 * Why an input was refused, beside the English message: a client words it in its own language
 * from `extensions.reason` and the values in `extensions.values` (the web's field-errors.ts
 * does, in Vietnamese first). Refusals without a reason are worded by their message alone.
 */
export type InputReason =
  /** `values.id`: no such record (or not one this user may see). */
  | "NOT_FOUND"
  /** `values.code`: no unit, indicator, programme, source or site has this code. */
  | "UNKNOWN_CODE"
  /** The record exists already: correct it instead (`values` name it). */
  | "ALREADY_EXISTS"
  /** `values.id`: the record was approved or rejected meanwhile; only a draft can change. */
  | "NOT_A_DRAFT"
  /** An official value names no source. */
  | "SOURCE_REQUIRED"
  /** Illustrative data are generated, never written by hand. */
  | "GENERATED_DATA"
  /** `values.code` did not exist in `values.year`; it existed from `values.from` to `values.to` ("": open). */
  | "NOT_IN_YEAR"
  /** `values.year` is outside the programme's `values.from`–`values.to`. */
  | "OUT_OF_PERIOD"
  /** `values.indicator` is measured in `values.measure`, not `values.given`. */
  | "MEASURE_MISMATCH"
  /** `values.code` is cited `values.uses` times and cannot be deleted. */
  | "IN_USE"
  /** The change breaks a database rule (unique, check or reference). */
  | "DATA_RULE"
  /** The database did not accept a value (out of its range, an invalid character). */
  | "VALUE_REJECTED";

export interface InputRefusal {
  reason: InputReason;
  values?: Record<string, string | number>;
}

/** A refusal's reason and values as the error's extensions (nothing when there is none). */
const refusalExtensions = (refusal?: {
  reason: string;
  values?: Record<string, string | number>;
}) => ({
  ...(refusal ? { reason: refusal.reason } : {}),
  ...(refusal?.values ? { values: refusal.values } : {}),
});

/** A mistake in what the user sent: never an internal error. Names the offending field. */
export class BadInputError extends GraphQLError {
  constructor(message: string, field?: string, refusal?: InputRefusal) {
    super(message, {
      extensions: {
        code: "BAD_USER_INPUT",
        ...(field ? { field } : {}),
        ...refusalExtensions(refusal),
      },
    });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** `kind` "`code`" exists nowhere: the BAD_USER_INPUT (UNKNOWN_CODE) of every lookup by code. */
export function unknownCode(kind: string, code: string, field: string): BadInputError {
  return new BadInputError(`Unknown ${kind} "${code}"`, field, {
    reason: "UNKNOWN_CODE",
    values: { code },
  });
}

/**
 * Why an action was refused to this user, for clients to word (as InputReason): the user's role
 * may only read (READ_ONLY) or is not an admin (ADMIN_ONLY); `values.code` is outside the units
 * assigned (OUT_OF_SCOPE); the user wrote or edited draft `values.id`, or an admin account they
 * created did (FOUR_EYES); nobody is known to have written it (AUTHOR_UNKNOWN).
 */
export type ForbiddenReason =
  "READ_ONLY" | "ADMIN_ONLY" | "OUT_OF_SCOPE" | "FOUR_EYES" | "AUTHOR_UNKNOWN";

export class ForbiddenError extends GraphQLError {
  constructor(
    message: string,
    refusal?: { reason: ForbiddenReason; values?: Record<string, string | number> },
  ) {
    super(message, {
      extensions: { code: "FORBIDDEN", ...refusalExtensions(refusal) },
    });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = "This operation needs an API token (Authorization: Bearer <token>)") {
    super(message, { extensions: { code: "UNAUTHENTICATED" } });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
