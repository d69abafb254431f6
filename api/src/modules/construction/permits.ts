/**
 * Transport permits (准运证), one vehicle, one route, one permit (一车一线一证).
 *
 * A company (OPERATOR) applies for one of its own vehicles, a registered site, a disposal place, a route
 * and a period; staff approve or reject. Approval numbers the permit and gives it an unguessable
 * verification token for its QR code. Rules:
 * - at most one ACTIVE permit per vehicle at any moment — the exclusion constraint
 *   `permits_one_active_per_vehicle` decides, also under concurrent approvals (PERMIT_VEHICLE_BUSY);
 * - a permit cannot outlive its site's period or the company's qualification;
 * - a suspended (or revoked, or expired) qualification gets no new permits;
 * - the vehicle must be active and meet the technical standard; the route must start at the site and
 *   end at the disposal place (within ROUTE_ENDPOINT_TOLERANCE_M);
 * - revocation needs a reason; permits past their end are marked EXPIRED by a scheduled job.
 */
import { randomBytes } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { DomainError } from "../../graphql/errors.js";
import { registerConstraintError, type Writer } from "../../graphql/mutation.js";
import { row, type Tx } from "../core/db.js";
import { bboxOf, distanceM, lineLengthKm, routeProblem } from "./geo.js";
import { nextState, PERMIT_TRANSITIONS } from "./machines.js";
import { dayEnd, dayStart, shanghaiDay } from "./registers.js";
import { companies, disposalPlaces, districtDaily, permits, permitScans, siteCarriers, sites, vehicles, type LineCoords } from "./tables.js";

export type PermitRow = typeof permits.$inferSelect;

export const ROUTE_ENDPOINT_TOLERANCE_M = 1500;
export const MAX_PERMIT_DAYS = 366;

registerConstraintError("permits_one_active_per_vehicle", {
  code: "PERMIT_VEHICLE_BUSY",
  message: "该车辆在此期间已有有效准运证（一车一线一证）/ The vehicle already has an active permit overlapping this period (one vehicle, one route, one permit)",
  field: "id",
});

export interface PermitApplication {
  vehicleId: number;
  siteId: number;
  disposalPlaceId: number;
  route: LineCoords;
  validFrom: Date;
  validTo: Date;
  /** Set for OPERATOR callers: the vehicle must belong to this company. */
  onlyCompanyId?: number | null;
}

interface PermitParties {
  vehicle: typeof vehicles.$inferSelect;
  company: typeof companies.$inferSelect;
  site: typeof sites.$inferSelect;
  place: typeof disposalPlaces.$inferSelect;
}

/** The checks shared by application and approval; `field` prefixes the input path. */
export function permitProblems(p: PermitParties, a: { validFrom: Date; validTo: Date; route: LineCoords }, now = new Date()): { code: string; message: string; field: string }[] {
  const out: { code: string; message: string; field: string }[] = [];
  const { vehicle, company, site, place } = p;
  if (vehicle.status !== "ACTIVE") out.push({ code: "VEHICLE_NOT_ACTIVE", message: `Vehicle ${vehicle.plate} is ${vehicle.status}`, field: "input.vehicleId" });
  if (!vehicle.standardCompliant) out.push({ code: "VEHICLE_NOT_COMPLIANT", message: `Vehicle ${vehicle.plate} does not meet the technical standard`, field: "input.vehicleId" });
  if (company.qualificationStatus !== "VALID") out.push({ code: "COMPANY_SUSPENDED", message: `The company's qualification is ${company.qualificationStatus}: no new permits`, field: "input.vehicleId" });
  if (dayEnd(company.qualificationValidTo) <= now) out.push({ code: "QUALIFICATION_EXPIRED", message: `The company's qualification expired on ${company.qualificationValidTo}`, field: "input.vehicleId" });
  if (!(site.status === "REGISTERED" || site.status === "ACTIVE")) out.push({ code: "SITE_NOT_REGISTERED", message: `Site ${site.name} is ${site.status}, not registered`, field: "input.siteId" });
  if (place.status !== "OPEN") out.push({ code: "PLACE_NOT_OPEN", message: `Disposal place ${place.name} is ${place.status}`, field: "input.disposalPlaceId" });
  if (!(a.validTo > a.validFrom)) out.push({ code: "INVALID_PERIOD", message: "The permit must end after it starts", field: "input.validTo" });
  if (a.validTo.getTime() - a.validFrom.getTime() > MAX_PERMIT_DAYS * 86_400_000) out.push({ code: "INVALID_PERIOD", message: `A permit runs at most ${MAX_PERMIT_DAYS} days`, field: "input.validTo" });
  if (a.validTo <= now) out.push({ code: "INVALID_PERIOD", message: "The permit would already have ended", field: "input.validTo" });
  if (a.validTo > dayEnd(site.periodTo)) out.push({ code: "OUTLIVES_SITE", message: `The permit cannot run past the site's period (ends ${site.periodTo})`, field: "input.validTo" });
  if (a.validFrom < dayStart(site.periodFrom)) out.push({ code: "BEFORE_SITE", message: `The permit cannot start before the site's period (starts ${site.periodFrom})`, field: "input.validFrom" });
  if (a.validTo > dayEnd(company.qualificationValidTo)) out.push({ code: "OUTLIVES_QUALIFICATION", message: `The permit cannot run past the company's qualification (valid to ${company.qualificationValidTo})`, field: "input.validTo" });
  const first = a.route[0]!;
  const last = a.route[a.route.length - 1]!;
  if (distanceM(first[0]!, first[1]!, Number(site.lon), Number(site.lat)) > ROUTE_ENDPOINT_TOLERANCE_M) out.push({ code: "ROUTE_START", message: `The route must start at the site (within ${ROUTE_ENDPOINT_TOLERANCE_M} m)`, field: "input.route" });
  if (distanceM(last[0]!, last[1]!, Number(place.lon), Number(place.lat)) > ROUTE_ENDPOINT_TOLERANCE_M) out.push({ code: "ROUTE_END", message: `The route must end at the disposal place (within ${ROUTE_ENDPOINT_TOLERANCE_M} m)`, field: "input.route" });
  return out;
}

