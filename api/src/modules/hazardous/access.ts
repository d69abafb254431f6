/**
 * Who may do what in this stream. Organisation kinds (OPERATOR accounts and org-bound API keys):
 *   hazardous.unit                  产废单位 — a waste-producing unit (the manifest's producer, 移出人)
 *   hazardous.carrier               危货运输企业 — a transport company (承运人)
 *   hazardous.facility              利用处置单位 — a licensed receiving facility (接受人)
 *   hazardous.collection_operator   小微收运单位 — a small/micro collection operator
 * Staff of the ecology bureau act as STAFF within their district (city staff everywhere).
 */
import { forbidden } from "../../graphql/auth.js";
import type { Principal } from "../../graphql/context.js";
import { inScope } from "../../graphql/scope.js";

export const ORG = {
  unit: "hazardous.unit",
  carrier: "hazardous.carrier",
  facility: "hazardous.facility",
  operator: "hazardous.collection_operator",
} as const;

/** A party to a manifest, or STAFF (the supervising bureau). */
export type Party = "PRODUCER" | "CARRIER" | "RECEIVER" | "STAFF";

export interface ManifestParties {
  producerId: number;
  carrierId: number;
  receiverId: number;
  districtId: number;
  receiverDistrictId: number;
}

/** The parties `p` acts as on this manifest (an organisation is one party; staff in scope is STAFF). */
export function partiesOf(p: Principal, m: ManifestParties): Party[] {
  if (p.org) {
    const out: Party[] = [];
    if (p.org.kind === ORG.unit && p.org.id === m.producerId) out.push("PRODUCER");
    if (p.org.kind === ORG.carrier && p.org.id === m.carrierId) out.push("CARRIER");
    if (p.org.kind === ORG.facility && p.org.id === m.receiverId) out.push("RECEIVER");
    return out;
  }
  const staff =
    (p.kind === "user" && (p.role === "STAFF" || p.role === "ADMIN") && (p.role === "ADMIN" || p.streams.includes("hazardous"))) ||
    (p.kind === "apiKey" && p.scopes.includes("hazardous:write"));
  if (staff && (p.districtId == null || p.districtId === m.districtId || p.districtId === m.receiverDistrictId)) return ["STAFF"];
  return [];
}

/** May `p` read this manifest in full (parties, staff and readers of the producer's or receiver's district)? */
export function canReadManifest(p: Principal, m: ManifestParties): boolean {
  if (p.kind === "anonymous") return false;
  if (p.org) return partiesOf(p, m).length > 0;
  const reader =
    (p.kind === "user" && (p.role === "ADMIN" || p.role === "LEADERSHIP" || (p.role === "STAFF" && p.streams.includes("hazardous")))) ||
    (p.kind === "apiKey" && (p.scopes.includes("hazardous:read") || p.scopes.includes("hazardous:write")));
  return reader && (p.districtId == null || p.districtId === m.districtId || p.districtId === m.receiverDistrictId);
}

/** Scope of a record owned by one organisation of this stream, in a district. */
export function ownScope(districtId: number, orgs: Record<string, number | number[] | null | undefined>) {
  return { districtId, orgs };
}

export function requireOwn(p: Principal, districtId: number, orgs: Record<string, number | number[] | null | undefined>): void {
  if (!inScope(p, ownScope(districtId, orgs))) throw forbidden("This record is outside your district or organisation");
}

/** Staff-only operations (not operators). */
export function requireStaff(p: Principal): void {
  if (p.org) throw forbidden("Only bureau staff may do this");
}
