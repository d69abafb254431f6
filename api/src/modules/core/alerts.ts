/**
 * Alerts (预警) of every stream: raised by rules, de-duplicated (one ongoing deviation is one alert),
 * worked OPEN → ACKNOWLEDGED → CLOSED with a disposition, and published live to subscribers.
 */
import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { AuditEntry, Writer } from "../../graphql/mutation.js";
import { notifyManyIn } from "../../graphql/pubsub.js";
import { rows, type Tx } from "./db.js";
import { alerts } from "./tables.js";

export type AlertRow = typeof alerts.$inferSelect;
export type AlertStatus = AlertRow["status"];
export type Severity = AlertRow["severity"];

export const ALERT_RAISED_TOPIC = "ALERT_RAISED";

/** Alert workflow: the only transitions there are. */
export const ALERT_TRANSITIONS: Record<"acknowledge" | "close" | "reopen", { from: AlertStatus[]; to: AlertStatus }> = {
  acknowledge: { from: ["OPEN"], to: "ACKNOWLEDGED" },
  close: { from: ["OPEN", "ACKNOWLEDGED"], to: "CLOSED" },
  reopen: { from: ["ACKNOWLEDGED"], to: "OPEN" },
};

export interface RaiseAlert {
  stream: string;
  rule: string;
  severity: Severity;
  title: string;
  detail?: Record<string, unknown>;
  subjectType: string;
  subjectId?: number | null;
  subjectLabel: string;
  districtId?: number | null;
  org?: { kind: string; id: number } | null;
  lon?: number | null;
  lat?: number | null;
  /** Same key while not closed → same alert (bumped, not duplicated). */
  dedupKey: string;
  at?: Date;
}

/** The summary published to live subscribers (small: NOTIFY payload limit). */
export interface AlertSummary {
  id: number;
  stream: string;
  rule: string;
  severity: Severity;
  title: string;
  subjectLabel: string;
  districtId: number | null;
  orgKind: string | null;
  orgId: number | null;
  raisedAt: string;
}

/**
 * Raises one alert (or bumps the open one with its key) and, when new, writes its event and live
 * summary. Rules that raise many at once (an ingestion batch) use `AlertBatch`: the same result, a
 * fixed number of statements.
 */
export async function raiseAlert(w: Writer, a: RaiseAlert): Promise<{ alert: AlertRow; created: boolean }> {
  const [r] = await upsertAlerts(w, [a]);
  const [alert] = await w.tx.select().from(alerts).where(eq(alerts.id, r!.id));
  if (r!.created) await publishRaised(w, [r!]);
  return { alert: alert!, created: r!.created };
}

// ——— many at once (one ingestion batch) ———

/** What the rules asked for, in the order they asked: raise (预警触发) or close on recovery (自动解除). */
export type AlertOp = { kind: "raise"; alert: RaiseAlert } | { kind: "resolve"; dedupKey: string; disposition: string };

/** Raises of one dedup key merged as consecutive `raiseAlert` calls would leave the row. */
export interface MergedRaise {
  /** The first raise: its title, severity, place and time make the alert (later ones only bump it). */
  first: RaiseAlert;
  /** The last raise's detail (each bump replaces it). */
  detail: Record<string, unknown>;
  occurrences: number;
  lastSeenAt: Date;
}

/**
 * Plain: merges raises by dedup key, as calling `raiseAlert` for each in turn would: the first one creates
 * (or bumps) the alert, every further one bumps it — occurrences counted, the latest time and detail kept.
 * Sorted by key, so that concurrent batches lock alerts in the same order (no deadlock between them).
 */
export function mergeRaises(list: RaiseAlert[], now = new Date()): MergedRaise[] {
  const byKey = new Map<string, MergedRaise>();
  for (const a of list) {
    const at = a.at ?? now;
    const m = byKey.get(a.dedupKey);
    if (!m) byKey.set(a.dedupKey, { first: { ...a, at }, detail: a.detail ?? {}, occurrences: 1, lastSeenAt: at });
    else {
      m.occurrences++;
      m.detail = a.detail ?? {};
      if (at > m.lastSeenAt) m.lastSeenAt = at;
    }
  }
  return [...byKey.values()].sort((x, y) => (x.first.dedupKey < y.first.dedupKey ? -1 : x.first.dedupKey > y.first.dedupKey ? 1 : 0));
}