async function parties(tx: Tx, vehicleId: number, siteId: number, placeId: number, lock: boolean): Promise<PermitParties> {
  const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.id, vehicleId));
  if (!vehicle) throw new DomainError("NOT_FOUND", "No such vehicle", "input.vehicleId");
  // Share-lock the company: a concurrent suspension waits for this approval, or this approval sees it.
  const cq = tx.select().from(companies).where(eq(companies.id, vehicle.companyId));
  const [company] = lock ? await cq.for("share") : await cq;
  const [site] = await tx.select().from(sites).where(eq(sites.id, siteId));
  if (!site) throw new DomainError("NOT_FOUND", "No such site", "input.siteId");
  const [place] = await tx.select().from(disposalPlaces).where(eq(disposalPlaces.id, placeId));
  if (!place) throw new DomainError("NOT_FOUND", "No such disposal place", "input.disposalPlaceId");
  return { vehicle, company: company!, site, place };
}

export async function applyForPermit(w: Writer, a: PermitApplication): Promise<PermitRow> {
  const rp = routeProblem(a.route);
  if (rp) throw new DomainError("INVALID_ROUTE", `input.route: ${rp}`, "input.route");
  const p = await parties(w.tx, a.vehicleId, a.siteId, a.disposalPlaceId, false);
  if (a.onlyCompanyId != null && p.vehicle.companyId !== a.onlyCompanyId) throw new DomainError("NOT_YOUR_VEHICLE", "Companies apply for their own vehicles only", "input.vehicleId");
  const problems = permitProblems(p, a);
  if (problems.length) throw DomainError.many(problems);
  const [created] = await w.tx
    .insert(permits)
    .values({
      vehicleId: p.vehicle.id,
      companyId: p.company.id,
      siteId: p.site.id,
      disposalPlaceId: p.place.id,
      districtId: p.site.districtId,
      route: a.route,
      routeBbox: bboxOf(a.route),
      routeLengthKm: lineLengthKm(a.route).toFixed(2),
      validFrom: a.validFrom,
      validTo: a.validTo,
      status: "PENDING",
      appliedBy: w.principal.label,
    })
    .returning();
  await w.audit({ entity: "TransportPermit", entityId: created!.id, action: "apply", changes: { vehicleId: a.vehicleId, siteId: a.siteId, disposalPlaceId: a.disposalPlaceId, validFrom: a.validFrom, validTo: a.validTo, routePoints: a.route.length } });
  await w.emit({ type: "permit.applied", stream: "construction", entity: "TransportPermit", entityId: created!.id, districtId: created!.districtId, org: { kind: "construction.company", id: p.company.id }, payload: { permitId: created!.id, plate: p.vehicle.plate } });
  return created!;
}

/** Permit number: ZY<year>-<district>-<sequence>. */
async function nextPermitNumber(tx: Tx, districtId: number, at: Date): Promise<string> {
  const r = await row<{ n: string }>(tx, sql`select nextval('construction.permit_number_seq')::text as n`);
  return `ZY${shanghaiDay(at).slice(0, 4)}-${String(districtId).slice(-2)}-${r!.n.padStart(6, "0")}`;
}

