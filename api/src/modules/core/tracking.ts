/**
 * Vehicle tracking (车辆定位监管), shared by the construction and hazardous streams.
 * Third-party GPS terminals push batches of positions; each batch is stored idempotently
 * (terminal + time), the last position per vehicle is kept for live maps, and each stream's
 * real-time rules run on the newly stored points in the same transaction.
 */
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Principal, Stream } from "../../graphql/context.js";
import { can } from "../../graphql/auth.js";
import type { Writer } from "../../graphql/mutation.js";
import { withWriter } from "../../graphql/mutation.js";
import type { App } from "../../graphql/context.js";
import { AlertBatch } from "./alerts.js";
import { rows, type Tx } from "./db.js";
import { lastPositions } from "./tables.js";
import { positions } from "./tracking-tables.js";

export type TrackedStream = Extract<Stream, "construction" | "hazardous">;
export const TRACKED_STREAMS: TrackedStream[] = ["construction", "hazardous"];

/** A GPS terminal as its stream knows it: which vehicle it sits in. */
export interface TerminalInfo {
  terminalId: string;
  plate: string;
  stream: TrackedStream;
  vehicleId: number;
  districtId: number | null;
  org: { kind: string; id: number } | null;
}

export interface TrackedPosition {
  terminalId: string;
  at: Date;
  lon: number;
  lat: number;
  speedKmh: number;
  heading: number;
  vehicle: TerminalInfo;
}

/** A position as a terminal sends it. */
export interface RawPosition {
  terminalId?: unknown;
  plate?: unknown;
  time?: unknown;
  lon?: unknown;
  lat?: unknown;
  speed?: unknown;
  heading?: unknown;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

type Directory = (tx: Tx, q: { terminalIds: string[]; plates: string[] }) => Promise<TerminalInfo[]>;
/** The GraphQL type each stream exposes its vehicles as (for global IDs in positions). */
const vehicleTypes = new Map<TrackedStream, string>();
export function vehicleTypeOf(stream: TrackedStream): string {
  return vehicleTypes.get(stream) ?? "Vehicle";
}
/**
 * A stream's real-time rules over one batch. Alerts go to `alerts` (raised and closed together after
 * every stream's rules ran, see `AlertBatch`), not one by one.
 */
type Handler = (w: Writer, batch: TrackedPosition[], alerts: AlertBatch) => Promise<void>;

const directories = new Map<TrackedStream, Directory>();
const handlers = new Map<TrackedStream, Handler[]>();

/** A stream tells tracking which terminals and plates are its vehicles. */
export function registerTerminalDirectory(stream: TrackedStream, lookup: Directory, vehicleTypeName?: string): void {
  directories.set(stream, lookup);
  if (vehicleTypeName) vehicleTypes.set(stream, vehicleTypeName);
}

/** A stream's real-time rules, run in the ingesting transaction on newly stored points (sorted by vehicle, then time). */
export function onPositions(stream: TrackedStream, handler: Handler): void {
  handlers.set(stream, [...(handlers.get(stream) ?? []), handler]);
}

/** Limits of what is accepted. */
export const TRACKING_LIMITS = {
  maxBatch: 10_000,
  /** Points older than this are rejected as too late. */
  maxLateDays: 30,
  /** Points further in the future than this are rejected (clock skew allowance). */
  maxFutureMs: 5 * 60_000,
  maxSpeedKmh: 250,
};

// Terminal lookups are cached briefly: ingestion is hot, registers change rarely.
const TERMINAL_TTL_MS = 30_000;
const terminalCache = new Map<string, { info: TerminalInfo | null; until: number }>();
export function clearTerminalCache(): void {
  terminalCache.clear();
}

async function resolveTerminals(tx: Tx, terminalIds: string[], plates: string[]): Promise<Map<string, TerminalInfo>> {
  const now = Date.now();
  const out = new Map<string, TerminalInfo>();
  const missT: string[] = [];
  const missP: string[] = [];
  for (const t of terminalIds) {
    const c = terminalCache.get(`t:${t}`);
    if (c && c.until > now) {
      if (c.info) out.set(`t:${t}`, c.info);
    } else missT.push(t);
  }
  for (const p of plates) {
    const c = terminalCache.get(`p:${p}`);
    if (c && c.until > now) {
      if (c.info) out.set(`p:${p}`, c.info);
    } else missP.push(p);
  }
  if (missT.length || missP.length) {
    for (const lookup of directories.values()) {
      for (const info of await lookup(tx, { terminalIds: missT, plates: missP })) {
        out.set(`t:${info.terminalId}`, info);
        out.set(`p:${info.plate}`, info);
      }
    }
    for (const t of missT) terminalCache.set(`t:${t}`, { info: out.get(`t:${t}`) ?? null, until: now + TERMINAL_TTL_MS });
    for (const p of missP) terminalCache.set(`p:${p}`, { info: out.get(`p:${p}`) ?? null, until: now + TERMINAL_TTL_MS });
  }
  return out;
}

// Partitions known to exist, per database (tests open several).
const knownPartitionsByDb = new WeakMap<object, Set<string>>();
const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** Creates the daily partitions the batch needs (outside the batch transaction: DDL locks the parent). */
export async function ensurePartitions(tx: Tx, days: Iterable<string>): Promise<void> {
  let knownPartitions = knownPartitionsByDb.get(tx);
  if (!knownPartitions) knownPartitionsByDb.set(tx, (knownPartitions = new Set()));
  for (const day of days) {
    if (knownPartitions.has(day)) continue;
    const name = `positions_${day.replaceAll("-", "")}`;
    const from = `${day}T00:00:00Z`;
    const to = new Date(Date.parse(from) + 86_400_000).toISOString();
    try {
      await tx.execute(sql.raw(`create table if not exists core.${name} partition of core.positions for values from ('${from}') to ('${to}')`));
    } catch (e) {
      // Another process created it at the same moment.
      if (!/already exists/.test(String((e as Error).message) + String((e as { cause?: Error }).cause?.message))) throw e;
    }
    knownPartitions.add(day);
  }
}

function parseTime(v: unknown): Date | null {
  if (typeof v === "number" && Number.isFinite(v)) return new Date(v > 1e12 ? v : v * 1000);
  if (typeof v === "string" && v.length <= 40) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t);
  }
  return null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