/** One set-based step of a batch: its closes run first, then its raises. */
export interface AlertRound {
  resolves: { dedupKey: string; disposition: string }[];
  raises: RaiseAlert[];
}

/**
 * Plain: splits ordered raise/resolve operations into as few rounds as keep their meaning. Within a round
 * closes go before raises, which is right for a close followed by a raise of the same key (the deviation
 * ended, then began again: a new alert). A close *after* a raise of the same key must see that alert, so it
 * starts a new round. Usually a batch is one round; a deviation that begins and ends in one batch adds one.
 */
export function planAlertRounds(ops: AlertOp[]): AlertRound[] {
  const rounds: AlertRound[] = [];
  let cur: AlertRound = { resolves: [], raises: [] };
  let raised = new Set<string>();
  let resolved = new Set<string>();
  for (const op of ops) {
    if (op.kind === "raise") {
      cur.raises.push(op.alert);
      raised.add(op.alert.dedupKey);
      continue;
    }
    if (raised.has(op.dedupKey)) {
      rounds.push(cur);
      cur = { resolves: [], raises: [] };
      raised = new Set();
      resolved = new Set();
    }
    // A second close of the same key without a raise between finds nothing open: nothing to do.
    if (resolved.has(op.dedupKey)) continue;
    resolved.add(op.dedupKey);
    cur.resolves.push({ dedupKey: op.dedupKey, disposition: op.disposition });
  }
  if (cur.resolves.length || cur.raises.length) rounds.push(cur);
  return rounds;
}

interface Upserted {
  id: number;
  created: boolean;
  merged: MergedRaise;
}

/**
 * Raises (or bumps) alerts in one statement: an open alert with the same key is bumped by the number of
 * raises, otherwise one is created; `on conflict` keeps this right against a concurrent batch too.
 */
async function upsertAlerts(w: Writer, list: RaiseAlert[]): Promise<Upserted[]> {
  const merged = mergeRaises(list);
  if (merged.length === 0) return [];
  const payload = JSON.stringify(
    merged.map(({ first: a, detail, occurrences, lastSeenAt }) => ({
      st: a.stream,
      ru: a.rule,
      sv: a.severity,
      ti: a.title,
      de: detail,
      sy: a.subjectType,
      si: a.subjectId ?? null,
      sl: a.subjectLabel,
      d: a.districtId ?? null,
      ok: a.org?.kind ?? null,
      oi: a.org?.id ?? null,
      x: a.lon ?? null,
      y: a.lat ?? null,
      k: a.dedupKey,
      n: occurrences,
      ra: a.at!.toISOString(),
      ls: lastSeenAt.toISOString(),
    })),
  );
  const out = await rows<{ id: number; dedup_key: string; inserted: boolean | string }>(
    w.tx,
    sql`insert into core.alerts as a (stream, rule, severity, title, detail, subject_type, subject_id, subject_label, district_id, org_kind, org_id, lon, lat, dedup_key, occurrences, raised_at, last_seen_at)
        select st, ru, sv, ti, de, sy, si, sl, d, ok, oi, x, y, k, n, ra, ls from jsonb_to_recordset(${payload}::jsonb)
          as r(st text, ru text, sv text, ti text, de jsonb, sy text, si int, sl text, d int, ok text, oi int, x numeric, y numeric, k text, n int, ra timestamptz, ls timestamptz)
        order by k
        on conflict (dedup_key) where status <> 'CLOSED'
        do update set occurrences = a.occurrences + excluded.occurrences, last_seen_at = greatest(a.last_seen_at, excluded.last_seen_at),
                      detail = excluded.detail, updated_at = now()
        returning a.id, a.dedup_key, (a.xmax = 0) as inserted`,
  );
  const byKey = new Map(merged.map((m) => [m.first.dedupKey, m]));
  return out.map((r) => ({ id: Number(r.id), created: r.inserted === true || r.inserted === "t", merged: byKey.get(r.dedup_key)! }));
}