export async function decidePermit(w: Writer, id: number, action: "approve" | "reject" | "withdraw", note?: string | null, opts: { onlyCompanyId?: number | null; now?: Date } = {}): Promise<PermitRow> {
  const [pm] = await w.tx.select().from(permits).where(eq(permits.id, id)).for("update");
  if (!pm) throw new DomainError("NOT_FOUND", "No such permit", "id");
  if (opts.onlyCompanyId != null && pm.companyId !== opts.onlyCompanyId) throw new DomainError("NOT_FOUND", "No such permit", "id");
  const to = nextState("permit", PERMIT_TRANSITIONS, action, pm.status);
  const now = opts.now ?? new Date();
  const set: Partial<PermitRow> = { status: to, updatedAt: now, decidedAt: now, decidedBy: w.principal.label, decisionNote: note?.trim() || null };
  if (action === "reject" && !note?.trim()) throw new DomainError("REASON_REQUIRED", "Rejecting a permit needs a reason", "note");
  if (action === "approve") {
    const p = await parties(w.tx, pm.vehicleId, pm.siteId, pm.disposalPlaceId, true);
    const problems = permitProblems(p, { validFrom: pm.validFrom, validTo: pm.validTo, route: pm.route }, now);
    if (problems.length) throw DomainError.many(problems.map((x) => ({ ...x, field: "id" })));
    set.number = await nextPermitNumber(w.tx, pm.districtId, now);
    set.verifyToken = randomBytes(18).toString("base64url");
  }
  const [u] = await w.tx.update(permits).set(set).where(eq(permits.id, id)).returning();
  if (action === "approve") {
    await w.tx.insert(siteCarriers).values({ siteId: pm.siteId, companyId: pm.companyId }).onConflictDoNothing();
    await w.tx
      .insert(districtDaily)
      .values({ districtId: pm.districtId, day: shanghaiDay(now), permitsIssued: 1 })
      .onConflictDoUpdate({ target: [districtDaily.districtId, districtDaily.day], set: { permitsIssued: sql`${districtDaily.permitsIssued} + 1` } });
  }
  await w.audit({ entity: "TransportPermit", entityId: id, action, changes: { status: [pm.status, to], number: set.number, note: note ?? undefined } });
  if (action === "approve") {
    await w.emit({ type: "permit.issued", stream: "construction", entity: "TransportPermit", entityId: id, districtId: pm.districtId, org: { kind: "construction.company", id: pm.companyId }, payload: { permitId: id, number: u!.number, vehicleId: pm.vehicleId, validFrom: pm.validFrom, validTo: pm.validTo } });
  } else if (action === "reject") {
    await w.emit({ type: "permit.rejected", stream: "construction", entity: "TransportPermit", entityId: id, districtId: pm.districtId, org: { kind: "construction.company", id: pm.companyId }, payload: { permitId: id, reason: note } });
  }
  return u!;
}

export async function revokePermit(w: Writer, id: number, reason: string): Promise<PermitRow> {
  if (!reason?.trim()) throw new DomainError("REASON_REQUIRED", "Revoking a permit needs a reason", "reason");
  const [pm] = await w.tx.select().from(permits).where(eq(permits.id, id)).for("update");
  if (!pm) throw new DomainError("NOT_FOUND", "No such permit", "id");
  const to = nextState("permit", PERMIT_TRANSITIONS, "revoke", pm.status);
  const now = new Date();
  const [u] = await w.tx.update(permits).set({ status: to, revokedAt: now, revocationReason: reason.trim(), updatedAt: now }).where(eq(permits.id, id)).returning();
  await w.audit({ entity: "TransportPermit", entityId: id, action: "revoke", changes: { status: [pm.status, to], reason: reason.trim() } });
  await w.emit({ type: "permit.revoked", stream: "construction", entity: "TransportPermit", entityId: id, districtId: pm.districtId, org: { kind: "construction.company", id: pm.companyId }, payload: { permitId: id, number: pm.number, reason: reason.trim() } });
  return u!;
}

/** Scheduled: ACTIVE permits whose period has ended become EXPIRED. Returns how many. */
export async function expirePermits(w: Writer, now = new Date()): Promise<number> {
  const done = await w.tx
    .update(permits)
    .set({ status: "EXPIRED", updatedAt: now })
    .where(and(eq(permits.status, "ACTIVE"), lt(permits.validTo, now)))
    .returning({ id: permits.id, number: permits.number, districtId: permits.districtId, companyId: permits.companyId });
  for (const p of done) {
    await w.audit({ entity: "TransportPermit", entityId: p.id, action: "expire", changes: { status: ["ACTIVE", "EXPIRED"] } });
    await w.emit({ type: "permit.expired", stream: "construction", entity: "TransportPermit", entityId: p.id, districtId: p.districtId, org: { kind: "construction.company", id: p.companyId }, payload: { permitId: p.id, number: p.number } });
  }
  return done.length;
}

