import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";

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
});
