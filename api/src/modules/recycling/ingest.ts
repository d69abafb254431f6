/**
 * 称重数据接入 — ingestion of weighing records from smart scales, smart bins and weighbridges.
 *
 * Exactly once: a record is identified by (device, device sequence number); the insert is
 * `ON CONFLICT DO NOTHING` against a unique index, so a resend after a timeout or an offline backlog
 * uploaded later never counts twice — and never earns points twice (points are booked only for rows
 * this call actually inserted). Late records are accepted and priced with the price in force on
 * their own day. Each bad record is rejected with its index and reason; the good ones of the same
 * batch are kept. The accepted rows, their ledger entries, lots, card totals and every rollup
 * commit in one transaction (the caller's Writer).
 */
import { sql } from "drizzle-orm";
import type { Principal } from "../../graphql/context.js";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { resolveAlertByKey } from "../core/alerts.js";
import { rows, type Tx } from "../core/db.js";
import { getParams, type Params } from "./params.js";
import { applyEarnings, lockCards, lockCardsByNo, pointsFor, type CardRow, type MaterialUnit } from "./points.js";
import { addVolumes, rollupDeltas } from "./rollups.js";
import { dayOf, monthStart } from "./time.js";

export const MAX_BATCH = 5000;

/** A weighing as a device sends it. */
export interface WeighingInput {
  /** Device code; optional when the caller is the device's own key. */
  device?: string | null;
  /** The device's own sequence number of the record (unique per device, ≥ 0). */
  seq: number | string;
  /** ISO-8601 time with a zone, e.g. 2026-11-28T09:15:00+08:00. */
  at: string;
  /** Material code from the catalogue, e.g. paper_cardboard. */
  material: string;
  weightGrams: number;
  /** Pieces, for materials counted by the piece. */
  pieces?: number | null;
  /** Resident card number, if a card was presented. */
  card?: string | null;
}

export interface Rejection {
  index: number;
  seq: string | null;
  code: string;
  reason: string;
}

export interface IngestResult {
  received: number;
  accepted: number;
  duplicates: number;
  /** Indexes of records already stored (resends): acknowledged, not counted again. */
  duplicateIndexes: number[];
  rejected: Rejection[];
  pointsEarned: number;
}

export interface DeviceInfo {
  id: number;
  code: string;
  kind: "SMART_SCALE" | "SMART_BIN" | "WEIGHBRIDGE";
  status: string;
  stationId: number;
  districtId: number;
  enterpriseId: number;
}

export interface MaterialInfo {
  id: number;
  code: string;
  unit: MaterialUnit;
  pointsPerUnit: number;
  active: boolean;
}