/** Is the permit in force at `at`? */
export function inForce(p: Pick<PermitRow, "status" | "validFrom" | "validTo">, at = new Date()): boolean {
  return p.status === "ACTIVE" && p.validFrom <= at && at < p.validTo;
}

// ——— public verification (QR code) ———

export function publicBaseUrl(port: number): string {
  return (process.env.PUBLIC_URL ?? `http://127.0.0.1:${port || 8080}`).replace(/\/+$/, "");
}
export function verificationUrl(base: string, token: string): string {
  return `${base}/verify/permit/${token}`;
}
export async function qrPngDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 1, width: 256 });
}
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}

/** What a roadside check sees: no contacts, no ids, nothing beyond validity. */
export interface PermitVerification {
  number: string;
  plate: string;
  companyName: string;
  siteName: string;
  disposalPlaceName: string;
  validFrom: Date;
  validTo: Date;
  status: string;
  validNow: boolean;
  routeLengthKm: string;
  checkedAt: Date;
}

const TOKEN_RE = /^[A-Za-z0-9_-]{10,64}$/;

/** Looks a verification token up and logs the scan. Unknown tokens → null (no hint either way). */
export async function verifyPermit(tx: Tx, token: string, meta: { ip?: string | null; userAgent?: string | null } = {}): Promise<PermitVerification | null> {
  if (!TOKEN_RE.test(token)) return null;
  const r = await row<{ id: number; number: string; plate: string; company: string; site: string; place: string; valid_from: Date | string; valid_to: Date | string; status: string; route_length_km: string }>(
    tx,
    sql`select p.id, p.number, v.plate, c.name as company, s.name as site, d.name as place, p.valid_from, p.valid_to, p.status, p.route_length_km::text
        from construction.permits p join construction.vehicles v on v.id = p.vehicle_id join construction.companies c on c.id = p.company_id
        join construction.sites s on s.id = p.site_id join construction.disposal_places d on d.id = p.disposal_place_id
        where p.verify_token = ${token}`,
  );
  if (!r) return null;
  const now = new Date();
  const validFrom = new Date(r.valid_from);
  const validTo = new Date(r.valid_to);
  const validNow = inForce({ status: r.status as PermitRow["status"], validFrom, validTo }, now);
  await tx.insert(permitScans).values({ permitId: r.id, at: now, validAtScan: validNow, ip: meta.ip?.slice(0, 64) ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null });
  return { number: r.number, plate: r.plate, companyName: r.company, siteName: r.site, disposalPlaceName: r.place, validFrom, validTo, status: r.status, validNow, routeLengthKm: r.route_length_km, checkedAt: now };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const fmt = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");

/** The public verification page the QR code opens (bilingual, self-contained, no scripts). */
export function verificationPage(v: PermitVerification | null): string {
  const body = v
    ? `<div class="badge ${v.validNow ? "ok" : "bad"}">${v.validNow ? "有效 VALID" : "无效 NOT VALID"}</div>
<table>
<tr><th>准运证号 Permit</th><td>${esc(v.number)}</td></tr>
<tr><th>车牌 Plate</th><td>${esc(v.plate)}</td></tr>
<tr><th>运输企业 Company</th><td>${esc(v.companyName)}</td></tr>
<tr><th>出土工地 Site</th><td>${esc(v.siteName)}</td></tr>
<tr><th>消纳场所 Disposal place</th><td>${esc(v.disposalPlaceName)}</td></tr>
<tr><th>有效期 Valid</th><td>${fmt(v.validFrom)} — ${fmt(v.validTo)}</td></tr>
<tr><th>状态 Status</th><td>${esc(v.status)}</td></tr>
<tr><th>核验时间 Checked</th><td>${fmt(v.checkedAt)}</td></tr>
</table>`
    : `<div class="badge bad">未找到 NOT FOUND</div><p>此二维码不对应任何准运证。/ This code matches no permit.</p>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>准运证核验 / Permit verification</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;color:#222}h1{font-size:1.2rem}
.badge{font-size:1.6rem;font-weight:700;padding:.6rem;border-radius:6px;text-align:center;margin:1rem 0}.ok{background:#e6f7e6;color:#1a7f1a}.bad{background:#fdecea;color:#b3261e}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}th{width:40%;color:#555;font-weight:500}</style></head>
<body><h1>绍兴市工程渣土准运证核验 / Shaoxing spoil transport permit check</h1>${body}</body></html>`;
}
