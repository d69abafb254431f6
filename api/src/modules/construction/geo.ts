/**
 * Geometry for supervision: geofences (GeoJSON polygons), permitted routes (GeoJSON lines), bounding
 * boxes precomputed and stored with each shape, and a coarse grid index so that a position is tested
 * only against the few places near it. Exact tests use @turf modules.
 */
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import pointToLineDistance from "@turf/point-to-line-distance";
import type { BBox, LineCoords, PolygonCoords } from "./tables.js";

/** Shaoxing's extent with a margin (lon 119.9–121.4, lat 29.2–30.4); positions outside are rejected. */
export const CITY_BBOX: BBox = [119.9, 29.2, 121.4, 30.4];

const M_PER_DEG_LAT = 111_320;

export function inBBox(b: BBox, lon: number, lat: number, marginM = 0): boolean {
  const dLat = marginM / M_PER_DEG_LAT;
  const dLon = marginM / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  return lon >= b[0] - dLon && lon <= b[2] + dLon && lat >= b[1] - dLat && lat <= b[3] + dLat;
}

export function bboxOf(coords: number[][]): BBox {
  let minLon = Infinity,
    minLat = Infinity,
    maxLon = -Infinity,
    maxLat = -Infinity;
  for (const [lon, lat] of coords) {
    if (lon! < minLon) minLon = lon!;
    if (lon! > maxLon) maxLon = lon!;
    if (lat! < minLat) minLat = lat!;
    if (lat! > maxLat) maxLat = lat!;
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Great-circle distance in metres. */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const R = 6_371_008.8;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function lineLengthKm(line: LineCoords): number {
  let m = 0;
  for (let i = 1; i < line.length; i++) m += distanceM(line[i - 1]![0]!, line[i - 1]![1]!, line[i]![0]!, line[i]![1]!);
  return m / 1000;
}

function validCoord(c: unknown): c is [number, number] {
  return Array.isArray(c) && c.length >= 2 && typeof c[0] === "number" && typeof c[1] === "number" && Number.isFinite(c[0]) && Number.isFinite(c[1]) && inBBox(CITY_BBOX, c[0], c[1]);
}

/** Problem with a route polyline, or null: 2–2,000 points, each inside the city. */
export function routeProblem(line: unknown): string | null {
  if (!Array.isArray(line) || line.length < 2) return "a route needs at least 2 points [lon, lat]";
  if (line.length > 2000) return "a route has at most 2,000 points";
  for (const [i, c] of line.entries()) if (!validCoord(c)) return `point ${i} is not a [lon, lat] pair inside Shaoxing`;
  return null;
}

/** Problem with a polygon ring, or null: closed ring of 4–1,000 points inside the city. */
export function polygonProblem(poly: unknown): string | null {
  if (!Array.isArray(poly) || poly.length < 1) return "a geofence is a GeoJSON polygon: [[[lon, lat], …]]";
  const ring = poly[0];
  if (!Array.isArray(ring) || ring.length < 4) return "the outer ring needs at least 4 points (closed)";
  if (ring.length > 1000) return "a ring has at most 1,000 points";
  for (const [i, c] of ring.entries()) if (!validCoord(c)) return `point ${i} is not a [lon, lat] pair inside Shaoxing`;
  const a = ring[0] as number[];
  const b = ring[ring.length - 1] as number[];
  if (a[0] !== b[0] || a[1] !== b[1]) return "the ring must be closed (first point = last point)";
  return null;
}

/** A square-ish polygon of `halfSideM` around a point (demo and default geofences). */
export function squareAround(lon: number, lat: number, halfSideM: number): PolygonCoords {
  const dLat = halfSideM / M_PER_DEG_LAT;
  const dLon = halfSideM / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  return [
    [
      [r(lon - dLon), r(lat - dLat)],
      [r(lon + dLon), r(lat - dLat)],
      [r(lon + dLon), r(lat + dLat)],
      [r(lon - dLon), r(lat + dLat)],
      [r(lon - dLon), r(lat - dLat)],
    ],
  ];
}

export interface Fence {
  id: number;
  kind: "site" | "place";
  bbox: BBox;
  polygon: PolygonCoords;
}

export function insideFence(f: Fence, lon: number, lat: number, marginM = 0): boolean {
  if (!inBBox(f.bbox, lon, lat, marginM)) return false;
  if (marginM > 0) return true; // within the margin of the box: counts as at the place
  return booleanPointInPolygon([lon, lat], { type: "Polygon", coordinates: f.polygon });
}

/** Distance in metres from a point to a route; Infinity-safe prefilter by the route's box. */
export function distanceToRouteM(route: LineCoords, bbox: BBox, lon: number, lat: number, toleranceM: number): number {
  // Far outside the route's box (by more than the tolerance): certainly off route, skip the exact test.
  if (!inBBox(bbox, lon, lat, toleranceM)) return Math.max(toleranceM + 1, boxDistanceM(bbox, lon, lat));
  return pointToLineDistance([lon, lat], { type: "LineString", coordinates: route }, { units: "meters", method: "planar" });
}

function boxDistanceM(b: BBox, lon: number, lat: number): number {
  const cLon = Math.min(Math.max(lon, b[0]), b[2]);
  const cLat = Math.min(Math.max(lat, b[1]), b[3]);
  return distanceM(lon, lat, cLon, cLat);
}

/** A coarse grid (0.02° cells) over fences, so a point is tested against nearby fences only. */
export class FenceIndex {
  private readonly cells = new Map<string, Fence[]>();
  static readonly CELL = 0.02;
  constructor(readonly fences: Fence[]) {
    for (const f of fences) {
      const [x0, y0, x1, y1] = this.cellRange(f.bbox);
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          const k = `${x}:${y}`;
          let l = this.cells.get(k);
          if (!l) this.cells.set(k, (l = []));
          l.push(f);
        }
    }
  }
  private cellRange(b: BBox): [number, number, number, number] {
    const c = FenceIndex.CELL;
    // Grow by ~200 m so margins are covered.
    const g = 0.002;
    return [Math.floor((b[0] - g) / c), Math.floor((b[1] - g) / c), Math.floor((b[2] + g) / c), Math.floor((b[3] + g) / c)];
  }
  near(lon: number, lat: number): Fence[] {
    return this.cells.get(`${Math.floor(lon / FenceIndex.CELL)}:${Math.floor(lat / FenceIndex.CELL)}`) ?? [];
  }
  /** The first fence containing the point (with an optional margin in metres), or null. */
  find(lon: number, lat: number, kind?: "site" | "place", marginM = 0): Fence | null {
    for (const f of this.near(lon, lat)) if ((!kind || f.kind === kind) && insideFence(f, lon, lat, marginM)) return f;
    return null;
  }
}