/** A validated record, ready to store. */
export interface NewWeighing {
  index: number;
  source: "DEVICE" | "PICKUP";
  deviceId: number | null;
  seq: number | null;
  pickupId: number | null;
  at: Date;
  day: string;
  materialId: number;
  weightGrams: number;
  pieces: number | null;
  cardId: number | null;
  stationId: number;
  districtId: number;
  enterpriseId: number;
  points: number;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function maxGramsFor(kind: DeviceInfo["kind"], p: Params): number {
  return kind === "WEIGHBRIDGE" ? p["ingest.max_grams.weighbridge"] : kind === "SMART_BIN" ? p["ingest.max_grams.smart_bin"] : p["ingest.max_grams.smart_scale"];
}

export interface CheckContext {
  now: Date;
  params: Params;
  /** The device a record belongs to (resolved from the caller or the record's device code). */
  deviceFor(r: WeighingInput): { device: DeviceInfo } | { code: string; reason: string };
  material(code: string): MaterialInfo | undefined;
  card(cardNo: string): { id: number; status: string } | undefined;
}

/**
 * Checks one record; returns the row to store or the reason it is rejected. Pure: every lookup
 * comes through `c`.
 */
export function checkRecord(r: unknown, index: number, c: CheckContext): { ok: NewWeighing } | { rejected: Rejection } {
  const rej = (code: string, reason: string, seq: string | null = null) => ({ rejected: { index, seq, code, reason } });
  if (typeof r !== "object" || r === null || Array.isArray(r)) return rej("INVALID_RECORD", "record must be an object");
  const rec = r as Record<string, unknown>;
  const seqRaw = rec.seq;
  const seqStr = typeof seqRaw === "number" || typeof seqRaw === "string" ? String(seqRaw).slice(0, 30) : null;
  const seq = typeof seqRaw === "number" ? seqRaw : typeof seqRaw === "string" && /^\d{1,16}$/.test(seqRaw) ? Number(seqRaw) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 0) return rej("INVALID_SEQ", "seq must be a whole number ≥ 0 (the device's own record number)", seqStr);
  if (rec.device != null && typeof rec.device !== "string") return rej("INVALID_DEVICE", "device must be a device code", seqStr);
  const dev = c.deviceFor(rec as unknown as WeighingInput);
  if (!("device" in dev)) return rej(dev.code, dev.reason, seqStr);
  const device = dev.device;
  if (device.status !== "ACTIVE") return rej("DEVICE_INACTIVE", `device ${device.code} is not active`, seqStr);
  if (typeof rec.at !== "string" || !ISO_WITH_ZONE.test(rec.at)) return rej("INVALID_TIME", "at must be an ISO-8601 time with a zone, e.g. 2026-11-28T09:15:00+08:00", seqStr);
  const at = new Date(rec.at);
  if (Number.isNaN(at.getTime())) return rej("INVALID_TIME", "at is not a valid time", seqStr);
  const maxFuture = c.params["ingest.max_future_minutes"] * 60_000;
  if (at.getTime() > c.now.getTime() + maxFuture) return rej("FUTURE_TIME", `at is more than ${c.params["ingest.max_future_minutes"]} minutes in the future`, seqStr);
  const maxAge = c.params["ingest.max_age_days"] * 86_400_000;
  if (at.getTime() < c.now.getTime() - maxAge) return rej("TOO_OLD", `at is more than ${c.params["ingest.max_age_days"]} days ago`, seqStr);
  if (typeof rec.material !== "string") return rej("UNKNOWN_MATERIAL", "material must be a material code", seqStr);
  const m = c.material(rec.material);
  if (!m) return rej("UNKNOWN_MATERIAL", `no material ${rec.material.slice(0, 40)}`, seqStr);
  if (!m.active) return rej("MATERIAL_INACTIVE", `material ${m.code} is no longer collected`, seqStr);
  const g = rec.weightGrams;
  if (typeof g !== "number" || !Number.isInteger(g) || g <= 0) return rej("INVALID_WEIGHT", "weightGrams must be a whole number of grams > 0", seqStr);
  const maxG = maxGramsFor(device.kind, c.params);
  if (g > maxG) return rej("OVER_CAPACITY", `weightGrams ${g} exceeds the ${device.kind} limit of ${maxG} g`, seqStr);
  let pieces: number | null = null;
  if (m.unit === "PIECE") {
    const p = rec.pieces;
    if (typeof p !== "number" || !Number.isInteger(p) || p < 1 || p > 1000) return rej("INVALID_PIECES", `material ${m.code} is counted by the piece: pieces must be 1–1000`, seqStr);
    pieces = p;
  } else if (rec.pieces != null) return rej("INVALID_PIECES", `material ${m.code} is weighed, not counted: omit pieces`, seqStr);
  let cardId: number | null = null;
  if (rec.card != null && rec.card !== "") {
    if (typeof rec.card !== "string") return rej("UNKNOWN_CARD", "card must be a card number", seqStr);
    const card = c.card(rec.card);
    if (!card) return rej("UNKNOWN_CARD", `no card ${rec.card.slice(0, 40)}`, seqStr);
    if (card.status !== "ACTIVE") return rej("CARD_NOT_ACTIVE", `card ${rec.card.slice(0, 40)} is ${card.status}`, seqStr);
    cardId = card.id;
  }
  return {
    ok: {
      index,
      source: "DEVICE",
      deviceId: device.id,
      seq,
      pickupId: null,
      at,
      day: dayOf(at),
      materialId: m.id,
      weightGrams: g,
      pieces,
      cardId,
      stationId: device.stationId,
      districtId: device.districtId,
      enterpriseId: device.enterpriseId,
      points: pointsFor(m, g, pieces, cardId != null),
    },
  };
}

