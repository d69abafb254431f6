/**
 * Rate limits as token buckets in the database (shared by every API process): a bucket holds up to
 * `burst` tokens and refills `perSecond` tokens a second; a request spends its cost or is refused.
 */
import { GraphQLError } from "graphql";
import { sql } from "drizzle-orm";
import type { Db } from "./db.js";
import { row } from "./db.js";

export interface Bucket {
  burst: number;
  perSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Tokens left after this request. */
  remaining: number;
  limit: number;
  /** Seconds until the request could succeed (0 when allowed). */
  retryAfter: number;
}

/** Public endpoints, per client address. */
export const PUBLIC_LIMITS = {
  login: { burst: 10, perSecond: 1 / 6 } satisfies Bucket,
  verify: { burst: 60, perSecond: 1 } satisfies Bucket,
  question: { burst: 5, perSecond: 1 / 60 } satisfies Bucket,
  /** Public submissions other than questions (a resident booking a pickup). */
  submit: { burst: 5, perSecond: 1 / 60 } satisfies Bucket,
  /** Reads of published content by visitors without an account (each a database search: FAQ, academy). */
  read: { burst: 60, perSecond: 1 } satisfies Bucket,
};

export async function take(db: Db, key: string, bucket: Bucket, cost = 1): Promise<TakeResult> {
  const r = await row<{ tokens: number; last_allowed: boolean }>(
    db,
    sql`insert into core.rate_buckets as b (key, tokens, last_allowed, updated_at)
        values (${key}, ${bucket.burst}::float8 - ${cost}::float8, ${cost <= bucket.burst}, now())
        on conflict (key) do update set
          tokens = case when least(${bucket.burst}::float8, b.tokens + extract(epoch from now() - b.updated_at) * ${bucket.perSecond}::float8) >= ${cost}::float8
                        then least(${bucket.burst}::float8, b.tokens + extract(epoch from now() - b.updated_at) * ${bucket.perSecond}::float8) - ${cost}::float8
                        else least(${bucket.burst}::float8, b.tokens + extract(epoch from now() - b.updated_at) * ${bucket.perSecond}::float8) end,
          last_allowed = least(${bucket.burst}::float8, b.tokens + extract(epoch from now() - b.updated_at) * ${bucket.perSecond}::float8) >= ${cost}::float8,
          updated_at = now()
        returning tokens, last_allowed`,
  );
  const tokens = Math.max(0, Number(r!.tokens));
  const allowed = r!.last_allowed === true || (r!.last_allowed as unknown) === "t";
  const retryAfter = allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / bucket.perSecond));
  return { allowed, remaining: Math.floor(tokens), limit: bucket.burst, retryAfter };
}

export function rateLimited(retryAfter: number, what = "Rate limit exceeded"): GraphQLError {
  return new GraphQLError(`${what}; retry in ${retryAfter} s`, {
    extensions: { code: "RATE_LIMITED", retryAfter, http: { status: 429, headers: new Map([["retry-after", String(retryAfter)]]) } },
  });
}

/** Throttles a public action per client address; throws RATE_LIMITED. */
export async function throttle(app: { db: Db; config: { throttleScale: number } }, action: keyof typeof PUBLIC_LIMITS, ip: string): Promise<void> {
  const b = PUBLIC_LIMITS[action];
  const r = await take(app.db, `${action}:${ip}`, { burst: b.burst * app.config.throttleScale, perSecond: b.perSecond * app.config.throttleScale });
  if (!r.allowed) throw rateLimited(r.retryAfter, "Too many requests from this address");
}

/**
 * Spends an API key's budget for a non-GraphQL request (device batch endpoints): cost 1 per 100 items.
 * Returns the headers to send, or throws RATE_LIMITED.
 */
export async function spendKeyBudget(db: Db, p: { kind: string; apiKeyId?: number; rateLimit?: Bucket }, items: number): Promise<Record<string, string>> {
  if (p.kind !== "apiKey" || !p.rateLimit) return {};
  const r = await take(db, `key:${p.apiKeyId}`, p.rateLimit, Math.max(1, Math.ceil(items / 100)));
  const headers: Record<string, string> = { "x-ratelimit-limit": String(r.limit), "x-ratelimit-remaining": String(r.remaining) };
  if (!r.allowed) throw rateLimited(r.retryAfter, "This key's budget is spent");
  return headers;
}
