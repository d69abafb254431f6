/**
 * Transport supervision registers (危货运输): carriers with their road transport permit, vehicles
 * with their road transport certificate, drivers and escorts with their qualification certificates.
 * A vehicle or person whose licence is not valid on the day, or who is out of service, cannot be bound to a
 * manifest.
 */
import { and, eq, inArray, lte, gte, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { raiseAlert } from "../core/alerts.js";
import type { Tx } from "../core/db.js";
import { rows } from "../core/db.js";
import { carriers, collectionOperators, facilities, transportPeople, vehicles } from "./tables.js";

export type VehicleRow = typeof vehicles.$inferSelect;
export type PersonRow = typeof transportPeople.$inferSelect;
export type CarrierRow = typeof carriers.$inferSelect;

/** Is a licence valid on `day` (both YYYY-MM-DD)? Valid through its last day. */
export function licenceValid(validTo: string, day: string): boolean {
  return validTo >= day;
}

/** Days from `day` until `validTo` (negative when expired). */
export function daysLeft(validTo: string, day: string): number {
  return Math.round((Date.parse(`${validTo}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
}

/**
 * Checks the vehicle, driver and escort to bind: each must belong to the manifest's carrier, hold the
 * right role and a licence valid today; the carrier's permit must be valid too.
 */
export async function requireValidTransport(tx: Tx, b: { carrierId: number; vehicleId: number; driverId: number; escortId: number }, today: string) {
  const [carrier] = await tx.select().from(carriers).where(eq(carriers.id, b.carrierId));
  if (!carrier) throw new DomainError("NOT_FOUND", "No such carrier");
  if (!licenceValid(carrier.permitValidTo, today)) throw new DomainError("LICENCE_EXPIRED", `The carrier's road transport permit expired on ${carrier.permitValidTo}`, "input.vehicleId");
  const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.id, b.vehicleId));
  if (!vehicle || vehicle.carrierId !== b.carrierId) throw new DomainError("NOT_FOUND", "The vehicle is not one of this carrier's vehicles", "input.vehicleId");
  if (!vehicle.active) throw new DomainError("INACTIVE", `车辆 ${vehicle.plate} 已停运 / Vehicle ${vehicle.plate} is out of service`, "input.vehicleId");
  if (!licenceValid(vehicle.licenceValidTo, today)) throw new DomainError("LICENCE_EXPIRED", `车辆 ${vehicle.plate} 道路运输证已于 ${vehicle.licenceValidTo} 过期 / Vehicle ${vehicle.plate}: road transport certificate expired on ${vehicle.licenceValidTo}`, "input.vehicleId");
  if (b.driverId === b.escortId) throw new DomainError("SAME_PERSON", "The driver and the escort must be two different people", "input.escortId");
  const people = await tx.select().from(transportPeople).where(inArray(transportPeople.id, [b.driverId, b.escortId]));
  const driver = people.find((p) => p.id === b.driverId);
  const escort = people.find((p) => p.id === b.escortId);
  for (const [p, role, field] of [
    [driver, "DRIVER", "input.driverId"],
    [escort, "ESCORT", "input.escortId"],
  ] as const) {
    if (!p || p.carrierId !== b.carrierId) throw new DomainError("NOT_FOUND", `Not one of this carrier's ${role === "DRIVER" ? "drivers" : "escorts"}`, field);
    if (!p.active) throw new DomainError("INACTIVE", `${p.name} 已离职 / ${p.name} no longer works for the carrier`, field);
    if (p.role !== role) throw new DomainError("WRONG_ROLE", `${p.name} is registered as ${p.role}, not ${role}`, field);
    if (!licenceValid(p.qualificationValidTo, today)) throw new DomainError("LICENCE_EXPIRED", `${p.name} 从业资格证已于 ${p.qualificationValidTo} 过期 / ${p.name}: qualification certificate expired on ${p.qualificationValidTo}`, field);
  }
  return { carrier, vehicle, driver: driver!, escort: escort! };
}

/** Licences expiring within `warnDays` (or already expired but still registered), for the alert job. */
export async function expiringLicences(tx: Tx, today: string, warnDays: number) {
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + warnDays * 86_400_000).toISOString().slice(0, 10);
  return rows<{ kind: string; id: number; label: string; valid_to: string; district_id: number; carrier_id: number | null }>(
    tx,
    sql`select 'Vehicle' as kind, v.id, v.plate as label, v.licence_valid_to::text as valid_to, v.district_id, v.carrier_id from ${vehicles} v where v.active and v.licence_valid_to <= ${until}::date
        union all select 'TransportPerson', p.id, p.name || '（' || case p.role when 'DRIVER' then '驾驶员' else '押运员' end || '）', p.qualification_valid_to::text, c.district_id, p.carrier_id
          from ${transportPeople} p join ${carriers} c on c.id = p.carrier_id where p.active and p.qualification_valid_to <= ${until}::date
        union all select 'Carrier', c.id, c.name, c.permit_valid_to::text, c.district_id, c.id from ${carriers} c where c.permit_valid_to <= ${until}::date
        union all select 'Facility', f.id, f.name, f.licence_valid_to::text, f.district_id, null from ${facilities} f where f.licence_valid_to <= ${until}::date
        union all select 'CollectionOperator', o.id, o.name, o.licence_valid_to::text, o.district_id, null from ${collectionOperators} o where o.licence_valid_to <= ${until}::date`,
  );
}

/** Raises one alert per licence that expires within the warning window (one per licence and expiry date). */
export async function checkExpiringLicences(w: Writer, today: string, warnDays: number): Promise<number> {
  const list = await expiringLicences(w.tx, today, warnDays);
  let raised = 0;
  for (const l of list) {
    const left = daysLeft(l.valid_to, today);
    const orgKind = l.kind === "Facility" ? "hazardous.facility" : l.kind === "CollectionOperator" ? "hazardous.collection_operator" : "hazardous.carrier";
    const orgId = l.kind === "Facility" || l.kind === "CollectionOperator" ? l.id : l.carrier_id!;
    const r = await raiseAlert(w, {
      stream: "hazardous",
      rule: "hazardous.licence_expiring",
      severity: left < 0 ? "HIGH" : left <= 7 ? "MEDIUM" : "LOW",
      title: left < 0 ? `${l.label} 证照已过期（${l.valid_to}）/ ${l.label}: licence expired on ${l.valid_to}` : `${l.label} 证照将于 ${left} 天后到期（${l.valid_to}）/ ${l.label}: licence expires in ${left} days (${l.valid_to})`,
      detail: { kind: l.kind, validTo: l.valid_to, daysLeft: left, warnDays },
      subjectType: l.kind,
      subjectId: l.id,
      subjectLabel: l.label,
      districtId: l.district_id,
      org: { kind: orgKind, id: orgId },
      dedupKey: `hazardous:licence:${l.kind}:${l.id}:${l.valid_to}`,
    });
    if (r.created) raised++;
  }
  return raised;
}

export { and, gte, lte };
