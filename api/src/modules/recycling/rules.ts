/**
 * Anomaly rules of the recycling stream (指标异常预警). Parameters live in recycling.rule_params.
 *
 * 1. recycling.station_volume — a station's weight on a (completed) day is far outside its own
 *    recent range: |value − median| > k × MAD over the station's active days in the last
 *    `alert.station_window_days` days (needs `alert.station_min_days` of them). MAD is floored at
 *    5 % of the median and 1 kg so that a perfectly steady history does not make every change an alert.
 * 2. recycling.device_silent — an active device has not uploaded for `alert.device_silent_hours`;
 *    the alert closes itself when the device reports again (ingest).
 * 3. recycling.price_jump — a published price changes more than `alert.price_jump_pct` % against the
 *    previous publication of the same publisher (prices.publishPrices).
 * 4. recycling.card_daily_points — a card earns more than `alert.card_daily_points` in one day
 *    (points.applyEarnings, when the day's total crosses the limit).
 * 5. recycling.custody_loss — a pickup loses more than `custody.loss_alert_pct` % between
 *    collection and sale (pickups.advancePickup).
 */
import { sql } from "drizzle-orm";
import type { App } from "../../graphql/context.js";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { raiseAlert } from "../core/alerts.js";
import { systemPrincipal } from "../core/auth.js";
import { rows } from "../core/db.js";
import { getParams } from "./params.js";
import { expireLots } from "./points.js";
import { addDays, dayOf } from "./time.js";

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface MadVerdict {
  median: number;
  mad: number;
  /** Deviation in (floored) MADs. */
  score: number;
  outlier: boolean;
  direction: "HIGH" | "LOW" | null;
}

/** Is `value` more than k median absolute deviations from the median of `history`? */
export function madOutlier(history: number[], value: number, k: number, minDays: number): MadVerdict {
  if (history.length < minDays) return { median: 0, mad: 0, score: 0, outlier: false, direction: null };
  const med = median(history);
  const rawMad = median(history.map((v) => Math.abs(v - med)));
  const mad = Math.max(rawMad, med * 0.05, 1000);
  const score = Math.abs(value - med) / mad;
  const outlier = score > k;
  return { median: med, mad, score: Math.round(score * 10) / 10, outlier, direction: outlier ? (value > med ? "HIGH" : "LOW") : null };
}

/** Is a device silent: no upload (or, never uploaded, not since installation) for `hours`? */
export function isSilent(lastSeenAt: Date | null, installedAt: Date, now: Date, hours: number): boolean {
  const since = lastSeenAt ?? installedAt;
  return now.getTime() - since.getTime() > hours * 3600_000;
}

/** Rule 1 for one day (a completed day; default yesterday). Returns the stations alerted. */
export async function checkStationVolumes(w: Writer, day: string): Promise<{ stationId: number; verdict: MadVerdict; value: number }[]> {
  const p = await getParams(w.tx);
  const windowDays = p["alert.station_window_days"];
  const hist = await rows<{ station_id: number; day: string; w: string }>(
    w.tx,
    sql`select r.station_id, r.day::text as day, sum(r.weight_grams)::text as w from recycling.roll_station_day r
        join recycling.stations s on s.id = r.station_id and s.active
        where r.day >= ${addDays(day, -windowDays)}::date and r.day <= ${day}::date
        group by 1, 2`,
  );
  const byStation = new Map<number, { history: number[]; value: number }>();
  for (const h of hist) {
    const e = byStation.get(h.station_id) ?? { history: [], value: 0 };
    if (h.day === day) e.value = Number(h.w);
    else e.history.push(Number(h.w));
    byStation.set(h.station_id, e);
  }
  const flagged: { stationId: number; verdict: MadVerdict; value: number }[] = [];
  for (const [stationId, e] of byStation) {
    const v = madOutlier(e.history, e.value, p["alert.station_mad_k"], p["alert.station_min_days"]);
    if (v.outlier) flagged.push({ stationId, verdict: v, value: e.value });
  }
  if (flagged.length === 0) return [];
  const st = await rows<{ id: number; name: string; code: string; district_id: number; enterprise_id: number; lon: string; lat: string }>(
    w.tx,
    sql`select id, name, code, district_id, enterprise_id, lon, lat from recycling.stations where id = any(${sql.param(flagged.map((f) => f.stationId))}::int[])`,
  );
  const byId = new Map(st.map((s) => [s.id, s]));
  for (const f of flagged) {
    const s = byId.get(f.stationId)!;
    const kg = (g: number) => Math.round(g / 100) / 10;
    await raiseAlert(w, {
      stream: "recycling",
      rule: "recycling.station_volume",
      severity: f.verdict.score > p["alert.station_mad_k"] * 3 ? "HIGH" : "MEDIUM",
      title: `${s.name} ${day} 回收量 ${kg(f.value)} kg，${f.verdict.direction === "HIGH" ? "远高于" : "远低于"}近期中位数 ${kg(f.verdict.median)} kg / ${s.code} collected ${kg(f.value)} kg on ${day}, far ${f.verdict.direction === "HIGH" ? "above" : "below"} its recent median`,
      detail: { day, valueKg: kg(f.value), medianKg: kg(f.verdict.median), madKg: kg(f.verdict.mad), score: f.verdict.score, k: p["alert.station_mad_k"], windowDays },
      subjectType: "RecyclingStation",
      subjectId: s.id,
      subjectLabel: s.name,
      districtId: s.district_id,
      org: { kind: "recycling.enterprise", id: s.enterprise_id },
      lon: Number(s.lon),
      lat: Number(s.lat),
      dedupKey: `recycling:station-volume:${s.id}:${day}`,
    });
  }
  return flagged;
}

