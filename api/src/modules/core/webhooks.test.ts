import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withWriter } from "../../graphql/mutation.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { raiseAlert } from "./alerts.js";
import { systemPrincipal } from "./auth.js";
import { rows } from "./db.js";
import { deliverDueWebhooks, verifySignature, WEBHOOK_POLICY } from "./webhooks.js";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver that answers with the status codes it is told, in order (then 200). */
function receiver() {
  const got: Received[] = [];
  const plan: number[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.statusCode = plan.shift() ?? 200;
      res.end("ok");
    });
  });
  return {
    got,
    plan,
    start: () => new Promise<string>((r) => server.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let h: Harness;
let admin: string;
const rx = receiver();
let url: string;

async function newKey(scopes: string[], district?: string) {
  const r = ok(await h.gql(`mutation($s: [String!]!, $d: ID) { createApiKey(input: { name: "hook", scopes: $s, districtId: $d }) { secret apiKey { id } } }`, { s: scopes, d: district }, { token: admin }));
  return r.createApiKey.secret as string;
}
async function subscribe(key: string, types = ["alert.raised"]) {
  const r = ok(await h.gql(`mutation($u: String!, $t: [String!]!) { createWebhookSubscription(input: { url: $u, eventTypes: $t }) { subscription { id active } secret userErrors { code field } } }`, { u: url, t: types }, { apiKey: key }));
  expect(r.createWebhookSubscription.userErrors).toEqual([]);
  return r.createWebhookSubscription as { subscription: { id: string }; secret: string };
}
async function alertIn(districtId: number, key: string) {
  await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) =>
    raiseAlert(w, { stream: "construction", rule: "test", severity: "HIGH", title: "测试预警", subjectType: "Vehicle", subjectLabel: "浙D00001", districtId, dedupKey: key }),
  );
}

beforeAll(async () => {
  h = await createHarness();
  admin = await h.login("admin");
  url = await rx.start();
  WEBHOOK_POLICY.baseBackoffMs = 1;
  WEBHOOK_POLICY.maxBackoffMs = 5;
});
afterAll(async () => {
  await rx.stop();
  await h?.close();
});

