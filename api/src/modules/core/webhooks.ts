/**
 * Webhooks (事件推送): an API key subscribes to event types; events are written to the outbox in the
 * same transaction as the change (graphql/mutation.ts fans each one out to matching subscriptions),
 * and a worker delivers them, signed with HMAC-SHA256 over "timestamp.body", retrying with exponential
 * backoff. A subscription that keeps failing is disabled automatically; every attempt is logged.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { App } from "../../graphql/context.js";
import { DomainError } from "../../graphql/errors.js";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { systemPrincipal } from "./auth.js";
import { rows } from "./db.js";
import { webhookDeliveries, webhookSubscriptions } from "./tables.js";

export interface EventType {
  type: string;
  stream: string;
  descriptionZh: string;
  descriptionEn: string;
}

const eventTypes = new Map<string, EventType>();
/** Each module declares the event types it emits (the catalogue third parties subscribe from). */
export function registerEventTypes(list: EventType[]): void {
  for (const e of list) {
    // Two streams may emit the same type (manifest.state_changed): one entry naming both streams.
    const known = eventTypes.get(e.type);
    const streams = known && known.stream !== e.stream ? [...new Set([...known.stream.split(", "), e.stream])].sort().join(", ") : e.stream;
    eventTypes.set(e.type, { ...(known ?? e), stream: streams });
  }
}
export function allEventTypes(): EventType[] {
  return [...eventTypes.values()].sort((a, b) => a.type.localeCompare(b.type));
}

registerEventTypes([
  { type: "alert.raised", stream: "*", descriptionZh: "预警触发", descriptionEn: "An alert was raised" },
  { type: "alert.closed", stream: "*", descriptionZh: "预警关闭", descriptionEn: "An alert was closed" },
  { type: "case.opened", stream: "*", descriptionZh: "立案", descriptionEn: "A case was opened" },
  { type: "case.closed", stream: "*", descriptionZh: "结案", descriptionEn: "A case was closed" },
]);

export const WEBHOOK_POLICY = {
  /** Attempts per delivery before it is marked FAILED. */
  maxAttempts: 8,
  /** First retry after this; doubles each attempt, capped. */
  baseBackoffMs: 10_000,
  maxBackoffMs: 3_600_000,
  /** Consecutive failed attempts (across deliveries) that disable a subscription. */
  disableAfterFailures: 20,
  timeoutMs: 10_000,
  /** A claimed delivery is retried by any process after this lease if its sender died. */
  leaseMs: 60_000,
};

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

export function validateWebhookUrl(url: string): string | null {
  if (url.length > 500) return "at most 500 characters";
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "not a valid URL";
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return "must be http or https";
  if (u.username || u.password) return "must not contain credentials";
  return null;
}

export async function createSubscription(w: Writer, apiKeyId: number, url: string, types: string[]): Promise<SubscriptionRow> {
  const bad = validateWebhookUrl(url);
  if (bad) throw new DomainError("INVALID_URL", `url: ${bad}`, "input.url");
  const unknown = types.filter((t) => !eventTypes.has(t));
  if (unknown.length) throw new DomainError("UNKNOWN_EVENT_TYPE", `Unknown event types: ${unknown.join(", ")}`, "input.eventTypes");
  if (types.length === 0) throw new DomainError("REQUIRED", "Subscribe to at least one event type", "input.eventTypes");
  const [s] = await w.tx
    .insert(webhookSubscriptions)
    .values({ apiKeyId, url, eventTypes: [...new Set(types)].sort(), secret: `whsec_${randomBytes(24).toString("base64url")}` })
    .returning();
  await w.audit({ entity: "WebhookSubscription", entityId: s!.id, action: "create", changes: { url, eventTypes: s!.eventTypes } });
  return s!;
}

/** The signature header value for a body sent at `timestamp` (seconds). */
export function sign(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What receivers do: check the signature and that the timestamp is recent (replay protection). */
export function verifySignature(secret: string, header: string, body: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(now / 1000 - t) > toleranceSeconds || !parts.v1) return false;
  const want = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const got = Buffer.from(parts.v1);
  return want.length === got.length && timingSafeEqual(want, got);
}

