import { affects, EVERYTHING, type DataChange } from "./tags.js";

/** How many recent changes set() can check a late answer against; older starts are refused. */
const REMEMBERED_CHANGES = 256;

/**
 * A response cache (least recently used, with a time to live) for anonymous read queries. Each
 * entry carries the tags of what it read (tags.ts); a committed change empties only the entries
 * it affects. It is safe with several server instances because every instance hears every
 * committed change from PostgreSQL (change-listener.ts: triggers on the data tables NOTIFY every
 * listener), so no instance serves an answer older than the last write it was told about.
 * Entries also expire after `ttlMs` as a backstop.
 */
export class ResponseCache<T = unknown> {
  private readonly entries = new Map<string, { body: T; at: number; tags: ReadonlySet<string> }>();
  /** The latest changes, oldest first, each with the generation it started. */
  private readonly changes: { generation: number; change: DataChange }[] = [];
  hits = 0;
  misses = 0;
  /**
   * Bumped by every change. A computation that began before a change must not store its
   * (possibly stale) answer after the change if the change affects what it read: set() drops it.
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

  /**
   * Stores an answer that read `tags`, unless a change since `generation` (read when the
   * computation started) affects those tags.
   */
  set(key: string, body: T, tags: ReadonlySet<string>, generation = this.generation): void {
    if (generation !== this.generation) {
      const oldest = this.changes[0]?.generation ?? this.generation;
      if (generation < oldest) return; // too long ago to tell: drop it
      for (const { generation: at, change } of this.changes) {
        if (at >= generation && affects(change, tags)) return;
      }
    }
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { body, at: Date.now(), tags });
  }

  /** Empties the entries `change` may have made stale; returns how many. */
  invalidate(change: DataChange): number {
    this.changes.push({ generation: this.generation, change });
    if (this.changes.length > REMEMBERED_CHANGES) this.changes.shift();
    this.generation++;
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (affects(change, entry.tags)) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  clear(): void {
    this.invalidate(EVERYTHING);
  }

  get size(): number {
    return this.entries.size;
  }
}
