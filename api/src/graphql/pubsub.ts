/**
 * Publish/subscribe across API processes through PostgreSQL LISTEN/NOTIFY.
 * A publish inside a transaction (`notifyIn`) is delivered only if the transaction commits.
 * Every process listens on one channel and fans messages out to its local subscribers.
 * Payloads stay small (ids and summaries; NOTIFY is limited to 8,000 bytes).
 */
import { EventEmitter, on } from "node:events";
import { sql } from "drizzle-orm";
import type { PubSub } from "type-graphql";
import type { Database, Tx } from "../modules/core/db.js";

export const PUBSUB_CHANNEL = "zw_pubsub";

export class PgPubSub implements PubSub {
  private readonly local = new EventEmitter();
  private unlisten?: () => Promise<void>;
  /** Messages received (for tests and health figures). */
  received = 0;

  constructor(private readonly database: Database) {
    this.local.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(PUBSUB_CHANNEL, (raw) => {
      try {
        const msg = JSON.parse(raw) as { topic: string; payload?: unknown; payloads?: unknown[] };
        this.received++;
        // A batch (notifyManyIn) carries several payloads: subscribers still get one event each.
        if (Array.isArray(msg.payloads)) for (const p of msg.payloads) this.local.emit(msg.topic, p);
        else this.local.emit(msg.topic, msg.payload);
      } catch {
        /* ignore malformed */
      }
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  /** Publish now (outside any transaction). */
  publish(topic: string, payload: unknown): void {
    void this.database.notify(PUBSUB_CHANNEL, JSON.stringify({ topic, payload })).catch(() => {});
  }

  subscribe(topic: string): AsyncIterable<unknown> {
    const emitter = this.local;
    return (async function* () {
      for await (const [payload] of on(emitter, topic)) yield payload;
    })();
  }
}

/** NOTIFY payloads are limited to 8,000 bytes (not characters: a Chinese title counts three times). */
const MAX_NOTIFY_BYTES = 7900;

/** Publish inside a transaction: delivered on commit, dropped on rollback. */
export async function notifyIn(tx: Tx, topic: string, payload: unknown): Promise<void> {
  const body = JSON.stringify({ topic, payload });
  if (Buffer.byteLength(body) > MAX_NOTIFY_BYTES) throw new Error(`pubsub payload too large for ${topic}`);
  await tx.execute(sql`select pg_notify(${PUBSUB_CHANNEL}, ${body})`);
}

/**
 * Packs payloads of one topic into as few messages as fit the NOTIFY limit (plain: no database).
 * A message is `{ topic, payloads: [...] }`; PgPubSub hands each payload to the subscribers on its own.
 */
export function packMessages(topic: string, payloads: unknown[]): string[] {
  const out: string[] = [];
  const head = `{"topic":${JSON.stringify(topic)},"payloads":[`;
  let parts: string[] = [];
  let bytes = Buffer.byteLength(head) + 2;
  for (const p of payloads) {
    const one = JSON.stringify(p);
    const n = Buffer.byteLength(one) + 1;
    if (Buffer.byteLength(head) + 2 + n > MAX_NOTIFY_BYTES) throw new Error(`pubsub payload too large for ${topic}`);
    if (parts.length && bytes + n > MAX_NOTIFY_BYTES) {
      out.push(`${head}${parts.join(",")}]}`);
      parts = [];
      bytes = Buffer.byteLength(head) + 2;
    }
    parts.push(one);
    bytes += n;
  }
  if (parts.length) out.push(`${head}${parts.join(",")}]}`);
  return out;
}

/**
 * Publish many payloads of one topic inside a transaction, in one statement (a batch of alerts is one
 * round trip, not one per alert); delivered on commit, dropped on rollback.
 */
export async function notifyManyIn(tx: Tx, topic: string, payloads: unknown[]): Promise<void> {
  if (payloads.length === 0) return;
  const messages = packMessages(topic, payloads);
  await tx.execute(sql`select pg_notify(${PUBSUB_CHANNEL}, m) from jsonb_array_elements_text(${JSON.stringify(messages)}::jsonb) as m`);
}
