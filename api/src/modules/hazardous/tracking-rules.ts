/**
 * Real-time transport rules over GPS positions of hazardous-goods vehicles (分段限速、偏离路线), and the
 * scheduled check of manifests not received in time. Positions arrive in batches through core tracking;
 * `evaluatePositions` looks everything up once per batch (segments cached per process, in-transit
 * manifests of the batch's vehicles in one query) and raises at most one alert per vehicle and deviation
 * per batch — an ongoing deviation stays one alert (core dedup key).
 */
import { point as turfPoint, lineString } from "@turf/helpers";
import pointToLineDistance from "@turf/point-to-line-distance";
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Writer } from "../../graphql/mutation.js";
import { AlertBatch, raiseAlert } from "../core/alerts.js";
import type { Tx } from "../core/db.js";
import { ORG } from "./access.js";
import { settings } from "./manifest-machine.js";
import { manifests, roadSegments, vehicles } from "./tables.js";

import type { TrackedPosition } from "../core/tracking.js";
export type { TrackedPosition };

export interface Segment {
  id: number;
  name: string;
  districtId: number | null;
  speedLimitKmh: number;
  bufferM: number;
  line: [number, number][];
  bbox: [number, number, number, number];
  /** 禁行路段: no hazardous-goods vehicle may use it. */
  restricted?: boolean;
}

/** Approximate degrees for a distance in metres at Shaoxing's latitude (for bounding-box prefilters). */
const DEG_PER_M_LAT = 1 / 111_320;
const DEG_PER_M_LON = 1 / (111_320 * Math.cos((30 * Math.PI) / 180));

/** Distance in metres from a point to a polyline (geodesic, via turf). */
export function distanceToLineM(lon: number, lat: number, line: [number, number][]): number {
  return pointToLineDistance(turfPoint([lon, lat]), lineString(line), { units: "meters" });
}

/** Is the point within the segment's buffer? (bounding-box prefilter first) */
function onSegment(s: Segment, lon: number, lat: number): boolean {
  const padLon = s.bufferM * DEG_PER_M_LON;
  const padLat = s.bufferM * DEG_PER_M_LAT;
  if (lon < s.bbox[0] - padLon || lon > s.bbox[2] + padLon || lat < s.bbox[1] - padLat || lat > s.bbox[3] + padLat) return false;
  return distanceToLineM(lon, lat, s.line) <= s.bufferM;
}

/** The restricted segment (禁行路段) a point is on, if any. */
export function matchRestricted(segments: Segment[], lon: number, lat: number): Segment | null {
  for (const s of segments) if (s.restricted && onSegment(s, lon, lat)) return s;
  return null;
}

/** The speed-limited segment a point is on (within its buffer), the lowest limit if several overlap. */
export function matchSegment(segments: Segment[], lon: number, lat: number): Segment | null {
  let best: Segment | null = null;
  for (const s of segments) {
    if (s.restricted) continue;
    const padLon = s.bufferM * DEG_PER_M_LON;
    const padLat = s.bufferM * DEG_PER_M_LAT;
    if (lon < s.bbox[0] - padLon || lon > s.bbox[2] + padLon || lat < s.bbox[1] - padLat || lat > s.bbox[3] + padLat) continue;
    if (distanceToLineM(lon, lat, s.line) <= s.bufferM && (!best || s.speedLimitKmh < best.speedLimitKmh)) best = s;
  }
  return best;
}

export function bboxOf(line: [number, number][]): [number, number, number, number] {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of line) {
    minLon = Math.min(minLon, x);
    minLat = Math.min(minLat, y);
    maxLon = Math.max(maxLon, x);
    maxLat = Math.max(maxLat, y);
  }
  return [minLon, minLat, maxLon, maxLat];
}

let segmentCache: { at: number; list: Segment[] } | null = null;
const SEGMENT_CACHE_MS = 30_000;
export function invalidateSegments(): void {
  segmentCache = null;
}
export async function loadSegments(tx: Tx): Promise<Segment[]> {
  if (segmentCache && Date.now() - segmentCache.at < SEGMENT_CACHE_MS) return segmentCache.list;
  const list = (await tx.select().from(roadSegments).where(eq(roadSegments.active, true))).map((r) => ({
    id: r.id,
    name: r.name,
    districtId: r.districtId,
    speedLimitKmh: r.speedLimitKmh,
    bufferM: r.bufferM,
    line: r.line,
    restricted: r.restricted,
    bbox: [Number(r.minLon), Number(r.minLat), Number(r.maxLon), Number(r.maxLat)] as [number, number, number, number],
  }));
  segmentCache = { at: Date.now(), list };
  return list;
}

