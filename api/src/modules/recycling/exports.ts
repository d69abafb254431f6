/**
 * Excel / CSV exports of the recycling lists (core exports: startExport(name, format, filter)).
 * Filters take the same shape as the lists' GraphQL filter inputs (global IDs, ISO times);
 * rows are read keyset-paged by id and scoped to the requester like the lists.
 */
import { and, asc, eq, gt, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Principal } from "../../graphql/context.js";
import { badInput, DomainError } from "../../graphql/errors.js";
import { optionalIdOf } from "../../graphql/ids.js";
import { scopeWhere, type ScopeSpec } from "../../graphql/scope.js";
import { registerExport, type ExportColumn } from "../core/exports.js";
import type { Tx } from "../core/db.js";
import { cards, devices, ledger, materials, merchants, pickups, prices, redemptions, settlements, stations, weighings } from "./tables.js";

const BATCH = 2000;
const ENT = "recycling.enterprise";
const STA = "recycling.station";
const DEV = "recycling.device";
const MER = "recycling.merchant";

const DISTRICT_NAMES: Record<number, string> = { 330602: "越城区", 330603: "柯桥区", 330604: "上虞区", 330681: "诸暨市", 330683: "嵊州市", 330624: "新昌县" };
const district = (id: number | null | undefined) => (id == null ? "" : (DISTRICT_NAMES[id] ?? String(id)));

function str(f: Record<string, unknown>, key: string, max = 60): string | undefined {
  const v = f[key];
  if (v == null || v === "") return undefined;
  if (typeof v !== "string" || v.length > max) throw badInput(`filter.${key}`, "must be a short text");
  return v;
}
function id(f: Record<string, unknown>, key: string, type: string): number | undefined {
  return optionalIdOf(type, str(f, key, 200), `filter.${key}`);
}
function time(f: Record<string, unknown>, key: string): Date | undefined {
  const v = str(f, key, 40);
  if (v == null) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw badInput(`filter.${key}`, "must be an ISO-8601 time");
  return d;
}
function bool(f: Record<string, unknown>, key: string): boolean | undefined {
  const v = f[key];
  if (v == null) return undefined;
  if (typeof v !== "boolean") throw badInput(`filter.${key}`, "must be true or false");
  return v;
}
function oneOf<T extends string>(f: Record<string, unknown>, key: string, values: readonly T[]): T | undefined {
  const v = str(f, key, 40);
  if (v == null) return undefined;
  if (!values.includes(v as T)) throw badInput(`filter.${key}`, `must be one of ${values.join(", ")}`);
  return v as T;
}

/** Keyset pages by id of `table` under `where`, scoped. */
async function* pages<Row>(tx: Tx, table: PgTable, idCol: PgColumn, where: (SQL | undefined)[]): AsyncIterable<Row[]> {
  let after = 0;
  for (;;) {
    const batch = (await tx
      .select()
      .from(table)
      .where(and(...where, gt(idCol, after)))
      .orderBy(asc(idCol))
      .limit(BATCH)) as unknown as (Row & { id: number })[];
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (batch.length < BATCH) return;
  }
}

type StationRow = typeof stations.$inferSelect;
type DeviceRow = typeof devices.$inferSelect;
type CardRow = typeof cards.$inferSelect;
type WeighingRow = typeof weighings.$inferSelect;
type LedgerRow = typeof ledger.$inferSelect;
type RedemptionRow = typeof redemptions.$inferSelect;
type SettlementRow = typeof settlements.$inferSelect;
type PickupRow = typeof pickups.$inferSelect;
type MerchantRow = typeof merchants.$inferSelect;
type PriceRow = typeof prices.$inferSelect;

const KIND_ZH: Record<string, string> = { SERVICE_STATION: "服务站", SORTING_CENTRE: "分拣中心", SMART_BIN: "智能回收箱", SMART_SCALE: "智能秤", WEIGHBRIDGE: "地磅" };
const col = <R>(key: string, headerZh: string, headerEn: string, value: ExportColumn<R>["value"]): ExportColumn<R> => ({ key, headerZh, headerEn, value });
const kg = (g: number | null | undefined) => (g == null ? null : Math.round(g) / 1000);

