/**
 * Alerts (预警) of every stream: raised by rules, de-duplicated (one ongoing deviation is one alert),
 * worked OPEN → ACKNOWLEDGED → CLOSED with a disposition, and published live to subscribers.
 */
import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { notifyIn } from "../../graphql/pubsub.js";
import { row, type Tx } from "./db.js";
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

export async function raiseAlert(w: Writer, a: RaiseAlert): Promise<{ alert: AlertRow; created: boolean }> {
  const at = a.at ?? new Date();
  const r = await row<Record<string, unknown> & { inserted: boolean }>(
    w.tx,
    sql`insert into core.alerts (stream, rule, severity, title, detail, subject_type, subject_id, subject_label, district_id, org_kind, org_id, lon, lat, dedup_key, raised_at, last_seen_at)
        values (${a.stream}, ${a.rule}, ${a.severity}, ${a.title}, ${JSON.stringify(a.detail ?? {})}::jsonb, ${a.subjectType}, ${a.subjectId ?? null}, ${a.subjectLabel},
                ${a.districtId ?? null}, ${a.org?.kind ?? null}, ${a.org?.id ?? null}, ${a.lon ?? null}, ${a.lat ?? null}, ${a.dedupKey}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)
        on conflict (dedup_key) where status <> 'CLOSED'
        do update set occurrences = core.alerts.occurrences + 1, last_seen_at = greatest(core.alerts.last_seen_at, excluded.last_seen_at),
                      detail = excluded.detail, updated_at = now()
        returning id, (xmax = 0) as inserted`,
  );
  const [alert] = await w.tx.select().from(alerts).where(eq(alerts.id, Number(r!.id)));
  const created = r!.inserted === true || (r!.inserted as unknown) === "t";
  if (created) {
    await w.emit({
      type: "alert.raised",
      stream: a.stream,
      entity: "Alert",
      entityId: alert!.id,
      districtId: alert!.districtId,
      org: a.org ?? null,
      payload: { alertId: alert!.id, rule: a.rule, severity: a.severity, title: a.title, subject: a.subjectLabel, detail: a.detail ?? {} },
    });
    await notifyIn(w.tx, ALERT_RAISED_TOPIC, summaryOf(alert!));
  }
  return { alert: alert!, created };
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
