/**
 * Shared pieces of the stream's resolvers: per-request DataLoaders, visibility of single records,
 * and decoding of inputs.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { can } from "../../graphql/auth.js";
import type { Context, Principal } from "../../graphql/context.js";
import { badInput, DomainError } from "../../graphql/errors.js";
import { idOf } from "../../graphql/ids.js";
import { byKeys, groupByKeys, loader } from "../../graphql/loaders.js";
import { inScope } from "../../graphql/scope.js";
import type { Tx } from "../core/db.js";
import { districtById } from "../core/resolvers.js";
import { canReadManifest, ORG } from "./access.js";
import { carriers, collectionContracts, collectionOperators, collectionRunLines, decommissionSteps, documents, facilities, facilityCapacities, hazardEvents, manifestCorrections, manifestEvents, manifestLines, manifests, transportPeople, units, vehicles, waybills } from "./tables.js";

export const readsStream = (p: Principal) => can(p, "hazardous:read") || can(p, "hazardous:read:op");

/** Loads rows by id with one query per request and table. */
function byId<T extends { id: number }>(ctx: Context, name: string, fetch: (ids: number[]) => Promise<T[]>) {
  return loader<number, T>(ctx, `hazardous.${name}`, async (ids) => byKeys(ids, await fetch([...ids]), (r) => r.id));
}

export const load = {
  unit: (ctx: Context, id: number) => byId(ctx, "unit", (ids) => ctx.db.select().from(units).where(inArray(units.id, ids))).load(id),
  carrier: (ctx: Context, id: number) => byId(ctx, "carrier", (ids) => ctx.db.select().from(carriers).where(inArray(carriers.id, ids))).load(id),
  facility: (ctx: Context, id: number) => byId(ctx, "facility", (ids) => ctx.db.select().from(facilities).where(inArray(facilities.id, ids))).load(id),
  vehicle: (ctx: Context, id: number) => byId(ctx, "vehicle", (ids) => ctx.db.select().from(vehicles).where(inArray(vehicles.id, ids))).load(id),
  person: (ctx: Context, id: number) => byId(ctx, "person", (ids) => ctx.db.select().from(transportPeople).where(inArray(transportPeople.id, ids))).load(id),
  operator: (ctx: Context, id: number) => byId(ctx, "operator", (ids) => ctx.db.select().from(collectionOperators).where(inArray(collectionOperators.id, ids))).load(id),
  manifest: (ctx: Context, id: number) => byId(ctx, "manifest", (ids) => ctx.db.select().from(manifests).where(inArray(manifests.id, ids))).load(id),
  linesOf: (ctx: Context, manifestId: number) =>
    loader<number, (typeof manifestLines.$inferSelect)[]>(ctx, "hazardous.linesOf", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(manifestLines).where(inArray(manifestLines.manifestId, [...ids])).orderBy(manifestLines.manifestId, manifestLines.lineNo), (l) => l.manifestId),
    ).load(manifestId),
  eventsOf: (ctx: Context, manifestId: number) =>
    loader<number, (typeof manifestEvents.$inferSelect)[]>(ctx, "hazardous.eventsOf", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(manifestEvents).where(inArray(manifestEvents.manifestId, [...ids])).orderBy(manifestEvents.id), (e) => e.manifestId),
    ).load(manifestId),
  waybillOf: (ctx: Context, manifestId: number) =>
    loader<number, typeof waybills.$inferSelect>(ctx, "hazardous.waybillOf", async (ids) => byKeys(ids, await ctx.db.select().from(waybills).where(inArray(waybills.manifestId, [...ids])), (w) => w.manifestId)).load(manifestId),
  correctionsOf: (ctx: Context, manifestId: number) =>
    loader<number, (typeof manifestCorrections.$inferSelect)[]>(ctx, "hazardous.correctionsOf", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(manifestCorrections).where(inArray(manifestCorrections.manifestId, [...ids])).orderBy(manifestCorrections.id), (c) => c.manifestId),
    ).load(manifestId),
  hazardEventsOf: (ctx: Context, hazardId: number) =>
    loader<number, (typeof hazardEvents.$inferSelect)[]>(ctx, "hazardous.hazardEventsOf", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(hazardEvents).where(inArray(hazardEvents.hazardId, [...ids])).orderBy(hazardEvents.id), (e) => e.hazardId),
    ).load(hazardId),
  runLinesOf: (ctx: Context, runId: number) =>
    loader<number, (typeof collectionRunLines.$inferSelect)[]>(ctx, "hazardous.runLinesOf", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(collectionRunLines).where(inArray(collectionRunLines.runId, [...ids])).orderBy(collectionRunLines.id), (l) => l.runId),
    ).load(runId),
  stepsOf: (ctx: Context, projectId: number) =>
    loader<number, (typeof decommissionSteps.$inferSelect)[]>(ctx, "hazardous.stepsOf", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(decommissionSteps).where(inArray(decommissionSteps.projectId, [...ids])), (s) => s.projectId),
    ).load(projectId),
  capacitiesOf: (ctx: Context, facilityId: number) =>
    loader<number, (typeof facilityCapacities.$inferSelect)[]>(ctx, "hazardous.capacitiesOf", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(facilityCapacities).where(inArray(facilityCapacities.facilityId, [...ids])).orderBy(facilityCapacities.category), (c) => c.facilityId),
    ).load(facilityId),
  documentsOf: (ctx: Context, ownerType: string, ownerId: number) =>
    loader<string, Omit<typeof documents.$inferSelect, "content">[]>(ctx, "hazardous.documentsOf", async (keys) => {
      const pairs = keys.map((k) => k.split(":") as [string, string]);
      const list = await ctx.db
        .select({ id: documents.id, ownerType: documents.ownerType, ownerId: documents.ownerId, step: documents.step, fileName: documents.fileName, mimeType: documents.mimeType, sizeBytes: documents.sizeBytes, sha256: documents.sha256, uploadedBy: documents.uploadedBy, uploadedAt: documents.uploadedAt })
        .from(documents)
        .where(inArray(sql`${documents.ownerType} || ':' || ${documents.ownerId}`, pairs.map(([t, i]) => `${t}:${i}`)))
        .orderBy(documents.id);
      return groupByKeys(keys, list, (d) => `${d.ownerType}:${d.ownerId}`);
    }).load(`${ownerType}:${ownerId}`),
  district: (ctx: Context, id: number | null) => districtById(ctx.db, id).then((d) => (d ? { ...d, adcode: String(d.id) } : null)),
};

