/**
 * Realistic GPS tracks for spoil trucks, shared by the demo seed and the replay simulator: a truck waits
 * at the site gate, drives the permitted route at urban speeds with GPS noise, and arrives at the
 * disposal place. Scenario variants produce the deviations the alert rules look for: leaving the route,
 * a long stop away from any registered place (suspected dumping), speeding, driving without a permit.
 */
import { distanceM } from "./geo.js";
import type { LineCoords } from "./tables.js";

export type Scenario = "normal" | "offRoute" | "dumping" | "overspeed" | "noPermit";

export interface SimPoint {
  at: Date;
  lon: number;
  lat: number;
  speedKmh: number;
  heading: number;
  /** Part of a deviation (detour or stop) of the scenario. */
  deviating?: boolean;
}

const M_PER_DEG = 111_320;

function bearing(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const toRad = Math.PI / 180;
  const y = Math.sin((lon2 - lon1) * toRad) * Math.cos(lat2 * toRad);
  const x = Math.cos(lat1 * toRad) * Math.sin(lat2 * toRad) - Math.sin(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.cos((lon2 - lon1) * toRad);
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/** Point at distance `d` metres along a polyline. */
function along(route: LineCoords, d: number): { lon: number; lat: number; heading: number } {
  let left = d;
  for (let i = 1; i < route.length; i++) {
    const [x0, y0] = route[i - 1] as [number, number];
    const [x1, y1] = route[i] as [number, number];
    const seg = distanceM(x0, y0, x1, y1);
    if (left <= seg || i === route.length - 1) {
      const t = seg > 0 ? Math.min(1, left / seg) : 0;
      return { lon: x0 + (x1 - x0) * t, lat: y0 + (y1 - y0) * t, heading: bearing(x0, y0, x1, y1) };
    }
    left -= seg;
  }
  const [x, y] = route[route.length - 1] as [number, number];
  return { lon: x, lat: y, heading: 0 };
}

function routeLength(route: LineCoords): number {
  let m = 0;
  for (let i = 1; i < route.length; i++) m += distanceM(route[i - 1]![0]!, route[i - 1]![1]!, route[i]![0]!, route[i]![1]!);
  return m;
}

/**
 * A trip along `route` starting at `start`, one point every `intervalS` seconds.
 * `random` drives noise and speeds (deterministic when seeded).
 */
export function simulateTrip(route: LineCoords, start: Date, intervalS: number, scenario: Scenario, random: () => number): SimPoint[] {
  const out: SimPoint[] = [];
  const total = routeLength(route);
  const jitter = () => (random() - 0.5) * 2 * (8 / M_PER_DEG); // ±8 m GPS noise
  let t = start.getTime();
  const push = (lon: number, lat: number, speed: number, heading: number, deviating = false) => {
    out.push({ at: new Date(t), lon: Math.round((lon + jitter()) * 1e6) / 1e6, lat: Math.round((lat + jitter()) * 1e6) / 1e6, speedKmh: Math.round(speed * 10) / 10, heading: Math.round(heading), deviating });
    t += intervalS * 1000;
  };
  // Loading at the gate: 3 points standing inside the site.
  const [sx, sy] = route[0] as [number, number];
  for (let i = 0; i < 3; i++) push(sx, sy, 0, 0);
  let d = 0;
  let detourDone = false;
  let stopDone = false;
  while (d < total) {
    const frac = d / total;
    let speed = 28 + random() * 22; // 28–50 km/h
    if (scenario === "overspeed" && frac > 0.3 && frac < 0.6) speed = 72 + random() * 10;
    const p = along(route, d);
    if (scenario === "offRoute" && !detourDone && frac > 0.35) {
      // Leave the route perpendicular by ~900 m for several minutes, then come back.
      const perp = ((p.heading + 90) * Math.PI) / 180;
      const steps = Math.max(8, Math.ceil(480 / intervalS));
      for (let i = 0; i < steps; i++) {
        const off = Math.sin((Math.PI * (i + 1)) / (steps + 1)) * 900;
        push(p.lon + (Math.sin(perp) * off) / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180)), p.lat + (Math.cos(perp) * off) / M_PER_DEG, 30 + random() * 10, p.heading, true);
      }
      detourDone = true;
    }
    if (scenario === "dumping" && !stopDone && frac > 0.5) {
      // Pull over 300 m off the road and stand for ~18 minutes.
      const perp = ((p.heading + 90) * Math.PI) / 180;
      const lon = p.lon + (Math.sin(perp) * 300) / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180));
      const lat = p.lat + (Math.cos(perp) * 300) / M_PER_DEG;
      const steps = Math.ceil((18 * 60) / intervalS);
      for (let i = 0; i < steps; i++) push(lon, lat, random() * 1.5, p.heading, true);
      stopDone = true;
    }
    push(p.lon, p.lat, speed, p.heading, scenario === "overspeed" && speed > 70);
    d += (speed / 3.6) * intervalS;
  }
  const [ex, ey] = route[route.length - 1] as [number, number];
  for (let i = 0; i < 3; i++) push(ex, ey, 0, 0);
  return out;
}

/** A plausible road-like polyline from A to B: a few jittered intermediate points. */
export function makeRoute(a: [number, number], b: [number, number], random: () => number): LineCoords {
  const n = 3 + Math.floor(random() * 4);
  const out: LineCoords = [[a[0], a[1]]];
  for (let i = 1; i < n; i++) {
    const t = i / n;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const bend = (random() - 0.5) * 0.25;
    out.push([Math.round((a[0] + dx * t - dy * bend * t * (1 - t)) * 1e6) / 1e6, Math.round((a[1] + dy * t + dx * bend * t * (1 - t)) * 1e6) / 1e6]);
  }
  out.push([b[0], b[1]]);
  return out;
}

/** Shifts a track in time so that its deviation is going on at `now` (points after now are dropped). */
export function ongoingAt(points: SimPoint[], now: Date, intoDeviation = 0.6): SimPoint[] {
  const dev = points.map((p, i) => (p.deviating ? i : -1)).filter((i) => i >= 0);
  if (dev.length === 0) return points.filter((p) => p.at < now);
  const anchor = points[dev[Math.floor((dev.length - 1) * intoDeviation)]!]!;
  const shift = now.getTime() - 30_000 - anchor.at.getTime();
  return points.map((p) => ({ ...p, at: new Date(p.at.getTime() + shift) })).filter((p) => p.at < now);
}