export interface Deviation {
  rule: "hazardous.overspeed" | "hazardous.off_route" | "hazardous.restricted_road";
  vehicleId: number;
  plate: string;
  at: Date;
  lon: number;
  lat: number;
  /** overspeed and restricted_road: the segment; off_route: the manifest. */
  segment?: Segment;
  speedKmh?: number;
  manifest?: { id: number; number: string; districtId: number; producerId: number; carrierId: number };
  distanceM?: number;
  points: number;
}

/**
 * Pure rule evaluation: on a restricted segment (禁行路段, any speed), overspeed on a segment (speed > limit + tolerance) and off the planned route of
 * the manifest the vehicle carries (distance > offRouteMetres). Returns one deviation per vehicle and
 * segment/manifest, the worst point of the batch.
 */
export function findDeviations(
  batch: TrackedPosition[],
  segments: Segment[],
  inTransit: Map<number, { id: number; number: string; districtId: number; producerId: number; carrierId: number; route: [number, number][] | null }>,
  p: { overspeedToleranceKmh: number; offRouteMetres: number },
): Deviation[] {
  const out = new Map<string, Deviation>();
  for (const pos of batch) {
    const v = pos.vehicle;
    const seg = matchSegment(segments, pos.lon, pos.lat);
    if (seg && pos.speedKmh > seg.speedLimitKmh + p.overspeedToleranceKmh) {
      const k = `s|${v.vehicleId}|${seg.id}`;
      const prev = out.get(k);
      if (!prev || pos.speedKmh > prev.speedKmh!) out.set(k, { rule: "hazardous.overspeed", vehicleId: v.vehicleId, plate: v.plate, at: pos.at, lon: pos.lon, lat: pos.lat, segment: seg, speedKmh: pos.speedKmh, points: (prev?.points ?? 0) + 1 });
      else prev.points++;
    }
    const banned = matchRestricted(segments, pos.lon, pos.lat);
    if (banned) {
      const k = `x|${v.vehicleId}|${banned.id}`;
      const prev = out.get(k);
      if (!prev) out.set(k, { rule: "hazardous.restricted_road", vehicleId: v.vehicleId, plate: v.plate, at: pos.at, lon: pos.lon, lat: pos.lat, segment: banned, speedKmh: pos.speedKmh, points: 1 });
      else prev.points++;
    }
    const m = inTransit.get(v.vehicleId);
    if (m?.route && m.route.length >= 2) {
      const d = distanceToLineM(pos.lon, pos.lat, m.route);
      if (d > p.offRouteMetres) {
        const k = `r|${v.vehicleId}|${m.id}`;
        const prev = out.get(k);
        if (!prev || d > prev.distanceM!) out.set(k, { rule: "hazardous.off_route", vehicleId: v.vehicleId, plate: v.plate, at: pos.at, lon: pos.lon, lat: pos.lat, manifest: m, distanceM: Math.round(d), points: (prev?.points ?? 0) + 1 });
        else prev.points++;
      }
    }
  }
  return [...out.values()];
}

/**
 * onPositions handler: evaluates a batch inside the ingesting transaction (its three look-ups sent
 * together) and hands the alerts to the ingestion's `AlertBatch`; without one it writes them itself.
 */