export function backoffMs(attempts: number): number {
  const base = Math.min(WEBHOOK_POLICY.maxBackoffMs, WEBHOOK_POLICY.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

interface Claimed {
  id: number;
  attempts: number;
  subscription_id: number;
  url: string;
  secret: string;
  event_id: number;
  type: string;
  stream: string;
  entity: string;
  entity_id: string;
  district_id: number | null;
  payload: unknown;
  created_at: string | Date;
}

/** Claims due deliveries with a lease (SKIP LOCKED: several processes share the queue). */
async function claim(app: App, limit: number): Promise<Claimed[]> {
  return rows<Claimed>(
    app.db,
    sql`with due as (
          select d.id from core.webhook_deliveries d join core.webhook_subscriptions s on s.id = d.subscription_id
          where d.status = 'PENDING' and d.next_attempt_at <= now() and s.active
          order by d.next_attempt_at, d.id limit ${limit} for update of d skip locked)
        update core.webhook_deliveries d set attempts = d.attempts + 1, last_attempt_at = now(),
               next_attempt_at = now() + make_interval(secs => ${WEBHOOK_POLICY.leaseMs / 1000})
        from due, core.webhook_subscriptions s, core.events e
        where d.id = due.id and s.id = d.subscription_id and e.id = d.event_id
        returning d.id, d.attempts, d.subscription_id, s.url, s.secret, e.id as event_id, e.type, e.stream, e.entity, e.entity_id, e.district_id, e.payload, e.created_at`,
  );
}

export function eventBody(c: Pick<Claimed, "event_id" | "type" | "stream" | "entity" | "entity_id" | "district_id" | "payload" | "created_at">): string {
  return JSON.stringify({
    id: String(c.event_id),
    type: c.type,
    stream: c.stream,
    entity: c.entity,
    entityId: c.entity_id,
    districtId: c.district_id,
    createdAt: new Date(c.created_at).toISOString(),
    data: c.payload,
  });
}

async function send(c: Claimed): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const body = eventBody(c);
  const ts = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(c.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "zero-waste-shaoxing-webhooks/1",
        "x-zw-event": c.type,
        "x-zw-delivery": String(c.id),
        "x-zw-signature": sign(c.secret, ts, body),
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_POLICY.timeoutMs),
      redirect: "manual",
    });
    await res.arrayBuffer().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, error: res.status >= 300 ? `HTTP ${res.status}` : null };
  } catch (e) {
    return { ok: false, status: null, error: String((e as Error).message).slice(0, 300) };
  }
}

async function record(app: App, c: Claimed, r: { ok: boolean; status: number | null; error: string | null }): Promise<void> {
  await withWriter(app, systemPrincipal("webhooks"), { operation: "deliverWebhook", audit: false }, async (w) => {
    if (r.ok) {
      await w.tx
        .update(webhookDeliveries)
        .set({ status: "DELIVERED", deliveredAt: new Date(), lastStatusCode: r.status, lastError: null })
        .where(eq(webhookDeliveries.id, c.id));
      await w.tx.update(webhookSubscriptions).set({ consecutiveFailures: 0 }).where(eq(webhookSubscriptions.id, c.subscription_id));
    } else {
      const gaveUp = c.attempts >= WEBHOOK_POLICY.maxAttempts;
      await w.tx
        .update(webhookDeliveries)
        .set({ status: gaveUp ? "FAILED" : "PENDING", nextAttemptAt: new Date(Date.now() + backoffMs(c.attempts)), lastStatusCode: r.status, lastError: r.error })
        .where(eq(webhookDeliveries.id, c.id));
      const [s] = await w.tx
        .update(webhookSubscriptions)
        .set({ consecutiveFailures: sql`${webhookSubscriptions.consecutiveFailures} + 1`, updatedAt: new Date() })
        .where(eq(webhookSubscriptions.id, c.subscription_id))
        .returning();
      if (s && s.active && s.consecutiveFailures >= WEBHOOK_POLICY.disableAfterFailures) {
        await w.tx
          .update(webhookSubscriptions)
          .set({ active: false, disabledReason: `disabled after ${s.consecutiveFailures} consecutive failed deliveries (last: ${r.error})` })
          .where(eq(webhookSubscriptions.id, s.id));
        await w.audit({ entity: "WebhookSubscription", entityId: s.id, action: "autoDisable", changes: { consecutiveFailures: s.consecutiveFailures, lastError: r.error } });
        return;
      }
    }
    // Attempts are logged in webhook_deliveries itself; no audit row per attempt.
  });
}

let running: Promise<number> | null = null;
/** Delivers what is due; returns how many attempts were made. One runner per process at a time. */
export function deliverDueWebhooks(app: App): Promise<number> {
  running ??= (async () => {
    let n = 0;
    try {
      for (;;) {
        const batch = await claim(app, 20);
        if (batch.length === 0) break;
        const results = await Promise.all(batch.map((c) => send(c)));
        for (let i = 0; i < batch.length; i++) await record(app, batch[i]!, results[i]!);
        n += batch.length;
      }
    } finally {
      running = null;
    }
    return n;
  })();
  return running;
}

/** Puts a delivery back in the queue now (the owner asked for redelivery). */
export async function redeliver(w: Writer, deliveryId: number): Promise<void> {
  await w.tx
    .update(webhookDeliveries)
    .set({ status: "PENDING", nextAttemptAt: new Date(), attempts: 0 })
    .where(and(eq(webhookDeliveries.id, deliveryId)));
  await w.audit({ entity: "WebhookDelivery", entityId: deliveryId, action: "redeliver" });
  w.afterCommit(() => void deliverDueWebhooks(w.app).catch(() => {}));
}
