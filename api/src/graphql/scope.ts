/**
 * Record scoping: district staff and district-bound keys see their own district's records;
 * operators (company accounts, org-bound keys) see their own organisation's records only.
 */
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Principal } from "./context.js";
import { forbidden } from "./auth.js";

export interface ScopeSpec {
  /** The record's district column. */
  district?: PgColumn;
  /** The record's owning organisations: each an org kind and the column holding its id. */
  orgs?: { kind: string; column: PgColumn }[];
  /** Custom condition for operators of some kind (e.g. "sites served by my company"). */
  operator?: (org: { kind: string; id: number }) => SQL | undefined;
}

/** SQL conditions restricting a list to what `p` may see (ANDed by the caller). */
export function scopeWhere(p: Principal, spec: ScopeSpec): SQL[] {
  const out: SQL[] = [];
  if (p.districtId != null && spec.district) out.push(eq(spec.district, p.districtId));
  if (p.org) {
    const custom = spec.operator?.(p.org);
    if (custom) out.push(custom);
    else {
      const match = spec.orgs?.find((o) => o.kind === p.org!.kind);
      out.push(match ? eq(match.column, p.org.id) : sql`false`);
    }
  }
  return out;
}

export interface RecordScope {
  districtId?: number | null;
  /** Organisations owning the record, as "kind" → id (or ids). */
  orgs?: Record<string, number | number[] | null | undefined>;
}

/** May `p` see this one record? */
export function inScope(p: Principal, r: RecordScope): boolean {
  if (p.districtId != null && r.districtId != null && r.districtId !== p.districtId) return false;
  if (p.districtId != null && r.districtId == null && !r.orgs) return false;
  if (p.org) {
    const v = r.orgs?.[p.org.kind];
    if (v == null) return false;
    return Array.isArray(v) ? v.includes(p.org.id) : v === p.org.id;
  }
  return true;
}

/** Throws FORBIDDEN when the record is out of `p`'s scope. */
export function requireInScope(p: Principal, r: RecordScope): void {
  if (!inScope(p, r)) throw forbidden("This record is outside your district or organisation");
}

/** District to write into: a district user may only write their own district. */
export function requireDistrictWritable(p: Principal, districtId: number): void {
  if (p.districtId != null && p.districtId !== districtId) throw forbidden("You may only change records of your own district");
}

export { inArray };