// ——— lookups ———

let materialCache: { at: number; byCode: Map<string, MaterialInfo> } | undefined;
export function clearMaterialCache(): void {
  materialCache = undefined;
}
export async function materialsByCode(tx: Tx): Promise<Map<string, MaterialInfo>> {
  if (materialCache && Date.now() - materialCache.at < 10_000) return materialCache.byCode;
  const r = await rows<{ id: number; code: string; unit: MaterialUnit; points_per_unit: number; active: boolean }>(tx, sql`select id, code, unit, points_per_unit, active from recycling.materials`);
  const byCode = new Map(r.map((m) => [m.code, { id: m.id, code: m.code, unit: m.unit, pointsPerUnit: m.points_per_unit, active: m.active }]));
  materialCache = { at: Date.now(), byCode };
  return byCode;
}

function deviceOf(r: Record<string, unknown>): DeviceInfo {
  return { id: r.id as number, code: r.code as string, kind: r.kind as DeviceInfo["kind"], status: r.status as string, stationId: r.station_id as number, districtId: r.district_id as number, enterpriseId: r.enterprise_id as number };
}

/** Resolves devices for a caller: its own device, or devices named by code within its scope. */
async function devicesFor(tx: Tx, p: Principal, records: unknown[]): Promise<(r: WeighingInput) => { device: DeviceInfo } | { code: string; reason: string }> {
  const own = p.org?.kind === "recycling.device" ? p.org.id : null;
  const codes = [...new Set(records.map((r) => (r && typeof r === "object" ? (r as { device?: unknown }).device : null)).filter((d): d is string => typeof d === "string" && d.length <= 100))];
  const found = await rows<Record<string, unknown>>(
    tx,
    sql`select id, code, kind, status, station_id, district_id, enterprise_id from recycling.devices
        where ${own != null ? sql`id = ${own} or ` : sql``} code = any(${sql.param(codes)}::text[])`,
  );
  const byCode = new Map(found.map((d) => [d.code as string, deviceOf(d)]));
  const ownDevice = own != null ? (found.map(deviceOf).find((d) => d.id === own) ?? null) : null;
  const inScope = (d: DeviceInfo) => {
    if (p.districtId != null && d.districtId !== p.districtId) return false;
    if (!p.org) return true;
    switch (p.org.kind) {
      case "recycling.device":
        return d.id === p.org.id;
      case "recycling.station":
        return d.stationId === p.org.id;
      case "recycling.enterprise":
        return d.enterpriseId === p.org.id;
      default:
        return false;
    }
  };
  return (r) => {
    if (own != null) {
      if (!ownDevice) return { code: "UNKNOWN_DEVICE", reason: "the device of this key no longer exists" };
      if (r.device != null && r.device !== ownDevice.code) return { code: "DEVICE_MISMATCH", reason: `this key belongs to device ${ownDevice.code}, not ${String(r.device).slice(0, 40)}` };
      return { device: ownDevice };
    }
    if (r.device == null || r.device === "") return { code: "DEVICE_REQUIRED", reason: "name the device (its code) of each record" };
    const d = byCode.get(r.device);
    if (!d || !inScope(d)) return { code: "UNKNOWN_DEVICE", reason: `no device ${String(r.device).slice(0, 40)} that this key may report for` };
    return { device: d };
  };
}

// ——— storing ———

export interface StoredWeighing {
  id: number;
  index: number;
  deviceId: number | null;
  seq: number | null;
  cardId: number | null;
  points: number;
  at: Date;
  day: string;
  stationId: number;
  districtId: number;
  enterpriseId: number;
  materialId: number;
  weightGrams: number;
  amountYuan: string | null;
}