function summaryOfRaise(id: number, a: RaiseAlert): AlertSummary {
  return {
    id,
    stream: a.stream,
    rule: a.rule,
    severity: a.severity,
    title: a.title.slice(0, 200),
    subjectLabel: a.subjectLabel.slice(0, 200),
    districtId: a.districtId ?? null,
    orgKind: a.org?.kind ?? null,
    orgId: a.org?.id ?? null,
    raisedAt: a.at!.toISOString(),
  };
}

/** Outbox events and live summaries of newly created alerts (closes ride along: one outbox statement). */
async function publishRaised(w: Writer, created: Upserted[], closed: ClosedAlert[] = []): Promise<void> {
  await w.emit([
    ...created.map(({ id, merged: { first: a } }) => ({
      type: "alert.raised",
      stream: a.stream,
      entity: "Alert",
      entityId: id,
      districtId: a.districtId ?? null,
      org: a.org ?? null,
      payload: { alertId: id, rule: a.rule, severity: a.severity, title: a.title, subject: a.subjectLabel, detail: a.detail ?? {} },
    })),
    ...closed.map((c) => ({
      type: "alert.closed",
      stream: c.stream,
      entity: "Alert",
      entityId: c.id,
      districtId: c.district_id,
      org: c.org_kind ? { kind: c.org_kind, id: c.org_id! } : null,
      payload: { alertId: c.id, rule: c.rule, disposition: c.disposition },
    })),
  ]);
  await notifyManyIn(
    w.tx,
    ALERT_RAISED_TOPIC,
    created.map((c) => summaryOfRaise(c.id, c.merged.first)),
  );
}

interface ClosedAlert {
  id: number;
  stream: string;
  rule: string;
  district_id: number | null;
  org_kind: string | null;
  org_id: number | null;
  was: AlertStatus;
  disposition: string;
}

/** Closes the open alerts with these keys in one statement (what `resolveAlertByKey` does for one). */
async function closeAlertsByKey(w: Writer, list: { dedupKey: string; disposition: string }[]): Promise<ClosedAlert[]> {
  if (list.length === 0) return [];
  const now = new Date().toISOString();
  const payload = JSON.stringify(list.map((r) => ({ k: r.dedupKey, d: r.disposition.trim() })));
  // `= any(array)` lets the planner use the index of open alerts' keys (a join alone scans every alert).
  const out = await rows<ClosedAlert>(
    w.tx,
    sql`with o as (
          select a.id, a.status, r.d from core.alerts a join jsonb_to_recordset(${payload}::jsonb) as r(k text, d text) on a.dedup_key = r.k
          where a.status <> 'CLOSED' and a.dedup_key = any(array(select jsonb_array_elements(${payload}::jsonb) ->> 'k')))
        update core.alerts a set status = 'CLOSED', closed_at = ${now}::timestamptz, closed_by = ${w.principal.userId ?? null}, disposition = o.d, updated_at = ${now}::timestamptz
        from o where a.id = o.id and a.status <> 'CLOSED'
        returning a.id, a.stream, a.rule, a.district_id, a.org_kind, a.org_id, o.status as was, o.d as disposition`,
  );
  return out.map((c) => ({ ...c, id: Number(c.id) }));
}

export interface AlertBatchResult {
  created: number;
  bumped: number;
  closed: number;
}

/**
 * The alerts of one batch (an ingestion of positions), collected while the rules run and written together
 * by `flush`, in the writer's transaction: one upsert of the raised alerts, one update of the closed ones,
 * one audit insert, one outbox statement (events, webhook deliveries, NOTIFY) and one live NOTIFY —
 * whatever the number of alerts. The result is what calling `raiseAlert` / `resolveAlertByKey` for each
 * operation in order would leave (same dedup: one ongoing deviation is one alert).
 */
export class AlertBatch {
  private ops: AlertOp[] = [];

  raise(a: RaiseAlert): void {
    this.ops.push({ kind: "raise", alert: { ...a, at: a.at ?? new Date() } });
  }

  /** Closes the open alert with this key, if any, once the deviation has ended (a rule saw it end). */
  resolve(dedupKey: string, disposition: string): void {
    if (!disposition.trim()) throw new DomainError("DISPOSITION_REQUIRED", "Closing an alert needs a disposition (处置结果)", "disposition");
    this.ops.push({ kind: "resolve", dedupKey, disposition });
  }