/** Does a collection operator have a contract with this unit? (operators see their contracted units) */
export async function operatorServesUnit(tx: Tx, operatorId: number, unitId: number): Promise<boolean> {
  const [r] = await tx.select({ id: collectionContracts.id }).from(collectionContracts).where(and(eq(collectionContracts.operatorId, operatorId), eq(collectionContracts.unitId, unitId))).limit(1);
  return !!r;
}

/** May `p` see this unit? */
export async function unitVisible(ctx: Context, u: { id: number; districtId: number }): Promise<boolean> {
  const p = ctx.principal;
  if (!readsStream(p)) return false;
  if (p.org?.kind === ORG.operator) return (p.districtId == null || p.districtId === u.districtId) && (await operatorServesUnit(ctx.db, p.org.id, u.id));
  if (p.org?.kind === ORG.carrier || p.org?.kind === ORG.facility) {
    // Parties see the producers of their manifests.
    const col = p.org.kind === ORG.carrier ? manifests.carrierId : manifests.receiverId;
    const [r] = await ctx.db.select({ id: manifests.id }).from(manifests).where(and(eq(manifests.producerId, u.id), eq(col, p.org.id))).limit(1);
    return !!r;
  }
  return inScope(p, { districtId: u.districtId, orgs: { [ORG.unit]: u.id } });
}

export function manifestVisible(p: Principal, m: { producerId: number; carrierId: number; receiverId: number; districtId: number; receiverDistrictId: number }): boolean {
  return canReadManifest(p, m);
}

/** Registers (carriers, facilities, operators) are visible to everyone in the stream (parties choose from them). */
export function registerVisible(p: Principal): boolean {
  return readsStream(p);
}

/** Decodes a global ID of `type`, naming the input field in the error. */
export const gid = idOf;

export function dayOrThrow(s: string, field: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) throw badInput(field, "must be a date YYYY-MM-DD");
  return s;
}

/** Parses a route given as JSON: [[lon, lat], …]. */
export function routeOf(v: unknown, field: string): [number, number][] | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "number" && Number.isFinite(x)))) {
    throw badInput(field, "must be an array of [longitude, latitude] pairs");
  }
  return v as [number, number][];
}

export function mustExist<T>(v: T | null | undefined, what: string, field: string): T {
  if (v == null) throw new DomainError("NOT_FOUND", `No such ${what}`, field);
  return v;
}