/**
 * Inserts weighings priced at their own day (the latest publication on or before it, the
 * enterprise's own price preferred over the city guide price), skipping those already stored.
 * Returns only the rows this call inserted.
 */
export async function storeWeighings(tx: Tx, batch: NewWeighing[]): Promise<StoredWeighing[]> {
  if (batch.length === 0) return [];
  const a = <T>(f: (r: NewWeighing) => T) => sql.param(batch.map(f));
  const inserted = await rows<Record<string, unknown>>(
    tx,
    sql`with i as (
          select * from unnest(${a((r) => r.index)}::int[], ${a((r) => r.source)}::text[], ${a((r) => r.deviceId)}::int[], ${a((r) => r.seq)}::bigint[], ${a((r) => r.pickupId)}::int[],
                               ${a((r) => r.at.toISOString())}::text[]::timestamptz[], ${a((r) => r.day)}::text[]::date[], ${a((r) => r.materialId)}::int[], ${a((r) => r.weightGrams)}::int[],
                               ${a((r) => r.pieces)}::int[], ${a((r) => r.cardId)}::int[], ${a((r) => r.stationId)}::int[], ${a((r) => r.districtId)}::int[],
                               ${a((r) => r.enterpriseId)}::int[], ${a((r) => r.points)}::int[])
            as t(idx, source, device_id, seq, pickup_id, at, day, material_id, grams, pieces, card_id, station_id, district_id, enterprise_id, points)),
        priced as (
          select i.*, pr.price, m.unit from i join recycling.materials m on m.id = i.material_id
          left join lateral (
            select p.price_yuan as price from recycling.prices p
            where p.material_id = i.material_id and p.day <= i.day and (p.enterprise_id is null or p.enterprise_id = i.enterprise_id)
            order by p.day desc, p.enterprise_id nulls last limit 1) pr on true),
        ins as (
          insert into recycling.weighings (source, device_id, device_seq, pickup_id, at, day, material_id, weight_grams, pieces, card_id,
                                           station_id, district_id, enterprise_id, unit_price_yuan, amount_yuan, points)
          select source, device_id, seq, pickup_id, at, day, material_id, grams, pieces, card_id, station_id, district_id, enterprise_id, price,
                 round(price * (case when unit = 'PIECE' then pieces::numeric else grams / 1000.0 end), 2), points
          from priced order by device_id, seq
          on conflict do nothing
          returning id, device_id, device_seq, pickup_id, amount_yuan)
        select ins.id, i.idx, ins.amount_yuan::text as amount_yuan from ins join i
          on coalesce(ins.device_id, 0) = coalesce(i.device_id, 0) and coalesce(ins.device_seq, -ins.pickup_id) = coalesce(i.seq, -i.pickup_id)`,
  );
  const byIndex = new Map(batch.map((r) => [r.index, r]));
  return inserted.map((x) => {
    const r = byIndex.get(Number(x.idx))!;
    return {
      id: Number(x.id),
      index: r.index,
      deviceId: r.deviceId,
      seq: r.seq,
      cardId: r.cardId,
      points: r.points,
      at: r.at,
      day: r.day,
      stationId: r.stationId,
      districtId: r.districtId,
      enterpriseId: r.enterpriseId,
      materialId: r.materialId,
      weightGrams: r.weightGrams,
      amountYuan: (x.amount_yuan as string | null) ?? null,
    };
  });
}

/**
 * Adds stored weighings to the volume rollups (station-day, district-day, enterprise-month,
 * station-month): collected in memory and written just before the commit (rollups.ts).
 */
export function rollUpVolumes(w: Writer, stored: StoredWeighing[]): void {
  if (stored.length) addVolumes(rollupDeltas(w), stored);
}

/**
 * Stores weighings and books everything that follows from them, in the caller's transaction:
 * points (cards locked in id order first, unless the caller locked them), volume rollups.
 * Returns what was newly stored.
 */