/** Rule 2: raises one ongoing alert per silent device. */
export async function checkSilentDevices(w: Writer, now = new Date()): Promise<number[]> {
  const p = await getParams(w.tx);
  const hours = p["alert.device_silent_hours"];
  const silent = await rows<{ id: number; code: string; last_seen_at: string | null; installed_at: string; district_id: number; enterprise_id: number; station_name: string; lon: string; lat: string }>(
    w.tx,
    sql`select d.id, d.code, d.last_seen_at, d.installed_at, d.district_id, d.enterprise_id, s.name as station_name, s.lon, s.lat
        from recycling.devices d join recycling.stations s on s.id = d.station_id
        where d.status = 'ACTIVE' and coalesce(d.last_seen_at, d.installed_at) < ${new Date(now.getTime() - hours * 3600_000).toISOString()}::timestamptz`,
  );
  for (const d of silent) {
    const last = d.last_seen_at ? new Date(d.last_seen_at) : null;
    if (!isSilent(last, new Date(d.installed_at), now, hours)) continue;
    const since = last ? last.toISOString() : "never";
    await raiseAlert(w, {
      stream: "recycling",
      rule: "recycling.device_silent",
      severity: "LOW",
      title: `设备 ${d.code}（${d.station_name}）超过 ${hours} 小时未上传数据 / Device ${d.code} silent for more than ${hours} h`,
      detail: { device: d.code, lastSeenAt: since, hours },
      subjectType: "RecyclingDevice",
      subjectId: d.id,
      subjectLabel: d.code,
      districtId: d.district_id,
      org: { kind: "recycling.enterprise", id: d.enterprise_id },
      lon: Number(d.lon),
      lat: Number(d.lat),
      dedupKey: `recycling:device-silent:${d.id}`,
      at: now,
    });
  }
  return silent.map((d) => d.id);
}

const jobPrincipal = () => systemPrincipal("recycling-jobs");

/** Scheduled: expire due lots in chunks until none are left (each chunk its own transaction). */
export async function runExpiry(app: App, today = dayOf(new Date()), maxChunks = 50): Promise<{ lots: number; points: number }> {
  let lots = 0;
  let points = 0;
  for (let i = 0; i < maxChunks; i++) {
    const r = await withWriter(app, jobPrincipal(), { operation: "recycling.expirePoints" }, async (w) => {
      const res = await expireLots(w, { today, limit: 5000 });
      if (res.lots) await w.audit({ entity: "PointsLot", action: "expire", changes: { today, lots: res.lots, points: res.points } });
      return res;
    });
    lots += r.lots;
    points += r.points;
    if (r.lots === 0) break;
  }
  return { lots, points };
}

export async function runSilentDevices(app: App, now = new Date()): Promise<number[]> {
  return withWriter(app, jobPrincipal(), { operation: "recycling.checkSilentDevices" }, (w) => checkSilentDevices(w, now));
}

export async function runStationVolumes(app: App, day = addDays(dayOf(new Date()), -1)): Promise<number> {
  return (await withWriter(app, jobPrincipal(), { operation: "recycling.checkStationVolumes" }, (w) => checkStationVolumes(w, day))).length;
}
