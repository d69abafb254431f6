/**
 * Per-request DataLoaders and small shared pieces of the cells resolvers (district shaping,
 * offset paging for relevance-ranked search results, access helpers).
 */
import { asc, inArray, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { GraphQLError } from "graphql";
import { can, forbidden } from "../../graphql/auth.js";
import { DEFAULT_PAGE, MAX_PAGE, type ConnectionResult } from "../../graphql/connection.js";
import type { Context, Principal } from "../../graphql/context.js";
import { byKeys, groupByKeys, loader } from "../../graphql/loaders.js";
import type { Tx } from "../core/db.js";
import { allDepartments, districtById } from "../core/resolvers.js";
import { applications, assessmentItems, cellTypes, checklistItems, indicatorGroups, indicators, units } from "./tables.js";

export function districtShape(d: { id: number } & Record<string, unknown>) {
  return { ...d, adcode: String(d.id) };
}

export async function districtOf(ctx: Context, id: number | null | undefined) {
  const d = await districtById(ctx.db, id ?? null);
  return d ? districtShape(d) : null;
}

export async function departmentOf(ctx: Context, id: number | null | undefined) {
  if (id == null) return null;
  return (await allDepartments(ctx.db)).find((d) => d.id === id) ?? null;
}

export type CellTypeRow = typeof cellTypes.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;

/** All cell types (a handful), once per request. */
export async function allCellTypes(ctx: Context): Promise<CellTypeRow[]> {
  const l = loader<string, CellTypeRow[]>(ctx, "cells.allTypes", async (keys) => {
    const rows = await ctx.db.select().from(cellTypes).orderBy(asc(cellTypes.sort));
    return keys.map(() => rows);
  });
  return (await l.load("all")) ?? [];
}

export async function cellTypeOf(ctx: Context, id: number): Promise<CellTypeRow | null> {
  return (await allCellTypes(ctx)).find((t) => t.id === id) ?? null;
}

export function unitLoader(ctx: Context) {
  return loader<number, UnitRow>(ctx, "cells.unitById", async (ids) => byKeys(ids, await ctx.db.select().from(units).where(inArray(units.id, [...ids])), (u) => u.id));
}

export function applicationLoader(ctx: Context) {
  return loader<number, ApplicationRow>(ctx, "cells.applicationById", async (ids) => byKeys(ids, await ctx.db.select().from(applications).where(inArray(applications.id, [...ids])), (a) => a.id));
}

export function applicationsOfUnitLoader(ctx: Context) {
  return loader<number, ApplicationRow[]>(ctx, "cells.applicationsOfUnit", async (ids) =>
    groupByKeys(ids, await ctx.db.select().from(applications).where(inArray(applications.unitId, [...ids])).orderBy(asc(applications.id)), (a) => a.unitId),
  );
}

export function assessmentItemsLoader(ctx: Context) {
  return loader<number, (typeof assessmentItems.$inferSelect & { item: typeof checklistItems.$inferSelect })[]>(ctx, "cells.assessmentItems", async (ids) => {
    const rows = await ctx.db
      .select({ a: assessmentItems, item: checklistItems })
      .from(assessmentItems)
      .innerJoin(checklistItems, sql`${checklistItems.id} = ${assessmentItems.itemId}`)
      .where(inArray(assessmentItems.applicationId, [...ids]))
      .orderBy(asc(assessmentItems.seq));
    return groupByKeys(
      ids,
      rows.map((r) => ({ ...r.a, item: r.item })),
      (r) => r.applicationId,
    );
  });
}

export function checklistLoader(ctx: Context) {
  return loader<string, (typeof checklistItems.$inferSelect)[]>(ctx, "cells.checklist", async (keys) => {
    const pairs = keys.map((k) => k.split(":").map(Number) as [number, number]);
    const rows = await ctx.db
      .select()
      .from(checklistItems)
      .where(inArray(checklistItems.cellTypeId, [...new Set(pairs.map((p) => p[0]))]))
      .orderBy(asc(checklistItems.seq));
    return keys.map((k) => rows.filter((r) => `${r.cellTypeId}:${r.version}` === k));
  });
}

export type IndicatorRow = typeof indicators.$inferSelect;
export type GroupRow = typeof indicatorGroups.$inferSelect;

/** The whole indicator system (a few dozen rows), once per request. */
export async function indicatorSystem(ctx: Context): Promise<{ groups: GroupRow[]; indicators: IndicatorRow[] }> {
  const l = loader<string, { groups: GroupRow[]; indicators: IndicatorRow[] }>(ctx, "cells.indicatorSystem", async (keys) => {
    const groups = await ctx.db.select().from(indicatorGroups).orderBy(asc(indicatorGroups.sort));
    const inds = await ctx.db.select().from(indicators).orderBy(asc(indicators.sort), asc(indicators.id));
    return keys.map(() => ({ groups, indicators: inds }));
  });
  return (await l.load("all"))!;
}

/** Readers of the indicator system and task lists: cells readers, and any department staff (they report and work tasks). */
export function requireTrackingReader(p: Principal): void {
  if (p.org) throw forbidden();
  if (can(p, "cells:read")) return;
  if (p.kind === "user" && p.role === "STAFF") return;
  throw forbidden();
}

// ——— offset paging for relevance-ranked results ———

function encodeOffset(n: number): string {
  return Buffer.from(`o:${n}`).toString("base64url");
}
function decodeOffset(c: string | null | undefined): number {
  if (!c) return 0;
  const s = Buffer.from(c, "base64url").toString("utf8");
  const m = /^o:(\d{1,7})$/.exec(s);
  if (!m) throw new GraphQLError("after: not a valid cursor", { extensions: { code: "BAD_USER_INPUT", fields: [{ field: "after", message: "not a valid cursor" }] } });
  return Number(m[1]);
}

/**
 * A page of results ordered by relevance (rank) — search results have no stable keyset, so their
 * cursors are offsets. Lists meant for synchronisation use keyset paging instead.
 */
export async function rankedPage<Row extends { id: number }>(q: {
  db: Tx;
  table: PgTable;
  where: SQL;
  rank: SQL<number>;
  tieBreak: SQL;
  first?: number | null;
  after?: string | null;
  map?: (r: Row) => unknown;
}): Promise<ConnectionResult<Row>> {
  const first = Math.min(Math.max(q.first ?? DEFAULT_PAGE, 1), MAX_PAGE);
  const offset = decodeOffset(q.after);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = (await (q.db.select().from(q.table as any) as any)
    .where(q.where)
    .orderBy(sql`${q.rank} desc`, q.tieBreak)
    .limit(first + 1)
    .offset(offset)) as Row[];
  const more = rows.length > first;
  const page = more ? rows.slice(0, first) : rows;
  const edges = page.map((r, i) => ({ cursor: encodeOffset(offset + i + 1), node: (q.map ? q.map(r) : r) as Row }));
  const result = {
    edges,
    pageInfo: { hasNextPage: more, hasPreviousPage: offset > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
  } as ConnectionResult<Row>;
  let counted: Promise<number> | undefined;
  Object.defineProperty(result, "totalCount", {
    enumerable: true,
    get: () =>
      (counted ??= (async () => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const r = await q.db.select({ n: sql<number>`count(*)::int` }).from(q.table as any).where(q.where);
        return r[0]?.n ?? 0;
      })()),
  });
  return result;
}
