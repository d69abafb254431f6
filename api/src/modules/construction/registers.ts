/**
 * Registers of the construction stream: excavation sites (出土工地) and their registration workflow,
 * transport companies (运输企业), vehicles (运输车辆), disposal places (消纳场所), site carriers.
 * Plain services over a Writer; resolvers stay thin.
 */
import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { row } from "../core/db.js";
import { bboxOf, polygonProblem, squareAround } from "./geo.js";
import { nextState, SITE_TRANSITIONS } from "./machines.js";
import { companies, disposalPlaces, siteCarriers, sites, vehicles, type PolygonCoords } from "./tables.js";

export type SiteRow = typeof sites.$inferSelect;
export type VehicleRow = typeof vehicles.$inferSelect;
export type PlaceRow = typeof disposalPlaces.$inferSelect;
export type CompanyRow = typeof companies.$inferSelect;

export const ORG_COMPANY = "construction.company";

/** Plate format (GA 36): province character, a letter, then 5 (or 6 for new-energy) letters/digits; no I or O. */
export const PLATE_RE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]$/;
export function normalisePlate(p: string): string {
  return p.replace(/[\s·.-]/g, "").toUpperCase();
}
export function plateProblem(p: string): string | null {
  return PLATE_RE.test(normalisePlate(p)) ? null : "not a valid plate, e.g. 浙D12345 or 浙DD12345 (no I or O)";
}

