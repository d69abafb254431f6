/**
 * The recycling network (回收网络): enterprises, stations, devices (each with its own API key),
 * merchants (with terminal keys) and residents' cards.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { clearPrincipalCache, createApiKey } from "../core/auth.js";
import { apiKeys } from "../core/tables.js";
import { cards, devices, enterprises, merchants, stations } from "./tables.js";
import { dayOf } from "./time.js";

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type StationRow = typeof stations.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;
export type MerchantRow = typeof merchants.$inferSelect;
export type CardRowFull = typeof cards.$inferSelect;

const COORD = { lon: [119.8, 121.2], lat: [29.2, 30.4] } as const;

function checkCoords(lon: number, lat: number): void {
  if (!(lon >= COORD.lon[0] && lon <= COORD.lon[1])) throw new DomainError("OUT_OF_AREA", "Longitude is outside Shaoxing", "input.lon");
  if (!(lat >= COORD.lat[0] && lat <= COORD.lat[1])) throw new DomainError("OUT_OF_AREA", "Latitude is outside Shaoxing", "input.lat");
}

export interface EnterpriseInput {
  code: string;
  name: string;
  creditCode?: string | null;
  districtId: number;
  coop?: boolean | null;
  contact?: string | null;
  phone?: string | null;
  address?: string | null;
}

export async function createEnterprise(w: Writer, i: EnterpriseInput): Promise<EnterpriseRow> {
  const [exists] = await w.tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.code, i.code));
  if (exists) throw new DomainError("CODE_TAKEN", `An enterprise with code ${i.code} exists`, "input.code");
  const [e] = await w.tx
    .insert(enterprises)
    .values({ code: i.code, name: i.name.trim(), creditCode: i.creditCode ?? "", districtId: i.districtId, coop: i.coop ?? false, contact: i.contact ?? "", phone: i.phone ?? "", address: i.address ?? "" })
    .returning();
  await w.audit({ entity: "RecyclingEnterprise", entityId: e!.id, action: "create", changes: i });
  return e!;
}

export interface StationInput {
  code: string;
  name: string;
  kind: StationRow["kind"];
  enterpriseId: number;
  districtId: number;
  rural?: boolean | null;
  lon: number;
  lat: number;
  address?: string | null;
  households?: number | null;
  capacityTpd?: string | null;
  openedOn?: string | null;
}

export async function createStation(w: Writer, i: StationInput): Promise<StationRow> {
  checkCoords(i.lon, i.lat);
  const [ent] = await w.tx.select().from(enterprises).where(eq(enterprises.id, i.enterpriseId));
  if (!ent) throw new DomainError("NOT_FOUND", "No such enterprise", "input.enterpriseId");
  if (w.principal.org?.kind === "recycling.enterprise" && w.principal.org.id !== ent.id) throw new DomainError("FORBIDDEN", "Enterprises register only their own stations", "input.enterpriseId");
  const [exists] = await w.tx.select({ id: stations.id }).from(stations).where(eq(stations.code, i.code));
  if (exists) throw new DomainError("CODE_TAKEN", `A station with code ${i.code} exists`, "input.code");
  if (i.capacityTpd != null && !/^\d{1,8}(\.\d{1,2})?$/.test(i.capacityTpd)) throw new DomainError("INVALID_AMOUNT", "Capacity must be tonnes per day with at most 2 decimals", "input.capacityTpd");
  const [s] = await w.tx
    .insert(stations)
    .values({
      code: i.code,
      name: i.name.trim(),
      kind: i.kind,
      enterpriseId: i.enterpriseId,
      districtId: i.districtId,
      rural: i.rural ?? false,
      lon: i.lon.toFixed(6),
      lat: i.lat.toFixed(6),
      address: i.address ?? "",
      households: i.households ?? 0,
      capacityTpd: i.capacityTpd ?? "0",
      openedOn: i.openedOn ?? dayOf(new Date()),
    })
    .returning();
  await w.audit({ entity: "RecyclingStation", entityId: s!.id, action: "create", changes: i });
  await w.emit({ type: "recycling.station_registered", stream: "recycling", entity: "RecyclingStation", entityId: s!.id, districtId: s!.districtId, org: { kind: "recycling.enterprise", id: s!.enterpriseId }, payload: { code: s!.code, name: s!.name, kind: s!.kind } });
  return s!;
}

export async function updateStation(w: Writer, id: number, patch: { name?: string | null; active?: boolean | null; households?: number | null; capacityTpd?: string | null; address?: string | null }): Promise<StationRow> {
  const [s] = await w.tx.select().from(stations).where(eq(stations.id, id)).for("update");
  if (!s) throw new DomainError("NOT_FOUND", "No such station", "input.id");
  if (patch.capacityTpd != null && !/^\d{1,8}(\.\d{1,2})?$/.test(patch.capacityTpd)) throw new DomainError("INVALID_AMOUNT", "Capacity must be tonnes per day with at most 2 decimals", "input.capacityTpd");
  const set: Partial<StationRow> = { updatedAt: new Date() };
  if (patch.name != null) set.name = patch.name.trim();
  if (patch.active != null) set.active = patch.active;
  if (patch.households != null) set.households = patch.households;
  if (patch.capacityTpd != null) set.capacityTpd = patch.capacityTpd;
  if (patch.address != null) set.address = patch.address;
  const [u] = await w.tx.update(stations).set(set).where(eq(stations.id, id)).returning();
  await w.audit({ entity: "RecyclingStation", entityId: id, action: "update", changes: patch });
  return u!;
}

async function newDeviceKey(w: Writer, device: DeviceRow): Promise<string> {
  const { key, secret } = await createApiKey(w, { name: `设备 ${device.code} / Device ${device.code}`, scopes: ["recycling:ingest"], org: { kind: "recycling.device", id: device.id } });
  await w.tx.update(devices).set({ apiKeyId: key.id, updatedAt: new Date() }).where(eq(devices.id, device.id));
  return secret;
}

async function revokeKey(w: Writer, keyId: number | null): Promise<void> {
  if (keyId == null) return;
  await w.tx
    .update(apiKeys)
    .set({ revokedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
  w.afterCommit(() => clearPrincipalCache());
}

/** Registers a device at a station and issues its API key (scope recycling:ingest); the secret is returned once. */
export async function registerDevice(w: Writer, i: { code: string; kind: DeviceRow["kind"]; stationId: number; vendor?: string | null }): Promise<{ device: DeviceRow; secret: string }> {
  const [st] = await w.tx.select().from(stations).where(eq(stations.id, i.stationId));
  if (!st) throw new DomainError("NOT_FOUND", "No such station", "input.stationId");
  if (w.principal.org?.kind === "recycling.enterprise" && w.principal.org.id !== st.enterpriseId) throw new DomainError("FORBIDDEN", "Enterprises register devices at their own stations only", "input.stationId");
  if (i.kind === "WEIGHBRIDGE" && st.kind !== "SORTING_CENTRE") throw new DomainError("KIND_MISMATCH", "Weighbridges belong at sorting centres", "input.kind");
  if (i.kind === "SMART_BIN" && st.kind !== "SMART_BIN") throw new DomainError("KIND_MISMATCH", "Smart bins are registered at smart-bin points", "input.kind");
  const [exists] = await w.tx.select({ id: devices.id }).from(devices).where(eq(devices.code, i.code));
  if (exists) throw new DomainError("CODE_TAKEN", `A device with code ${i.code} exists`, "input.code");
  const [d] = await w.tx
    .insert(devices)
    .values({ code: i.code, kind: i.kind, stationId: st.id, districtId: st.districtId, enterpriseId: st.enterpriseId, vendor: i.vendor ?? "" })
    .returning();
  const secret = await newDeviceKey(w, d!);
  await w.audit({ entity: "RecyclingDevice", entityId: d!.id, action: "register", changes: i });
  const [withKey] = await w.tx.select().from(devices).where(eq(devices.id, d!.id));
  return { device: withKey!, secret };
}

