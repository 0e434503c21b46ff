import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';

export interface RateLimitOptions {
  /** Requests a client may send in a burst. */
  burst: number;
  /** Requests per second refilled. */
  perSecond: number;
  /** Buckets kept at most (oldest dropped), so many addresses cannot exhaust memory. */
  maxClients?: number;
}

interface Bucket { tokens: number; at: number }

/**
 * A token bucket per API token (or per address for anonymous requests). The buckets live in this
 * process: with several instances behind a load balancer each has its own, so the real limit is
 * N times higher; a shared store (e.g. Redis) would be needed for one limit across instances.
 * Over the limit: HTTP 429 with a GraphQL error coded RATE_LIMITED and a Retry-After header.
 */
export function rateLimit({ burst, perSecond, maxClients = 10_000 }: RateLimitOptions) {
  const buckets = new Map<string, Bucket>();
  return (req: Request, res: Response, next: NextFunction) => {
    const auth = req.headers.authorization;
    // Keyed by a hash of the token, never the token itself, so memory holds no secrets.
    const key = auth ? 't:' + createHash('sha256').update(auth).digest('hex').slice(0, 32) : 'a:' + (req.ip ?? req.socket.remoteAddress ?? '?');
    const now = Date.now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    buckets.delete(key); // re-insert: the map's order is then least recently used first
    buckets.set(key, bucket);
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
    if (bucket.tokens < 1) {
      const wait = Math.ceil((1 - bucket.tokens) / perSecond);
      res.setHeader('Retry-After', String(wait));
      res.status(429).json({ errors: [{ message: `Too many requests; retry in ${wait} s`, extensions: { code: 'RATE_LIMITED' } }] });
      return;
    }
    bucket.tokens -= 1;
    next();
  };
}
