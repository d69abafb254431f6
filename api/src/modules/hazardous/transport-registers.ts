/**
 * Changes to the transport registers (运输企业、车辆、人员) and the road segments (分段限速路段、禁行路段).
 * Licence numbers and expiry change only through `renewHazardousLicence`; here the other fields and the
 * in-service flags. Plain functions over a Writer, called by the resolvers and by tests.
 */
import { eq } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { carriers, roadSegments, transportPeople, vehicles } from "./tables.js";
import { bboxOf, invalidateSegments } from "./tracking-rules.js";

type Patch<T> = { [K in keyof T]?: T[K] | null | undefined };
const defined = <T extends object>(o: T): { [K in keyof T]?: NonNullable<T[K]> } => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: NonNullable<T[K]> };

/** Checks a GeoJSON-style line: 2–1,000 finite [lon, lat] pairs within plausible bounds. */
export function parseLine(line: unknown, field: string): [number, number][] {
  const ok =
    Array.isArray(line) &&
    line.length >= 2 &&
    line.length <= 1000 &&
    line.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "number" && Number.isFinite(x)) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);
  if (!ok) throw new DomainError("INVALID_LINE", "must be 2–1,000 [longitude, latitude] pairs", field);
  return line as [number, number][];
}

function bboxColumns(line: [number, number][]) {
  const [a, b, c, d] = bboxOf(line);
  return { minLon: a.toFixed(6), minLat: b.toFixed(6), maxLon: c.toFixed(6), maxLat: d.toFixed(6) };
}

export async function updateCarrier(w: Writer, id: number, p: Patch<{ name: string; districtId: number }>) {
  const [row] = await w.tx.update(carriers).set({ ...defined(p), updatedAt: new Date() }).where(eq(carriers.id, id)).returning();
  if (!row) throw new DomainError("NOT_FOUND", "No such carrier", "input.id");
  await w.audit({ entity: "Carrier", entityId: id, action: "update", changes: p });
  return row;
}

export async function updateVehicle(w: Writer, id: number, p: Patch<{ terminalId: string; vehicleType: string; loadKg: string; active: boolean }>) {
  const set: Record<string, unknown> = { ...defined(p), updatedAt: new Date() };
  if (p.terminalId === "") set.terminalId = null;
  const [row] = await w.tx.update(vehicles).set(set).where(eq(vehicles.id, id)).returning();
  if (!row) throw new DomainError("NOT_FOUND", "No such vehicle", "input.id");
  await w.audit({ entity: "TransportVehicle", entityId: id, action: p.active === false ? "deactivate" : "update", changes: p });
  return row;
}

export async function updatePerson(w: Writer, id: number, p: Patch<{ name: string; phone: string; active: boolean }>) {
  const [row] = await w.tx.update(transportPeople).set({ ...defined(p), updatedAt: new Date() }).where(eq(transportPeople.id, id)).returning();
  if (!row) throw new DomainError("NOT_FOUND", "No such person", "input.id");
  await w.audit({ entity: "TransportPerson", entityId: id, action: p.active === false ? "deactivate" : "update", changes: p });
  return row;
}

export async function createSegment(w: Writer, s: { name: string; districtId: number | null; speedLimitKmh: number; line: unknown; bufferM?: number | null; restricted?: boolean | null }) {
  const line = parseLine(s.line, "input.line");
  const [row] = await w.tx
    .insert(roadSegments)
    .values({ name: s.name, districtId: s.districtId, speedLimitKmh: s.speedLimitKmh, line, bufferM: s.bufferM ?? 30, restricted: s.restricted ?? false, ...bboxColumns(line) })
    .returning();
  await w.audit({ entity: "RoadSegment", entityId: row!.id, action: "create", changes: s });
  w.afterCommit(invalidateSegments);
  return row!;
}

export async function updateSegment(w: Writer, id: number, p: Patch<{ name: string; speedLimitKmh: number; line: unknown; bufferM: number; restricted: boolean; active: boolean }>) {
  const { line: rawLine, ...rest } = p;
  const set: Record<string, unknown> = { ...defined(rest), updatedAt: new Date() };
  if (rawLine != null) {
    const line = parseLine(rawLine, "input.line");
    Object.assign(set, { line }, bboxColumns(line));
  }
  const [row] = await w.tx.update(roadSegments).set(set).where(eq(roadSegments.id, id)).returning();
  if (!row) throw new DomainError("NOT_FOUND", "No such road segment", "input.id");
  await w.audit({ entity: "RoadSegment", entityId: id, action: "update", changes: p });
  w.afterCommit(invalidateSegments);
  return row;
}
