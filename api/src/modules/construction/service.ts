/**
 * Service to companies and residents:
 * - service visits (走访服务, "三服务") to transport companies and the problems they raise, worked to SOLVED;
 * - residents' pickup requests (一键预约清运) for renovation, bulky and garden waste, taken to a facility
 *   such as Shangyu's green complex (绿色综合体, 500 t/day design): REQUESTED → SCHEDULED → COLLECTED → DELIVERED.
 *   Delivery adds the weight to the facility's daily intake (place_daily) in the same transaction.
 */
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { nextState, PICKUP_TRANSITIONS } from "./machines.js";
import { dateProblem, shanghaiDay } from "./registers.js";
import { companies, disposalPlaces, pickupRequests, placeDaily, serviceProblems, serviceVisits } from "./tables.js";

export type PickupRow = typeof pickupRequests.$inferSelect;
export type VisitRow = typeof serviceVisits.$inferSelect;
export type ProblemRow = typeof serviceProblems.$inferSelect;

export const PROBLEM_CATEGORIES = ["APPROVAL", "VEHICLE_LEASING", "DISPOSAL_CAPACITY", "ROUTE", "POLICY", "OTHER"] as const;

export async function recordVisit(w: Writer, v: { companyId: number; visitedAt: Date; visitor: string; summary?: string; problems?: { category: string; description: string }[] }): Promise<VisitRow> {
  const [co] = await w.tx.select().from(companies).where(eq(companies.id, v.companyId));
  if (!co) throw new DomainError("NOT_FOUND", "No such transport company", "input.companyId");
  if (v.visitedAt.getTime() > Date.now() + 86_400_000) throw new DomainError("INVALID_TIME", "A visit cannot be recorded in the future", "input.visitedAt");
  for (const [i, p] of (v.problems ?? []).entries()) {
    if (!(PROBLEM_CATEGORIES as readonly string[]).includes(p.category)) throw new DomainError("INVALID_VALUE", `Category must be one of ${PROBLEM_CATEGORIES.join(", ")}`, `input.problems[${i}].category`);
    if (!p.description.trim()) throw new DomainError("REQUIRED", "Describe the problem", `input.problems[${i}].description`);
  }
  const [visit] = await w.tx.insert(serviceVisits).values({ companyId: co.id, districtId: co.districtId, visitedAt: v.visitedAt, visitor: v.visitor.trim(), summary: v.summary ?? "" }).returning();
  if (v.problems?.length) await w.tx.insert(serviceProblems).values(v.problems.map((p) => ({ visitId: visit!.id, companyId: co.id, category: p.category, description: p.description.trim() })));
  await w.audit({ entity: "ServiceVisit", entityId: visit!.id, action: "record", changes: v });
  return visit!;
}

export async function solveProblem(w: Writer, id: number, solution: string): Promise<ProblemRow> {
  if (!solution.trim()) throw new DomainError("REQUIRED", "Describe how the problem was solved", "solution");
  const [p] = await w.tx.select().from(serviceProblems).where(eq(serviceProblems.id, id)).for("update");
  if (!p) throw new DomainError("NOT_FOUND", "No such problem", "id");
  if (p.status === "SOLVED") throw new DomainError("ILLEGAL_TRANSITION", "The problem is already solved", "id");
  const [u] = await w.tx.update(serviceProblems).set({ status: "SOLVED", solution: solution.trim(), solvedAt: new Date(), updatedAt: new Date() }).where(eq(serviceProblems.id, id)).returning();
  await w.audit({ entity: "ServiceProblem", entityId: id, action: "solve", changes: { solution } });
  return u!;
}

// ——— pickups ———

const PHONE_RE = /^1[3-9]\d{9}$/;

export interface PickupInput {
  districtId: number;
  residentName: string;
  phone: string;
  address: string;
  wasteKind: "RENOVATION" | "BULKY" | "GARDEN";
  estimatedWeightKg?: number | null;
  preferredDate: string;
}

