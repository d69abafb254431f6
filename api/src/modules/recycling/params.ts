/**
 * 规则参数 — the parameters of the points and anomaly rules, kept in recycling.rule_params so staff
 * can tune them (audited). Defaults are inserted by a migration; this list documents them.
 */
import { eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import type { Tx } from "../core/db.js";
import { ruleParams } from "./tables.js";

export interface ParamDef {
  key: string;
  value: number;
  unit: string;
  min: number;
  max: number;
  integer?: boolean;
  zh: string;
  en: string;
}

/** Every parameter, its default, allowed range and meaning. */
export const PARAM_DEFS: ParamDef[] = [
  { key: "points.expiry_days", value: 180, unit: "天", min: 1, max: 3650, integer: true, zh: "积分有效期：批次获得后多少天过期", en: "Points expire this many days after the lot was earned" },
  { key: "points.per_yuan", value: 100, unit: "分/元", min: 1, max: 10000, integer: true, zh: "兑换比例：每元商品价值所需积分", en: "Points needed per yuan of goods value" },
  { key: "ingest.max_future_minutes", value: 10, unit: "分钟", min: 0, max: 1440, integer: true, zh: "称重时间最多可超前服务器时间的分钟数（设备时钟误差）", en: "How far in the future a weighing's time may be (device clock skew)" },
  { key: "ingest.max_age_days", value: 90, unit: "天", min: 1, max: 3650, integer: true, zh: "离线补传：最多接受多少天前的称重", en: "Offline backlog: oldest weighing accepted, in days" },
  { key: "ingest.max_grams.smart_bin", value: 50_000, unit: "克", min: 1, max: 100_000_000, integer: true, zh: "智能回收箱单次称重上限", en: "Largest single weighing of a smart bin" },
  { key: "ingest.max_grams.smart_scale", value: 500_000, unit: "克", min: 1, max: 100_000_000, integer: true, zh: "智能秤单次称重上限", en: "Largest single weighing of a smart scale" },
  { key: "ingest.max_grams.weighbridge", value: 60_000_000, unit: "克", min: 1, max: 200_000_000, integer: true, zh: "地磅单次称重上限", en: "Largest single weighing of a weighbridge" },
  { key: "alert.station_mad_k", value: 3, unit: "倍MAD", min: 0.5, max: 50, zh: "站点日回收量异常：偏离近期中位数超过 k 倍中位数绝对偏差", en: "Station daily weight anomaly: deviation from the recent median beyond k median absolute deviations" },
  { key: "alert.station_window_days", value: 28, unit: "天", min: 7, max: 365, integer: true, zh: "站点日回收量异常：参照的近期天数", en: "Station daily weight anomaly: days of recent history compared against" },
  { key: "alert.station_min_days", value: 14, unit: "天", min: 3, max: 365, integer: true, zh: "站点日回收量异常：至少有多少天历史才判断", en: "Station daily weight anomaly: minimum days of history before judging" },
  { key: "alert.device_silent_hours", value: 48, unit: "小时", min: 1, max: 24 * 90, integer: true, zh: "设备离线：超过多少小时未上传", en: "Device silent: hours without an upload" },
  { key: "alert.price_jump_pct", value: 30, unit: "%", min: 1, max: 1000, zh: "价格异动：较前一次公布变动超过百分比", en: "Price jump: change against the previous publication beyond this percentage" },
  { key: "alert.card_daily_points", value: 20_000, unit: "分", min: 1, max: 100_000_000, integer: true, zh: "积分异常：一张卡一天获得积分超过", en: "Implausible earning: points earned by one card in one day beyond" },
  { key: "custody.max_gain_pct", value: 2, unit: "%", min: 0, max: 100, zh: "交接称重：后一环节重量最多可比前一环节多出的百分比（含水率、秤误差）", en: "Hand-over weighing: how much heavier a step may be than the previous one (moisture, scale error)" },
  { key: "custody.loss_alert_pct", value: 15, unit: "%", min: 0, max: 100, zh: "交接损耗预警：从上门收集到售出损耗超过百分比", en: "Custody loss alert: loss from collection to sale beyond this percentage" },
];

export type ParamKey =
  | "points.expiry_days"
  | "points.per_yuan"
  | "ingest.max_future_minutes"
  | "ingest.max_age_days"
  | "ingest.max_grams.smart_bin"
  | "ingest.max_grams.smart_scale"
  | "ingest.max_grams.weighbridge"
  | "alert.station_mad_k"
  | "alert.station_window_days"
  | "alert.station_min_days"
  | "alert.device_silent_hours"
  | "alert.price_jump_pct"
  | "alert.card_daily_points"
  | "custody.max_gain_pct"
  | "custody.loss_alert_pct";

export type Params = Record<ParamKey, number>;

export function defaultParams(): Params {
  return Object.fromEntries(PARAM_DEFS.map((d) => [d.key, d.value])) as Params;
}

let cache: { at: number; params: Params } | undefined;
const CACHE_MS = 5000;

/** Current parameters (cached a few seconds; a change through setParam clears the cache). */
export async function getParams(tx: Tx, fresh = false): Promise<Params> {
  if (!fresh && cache && Date.now() - cache.at < CACHE_MS) return cache.params;
  const rows = await tx.select({ key: ruleParams.key, value: ruleParams.value }).from(ruleParams);
  const params = defaultParams();
  for (const r of rows) if (r.key in params) params[r.key as ParamKey] = Number(r.value);
  cache = { at: Date.now(), params };
  return params;
}

export function clearParamCache(): void {
  cache = undefined;
}

/** Changes one parameter (staff), audited with the old and new value. */
export async function setParam(w: Writer, key: string, value: number): Promise<typeof ruleParams.$inferSelect> {
  const def = PARAM_DEFS.find((d) => d.key === key);
  if (!def) throw new DomainError("UNKNOWN_PARAMETER", `No parameter ${key}`, "key");
  if (!Number.isFinite(value) || value < def.min || value > def.max) throw new DomainError("OUT_OF_RANGE", `${key} must be between ${def.min} and ${def.max}`, "value");
  if (def.integer && !Number.isInteger(value)) throw new DomainError("NOT_AN_INTEGER", `${key} must be a whole number`, "value");
  const [old] = await w.tx.select().from(ruleParams).where(eq(ruleParams.key, key)).for("update");
  const [row] = await w.tx
    .insert(ruleParams)
    .values({ key, value: String(value), unit: def.unit, descriptionZh: def.zh, descriptionEn: def.en, updatedBy: w.principal.label })
    .onConflictDoUpdate({ target: ruleParams.key, set: { value: String(value), updatedBy: w.principal.label, updatedAt: sql`now()` } })
    .returning();
  await w.audit({ entity: "RecyclingRuleParameter", entityId: key, action: "update", changes: { value: [old ? Number(old.value) : def.value, value] } });
  w.afterCommit(() => clearParamCache());
  clearParamCache();
  return row!;
}

/** The SQL of the default rows (for the migration that inserts them). */
export function paramsInsertSql(): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return `INSERT INTO "recycling"."rule_params" ("key", "value", "unit", "description_zh", "description_en") VALUES\n${PARAM_DEFS.map((d) => `  (${q(d.key)}, ${d.value}, ${q(d.unit)}, ${q(d.zh)}, ${q(d.en)})`).join(",\n")}\nON CONFLICT ("key") DO NOTHING;`;
}