const TERMINAL_RE = /^[A-Za-z0-9_-]{1,40}$/;
/** Chinese plates: province character, letter, 5–6 alphanumerics (new-energy plates have 6). */
export const PLATE_RE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$/;

interface Checked {
  index: number;
  key: string;
  terminalRef: { terminalId?: string; plate?: string };
  at: Date;
  lon: number;
  lat: number;
  speedKmh: number;
  heading: number;
}

/** Validates one raw point; returns the reason it is rejected, or the checked point. */
export function checkPosition(p: RawPosition, index: number, now = Date.now()): Checked | string {
  if (p === null || typeof p !== "object") return "not an object";
  const terminalId = typeof p.terminalId === "string" ? p.terminalId.trim() : undefined;
  const plate = typeof p.plate === "string" ? p.plate.trim().toUpperCase() : undefined;
  if (!terminalId && !plate) return "terminalId or plate is required";
  if (terminalId && !TERMINAL_RE.test(terminalId)) return "terminalId: 1–40 letters, digits, '-' or '_'";
  if (!terminalId && plate && !PLATE_RE.test(plate)) return "plate: not a valid plate number";
  const at = parseTime(p.time);
  if (!at) return "time: ISO-8601 or epoch milliseconds required";
  if (at.getTime() > now + TRACKING_LIMITS.maxFutureMs) return "time: in the future";
  if (at.getTime() < now - TRACKING_LIMITS.maxLateDays * 86_400_000) return `time: older than ${TRACKING_LIMITS.maxLateDays} days`;
  const lon = num(p.lon);
  const lat = num(p.lat);
  if (lon === null || lon < -180 || lon > 180) return "lon: a number in [-180, 180] required";
  if (lat === null || lat < -90 || lat > 90) return "lat: a number in [-90, 90] required";
  const speed = p.speed === undefined ? 0 : num(p.speed);
  if (speed === null || speed < 0 || speed > TRACKING_LIMITS.maxSpeedKmh) return `speed: km/h in [0, ${TRACKING_LIMITS.maxSpeedKmh}] required`;
  const heading = p.heading === undefined ? 0 : num(p.heading);
  if (heading === null || heading < 0 || heading > 360) return "heading: degrees in [0, 360] required";
  return { index, key: terminalId ? `t:${terminalId}` : `p:${plate}`, terminalRef: terminalId ? { terminalId } : { plate }, at, lon, lat, speedKmh: speed, heading };
}

