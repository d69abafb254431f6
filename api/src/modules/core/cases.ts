/**
 * Enforcement cases (执法案件), one model for every stream: source (alert, patrol, campaign such as
 * 春雷 or 利剑, inspection, report), subject, violation type, fine, and a workflow
 * OPEN → INVESTIGATING → DECIDED → CLOSED. Streams react to closed cases (e.g. company credit).
 */
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { row, type Tx } from "./db.js";
import { alerts, cases } from "./tables.js";

export type CaseRow = typeof cases.$inferSelect;
export type CaseStatus = CaseRow["status"];
export type CaseSource = CaseRow["source"];

export const CASE_TRANSITIONS: Record<"investigate" | "decide" | "close", { from: CaseStatus[]; to: CaseStatus }> = {
  investigate: { from: ["OPEN"], to: "INVESTIGATING" },
  decide: { from: ["OPEN", "INVESTIGATING"], to: "DECIDED" },
  close: { from: ["DECIDED"], to: "CLOSED" },
};

export const STREAM_CASE_PREFIX: Record<string, string> = { construction: "JZ", hazardous: "WF", recycling: "ZS", cells: "WX" };

type ClosedHook = (w: Writer, c: CaseRow) => Promise<void>;
const closedHooks = new Map<string, ClosedHook[]>();
/** A stream reacts when one of its cases closes (e.g. construction lowers the company's credit). */
export function onCaseClosed(stream: string, hook: ClosedHook): void {
  closedHooks.set(stream, [...(closedHooks.get(stream) ?? []), hook]);
}

export interface NewCase {
  stream: string;
  source: CaseSource;
  campaign?: string | null;
  subjectType: string;
  subjectId?: number | null;
  subjectLabel: string;
  districtId: number;
  org?: { kind: string; id: number } | null;
  violationType: string;
  description?: string;
  fineYuan?: string;
  alertId?: number | null;
  openedAt?: Date;
}

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

export async function openCase(w: Writer, c: NewCase): Promise<CaseRow> {
  if (c.fineYuan != null && !MONEY.test(c.fineYuan)) throw new DomainError("INVALID_AMOUNT", "Fine must be a non-negative amount in yuan with at most 2 decimals", "input.fineYuan");
  if (!c.violationType.trim()) throw new DomainError("REQUIRED", "Violation type is required", "input.violationType");
  const openedAt = c.openedAt ?? new Date();
  const [created] = await w.tx
    .insert(cases)
    .values({
      number: `pending-${Math.random().toString(36).slice(2)}`,
      stream: c.stream,
      source: c.source,
      campaign: c.campaign ?? null,
      subjectType: c.subjectType,
      subjectId: c.subjectId ?? null,
      subjectLabel: c.subjectLabel,
      districtId: c.districtId,
      orgKind: c.org?.kind ?? null,
      orgId: c.org?.id ?? null,
      violationType: c.violationType.trim(),
      description: c.description ?? "",
      fineYuan: c.fineYuan ?? "0",
      alertId: c.alertId ?? null,
      openedAt,
      createdBy: w.principal.userId ?? null,
    })
    .returning();
  const number = `${STREAM_CASE_PREFIX[c.stream] ?? "AJ"}${openedAt.getFullYear()}-${String(created!.id).padStart(6, "0")}`;
  const [withNumber] = await w.tx.update(cases).set({ number }).where(eq(cases.id, created!.id)).returning();
  if (c.alertId) await w.tx.update(alerts).set({ caseId: created!.id, updatedAt: new Date() }).where(eq(alerts.id, c.alertId));
  await w.audit({ entity: "Case", entityId: created!.id, action: "open", changes: c });
  await w.emit({ type: "case.opened", stream: c.stream, entity: "Case", entityId: created!.id, districtId: c.districtId, org: c.org ?? null, payload: { caseId: created!.id, number, violationType: c.violationType } });
  return withNumber!;
}

export async function transitionCase(w: Writer, c: CaseRow, action: keyof typeof CASE_TRANSITIONS, patch: { fineYuan?: string | null; description?: string | null } = {}): Promise<CaseRow> {
  const t = CASE_TRANSITIONS[action];
  if (!t.from.includes(c.status)) throw new DomainError("ILLEGAL_TRANSITION", `Cannot ${action} a case that is ${c.status}`);
  if (patch.fineYuan != null && !MONEY.test(patch.fineYuan)) throw new DomainError("INVALID_AMOUNT", "Fine must be a non-negative amount in yuan with at most 2 decimals", "fineYuan");
  const now = new Date();
  const set: Partial<CaseRow> = { status: t.to, updatedAt: now };
  if (patch.fineYuan != null) set.fineYuan = patch.fineYuan;
  if (patch.description != null) set.description = patch.description;
  if (action === "decide") set.decidedAt = now;
  if (action === "close") set.closedAt = now;
  const [updated] = await w.tx
    .update(cases)
    .set(set)
    .where(and(eq(cases.id, c.id), eq(cases.status, c.status)))
    .returning();
  if (!updated) throw new DomainError("STALE", "The case changed meanwhile; reload and try again");
  await w.audit({ entity: "Case", entityId: c.id, action, changes: { status: [c.status, t.to], ...patch } });
  if (action === "close") {
    for (const hook of closedHooks.get(c.stream) ?? []) await hook(w, updated);
    await w.emit({ type: "case.closed", stream: c.stream, entity: "Case", entityId: c.id, districtId: c.districtId, org: c.orgKind ? { kind: c.orgKind, id: c.orgId! } : null, payload: { caseId: c.id, number: c.number, fineYuan: updated.fineYuan } });
  }
  return updated;
}

export async function caseById(tx: Tx, id: number): Promise<CaseRow | undefined> {
  const [c] = await tx.select().from(cases).where(eq(cases.id, id));
  return c;
}

export interface CaseStats {
  count: number;
  fineYuan: string;
  previousCount: number;
  previousFineYuan: string;
}

/** Cases opened and fines in [from, to), with the same period a year before. */
export async function caseStatistics(tx: Tx, f: { stream?: string | null; districtId?: number | null; from: Date; to: Date }): Promise<CaseStats> {
  const yearBefore = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()));
  const q = async (from: Date, to: Date) =>
    row<{ n: number; fine: string }>(
      tx,
      sql`select count(*)::int as n, coalesce(sum(${cases.fineYuan}), 0)::text as fine from ${cases}
          where ${and(f.stream ? eq(cases.stream, f.stream) : undefined, f.districtId ? eq(cases.districtId, f.districtId) : undefined, gte(cases.openedAt, from), lt(cases.openedAt, to))}`,
    );
  const cur = await q(f.from, f.to);
  const prev = await q(yearBefore(f.from), yearBefore(f.to));
  return { count: cur?.n ?? 0, fineYuan: cur?.fine ?? "0", previousCount: prev?.n ?? 0, previousFineYuan: prev?.fine ?? "0" };
}
