/**
 * Every write goes through a Writer: one transaction holding the change, its audit row, its outbox
 * events and its idempotency record, so they commit or vanish together.
 */
import { and, eq, sql } from "drizzle-orm";
import { GraphQLError } from "graphql";
import type { Database, Tx } from "../modules/core/db.js";
import { auditLog, idempotencyKeys, tombstones } from "../modules/core/tables.js";
import type { App, Context, Principal } from "./context.js";
import { DomainError, isPgError, type UserError } from "./errors.js";

export interface AuditEntry {
  entity: string;
  entityId?: string | number | null;
  action: string;
  changes?: unknown;
}

export interface DomainEvent {
  /** e.g. "manifest.state_changed", "alert.raised", "permit.issued". */
  type: string;
  stream: string;
  entity: string;
  entityId: number | string;
  districtId?: number | null;
  org?: { kind: string; id: number } | null;
  payload: Record<string, unknown>;
}

export interface Writer {
  tx: Tx;
  principal: Principal;
  app: App;
  /** The operation (mutation or job) this write belongs to. */
  operation: string;
  /** Writes audit rows (a list: one multi-row insert). */
  audit(entry: AuditEntry | AuditEntry[]): Promise<void>;
  /**
   * Writes domain events to the outbox, in this transaction, with their webhook deliveries and one
   * `pg_notify` — one statement however many events (a batch of alerts is one round trip, not three per event).
   */
  emit(event: DomainEvent | DomainEvent[]): Promise<void>;
  /** Runs after a successful commit (never on rollback). */
  afterCommit(fn: () => void | Promise<void>): void;
  /**
   * Runs in the transaction after everything else (the service, its audit, the idempotency record),
   * just before the commit: for writes to hot shared rows (rollups) whose row locks should be held as
   * briefly as possible. Hooks run in the order registered; a failure rolls everything back.
   */
  beforeCommit(fn: () => Promise<void>): void;
  /** Records a deletion for incremental sync (call when deleting a record third parties may have copied). */
  tombstone(t: { entity: string; entityId: number | string; stream: string; districtId?: number | null; org?: { kind: string; id: number } | null }): Promise<void>;
}

/** NOTIFY channel of the outbox: one notification per `emit` call, payload its event ids, comma-separated. */
export const EVENTS_CHANNEL = "zw_events";
/** Events per outbox statement: keeps the NOTIFY payload (their ids) far below its 8,000-byte limit. */
const EMIT_CHUNK = 400;

const SECRET_KEYS = /pass(word)?|secret|token|apiKey/i;
function redact(v: unknown, depth = 0): unknown {
  if (depth > 6 || v === null || typeof v !== "object") return typeof v === "string" && v.length > 2000 ? v.slice(0, 2000) + "…" : v;
  if (Array.isArray(v)) return v.length > 200 ? [...v.slice(0, 200).map((x) => redact(x, depth + 1)), `… ${v.length - 200} more`] : v.map((x) => redact(x, depth + 1));
  if (v instanceof Date) return v.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = SECRET_KEYS.test(k) ? "[redacted]" : redact(val, depth + 1);
  return out;
}

/** Constraint name → the user error it means. Modules register theirs. */
const constraintErrors = new Map<string, UserError>();
export function registerConstraintError(constraint: string, error: UserError): void {
  constraintErrors.set(constraint, error);
}

function pgToUserError(e: unknown): UserError | null {
  if (!isPgError(e)) return null;
  const name = (e as { constraint_name?: string; constraint?: string }).constraint_name ?? (e as { constraint?: string }).constraint;
  if (name && constraintErrors.has(name)) return constraintErrors.get(name)!;
  switch (e.code) {
    case "23505":
      return { code: "DUPLICATE", message: "A record with the same unique value already exists", field: null };
    case "23P01":
      return { code: "CONFLICT", message: "This conflicts with an existing record", field: null };
    case "23503":
      return { code: "INVALID_REFERENCE", message: "A referenced record does not exist or is still in use", field: null };
    case "23514":
      return { code: "INVALID_VALUE", message: "A value breaks a rule of this record", field: null };
    case "22003":
    case "22001":
      return { code: "OUT_OF_RANGE", message: "A value is too large", field: null };
    default:
      return null;
  }
}

const RETRYABLE = new Set(["40001", "40P01"]);

/**
 * The outbox write of a list of events, as one statement: the events, their fan-out to the webhook
 * subscriptions whose key may see each one (same transaction: nothing lost), and one NOTIFY with their ids.
 * The subscription match is the same per event as it always was: the key's scopes name the event's stream,
 * its district (if any) is the event's, its organisation (if any) the event's.
 */
async function emitEvents(tx: Tx, list: DomainEvent[]): Promise<void> {
  if (list.length === 0) return;
  const payload = JSON.stringify(
    list.map((ev, i) => ({ i, ty: ev.type, st: ev.stream, en: ev.entity, ei: String(ev.entityId), d: ev.districtId ?? null, ok: ev.org?.kind ?? null, oi: ev.org?.id ?? null, p: ev.payload })),
  );
  await tx.execute(sql`
    with e as (
      insert into core.events (type, stream, entity, entity_id, district_id, org_kind, org_id, payload)
      select ty, st, en, ei, d, ok, oi, p from jsonb_to_recordset(${payload}::jsonb)
        as r(i int, ty text, st text, en text, ei text, d int, ok text, oi int, p jsonb)
      order by i
      returning id, type, stream, district_id, org_kind, org_id),
    f as (
      insert into core.webhook_deliveries (subscription_id, event_id)
      select s.id, e.id from e
        join core.webhook_subscriptions s on s.active and e.type = any(s.event_types)
        join core.api_keys k on k.id = s.api_key_id
      where k.revoked_at is null
        and k.scopes && array[e.stream || ':read', e.stream || ':write']::text[]
        and (k.district_id is null or k.district_id = e.district_id)
        and (k.org_kind is null or (k.org_kind = e.org_kind and k.org_id = e.org_id)))
    select pg_notify(${EVENTS_CHANNEL}, string_agg(id::text, ',' order by id)) from e`);
}