/** Lookups of names for a batch (materials, stations, merchants, cards). */
async function namesOf(tx: Tx, table: "materials" | "stations" | "merchants" | "cards", ids: (number | null)[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids.filter((x): x is number => x != null))];
  if (uniq.length === 0) return new Map();
  const t = { materials, stations, merchants, cards }[table];
  const nameCol = table === "cards" ? cards.cardNo : table === "materials" ? materials.nameZh : (t as typeof stations).name;
  const r = (await tx.select({ id: (t as typeof stations).id, name: nameCol }).from(t).where(inArray((t as typeof stations).id, uniq))) as { id: number; name: string }[];
  return new Map(r.map((x) => [x.id, x.name]));
}

async function* withNames<R extends Record<string, unknown>>(tx: Tx, src: AsyncIterable<R[]>, lookups: { key: keyof R; table: "materials" | "stations" | "merchants" | "cards"; as: string }[]): AsyncIterable<(R & Record<string, string>)[]> {
  for await (const batch of src) {
    const maps = await Promise.all(lookups.map((l) => namesOf(tx, l.table, batch.map((b) => b[l.key] as number | null))));
    yield batch.map((b) => {
      const out = { ...b } as R & Record<string, string>;
      lookups.forEach((l, i) => ((out as Record<string, unknown>)[l.as] = maps[i]!.get(b[l.key] as number) ?? ""));
      return out;
    });
  }
}

const staffOnly = (p: Principal) => {
  if (p.org) throw new DomainError("FORBIDDEN", "Only staff export this list", "name");
};

