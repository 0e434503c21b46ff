import type { Response } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface RateLimitOptions {
  /** Requests a client may send in a burst. */
  burst: number;
  /** Requests per second on average. */
  perSecond: number;
}

/** A failed authentication costs this many requests, so a stream of guessed tokens soon gets 429. */
export const FAILED_AUTH_POINTS = 10;

/**
 * Request limits per verified user (`u:<id>`) or, for anonymous requests, per client address
 * (`a:<address>`); failed authentications are counted per address in their own budget (`f:`).
 * The key is chosen only after the token is verified: keying on the raw header let one token
 * spelled many ways ("bearer", "BEARER  ") get a fresh budget each time.
 *
 * rate-limiter-flexible counts in fixed windows: `burst` points per `burst / perSecond` seconds,
 * the same average rate as the RATE_LIMIT setting says. RateLimiterMemory keeps the counts in this
 * process; its RateLimiterPostgres store (same API) would let several instances share one limit.
 */
export class RequestLimiter {
  private readonly requests: RateLimiterMemory;
  private readonly failures: RateLimiterMemory;
  private readonly points: number;

  constructor({ burst, perSecond }: RateLimitOptions) {
    const duration = Math.max(1, Math.ceil(burst / perSecond));
    this.points = burst;
    this.requests = new RateLimiterMemory({ keyPrefix: "req", points: burst, duration });
    this.failures = new RateLimiterMemory({ keyPrefix: "auth-fail", points: burst, duration });
  }

  /** Counts one request of a verified user or an anonymous address; the seconds to wait when over. */
  async take(key: `u:${number}` | `a:${string}`): Promise<number | null> {
    return consume(this.requests, key, 1);
  }

  /** Whether an address has used up its failed-authentication budget: its tokens are not even looked up. */
  async blocked(address: string): Promise<number | null> {
    const state = await this.failures.get(`f:${address}`);
    return state && state.consumedPoints + FAILED_AUTH_POINTS > this.points
      ? secondsOf(state)
      : null;
  }

  /** Counts a failed authentication from an address; the seconds to wait when over. */
  async failed(address: string): Promise<number | null> {
    return consume(this.failures, `f:${address}`, FAILED_AUTH_POINTS);
  }
}

async function consume(
  limiter: RateLimiterMemory,
  key: string,
  points: number,
): Promise<number | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (rejection) {
    // The limiter rejects with its state when over the limit, and with an Error only on a store failure.
    if (rejection instanceof RateLimiterRes) return secondsOf(rejection);
    throw rejection;
  }
}

const secondsOf = (state: RateLimiterRes) => Math.max(1, Math.ceil(state.msBeforeNext / 1000));

/** Over the limit: HTTP 429 with a GraphQL-shaped error coded RATE_LIMITED and a Retry-After header. */
export function sendRateLimited(res: Response, seconds: number): void {
  res.setHeader("Retry-After", String(seconds));
  res.status(429).json({
    errors: [
      {
        message: `Too many requests; retry in ${seconds} s`,
        extensions: { code: "RATE_LIMITED" },
      },
    ],
  });
}