export interface WriteOptions {
  operation: string;
  requestId?: string;
  ip?: string;
  idempotencyKey?: string;
  /** Input recorded in the audit row when the service writes none of its own. */
  input?: unknown;
  /** false: internal bookkeeping (delivery attempts, job claims) that is not a user's change. */
  audit?: boolean;
}

/**
 * Runs `fn` in one transaction with a Writer. Retries serialization failures and deadlocks.
 * DomainError and constraint violations propagate as DomainError after rollback.
 */
export async function withWriter<T>(app: App, principal: Principal, opts: WriteOptions, fn: (w: Writer) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const after: (() => void | Promise<void>)[] = [];
    const beforeCommit: (() => Promise<void>)[] = [];
    try {
      const result = await app.db.transaction(async (tx) => {
        let audited = false;
        const w: Writer = {
          tx,
          principal,
          app,
          operation: opts.operation,
          async audit(entry) {
            const list = Array.isArray(entry) ? entry : [entry];
            audited = true;
            if (list.length === 0) return;
            await tx.insert(auditLog).values(
              list.map((e) => ({
                userId: principal.userId ?? null,
                apiKeyId: principal.apiKeyId ?? null,
                actor: principal.label,
                operation: opts.operation,
                entity: e.entity,
                entityId: e.entityId == null ? null : String(e.entityId),
                action: e.action,
                changes: redact(e.changes ?? null) as object,
                requestId: opts.requestId ?? null,
                ip: opts.ip ?? null,
              })),
            );
          },
          async emit(ev) {
            const list = Array.isArray(ev) ? ev : [ev];
            for (let i = 0; i < list.length; i += EMIT_CHUNK) await emitEvents(tx, list.slice(i, i + EMIT_CHUNK));
          },
          afterCommit(f) {
            after.push(f);
          },
          beforeCommit(f) {
            beforeCommit.push(f);
          },
          async tombstone(t) {
            await tx.insert(tombstones).values({
              entity: t.entity,
              entityId: String(t.entityId),
              stream: t.stream,
              districtId: t.districtId ?? null,
              orgKind: t.org?.kind ?? null,
              orgId: t.org?.id ?? null,
            });
          },
        };

        if (opts.idempotencyKey) {
          const inserted = await tx
            .insert(idempotencyKeys)
            .values({ principal: principal.label, key: opts.idempotencyKey, operation: opts.operation })
            .onConflictDoNothing()
            .returning({ key: idempotencyKeys.key });
          if (inserted.length === 0) {
            const [prev] = await tx
              .select()
              .from(idempotencyKeys)
              .where(and(eq(idempotencyKeys.principal, principal.label), eq(idempotencyKeys.key, opts.idempotencyKey)));
            if (prev && prev.operation !== opts.operation) {
              throw new GraphQLError("Idempotency-Key was already used for another operation", { extensions: { code: "CONFLICT" } });
            }
            return { replay: true as const, value: prev?.response as T };
          }
        }

        const value = await fn(w);
        if (!audited && opts.audit !== false) await w.audit({ entity: opts.operation, action: opts.operation, changes: opts.input ?? null });
        if (opts.idempotencyKey) {
          await tx
            .update(idempotencyKeys)
            .set({ response: JSON.parse(JSON.stringify(value ?? null)) })
            .where(and(eq(idempotencyKeys.principal, principal.label), eq(idempotencyKeys.key, opts.idempotencyKey)));
        }
        for (let i = 0; i < beforeCommit.length; i++) await beforeCommit[i]!();
        return { replay: false as const, value };
      });
      if (!result.replay) for (const f of after) await Promise.resolve(f()).catch(() => {});
      return result.value;
    } catch (e) {
      const pgCode = isPgError(e) ? e.code : isPgError((e as { cause?: unknown })?.cause) ? (e as { cause: { code: string } }).cause.code : null;
      if (pgCode && RETRYABLE.has(pgCode) && attempt < 5) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      const cause = isPgError(e) ? e : (e as { cause?: unknown })?.cause;
      const ue = pgToUserError(cause);
      if (ue) throw DomainError.many([ue]);
      throw e;
    }
  }
}

/** Mutation payload base: the changed entity fields plus userErrors. */
export type Payload<T> = T & { userErrors: UserError[] };

/**
 * GraphQL mutation wrapper: runs `fn` in a Writer; business-rule failures come back as userErrors
 * (with everything rolled back).
 */
export async function runMutation<T extends object>(ctx: Context, operation: string, input: unknown, fn: (w: Writer) => Promise<T>): Promise<Payload<Partial<T>>> {
  try {
    const value = await withWriter(ctx.app, ctx.principal, { operation, requestId: ctx.requestId, ip: ctx.ip, idempotencyKey: ctx.idempotencyKey, input }, fn);
    return { ...(value as T), userErrors: (value as { userErrors?: UserError[] })?.userErrors ?? [] };
  } catch (e) {
    if (e instanceof DomainError) return { userErrors: e.errors } as Payload<Partial<T>>;
    throw e;
  }
}

export type { Database };