/** Which tracked streams this principal may ingest for. */
export function ingestStreams(p: Principal): TrackedStream[] {
  return TRACKED_STREAMS.filter((s) => can(p, `${s}:ingest`));
}

/**
 * Stores a batch: validates every point, resolves terminals, inserts new points (duplicates are
 * skipped), keeps last positions current and runs each stream's rules — one transaction.
 */
export async function ingestPositions(app: App, principal: Principal, raw: unknown[], meta: { requestId?: string; ip?: string } = {}): Promise<IngestResult> {
  const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
  const allowed = new Set(ingestStreams(principal));
  const now = Date.now();
  const checked: Checked[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = checkPosition(raw[i] as RawPosition, i, now);
    if (typeof c === "string") result.rejected.push({ index: i, reason: c });
    else checked.push(c);
  }
  if (checked.length === 0) return result;

  const terminals = await resolveTerminals(
    app.db,
    [...new Set(checked.flatMap((c) => (c.terminalRef.terminalId ? [c.terminalRef.terminalId] : [])))],
    [...new Set(checked.flatMap((c) => (c.terminalRef.plate ? [c.terminalRef.plate] : [])))],
  );
  const good: TrackedPosition[] = [];
  const seen = new Set<string>();
  for (const c of checked) {
    const info = terminals.get(c.key);
    if (!info) {
      result.rejected.push({ index: c.index, reason: "unknown terminal or plate" });
      continue;
    }
    if (!allowed.has(info.stream)) {
      result.rejected.push({ index: c.index, reason: `this key may not ingest for the ${info.stream} stream` });
      continue;
    }
    if (principal.districtId != null && info.districtId != null && info.districtId !== principal.districtId) {
      result.rejected.push({ index: c.index, reason: "vehicle outside this key's district" });
      continue;
    }
    const dedup = `${info.terminalId}|${c.at.getTime()}`;
    if (seen.has(dedup)) {
      result.duplicates++;
      continue;
    }
    seen.add(dedup);
    good.push({ terminalId: info.terminalId, at: c.at, lon: c.lon, lat: c.lat, speedKmh: c.speedKmh, heading: c.heading, vehicle: info });
  }
  result.rejected.sort((a, b) => a.index - b.index);
  if (good.length === 0) return result;

  await ensurePartitions(app.db, new Set(good.map((g) => dayKey(g.at))));
  // Duplicates within the request, counted once: the writer may run the batch again (deadlock retry).
  const duplicatesInRequest = result.duplicates;
  await withWriter(app, principal, { operation: "ingestPositions", requestId: meta.requestId, ip: meta.ip }, async (w) => {
    const payload = JSON.stringify(
      good.map((g) => ({ t: g.terminalId, a: g.at.toISOString(), s: g.vehicle.stream, v: g.vehicle.vehicleId, x: g.lon, y: g.lat, k: g.speedKmh, h: g.heading })),
    );
    // The vehicles' register data for their last positions (one row per vehicle, not per point).
    const vehicles = new Map<string, TerminalInfo>();
    for (const g of good) vehicles.set(`${g.vehicle.stream}|${g.vehicle.vehicleId}`, g.vehicle);
    const lv = JSON.stringify(
      [...vehicles.values()].map((v) => ({ s: v.stream, v: v.vehicleId, pl: v.plate, d: v.districtId, ok: v.org?.kind ?? null, oi: v.org?.id ?? null })),
    );
    // One statement: new points stored (duplicates skipped), and each vehicle's last position moved to
    // its newest new point — only forward in time (a late point never moves it back).
    const inserted = await rows<{ terminal_id: string; at: Date | string }>(
      w.tx,
      sql`with ins as (
            insert into core.positions (terminal_id, at, stream, vehicle_id, lon, lat, speed_kmh, heading)
            select t, a, s, v, x, y, k, h from jsonb_to_recordset(${payload}::jsonb)
              as r(t text, a timestamptz, s text, v int, x double precision, y double precision, k real, h real)
            on conflict do nothing
            returning terminal_id, at, stream, vehicle_id, lon, lat, speed_kmh, heading),
          latest as (select distinct on (stream, vehicle_id) * from ins order by stream, vehicle_id, at desc),
          lp as (
            insert into core.last_positions as l (stream, vehicle_id, terminal_id, plate, at, lon, lat, speed_kmh, heading, district_id, org_kind, org_id, updated_at)
            select i.stream, i.vehicle_id, i.terminal_id, m.pl, i.at, i.lon, i.lat, i.speed_kmh, i.heading, m.d, m.ok, m.oi, now()
            from latest i join jsonb_to_recordset(${lv}::jsonb) as m(s text, v int, pl text, d int, ok text, oi int) on m.s = i.stream and m.v = i.vehicle_id
            on conflict (stream, vehicle_id) do update set
              terminal_id = excluded.terminal_id, plate = excluded.plate, at = excluded.at, lon = excluded.lon, lat = excluded.lat,
              speed_kmh = excluded.speed_kmh, heading = excluded.heading, district_id = excluded.district_id,
              org_kind = excluded.org_kind, org_id = excluded.org_id, updated_at = now()
            where excluded.at > l.at)
          select terminal_id, at from ins`,
    );
    const fresh = new Set(inserted.map((r) => `${r.terminal_id}|${new Date(r.at).getTime()}`));
    const stored = good.filter((g) => fresh.has(`${g.terminalId}|${g.at.getTime()}`));
    result.accepted = stored.length;
    result.duplicates = duplicatesInRequest + good.length - stored.length;
    if (stored.length === 0) return;

    stored.sort((a, b) => (a.vehicle.stream === b.vehicle.stream ? a.vehicle.vehicleId - b.vehicle.vehicleId || a.at.getTime() - b.at.getTime() : a.vehicle.stream < b.vehicle.stream ? -1 : 1));
    // Every stream's rules first, then all their alerts at once (a handful of statements per batch,
    // however many alerts: not an insert, outbox event, webhook fan-out and NOTIFY per alert).
    const alerts = new AlertBatch();
    for (const stream of TRACKED_STREAMS) {
      const batch = stored.filter((p) => p.vehicle.stream === stream);
      if (batch.length === 0) continue;
      for (const h of handlers.get(stream) ?? []) await h(w, batch, alerts);
    }
    // The batch's audit row goes in with the closed alerts' rows (one insert).
    await alerts.flush(w, { audit: (r) => ({ entity: "PositionBatch", action: "ingest", changes: { received: raw.length, accepted: stored.length, alerts: r } }) });
  });
  return result;
}

