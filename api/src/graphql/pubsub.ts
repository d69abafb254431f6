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
        const { topic, payload } = JSON.parse(raw) as { topic: string; payload: unknown };
        this.received++;
        this.local.emit(topic, payload);
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

/** Publish inside a transaction: delivered on commit, dropped on rollback. */
export async function notifyIn(tx: Tx, topic: string, payload: unknown): Promise<void> {
  const body = JSON.stringify({ topic, payload });
  if (body.length > 7900) throw new Error(`pubsub payload too large for ${topic}`);
  await tx.execute(sql`select pg_notify(${PUBSUB_CHANNEL}, ${body})`);
}