export async function recordWeighings(w: Writer, batch: NewWeighing[], cards?: Map<number, CardRow>): Promise<{ stored: StoredWeighing[]; pointsEarned: number }> {
  const cardIds = [...new Set(batch.map((r) => r.cardId).filter((c): c is number => c != null))];
  const locked = cards ?? (await lockCards(w.tx, cardIds));
  const stored = await storeWeighings(w.tx, batch);
  const earning = stored.filter((s) => s.cardId != null).map((s) => ({ weighingId: s.id, cardId: s.cardId!, points: s.points, at: s.at, day: s.day }));
  const { pointsEarned } = await applyEarnings(w, earning, locked);
  rollUpVolumes(w, stored);
  return { stored, pointsEarned };
}

/**
 * Ingests one batch for the calling device (or vendor / enterprise key). See the module comment.
 */
export async function ingestWeighings(w: Writer, records: unknown[], now = new Date()): Promise<IngestResult> {
  if (!Array.isArray(records)) throw new DomainError("INVALID_BATCH", "records must be a list", "records");
  if (records.length > MAX_BATCH) throw new DomainError("BATCH_TOO_LARGE", `At most ${MAX_BATCH} records per batch`, "records");
  const cardNos = [...new Set(records.map((r) => (r && typeof r === "object" ? (r as { card?: unknown }).card : null)).filter((c): c is string => typeof c === "string" && c.length > 0 && c.length <= 40))];
  // Independent look-ups, sent together (pipelined on the server). The cards named by the batch are
  // locked here, in id order, so that their status is read under the lock that booking points needs.
  const [params, mats, deviceFor, cards] = await Promise.all([getParams(w.tx), materialsByCode(w.tx), devicesFor(w.tx, w.principal, records), lockCardsByNo(w.tx, cardNos)]);
  const cardByNo = new Map([...cards.values()].map((c) => [c.cardNo, { id: c.id, status: c.status }]));
  const ctx: CheckContext = { now, params, deviceFor, material: (c) => mats.get(c), card: (n) => cardByNo.get(n) };

  const rejected: Rejection[] = [];
  const good: NewWeighing[] = [];
  const firstOf = new Map<string, NewWeighing>();
  const inBatchDuplicates: number[] = [];
  records.forEach((r, i) => {
    const res = checkRecord(r, i, ctx);
    if ("rejected" in res) return void rejected.push(res.rejected);
    const key = `${res.ok.deviceId}:${res.ok.seq}`;
    const first = firstOf.get(key);
    if (first) {
      if (sameRecord(first, res.ok)) inBatchDuplicates.push(i);
      else rejected.push({ index: i, seq: String(res.ok.seq), code: "SEQ_CONFLICT", reason: `seq ${res.ok.seq} appears twice in this batch with different contents` });
      return;
    }
    firstOf.set(key, res.ok);
    good.push(res.ok);
  });

  const { stored, pointsEarned } = await recordWeighings(w, good, cards);

  // Records not inserted were already stored: a resend (same contents) or a conflicting reuse of the number.
  const storedIdx = new Set(stored.map((s) => s.index));
  const notStored = good.filter((g) => !storedIdx.has(g.index));
  const duplicateIndexes = [...inBatchDuplicates];
  if (notStored.length) {
    const existing = await rows<{ device_id: number; device_seq: string; at: string; material_id: number; weight_grams: number; card_id: number | null; pieces: number | null }>(
      w.tx,
      sql`select device_id, device_seq::text as device_seq, at, material_id, weight_grams, card_id, pieces from recycling.weighings
          where (device_id, device_seq) in (select * from unnest(${sql.param(notStored.map((n) => n.deviceId))}::int[], ${sql.param(notStored.map((n) => n.seq))}::bigint[]))`,
    );
    const ex = new Map(existing.map((e) => [`${e.device_id}:${e.device_seq}`, e]));
    for (const n of notStored) {
      const e = ex.get(`${n.deviceId}:${n.seq}`);
      const same =
        e && new Date(e.at).getTime() === n.at.getTime() && e.material_id === n.materialId && e.weight_grams === n.weightGrams && (e.card_id ?? null) === n.cardId && (e.pieces ?? null) === n.pieces;
      if (same) duplicateIndexes.push(n.index);
      else rejected.push({ index: n.index, seq: String(n.seq), code: "SEQ_CONFLICT", reason: `seq ${n.seq} of this device was already used for a different record` });
    }
  }
  rejected.sort((a, b) => a.index - b.index);
  duplicateIndexes.sort((a, b) => a - b);

  // Devices: last seen, newest record, counters; a silent-device alert ends when it reports again.
  const touched = [...new Set(good.map((g) => g.deviceId!))];
  const ownDevice = w.principal.org?.kind === "recycling.device" ? w.principal.org.id : null;
  if (ownDevice != null && !touched.includes(ownDevice)) touched.push(ownDevice);
  if (touched.length) {
    const per = touched.map((id) => {
      const mine = stored.filter((s) => s.deviceId === id);
      const maxAt = mine.reduce<Date | null>((m, s) => (!m || s.at > m ? s.at : m), null);
      const maxSeq = mine.reduce<number | null>((m, s) => (m == null || (s.seq ?? 0) > m ? s.seq : m), null);
      return { id, n: mine.length, maxAt: maxAt?.toISOString() ?? null, maxSeq };
    });
    // One statement: the device rows, and the open silent-device alerts of these devices.
    const silent = await rows<{ dedup_key: string }>(
      w.tx,
      sql`with u as (
          update recycling.devices d set last_seen_at = ${now.toISOString()}::timestamptz,
            last_record_at = case when u.max_at is null then d.last_record_at else greatest(d.last_record_at, u.max_at) end,
            last_seq = case when u.max_seq is null then d.last_seq else greatest(d.last_seq, u.max_seq) end,
            records_total = d.records_total + u.n, updated_at = now()
          from unnest(${sql.param(per.map((p) => p.id))}::int[], ${sql.param(per.map((p) => p.n))}::int[], ${sql.param(per.map((p) => p.maxAt))}::text[]::timestamptz[], ${sql.param(per.map((p) => p.maxSeq))}::bigint[])
            as u(id, n, max_at, max_seq)
          where d.id = u.id returning 1)
        select dedup_key from core.alerts where status <> 'CLOSED' and dedup_key = any(${sql.param(touched.map((id) => `recycling:device-silent:${id}`))}::text[])`,
    );
    for (const s of silent) await resolveAlertByKey(w, s.dedup_key, "设备已恢复上传 / The device reported again");
  }

  const result: IngestResult = { received: records.length, accepted: stored.length, duplicates: duplicateIndexes.length, duplicateIndexes, rejected, pointsEarned };
  await w.audit({
    entity: "WeighingBatch",
    entityId: ownDevice ?? null,
    action: "ingest",
    changes: { received: result.received, accepted: result.accepted, duplicates: result.duplicates, rejected: rejected.length, pointsEarned, devices: touched.slice(0, 50) },
  });
  if (stored.length) {
    const first = stored[0]!;
    await w.emit({
      type: "recycling.weighings_ingested",
      stream: "recycling",
      entity: "WeighingBatch",
      entityId: first.id,
      districtId: touched.length === 1 ? first.districtId : null,
      org: ownDevice != null ? { kind: "recycling.device", id: ownDevice } : null,
      payload: { accepted: stored.length, duplicates: result.duplicates, rejected: rejected.length, pointsEarned, firstWeighingId: first.id, months: [...new Set(stored.map((s) => monthStart(s.day)))] },
    });
  }
  return result;
}

function sameRecord(a: NewWeighing, b: NewWeighing): boolean {
  return a.at.getTime() === b.at.getTime() && a.materialId === b.materialId && a.weightGrams === b.weightGrams && a.cardId === b.cardId && a.pieces === b.pieces;
}

export type { CardRow };