/** Revokes the device's key and issues a new one (the old secret stops working at once). */
export async function rotateDeviceKey(w: Writer, deviceId: number): Promise<{ device: DeviceRow; secret: string }> {
  const [d] = await w.tx.select().from(devices).where(eq(devices.id, deviceId)).for("update");
  if (!d) throw new DomainError("NOT_FOUND", "No such device", "id");
  if (d.status !== "ACTIVE") throw new DomainError("DEVICE_INACTIVE", "Reactivate the device first", "id");
  await revokeKey(w, d.apiKeyId);
  const secret = await newDeviceKey(w, d);
  await w.audit({ entity: "RecyclingDevice", entityId: d.id, action: "rotateKey" });
  const [u] = await w.tx.select().from(devices).where(eq(devices.id, d.id));
  return { device: u!, secret };
}

/** Deactivates (revoking its key) or reactivates a device (a new key is then issued with rotateDeviceKey). */
export async function setDeviceStatus(w: Writer, deviceId: number, active: boolean): Promise<DeviceRow> {
  const [d] = await w.tx.select().from(devices).where(eq(devices.id, deviceId)).for("update");
  if (!d) throw new DomainError("NOT_FOUND", "No such device", "id");
  if (!active) await revokeKey(w, d.apiKeyId);
  const [u] = await w.tx
    .update(devices)
    .set({ status: active ? "ACTIVE" : "INACTIVE", apiKeyId: active ? d.apiKeyId : null, updatedAt: new Date() })
    .where(eq(devices.id, deviceId))
    .returning();
  await w.audit({ entity: "RecyclingDevice", entityId: d.id, action: active ? "activate" : "deactivate" });
  return u!;
}

export interface MerchantInput {
  code: string;
  name: string;
  kind: MerchantRow["kind"];
  districtId: number;
  address?: string | null;
  lon?: number | null;
  lat?: number | null;
  contact?: string | null;
}

