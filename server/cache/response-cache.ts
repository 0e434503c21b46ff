/**
 * A response cache (least recently used, with a time to live) for anonymous read queries. It is safe with several server instances because
 * every instance empties it when PostgreSQL announces a committed change (see change-listener.ts:
 * triggers on the data tables NOTIFY every listener), so no instance serves an answer older than
 * the last write it was told about. Entries also expire after `ttlMs` as a backstop.
 */
export class ResponseCache<T = unknown> {
  private readonly entries = new Map<string, { body: T; at: number }>();
  hits = 0;
  misses = 0;
  /**
   * Bumped by every clear(). A computation that began before a change must not store its
   * (possibly stale) answer after the change emptied the cache: set() drops it.
   */
  generation = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly ttlMs = 60_000,
  ) {}

  get(key: string): T | undefined {
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

  /** Stores an answer, unless the cache was cleared since `generation` (the caller's start) was read. */
  set(key: string, body: T, generation = this.generation): void {
    if (generation !== this.generation) return;
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { body, at: Date.now() });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
