/**
 * Alert rules of spoil supervision (渣土运输监管预警规则). Each rule has documented parameters with
 * defaults here; staff change them per rule in `construction.alert_rules` (updateSpoilAlertRule).
 *
 * Real-time rules run on every batch of GPS positions (core tracking's onPositions), inside the
 * ingesting transaction: OFF_ROUTE, NO_PERMIT, PERMIT_EXPIRED, OVERSPEED, SUSPECTED_DUMPING, and the
 * geofence trigger that opens a trip manifest when a truck leaves a site. Scheduled rules:
 * MANIFEST_OVERDUE, DISPOSAL_CAPACITY (also checked on every receipt) and permit expiry.
 *
 * `evaluateTrack` is a plain function over one vehicle's points and its saved state; it returns the
 * new state and the events to apply. Alerts carry a dedupKey, so one ongoing deviation is one alert
 * (occurrences are bumped); OFF_ROUTE and NO_PERMIT close themselves when the deviation ends,
 * DISPOSAL_CAPACITY when the place is back below its threshold, MANIFEST_OVERDUE when the manifest closes.
 */
import { inArray, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { AlertBatch, raiseAlert, resolveAlertByKey, type Severity } from "../core/alerts.js";
import { rows, type Tx } from "../core/db.js";
import type { TrackedPosition } from "../core/tracking.js";
import { distanceM, distanceToRouteM, FenceIndex, type Fence } from "./geo.js";
import { alertRules, disposalPlaces, sites, type BBox, type LineCoords } from "./tables.js";

export type RuleCode = "OFF_ROUTE" | "NO_PERMIT" | "PERMIT_EXPIRED" | "OVERSPEED" | "SUSPECTED_DUMPING" | "MANIFEST_OVERDUE" | "DISPOSAL_CAPACITY";

export interface RuleParam {
  key: string;
  default: number;
  min: number;
  max: number;
  unit: string;
  descriptionZh: string;
  descriptionEn: string;
}

export interface RuleDefinition {
  rule: RuleCode;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  severity: Severity;
  /** REALTIME (on positions) or SCHEDULED. */
  trigger: "REALTIME" | "SCHEDULED";
  params: RuleParam[];
}

export const RULES: RuleDefinition[] = [
  {
    rule: "OFF_ROUTE",
    titleZh: "偏离核准路线",
    titleEn: "Off the permitted route",
    descriptionZh: "持证车辆距核准路线超过 distanceM 米且连续 points 个点（在工地或消纳场内除外）；回到路线 distanceM/2 以内或到达登记场所后自动关闭。",
    descriptionEn: "A truck with a permit is more than distanceM metres from its permitted route for `points` consecutive points (not inside a site or disposal place); closes itself when the truck is back within distanceM/2 of the route or reaches a registered place.",
    severity: "MEDIUM",
    trigger: "REALTIME",
    params: [
      { key: "distanceM", default: 300, min: 50, max: 5000, unit: "m", descriptionZh: "偏离距离阈值", descriptionEn: "Distance from the route" },
      { key: "points", default: 3, min: 1, max: 60, unit: "点", descriptionZh: "连续偏离点数", descriptionEn: "Consecutive points beyond it" },
    ],
  },
  {
    rule: "NO_PERMIT",
    titleZh: "无证行驶",
    titleEn: "Moving without a permit",
    descriptionZh: "车辆无有效准运证，速度不低于 minSpeedKmh 且连续 points 个点；取得有效准运证后自动关闭。",
    descriptionEn: "A truck with no permit in force moves at minSpeedKmh or more for `points` consecutive points; closes itself once a permit is in force.",
    severity: "HIGH",
    trigger: "REALTIME",
    params: [
      { key: "minSpeedKmh", default: 10, min: 1, max: 60, unit: "km/h", descriptionZh: "视为行驶的速度", descriptionEn: "Speed that counts as moving" },
      { key: "points", default: 3, min: 1, max: 60, unit: "点", descriptionZh: "连续点数", descriptionEn: "Consecutive points" },
    ],
  },
  {
    rule: "PERMIT_EXPIRED",
    titleZh: "准运证过期运输",
    titleEn: "Moving on an expired permit",
    descriptionZh: "车辆最近一张准运证已过期（graceDays 天内过期的视为过期而非无证），仍在行驶（同 NO_PERMIT 的速度与点数）。",
    descriptionEn: "The truck's latest permit has run out (within graceDays: counted as expired rather than no permit) and it still moves (speed and points as NO_PERMIT).",
    severity: "MEDIUM",
    trigger: "REALTIME",
    params: [{ key: "graceDays", default: 30, min: 1, max: 365, unit: "天", descriptionZh: "过期多久内按过期处理", descriptionEn: "Days after expiry still reported as expired" }],
  },
  {
    rule: "OVERSPEED",
    titleZh: "超速",
    titleEn: "Overspeed",
    descriptionZh: "速度超过 limitKmh 且连续 points 个点；同一车辆同一天为一条预警。",
    descriptionEn: "Speed above limitKmh for `points` consecutive points; one alert per vehicle and day.",
    severity: "MEDIUM",
    trigger: "REALTIME",
    params: [
      { key: "limitKmh", default: 60, min: 20, max: 120, unit: "km/h", descriptionZh: "限速", descriptionEn: "Speed limit" },
      { key: "points", default: 2, min: 1, max: 60, unit: "点", descriptionZh: "连续点数", descriptionEn: "Consecutive points" },
    ],
  },
  {
    rule: "SUSPECTED_DUMPING",
    titleZh: "疑似偷倒（场外停留）",
    titleEn: "Suspected illegal dumping (stop outside registered places)",
    descriptionZh: "车辆在已备案工地和消纳场所（外扩 placeMarginM 米）之外，以低于 stopSpeedKmh 的速度在 radiusM 米内停留超过 minMinutes 分钟。",
    descriptionEn: "A truck stays within radiusM metres, slower than stopSpeedKmh, for more than minMinutes minutes outside every registered site and disposal place (grown by placeMarginM metres).",
    severity: "HIGH",
    trigger: "REALTIME",
    params: [
      { key: "minMinutes", default: 10, min: 2, max: 240, unit: "分钟", descriptionZh: "停留时长", descriptionEn: "Stop duration" },
      { key: "stopSpeedKmh", default: 3, min: 0, max: 10, unit: "km/h", descriptionZh: "视为停车的速度", descriptionEn: "Speed that counts as stopped" },
      { key: "radiusM", default: 60, min: 10, max: 500, unit: "m", descriptionZh: "停留半径", descriptionEn: "Stop radius" },
      { key: "placeMarginM", default: 100, min: 0, max: 1000, unit: "m", descriptionZh: "场所外扩距离", descriptionEn: "Margin around registered places" },
    ],
  },
  {
    rule: "MANIFEST_OVERDUE",
    titleZh: "联单超时未闭合",
    titleEn: "Trip manifest not closed in time",
    descriptionZh: "联单开出后 hours 小时仍未被消纳场所签收（每分钟检查）；签收或作废后自动关闭。",
    descriptionEn: "A manifest is still open `hours` hours after it was opened (checked every minute); closes itself when the manifest is received or voided.",
    severity: "MEDIUM",
    trigger: "SCHEDULED",
    params: [{ key: "hours", default: 6, min: 1, max: 72, unit: "小时", descriptionZh: "最长在途时间", descriptionEn: "Longest time in transit" }],
  },
  {
    rule: "DISPOSAL_CAPACITY",
    titleZh: "消纳场所库容预警",
    titleEn: "Disposal place above its capacity threshold",
    descriptionZh: "已用库容（年度产能场所按本年）达到场所阈值（未设置时 defaultThresholdPct%）；每次签收和每 10 分钟检查，回落后自动关闭。",
    descriptionEn: "Used capacity (this year's intake for annual-capacity places) reaches the place's threshold (defaultThresholdPct% when unset); checked on every receipt and every 10 minutes; closes itself when back below.",
    severity: "HIGH",
    trigger: "SCHEDULED",
    params: [{ key: "defaultThresholdPct", default: 90, min: 50, max: 100, unit: "%", descriptionZh: "默认阈值", descriptionEn: "Default threshold" }],
  },
];

export interface RuleSetting {
  enabled: boolean;
  severity: Severity;
  params: Record<string, number>;
}
export type RuleConfig = Record<RuleCode, RuleSetting>;

export function defaultRuleConfig(): RuleConfig {
  return Object.fromEntries(RULES.map((r) => [r.rule, { enabled: true, severity: r.severity, params: Object.fromEntries(r.params.map((p) => [p.key, p.default])) }])) as RuleConfig;
}

const configCache = new WeakMap<object, { at: number; config: RuleConfig }>();
const CONFIG_TTL_MS = 5_000;

/** The rules' current settings: defaults overridden by the table; cached per database for a few seconds. */
export async function ruleConfig(tx: Tx, cacheKey?: object): Promise<RuleConfig> {
  const key = cacheKey ?? tx;
  const c = configCache.get(key);
  if (c && Date.now() - c.at < CONFIG_TTL_MS) return c.config;
  const config = defaultRuleConfig();
  for (const r of await tx.select().from(alertRules)) {
    const cur = config[r.rule as RuleCode];
    if (!cur) continue;
    cur.enabled = r.enabled;
    cur.severity = r.severity;
    Object.assign(cur.params, r.params);
  }
  configCache.set(key, { at: Date.now(), config });
  return config;
}
export function clearRuleConfigCache(key: object): void {
  configCache.delete(key);
}

/** Validates and stores one rule's settings. */
export async function updateRule(w: Writer, rule: string, patch: { enabled?: boolean | null; severity?: Severity | null; params?: Record<string, unknown> | null }): Promise<RuleSetting> {
  const def = RULES.find((r) => r.rule === rule);
  if (!def) throw new DomainError("UNKNOWN_RULE", `No rule ${rule}; rules are ${RULES.map((r) => r.rule).join(", ")}`, "input.rule");
  const current = (await ruleConfig(w.tx, {}))[def.rule];
  const params = { ...current.params };
  for (const [k, v] of Object.entries(patch.params ?? {})) {
    const p = def.params.find((x) => x.key === k);
    if (!p) throw new DomainError("UNKNOWN_PARAM", `Rule ${rule} has no parameter ${k} (has ${def.params.map((x) => x.key).join(", ")})`, `input.params.${k}`);
    if (typeof v !== "number" || !Number.isFinite(v) || v < p.min || v > p.max) throw new DomainError("OUT_OF_RANGE", `${k} must be a number in [${p.min}, ${p.max}] ${p.unit}`, `input.params.${k}`);
    params[k] = v;
  }
  const next: RuleSetting = { enabled: patch.enabled ?? current.enabled, severity: patch.severity ?? current.severity, params };
  await w.tx
    .insert(alertRules)
    .values({ rule, enabled: next.enabled, severity: next.severity, params, updatedBy: w.principal.label })
    .onConflictDoUpdate({ target: alertRules.rule, set: { enabled: next.enabled, severity: next.severity, params, updatedBy: w.principal.label, updatedAt: new Date() } });
  await w.audit({ entity: "SpoilAlertRule", entityId: rule, action: "update", changes: { before: current, after: next } });
  configCache.delete(w.app.db);
  return next;
}

/** Share of OFF_ROUTE.distanceM within which an off-route truck counts as back on its route. */
export const OFF_ROUTE_RETURN_SHARE = 0.5;

// ——— dedup keys ———

export const dedup = {
  offRoute: (vehicleId: number, permitId: number) => `construction:off_route:${vehicleId}:${permitId}`,
  noPermit: (vehicleId: number) => `construction:no_permit:${vehicleId}`,
  permitExpired: (permitId: number) => `construction:permit_expired:${permitId}`,
  overspeed: (vehicleId: number, day: string) => `construction:overspeed:${vehicleId}:${day}`,
  dumping: (vehicleId: number, since: Date) => `construction:dumping:${vehicleId}:${since.getTime()}`,
  manifestOverdue: (manifestId: number) => `construction:manifest_overdue:${manifestId}`,
  capacity: (placeId: number) => `construction:capacity:${placeId}`,
};

// ——— the real-time evaluator (plain) ———

export interface TrackPoint {
  at: Date;
  lon: number;
  lat: number;
  speedKmh: number;
}

export interface VehicleTrackState {
  lastAt: Date | null;
  lastLon: number | null;
  lastLat: number | null;
  offRouteCount: number;
  stoppedSince: Date | null;
  stopLon: number | null;
  stopLat: number | null;
  insideSiteId: number | null;
  overspeedCount: number;
  noPermitCount: number;
}

export const EMPTY_STATE: VehicleTrackState = { lastAt: null, lastLon: null, lastLat: null, offRouteCount: 0, stoppedSince: null, stopLon: null, stopLat: null, insideSiteId: null, overspeedCount: 0, noPermitCount: 0 };

export interface PermitLite {
  id: number;
  number: string | null;
  status: string;
  validFrom: Date;
  validTo: Date;
  route: LineCoords;
  routeBbox: BBox;
}

export interface TrackEvent {
  kind: "raise" | "resolve" | "leftSite";
  rule?: RuleCode;
  dedupKey?: string;
  at: Date;
  lon: number;
  lat: number;
  title?: string;
  detail?: Record<string, unknown>;
  disposition?: string;
  siteId?: number;
}

const shDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The permit in force at `at` (ACTIVE and within its period), if any. */
export function permitAt(list: PermitLite[], at: Date): PermitLite | null {
  for (const p of list) if (p.status === "ACTIVE" && p.validFrom <= at && at < p.validTo) return p;
  return null;
}

/** The most recent permit that ended before `at` (not revoked), if any. */
export function lastEndedPermit(list: PermitLite[], at: Date): PermitLite | null {
  let best: PermitLite | null = null;
  for (const p of list) if ((p.status === "ACTIVE" || p.status === "EXPIRED") && p.validTo <= at && (!best || p.validTo > best.validTo)) best = p;
  return best;
}

/**
 * Evaluates one vehicle's new points (time order) against the real-time rules.
 * Points not newer than the saved state's last point are ignored by the rules (late points are stored
 * for history, but do not rewind the rule state).
 */
export function evaluateTrack(vehicleId: number, plate: string, state0: VehicleTrackState, points: TrackPoint[], permitList: PermitLite[], fences: FenceIndex, cfg: RuleConfig): { state: VehicleTrackState; events: TrackEvent[] } {
  const s: VehicleTrackState = { ...state0 };
  const ev: TrackEvent[] = [];
  const off = cfg.OFF_ROUTE;
  const np = cfg.NO_PERMIT;
  const ex = cfg.PERMIT_EXPIRED;
  const os = cfg.OVERSPEED;
  const du = cfg.SUSPECTED_DUMPING;
  for (const p of points) {
    if (s.lastAt && p.at <= s.lastAt) continue;
    const site = fences.find(p.lon, p.lat, "site");
    const atPlace = fences.find(p.lon, p.lat, undefined, du.params.placeMarginM!);
    const permit = permitAt(permitList, p.at);
    const moving = p.speedKmh >= np.params.minSpeedKmh!;

    // Geofence: leaving a site opens a trip manifest.
    if (s.insideSiteId != null && site?.id !== s.insideSiteId) ev.push({ kind: "leftSite", siteId: s.insideSiteId, at: p.at, lon: p.lon, lat: p.lat });
    s.insideSiteId = site?.id ?? null;

    // No permit / expired permit.
    if (!permit && moving) {
      s.noPermitCount++;
      if (s.noPermitCount === np.params.points!) {
        const ended = lastEndedPermit(permitList, p.at);
        const expired = ended && p.at.getTime() - ended.validTo.getTime() <= ex.params.graceDays! * 86_400_000 ? ended : null;
        if (expired && ex.enabled)
          ev.push({ kind: "raise", rule: "PERMIT_EXPIRED", dedupKey: dedup.permitExpired(expired.id), at: p.at, lon: p.lon, lat: p.lat, title: `${plate} 准运证已过期仍在运输 / moving on expired permit ${expired.number ?? ""}`, detail: { permitId: expired.id, permitNumber: expired.number, expiredAt: expired.validTo.toISOString(), speedKmh: p.speedKmh } });
        else if (!expired && np.enabled)
          ev.push({ kind: "raise", rule: "NO_PERMIT", dedupKey: dedup.noPermit(vehicleId), at: p.at, lon: p.lon, lat: p.lat, title: `${plate} 无有效准运证行驶 / moving without a permit`, detail: { speedKmh: p.speedKmh, minSpeedKmh: np.params.minSpeedKmh, points: np.params.points } });
      }
    } else if (permit) {
      if (s.noPermitCount >= np.params.points!) ev.push({ kind: "resolve", dedupKey: dedup.noPermit(vehicleId), at: p.at, lon: p.lon, lat: p.lat, disposition: `已取得有效准运证 ${permit.number ?? ""} / a permit is now in force` });
      s.noPermitCount = 0;
    }

    // Off route (only with a permit, and not inside a registered place).
    if (permit && off.enabled && !atPlace) {
      const d = distanceToRouteM(permit.route, permit.routeBbox, p.lon, p.lat, off.params.distanceM!);
      // Hysteresis: once alerted, the truck is back on the route only within half the distance, so GPS
      // noise around the threshold does not open and close alerts in a storm.
      const alerted = s.offRouteCount >= off.params.points!;
      if (d > off.params.distanceM! || (alerted && d > off.params.distanceM! * OFF_ROUTE_RETURN_SHARE)) {
        s.offRouteCount++;
        if (s.offRouteCount === off.params.points! || (s.offRouteCount > off.params.points! && s.offRouteCount % 10 === 0))
          ev.push({ kind: "raise", rule: "OFF_ROUTE", dedupKey: dedup.offRoute(vehicleId, permit.id), at: p.at, lon: p.lon, lat: p.lat, title: `${plate} 偏离核准路线 / off the permitted route`, detail: { permitId: permit.id, permitNumber: permit.number, distanceM: Math.round(d), thresholdM: off.params.distanceM, points: s.offRouteCount } });
      } else {
        if (s.offRouteCount >= off.params.points!) ev.push({ kind: "resolve", dedupKey: dedup.offRoute(vehicleId, permit.id), at: p.at, lon: p.lon, lat: p.lat, disposition: "已回到核准路线 / back on the permitted route" });
        s.offRouteCount = 0;
      }
    } else if (atPlace && permit && s.offRouteCount >= off.params.points!) {
      ev.push({ kind: "resolve", dedupKey: dedup.offRoute(vehicleId, permit.id), at: p.at, lon: p.lon, lat: p.lat, disposition: "已到达登记场所 / reached a registered place" });
      s.offRouteCount = 0;
    } else s.offRouteCount = 0;

    // Overspeed.
    if (p.speedKmh > os.params.limitKmh!) {
      s.overspeedCount++;
      if (os.enabled && s.overspeedCount === os.params.points!)
        ev.push({ kind: "raise", rule: "OVERSPEED", dedupKey: dedup.overspeed(vehicleId, shDay(p.at)), at: p.at, lon: p.lon, lat: p.lat, title: `${plate} 超速 ${Math.round(p.speedKmh)} km/h / overspeed`, detail: { speedKmh: p.speedKmh, limitKmh: os.params.limitKmh } });
    } else s.overspeedCount = 0;

    // Stops outside registered places (suspected dumping).
    if (p.speedKmh < du.params.stopSpeedKmh!) {
      if (!s.stoppedSince || s.stopLon == null || distanceM(s.stopLon, s.stopLat!, p.lon, p.lat) > du.params.radiusM!) {
        s.stoppedSince = p.at;
        s.stopLon = p.lon;
        s.stopLat = p.lat;
      } else {
        const limit = du.params.minMinutes! * 60_000;
        const before = s.lastAt ? s.lastAt.getTime() - s.stoppedSince.getTime() : 0;
        const now = p.at.getTime() - s.stoppedSince.getTime();
        const outside = !fences.find(s.stopLon, s.stopLat!, undefined, du.params.placeMarginM!);
        if (du.enabled && outside && before < limit && now >= limit)
          ev.push({ kind: "raise", rule: "SUSPECTED_DUMPING", dedupKey: dedup.dumping(vehicleId, s.stoppedSince), at: p.at, lon: s.stopLon, lat: s.stopLat!, title: `${plate} 场外停留 ${Math.round(now / 60_000)} 分钟，疑似偷倒 / suspected dumping stop`, detail: { since: s.stoppedSince.toISOString(), minutes: Math.round(now / 60_000), minMinutes: du.params.minMinutes } });
      }
    } else {
      s.stoppedSince = null;
      s.stopLon = null;
      s.stopLat = null;
    }

    s.lastAt = p.at;
    s.lastLon = p.lon;
    s.lastLat = p.lat;
  }
  return { state: s, events: ev };
}

// ——— fences (cached per database) ———

const fenceCache = new WeakMap<object, { at: number; index: FenceIndex }>();
const FENCE_TTL_MS = 30_000;

export async function fenceIndex(tx: Tx, cacheKey: object): Promise<FenceIndex> {
  const c = fenceCache.get(cacheKey);
  if (c && Date.now() - c.at < FENCE_TTL_MS) return c.index;
  const fences: Fence[] = [];
  for (const s of await tx.select({ id: sites.id, bbox: sites.bbox, geofence: sites.geofence }).from(sites).where(inArray(sites.status, ["REGISTERED", "ACTIVE"])))
    fences.push({ id: s.id, kind: "site", bbox: s.bbox, polygon: s.geofence });
  for (const p of await tx.select({ id: disposalPlaces.id, bbox: disposalPlaces.bbox, geofence: disposalPlaces.geofence }).from(disposalPlaces).where(inArray(disposalPlaces.status, ["OPEN", "FULL"])))
    fences.push({ id: p.id, kind: "place", bbox: p.bbox, polygon: p.geofence });
  const index = new FenceIndex(fences);
  fenceCache.set(cacheKey, { at: Date.now(), index });
  return index;
}
export function clearFenceCache(cacheKey: object): void {
  fenceCache.delete(cacheKey);
}

// ——— applying a batch ———

/** A permit as the batch look-up returns it (JSON: times are strings). */
type PermitJson = Omit<PermitLite, "validFrom" | "validTo"> & { validFrom: string; validTo: string };
/** A saved track state as the batch look-up returns it (`row_to_json`: column names, times as strings). */
interface StateJson {
  last_at: string | null;
  last_lon: number | string | null;
  last_lat: number | string | null;
  off_route_count: number;
  stopped_since: string | null;
  stop_lon: number | string | null;
  stop_lat: number | string | null;
  inside_site_id: number | null;
  overspeed_count: number;
  no_permit_count: number;
}

/**
 * The construction stream's onPositions handler: loads state, permits, vehicles and open manifests for
 * the batch's vehicles (one statement), evaluates each
 * vehicle, hands its alerts to the batch's `AlertBatch` (written with every other alert of the ingestion)
 * and writes the states back in one statement. Without `alerts` it writes its own at the end.
 */
export async function handlePositions(
  w: Writer,
  batch: TrackedPosition[],
  opts: { openManifest?: (w: Writer, vehicleId: number, siteId: number, at: Date) => Promise<void>; alerts?: AlertBatch } = {},
): Promise<void> {
  const byVehicle = new Map<number, TrackedPosition[]>();
  for (const p of batch) {
    let l = byVehicle.get(p.vehicle.vehicleId);
    if (!l) byVehicle.set(p.vehicle.vehicleId, (l = []));
    l.push(p);
  }
  const ids = [...byVehicle.keys()];
  // Rule settings and fences are cached per process (usually no query).
  const [cfg, fences] = await Promise.all([ruleConfig(w.tx, w.app.db), fenceIndex(w.tx, w.app.db)]);
  let minAt = Infinity;
  for (const p of batch) minAt = Math.min(minAt, p.at.getTime());
  const graceMs = cfg.PERMIT_EXPIRED.params.graceDays! * 86_400_000;
  // Each truck of the batch with everything its rules need — permits that may be in force (or just
  // expired), saved state, whether a manifest is open — in one statement: one wait and one plan per batch.
  const loaded = await rows<{ id: number; plate: string; company_id: number; district_id: number | null; permits: PermitJson[]; state: StateJson | null; open_manifest: boolean }>(
    w.tx,
    sql`select v.id, v.plate, v.company_id, v.district_id,
          coalesce((select json_agg(json_build_object('id', p.id, 'number', p.number, 'status', p.status, 'validFrom', p.valid_from, 'validTo', p.valid_to, 'route', p.route, 'routeBbox', p.route_bbox) order by p.valid_from)
                    from construction.permits p
                    where p.vehicle_id = v.id and p.status in ('ACTIVE', 'EXPIRED') and p.valid_to >= ${new Date(minAt - graceMs).toISOString()}::timestamptz), '[]') as permits,
          (select row_to_json(t) from construction.track_state t where t.vehicle_id = v.id) as state,
          exists (select 1 from construction.manifests m where m.vehicle_id = v.id and m.status = 'OPEN') as open_manifest
        from construction.vehicles v
        where v.id = any(array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int))
        order by v.id`,
  );
  if (loaded.length === 0) return;
  const known = loaded.map((v) => ({ id: Number(v.id), plate: v.plate, companyId: Number(v.company_id), districtId: v.district_id == null ? null : Number(v.district_id) }));
  const permitsOf = new Map<number, PermitLite[]>();
  const states = new Map<number, VehicleTrackState>();
  const openManifestVehicles = new Set<number>();
  for (const v of loaded) {
    const id = Number(v.id);
    permitsOf.set(
      id,
      (typeof v.permits === "string" ? (JSON.parse(v.permits) as PermitJson[]) : v.permits).map((p) => ({ ...p, validFrom: new Date(p.validFrom), validTo: new Date(p.validTo) })),
    );
    const r = typeof v.state === "string" ? (JSON.parse(v.state) as StateJson) : v.state;
    if (r)
      states.set(id, {
        lastAt: r.last_at == null ? null : new Date(r.last_at),
        lastLon: Number(r.last_lon),
        lastLat: Number(r.last_lat),
        offRouteCount: r.off_route_count,
        stoppedSince: r.stopped_since == null ? null : new Date(r.stopped_since),
        stopLon: r.stop_lon == null ? null : Number(r.stop_lon),
        stopLat: r.stop_lat == null ? null : Number(r.stop_lat),
        insideSiteId: r.inside_site_id,
        overspeedCount: r.overspeed_count,
        noPermitCount: r.no_permit_count,
      });
    if (v.open_manifest === true || (v.open_manifest as unknown) === "t") openManifestVehicles.add(id);
  }
  const alerts = opts.alerts ?? new AlertBatch();

  const out: { vehicleId: number; s: VehicleTrackState }[] = [];
  for (const v of known) {
    const pts = byVehicle.get(v.id)!;
    const { state, events } = evaluateTrack(v.id, v.plate, states.get(v.id) ?? EMPTY_STATE, pts, permitsOf.get(v.id) ?? [], fences, cfg);
    if (state.lastAt) out.push({ vehicleId: v.id, s: state });
    for (const e of events) {
      if (e.kind === "raise") {
        alerts.raise({
          stream: "construction",
          rule: e.rule!,
          severity: cfg[e.rule!].severity,
          title: e.title!,
          detail: e.detail,
          subjectType: "Vehicle",
          subjectId: v.id,
          subjectLabel: v.plate,
          districtId: v.districtId,
          org: { kind: "construction.company", id: v.companyId },
          lon: e.lon,
          lat: e.lat,
          dedupKey: e.dedupKey!,
          at: e.at,
        });
      } else if (e.kind === "resolve") {
        alerts.resolve(e.dedupKey!, e.disposition!);
      } else if (e.kind === "leftSite" && opts.openManifest && !openManifestVehicles.has(v.id)) {
        await opts.openManifest(w, v.id, e.siteId!, e.at);
        openManifestVehicles.add(v.id);
      }
    }
  }
  if (out.length) {
    const payload = JSON.stringify(
      out.map(({ vehicleId, s }) => ({ v: vehicleId, a: s.lastAt!.toISOString(), x: s.lastLon, y: s.lastLat, o: s.offRouteCount, ss: s.stoppedSince?.toISOString() ?? null, sx: s.stopLon, sy: s.stopLat, i: s.insideSiteId, os: s.overspeedCount, np: s.noPermitCount })),
    );
    await w.tx.execute(sql`insert into construction.track_state as t (vehicle_id, last_at, last_lon, last_lat, off_route_count, stopped_since, stop_lon, stop_lat, inside_site_id, overspeed_count, no_permit_count)
      select v, a, x, y, o, ss, sx, sy, i, os, np from jsonb_to_recordset(${payload}::jsonb)
        as r(v int, a timestamptz, x numeric, y numeric, o int, ss timestamptz, sx numeric, sy numeric, i int, os int, np int)
      on conflict (vehicle_id) do update set last_at = excluded.last_at, last_lon = excluded.last_lon, last_lat = excluded.last_lat,
        off_route_count = excluded.off_route_count, stopped_since = excluded.stopped_since, stop_lon = excluded.stop_lon, stop_lat = excluded.stop_lat,
        inside_site_id = excluded.inside_site_id, overspeed_count = excluded.overspeed_count, no_permit_count = excluded.no_permit_count
      where excluded.last_at > t.last_at`);
  }
  if (!opts.alerts) await alerts.flush(w);
}

// ——— scheduled and write-time rules ———

/** Raises MANIFEST_OVERDUE once for each manifest open longer than the rule allows. */
export async function checkOverdueManifests(w: Writer, now = new Date()): Promise<number> {
  const cfg = await ruleConfig(w.tx, w.app.db);
  const r = cfg.MANIFEST_OVERDUE;
  if (!r.enabled) return 0;
  const cutoff = new Date(now.getTime() - r.params.hours! * 3600_000);
  const overdue = await rows<{ id: number; number: string; plate: string; vehicle_id: number; company_id: number; district_id: number; opened_at: string | Date }>(
    w.tx,
    sql`select m.id, m.number, v.plate, m.vehicle_id, m.company_id, m.district_id, m.opened_at from construction.manifests m join construction.vehicles v on v.id = m.vehicle_id
        where m.status = 'OPEN' and m.opened_at < ${cutoff.toISOString()}::timestamptz
          and not exists (select 1 from core.alerts a where a.dedup_key = 'construction:manifest_overdue:' || m.id)
        order by m.opened_at limit 500`,
  );
  for (const m of overdue) {
    const hours = Math.round((now.getTime() - new Date(m.opened_at).getTime()) / 360_000) / 10;
    await raiseAlert(w, {
      stream: "construction",
      rule: "MANIFEST_OVERDUE",
      severity: r.severity,
      title: `联单 ${m.number} 已 ${hours} 小时未闭合 / manifest open ${hours} h`,
      detail: { manifestId: m.id, number: m.number, openedAt: new Date(m.opened_at).toISOString(), hours, limitHours: r.params.hours },
      subjectType: "TripManifest",
      subjectId: m.id,
      subjectLabel: `${m.number} ${m.plate}`,
      districtId: m.district_id,
      org: { kind: "construction.company", id: m.company_id },
      dedupKey: dedup.manifestOverdue(m.id),
      at: now,
    });
  }
  return overdue.length;
}

export async function resolveManifestOverdue(w: Writer, manifestId: number): Promise<void> {
  await resolveAlertByKey(w, dedup.manifestOverdue(manifestId), "联单已闭合或作废 / manifest closed or voided");
}

type PlaceRow = typeof disposalPlaces.$inferSelect;

/** Used capacity of a place in its own unit: TOTAL → all received; ANNUAL → received this year. */
export async function usedCapacity(tx: Tx, p: PlaceRow, at: Date): Promise<number> {
  if (p.capacityBasis === "TOTAL") return Number(p.capacityUnit === "T" ? p.receivedT : p.receivedM3);
  const year = shDay(at).slice(0, 4);
  const [r] = await rows<{ m3: string; t: string }>(tx, sql`select coalesce(sum(received_m3), 0)::text as m3, coalesce(sum(received_t), 0)::text as t from construction.place_daily where place_id = ${p.id} and day >= ${`${year}-01-01`} and day <= ${`${year}-12-31`}`);
  return Number(p.capacityUnit === "T" ? r!.t : r!.m3);
}

/** Plain: is the place at or above its threshold? */
export function aboveThreshold(capacity: number, used: number, thresholdPct: number): boolean {
  return capacity > 0 && (used / capacity) * 100 >= thresholdPct;
}

export async function checkPlaceCapacity(w: Writer, p: PlaceRow, at = new Date()): Promise<void> {
  const cfg = await ruleConfig(w.tx, w.app.db);
  const r = cfg.DISPOSAL_CAPACITY;
  if (!r.enabled) return;
  const used = await usedCapacity(w.tx, p, at);
  const threshold = p.alertThresholdPct ?? r.params.defaultThresholdPct!;
  const cap = Number(p.capacity);
  if (aboveThreshold(cap, used, threshold)) {
    const pct = Math.round((used / cap) * 1000) / 10;
    await raiseAlert(w, {
      stream: "construction",
      rule: "DISPOSAL_CAPACITY",
      severity: r.severity,
      title: `${p.name} 库容已用 ${pct}% / capacity ${pct}% used`,
      detail: { placeId: p.id, usedPct: pct, thresholdPct: threshold, capacity: p.capacity, unit: p.capacityUnit, basis: p.capacityBasis },
      subjectType: "DisposalPlace",
      subjectId: p.id,
      subjectLabel: p.name,
      districtId: p.districtId,
      lon: Number(p.lon),
      lat: Number(p.lat),
      dedupKey: dedup.capacity(p.id),
      at,
    });
  } else {
    await resolveAlertByKey(w, dedup.capacity(p.id), "库容已回落至阈值以下 / back below the threshold");
  }
}

export async function checkAllPlaces(w: Writer, now = new Date()): Promise<void> {
  for (const p of await w.tx.select().from(disposalPlaces).where(inArray(disposalPlaces.status, ["OPEN", "FULL"]))) await checkPlaceCapacity(w, p, now);
}
