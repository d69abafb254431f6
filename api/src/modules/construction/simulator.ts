#!/usr/bin/env node
/**
 * Track replay simulator (轨迹回放模拟器) for spoil trucks: sends realistic GPS tracks of the demo fleet
 * to the ingestion endpoint (POST /ingest/positions), including deviations the alert rules catch
 * (leaving the route, dumping stops, speeding) and a few trucks without a permit.
 *
 *   node api/dist/modules/construction/simulator.js --url http://127.0.0.1:8080 --key zwk_… \
 *        [--token <bearer for reading the fleet>] [--vehicles 200] [--interval 10] [--duration 60] \
 *        [--mode live|replay] [--window 3600] [--rate 5000] [--batch 1000] [--deviations 0.1] [--seed 1]
 *
 * The fleet (permits in force with their routes, and the vehicles' GPS terminals) is read through the
 * GraphQL API, with --token (a signed-in user) or with the key itself (give it construction:read too).
 * - live:   every vehicle reports every --interval seconds of real time, for --duration seconds;
 * - replay: the last --window seconds of tracks are generated and sent as fast as --rate allows
 *           (positions per second), in batches of --batch — the benchmark mode.
 * Prints what was sent, accepted, duplicated and rejected, the throughput and the request latencies.
 */
import { pathToFileURL } from "node:url";
import { makeRoute, simulateTrip, type Scenario, type SimPoint } from "./sim-tracks.js";

export interface SimOptions {
  url: string;
  key: string;
  token?: string;
  vehicles: number;
  interval: number;
  duration: number;
  mode: "live" | "replay";
  window: number;
  rate: number;
  batch: number;
  deviations: number;
  seed: number;
  log?: (m: string) => void;
}

interface FleetVehicle {
  terminalId: string;
  route: number[][];
  hasPermit: boolean;
}

