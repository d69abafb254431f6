/**
 * 月度结算 — monthly settlement with merchants: the points redeemed at a merchant in a month become
 * the yuan the platform owes it. Generated from the per-merchant monthly rollup once the month is
 * over (idempotent: one settlement per merchant and month), then PENDING → CONFIRMED → PAID.
 */
import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { rows } from "../core/db.js";
import { settlements } from "./tables.js";
import { dayOf, isDay, monthStart } from "./time.js";

export type SettlementRow = typeof settlements.$inferSelect;

export const SETTLEMENT_TRANSITIONS: Record<"confirm" | "pay", { from: SettlementRow["status"][]; to: SettlementRow["status"] }> = {
  confirm: { from: ["PENDING"], to: "CONFIRMED" },
  pay: { from: ["CONFIRMED"], to: "PAID" },
};

/** Generates the settlements of a finished month; returns how many were created (0 on a rerun). */
export async function generateSettlements(w: Writer, month: string, districtId: number | null, now = new Date()): Promise<{ created: number; month: string }> {
  if (!isDay(month) || monthStart(month) !== month) throw new DomainError("INVALID_MONTH", "month must be the first day of a month (YYYY-MM-01)", "month");
  if (month >= monthStart(dayOf(now))) throw new DomainError("MONTH_NOT_OVER", "A month can be settled only after it has ended", "month");
  const created = await rows<{ id: number }>(
    w.tx,
    sql`insert into recycling.settlements (merchant_id, district_id, month, redemptions, points, amount_yuan, generated_by)
        select merchant_id, district_id, month, redemptions, points, yuan_value, ${w.principal.label}
        from recycling.roll_merchant_month where month = ${month}::date and redemptions > 0 ${districtId != null ? sql`and district_id = ${districtId}` : sql``}
        order by merchant_id
        on conflict (merchant_id, month) do nothing returning id`,
  );
  await w.audit({ entity: "MerchantSettlement", action: "generate", changes: { month, districtId, created: created.length } });
  if (created.length) {
    await w.emit({ type: "recycling.settlements_generated", stream: "recycling", entity: "MerchantSettlement", entityId: created[0]!.id, districtId, payload: { month, count: created.length } });
  }
  return { created: created.length, month };
}

export async function advanceSettlement(w: Writer, id: number, action: keyof typeof SETTLEMENT_TRANSITIONS, paymentRef?: string | null): Promise<SettlementRow> {
  const t = SETTLEMENT_TRANSITIONS[action];
  const [s] = await w.tx.select().from(settlements).where(eq(settlements.id, id)).for("update");
  if (!s) throw new DomainError("NOT_FOUND", "No such settlement", "id");
  if (!t.from.includes(s.status)) throw new DomainError("ILLEGAL_TRANSITION", `Cannot ${action} a settlement that is ${s.status}`, "action");
  if (action === "pay" && !paymentRef?.trim()) throw new DomainError("REQUIRED", "Give the payment reference (转账凭证号)", "paymentRef");
  const now = new Date();
  const set: Partial<SettlementRow> = { status: t.to, updatedAt: now };
  if (action === "confirm") Object.assign(set, { confirmedAt: now, confirmedBy: w.principal.label });
  if (action === "pay") Object.assign(set, { paidAt: now, paymentRef: paymentRef!.trim().slice(0, 100) });
  const [u] = await w.tx
    .update(settlements)
    .set(set)
    .where(and(eq(settlements.id, id), eq(settlements.status, s.status)))
    .returning();
  await w.audit({ entity: "MerchantSettlement", entityId: id, action, changes: { status: [s.status, t.to], paymentRef: paymentRef ?? undefined } });
  await w.emit({
    type: "recycling.settlement_state_changed",
    stream: "recycling",
    entity: "MerchantSettlement",
    entityId: id,
    districtId: s.districtId,
    org: { kind: "recycling.merchant", id: s.merchantId },
    payload: { month: s.month, from: s.status, to: t.to, amountYuan: s.amountYuan },
  });
  return u!;
}
