import { GraphQLError } from "graphql";

/** A mistake in what the user sent: never an internal error. Names the offending field. */
export class BadInputError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: "BAD_USER_INPUT", ...(field ? { field } : {}) } });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "FORBIDDEN" } });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = "This operation needs an API token (Authorization: Bearer <token>)") {
    super(message, { extensions: { code: "UNAUTHENTICATED" } });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