export async function createMerchant(w: Writer, i: MerchantInput): Promise<MerchantRow> {
  if (i.lon != null && i.lat != null) checkCoords(i.lon, i.lat);
  const [exists] = await w.tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.code, i.code));
  if (exists) throw new DomainError("CODE_TAKEN", `A merchant with code ${i.code} exists`, "input.code");
  const [m] = await w.tx
    .insert(merchants)
    .values({ code: i.code, name: i.name.trim(), kind: i.kind, districtId: i.districtId, address: i.address ?? "", lon: i.lon?.toFixed(6) ?? null, lat: i.lat?.toFixed(6) ?? null, contact: i.contact ?? "" })
    .returning();
  await w.audit({ entity: "RecyclingMerchant", entityId: m!.id, action: "create", changes: i });
  return m!;
}

/** A redemption terminal's API key for a merchant (scope recycling:write, bound to the merchant). */
export async function createMerchantTerminalKey(w: Writer, merchantId: number, name: string): Promise<{ secret: string; keyId: number }> {
  const [m] = await w.tx.select().from(merchants).where(eq(merchants.id, merchantId));
  if (!m) throw new DomainError("NOT_FOUND", "No such merchant", "merchantId");
  if (!m.active) throw new DomainError("MERCHANT_INACTIVE", "The merchant is not active", "merchantId");
  const { key, secret } = await createApiKey(w, { name: `${m.name} 兑换终端 ${name}`.slice(0, 80), scopes: ["recycling:write"], districtId: null, org: { kind: "recycling.merchant", id: m.id } });
  return { secret, keyId: key.id };
}

export interface CardInput {
  cardNo: string;
  householdCode: string;
  holderName?: string | null;
  address?: string | null;
  districtId: number;
  stationId?: number | null;
}

/** 办卡 — issues a resident card. */
export async function issueCard(w: Writer, i: CardInput): Promise<CardRowFull> {
  const [exists] = await w.tx.select({ id: cards.id }).from(cards).where(eq(cards.cardNo, i.cardNo));
  if (exists) throw new DomainError("CARD_NO_TAKEN", `Card number ${i.cardNo} is already issued`, "input.cardNo");
  if (i.stationId != null) {
    const [st] = await w.tx.select().from(stations).where(eq(stations.id, i.stationId));
    if (!st) throw new DomainError("NOT_FOUND", "No such station", "input.stationId");
    if (st.districtId !== i.districtId) throw new DomainError("DISTRICT_MISMATCH", "The home station is in another district", "input.stationId");
  }
  const now = new Date();
  const [c] = await w.tx
    .insert(cards)
    .values({ cardNo: i.cardNo, householdCode: i.householdCode, holderName: i.holderName ?? "", address: i.address ?? "", districtId: i.districtId, stationId: i.stationId ?? null, issuedAt: now })
    .returning();
  await w.tx.execute(sql`insert into recycling.roll_points_day (district_id, day, cards_issued) values (${i.districtId}, ${dayOf(now)}, 1)
      on conflict (district_id, day) do update set cards_issued = recycling.roll_points_day.cards_issued + 1`);
  await w.audit({ entity: "ResidentCard", entityId: c!.id, action: "issue", changes: { cardNo: i.cardNo, householdCode: i.householdCode, districtId: i.districtId } });
  await w.emit({ type: "recycling.card_issued", stream: "recycling", entity: "ResidentCard", entityId: c!.id, districtId: i.districtId, payload: { cardNo: i.cardNo } });
  return c!;
}

/** Card status: ACTIVE ⇄ FROZEN (e.g. reported lost), either → CANCELLED (final). */
export const CARD_TRANSITIONS: Record<"freeze" | "unfreeze" | "cancel", { from: CardRowFull["status"][]; to: CardRowFull["status"] }> = {
  freeze: { from: ["ACTIVE"], to: "FROZEN" },
  unfreeze: { from: ["FROZEN"], to: "ACTIVE" },
  cancel: { from: ["ACTIVE", "FROZEN"], to: "CANCELLED" },
};

export async function transitionCard(w: Writer, cardId: number, action: keyof typeof CARD_TRANSITIONS, reason: string): Promise<CardRowFull> {
  const t = CARD_TRANSITIONS[action];
  const [c] = await w.tx.select().from(cards).where(eq(cards.id, cardId)).for("update");
  if (!c) throw new DomainError("NOT_FOUND", "No such card", "id");
  if (!t.from.includes(c.status)) throw new DomainError("ILLEGAL_TRANSITION", `Cannot ${action} a card that is ${c.status}`, "action");
  if (reason.trim().length < 2) throw new DomainError("REASON_REQUIRED", "Give a reason", "reason");
  const [u] = await w.tx.update(cards).set({ status: t.to, updatedAt: new Date() }).where(eq(cards.id, cardId)).returning();
  await w.audit({ entity: "ResidentCard", entityId: cardId, action, changes: { status: [c.status, t.to], reason } });
  return u!;
}