/** 统一社会信用代码: 18 characters of 0-9 and A–Y without I, O, S, V, Z. */
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export function dateProblem(d: string): string | null {
  if (!DATE_RE.test(d)) return "must be a date YYYY-MM-DD";
  const t = new Date(`${d}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== d) return "is not a real date";
  return null;
}

/** The calendar day (Asia/Shanghai) of an instant, as YYYY-MM-DD. */
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
/** The instant a Shanghai calendar day ends (next midnight, +08:00). */
export function dayEnd(day: string): Date {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000);
}
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

const VOLUME_RE = /^\d{1,11}(\.\d{1,2})?$/;
export function volumeProblem(v: string, { positive = true } = {}): string | null {
  if (!VOLUME_RE.test(v)) return "must be a decimal number with at most 2 decimals";
  if (positive && Number(v) <= 0) return "must be greater than zero";
  return null;
}

function need(problem: string | null, field: string): void {
  if (problem) throw new DomainError("INVALID_VALUE", `${field}: ${problem}`, field);
}

// ——— companies ———

export interface CompanyInput {
  name: string;
  creditCode: string;
  districtId: number;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  qualificationNo: string;
  qualificationValidFrom: string;
  qualificationValidTo: string;
  crossDistrict?: boolean;
}

export async function createCompany(w: Writer, i: CompanyInput): Promise<CompanyRow> {
  if (!CREDIT_CODE_RE.test(i.creditCode)) throw new DomainError("INVALID_VALUE", "Unified social credit code must be 18 characters (统一社会信用代码)", "input.creditCode");
  need(dateProblem(i.qualificationValidFrom), "input.qualificationValidFrom");
  need(dateProblem(i.qualificationValidTo), "input.qualificationValidTo");
  if (i.qualificationValidTo < i.qualificationValidFrom) throw new DomainError("INVALID_PERIOD", "Qualification must end after it starts", "input.qualificationValidTo");
  const [dup] = await w.tx.select({ id: companies.id }).from(companies).where(eq(companies.creditCode, i.creditCode));
  if (dup) throw new DomainError("DUPLICATE", "A company with this credit code is registered", "input.creditCode");
  const [c] = await w.tx.insert(companies).values({ ...i, name: i.name.trim() }).returning();
  await w.audit({ entity: "TransportCompany", entityId: c!.id, action: "create", changes: i });
  return c!;
}

export async function updateCompany(w: Writer, id: number, patch: Partial<Omit<CompanyInput, "creditCode" | "districtId">>): Promise<CompanyRow> {
  const [co] = await w.tx.select().from(companies).where(eq(companies.id, id)).for("update");
  if (!co) throw new DomainError("NOT_FOUND", "No such transport company", "input.id");
  if (patch.qualificationValidFrom) need(dateProblem(patch.qualificationValidFrom), "input.qualificationValidFrom");
  if (patch.qualificationValidTo) need(dateProblem(patch.qualificationValidTo), "input.qualificationValidTo");
  const from = patch.qualificationValidFrom ?? co.qualificationValidFrom;
  const to = patch.qualificationValidTo ?? co.qualificationValidTo;
  if (to < from) throw new DomainError("INVALID_PERIOD", "Qualification must end after it starts", "input.qualificationValidTo");
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null));
  const [u] = await w.tx.update(companies).set({ ...set, updatedAt: new Date() }).where(eq(companies.id, id)).returning();
  await w.audit({ entity: "TransportCompany", entityId: id, action: "update", changes: patch });
  return u!;
}

// ——— sites ———

export interface SiteInput {
  name: string;
  districtId: number;
  address?: string;
  lon: number;
  lat: number;
  geofence?: PolygonCoords | null;
  material?: "SPOIL" | "MUD";
  plannedVolumeM3: string;
  periodFrom: string;
  periodTo: string;
  builder: string;
  contractor?: string;
  gateCameras?: number;
  washingFacility?: boolean;
}

/** Applies for site registration (备案申请): status APPLIED. */
export async function applySite(w: Writer, i: SiteInput): Promise<SiteRow> {
  need(volumeProblem(i.plannedVolumeM3), "input.plannedVolumeM3");
  need(dateProblem(i.periodFrom), "input.periodFrom");
  need(dateProblem(i.periodTo), "input.periodTo");
  if (i.periodTo < i.periodFrom) throw new DomainError("INVALID_PERIOD", "The site's period must end after it starts", "input.periodTo");
  const geofence = i.geofence ?? squareAround(i.lon, i.lat, 150);
  need(polygonProblem(geofence), "input.geofence");
  const [s] = await w.tx
    .insert(sites)
    .values({ ...i, name: i.name.trim(), lon: String(i.lon), lat: String(i.lat), geofence, bbox: bboxOf(geofence[0]!), status: "APPLIED" })
    .returning();
  await w.audit({ entity: "ExcavationSite", entityId: s!.id, action: "apply", changes: i });
  await w.emit({ type: "site.applied", stream: "construction", entity: "ExcavationSite", entityId: s!.id, districtId: s!.districtId, payload: { siteId: s!.id, name: s!.name } });
  return s!;
}

/**
 * Moves a site along its registration workflow. Registration gives the 备案编号 and requires gate
 * cameras and a washing facility (the city's site standard); rejection needs a reason.
 */
export async function transitionSite(w: Writer, id: number, action: keyof typeof SITE_TRANSITIONS, reason?: string | null): Promise<SiteRow> {
  const [s] = await w.tx.select().from(sites).where(eq(sites.id, id)).for("update");
  if (!s) throw new DomainError("NOT_FOUND", "No such site", "id");
  const to = nextState("site", SITE_TRANSITIONS, action, s.status);
  const set: Partial<SiteRow> = { status: to, updatedAt: new Date() };
  if (action === "reject") {
    if (!reason?.trim()) throw new DomainError("REASON_REQUIRED", "Rejecting a site registration needs a reason", "reason");
    set.rejectionReason = reason.trim();
  }
  if (action === "register") {
    if (s.gateCameras < 1) throw new DomainError("SITE_STANDARD", "A site needs at least one gate camera connected to the platform before registration", "id");
    if (!s.washingFacility) throw new DomainError("SITE_STANDARD", "A site needs a vehicle washing facility before registration", "id");
    const r = await row<{ n: string }>(w.tx, sql`select nextval('construction.site_code_seq')::text as n`);
    set.code = `ZT${s.periodFrom.slice(0, 4)}-${String(s.districtId).slice(-2)}-${r!.n.padStart(5, "0")}`;
    set.registeredAt = new Date();
  }
  const [u] = await w.tx.update(sites).set(set).where(eq(sites.id, id)).returning();
  await w.audit({ entity: "ExcavationSite", entityId: id, action, changes: { status: [s.status, to], reason: reason ?? undefined, code: set.code } });
  await w.emit({ type: "site.status_changed", stream: "construction", entity: "ExcavationSite", entityId: id, districtId: s.districtId, payload: { siteId: id, from: s.status, to } });
  return u!;
}

export async function addSiteCarrier(w: Writer, siteId: number, companyId: number): Promise<void> {
  const [s] = await w.tx.select({ id: sites.id, status: sites.status }).from(sites).where(eq(sites.id, siteId));
  if (!s) throw new DomainError("NOT_FOUND", "No such site", "siteId");
  if (s.status === "REJECTED" || s.status === "COMPLETED") throw new DomainError("SITE_CLOSED", `A ${s.status.toLowerCase()} site takes no new carriers`, "siteId");
  const [c] = await w.tx.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId));
  if (!c) throw new DomainError("NOT_FOUND", "No such transport company", "companyId");
  await w.tx.insert(siteCarriers).values({ siteId, companyId }).onConflictDoNothing();
  await w.audit({ entity: "ExcavationSite", entityId: siteId, action: "addCarrier", changes: { companyId } });
}

// ——— vehicles ———

export interface VehicleInput {
  plate: string;
  companyId: number;
  kind?: "DUMP_TRUCK" | "MUD_TANKER";
  loadM3: string;
  terminalId?: string | null;
  standardCompliant?: boolean;
}

/** Keeps the company's fleet figures (vehicle count, summed load of ACTIVE vehicles) current. */
async function refreshFleet(w: Writer, companyId: number): Promise<void> {
  await w.tx.execute(sql`update construction.companies c set vehicle_count = f.n, fleet_load_m3 = f.load, updated_at = now()
    from (select count(*)::int as n, coalesce(sum(load_m3), 0) as load from construction.vehicles where company_id = ${companyId} and status = 'ACTIVE') f
    where c.id = ${companyId}`);
}

export async function registerVehicle(w: Writer, i: VehicleInput): Promise<VehicleRow> {
  const plate = normalisePlate(i.plate);
  need(plateProblem(plate), "input.plate");
  need(volumeProblem(i.loadM3), "input.loadM3");
  if (Number(i.loadM3) > 60) throw new DomainError("INVALID_VALUE", "input.loadM3: at most 60 m³", "input.loadM3");
  if (i.terminalId != null && !/^[A-Za-z0-9_-]{4,40}$/.test(i.terminalId)) throw new DomainError("INVALID_VALUE", "input.terminalId: 4–40 letters, digits, _ or -", "input.terminalId");
  const [co] = await w.tx.select().from(companies).where(eq(companies.id, i.companyId));
  if (!co) throw new DomainError("NOT_FOUND", "No such transport company", "input.companyId");
  const [dup] = await w.tx.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.plate, plate));
  if (dup) throw new DomainError("DUPLICATE", `Plate ${plate} is already registered`, "input.plate");
  if (i.terminalId) {
    const [t] = await w.tx.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.terminalId, i.terminalId));
    if (t) throw new DomainError("DUPLICATE", "This GPS terminal is fitted to another vehicle", "input.terminalId");
  }
  const [v] = await w.tx
    .insert(vehicles)
    .values({ plate, companyId: co.id, districtId: co.districtId, kind: i.kind ?? "DUMP_TRUCK", loadM3: i.loadM3, terminalId: i.terminalId ?? null, standardCompliant: i.standardCompliant ?? true })
    .returning();
  await refreshFleet(w, co.id);
  await w.audit({ entity: "Vehicle", entityId: v!.id, action: "register", changes: { ...i, plate } });
  return v!;
}

export async function updateVehicle(w: Writer, id: number, patch: { loadM3?: string; terminalId?: string | null; standardCompliant?: boolean; status?: "ACTIVE" | "SUSPENDED" | "RETIRED" }): Promise<VehicleRow> {
  const [v] = await w.tx.select().from(vehicles).where(eq(vehicles.id, id)).for("update");
  if (!v) throw new DomainError("NOT_FOUND", "No such vehicle", "input.id");
  if (patch.loadM3 != null) need(volumeProblem(patch.loadM3), "input.loadM3");
  if (v.status === "RETIRED" && patch.status && patch.status !== "RETIRED") throw new DomainError("ILLEGAL_TRANSITION", "A retired vehicle cannot return to service", "input.status");
  const set: Partial<VehicleRow> = { updatedAt: new Date() };
  if (patch.loadM3 != null) set.loadM3 = patch.loadM3;
  if (patch.terminalId !== undefined) set.terminalId = patch.terminalId;
  if (patch.standardCompliant != null) set.standardCompliant = patch.standardCompliant;
  if (patch.status) set.status = patch.status;
  const [u] = await w.tx.update(vehicles).set(set).where(eq(vehicles.id, id)).returning();
  if (patch.status || patch.loadM3) await refreshFleet(w, v.companyId);
  await w.audit({ entity: "Vehicle", entityId: id, action: "update", changes: patch });
  return u!;
}

// ——— disposal places ———

export interface PlaceInput {
  name: string;
  kind: PlaceRow["kind"];
  districtId: number;
  address?: string;
  lon: number;
  lat: number;
  geofence?: PolygonCoords | null;
  capacityBasis: "TOTAL" | "ANNUAL";
  capacity: string;
  capacityUnit: "M3" | "T";
  dailyCapacity?: string | null;
  alertThresholdPct?: number;
  openFrom: string;
}

export async function createPlace(w: Writer, i: PlaceInput): Promise<PlaceRow> {
  need(volumeProblem(i.capacity), "input.capacity");
  if (i.dailyCapacity != null) need(volumeProblem(i.dailyCapacity), "input.dailyCapacity");
  need(dateProblem(i.openFrom), "input.openFrom");
  if (i.alertThresholdPct != null && (i.alertThresholdPct < 50 || i.alertThresholdPct > 100)) throw new DomainError("INVALID_VALUE", "input.alertThresholdPct: 50–100", "input.alertThresholdPct");
  const geofence = i.geofence ?? squareAround(i.lon, i.lat, 250);
  need(polygonProblem(geofence), "input.geofence");
  const r = await row<{ n: number }>(w.tx, sql`select count(*)::int + 1 as n from construction.disposal_places where district_id = ${i.districtId}`);
  const code = `XN-${String(i.districtId).slice(-2)}-${String(r!.n).padStart(4, "0")}`;
  const [p] = await w.tx
    .insert(disposalPlaces)
    .values({ ...i, name: i.name.trim(), code, lon: String(i.lon), lat: String(i.lat), geofence, bbox: bboxOf(geofence[0]!), dailyCapacity: i.dailyCapacity ?? null })
    .returning();
  await w.audit({ entity: "DisposalPlace", entityId: p!.id, action: "create", changes: i });
  return p!;
}

export async function updatePlace(w: Writer, id: number, patch: { capacity?: string; dailyCapacity?: string | null; alertThresholdPct?: number; status?: "OPEN" | "FULL" | "CLOSED" }): Promise<PlaceRow> {
  const [p] = await w.tx.select().from(disposalPlaces).where(eq(disposalPlaces.id, id)).for("update");
  if (!p) throw new DomainError("NOT_FOUND", "No such disposal place", "input.id");
  if (patch.capacity != null) need(volumeProblem(patch.capacity), "input.capacity");
  if (patch.alertThresholdPct != null && (patch.alertThresholdPct < 50 || patch.alertThresholdPct > 100)) throw new DomainError("INVALID_VALUE", "input.alertThresholdPct: 50–100", "input.alertThresholdPct");
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const [u] = await w.tx.update(disposalPlaces).set({ ...set, updatedAt: new Date() }).where(eq(disposalPlaces.id, id)).returning();
  await w.audit({ entity: "DisposalPlace", entityId: id, action: "update", changes: patch });
  return u!;
}

/** Used share of a place's capacity in % (TOTAL: all received; ANNUAL: received this year). */
export function usedPct(capacity: number, used: number): number {
  return capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : 0;
}

export { and };
