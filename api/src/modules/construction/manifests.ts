/**
 * Trip manifests (电子联单): one per loaded trip. Opened when the truck leaves a site — a gate scan
 * (operator or staff) or leaving the site's geofence on its GPS track — and closed when a disposal place
 * receives it (receipt with the received volume, and the weighbridge weight where there is one).
 * Sent and received volumes are compared. Closing keeps the read models current in the same
 * transaction: the site's moved volume, the place's received total and daily intake, the district's
 * daily figures; and checks the place's capacity threshold.
 */
import { and, eq, gt, lte, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { row } from "../core/db.js";
import { MANIFEST_TRANSITIONS, nextState } from "./machines.js";
import { shanghaiDay, volumeProblem } from "./registers.js";
import { checkPlaceCapacity, resolveManifestOverdue } from "./rules.js";
import { disposalPlaces, districtDaily, manifests, permits, placeDaily, sites, vehicles } from "./tables.js";

export type ManifestRow = typeof manifests.$inferSelect;

/** Volume difference (sent − received) above this share of the sent volume is flagged. */
export const VOLUME_DIFF_TOLERANCE = 0.1;

export function volumeDiffFlag(sent: number, received: number): boolean {
  return sent > 0 && Math.abs(sent - received) / sent > VOLUME_DIFF_TOLERANCE;
}

async function nextManifestNumber(w: Writer, at: Date): Promise<string> {
  const r = await row<{ n: string }>(w.tx, sql`select nextval('construction.manifest_number_seq')::text as n`);
  return `LD${shanghaiDay(at).replace(/-/g, "")}-${r!.n.padStart(7, "0")}`;
}

export interface OpenManifest {
  vehicleId: number;
  siteId: number;
  via: "GATE_SCAN" | "GEOFENCE";
  at?: Date;
  /** Declared load; default: the vehicle's load volume. */
  sentVolumeM3?: string | null;
  onlyCompanyId?: number | null;
}

/**
 * Opens a manifest. A vehicle has at most one open manifest (partial unique index); a second gate
 * scan while one is open returns the open one (idempotent) when it is for the same site.
 */
export async function openManifest(w: Writer, m: OpenManifest): Promise<{ manifest: ManifestRow; created: boolean }> {
  const at = m.at ?? new Date();
  const [v] = await w.tx.select().from(vehicles).where(eq(vehicles.id, m.vehicleId));
  if (!v) throw new DomainError("NOT_FOUND", "No such vehicle", "input.vehicleId");
  if (m.onlyCompanyId != null && v.companyId !== m.onlyCompanyId) throw new DomainError("NOT_YOUR_VEHICLE", "Companies scan their own vehicles only", "input.vehicleId");
  const [s] = await w.tx.select().from(sites).where(eq(sites.id, m.siteId));
  if (!s) throw new DomainError("NOT_FOUND", "No such site", "input.siteId");
  if (!(s.status === "REGISTERED" || s.status === "ACTIVE")) throw new DomainError("SITE_NOT_REGISTERED", `Site ${s.name} is ${s.status}: spoil may leave registered sites only`, "input.siteId");
  if (m.sentVolumeM3 != null) {
    const p = volumeProblem(m.sentVolumeM3);
    if (p) throw new DomainError("INVALID_VALUE", `input.sentVolumeM3: ${p}`, "input.sentVolumeM3");
  }
  const [open] = await w.tx.select().from(manifests).where(and(eq(manifests.vehicleId, v.id), eq(manifests.status, "OPEN")));
  if (open) {
    if (open.siteId === s.id) return { manifest: open, created: false };
    throw new DomainError("MANIFEST_OPEN", `Vehicle ${v.plate} still has open manifest ${open.number}; close or void it first`, "input.vehicleId");
  }
  const [permit] = await w.tx
    .select()
    .from(permits)
    .where(and(eq(permits.vehicleId, v.id), eq(permits.status, "ACTIVE"), lte(permits.validFrom, at), gt(permits.validTo, at)));
  const number = await nextManifestNumber(w, at);
  const [created] = await w.tx
    .insert(manifests)
    .values({
      number,
      vehicleId: v.id,
      companyId: v.companyId,
      permitId: permit && permit.siteId === s.id ? permit.id : null,
      siteId: s.id,
      districtId: s.districtId,
      plannedPlaceId: permit && permit.siteId === s.id ? permit.disposalPlaceId : null,
      openedVia: m.via,
      openedAt: at,
      sentVolumeM3: m.sentVolumeM3 ?? v.loadM3,
    })
    .returning();
  if (s.status === "REGISTERED") {
    await w.tx.update(sites).set({ status: "ACTIVE", updatedAt: new Date() }).where(eq(sites.id, s.id));
    await w.audit({ entity: "ExcavationSite", entityId: s.id, action: "start", changes: { status: ["REGISTERED", "ACTIVE"], by: "first manifest" } });
  }
  await w.audit({ entity: "TripManifest", entityId: created!.id, action: "open", changes: { number, vehicleId: v.id, siteId: s.id, via: m.via } });
  await w.emit({ type: "manifest.state_changed", stream: "construction", entity: "TripManifest", entityId: created!.id, districtId: s.districtId, org: { kind: "construction.company", id: v.companyId }, payload: { manifestId: created!.id, number, status: "OPEN", plate: v.plate } });
  return { manifest: created!, created: true };
}

export interface Receipt {
  manifestId: number;
  disposalPlaceId: number;
  receivedVolumeM3: string;
  receivedWeightT?: string | null;
  at?: Date;
}

export async function closeManifest(w: Writer, r: Receipt): Promise<ManifestRow> {
  const vp = volumeProblem(r.receivedVolumeM3, { positive: false });
  if (vp) throw new DomainError("INVALID_VALUE", `input.receivedVolumeM3: ${vp}`, "input.receivedVolumeM3");
  if (r.receivedWeightT != null) {
    const wp = volumeProblem(r.receivedWeightT, { positive: false });
    if (wp) throw new DomainError("INVALID_VALUE", `input.receivedWeightT: ${wp}`, "input.receivedWeightT");
  }
  const [m] = await w.tx.select().from(manifests).where(eq(manifests.id, r.manifestId)).for("update");
  if (!m) throw new DomainError("NOT_FOUND", "No such manifest", "input.manifestId");
  const to = nextState("manifest", MANIFEST_TRANSITIONS, "close", m.status);
  const [place] = await w.tx.select().from(disposalPlaces).where(eq(disposalPlaces.id, r.disposalPlaceId)).for("update");
  if (!place) throw new DomainError("NOT_FOUND", "No such disposal place", "input.disposalPlaceId");
  if (place.status === "CLOSED") throw new DomainError("PLACE_NOT_OPEN", `Disposal place ${place.name} is closed`, "input.disposalPlaceId");
  const at = r.at ?? new Date();
  if (at < m.openedAt) throw new DomainError("INVALID_TIME", "A trip cannot be received before it left the site", "input.at");
  const received = Number(r.receivedVolumeM3);
  const diff = (Number(m.sentVolumeM3) - received).toFixed(2);
  const [u] = await w.tx
    .update(manifests)
    .set({ status: to, closedAt: at, disposalPlaceId: place.id, receivedVolumeM3: r.receivedVolumeM3, receivedWeightT: r.receivedWeightT ?? null, volumeDiffM3: diff, updatedAt: new Date() })
    .where(eq(manifests.id, m.id))
    .returning();
  // Read models, in this transaction.
  await w.tx.update(sites).set({ movedVolumeM3: sql`${sites.movedVolumeM3} + ${m.sentVolumeM3}`, updatedAt: new Date() }).where(eq(sites.id, m.siteId));
  const [placeAfter] = await w.tx
    .update(disposalPlaces)
    .set({ receivedM3: sql`${disposalPlaces.receivedM3} + ${r.receivedVolumeM3}`, receivedT: sql`${disposalPlaces.receivedT} + ${r.receivedWeightT ?? "0"}`, updatedAt: new Date() })
    .where(eq(disposalPlaces.id, place.id))
    .returning();
  const day = shanghaiDay(at);
  await w.tx
    .insert(placeDaily)
    .values({ placeId: place.id, day, districtId: place.districtId, receivedM3: r.receivedVolumeM3, receivedT: r.receivedWeightT ?? "0", trips: 1 })
    .onConflictDoUpdate({ target: [placeDaily.placeId, placeDaily.day], set: { receivedM3: sql`${placeDaily.receivedM3} + excluded.received_m3`, receivedT: sql`${placeDaily.receivedT} + excluded.received_t`, trips: sql`${placeDaily.trips} + 1` } });
  await w.tx
    .insert(districtDaily)
    .values({ districtId: m.districtId, day, movedM3: m.sentVolumeM3, trips: 1 })
    .onConflictDoUpdate({ target: [districtDaily.districtId, districtDaily.day], set: { movedM3: sql`${districtDaily.movedM3} + excluded.moved_m3`, trips: sql`${districtDaily.trips} + 1` } });
  await w.audit({ entity: "TripManifest", entityId: m.id, action: "close", changes: { status: [m.status, to], disposalPlaceId: place.id, sent: m.sentVolumeM3, received: r.receivedVolumeM3, diff } });
  await w.emit({ type: "manifest.state_changed", stream: "construction", entity: "TripManifest", entityId: m.id, districtId: m.districtId, org: { kind: "construction.company", id: m.companyId }, payload: { manifestId: m.id, number: m.number, status: "CLOSED", received: r.receivedVolumeM3, volumeDiffM3: diff, flagged: volumeDiffFlag(Number(m.sentVolumeM3), received) } });
  await resolveManifestOverdue(w, m.id);
  await checkPlaceCapacity(w, placeAfter!, at);
  return u!;
}

export async function voidManifest(w: Writer, id: number, reason: string): Promise<ManifestRow> {
  if (!reason?.trim()) throw new DomainError("REASON_REQUIRED", "Voiding a manifest needs a reason", "reason");
  const [m] = await w.tx.select().from(manifests).where(eq(manifests.id, id)).for("update");
  if (!m) throw new DomainError("NOT_FOUND", "No such manifest", "id");
  const to = nextState("manifest", MANIFEST_TRANSITIONS, "void", m.status);
  const [u] = await w.tx.update(manifests).set({ status: to, voidReason: reason.trim(), updatedAt: new Date() }).where(eq(manifests.id, id)).returning();
  await w.audit({ entity: "TripManifest", entityId: id, action: "void", changes: { status: [m.status, to], reason: reason.trim() } });
  await w.emit({ type: "manifest.state_changed", stream: "construction", entity: "TripManifest", entityId: id, districtId: m.districtId, org: { kind: "construction.company", id: m.companyId }, payload: { manifestId: id, number: m.number, status: "VOIDED" } });
  await resolveManifestOverdue(w, m.id);
  return u!;
}
