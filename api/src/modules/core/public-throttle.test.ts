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
import { LOOKUP_BUCKET } from "../cells/resolvers-engage.js";

type Bucket = { burst: number; perSecond: number };

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seed: false, config: { throttleScale: 1 } });
}, 300_000);
afterAll(async () => h?.close());

const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

/** Public root fields and the bucket that throttles each. */
const THROTTLED: Record<string, { bucket: Bucket; query: string; variables?: () => Record<string, unknown>; before?: () => void }> = {
  manifestByQr: { bucket: PUBLIC_LIMITS.verify, query: `{ manifestByQr(token: "no-such-token") { __typename } }` },
  verifyPermit: { bucket: PUBLIC_LIMITS.verify, query: `{ verifyPermit(token: "no-such-token") { __typename } }` },
  bulkyPickupStatus: { bucket: PUBLIC_LIMITS.verify, query: `{ bulkyPickupStatus(trackingCode: "ABCDEF123") { status } }` },
  consultationStatus: {
    // guessing tracking codes: the consultation desk's own, stricter bucket (still core's shared store)
    bucket: LOOKUP_BUCKET,
    query: `{ consultationStatus(number: "ZX2026-000001", trackingCode: "guess") { status } }`,
  },
  askQuestion: {
    bucket: PUBLIC_LIMITS.question,
    query: `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { number userErrors { code } } }`,
    variables: () => ({ i: { category: "垃圾分类", title: `限流测试 ${Math.random()}`, body: `第 ${Math.random()} 个问题：废电池怎么处理？` } }),
  },
  requestBulkyPickup: {
    bucket: PUBLIC_LIMITS.submit,
    // a complete request for an unknown district: passes GraphQL validation, so the throttle is what answers
    query: `mutation { requestBulkyPickup(input: { districtId: "not-a-district", residentName: "张三", phone: "13800000000", address: "越城区某路 1 号", wasteKind: BULKY, preferredDate: "2026-12-01" }) { trackingCode userErrors { code } } }`,
  },
  login: { bucket: PUBLIC_LIMITS.login, query: `mutation { login(username: "nobody", password: "wrong-password-1") { token } }` },
  // published content read by visitors without an account (each a database search)
  faq: { bucket: PUBLIC_LIMITS.read, query: `{ faq(search: "电池", first: 3) { totalCount } }` },
  academySearch: { bucket: PUBLIC_LIMITS.read, query: `{ academySearch(query: "垃圾分类", first: 3) { totalCount } }` },
  academyItem: { bucket: PUBLIC_LIMITS.read, query: `query($id: ID!) { academyItem(id: $id) { title } }`, variables: () => ({ id: toGlobalId("AcademyItem", 1) }) },
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
    it(`${field}: ${spec.bucket.burst} requests from one address, then 429 RATE_LIMITED; other addresses go on`, async () => {
      const ip = `10.77.${Object.keys(THROTTLED).indexOf(field)}.1`;
      // Earlier tests of the same bucket from other addresses do not count: buckets are per address.
      // The bucket refills while we send (slowly on a loaded machine), so the first refusal may come a
      // little after the burst: never before it, and no later than the refill of the time spent allows.
      const started = Date.now();
      let allowed = 0;
      let over: Awaited<ReturnType<Harness["gql"]>> | undefined;
      for (let i = 0; i < spec.bucket.burst * 3 + 20; i++) {
        spec.before?.();
        const r = await h.gql(spec.query, spec.variables?.(), from(ip));
        if (r.status === 429) {
          over = r;
          break;
        }
        allowed++;
      }
      const refill = Math.ceil(((Date.now() - started) / 1000) * spec.bucket.perSecond);
      expect(over, `${field}: never refused after ${allowed} requests`).toBeDefined();
      expect(allowed).toBeGreaterThanOrEqual(spec.bucket.burst);
      expect(allowed).toBeLessThanOrEqual(spec.bucket.burst + refill + 1);
      expect(over!.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
      expect(over!.errors?.[0]?.message).toMatch(/from this address/); // core's shared bucket, not a stream's own limit
      expect(Number(over!.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      spec.before?.();
      expect((await h.gql(spec.query, spec.variables?.(), from(`${ip.slice(0, -1)}2`))).status).not.toBe(429);
    });
  }
});
