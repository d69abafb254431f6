/**
 * Pickup requests and their chain of custody (see pickup-machine.ts for the transition table).
 * Collection is a weighing like any other: it earns the resident's card points and counts in the
 * rollups of the assigned service station (ingest.recordWeighings).
 */
import { eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { raiseAlert } from "../core/alerts.js";
import { row } from "../core/db.js";
import { materialsByCode, recordWeighings } from "./ingest.js";
import { getParams } from "./params.js";
import { custodyLossPct, handoverLoss, nextPickupStatus, PICKUP_TRANSITIONS, type PickupAction } from "./pickup-machine.js";
import { lockCards, pointsFor } from "./points.js";
import { cards, handovers, pickups, stations } from "./tables.js";
import { dayOf } from "./time.js";

export type PickupRow = typeof pickups.$inferSelect;
export type HandoverRow = typeof handovers.$inferSelect;

export interface PickupRequestInput {
  cardId?: number | null;
  districtId: number;
  address: string;
  contactName?: string | null;
  phone?: string | null;
  enterpriseId?: number | null;
}

/** 一键呼叫 — a household asks for a pickup. */
export async function requestPickup(w: Writer, i: PickupRequestInput, now = new Date()): Promise<PickupRow> {
  if (!i.address.trim()) throw new DomainError("REQUIRED", "Give the pickup address", "input.address");
  if (i.cardId != null) {
    const [c] = await w.tx.select().from(cards).where(eq(cards.id, i.cardId));
    if (!c) throw new DomainError("NOT_FOUND", "No such card", "input.cardId");
  }
  const seq = await row<{ n: number }>(w.tx, sql`select nextval(pg_get_serial_sequence('recycling.pickups', 'id'))::int as n`);
  const id = seq!.n;
  const number = `HS${dayOf(now).replace(/-/g, "")}${String(id).padStart(6, "0")}`;
  const [p] = await w.tx
    .insert(pickups)
    .values({
      id,
      number,
      cardId: i.cardId ?? null,
      districtId: i.districtId,
      address: i.address.trim(),
      contactName: i.contactName ?? "",
      phone: i.phone ?? "",
      enterpriseId: i.enterpriseId ?? null,
      requestedAt: now,
    })
    .returning();
  await w.tx.insert(handovers).values({ pickupId: id, action: "request", fromStatus: "", toStatus: "REQUESTED", at: now, fromParty: "居民 / Household", toParty: "", actor: w.principal.label });
  await w.audit({ entity: "PickupRequest", entityId: id, action: "request", changes: { ...i, phone: i.phone ? "[set]" : undefined } });
  await w.emit({ type: "recycling.pickup_state_changed", stream: "recycling", entity: "PickupRequest", entityId: id, districtId: i.districtId, org: i.enterpriseId ? { kind: "recycling.enterprise", id: i.enterpriseId } : null, payload: { number, from: null, to: "REQUESTED" } });
  return p!;
}

export interface AdvanceInput {
  action: PickupAction;
  weightGrams?: number | null;
  stationId?: number | null;
  collector?: string | null;
  material?: string | null;
  truckPlate?: string | null;
  sortingCentreId?: number | null;
  recycler?: string | null;
  note?: string | null;
  at?: Date;
}

/** Moves a pickup one step along the chain, recording the hand-over and its weight. */
export async function advancePickup(w: Writer, pickupId: number, i: AdvanceInput): Promise<{ pickup: PickupRow; handover: HandoverRow }> {
  const [p] = await w.tx.select().from(pickups).where(eq(pickups.id, pickupId)).for("update");
  if (!p) throw new DomainError("NOT_FOUND", "No such pickup", "input.id");
  const to = nextPickupStatus(p.status, i.action);
  const t = PICKUP_TRANSITIONS[i.action];
  const at = i.at ?? new Date();
  const params = await getParams(w.tx);
  const need = (k: (typeof t.needs)[number], v: unknown, field: string) => {
    if (t.needs.includes(k) && (v == null || (typeof v === "string" && !v.trim()))) throw new DomainError("REQUIRED", `${i.action} needs ${field.replace("input.", "")}`, field);
  };
  need("station", i.stationId, "input.stationId");
  need("collector", i.collector, "input.collector");
  need("weight", i.weightGrams, "input.weightGrams");
  need("material", i.material, "input.material");
  need("truckPlate", i.truckPlate, "input.truckPlate");
  need("sortingCentre", i.sortingCentreId, "input.sortingCentreId");
  need("recycler", i.recycler, "input.recycler");
  need("note", i.note, "input.note");

  const set: Partial<PickupRow> = { status: to, updatedAt: new Date() };
  let fromParty = "";
  let toParty = "";
  let lossGrams: number | null = null;
  const org = w.principal.org?.kind === "recycling.enterprise" ? w.principal.org.id : null;

  if (i.action === "assign") {
    const [st] = await w.tx.select().from(stations).where(eq(stations.id, i.stationId!));
    if (!st || st.kind !== "SERVICE_STATION") throw new DomainError("NOT_A_SERVICE_STATION", "Assign pickups to a service station", "input.stationId");
    if (org != null && st.enterpriseId !== org) throw new DomainError("FORBIDDEN", "Assign to your own stations", "input.stationId");
    if (p.enterpriseId != null && st.enterpriseId !== p.enterpriseId) throw new DomainError("ENTERPRISE_MISMATCH", "The station belongs to another enterprise than the request", "input.stationId");
    Object.assign(set, { stationId: st.id, enterpriseId: st.enterpriseId, collector: i.collector!.trim().slice(0, 80) });
    fromParty = "平台 / Platform";
    toParty = `${st.name} · ${i.collector!.trim()}`;
  }
  if (t.needs.includes("weight")) {
    lossGrams = handoverLoss(p.currentGrams, i.weightGrams!, params["custody.max_gain_pct"]);
    set.currentGrams = i.weightGrams!;
  }
  if (i.action === "collect") {
    const mats = await materialsByCode(w.tx);
    const m = mats.get(i.material!);
    if (!m || !m.active) throw new DomainError("UNKNOWN_MATERIAL", `No material ${i.material}`, "input.material");
    if (m.unit === "PIECE") throw new DomainError("UNKNOWN_MATERIAL", "Pickups are weighed: choose a material priced by weight", "input.material");
    set.collectedGrams = i.weightGrams!;
    set.materialId = m.id;
    const [st] = await w.tx.select().from(stations).where(eq(stations.id, p.stationId!));
    let cardId: number | null = null;
    let locked;
    if (p.cardId != null) {
      locked = await lockCards(w.tx, [p.cardId]);
      if (locked.get(p.cardId)?.status === "ACTIVE") cardId = p.cardId;
    }
    await recordWeighings(
      w,
      [
        {
          index: 0,
          source: "PICKUP",
          deviceId: null,
          seq: null,
          pickupId: p.id,
          at,
          day: dayOf(at),
          materialId: m.id,
          weightGrams: i.weightGrams!,
          pieces: null,
          cardId,
          stationId: st!.id,
          districtId: st!.districtId,
          enterpriseId: st!.enterpriseId,
          points: pointsFor(m, i.weightGrams!, null, cardId != null),
        },
      ],
      locked,
    );
    fromParty = "居民 / Household";
    toParty = p.collector ?? "";
  }
  if (i.action === "toStation") {
    const [st] = await w.tx.select().from(stations).where(eq(stations.id, p.stationId!));
    fromParty = p.collector ?? "";
    toParty = st?.name ?? "";
  }
  if (i.action === "loadTruck") {
    set.truckPlate = i.truckPlate!.trim().toUpperCase().slice(0, 20);
    const [st] = await w.tx.select().from(stations).where(eq(stations.id, p.stationId!));
    fromParty = st?.name ?? "";
    toParty = set.truckPlate;
  }
  if (i.action === "toSortingCentre") {
    const [sc] = await w.tx.select().from(stations).where(eq(stations.id, i.sortingCentreId!));
    if (!sc || sc.kind !== "SORTING_CENTRE") throw new DomainError("NOT_A_SORTING_CENTRE", "Deliver to a sorting centre", "input.sortingCentreId");
    set.sortingCentreId = sc.id;
    fromParty = p.truckPlate ?? "";
    toParty = sc.name;
  }
  if (i.action === "sell") {
    set.recycler = i.recycler!.trim().slice(0, 120);
    const [sc] = await w.tx.select().from(stations).where(eq(stations.id, p.sortingCentreId!));
    fromParty = sc?.name ?? "";
    toParty = set.recycler;
  }
  if (i.action === "cancel") {
    fromParty = "";
    toParty = "";
  }

  const [u] = await w.tx.update(pickups).set(set).where(eq(pickups.id, p.id)).returning();
  const [h] = await w.tx
    .insert(handovers)
    .values({
      pickupId: p.id,
      action: i.action,
      fromStatus: p.status,
      toStatus: to,
      at,
      weightGrams: t.needs.includes("weight") ? i.weightGrams! : null,
      lossGrams,
      fromParty: fromParty.slice(0, 200),
      toParty: toParty.slice(0, 200),
      note: (i.note ?? "").slice(0, 500),
      actor: w.principal.label,
    })
    .returning();
  if (i.action === "sell" && u!.collectedGrams) {
    const pct = custodyLossPct(u!.collectedGrams, i.weightGrams!);
    const limit = params["custody.loss_alert_pct"];
    if (pct > limit) {
      await raiseAlert(w, {
        stream: "recycling",
        rule: "recycling.custody_loss",
        severity: "MEDIUM",
        title: `回收单 ${p.number} 从收集到售出损耗 ${pct}%（上限 ${limit}%）/ Pickup ${p.number} lost ${pct}% between collection and sale`,
        detail: { number: p.number, collectedGrams: u!.collectedGrams, soldGrams: i.weightGrams, lossPct: pct, limitPct: limit },
        subjectType: "PickupRequest",
        subjectId: p.id,
        subjectLabel: p.number,
        districtId: p.districtId,
        org: u!.enterpriseId ? { kind: "recycling.enterprise", id: u!.enterpriseId } : null,
        dedupKey: `recycling:custody-loss:${p.id}`,
      });
    }
  }
  await w.audit({ entity: "PickupRequest", entityId: p.id, action: i.action, changes: { status: [p.status, to], weightGrams: i.weightGrams ?? undefined, lossGrams } });
  await w.emit({
    type: "recycling.pickup_state_changed",
    stream: "recycling",
    entity: "PickupRequest",
    entityId: p.id,
    districtId: p.districtId,
    org: u!.enterpriseId ? { kind: "recycling.enterprise", id: u!.enterpriseId } : null,
    payload: { number: p.number, from: p.status, to, weightGrams: i.weightGrams ?? null, lossGrams },
  });
  return { pickup: u!, handover: h! };
}
