import type { RequestHandler } from 'express';
import { createHash } from 'node:crypto';
import type { ResponseCache } from './response-cache.js';

export interface CachedAnswer {
  body: string;
  contentType: string;
}

/**
 * Serves repeated anonymous GraphQL POSTs from the cache, before Apollo parses, validates,
 * executes or serialises anything: for a large answer (a scorecard over 34 units) serialising
 * alone costs more than the rest. Only anonymous requests are cached: they can only read
 * (every write needs a token), and no per-user field can leak. Answers with errors are not kept.
 */
export function httpCache(cache: ResponseCache<CachedAnswer>): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.headers.authorization || !req.body || typeof req.body !== 'object') return next();
    const key = createHash('sha256')
      .update(JSON.stringify(req.body))
      .update('\u0000')
      .update(String(req.headers.accept ?? ''))
      .digest('base64url');
    const hit = cache.get(key);
    if (hit) {
      res.setHeader('x-cache', 'hit');
      res.setHeader('x-sql-statements', '0');
      res.setHeader('content-type', hit.contentType);
      res.end(hit.body);
      return;
    }
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode === 200 && typeof body === 'string' && !/"errors"\s*:\s*\[/.test(body)) {
        cache.set(key, { body, contentType: String(res.getHeader('content-type') ?? 'application/json; charset=utf-8') });
        res.setHeader('x-cache', 'miss');
      }
      return send(body);
    };
    next();
  };
}
