/**
 * Shared helpers of the cells stream: who is acting (the office, a department, a unit), calendar
 * days in Asia/Shanghai, number sequences, and the rollup counters read by the overview.
 */
import { sql } from "drizzle-orm";
import type { Principal } from "../../graphql/context.js";
import { forbidden } from "../../graphql/auth.js";
import { DomainError } from "../../graphql/errors.js";
import { row, type Tx } from "../core/db.js";
import { allDepartments } from "../core/resolvers.js";

export const STREAM = "cells";
export const UNIT_ORG_KIND = "cells.unit";
export const OFFICE_DEPARTMENT_CODE = "zero_waste_office";
export const CITY_DISTRICT_ID = 330600;

export type Acting = "OFFICE" | "DEPARTMENT" | "UNIT" | "SYSTEM";

export function isSystem(p: Principal): boolean {
  return p.label.startsWith("system:");
}

/** The zero-waste office's department id (cached via core's department cache). */
export async function officeDepartmentId(tx: Tx): Promise<number> {
  const d = (await allDepartments(tx)).find((x) => x.code === OFFICE_DEPARTMENT_CODE);
  if (!d) throw new Error("zero-waste office department missing from reference data");
  return d.id;
}

/** How the principal acts in this stream. */
export async function actingAs(tx: Tx, p: Principal): Promise<Acting | null> {
  if (isSystem(p)) return "SYSTEM";
  if (p.org?.kind === UNIT_ORG_KIND) return "UNIT";
  if (p.org) return null;
  if (p.kind === "user" && p.role === "STAFF") {
    if (p.departmentId === (await officeDepartmentId(tx))) return "OFFICE";
    return "DEPARTMENT";
  }
  if (p.kind === "apiKey" && p.scopes.includes("cells:write")) return "DEPARTMENT";
  return null;
}

/** Throws unless the principal is the zero-waste office (or the system). */
export async function requireOffice(tx: Tx, p: Principal): Promise<void> {
  const a = await actingAs(tx, p);
  if (a !== "OFFICE" && a !== "SYSTEM") throw forbidden("Only the zero-waste office (市无废办) may do this");
}

/** Calendar day in Asia/Shanghai (UTC+8, no daylight saving) as YYYY-MM-DD. */
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Year and quarter of an instant in Asia/Shanghai. */
export function shanghaiQuarter(d: Date): { year: number; quarter: number } {
  const s = new Date(d.getTime() + 8 * 3600_000);
  return { year: s.getUTCFullYear(), quarter: Math.floor(s.getUTCMonth() / 3) + 1 };
}

/** Start of a Shanghai calendar day as an instant. */
export function shanghaiMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Next number of a yearly sequence ("application", "question", "task"). */
export async function nextSequence(tx: Tx, scope: string, year: number): Promise<number> {
  const r = await row<{ last: number }>(
    tx,
    sql`insert into cells.number_counters (scope, year, last) values (${scope}, ${year}, 1)
        on conflict (scope, year) do update set last = cells.number_counters.last + 1 returning last`,
  );
  return Number(r!.last);
}

/** Adds `delta` to a daily counter. */
export async function bumpDaily(tx: Tx, metric: string, day: string, districtId: number | null, dim: string, delta = 1): Promise<void> {
  if (delta === 0) return;
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n) values (${metric}, ${day}, ${districtId ?? 0}, ${dim}, ${delta})
    on conflict (metric, day, district_id, dim) do update set n = cells.daily_counts.n + excluded.n`);
}

/** Adds `delta` to a stock counter. */
export async function bumpStock(tx: Tx, metric: string, districtId: number | null, dim: string, delta: number): Promise<void> {
  if (delta === 0) return;
  if (delta < 0) {
    // A decrement needs the row (CHECK n >= 0 is evaluated on an upsert's proposed row, so no upsert here).
    const r = await row<{ n: number }>(
      tx,
      sql`update cells.stock_counts set n = n + ${delta} where metric = ${metric} and district_id = ${districtId ?? 0} and dim = ${dim} returning n`,
    );
    if (!r) throw new Error(`stock counter ${metric}/${districtId ?? 0}/${dim} missing: read model out of step`);
    return;
  }
  await tx.execute(sql`insert into cells.stock_counts (metric, district_id, dim, n) values (${metric}, ${districtId ?? 0}, ${dim}, ${delta})
    on conflict (metric, district_id, dim) do update set n = cells.stock_counts.n + excluded.n`);
}

/** Moves one item of a stock counter from one dimension to another. */
export async function moveStock(tx: Tx, metric: string, districtId: number | null, fromDim: string | null, toDim: string | null): Promise<void> {
  if (fromDim === toDim) return;
  if (fromDim != null) await bumpStock(tx, metric, districtId, fromDim, -1);
  if (toDim != null) await bumpStock(tx, metric, districtId, toDim, 1);
}

/** A decimal string check with a field name for errors. */
export function requireDecimal(v: string, field: string, opts: { min?: number; max?: number; places?: number } = {}): string {
  const s = v.trim();
  const places = opts.places ?? 4;
  if (!new RegExp(`^-?\\d{1,15}(\\.\\d{1,${places}})?$`).test(s)) throw new DomainError("INVALID_NUMBER", `Must be a number with at most ${places} decimals`, field);
  const n = Number(s);
  if (opts.min != null && n < opts.min) throw new DomainError("OUT_OF_RANGE", `Must be at least ${opts.min}`, field);
  if (opts.max != null && n > opts.max) throw new DomainError("OUT_OF_RANGE", `Must be at most ${opts.max}`, field);
  return s;
}
