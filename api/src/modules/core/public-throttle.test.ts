/**
 * Public endpoints (no sign-in) are throttled per client address with the shared, database-held buckets
 * of core/throttle.ts (PUBLIC_LIMITS), so the limit holds across API processes: QR verification of
 * manifests and permits, look-ups by tracking code, consultation questions and public submissions.
 * A new public root field must be throttled or listed here as open content, or this test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphQLObjectType } from "graphql";
import { createHarness, type Harness } from "../../test/harness.js";
import { toGlobalId } from "../../graphql/ids.js";
import { PUBLIC_LIMITS } from "./throttle.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seed: false, config: { throttleScale: 1 } });
}, 300_000);
afterAll(async () => h?.close());

const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

/** Public root fields and the bucket that throttles each. */
const THROTTLED: Record<string, { bucket: keyof typeof PUBLIC_LIMITS; query: string; variables?: () => Record<string, unknown>; before?: () => void }> = {
  manifestByQr: { bucket: "verify", query: `{ manifestByQr(token: "no-such-token") { __typename } }` },
  verifyPermit: { bucket: "verify", query: `{ verifyPermit(token: "no-such-token") { __typename } }` },
  bulkyPickupStatus: { bucket: "verify", query: `{ bulkyPickupStatus(trackingCode: "ABCDEF123") { status } }` },
  consultationStatus: {
    bucket: "verify",
    query: `{ consultationStatus(number: "ZX2026-000001", trackingCode: "guess") { status } }`,
  },
  askQuestion: {
    bucket: "question",
    query: `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { number userErrors { code } } }`,
    variables: () => ({ i: { category: "垃圾分类", title: `限流测试 ${Math.random()}`, body: `第 ${Math.random()} 个问题：废电池怎么处理？` } }),
  },
  requestBulkyPickup: {
    bucket: "submit",
    query: `mutation { requestBulkyPickup(input: { districtId: "not-a-district", address: "越城区某路 1 号" }) { trackingCode userErrors { code } } }`,
  },
  login: { bucket: "login", query: `mutation { login(username: "nobody", password: "wrong-password-1") { token } }` },
  faq: { bucket: "read", query: `{ faq(search: "电池", first: 3) { totalCount } }` },
  academySearch: { bucket: "read", query: `{ academySearch(query: "垃圾分类", first: 3) { totalCount } }` },
  academyItem: { bucket: "read", query: `query($id: ID!) { academyItem(id: $id) { title } }`, variables: () => ({ id: toGlobalId("AcademyItem", 1) }) },
};

/** Public fields that are reference data or published content: cheap reads, not throttled. */
const OPEN = new Set(["me", "districts", "manifestTransitions", "questionCategories", "academyCategories"]);

describe("public endpoints", () => {
  it("are each either throttled per address or declared open content", () => {
    const publicFields: string[] = [];
    for (const type of [h.platform.schema.getQueryType(), h.platform.schema.getMutationType()] as GraphQLObjectType[]) {
      for (const f of Object.values(type.getFields())) if (f.extensions?.access === "public") publicFields.push(f.name);
    }
    const unknown = publicFields.filter((f) => !(f in THROTTLED) && !OPEN.has(f));
    expect(unknown, "a new public field: throttle it (core/throttle.ts) and add it to THROTTLED, or to OPEN").toEqual([]);
    const gone = [...Object.keys(THROTTLED), ...OPEN].filter((f) => !publicFields.includes(f));
    expect(gone).toEqual([]);
  });

  for (const [field, spec] of Object.entries(THROTTLED)) {
    it(`${field}: ${PUBLIC_LIMITS[spec.bucket].burst} requests from one address, then 429 RATE_LIMITED; other addresses go on`, async () => {
      const ip = `10.77.${Object.keys(THROTTLED).indexOf(field)}.1`;
      // Earlier tests of the same bucket from other addresses do not count: buckets are per address.
      // The bucket refills while the loop runs, so the first refusal comes after the burst plus at most
      // what refilled meanwhile.
      const bucket = PUBLIC_LIMITS[spec.bucket];
      const started = Date.now();
      let allowed = 0;
      let over: Awaited<ReturnType<typeof h.gql>> | null = null;
      while (allowed < bucket.burst * 3) {
        spec.before?.();
        const r = await h.gql(spec.query, spec.variables?.(), from(ip));
        if (r.status === 429) {
          over = r;
          break;
        }
        allowed++;
      }
      expect(allowed, `${field}: refused too early`).toBeGreaterThanOrEqual(bucket.burst);
      expect(allowed, `${field}: not refused in time`).toBeLessThanOrEqual(bucket.burst + Math.ceil(((Date.now() - started) / 1000) * bucket.perSecond) + 1);
      if (!over) throw new Error(`${field}: never refused`);
      expect(over.status).toBe(429);
      expect(over.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
      expect(over.errors?.[0]?.message).toMatch(/from this address/); // core's shared bucket, not a stream's own limit
      expect(Number(over.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      spec.before?.();
      expect((await h.gql(spec.query, spec.variables?.(), from(`${ip.slice(0, -1)}2`))).status).not.toBe(429);
    });
  }
});