/** A resident books a pickup (public, no login). Returns the request with its tracking code. */
export async function requestPickup(w: Writer, i: PickupInput, now = new Date()): Promise<PickupRow> {
  if (!PHONE_RE.test(i.phone)) throw new DomainError("INVALID_VALUE", "A mobile number of 11 digits starting with 1 is required", "input.phone");
  const dp = dateProblem(i.preferredDate);
  if (dp) throw new DomainError("INVALID_VALUE", `input.preferredDate: ${dp}`, "input.preferredDate");
  if (i.preferredDate < shanghaiDay(now)) throw new DomainError("INVALID_VALUE", "The preferred date cannot be in the past", "input.preferredDate");
  if (i.estimatedWeightKg != null && (i.estimatedWeightKg <= 0 || i.estimatedWeightKg > 20_000)) throw new DomainError("INVALID_VALUE", "Estimated weight: 1–20,000 kg", "input.estimatedWeightKg");
  const trackingCode = `YY${shanghaiDay(now).replace(/-/g, "").slice(2)}${randomBytes(4).toString("hex").toUpperCase()}`;
  const [r] = await w.tx
    .insert(pickupRequests)
    .values({ ...i, residentName: i.residentName.trim(), address: i.address.trim(), trackingCode, requestedAt: now, estimatedWeightKg: i.estimatedWeightKg ?? null })
    .returning();
  await w.audit({ entity: "BulkyPickupRequest", entityId: r!.id, action: "request", changes: { ...i, phone: maskPhone(i.phone), residentName: "[resident]" } });
  await w.emit({ type: "pickup.requested", stream: "construction", entity: "BulkyPickupRequest", entityId: r!.id, districtId: i.districtId, payload: { pickupId: r!.id, wasteKind: i.wasteKind, preferredDate: i.preferredDate } });
  return r!;
}

export function maskPhone(p: string): string {
  return p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : "****";
}

export async function advancePickup(
  w: Writer,
  id: number,
  action: keyof typeof PICKUP_TRANSITIONS,
  data: { scheduledFor?: Date | null; crew?: string | null; weightKg?: number | null; facilityId?: number | null; reason?: string | null; at?: Date },
): Promise<PickupRow> {
  const [r] = await w.tx.select().from(pickupRequests).where(eq(pickupRequests.id, id)).for("update");
  if (!r) throw new DomainError("NOT_FOUND", "No such pickup request", "input.id");
  const to = nextState("pickup request", PICKUP_TRANSITIONS, action, r.status);
  const at = data.at ?? new Date();
  const set: Partial<PickupRow> = { status: to, updatedAt: new Date() };
  if (action === "schedule") {
    if (!data.scheduledFor) throw new DomainError("REQUIRED", "Give the pickup time", "input.scheduledFor");
    if (!data.crew?.trim()) throw new DomainError("REQUIRED", "Name the crew or vehicle", "input.crew");
    Object.assign(set, { scheduledFor: data.scheduledFor, crew: data.crew.trim() });
  }
  if (action === "collect") {
    if (data.weightKg == null || data.weightKg <= 0 || data.weightKg > 50_000) throw new DomainError("INVALID_VALUE", "Collected weight: 1–50,000 kg", "input.weightKg");
    Object.assign(set, { collectedAt: at, weightKg: data.weightKg });
  }
  if (action === "cancel") {
    if (!data.reason?.trim()) throw new DomainError("REASON_REQUIRED", "Cancelling needs a reason", "input.reason");
    set.cancelReason = data.reason.trim();
  }
  if (action === "deliver") {
    if (data.facilityId == null) throw new DomainError("REQUIRED", "Name the facility it was delivered to", "input.facilityId");
    const [f] = await w.tx.select().from(disposalPlaces).where(eq(disposalPlaces.id, data.facilityId));
    if (!f) throw new DomainError("NOT_FOUND", "No such facility", "input.facilityId");
    if (!(f.kind === "GREEN_COMPLEX" || f.kind === "UTILISATION_PLANT")) throw new DomainError("WRONG_FACILITY", "Residents' waste goes to a green complex or utilisation plant", "input.facilityId");
    Object.assign(set, { deliveredAt: at, facilityId: f.id });
    const t = (r.weightKg! / 1000).toFixed(2);
    await w.tx.update(disposalPlaces).set({ receivedT: sql`${disposalPlaces.receivedT} + ${t}`, updatedAt: new Date() }).where(eq(disposalPlaces.id, f.id));
    await w.tx
      .insert(placeDaily)
      .values({ placeId: f.id, day: shanghaiDay(at), districtId: f.districtId, receivedT: t, trips: 1 })
      .onConflictDoUpdate({ target: [placeDaily.placeId, placeDaily.day], set: { receivedT: sql`${placeDaily.receivedT} + excluded.received_t`, trips: sql`${placeDaily.trips} + 1` } });
  }
  const [u] = await w.tx.update(pickupRequests).set(set).where(eq(pickupRequests.id, id)).returning();
  await w.audit({ entity: "BulkyPickupRequest", entityId: id, action, changes: { status: [r.status, to], ...data } });
  await w.emit({ type: "pickup.state_changed", stream: "construction", entity: "BulkyPickupRequest", entityId: id, districtId: r.districtId, payload: { pickupId: id, status: to } });
  return u!;
}