export function registerRecyclingExports(): void {
  const stationScope: ScopeSpec = { district: stations.districtId, orgs: [{ kind: ENT, column: stations.enterpriseId }, { kind: STA, column: stations.id }] };
  registerExport<{ where: (SQL | undefined)[] }, StationRow>({
    name: "recycling.stations",
    titleZh: "回收站点",
    titleEn: "Recycling stations",
    rule: "recycling:read:op",
    parseFilter: (f, p) => {
      const kind = oneOf(f, "kind", ["SERVICE_STATION", "SORTING_CENTRE", "SMART_BIN"] as const);
      const d = id(f, "districtId", "District");
      const e = id(f, "enterpriseId", "RecyclingEnterprise");
      const rural = bool(f, "rural");
      return { where: [...scopeWhere(p, stationScope), kind ? eq(stations.kind, kind) : undefined, d != null ? eq(stations.districtId, d) : undefined, e != null ? eq(stations.enterpriseId, e) : undefined, rural != null ? eq(stations.rural, rural) : undefined] };
    },
    columns: [
      col("code", "编码", "Code", (r) => r.code),
      col("name", "名称", "Name", (r) => r.name),
      col("kind", "类型", "Kind", (r) => KIND_ZH[r.kind] ?? r.kind),
      col("district", "区县", "District", (r) => district(r.districtId)),
      col("rural", "农村回收点", "Rural", (r) => (r.rural ? "是" : "否")),
      col("households", "服务户数", "Households", (r) => r.households),
      col("capacityTpd", "处理能力（吨/日）", "Capacity (t/day)", (r) => Number(r.capacityTpd)),
      col("lon", "经度", "Longitude", (r) => Number(r.lon)),
      col("lat", "纬度", "Latitude", (r) => Number(r.lat)),
      col("address", "地址", "Address", (r) => r.address),
      col("openedOn", "启用日期", "Opened on", (r) => r.openedOn),
    ],
    batches: (tx, _p, f) => pages(tx, stations, stations.id, f.where),
  });

  const deviceScope: ScopeSpec = { district: devices.districtId, orgs: [{ kind: ENT, column: devices.enterpriseId }, { kind: STA, column: devices.stationId }, { kind: DEV, column: devices.id }] };
  registerExport<{ where: (SQL | undefined)[] }, DeviceRow & { stationName: string }>({
    name: "recycling.devices",
    titleZh: "智能设备",
    titleEn: "Smart devices",
    rule: "recycling:read:op",
    parseFilter: (f, p) => {
      const kind = oneOf(f, "kind", ["SMART_SCALE", "SMART_BIN", "WEIGHBRIDGE"] as const);
      const d = id(f, "districtId", "District");
      const s = id(f, "stationId", "RecyclingStation");
      return { where: [...scopeWhere(p, deviceScope), kind ? eq(devices.kind, kind) : undefined, d != null ? eq(devices.districtId, d) : undefined, s != null ? eq(devices.stationId, s) : undefined] };
    },
    columns: [
      col("code", "设备编码", "Device", (r) => r.code),
      col("kind", "类型", "Kind", (r) => KIND_ZH[r.kind] ?? r.kind),
      col("station", "站点", "Station", (r) => r.stationName),
      col("district", "区县", "District", (r) => district(r.districtId)),
      col("status", "状态", "Status", (r) => (r.status === "ACTIVE" ? "启用" : "停用")),
      col("lastSeenAt", "最近上传", "Last seen", (r) => r.lastSeenAt),
      col("lastSeq", "最大流水号", "Last sequence", (r) => r.lastSeq),
      col("recordsTotal", "累计记录", "Records", (r) => r.recordsTotal),
    ],
    batches: (tx, _p, f) => withNames(tx, pages<DeviceRow>(tx, devices, devices.id, f.where) as AsyncIterable<(DeviceRow & Record<string, unknown>)[]>, [{ key: "stationId", table: "stations", as: "stationName" }]) as AsyncIterable<(DeviceRow & { stationName: string })[]>,
  });

  registerExport<{ where: (SQL | undefined)[] }, CardRow>({
    name: "recycling.cards",
    titleZh: "居民积分卡",
    titleEn: "Resident cards",
    rule: "recycling:read",
    parseFilter: (f, p) => {
      staffOnly(p);
      const d = id(f, "districtId", "District");
      const s = id(f, "stationId", "RecyclingStation");
      const status = oneOf(f, "status", ["ACTIVE", "FROZEN", "CANCELLED"] as const);
      return { where: [...scopeWhere(p, { district: cards.districtId }), d != null ? eq(cards.districtId, d) : undefined, s != null ? eq(cards.stationId, s) : undefined, status ? eq(cards.status, status) : undefined] };
    },
    columns: [
      col("cardNo", "卡号", "Card", (r) => r.cardNo),
      col("householdCode", "户号", "Household", (r) => r.householdCode),
      col("district", "区县", "District", (r) => district(r.districtId)),
      col("status", "状态", "Status", (r) => r.status),
      col("balance", "余额", "Balance", (r) => r.balance),
      col("earnedTotal", "累计获得", "Earned", (r) => r.earnedTotal),
      col("redeemedTotal", "累计兑换", "Redeemed", (r) => r.redeemedTotal),
      col("expiredTotal", "累计过期", "Expired", (r) => r.expiredTotal),
      col("issuedAt", "办卡时间", "Issued", (r) => r.issuedAt),
      col("lastActivityAt", "最近活动", "Last activity", (r) => r.lastActivityAt),
    ],
    batches: (tx, _p, f) => pages(tx, cards, cards.id, f.where),
  });

  registerExport<{ cardId: number; where: (SQL | undefined)[] }, LedgerRow>({
    name: "recycling.cardStatement",
    titleZh: "积分对账单",
    titleEn: "Points statement",
    rule: "recycling:read",
    parseFilter: (f, p) => {
      staffOnly(p);
      const c = id(f, "cardId", "ResidentCard");
      if (c == null) throw badInput("filter.cardId", "name the card");
      return { cardId: c, where: [eq(ledger.cardId, c)] };
    },
    columns: [
      col("at", "时间", "Time", (r) => r.at),
      col("kind", "类型", "Kind", (r) => ({ EARN: "获得", REDEEM: "兑换", EXPIRE: "过期", ADJUST: "调整" })[r.kind] ?? r.kind),
      col("points", "积分", "Points", (r) => r.points),
      col("balanceAfter", "余额", "Balance", (r) => r.balanceAfter),
      col("reason", "原因", "Reason", (r) => r.reason ?? ""),
      col("actor", "操作者", "By", (r) => r.actor),
    ],
    async *batches(tx, p, f) {
      const [c] = await tx.select({ districtId: cards.districtId }).from(cards).where(eq(cards.id, f.cardId));
      if (!c || (p.districtId != null && c.districtId !== p.districtId)) return;
      yield* pages<LedgerRow>(tx, ledger, ledger.id, f.where);
    },
  });

  const weighingScope: ScopeSpec = { district: weighings.districtId, orgs: [{ kind: ENT, column: weighings.enterpriseId }, { kind: STA, column: weighings.stationId }, { kind: DEV, column: weighings.deviceId }] };
  registerExport<{ where: (SQL | undefined)[] }, WeighingRow & { stationName: string; materialName: string; cardNo: string }>({
    name: "recycling.weighings",
    titleZh: "称重记录",
    titleEn: "Weighing records",
    rule: "recycling:read:op",
    parseFilter: (f, p) => {
      const s = id(f, "stationId", "RecyclingStation");
      const d = id(f, "deviceId", "RecyclingDevice");
      const m = id(f, "materialId", "RecyclingMaterial");
      const from = time(f, "from");
      const to = time(f, "to");
      if (s == null && d == null && (!from || !to)) throw badInput("filter.from", "name a station or device, or a time range (from and to)");
      return { where: [...scopeWhere(p, weighingScope), s != null ? eq(weighings.stationId, s) : undefined, d != null ? eq(weighings.deviceId, d) : undefined, m != null ? eq(weighings.materialId, m) : undefined, from ? gte(weighings.at, from) : undefined, to ? lt(weighings.at, to) : undefined] };
    },
    columns: [
      col("at", "称重时间", "Weighed at", (r) => r.at),
      col("station", "站点", "Station", (r) => r.stationName),
      col("deviceSeq", "设备流水号", "Device sequence", (r) => r.deviceSeq),
      col("material", "物资", "Material", (r) => r.materialName),
      col("weightKg", "重量（千克）", "Weight (kg)", (r) => kg(r.weightGrams)),
      col("pieces", "件数", "Pieces", (r) => r.pieces),
      col("unitPriceYuan", "单价（元）", "Unit price (yuan)", (r) => (r.unitPriceYuan == null ? null : Number(r.unitPriceYuan))),
      col("amountYuan", "金额（元）", "Amount (yuan)", (r) => (r.amountYuan == null ? null : Number(r.amountYuan))),
      col("cardNo", "积分卡", "Card", (r) => r.cardNo),
      col("points", "积分", "Points", (r) => r.points),
      col("receivedAt", "接收时间", "Received at", (r) => r.receivedAt),
    ],
    batches: (tx, _p, f) =>
      withNames(tx, pages<WeighingRow>(tx, weighings, weighings.id, f.where) as AsyncIterable<(WeighingRow & Record<string, unknown>)[]>, [
        { key: "stationId", table: "stations", as: "stationName" },
        { key: "materialId", table: "materials", as: "materialName" },
        { key: "cardId", table: "cards", as: "cardNo" },
      ]) as AsyncIterable<(WeighingRow & { stationName: string; materialName: string; cardNo: string })[]>,
  });

  registerExport<{ where: (SQL | undefined)[] }, MerchantRow>({
    name: "recycling.merchants",
    titleZh: "兑换商户",
    titleEn: "Merchants",
    rule: "recycling:read:op",
    parseFilter: (f, p) => {
      const d = id(f, "districtId", "District");
      const kind = oneOf(f, "kind", ["SUPERMARKET", "PHARMACY", "OTHER"] as const);
      return { where: [...scopeWhere(p, { district: merchants.districtId, orgs: [{ kind: MER, column: merchants.id }] }), d != null ? eq(merchants.districtId, d) : undefined, kind ? eq(merchants.kind, kind) : undefined] };
    },
    columns: [
      col("code", "编码", "Code", (r) => r.code),
      col("name", "名称", "Name", (r) => r.name),
      col("kind", "类型", "Kind", (r) => ({ SUPERMARKET: "商超", PHARMACY: "药店", OTHER: "其他" })[r.kind]),
      col("district", "区县", "District", (r) => district(r.districtId)),
      col("address", "地址", "Address", (r) => r.address),
      col("contact", "联系人", "Contact", (r) => r.contact),
    ],
    batches: (tx, _p, f) => pages(tx, merchants, merchants.id, f.where),
  });

  registerExport<{ where: (SQL | undefined)[] }, RedemptionRow & { merchantName: string; cardNo: string }>({
    name: "recycling.redemptions",
    titleZh: "积分兑换记录",
    titleEn: "Redemptions",
    rule: "recycling:read:op",
    parseFilter: (f, p) => {
      const m = id(f, "merchantId", "RecyclingMerchant");
      const from = time(f, "from");
      const to = time(f, "to");
      return { where: [...scopeWhere(p, { district: redemptions.districtId, orgs: [{ kind: MER, column: redemptions.merchantId }] }), m != null ? eq(redemptions.merchantId, m) : undefined, from ? gte(redemptions.at, from) : undefined, to ? lt(redemptions.at, to) : undefined] };
    },
    columns: [
      col("at", "兑换时间", "Redeemed at", (r) => r.at),
      col("merchant", "商户", "Merchant", (r) => r.merchantName),
      col("cardNo", "卡号", "Card", (r) => r.cardNo),
      col("goods", "商品", "Goods", (r) => r.goods),
      col("points", "积分", "Points", (r) => r.points),
      col("yuanValue", "金额（元）", "Value (yuan)", (r) => Number(r.yuanValue)),
      col("clientRef", "终端流水号", "Terminal reference", (r) => r.clientRef ?? ""),
    ],
    batches: (tx, _p, f) =>
      withNames(tx, pages<RedemptionRow>(tx, redemptions, redemptions.id, f.where) as AsyncIterable<(RedemptionRow & Record<string, unknown>)[]>, [
        { key: "merchantId", table: "merchants", as: "merchantName" },
        { key: "cardId", table: "cards", as: "cardNo" },
      ]) as AsyncIterable<(RedemptionRow & { merchantName: string; cardNo: string })[]>,
  });

  registerExport<{ where: (SQL | undefined)[] }, SettlementRow & { merchantName: string }>({
    name: "recycling.settlements",
    titleZh: "商户月度结算",
    titleEn: "Merchant settlements",
    rule: "recycling:read:op",
    parseFilter: (f, p) => {
      const m = id(f, "merchantId", "RecyclingMerchant");
      const month = str(f, "month", 10);
      if (month && !/^\d{4}-\d{2}-01$/.test(month)) throw badInput("filter.month", "must be YYYY-MM-01");
      const status = oneOf(f, "status", ["PENDING", "CONFIRMED", "PAID"] as const);
      return { where: [...scopeWhere(p, { district: settlements.districtId, orgs: [{ kind: MER, column: settlements.merchantId }] }), m != null ? eq(settlements.merchantId, m) : undefined, month ? eq(settlements.month, month) : undefined, status ? eq(settlements.status, status) : undefined] };
    },
    columns: [
      col("month", "月份", "Month", (r) => r.month.slice(0, 7)),
      col("merchant", "商户", "Merchant", (r) => r.merchantName),
      col("district", "区县", "District", (r) => district(r.districtId)),
      col("redemptions", "兑换笔数", "Redemptions", (r) => r.redemptions),
      col("points", "积分", "Points", (r) => r.points),
      col("amountYuan", "应付金额（元）", "Amount (yuan)", (r) => Number(r.amountYuan)),
      col("status", "状态", "Status", (r) => ({ PENDING: "待确认", CONFIRMED: "已确认", PAID: "已支付" })[r.status]),
      col("paymentRef", "支付凭证", "Payment reference", (r) => r.paymentRef ?? ""),
    ],
    batches: (tx, _p, f) => withNames(tx, pages<SettlementRow>(tx, settlements, settlements.id, f.where) as AsyncIterable<(SettlementRow & Record<string, unknown>)[]>, [{ key: "merchantId", table: "merchants", as: "merchantName" }]) as AsyncIterable<(SettlementRow & { merchantName: string })[]>,
  });

  const PICKUP_ZH: Record<string, string> = { REQUESTED: "已预约", ASSIGNED: "已派单", COLLECTED: "已收集", AT_STATION: "在服务站", ON_TRUCK: "清运中", AT_SORTING_CENTRE: "在分拣中心", SOLD: "已售出", CANCELLED: "已取消" };
  registerExport<{ where: (SQL | undefined)[] }, PickupRow & { stationName: string }>({
    name: "recycling.pickups",
    titleZh: "上门回收单",
    titleEn: "Pickups",
    rule: "recycling:read:op",
    parseFilter: (f, p) => {
      const d = id(f, "districtId", "District");
      const s = id(f, "stationId", "RecyclingStation");
      const statuses = f.status;
      if (statuses != null && (!Array.isArray(statuses) || statuses.some((x) => typeof x !== "string" || !(x in PICKUP_ZH)))) throw badInput("filter.status", "must be a list of pickup statuses");
      return {
        where: [
          ...scopeWhere(p, { district: pickups.districtId, orgs: [{ kind: ENT, column: pickups.enterpriseId }, { kind: STA, column: pickups.stationId }] }),
          d != null ? eq(pickups.districtId, d) : undefined,
          s != null ? eq(pickups.stationId, s) : undefined,
          Array.isArray(statuses) && statuses.length ? inArray(pickups.status, statuses as PickupRow["status"][]) : undefined,
        ],
      };
    },
    columns: [
      col("number", "单号", "Number", (r) => r.number),
      col("status", "状态", "Status", (r) => PICKUP_ZH[r.status] ?? r.status),
      col("requestedAt", "预约时间", "Requested", (r) => r.requestedAt),
      col("station", "服务站", "Station", (r) => r.stationName),
      col("collector", "收集员", "Collector", (r) => r.collector ?? ""),
      col("collectedKg", "收集重量（千克）", "Collected (kg)", (r) => kg(r.collectedGrams)),
      col("currentKg", "当前重量（千克）", "Current (kg)", (r) => kg(r.currentGrams)),
      col("lossKg", "损耗（千克）", "Loss (kg)", (r) => (r.collectedGrams != null && r.currentGrams != null ? kg(r.collectedGrams - r.currentGrams) : null)),
      col("truckPlate", "车牌", "Truck", (r) => r.truckPlate ?? ""),
      col("recycler", "再生利用企业", "Recycler", (r) => r.recycler ?? ""),
    ],
    batches: (tx, _p, f) => withNames(tx, pages<PickupRow>(tx, pickups, pickups.id, f.where) as AsyncIterable<(PickupRow & Record<string, unknown>)[]>, [{ key: "stationId", table: "stations", as: "stationName" }]) as AsyncIterable<(PickupRow & { stationName: string })[]>,
  });

  registerExport<{ where: (SQL | undefined)[] }, PriceRow & { materialName: string }>({
    name: "recycling.prices",
    titleZh: "回收物资价格",
    titleEn: "Material prices",
    rule: "recycling:read:op",
    parseFilter: (f, p) => {
      const m = id(f, "materialId", "RecyclingMaterial");
      const from = str(f, "from", 10);
      const to = str(f, "to", 10);
      for (const [k, v] of [["from", from], ["to", to]] as const) if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw badInput(`filter.${k}`, "must be YYYY-MM-DD");
      const own = p.org?.kind === ENT ? p.org.id : null;
      return {
        where: [
          own != null ? sql`(${prices.enterpriseId} is null or ${prices.enterpriseId} = ${own})` : p.org ? sql`${prices.enterpriseId} is null` : undefined,
          m != null ? eq(prices.materialId, m) : undefined,
          from ? gte(prices.day, from) : undefined,
          to ? lte(prices.day, to) : undefined,
        ],
      };
    },
    columns: [
      col("day", "日期", "Day", (r) => r.day),
      col("material", "物资", "Material", (r) => r.materialName),
      col("priceYuan", "价格（元）", "Price (yuan)", (r) => Number(r.priceYuan)),
      col("publisher", "发布方", "Publisher", (r) => (r.enterpriseId == null ? "全市指导价" : r.publishedBy)),
    ],
    batches: (tx, _p, f) => withNames(tx, pages<PriceRow>(tx, prices, prices.id, f.where) as AsyncIterable<(PriceRow & Record<string, unknown>)[]>, [{ key: "materialId", table: "materials", as: "materialName" }]) as AsyncIterable<(PriceRow & { materialName: string })[]>,
  });
}
