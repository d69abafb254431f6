/**
 * A small general throttle: token buckets per key (e.g. "consultation.ask:<client address>"),
 * in process memory.
 *
 * Note: the buckets live in one API process. With N processes behind one address a client gets at
 * most N× the budget; that is acceptable for abuse protection of public endpoints, and callers that
 * need a hard limit across processes add a database check of their own (consultation does: questions
 * per client address per day, counted in its table). The map is bounded: when it grows past
 * `maxKeys`, full buckets (idle clients) are dropped first, then the oldest.
 */

export interface ThrottleRule {
  /** Bucket size: how many requests may come in a burst. */
  burst: number;
  /** Tokens refilled per second. */
  perSecond: number;
}

export interface ThrottleResult {
  allowed: boolean;
  /** Tokens left after this request. */
  remaining: number;
  /** Seconds until one token is available again (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly rule: ThrottleRule,
    private readonly maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `cost` tokens from `key`'s bucket if it has them. */
  take(key: string, cost = 1): ThrottleResult {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.rule.burst, at: t };
      if (this.buckets.size >= this.maxKeys) this.evict(t);
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.rule.burst, b.tokens + ((t - b.at) / 1000) * this.rule.perSecond);
      b.at = t;
      // Keep recently used keys at the end of the map's order.
      this.buckets.delete(key);
      this.buckets.set(key, b);
    }
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { allowed: true, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 };
    }
    const wait = this.rule.perSecond > 0 ? Math.ceil((cost - b.tokens) / this.rule.perSecond) : Infinity;
    return { allowed: false, remaining: Math.floor(b.tokens), retryAfterSeconds: wait };
  }

  /** Forgets every bucket (tests). */
  reset(): void {
    this.buckets.clear();
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(t: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.rule.perSecond >= this.rule.burst) this.buckets.delete(k);
    }
    while (this.buckets.size >= this.maxKeys) {
      const first = this.buckets.keys().next().value as string | undefined;
      if (first === undefined) break;
      this.buckets.delete(first);
    }
  }
}