export function parseArgs(argv: string[]): SimOptions {
  const get = (k: string, d?: string) => {
    const i = argv.indexOf(`--${k}`);
    return i >= 0 ? argv[i + 1] : d;
  };
  const num = (k: string, d: number) => {
    const v = Number(get(k, String(d)));
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${k} must be a non-negative number`);
    return v;
  };
  const url = get("url", process.env.ZW_URL ?? "http://127.0.0.1:8080")!;
  const key = get("key", process.env.ZW_API_KEY);
  if (!key) throw new Error("--key (an API key with construction:ingest) is required");
  const mode = get("mode", "live") as "live" | "replay";
  if (mode !== "live" && mode !== "replay") throw new Error("--mode is live or replay");
  return { url: url.replace(/\/+$/, ""), key, token: get("token", process.env.ZW_TOKEN), vehicles: num("vehicles", 200), interval: num("interval", 10), duration: num("duration", 60), mode, window: num("window", 3600), rate: num("rate", 5000), batch: Math.min(10_000, num("batch", 1000)), deviations: num("deviations", 0.1), seed: num("seed", 1) };
}

function seeded(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function gql<T>(o: SimOptions, query: string, variables: Record<string, unknown>): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  else headers["x-api-key"] = o.key;
  const res = await fetch(`${o.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join("; ")}`);
  return body.data!;
}

/** Permits in force (vehicle terminal + route), and some vehicles without one. */
export async function loadFleet(o: SimOptions): Promise<FleetVehicle[]> {
  const out: FleetVehicle[] = [];
  let after: string | null = null;
  const withPermit = new Set<string>();
  while (out.length < o.vehicles) {
    const d: { transportPermits: { edges: { node: { route: number[][]; vehicle: { terminalId: string | null } | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      o,
      `query($after: String) { transportPermits(first: 100, after: $after, filter: { inForce: true }) { edges { node { route vehicle { terminalId } } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    for (const e of d.transportPermits.edges) {
      const t = e.node.vehicle?.terminalId;
      if (!t || withPermit.has(t) || out.length >= o.vehicles) continue;
      withPermit.add(t);
      out.push({ terminalId: t, route: e.node.route, hasPermit: true });
    }
    if (!d.transportPermits.pageInfo.hasNextPage) break;
    after = d.transportPermits.pageInfo.endCursor;
  }
  // A few trucks without a permit, driving between two of the routes' ends.
  const bare = Math.max(1, Math.round(out.length * o.deviations * 0.2));
  const v: { spoilVehicles: { edges: { node: { terminalId: string | null } }[] } } = await gql(o, `{ spoilVehicles(first: 100, filter: { status: ACTIVE }) { edges { node { terminalId } } } }`, {});
  const rnd = seeded(o.seed + 7);
  for (const e of v.spoilVehicles.edges) {
    if (out.filter((x) => !x.hasPermit).length >= bare || out.length === 0) break;
    const t = e.node.terminalId;
    if (!t || withPermit.has(t)) continue;
    const a = out[Math.floor(rnd() * out.length)]!.route;
    const b = out[Math.floor(rnd() * out.length)]!.route;
    out.push({ terminalId: t, route: makeRoute(a[0] as [number, number], b[b.length - 1] as [number, number], rnd), hasPermit: false });
  }
  return out;
}

/** Scenario for the i-th vehicle: a share `deviations` deviates (off route, dumping, speeding in turn). */
export function scenarioFor(i: number, v: FleetVehicle, deviations: number): Scenario {
  if (!v.hasPermit) return "noPermit";
  const every = deviations > 0 ? Math.max(1, Math.round(1 / deviations)) : Infinity;
  if (i % every !== 0) return "normal";
  return (["offRoute", "dumping", "overspeed"] as const)[Math.floor(i / every) % 3]!;
}

/** Back-and-forth trips along the route covering [from, to). */
export function trackFor(v: FleetVehicle, scenario: Scenario, from: Date, to: Date, interval: number, rnd: () => number): SimPoint[] {
  const out: SimPoint[] = [];
  let t = new Date(from.getTime() - rnd() * 1800_000);
  let forward = true;
  let first = true;
  while (t < to) {
    const route = forward ? v.route : [...v.route].reverse();
    const trip = simulateTrip(route, t, interval, first ? scenario : "normal", rnd);
    for (const p of trip) if (p.at >= from && p.at < to) out.push(p);
    t = new Date(trip[trip.length - 1]!.at.getTime() + (5 + rnd() * 10) * 60_000);
    forward = !forward;
    first = false;
  }
  return out;
}

interface Stats {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  requests: number;
  latencies: number[];
  reasons: Map<string, number>;
}

async function send(o: SimOptions, points: { terminalId: string; p: SimPoint }[], s: Stats): Promise<void> {
  const body = JSON.stringify({ positions: points.map(({ terminalId, p }) => ({ terminalId, time: p.at.toISOString(), lon: p.lon, lat: p.lat, speed: p.speedKmh, heading: p.heading })) });
  const t0 = performance.now();
  const res = await fetch(`${o.url}/ingest/positions`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": o.key }, body });
  s.latencies.push(performance.now() - t0);
  s.requests++;
  s.sent += points.length;
  if (!res.ok) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  const r = (await res.json()) as { accepted: number; duplicates: number; rejected: { reason: string }[] };
  s.accepted += r.accepted;
  s.duplicates += r.duplicates;
  s.rejected += r.rejected.length;
  for (const x of r.rejected) s.reasons.set(x.reason, (s.reasons.get(x.reason) ?? 0) + 1);
}

const pct = (a: number[], q: number) => (a.length ? [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * q))]! : 0);

export async function runSimulator(o: SimOptions): Promise<Stats & { seconds: number; vehicles: number }> {
  const log = o.log ?? ((m: string) => console.log(m));
  const rnd = seeded(o.seed);
  const fleet = await loadFleet(o);
  if (fleet.length === 0) throw new Error("no permits in force to simulate");
  log(`fleet: ${fleet.length} vehicles (${fleet.filter((f) => !f.hasPermit).length} without a permit), mode ${o.mode}`);
  const s: Stats = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, requests: 0, latencies: [], reasons: new Map() };
  const started = performance.now();
  if (o.mode === "replay") {
    const to = new Date(Date.now() - 5_000);
    const from = new Date(to.getTime() - o.window * 1000);
    const all: { terminalId: string; p: SimPoint }[] = [];
    fleet.forEach((v, i) => {
      for (const p of trackFor(v, scenarioFor(i, v, o.deviations), from, to, o.interval, rnd)) all.push({ terminalId: v.terminalId, p });
    });
    all.sort((a, b) => a.p.at.getTime() - b.p.at.getTime());
    log(`replaying ${all.length} positions at up to ${o.rate}/s in batches of ${o.batch}`);
    for (let i = 0; i < all.length; i += o.batch) {
      const chunk = all.slice(i, i + o.batch);
      const due = started + ((i + chunk.length) / o.rate) * 1000;
      await send(o, chunk, s);
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  } else {
    const end = Date.now() + o.duration * 1000;
    const horizon = new Date(end + 60_000);
    const tracks = fleet.map((v, i) => ({ v, pts: trackFor(v, scenarioFor(i, v, o.deviations), new Date(), horizon, o.interval, rnd), next: 0 }));
    while (Date.now() < end) {
      const now = new Date();
      const due: { terminalId: string; p: SimPoint }[] = [];
      for (const t of tracks) while (t.next < t.pts.length && t.pts[t.next]!.at <= now) due.push({ terminalId: t.v.terminalId, p: t.pts[t.next++]! });
      for (let i = 0; i < due.length; i += o.batch) await send(o, due.slice(i, i + o.batch), s);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  log(`sent ${s.sent} in ${s.requests} requests over ${seconds.toFixed(1)} s (${(s.sent / seconds).toFixed(0)} positions/s): accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected}`);
  log(`request latency p50 ${pct(s.latencies, 0.5).toFixed(0)} ms, p99 ${pct(s.latencies, 0.99).toFixed(0)} ms`);
  for (const [reason, n] of s.reasons) log(`  rejected ${n}: ${reason}`);
  return { ...s, seconds, vehicles: fleet.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await runSimulator(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(String((e as Error).message ?? e));
    process.exit(1);
  }
}
