/**
 * The overview's answer cache, one per process: results keyed by (query, arguments), each tagged with
 * the versions of the read models it was computed from. The database announces every change of a read
 * model the overview reads — triggers on those tables `pg_notify('zw_overview', '<stream>')` when the
 * writing transaction commits (migration api/drizzle/overview) — and every process bumps that stream's
 * version on the notification, so an entry computed before a change is never served after it arrives.
 *
 * - A computation is tagged with the versions seen when it *started*: a change that commits while it
 *   runs makes the result stale at once (no lost invalidation).
 * - Concurrent requests for the same key and versions share one computation (single flight).
 * - Entries also expire after `ttlMs` (figures that move with the clock, e.g. permits coming into
 *   force, and a safety net should a notification be missed); a reconnect of the listening connection
 *   clears everything.
 */
export const OVERVIEW_CHANNEL = "zw_overview";

export interface CacheStats {
  hits: number;
  misses: number;
  invalidations: number;
  entries: number;
}

interface Entry {
  stamp: string;
  at: number;
  value: unknown;
}

export class OverviewCache {
  private readonly versions = new Map<string, number>();
  private generation = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  readonly stats: CacheStats = { hits: 0, misses: 0, invalidations: 0, entries: 0 };

  constructor(private readonly opts: { ttlMs: number; maxEntries: number; enabled: boolean; now?: () => number }) {}

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private stampOf(deps: readonly string[]): string {
    return `${this.generation}:${deps.map((d) => `${d}=${this.versions.get(d) ?? 0}`).join(",")}`;
  }

  /** A read model of `dep` (a stream, or "*" for all) changed. */
  invalidate(dep: string): void {
    this.stats.invalidations++;
    if (dep === "*") {
      this.generation++;
      return;
    }
    this.versions.set(dep, (this.versions.get(dep) ?? 0) + 1);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.stats.entries = 0;
  }

  /** The cached value of `key` if still valid, else computes it (once for concurrent callers). */
  async get<T>(key: string, deps: readonly string[], compute: () => Promise<T>): Promise<T> {
    if (!this.opts.enabled) return compute();
    const stamp = this.stampOf(deps);
    const e = this.entries.get(key);
    if (e && e.stamp === stamp && this.now() - e.at < this.opts.ttlMs) {
      this.stats.hits++;
      // refresh recency (Map keeps insertion order: re-insert = most recently used)
      this.entries.delete(key);
      this.entries.set(key, e);
      return e.value as T;
    }
    this.stats.misses++;
    const flightKey = `${key}\u0000${stamp}`;
    const running = this.inflight.get(flightKey);
    if (running) return running as Promise<T>;
    const started = this.now();
    const p = compute().then(
      (value) => {
        this.inflight.delete(flightKey);
        this.entries.delete(key);
        this.entries.set(key, { stamp, at: started, value });
        while (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        this.stats.entries = this.entries.size;
        return value;
      },
      (err: unknown) => {
        this.inflight.delete(flightKey);
        throw err;
      },
    );
    this.inflight.set(flightKey, p);
    return p;
  }
}