  get size(): number {
    return this.ops.length;
  }

  /**
   * Writes everything collected. `audit` (optional) is the caller's own audit row, given what was done:
   * written in the same insert as the closed alerts' rows.
   */
  async flush(w: Writer, opts: { audit?: (r: AlertBatchResult) => AuditEntry } = {}): Promise<AlertBatchResult> {
    const rounds = planAlertRounds(this.ops);
    this.ops = [];
    const created: Upserted[] = [];
    const closed: ClosedAlert[] = [];
    let bumped = 0;
    for (const r of rounds) {
      closed.push(...(await closeAlertsByKey(w, r.resolves)));
      for (const u of await upsertAlerts(w, r.raises)) {
        if (u.created) created.push(u);
        else bumped++;
      }
    }
    const result = { created: created.length, bumped, closed: closed.length };
    const audits = closed.map((c): AuditEntry => ({ entity: "Alert", entityId: c.id, action: "close", changes: { status: [c.was, "CLOSED"], disposition: c.disposition } }));
    if (opts.audit) audits.push(opts.audit(result));
    if (audits.length) await w.audit(audits);
    if (created.length || closed.length) await publishRaised(w, created, closed);
    return result;
  }
}

export function summaryOf(a: AlertRow): AlertSummary {
  return {
    id: a.id,
    stream: a.stream,
    rule: a.rule,
    severity: a.severity,
    title: a.title.slice(0, 200),
    subjectLabel: a.subjectLabel.slice(0, 200),
    districtId: a.districtId,
    orgKind: a.orgKind,
    orgId: a.orgId,
    raisedAt: a.raisedAt.toISOString(),
  };
}

/** Moves an alert along its workflow; refuses illegal transitions. */
export async function transitionAlert(w: Writer, alert: AlertRow, action: keyof typeof ALERT_TRANSITIONS, disposition?: string | null): Promise<AlertRow> {
  const t = ALERT_TRANSITIONS[action];
  if (!t.from.includes(alert.status)) {
    throw new DomainError("ILLEGAL_TRANSITION", `Cannot ${action} an alert that is ${alert.status}`, null);
  }
  if (action === "close" && !disposition?.trim()) throw new DomainError("DISPOSITION_REQUIRED", "Closing an alert needs a disposition (处置结果)", "disposition");
  const now = new Date();
  const set: Partial<AlertRow> = { status: t.to, updatedAt: now };
  if (action === "acknowledge") Object.assign(set, { acknowledgedAt: now, acknowledgedBy: w.principal.userId ?? null });
  if (action === "close") Object.assign(set, { closedAt: now, closedBy: w.principal.userId ?? null, disposition: disposition!.trim() });
  const [updated] = await w.tx
    .update(alerts)
    .set(set)
    .where(and(eq(alerts.id, alert.id), eq(alerts.status, alert.status)))
    .returning();
  if (!updated) throw new DomainError("STALE", "The alert changed meanwhile; reload and try again");
  await w.audit({ entity: "Alert", entityId: alert.id, action, changes: { status: [alert.status, t.to], disposition: disposition ?? undefined } });
  if (action === "close") {
    await w.emit({ type: "alert.closed", stream: alert.stream, entity: "Alert", entityId: alert.id, districtId: alert.districtId, org: alert.orgKind ? { kind: alert.orgKind, id: alert.orgId! } : null, payload: { alertId: alert.id, rule: alert.rule, disposition } });
  }
  return updated;
}

/** Closes the open alert with this key, if any (a rule saw the deviation end). */
export async function resolveAlertByKey(w: Writer, dedupKey: string, disposition: string): Promise<AlertRow | null> {
  const [a] = await w.tx.select().from(alerts).where(and(eq(alerts.dedupKey, dedupKey), sql`${alerts.status} <> 'CLOSED'`));
  if (!a) return null;
  return transitionAlert(w, a, "close", disposition);
}

export async function alertById(tx: Tx, id: number): Promise<AlertRow | undefined> {
  const [a] = await tx.select().from(alerts).where(eq(alerts.id, id));
  return a;
}