export type LastPositionRow = typeof lastPositions.$inferSelect;

export async function lastPositionsOf(tx: Tx, q: { stream: TrackedStream; vehicleIds?: number[]; districtId?: number | null; org?: { kind: string; id: number } | null }): Promise<LastPositionRow[]> {
  return tx
    .select()
    .from(lastPositions)
    .where(
      and(
        eq(lastPositions.stream, q.stream),
        q.vehicleIds ? inArray(lastPositions.vehicleId, q.vehicleIds.length ? q.vehicleIds : [-1]) : undefined,
        q.districtId != null ? eq(lastPositions.districtId, q.districtId) : undefined,
        q.org ? and(eq(lastPositions.orgKind, q.org.kind), eq(lastPositions.orgId, q.org.id)) : undefined,
      ),
    );
}

export type PositionRow = typeof positions.$inferSelect;

/** A vehicle's track between two instants, in time order. */
export async function trackOf(tx: Tx, stream: TrackedStream, vehicleId: number, from: Date, to: Date, limit = 20_000): Promise<PositionRow[]> {
  return tx
    .select()
    .from(positions)
    .where(and(eq(positions.stream, stream), eq(positions.vehicleId, vehicleId), gte(positions.at, from), lt(positions.at, to)))
    .orderBy(asc(positions.at))
    .limit(limit);
}

/** Scheduled: create partitions ahead (today, tomorrow, the day after) so ingestion rarely does DDL. */
export async function preparePartitions(app: App): Promise<void> {
  const now = Date.now();
  await ensurePartitions(app.db, [0, 1, 2].map((d) => dayKey(new Date(now + d * 86_400_000))));
}
