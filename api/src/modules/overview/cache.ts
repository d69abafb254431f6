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
 * - With `refresh` on, answers are precomputed when their inputs change: after a change of a stream
 *   (debounced) and before an entry expires, the entries read recently ("hot": the overview pages and
 *   wall screens people have open) are computed again in the background, a few at a time. A request
 *   that arrives meanwhile joins that computation (single flight), so the leadership's next reload
 *   finds the answer ready instead of paying for a cold computation — while a changed figure is still
 *   never served from before the change.
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
  deps: readonly string[];
  compute: () => Promise<unknown>;
  /** Last time a caller asked for it (background refreshes do not count). */
  readAt: number;
}

export interface RefreshOptions {
  /** Wait this long after a change before recomputing (changes in a burst are folded into one pass). */
  delayMs: number;
  /** Entries asked for within this window are kept warm. */
  hotMs: number;
  /** Computations at once (each takes a database connection). */
  concurrency: number;
  /** Recompute hot entries this long before they expire (0: only on changes). */
  aheadMs: number;
  /** Called when a background computation fails (the entry is then computed on the next request). */
  onError?: (e: unknown) => void;
}

export class OverviewCache {
  private readonly versions = new Map<string, number>();
  private generation = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  readonly stats: CacheStats & { refreshed: number; stale: number } = { hits: 0, misses: 0, invalidations: 0, entries: 0, refreshed: 0, stale: 0 };
  private timer: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly opts: { ttlMs: number; maxEntries: number; enabled: boolean; now?: () => number; refresh?: RefreshOptions }) {
    const r = opts.refresh;
    if (opts.enabled && r && r.aheadMs > 0) {
      // entries about to expire are recomputed while still served: look often enough to catch them
      this.ticker = setInterval(() => this.schedule(0), Math.max(250, Math.floor(r.aheadMs / 2)));
      this.ticker.unref();
    }
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private stampOf(deps: readonly string[]): string {
    return `${this.generation}:${deps.map((d) => `${d}=${this.versions.get(d) ?? 0}`).join(",")}`;
  }

  /** A read model of `dep` (a stream, or "*" for all) changed. */
  invalidate(dep: string): void {
    this.stats.invalidations++;
    if (dep === "*") this.generation++;
    else this.versions.set(dep, (this.versions.get(dep) ?? 0) + 1);
    this.schedule(this.opts.refresh?.delayMs ?? 0);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.stats.entries = 0;
  }

  /** Forgets one entry (an answer that should not be served again, e.g. one computed without a failed stream). */
  drop(key: string): void {
    this.entries.delete(key);
    this.stats.entries = this.entries.size;
  }

  /** Stops background refreshing (the platform is stopping); waits for a pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.ticker) clearInterval(this.ticker);
    this.timer = this.ticker = null;
    await this.running?.catch(() => {});
  }

  /** Resolves when no refresh pass is planned or running (tests, and a clean stop). */
  async settled(): Promise<void> {
    while (this.timer || this.running) await (this.running ?? new Promise((r) => setTimeout(r, 10)));
  }

  /** Plans a refresh pass in `delayMs` (one pass at a time; a change during a pass plans another). */
  private schedule(delayMs: number): void {
    if (!this.opts.enabled || !this.opts.refresh || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.refreshPass().finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule(this.opts.refresh!.delayMs);
        }
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Hot entries that a change made stale or that expire soon, computed again (a few at a time). */
  private async refreshPass(): Promise<void> {
    const r = this.opts.refresh!;
    const now = this.now();
    const due = [...this.entries]
      .filter(([, e]) => now - e.readAt <= r.hotMs && (e.stamp !== this.stampOf(e.deps) || (r.aheadMs > 0 && now - e.at >= this.opts.ttlMs - r.aheadMs)))
      .reverse(); // most recently read first
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.stopped) {
        const [key, e] = due[next++]!;
        if (this.entries.get(key) !== e) continue; // replaced meanwhile
        try {
          await this.compute(key, e.deps, e.compute, e.readAt, true);
          this.stats.refreshed++;
        } catch (err) {
          r.onError?.(err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, r.concurrency) }, worker));
  }

  /**
   * The cached value of `key` if still valid, else computes it (once for concurrent callers).
   * `staleWhileRefresh`: for answers that are slow to compute and fine a few seconds late (the monthly
   * briefing, a month's document): after a change the previous value is served — if it is younger than
   * the TTL — while the new one is computed, instead of making the caller wait for it.
   */
  async get<T>(key: string, deps: readonly string[], compute: () => Promise<T>, opts: { staleWhileRefresh?: boolean } = {}): Promise<T> {
    if (!this.opts.enabled) return compute();
    const stamp = this.stampOf(deps);
    const e = this.entries.get(key);
    const fresh = !!e && this.now() - e.at < this.opts.ttlMs;
    if (e && fresh && e.stamp === stamp) {
      this.stats.hits++;
      e.readAt = this.now();
      // refresh recency (Map keeps insertion order: re-insert = most recently used)
      this.entries.delete(key);
      this.entries.set(key, e);
      return e.value as T;
    }
    if (e && fresh && opts.staleWhileRefresh) {
      this.stats.stale++;
      e.readAt = this.now();
      this.compute(key, deps, compute, this.now(), false).catch((err: unknown) => this.opts.refresh?.onError?.(err));
      return e.value as T;
    }
    this.stats.misses++;
    return this.compute(key, deps, compute, this.now(), false) as Promise<T>;
  }

  /**
   * Computes `key` for the current versions, or joins the computation already running for them.
   * `background`: a refresh — it must not push a newer entry out, nor keep an entry alive that was
   * dropped meanwhile (clear, eviction).
   */
  private compute(key: string, deps: readonly string[], compute: () => Promise<unknown>, readAt: number, background: boolean): Promise<unknown> {
    const stamp = this.stampOf(deps);
    const flightKey = `${key}\u0000${stamp}`;
    const running = this.inflight.get(flightKey);
    if (running) return running;
    const started = this.now();
    const generation = this.generation;
    const p = compute().then(
      (value) => {
        this.inflight.delete(flightKey);
        const current = this.entries.get(key);
        if (background && (!current || generation !== this.generation)) return value;
        if (current && current.stamp !== stamp && current.at > started) return value; // a later computation already landed
        this.entries.delete(key);
        this.entries.set(key, { stamp, at: started, value, deps, compute, readAt: Math.max(readAt, current?.readAt ?? 0) });
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
