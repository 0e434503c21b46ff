import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { createHash } from 'node:crypto';

/**
 * A response cache for anonymous read queries. It is safe with several server instances because
 * every instance empties it when PostgreSQL announces a committed change (see change-listener.ts:
 * triggers on the data tables NOTIFY every listener), so no instance serves an answer older than
 * the last write it was told about. Entries also expire after `ttlMs` as a backstop.
 */
export class ResponseCache {
  private readonly entries = new Map<string, { body: object; at: number }>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 500, private readonly ttlMs = 60_000) {}

  get(key: string): object | undefined {
    const entry = this.entries.get(key);
    if (!entry || Date.now() - entry.at > this.ttlMs) {
      if (entry) this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    // Re-insert to keep the Map in least-recently-used order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.body;
  }

  set(key: string, body: object): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { body, at: Date.now() });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

interface CacheableContext {
  user?: unknown;
}

function keyOf(ctx: GraphQLRequestContext<CacheableContext>): string | null {
  if (ctx.operation?.operation !== 'query' || ctx.contextValue.user) return null;
  return createHash('sha256')
    .update(ctx.request.query ?? '')
    .update('\u0000')
    .update(ctx.request.operationName ?? '')
    .update('\u0000')
    .update(JSON.stringify(ctx.request.variables ?? {}))
    .digest('base64url');
}

/** Apollo plugin: answer repeated anonymous queries from the cache; store successful answers. */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<CacheableContext> {
  return {
    async requestDidStart() {
      let key: string | null = null;
      let fromCache = false;
      return {
        async responseForOperation(ctx) {
          key = keyOf(ctx);
          const body = key ? cache.get(key) : undefined;
          if (body === undefined) return null;
          fromCache = true;
          ctx.response.http.headers.set('x-cache', 'hit');
          // Stored as the result object (frozen), so a hit costs no parsing, only serialisation.
          return { http: ctx.response.http, body: { kind: 'single', singleResult: body as never } };
        },
        async willSendResponse(ctx) {
          if (fromCache || !key || ctx.response.body.kind !== 'single') return;
          const result = ctx.response.body.singleResult;
          if (result.errors?.length) return;
          ctx.response.http.headers.set('x-cache', 'miss');
          cache.set(key, Object.freeze({ ...result }));
        },
      };
    },
  };
}