export async function evaluatePositions(w: Writer, batch: TrackedPosition[], batchAlerts?: AlertBatch): Promise<Deviation[]> {
  if (batch.length === 0) return [];
  const vehicleIds = [...new Set(batch.map((b) => b.vehicle.vehicleId))];
  const [segments, s, active] = await Promise.all([
    loadSegments(w.tx),
    settings(w.tx),
    w.tx
      .select({ id: manifests.id, number: manifests.number, districtId: manifests.districtId, producerId: manifests.producerId, carrierId: manifests.carrierId, vehicleId: manifests.vehicleId, route: manifests.plannedRoute })
      .from(manifests)
      .where(and(eq(manifests.state, "PICKED_UP"), inArray(manifests.vehicleId, vehicleIds))),
  ]);
  const alerts = batchAlerts ?? new AlertBatch();
  const inTransit = new Map(active.map((m) => [m.vehicleId!, m]));
  const devs = findDeviations(batch, segments, inTransit, { overspeedToleranceKmh: s.overspeedToleranceKmh, offRouteMetres: s.offRouteMetres });
  for (const d of devs) {
    const carrierId = d.manifest?.carrierId ?? batch.find((b) => b.vehicle.vehicleId === d.vehicleId)?.vehicle.org?.id ?? null;
    const district = d.manifest?.districtId ?? d.segment?.districtId ?? batch.find((b) => b.vehicle.vehicleId === d.vehicleId)?.vehicle.districtId ?? null;
    if (d.rule === "hazardous.restricted_road") {
      const loaded = inTransit.get(d.vehicleId);
      alerts.raise({
        stream: "hazardous",
        rule: d.rule,
        severity: loaded ? "HIGH" : "MEDIUM",
        title: `${d.plate} 驶入禁行路段 ${d.segment!.name}${loaded ? `（载运联单 ${loaded.number}）` : ""} / ${d.plate} entered the restricted road ${d.segment!.name}${loaded ? ` carrying manifest ${loaded.number}` : ""}`,
        detail: { vehicleId: d.vehicleId, segmentId: d.segment!.id, segment: d.segment!.name, manifestId: loaded?.id ?? null, points: d.points, at: d.at.toISOString() },
        subjectType: "TransportVehicle",
        subjectId: d.vehicleId,
        subjectLabel: d.plate,
        districtId: district,
        org: carrierId ? { kind: ORG.carrier, id: carrierId } : null,
        lon: d.lon,
        lat: d.lat,
        dedupKey: `hazardous:restricted_road:${d.vehicleId}:${d.segment!.id}`,
        at: d.at,
      });
    } else if (d.rule === "hazardous.overspeed") {
      alerts.raise({
        stream: "hazardous",
        rule: d.rule,
        severity: d.speedKmh! > d.segment!.speedLimitKmh * 1.2 ? "HIGH" : "MEDIUM",
        title: `${d.plate} 在 ${d.segment!.name} 超速：${d.speedKmh} km/h（限速 ${d.segment!.speedLimitKmh}）/ ${d.plate} overspeed on ${d.segment!.name}: ${d.speedKmh} km/h, limit ${d.segment!.speedLimitKmh}`,
        detail: { vehicleId: d.vehicleId, segmentId: d.segment!.id, segment: d.segment!.name, limitKmh: d.segment!.speedLimitKmh, speedKmh: d.speedKmh, points: d.points, at: d.at.toISOString() },
        subjectType: "TransportVehicle",
        subjectId: d.vehicleId,
        subjectLabel: d.plate,
        districtId: district,
        org: carrierId ? { kind: ORG.carrier, id: carrierId } : null,
        lon: d.lon,
        lat: d.lat,
        dedupKey: `hazardous:overspeed:${d.vehicleId}:${d.segment!.id}`,
        at: d.at,
      });
    } else {
      alerts.raise({
        stream: "hazardous",
        rule: d.rule,
        severity: d.distanceM! > 5 * s.offRouteMetres ? "HIGH" : "MEDIUM",
        title: `${d.plate} 偏离联单 ${d.manifest!.number} 的计划路线 ${d.distanceM} 米 / ${d.plate} is ${d.distanceM} m off the planned route of manifest ${d.manifest!.number}`,
        detail: { vehicleId: d.vehicleId, manifestId: d.manifest!.id, distanceM: d.distanceM, thresholdM: s.offRouteMetres, points: d.points, at: d.at.toISOString() },
        subjectType: "Manifest",
        subjectId: d.manifest!.id,
        subjectLabel: `${d.manifest!.number} · ${d.plate}`,
        districtId: district,
        org: { kind: ORG.carrier, id: d.manifest!.carrierId },
        lon: d.lon,
        lat: d.lat,
        dedupKey: `hazardous:off_route:${d.manifest!.id}`,
        at: d.at,
      });
    }
  }
  if (!batchAlerts) await alerts.flush(w);
  return devs;
}

/** Scheduled: manifests picked up but not received by their deadline raise one alert each. */
export async function checkOverdueManifests(w: Writer, now: Date, limit = 2000): Promise<number> {
  const overdue = await w.tx
    .select({ m: manifests, plate: vehicles.plate })
    .from(manifests)
    .leftJoin(vehicles, eq(vehicles.id, manifests.vehicleId))
    .where(and(eq(manifests.state, "PICKED_UP"), lt(manifests.dueBy, now), isNull(manifests.overdueAlertedAt)))
    .orderBy(manifests.dueBy)
    .limit(limit);
  for (const { m, plate } of overdue) {
    await raiseAlert(w, {
      stream: "hazardous",
      rule: "hazardous.manifest_overdue",
      severity: now.getTime() - m.dueBy!.getTime() > 24 * 3600_000 ? "HIGH" : "MEDIUM",
      title: `联单 ${m.number} 超时未接收（应于 ${m.dueBy!.toISOString()} 前）/ Manifest ${m.number} not received by ${m.dueBy!.toISOString()}`,
      detail: { manifestId: m.id, dueBy: m.dueBy!.toISOString(), pickedUpAt: m.pickedUpAt?.toISOString(), plate },
      subjectType: "Manifest",
      subjectId: m.id,
      subjectLabel: m.number,
      districtId: m.districtId,
      org: { kind: ORG.carrier, id: m.carrierId },
      dedupKey: `hazardous:manifest_overdue:${m.id}`,
      at: now,
    });
    await w.tx.update(manifests).set({ overdueAlertedAt: now }).where(eq(manifests.id, m.id));
  }
  return overdue.length;
}

export { sql };
