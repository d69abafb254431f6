import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { rows } from "./db.js";
import { take } from "./throttle.js";

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await createHarness({ config: { throttleScale: 1 } });
  admin = await h.login("admin");
});
afterAll(async () => h?.close());

describe("rate limits", () => {
  it("spends an API key's budget by query cost, reports what is left, and answers 429 RATE_LIMITED when spent", async () => {
    const created = ok(await h.gql(`mutation { createApiKey(input: { name: "tight", scopes: ["overview:read"], rateLimitBurst: 100, rateLimitPerSecond: 1 }) { secret } }`, {}, { token: admin }));
    const key = created.createApiKey.secret;
    const first = await h.gql(`{ districts { code nameZh } }`, {}, { apiKey: key });
    expect(first.status).toBe(200);
    const cost = first.extensions!.cost.requested;
    expect(first.extensions!.rateLimit).toMatchObject({ limit: 100, remaining: 100 - cost });
    expect(first.headers["x-ratelimit-remaining"]).toBe(String(100 - cost));
    let last = first;
    for (let i = 0; i < 100 && last.status === 200; i++) last = await h.gql(`{ districts { code nameZh } }`, {}, { apiKey: key });
    expect(last.status).toBe(429);
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
    expect(Number(last.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // Another key is not affected.
    const other = ok(await h.gql(`mutation { createApiKey(input: { name: "other", scopes: ["overview:read"] }) { secret } }`, {}, { token: admin }));
    expect((await h.gql(`{ districts { code } }`, {}, { apiKey: other.createApiKey.secret })).status).toBe(200);
  });

  it("refuses a single query costlier than the key's whole bucket", async () => {
    const created = ok(await h.gql(`mutation { createApiKey(input: { name: "small", scopes: ["overview:read"], rateLimitBurst: 100, rateLimitPerSecond: 1 }) { secret } }`, {}, { token: admin }));
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: districts { code }`).join(" ");
    const r = await h.gql(`{ ${aliases} }`, {}, { apiKey: created.createApiKey.secret });
    expect(r.status).toBe(429);
  });

  it("throttles logins per client address", async () => {
    let r;
    let n = 0;
    do {
      r = await h.gql(`mutation { login(username: "nobody", password: "whatever-1") { token } }`);
      n++;
    } while (r.status === 200 && n < 30);
    expect(n).toBeGreaterThan(5);
    expect(r.status).toBe(429);
    expect(r.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("refills a bucket at its rate up to its burst, and says exactly when a refused request could succeed", async () => {
    const db = h.database.db;
    // A slow rate, so that the few milliseconds between statements add well under a token.
    const bucket = { burst: 10, perSecond: 0.1 };
    /** Moves the bucket's clock back, as if `seconds` had passed since its last request. */
    const wait = (seconds: number) => db.execute(sql`update core.rate_buckets set updated_at = updated_at - make_interval(secs => ${seconds}) where key = 'test:refill'`);
    const tokens = async () => Number((await rows<{ tokens: number }>(db, sql`select tokens from core.rate_buckets where key = 'test:refill'`))[0]!.tokens);
    expect(await take(db, "test:refill", bucket, 10)).toEqual({ allowed: true, remaining: 0, limit: 10, retryAfter: 0 });
    // Empty: the refused request spends nothing, and its retry time is what the rate needs for 3 tokens (≈ 30 s).
    const refused = await take(db, "test:refill", bucket, 3);
    let t = await tokens();
    expect(t).toBeLessThan(0.5);
    expect(refused).toMatchObject({ allowed: false, retryAfter: Math.ceil((3 - t) / 0.1) });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(25);
    await wait(50); // 50 s at 0.1 a second: 5 tokens more
    expect(await take(db, "test:refill", bucket, 3)).toMatchObject({ allowed: true, remaining: 2 });
    t = await tokens();
    expect(t).toBeGreaterThanOrEqual(2);
    expect(t).toBeLessThan(2.5);
    const short = await take(db, "test:refill", bucket, 10);
    expect(short).toMatchObject({ allowed: false, remaining: 2, retryAfter: Math.ceil((10 - (await tokens())) / 0.1) });
    await wait(6000); // idle for 100 minutes: capped at the burst, not 600 tokens
    expect(await take(db, "test:refill", bucket, 1)).toMatchObject({ allowed: true, remaining: 9 });
    expect(await tokens()).toBe(9);
    expect(await take(db, "test:refill", bucket, 11)).toMatchObject({ allowed: false });
  });

  it("never lets concurrent requests overspend a bucket (one atomic statement per request)", async () => {
    const db = h.database.db;
    const results = await Promise.all(Array.from({ length: 30 }, () => take(db, "test:race", { burst: 12, perSecond: 0.0001 }, 1)));
    expect(results.filter((r) => r.allowed)).toHaveLength(12);
    expect(results.filter((r) => !r.allowed).every((r) => r.retryAfter > 0)).toBe(true);
    const [b] = await rows<{ tokens: number }>(db, sql`select tokens from core.rate_buckets where key = 'test:race'`);
    expect(Number(b!.tokens)).toBeLessThan(1);
    expect(Number(b!.tokens)).toBeGreaterThanOrEqual(0);
  });

  it("gives a spent key its budget back at the key's configured rate", async () => {
    const created = ok(await h.gql(`mutation { createApiKey(input: { name: "refill", scopes: ["overview:read"], rateLimitBurst: 100, rateLimitPerSecond: 1 }) { secret } }`, {}, { token: admin }));
    const key = created.createApiKey.secret;
    let r = await h.gql(`{ districts { code } }`, {}, { apiKey: key });
    const cost = r.extensions!.cost.requested as number;
    expect(cost).toBeGreaterThan(0);
    while (r.status === 200) r = await h.gql(`{ districts { code } }`, {}, { apiKey: key });
    expect(r.status).toBe(429);
    const bucketOf = async () => (await rows<{ key: string; tokens: number }>(h.database.db, sql`select key, tokens from core.rate_buckets where key like 'key:%' order by updated_at desc limit 1`))[0]!;
    const spent = await bucketOf();
    const left = Number(spent.tokens);
    expect(left).toBeLessThan(cost);
    // The retry time the client was given is what the key's rate needs to cover the cost.
    expect(r.errors![0]!.extensions!.retryAfter).toBe(Math.max(1, Math.ceil(cost - left)));
    expect(r.headers["retry-after"]).toBe(String(Math.max(1, Math.ceil(cost - left))));
    // 10 s later: 10 tokens more (1 a second); the next request is served and spends its cost.
    await h.database.db.execute(sql`update core.rate_buckets set updated_at = updated_at - interval '10 seconds' where key = ${spent.key}`);
    const again = await h.gql(`{ districts { code } }`, {}, { apiKey: key });
    expect(again.status).toBe(200);
    const now = Number((await bucketOf()).tokens);
    expect(now).toBeGreaterThanOrEqual(left + 10 - cost);
    expect(now).toBeLessThan(left + 10 - cost + 2); // + the real seconds between the two statements
    expect(again.extensions!.rateLimit).toMatchObject({ limit: 100, remaining: Math.floor(now) });
    expect(again.headers["x-ratelimit-remaining"]).toBe(String(Math.floor(now)));
  });
});