const settle = async () => {
  for (let i = 0; i < 20; i++) {
    await deliverDueWebhooks(h.platform.app);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("webhooks", () => {
  it("delivers an event signed over timestamp and body, retrying after failures until it succeeds", async () => {
    const key = await newKey(["construction:read"]);
    const { secret, subscription } = await subscribe(key);
    rx.got.length = 0;
    rx.plan.push(500, 503);
    await alertIn(330602, `hook-1-${Date.now()}`);
    await settle();
    expect(rx.got).toHaveLength(3);
    const last = rx.got[2]!;
    expect(verifySignature(secret, String(last.headers["x-zw-signature"]), last.body)).toBe(true);
    expect(verifySignature(secret, String(last.headers["x-zw-signature"]), last.body.replace("测试", "篡改"))).toBe(false);
    expect(verifySignature("whsec_wrong", String(last.headers["x-zw-signature"]), last.body)).toBe(false);
    const event = JSON.parse(last.body);
    expect(event).toMatchObject({ type: "alert.raised", stream: "construction", data: { title: "测试预警" } });
    expect(rx.got[0]!.body).toBe(last.body); // the same event each time: receivers de-duplicate by id

    const log = ok(await h.gql(`query($s: ID!) { webhookDeliveries(subscriptionId: $s) { edges { node { status attempts lastStatusCode event { type } } } } }`, { s: subscription.id }, { apiKey: key }));
    expect(log.webhookDeliveries.edges[0].node).toEqual({ status: "DELIVERED", attempts: 3, lastStatusCode: 200, event: { type: "alert.raised" } });
  });

  it("sends a key only the events it may see (stream scope and district)", async () => {
    const otherStream = await newKey(["hazardous:read"]);
    const keqiaoOnly = await newKey(["construction:read"], Buffer.from("District:330603").toString("base64url"));
    await subscribe(otherStream);
    await subscribe(keqiaoOnly);
    rx.got.length = 0;
    await alertIn(330602, `hook-2-${Date.now()}`); // Yuecheng
    await settle();
    // Only the first test's key (city-wide construction:read) receives it.
    expect(rx.got).toHaveLength(1);
  });

  it("disables a subscription after repeated failures, logs it, and redelivers on request", async () => {
    const before = WEBHOOK_POLICY.disableAfterFailures;
    WEBHOOK_POLICY.disableAfterFailures = 3;
    try {
      const key = await newKey(["construction:write"]);
      const { subscription } = await subscribe(key);
      await h.gql(`mutation { updateWebhookSubscription(input: { id: "${subscription.id}", active: true }) { subscription { active } } }`, {}, { apiKey: key });
      rx.plan.push(...Array(50).fill(500));
      await alertIn(330604, `hook-3-${Date.now()}`);
      await settle();
      const subs = ok(await h.gql(`{ webhookSubscriptions { id active disabledReason consecutiveFailures } }`, {}, { apiKey: key }));
      const mine = subs.webhookSubscriptions.find((s: { id: string }) => s.id === subscription.id);
      expect(mine.active).toBe(false);
      expect(mine.disabledReason).toMatch(/consecutive failed/);
      const subId = Buffer.from(subscription.id, "base64url").toString().split(":")[1];
      const audit = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.audit_log where entity = 'WebhookSubscription' and action = 'autoDisable' and entity_id = ${subId}`);
      expect(audit[0]!.n).toBe(1);

      rx.plan.length = 0;
      ok(await h.gql(`mutation($id: ID!) { updateWebhookSubscription(input: { id: $id, active: true }) { subscription { active } } }`, { id: subscription.id }, { apiKey: key }));
      const log = ok(await h.gql(`query($s: ID!) { webhookDeliveries(subscriptionId: $s) { edges { node { id status } } } }`, { s: subscription.id }, { apiKey: key }));
      const d = log.webhookDeliveries.edges[0].node;
      ok(await h.gql(`mutation($d: ID!) { redeliverWebhook(deliveryId: $d) { delivery { status attempts } } }`, { d: d.id }, { apiKey: key }));
      await settle();
      const after = ok(await h.gql(`query($s: ID!) { webhookDeliveries(subscriptionId: $s) { edges { node { status } } } }`, { s: subscription.id }, { apiKey: key }));
      expect(after.webhookDeliveries.edges[0].node.status).toBe("DELIVERED");
    } finally {
      WEBHOOK_POLICY.disableAfterFailures = before;
    }
  });

  it("keeps undelivered events across a restart: a new process delivers what the old one committed", async () => {
    const key = await newKey(["construction:read"]);
    await subscribe(key, ["alert.raised"]);
    await alertIn(330681, `hook-4-${Date.now()}`); // committed, not yet delivered
    const pending = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.webhook_deliveries where status = 'PENDING'`);
    expect(pending[0]!.n).toBeGreaterThan(0);
    rx.got.length = 0;
    const { createPlatform } = await import("../../server.js");
    const second = await createPlatform({ ...h.config }, { database: h.database, skipMigrations: true });
    try {
      for (let i = 0; i < 20; i++) await deliverDueWebhooks(second.app);
    } finally {
      await second.stop();
    }
    expect(rx.got.length).toBeGreaterThan(0);
  });

  it("refuses unknown event types, bad URLs, and users who are not keys or administrators", async () => {
    const key = await newKey(["construction:read"]);
    const bad = ok(await h.gql(`mutation { createWebhookSubscription(input: { url: "ftp://x", eventTypes: ["nope"] }) { userErrors { field code } } }`, {}, { apiKey: key }));
    expect(bad.createWebhookSubscription.userErrors[0]).toEqual({ field: "input.url", code: "INVALID_URL" });
    const staff = await h.gql(`mutation { createWebhookSubscription(input: { url: "https://x.example/hook", eventTypes: ["alert.raised"] }) { userErrors { code } } }`, {}, { token: await h.login("housing") });
    expect(staff.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
