/**
 * GraphQL resolvers of the recycling stream: thin — decode IDs, check access and scope, call a
 * service inside runMutation, shape the answer.
 */
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, can, forbidden } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context, Principal } from "../../graphql/context.js";
import { badInput, DomainError, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf } from "../../graphql/ids.js";
import { byKeys, groupByKeys, loader } from "../../graphql/loaders.js";
import { runMutation } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { inScope, requireDistrictWritable, requireInScope, scopeWhere, type RecordScope, type ScopeSpec } from "../../graphql/scope.js";
import { rows, type Tx } from "../core/db.js";
import { districtById } from "../core/resolvers.js";
import { District } from "../core/types.js";
import { byDistrict, byMaterial, coopRecovery, firstDataDay, gramsToTonnes, indicators, series, stationDaily, topStations, type Indicators, type Range } from "./dashboard.js";
import { ingestWeighings, clearMaterialCache } from "./ingest.js";
import {
  AdjustPointsInput,
  AdvancePickupInput,
  CreateRecyclingEnterpriseInput,
  CreateRecyclingMaterialInput,
  CreateRecyclingMerchantInput,
  CreateRecyclingStationInput,
  IngestWeighingsInput,
  IssueResidentCardInput,
  PickupFilter,
  PublishPricesInput,
  RecyclingDeviceFilter,
  RecyclingEnterpriseFilter,
  RecyclingMerchantFilter,
  RecyclingPeriodInput,
  RecyclingPriceFilter,
  RecyclingSeriesInput,
  RecyclingStationFilter,
  RedeemPointsInput,
  RedemptionFilter,
  RegisterRecyclingDeviceInput,
  RequestPickupInput,
  ResidentCardFilter,
  SettlementFilter,
  UpdateRecyclingMaterialInput,
  UpdateRecyclingStationInput,
  WeighingFilter,
} from "./inputs.js";
import { createEnterprise, createMerchant, createMerchantTerminalKey, createStation, issueCard, registerDevice, rotateDeviceKey, setDeviceStatus, transitionCard, updateStation } from "./network.js";
import { getParams, PARAM_DEFS, setParam } from "./params.js";
import { pickupActionsFrom, type PickupStatus } from "./pickup-machine.js";
import { advancePickup, requestPickup } from "./pickups.js";
import { adjustPoints, redeemPoints } from "./points.js";
import { priceBoard, priceHistory, publishPrices } from "./prices.js";
import { isSilent, runExpiry, runSilentDevices, runStationVolumes } from "./rules.js";
import { advanceSettlement, generateSettlements } from "./settlement.js";
import {
  cards,
  devices,
  enterprises,
  handovers,
  ledger,
  lots,
  materials,
  merchants,
  pickups,
  prices,
  redemptions,
  rollMerchantMonth,
  ruleParams,
  settlements,
  stations,
  weighings,
} from "./tables.js";
import { addDays, addMonths, dayOf, isDay, monthStart, periodRange, periodStart, yearBefore, type PeriodKind } from "./time.js";
import {
  AdjustPointsPayload,
  CardAction,
  CoopRecovery,
  CustodyHandover,
  DailyVolume,
  GenerateSettlementsPayload,
  Granularity,
  IngestWeighingsPayload,
  LedgerKind,
  MerchantMonth,
  MerchantSettlement,
  MerchantSettlementConnection,
  MerchantSettlementPayload,
  PickupActionKey,
  PickupPayload,
  PickupRequest,
  PickupRequestConnection,
  PointsLedgerEntry,
  PointsLedgerEntryConnection,
  PointsLot,
  PointsRedemption,
  PointsRedemptionConnection,
  PriceBoardRow,
  PricePoint,
  PublishPricesPayload,
  RecyclingChecksPayload,
  RecyclingDashboard,
  RecyclingDevice,
  RecyclingDeviceConnection,
  RecyclingDevicePayload,
  RecyclingEnterprise,
  RecyclingEnterpriseConnection,
  RecyclingEnterprisePayload,
  RecyclingIndicators,
  RecyclingMaterial,
  RecyclingMaterialPayload,
  RecyclingMerchant,
  RecyclingMerchantConnection,
  RecyclingMerchantPayload,
  RecyclingPrice,
  RecyclingPriceConnection,
  RecyclingRuleParameter,
  RecyclingSeriesPoint,
  RecyclingStation,
  RecyclingStationConnection,
  RecyclingStationPayload,
  RedeemPointsPayload,
  ResidentCard,
  ResidentCardConnection,
  ResidentCardPayload,
  RuleParameterPayload,
  SettlementAction,
  TerminalKeyPayload,
  WeighingRecord,
  WeighingRecordConnection,
} from "./types.js";

type StationRow = typeof stations.$inferSelect;
type EnterpriseRow = typeof enterprises.$inferSelect;
type DeviceRow = typeof devices.$inferSelect;
type MaterialRow = typeof materials.$inferSelect;
type MerchantRow = typeof merchants.$inferSelect;
type CardRow = typeof cards.$inferSelect;
type LedgerRow = typeof ledger.$inferSelect;
type WeighingRow = typeof weighings.$inferSelect;
type RedemptionRow = typeof redemptions.$inferSelect;
type SettlementRow = typeof settlements.$inferSelect;
type PickupRow = typeof pickups.$inferSelect;

// ——— scoping ———

const ENT = "recycling.enterprise";
const STA = "recycling.station";
const DEV = "recycling.device";
const MER = "recycling.merchant";

const SCOPES = {
  enterprises: { district: enterprises.districtId, orgs: [{ kind: ENT, column: enterprises.id }] },
  stations: { district: stations.districtId, orgs: [{ kind: ENT, column: stations.enterpriseId }, { kind: STA, column: stations.id }] },
  devices: { district: devices.districtId, orgs: [{ kind: ENT, column: devices.enterpriseId }, { kind: STA, column: devices.stationId }, { kind: DEV, column: devices.id }] },
  weighings: { district: weighings.districtId, orgs: [{ kind: ENT, column: weighings.enterpriseId }, { kind: STA, column: weighings.stationId }, { kind: DEV, column: weighings.deviceId }] },
  cards: { district: cards.districtId },
  merchants: { district: merchants.districtId, orgs: [{ kind: MER, column: merchants.id }] },
  redemptions: { district: redemptions.districtId, orgs: [{ kind: MER, column: redemptions.merchantId }] },
  settlements: { district: settlements.districtId, orgs: [{ kind: MER, column: settlements.merchantId }] },
  pickups: { district: pickups.districtId, orgs: [{ kind: ENT, column: pickups.enterpriseId }, { kind: STA, column: pickups.stationId }] },
} satisfies Record<string, ScopeSpec>;

const mayRead = (p: Principal) => can(p, "recycling:read") || can(p, "recycling:read:op");
const isStaff = (p: Principal) => !p.org && can(p, "recycling:read");

function stationScope(s: StationRow): RecordScope {
  return { districtId: s.districtId, orgs: { [ENT]: s.enterpriseId, [STA]: s.id } };
}
function deviceScope(d: DeviceRow): RecordScope {
  return { districtId: d.districtId, orgs: { [ENT]: d.enterpriseId, [STA]: d.stationId, [DEV]: d.id } };
}
function pickupScope(p: PickupRow): RecordScope {
  return { districtId: p.districtId, orgs: { [ENT]: p.enterpriseId, [STA]: p.stationId } };
}

/** Operators of other organisation kinds may not call an operator-enabled field. */
function requireOrgKind(p: Principal, kinds: string[]): void {
  if (p.org && !kinds.includes(p.org.kind)) throw forbidden("Your organisation cannot do this");
}

/** A city-level staff member (district staff and operators refused). */
function requireCityStaff(p: Principal): void {
  if (p.org || p.districtId != null) throw forbidden("Only city-level staff can do this");
}

const shapeDistrict = (d: Awaited<ReturnType<typeof districtById>>) => (d ? ({ ...d, adcode: String(d.id) } as unknown as District) : null);

async function districtOf(tx: Tx, id: number | null | undefined): Promise<District | null> {
  return shapeDistrict(await districtById(tx, id));
}

async function districtArg(ctx: Context, globalId: string | null | undefined, field: string): Promise<number | null> {
  if (globalId == null) return null;
  const id = idOf("District", globalId, field);
  if (!(await districtById(ctx.db, id))) throw badInput(field, "no such district");
  return id;
}

/** The district a read is limited to: the caller's own, or the one asked for within it. */
function readDistrict(p: Principal, asked: number | null): number | null {
  if (p.districtId != null) {
    if (asked != null && asked !== p.districtId) throw forbidden("You may only read your own district");
    return p.districtId;
  }
  return asked;
}

// ——— loaders ———

function stationLoader(ctx: Context) {
  return loader<number, StationRow>(ctx, "recycling.stationById", async (ids) => byKeys(ids, await ctx.db.select().from(stations).where(inArray(stations.id, [...ids])), (s) => s.id));
}
function enterpriseLoader(ctx: Context) {
  return loader<number, EnterpriseRow>(ctx, "recycling.enterpriseById", async (ids) => byKeys(ids, await ctx.db.select().from(enterprises).where(inArray(enterprises.id, [...ids])), (s) => s.id));
}
function deviceLoader(ctx: Context) {
  return loader<number, DeviceRow>(ctx, "recycling.deviceById", async (ids) => byKeys(ids, await ctx.db.select().from(devices).where(inArray(devices.id, [...ids])), (s) => s.id));
}
function merchantLoader(ctx: Context) {
  return loader<number, MerchantRow>(ctx, "recycling.merchantById", async (ids) => byKeys(ids, await ctx.db.select().from(merchants).where(inArray(merchants.id, [...ids])), (s) => s.id));
}
function cardLoader(ctx: Context) {
  return loader<number, CardRow>(ctx, "recycling.cardById", async (ids) => byKeys(ids, await ctx.db.select().from(cards).where(inArray(cards.id, [...ids])), (s) => s.id));
}
function weighingLoader(ctx: Context) {
  return loader<number, WeighingRow>(ctx, "recycling.weighingById", async (ids) => byKeys(ids, await ctx.db.select().from(weighings).where(inArray(weighings.id, [...ids])), (s) => s.id));
}
function redemptionLoader(ctx: Context) {
  return loader<number, RedemptionRow>(ctx, "recycling.redemptionById", async (ids) => byKeys(ids, await ctx.db.select().from(redemptions).where(inArray(redemptions.id, [...ids])), (s) => s.id));
}

let materialList: { at: number; rows: MaterialRow[] } | undefined;
async function allMaterials(tx: Tx): Promise<MaterialRow[]> {
  if (materialList && Date.now() - materialList.at < 10_000) return materialList.rows;
  const r = await tx.select().from(materials).orderBy(asc(materials.sort), asc(materials.id));
  materialList = { at: Date.now(), rows: r };
  return r;
}
function clearMaterials(): void {
  materialList = undefined;
  clearMaterialCache();
}
async function materialById(tx: Tx, id: number | null | undefined): Promise<MaterialRow | null> {
  if (id == null) return null;
  return (await allMaterials(tx)).find((m) => m.id === id) ?? null;
}

// ——— node loaders ———

registerNode("RecyclingEnterprise", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const e = await enterpriseLoader(ctx).load(id);
  return e && inScope(ctx.principal, { districtId: e.districtId, orgs: { [ENT]: e.id } }) ? e : null;
});
registerNode("RecyclingStation", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const s = await stationLoader(ctx).load(id);
  return s && inScope(ctx.principal, stationScope(s)) ? s : null;
});
registerNode("RecyclingDevice", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const d = await deviceLoader(ctx).load(id);
  return d && inScope(ctx.principal, deviceScope(d)) ? d : null;
});
registerNode("RecyclingMaterial", async (ctx, id) => (mayRead(ctx.principal) ? materialById(ctx.db, id) : null));
registerNode("RecyclingPrice", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const [p] = await ctx.db.select().from(prices).where(eq(prices.id, id));
  if (!p) return null;
  if (p.enterpriseId != null && ctx.principal.org && !(ctx.principal.org.kind === ENT && ctx.principal.org.id === p.enterpriseId)) return null;
  return p;
});
registerNode("ResidentCard", async (ctx, id) => {
  if (!isStaff(ctx.principal)) return null;
  const c = await cardLoader(ctx).load(id);
  return c && inScope(ctx.principal, { districtId: c.districtId }) ? c : null;
});
registerNode("PointsLedgerEntry", async (ctx, id) => {
  if (!isStaff(ctx.principal)) return null;
  const [e] = await ctx.db.select().from(ledger).where(eq(ledger.id, id));
  if (!e) return null;
  const c = await cardLoader(ctx).load(e.cardId);
  return c && inScope(ctx.principal, { districtId: c.districtId }) ? e : null;
});
registerNode("WeighingRecord", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const w = await weighingLoader(ctx).load(id);
  return w && inScope(ctx.principal, { districtId: w.districtId, orgs: { [ENT]: w.enterpriseId, [STA]: w.stationId, [DEV]: w.deviceId } }) ? w : null;
});
registerNode("RecyclingMerchant", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const m = await merchantLoader(ctx).load(id);
  return m && inScope(ctx.principal, { districtId: m.districtId, orgs: { [MER]: m.id } }) ? m : null;
});
registerNode("PointsRedemption", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const r = await redemptionLoader(ctx).load(id);
  return r && inScope(ctx.principal, { districtId: r.districtId, orgs: { [MER]: r.merchantId } }) ? r : null;
});
registerNode("MerchantSettlement", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const [s] = await ctx.db.select().from(settlements).where(eq(settlements.id, id));
  return s && inScope(ctx.principal, { districtId: s.districtId, orgs: { [MER]: s.merchantId } }) ? s : null;
});
registerNode("PickupRequest", async (ctx, id) => {
  if (!mayRead(ctx.principal)) return null;
  const [p] = await ctx.db.select().from(pickups).where(eq(pickups.id, id));
  return p && inScope(ctx.principal, pickupScope(p)) ? p : null;
});

// ——— dashboard helpers ———

const KIND_OF: Record<Granularity, PeriodKind> = { DAY: "DAY", MONTH: "MONTH", QUARTER: "QUARTER", YEAR: "YEAR" };

function indicatorsOut(i: Indicators): RecyclingIndicators {
  return { ...i };
}

// ——— queries and mutations ———

@Resolver()
export class RecyclingResolver {
  // network

  @Query(() => RecyclingEnterpriseConnection, { description: "再生资源回收企业 / Recycling enterprises", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async recyclingEnterprises(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => RecyclingEnterpriseFilter, { nullable: true }) filter?: RecyclingEnterpriseFilter) {
    const f = filter ?? {};
    const district = await districtArg(ctx, f.districtId, "filter.districtId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: enterprises,
      id: enterprises.id,
      orderBy: f.updatedSince ? enterprises.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.enterprises),
        district != null ? eq(enterprises.districtId, district) : undefined,
        f.coop != null ? eq(enterprises.coop, f.coop) : undefined,
        s ? or(ilike(enterprises.name, `%${s}%`), ilike(enterprises.code, `%${s}%`)) : undefined,
        f.updatedSince ? gte(enterprises.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => RecyclingStationConnection, { description: "回收站点（服务站、分拣中心、智能回收箱）/ Recycling stations", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async recyclingStations(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => RecyclingStationFilter, { nullable: true }) filter?: RecyclingStationFilter) {
    const f = filter ?? {};
    const district = await districtArg(ctx, f.districtId, "filter.districtId");
    const ent = optionalIdOf("RecyclingEnterprise", f.enterpriseId, "filter.enterpriseId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: stations,
      id: stations.id,
      orderBy: f.updatedSince ? stations.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.stations),
        district != null ? eq(stations.districtId, district) : undefined,
        f.kind ? eq(stations.kind, f.kind) : undefined,
        ent != null ? eq(stations.enterpriseId, ent) : undefined,
        f.rural != null ? eq(stations.rural, f.rural) : undefined,
        f.active != null ? eq(stations.active, f.active) : undefined,
        s ? or(ilike(stations.name, `%${s}%`), ilike(stations.code, `%${s}%`)) : undefined,
        f.updatedSince ? gte(stations.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => RecyclingDeviceConnection, { description: "智能设备及最近上传 / Smart devices and when they last reported", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async recyclingDevices(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => RecyclingDeviceFilter, { nullable: true }) filter?: RecyclingDeviceFilter) {
    const f = filter ?? {};
    const district = await districtArg(ctx, f.districtId, "filter.districtId");
    const station = optionalIdOf("RecyclingStation", f.stationId, "filter.stationId");
    const s = f.search?.trim();
    let silentCond: SQL | undefined;
    if (f.silent != null) {
      const hours = (await getParams(ctx.db))["alert.device_silent_hours"];
      const cutoff = new Date(Date.now() - hours * 3600_000);
      silentCond = f.silent
        ? sql`coalesce(${devices.lastSeenAt}, ${devices.installedAt}) < ${cutoff.toISOString()}::timestamptz and ${devices.status} = 'ACTIVE'`
        : sql`coalesce(${devices.lastSeenAt}, ${devices.installedAt}) >= ${cutoff.toISOString()}::timestamptz`;
    }
    return paginate({
      db: ctx.db,
      table: devices,
      id: devices.id,
      orderBy: f.updatedSince ? devices.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.devices),
        district != null ? eq(devices.districtId, district) : undefined,
        station != null ? eq(devices.stationId, station) : undefined,
        f.kind ? eq(devices.kind, f.kind) : undefined,
        f.status ? eq(devices.status, f.status) : undefined,
        silentCond,
        s ? ilike(devices.code, `%${s}%`) : undefined,
        f.updatedSince ? gte(devices.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => [DailyVolume], { description: "站点逐日回收量 / A station's daily volumes" })
  @Can.read("recycling", { operator: true })
  async recyclingStationDaily(
    @Arg("stationId", () => ID, { description: "站点 / Station" }) stationId: string,
    @Arg("from", { description: "起始日（含）/ From day" }) from: string,
    @Arg("to", { description: "截止日（不含）/ To day (exclusive)" }) to: string,
    @Ctx() ctx: Context,
  ): Promise<DailyVolume[]> {
    const id = idOf("RecyclingStation", stationId, "stationId");
    if (!isDay(from)) throw badInput("from", "must be a date YYYY-MM-DD");
    if (!isDay(to) || to <= from) throw badInput("to", "must be a date after from");
    if (addDays(from, 400) < to) throw badInput("to", "at most 400 days");
    const s = await stationLoader(ctx).load(id);
    if (!s) throw notFound("station");
    requireInScope(ctx.principal, stationScope(s));
    return stationDaily(ctx.db, id, from, to);
  }

  // materials and prices

  @Query(() => [RecyclingMaterial], { description: "回收物资目录 / The materials catalogue" })
  @Can.read("recycling", { operator: true })
  async recyclingMaterials(@Ctx() ctx: Context): Promise<RecyclingMaterial[]> {
    return (await allMaterials(ctx.db)) as unknown as RecyclingMaterial[];
  }

  @Query(() => RecyclingPriceConnection, { description: "价格公布历史 / Published prices", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async recyclingPrices(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => RecyclingPriceFilter, { nullable: true }) filter?: RecyclingPriceFilter) {
    const f = filter ?? {};
    const mat = optionalIdOf("RecyclingMaterial", f.materialId, "filter.materialId");
    const ent = optionalIdOf("RecyclingEnterprise", f.enterpriseId, "filter.enterpriseId");
    const p = ctx.principal;
    if (ent != null && p.org && !(p.org.kind === ENT && p.org.id === ent)) throw forbidden("Enterprises see their own prices and the city guide prices");
    const own = p.org?.kind === ENT ? p.org.id : null;
    return paginate({
      db: ctx.db,
      table: prices,
      id: prices.id,
      orderBy: f.updatedSince ? prices.updatedAt : prices.day,
      ascending: !!f.updatedSince,
      where: [
        p.org ? (own != null ? or(isNull(prices.enterpriseId), eq(prices.enterpriseId, own)) : isNull(prices.enterpriseId)) : undefined,
        mat != null ? eq(prices.materialId, mat) : undefined,
        f.enterpriseId !== undefined ? (ent != null ? eq(prices.enterpriseId, ent) : undefined) : isNull(prices.enterpriseId),
        f.from ? gte(prices.day, f.from) : undefined,
        f.to ? lte(prices.day, f.to) : undefined,
        f.updatedSince ? gte(prices.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => [PriceBoardRow], { description: "价格看板：某日各物资执行价及环比 / Price board: each material's price in force on a day and its change" })
  @Can.read("recycling", { operator: true })
  async recyclingPriceBoard(
    @Ctx() ctx: Context,
    @Arg("day", () => String, { nullable: true, description: "日期，默认今天 / Day, default today" }) day?: string,
    @Arg("enterpriseId", () => ID, { nullable: true, description: "企业（含其自定价）/ Enterprise (including its own prices)" }) enterpriseId?: string,
  ): Promise<PriceBoardRow[]> {
    const d = day ?? dayOf(new Date());
    if (!isDay(d)) throw badInput("day", "must be a date YYYY-MM-DD");
    let ent = optionalIdOf("RecyclingEnterprise", enterpriseId, "enterpriseId") ?? null;
    const p = ctx.principal;
    if (p.org) {
      if (ent != null && !(p.org.kind === ENT && p.org.id === ent)) throw forbidden("Enterprises see their own prices and the city guide prices");
      if (p.org.kind === ENT) ent = p.org.id;
    }
    const board = await priceBoard(ctx.db, d, ent);
    const mats = await allMaterials(ctx.db);
    return board.map((b) => ({
      material: mats.find((m) => m.id === b.materialId) as unknown as RecyclingMaterial,
      priceYuan: b.priceYuan,
      publishedDay: b.publishedDay,
      previousPriceYuan: b.previousPriceYuan,
      changePct: b.changePct,
      enterprisePrice: b.enterpriseId != null,
    }));
  }

  @Query(() => [PricePoint], { description: "某物资价格历史 / Price history of a material" })
  @Can.read("recycling", { operator: true })
  async recyclingPriceHistory(
    @Arg("materialId", () => ID, { description: "物资 / Material" }) materialId: string,
    @Arg("from", { description: "起始日 / From day" }) from: string,
    @Arg("to", { description: "截止日（含）/ To day (inclusive)" }) to: string,
    @Ctx() ctx: Context,
    @Arg("enterpriseId", () => ID, { nullable: true, description: "企业自定价（为空为全市指导价）/ An enterprise's own prices (empty: city guide)" }) enterpriseId?: string,
  ): Promise<PricePoint[]> {
    const mat = idOf("RecyclingMaterial", materialId, "materialId");
    const ent = optionalIdOf("RecyclingEnterprise", enterpriseId, "enterpriseId") ?? null;
    if (!isDay(from)) throw badInput("from", "must be a date YYYY-MM-DD");
    if (!isDay(to) || to < from) throw badInput("to", "must be a date on or after from");
    if (addDays(from, 800) < to) throw badInput("to", "at most 800 days");
    const p = ctx.principal;
    if (ent != null && p.org && !(p.org.kind === ENT && p.org.id === ent)) throw forbidden();
    return priceHistory(ctx.db, mat, from, to, ent);
  }

  // cards and points

  @Query(() => ResidentCardConnection, { description: "居民积分卡 / Resident cards", complexity: connectionComplexity })
  @Can.read("recycling")
  async residentCards(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => ResidentCardFilter, { nullable: true }) filter?: ResidentCardFilter) {
    const f = filter ?? {};
    const district = await districtArg(ctx, f.districtId, "filter.districtId");
    const station = optionalIdOf("RecyclingStation", f.stationId, "filter.stationId");
    const s = f.search?.trim().toUpperCase();
    return paginate({
      db: ctx.db,
      table: cards,
      id: cards.id,
      orderBy: f.updatedSince ? cards.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.cards),
        district != null ? eq(cards.districtId, district) : undefined,
        station != null ? eq(cards.stationId, station) : undefined,
        f.status ? eq(cards.status, f.status) : undefined,
        s ? or(sql`${cards.cardNo} like ${s.replace(/[%_\\]/g, "") + "%"}`, eq(cards.householdCode, f.search!.trim())) : undefined,
        f.updatedSince ? gte(cards.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => ResidentCard, { nullable: true, description: "按卡号查积分卡（商户终端可查余额）/ Look up a card by its number (merchant terminals may check the balance)" })
  @Can.read("recycling", { operator: true })
  async residentCard(@Arg("cardNo", { description: "卡号 / Card number" }) cardNo: string, @Ctx() ctx: Context): Promise<CardRow | null> {
    requireOrgKind(ctx.principal, [MER]);
    if (cardNo.length > 40) throw badInput("cardNo", "too long");
    const [c] = await ctx.db.select().from(cards).where(eq(cards.cardNo, cardNo.trim().toUpperCase()));
    if (!c) return null;
    // Staff of another district see no card (as in the list); merchants may check any card by its number.
    if (!ctx.principal.org && !inScope(ctx.principal, { districtId: c.districtId })) return null;
    return c;
  }

  @Query(() => WeighingRecordConnection, { description: "称重记录 / Weighing records", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async weighingRecords(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => WeighingFilter, { nullable: true }) filter?: WeighingFilter) {
    const f = filter ?? {};
    const dev = optionalIdOf("RecyclingDevice", f.deviceId, "filter.deviceId");
    const st = optionalIdOf("RecyclingStation", f.stationId, "filter.stationId");
    const card = optionalIdOf("ResidentCard", f.cardId, "filter.cardId");
    const mat = optionalIdOf("RecyclingMaterial", f.materialId, "filter.materialId");
    if (card != null && !isStaff(ctx.principal)) throw forbidden("Only staff look up a card's weighings");
    return paginate({
      db: ctx.db,
      table: weighings,
      id: weighings.id,
      orderBy: f.updatedSince ? weighings.receivedAt : weighings.at,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.weighings),
        dev != null ? eq(weighings.deviceId, dev) : undefined,
        st != null ? eq(weighings.stationId, st) : undefined,
        card != null ? eq(weighings.cardId, card) : undefined,
        mat != null ? eq(weighings.materialId, mat) : undefined,
        f.from ? gte(weighings.at, f.from) : undefined,
        f.to ? lt(weighings.at, f.to) : undefined,
        f.updatedSince ? gte(weighings.receivedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  // merchants

  @Query(() => RecyclingMerchantConnection, { description: "兑换商户 / Redemption merchants", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async recyclingMerchants(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => RecyclingMerchantFilter, { nullable: true }) filter?: RecyclingMerchantFilter) {
    const f = filter ?? {};
    const district = await districtArg(ctx, f.districtId, "filter.districtId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: merchants,
      id: merchants.id,
      orderBy: f.updatedSince ? merchants.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.merchants),
        district != null ? eq(merchants.districtId, district) : undefined,
        f.kind ? eq(merchants.kind, f.kind) : undefined,
        s ? or(ilike(merchants.name, `%${s}%`), ilike(merchants.code, `%${s}%`)) : undefined,
        f.updatedSince ? gte(merchants.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => PointsRedemptionConnection, { description: "积分兑换记录 / Redemptions", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async pointsRedemptions(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => RedemptionFilter, { nullable: true }) filter?: RedemptionFilter) {
    const f = filter ?? {};
    const mer = optionalIdOf("RecyclingMerchant", f.merchantId, "filter.merchantId");
    const card = optionalIdOf("ResidentCard", f.cardId, "filter.cardId");
    return paginate({
      db: ctx.db,
      table: redemptions,
      id: redemptions.id,
      orderBy: f.updatedSince ? redemptions.createdAt : redemptions.at,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.redemptions),
        mer != null ? eq(redemptions.merchantId, mer) : undefined,
        card != null ? eq(redemptions.cardId, card) : undefined,
        f.from ? gte(redemptions.at, f.from) : undefined,
        f.to ? lt(redemptions.at, f.to) : undefined,
        f.updatedSince ? gte(redemptions.createdAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => MerchantSettlementConnection, { description: "商户月度结算 / Merchant monthly settlements", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async merchantSettlements(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => SettlementFilter, { nullable: true }) filter?: SettlementFilter) {
    const f = filter ?? {};
    const mer = optionalIdOf("RecyclingMerchant", f.merchantId, "filter.merchantId");
    const district = await districtArg(ctx, f.districtId, "filter.districtId");
    return paginate({
      db: ctx.db,
      table: settlements,
      id: settlements.id,
      orderBy: f.updatedSince ? settlements.updatedAt : settlements.month,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.settlements),
        mer != null ? eq(settlements.merchantId, mer) : undefined,
        district != null ? eq(settlements.districtId, district) : undefined,
        f.month ? eq(settlements.month, f.month) : undefined,
        f.status ? eq(settlements.status, f.status) : undefined,
        f.updatedSince ? gte(settlements.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  // pickups

  @Query(() => PickupRequestConnection, { description: "上门回收单 / Pickup requests", complexity: connectionComplexity })
  @Can.read("recycling", { operator: true })
  async pickupRequests(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => PickupFilter, { nullable: true }) filter?: PickupFilter) {
    const f = filter ?? {};
    const district = await districtArg(ctx, f.districtId, "filter.districtId");
    const st = optionalIdOf("RecyclingStation", f.stationId, "filter.stationId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: pickups,
      id: pickups.id,
      orderBy: f.updatedSince ? pickups.updatedAt : pickups.requestedAt,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, SCOPES.pickups),
        f.status?.length ? inArray(pickups.status, f.status) : undefined,
        district != null ? eq(pickups.districtId, district) : undefined,
        st != null ? eq(pickups.stationId, st) : undefined,
        s ? or(ilike(pickups.number, `%${s}%`), ilike(pickups.address, `%${s}%`)) : undefined,
        f.updatedSince ? gte(pickups.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  // one map

  @Query(() => RecyclingDashboard, { description: "信息一张图：当日、本月、本季、本年 / The one map for a day, month, quarter or year" })
  @Can.read("recycling")
  async recyclingDashboard(
    @Arg("period", () => RecyclingPeriodInput, { description: "周期 / Period" }) period: RecyclingPeriodInput,
    @Ctx() ctx: Context,
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
  ): Promise<RecyclingDashboard> {
    if (!isDay(period.day)) throw badInput("period.day", "not a valid date");
    const district = readDistrict(ctx.principal, await districtArg(ctx, districtId, "districtId"));
    const kind = KIND_OF[period.kind];
    const start = periodStart(kind, period.day);
    const { from, to } = periodRange(kind, start);
    const r: Range = { from, to, districtId: district };
    const first = await firstDataDay(ctx.db);
    const pFrom = yearBefore(from);
    const pTo = yearBefore(to);
    const mats = await allMaterials(ctx.db);
    const [cur, prev, mat, dist, top] = [
      await indicators(ctx.db, r),
      first != null && first <= pFrom ? await indicators(ctx.db, { from: pFrom, to: pTo, districtId: district }) : null,
      await byMaterial(ctx.db, r),
      await byDistrict(ctx.db, r),
      await topStations(ctx.db, r, 10),
    ];
    const seriesRange: { g: PeriodKind; from: string; to: string } =
      kind === "YEAR" || kind === "QUARTER" ? { g: "MONTH", from, to } : kind === "MONTH" ? { g: "DAY", from, to } : { g: "DAY", from: addDays(from, -29), to };
    const ser = await series(ctx.db, seriesRange.g, { from: seriesRange.from, to: seriesRange.to, districtId: district }, null);
    const stationRows = top.length ? await ctx.db.select().from(stations).where(inArray(stations.id, top.map((t) => t.key))) : [];
    return {
      period: period.kind,
      from,
      to,
      indicators: indicatorsOut(cur),
      previous: prev ? indicatorsOut(prev) : null,
      byMaterial: mat.map((m) => ({ ...m, tonnes: gramsToTonnes(m.weightGrams), material: mats.find((x) => x.id === m.key) as unknown as RecyclingMaterial })),
      byDistrict: await Promise.all(dist.map(async (d) => ({ ...d, tonnes: gramsToTonnes(d.weightGrams), district: (await districtOf(ctx.db, d.key))! }))),
      topStations: top.map((t) => ({ ...t, tonnes: gramsToTonnes(t.weightGrams), station: stationRows.find((s) => s.id === t.key) as unknown as RecyclingStation })),
      series: ser.map((s) => ({ ...s, tonnes: gramsToTonnes(s.weightGrams) })),
    };
  }

  @Query(() => [RecyclingSeriesPoint], { description: "回收量与积分走势 / Volume and points over time" })
  @Can.read("recycling")
  async recyclingSeries(@Arg("input", () => RecyclingSeriesInput) input: RecyclingSeriesInput, @Ctx() ctx: Context): Promise<RecyclingSeriesPoint[]> {
    if (!isDay(input.from)) throw badInput("input.from", "not a valid date");
    if (!isDay(input.to) || input.to <= input.from) throw badInput("input.to", "must be after from");
    const g = KIND_OF[input.granularity];
    const from = periodStart(g, input.from);
    if (g === "DAY" && addDays(from, 800) < input.to) throw badInput("input.to", "at most 800 days by day");
    if (addMonths(from, 12 * 30) < input.to) throw badInput("input.to", "at most 30 years");
    const district = readDistrict(ctx.principal, await districtArg(ctx, input.districtId, "input.districtId"));
    const mat = optionalIdOf("RecyclingMaterial", input.materialId, "input.materialId") ?? null;
    const ser = await series(ctx.db, g, { from, to: input.to, districtId: district }, mat);
    return ser.map((s) => ({ ...s, tonnes: gramsToTonnes(s.weightGrams) }));
  }

  @Query(() => CoopRecovery, { description: "供销社系统回收量（按类别，整月）/ Supply-and-marketing cooperative recovery by category (whole months)" })
  @Can.read("recycling")
  async coopRecovery(
    @Ctx() ctx: Context,
    @Arg("fromMonth", () => String, { nullable: true, description: "起始月（YYYY-MM-01，默认 12 个月前）/ First month (default: 12 months ago)" }) fromMonth?: string,
    @Arg("toMonth", () => String, { nullable: true, description: "截止月（不含，默认下月）/ Month after the last (default: next month)" }) toMonth?: string,
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
  ): Promise<CoopRecovery> {
    const thisMonth = monthStart(dayOf(new Date()));
    const from = fromMonth ?? addMonths(thisMonth, -12);
    const to = toMonth ?? addMonths(thisMonth, 1);
    if (!isDay(from) || monthStart(from) !== from) throw badInput("fromMonth", "must be the first day of a month, YYYY-MM-01");
    if (!isDay(to) || monthStart(to) !== to || to <= from) throw badInput("toMonth", "must be the first day of a later month");
    const district = readDistrict(ctx.principal, await districtArg(ctx, districtId, "districtId"));
    const r = await coopRecovery(ctx.db, { from, to, districtId: district });
    return { from, to, totalTonnes: gramsToTonnes(r.totalGrams), categories: r.categories.map((c) => ({ category: c.category as never, tonnes: gramsToTonnes(c.weightGrams), sharePct: c.sharePct })) };
  }

  @Query(() => [RecyclingRuleParameter], { description: "规则参数（积分与预警）/ Rule parameters (points and alerts)" })
  @Can.read("recycling")
  async recyclingRuleParameters(@Ctx() ctx: Context): Promise<RecyclingRuleParameter[]> {
    const stored = await ctx.db.select().from(ruleParams);
    return PARAM_DEFS.map((d) => {
      const s = stored.find((x) => x.key === d.key);
      return {
        key: d.key,
        value: s ? Number(s.value) : d.value,
        unit: d.unit,
        min: d.min,
        max: d.max,
        descriptionZh: d.zh,
        descriptionEn: d.en,
        updatedBy: s?.updatedBy ?? "system",
        updatedAt: s?.updatedAt ?? new Date(0),
      };
    });
  }

  // ——— mutations ———

  @Mutation(() => RecyclingEnterprisePayload, { description: "登记回收企业 / Register a recycling enterprise" })
  @Can.write("recycling")
  async createRecyclingEnterprise(@Arg("input", () => CreateRecyclingEnterpriseInput) input: CreateRecyclingEnterpriseInput, @Ctx() ctx: Context): Promise<RecyclingEnterprisePayload> {
    const districtId = (await districtArg(ctx, input.districtId, "input.districtId"))!;
    requireDistrictWritable(ctx.principal, districtId);
    const r = await runMutation(ctx, "createRecyclingEnterprise", input, async (w) => ({ enterprise: (await createEnterprise(w, { ...input, districtId })) as unknown as RecyclingEnterprise }));
    return { enterprise: r.enterprise ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingStationPayload, { description: "登记回收站点（工作人员或企业）/ Register a station (staff or its enterprise)" })
  @Can.write("recycling", { operator: true })
  async createRecyclingStation(@Arg("input", () => CreateRecyclingStationInput) input: CreateRecyclingStationInput, @Ctx() ctx: Context): Promise<RecyclingStationPayload> {
    requireOrgKind(ctx.principal, [ENT]);
    const districtId = (await districtArg(ctx, input.districtId, "input.districtId"))!;
    requireDistrictWritable(ctx.principal, districtId);
    const enterpriseId = idOf("RecyclingEnterprise", input.enterpriseId, "input.enterpriseId");
    if (input.openedOn && !isDay(input.openedOn)) throw badInput("input.openedOn", "not a valid date");
    const r = await runMutation(ctx, "createRecyclingStation", input, async (w) => ({ station: (await createStation(w, { ...input, enterpriseId, districtId })) as unknown as RecyclingStation }));
    return { station: r.station ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingStationPayload, { description: "修改回收站点 / Change a station" })
  @Can.write("recycling", { operator: true })
  async updateRecyclingStation(@Arg("input", () => UpdateRecyclingStationInput) input: UpdateRecyclingStationInput, @Ctx() ctx: Context): Promise<RecyclingStationPayload> {
    requireOrgKind(ctx.principal, [ENT]);
    const id = idOf("RecyclingStation", input.id, "input.id");
    const s = await stationLoader(ctx).load(id);
    if (!s) throw notFound("station");
    requireInScope(ctx.principal, stationScope(s));
    requireDistrictWritable(ctx.principal, s.districtId);
    const r = await runMutation(ctx, "updateRecyclingStation", input, async (w) => ({ station: (await updateStation(w, id, input)) as unknown as RecyclingStation }));
    return { station: r.station ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingDevicePayload, { description: "注册智能设备并签发其 API 密钥（只显示一次）/ Register a device and issue its API key (shown once)" })
  @Can.write("recycling", { operator: true })
  async registerRecyclingDevice(@Arg("input", () => RegisterRecyclingDeviceInput) input: RegisterRecyclingDeviceInput, @Ctx() ctx: Context): Promise<RecyclingDevicePayload> {
    requireOrgKind(ctx.principal, [ENT]);
    const stationId = idOf("RecyclingStation", input.stationId, "input.stationId");
    const s = await stationLoader(ctx).load(stationId);
    if (!s) throw badInput("input.stationId", "no such station");
    requireInScope(ctx.principal, stationScope(s));
    requireDistrictWritable(ctx.principal, s.districtId);
    const r = await runMutation(ctx, "registerRecyclingDevice", input, async (w) => {
      const { device, secret } = await registerDevice(w, { ...input, stationId });
      return { device: device as unknown as RecyclingDevice, secret };
    });
    return { device: r.device ?? null, secret: r.secret ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingDevicePayload, { description: "更换设备密钥（旧密钥立即失效）/ Rotate a device's key (the old one stops working at once)" })
  @Can.write("recycling", { operator: true })
  async rotateRecyclingDeviceKey(@Arg("id", () => ID, { description: "设备 / Device" }) deviceId: string, @Ctx() ctx: Context): Promise<RecyclingDevicePayload> {
    requireOrgKind(ctx.principal, [ENT]);
    const id = idOf("RecyclingDevice", deviceId, "id");
    const d = await deviceLoader(ctx).load(id);
    if (!d) throw notFound("device");
    requireInScope(ctx.principal, deviceScope(d));
    requireDistrictWritable(ctx.principal, d.districtId);
    const r = await runMutation(ctx, "rotateRecyclingDeviceKey", { id: deviceId }, async (w) => {
      const { device, secret } = await rotateDeviceKey(w, id);
      return { device: device as unknown as RecyclingDevice, secret };
    });
    return { device: r.device ?? null, secret: r.secret ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingDevicePayload, { description: "启用或停用设备（停用即吊销其密钥）/ Activate or deactivate a device (deactivating revokes its key)" })
  @Can.write("recycling", { operator: true })
  async setRecyclingDeviceActive(@Arg("id", () => ID, { description: "设备 / Device" }) deviceId: string, @Arg("active", { description: "启用 / Active" }) active: boolean, @Ctx() ctx: Context): Promise<RecyclingDevicePayload> {
    requireOrgKind(ctx.principal, [ENT]);
    const id = idOf("RecyclingDevice", deviceId, "id");
    const d = await deviceLoader(ctx).load(id);
    if (!d) throw notFound("device");
    requireInScope(ctx.principal, deviceScope(d));
    requireDistrictWritable(ctx.principal, d.districtId);
    const r = await runMutation(ctx, "setRecyclingDeviceActive", { id: deviceId, active }, async (w) => ({ device: (await setDeviceStatus(w, id, active)) as unknown as RecyclingDevice }));
    return { device: r.device ?? null, secret: null, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingMaterialPayload, { description: "新增回收物资 / Add a material to the catalogue" })
  @Can.write("recycling")
  async createRecyclingMaterial(@Arg("input", () => CreateRecyclingMaterialInput) input: CreateRecyclingMaterialInput, @Ctx() ctx: Context): Promise<RecyclingMaterialPayload> {
    requireCityStaff(ctx.principal);
    const r = await runMutation(ctx, "createRecyclingMaterial", input, async (w) => {
      const [exists] = await w.tx.select({ id: materials.id }).from(materials).where(eq(materials.code, input.code));
      if (exists) throw new DomainError("CODE_TAKEN", `A material with code ${input.code} exists`, "input.code");
      const [max] = await rows<{ s: number }>(w.tx, sql`select coalesce(max(sort), 0)::int + 1 as s from recycling.materials`);
      const [m] = await w.tx.insert(materials).values({ ...input, sort: max!.s }).returning();
      await w.audit({ entity: "RecyclingMaterial", entityId: m!.id, action: "create", changes: input });
      w.afterCommit(clearMaterials);
      return { material: m as unknown as RecyclingMaterial };
    });
    clearMaterials();
    return { material: r.material ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingMaterialPayload, { description: "修改物资积分率或停收 / Change a material's points rate or stop collecting it" })
  @Can.write("recycling")
  async updateRecyclingMaterial(@Arg("input", () => UpdateRecyclingMaterialInput) input: UpdateRecyclingMaterialInput, @Ctx() ctx: Context): Promise<RecyclingMaterialPayload> {
    requireCityStaff(ctx.principal);
    const id = idOf("RecyclingMaterial", input.id, "input.id");
    const r = await runMutation(ctx, "updateRecyclingMaterial", input, async (w) => {
      const [old] = await w.tx.select().from(materials).where(eq(materials.id, id)).for("update");
      if (!old) throw new DomainError("NOT_FOUND", "No such material", "input.id");
      const set: Partial<MaterialRow> = { updatedAt: new Date() };
      if (input.pointsPerUnit != null) set.pointsPerUnit = input.pointsPerUnit;
      if (input.active != null) set.active = input.active;
      const [m] = await w.tx.update(materials).set(set).where(eq(materials.id, id)).returning();
      await w.audit({ entity: "RecyclingMaterial", entityId: id, action: "update", changes: { pointsPerUnit: [old.pointsPerUnit, m!.pointsPerUnit], active: [old.active, m!.active] } });
      w.afterCommit(clearMaterials);
      return { material: m as unknown as RecyclingMaterial };
    });
    clearMaterials();
    return { material: r.material ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => PublishPricesPayload, { description: "公布每日价格：工作人员公布全市指导价，企业公布自定价 / Publish daily prices: staff publish the city guide price, enterprises their own" })
  @Can.write("recycling", { operator: true })
  async publishRecyclingPrices(@Arg("input", () => PublishPricesInput) input: PublishPricesInput, @Ctx() ctx: Context): Promise<PublishPricesPayload> {
    const p = ctx.principal;
    requireOrgKind(p, [ENT]);
    if (!p.org && p.districtId != null) throw forbidden("City guide prices are published by city-level staff");
    const items = input.items.map((it, i) => ({ materialId: idOf("RecyclingMaterial", it.materialId, `input.items[${i}].materialId`), priceYuan: it.priceYuan }));
    const enterpriseId = p.org?.kind === ENT ? p.org.id : null;
    const r = await runMutation(ctx, "publishRecyclingPrices", input, async (w) => ({ prices: await publishPrices(w, { day: input.day, enterpriseId, items }) }));
    const mats = await allMaterials(ctx.db);
    return {
      prices: (r.prices ?? []).map((x) => ({ ...x, material: mats.find((m) => m.id === x.materialId) as unknown as RecyclingMaterial })),
      userErrors: r.userErrors,
    };
  }

  @Mutation(() => IngestWeighingsPayload, {
    description:
      "上传称重记录（设备以自身密钥调用；同一设备流水号只计一次；迟到记录按其当日价格计价；坏记录逐条拒收）/ Upload weighings (a device with its own key; each device sequence number counts once; late records are priced at their own day; bad records are rejected one by one)",
  })
  @Can.ingest("recycling")
  async ingestWeighings(@Arg("input", () => IngestWeighingsInput) input: IngestWeighingsInput, @Ctx() ctx: Context): Promise<IngestWeighingsPayload> {
    const records = input.records.map((r) => ({ ...r, seq: r.seq }));
    const r = await runMutation(ctx, "ingestWeighings", { records: records.length }, (w) => ingestWeighings(w, records));
    return {
      received: r.received ?? input.records.length,
      accepted: r.accepted ?? 0,
      duplicates: r.duplicates ?? 0,
      duplicateIndexes: r.duplicateIndexes ?? [],
      rejected: r.rejected ?? [],
      pointsEarned: r.pointsEarned ?? 0,
      userErrors: r.userErrors,
    };
  }

  @Mutation(() => ResidentCardPayload, { description: "办理居民积分卡 / Issue a resident card" })
  @Can.write("recycling")
  async issueResidentCard(@Arg("input", () => IssueResidentCardInput) input: IssueResidentCardInput, @Ctx() ctx: Context): Promise<ResidentCardPayload> {
    const districtId = (await districtArg(ctx, input.districtId, "input.districtId"))!;
    requireDistrictWritable(ctx.principal, districtId);
    const stationId = optionalIdOf("RecyclingStation", input.stationId, "input.stationId") ?? null;
    const r = await runMutation(ctx, "issueResidentCard", input, async (w) => ({ card: (await issueCard(w, { ...input, districtId, stationId })) as unknown as ResidentCard }));
    return { card: r.card ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => ResidentCardPayload, { description: "积分卡冻结、解冻、注销 / Freeze, unfreeze or cancel a card" })
  @Can.write("recycling")
  async transitionResidentCard(
    @Arg("id", () => ID, { description: "积分卡 / Card" }) cardId: string,
    @Arg("action", () => CardAction, { description: "操作 / Action" }) action: CardAction,
    @Arg("reason", { description: "原因 / Reason" }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<ResidentCardPayload> {
    const id = idOf("ResidentCard", cardId, "id");
    if (reason.length > 500) throw badInput("reason", "at most 500 characters");
    const c = await cardLoader(ctx).load(id);
    if (!c) throw notFound("card");
    requireDistrictWritable(ctx.principal, c.districtId);
    const r = await runMutation(ctx, "transitionResidentCard", { id: cardId, action, reason }, async (w) => ({ card: (await transitionCard(w, id, action, reason)) as unknown as ResidentCard }));
    return { card: r.card ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => AdjustPointsPayload, { description: "人工调整积分（需原因，记审计）/ Adjust a card's points (reason required, audited)" })
  @Can.write("recycling")
  async adjustPoints(@Arg("input", () => AdjustPointsInput) input: AdjustPointsInput, @Ctx() ctx: Context): Promise<AdjustPointsPayload> {
    const id = idOf("ResidentCard", input.cardId, "input.cardId");
    const c = await cardLoader(ctx).load(id);
    if (!c) throw notFound("card");
    requireDistrictWritable(ctx.principal, c.districtId);
    const r = await runMutation(ctx, "adjustPoints", input, async (w) => {
      const res = await adjustPoints(w, { cardId: id, points: input.points, reason: input.reason });
      const [card] = await w.tx.select().from(cards).where(eq(cards.id, id));
      const [entry] = await w.tx.select().from(ledger).where(eq(ledger.id, res.entryId));
      return { card: card as unknown as ResidentCard, entry: entry as unknown as PointsLedgerEntry };
    });
    return { card: r.card ?? null, entry: r.entry ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RedeemPointsPayload, { description: "积分兑换商品（商户终端；同卡并发兑换串行执行，余额永不为负）/ Redeem points for goods (merchant terminals; concurrent redemptions from one card are serialised and never overdraw it)" })
  @Can.write("recycling", { operator: true })
  async redeemPoints(@Arg("input", () => RedeemPointsInput) input: RedeemPointsInput, @Ctx() ctx: Context): Promise<RedeemPointsPayload> {
    const p = ctx.principal;
    requireOrgKind(p, [MER]);
    let merchantId: number;
    if (p.org) {
      if (input.merchantId) throw badInput("input.merchantId", "terminals redeem for their own merchant; omit merchantId");
      merchantId = p.org.id;
    } else {
      if (!input.merchantId) throw badInput("input.merchantId", "staff must name the merchant");
      merchantId = idOf("RecyclingMerchant", input.merchantId, "input.merchantId");
    }
    const m = await merchantLoader(ctx).load(merchantId);
    if (!m || !m.active) throw badInput(p.org ? "merchant" : "input.merchantId", "no such active merchant");
    if (!p.org) requireDistrictWritable(p, m.districtId);
    const cardNo = input.cardNo.trim().toUpperCase();
    const r = await runMutation(ctx, "redeemPoints", { ...input, cardNo }, async (w) => {
      const [c] = await w.tx.select({ id: cards.id }).from(cards).where(eq(cards.cardNo, cardNo));
      if (!c) throw new DomainError("NOT_FOUND", `No card ${cardNo}`, "input.cardNo");
      const res = await redeemPoints(w, { cardId: c.id, merchant: { id: m.id, districtId: m.districtId, name: m.name }, yuanValue: input.yuanValue, goods: input.goods, clientRef: input.clientRef ?? null });
      return { redemption: res.redemption as unknown as PointsRedemption, balance: res.balance, replayed: res.replayed };
    });
    return { redemption: r.redemption ?? null, balance: r.balance ?? null, replayed: r.replayed ?? false, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingMerchantPayload, { description: "登记兑换商户 / Register a merchant" })
  @Can.write("recycling")
  async createRecyclingMerchant(@Arg("input", () => CreateRecyclingMerchantInput) input: CreateRecyclingMerchantInput, @Ctx() ctx: Context): Promise<RecyclingMerchantPayload> {
    const districtId = (await districtArg(ctx, input.districtId, "input.districtId"))!;
    requireDistrictWritable(ctx.principal, districtId);
    const r = await runMutation(ctx, "createRecyclingMerchant", input, async (w) => ({ merchant: (await createMerchant(w, { ...input, districtId })) as unknown as RecyclingMerchant }));
    return { merchant: r.merchant ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TerminalKeyPayload, { description: "为商户签发兑换终端密钥（只显示一次）/ Issue a redemption terminal key for a merchant (shown once)" })
  @Can.write("recycling")
  async createMerchantTerminalKey(
    @Arg("merchantId", () => ID, { description: "商户 / Merchant" }) merchantId: string,
    @Arg("name", { description: "终端名称 / Terminal name" }) name: string,
    @Ctx() ctx: Context,
  ): Promise<TerminalKeyPayload> {
    const id = idOf("RecyclingMerchant", merchantId, "merchantId");
    if (!name.trim() || name.length > 40) throw badInput("name", "1–40 characters");
    const m = await merchantLoader(ctx).load(id);
    if (!m) throw notFound("merchant");
    requireDistrictWritable(ctx.principal, m.districtId);
    const r = await runMutation(ctx, "createMerchantTerminalKey", { merchantId, name }, async (w) => ({ secret: (await createMerchantTerminalKey(w, id, name.trim())).secret }));
    return { secret: r.secret ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => GenerateSettlementsPayload, { description: "生成某月商户结算（月结束后；可重复执行）/ Generate a finished month's merchant settlements (safe to repeat)" })
  @Can.write("recycling")
  async generateMerchantSettlements(@Arg("month", { description: "月份（YYYY-MM-01）/ Month (YYYY-MM-01)" }) month: string, @Ctx() ctx: Context): Promise<GenerateSettlementsPayload> {
    if (!isDay(month)) throw badInput("month", "must be YYYY-MM-01");
    const r = await runMutation(ctx, "generateMerchantSettlements", { month }, async (w) => generateSettlements(w, month, ctx.principal.districtId));
    return { created: r.created ?? 0, month: r.month ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => MerchantSettlementPayload, { description: "结算流转：确认、支付（需凭证号）/ Move a settlement: confirm, pay (with a payment reference)" })
  @Can.write("recycling")
  async advanceMerchantSettlement(
    @Arg("id", () => ID, { description: "结算 / Settlement" }) settlementId: string,
    @Arg("action", () => SettlementAction, { description: "操作 / Action" }) action: SettlementAction,
    @Ctx() ctx: Context,
    @Arg("paymentRef", () => String, { nullable: true, description: "支付凭证号 / Payment reference" }) paymentRef?: string,
  ): Promise<MerchantSettlementPayload> {
    const id = idOf("MerchantSettlement", settlementId, "id");
    if (paymentRef && paymentRef.length > 100) throw badInput("paymentRef", "at most 100 characters");
    const [s] = await ctx.db.select().from(settlements).where(eq(settlements.id, id));
    if (!s) throw notFound("settlement");
    requireDistrictWritable(ctx.principal, s.districtId);
    const r = await runMutation(ctx, "advanceMerchantSettlement", { id: settlementId, action, paymentRef }, async (w) => ({ settlement: (await advanceSettlement(w, id, action, paymentRef)) as unknown as MerchantSettlement }));
    return { settlement: r.settlement ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => PickupPayload, { description: "一键呼叫上门回收 / Request a household pickup" })
  @Can.write("recycling", { operator: true })
  async requestPickup(@Arg("input", () => RequestPickupInput) input: RequestPickupInput, @Ctx() ctx: Context): Promise<PickupPayload> {
    const p = ctx.principal;
    requireOrgKind(p, [ENT]);
    const districtId = (await districtArg(ctx, input.districtId, "input.districtId"))!;
    if (!p.org) requireDistrictWritable(p, districtId);
    const r = await runMutation(ctx, "requestPickup", { ...input, phone: undefined }, async (w) => {
      let cardId: number | null = null;
      if (input.cardNo) {
        const [c] = await w.tx.select({ id: cards.id }).from(cards).where(eq(cards.cardNo, input.cardNo.trim().toUpperCase()));
        if (!c) throw new DomainError("NOT_FOUND", `No card ${input.cardNo}`, "input.cardNo");
        cardId = c.id;
      }
      const pk = await requestPickup(w, { ...input, cardId, districtId, enterpriseId: p.org?.kind === ENT ? p.org.id : null });
      return { pickup: pk as unknown as PickupRequest };
    });
    return { pickup: r.pickup ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => PickupPayload, { description: "回收单流转一步（每次交接称重）/ Move a pickup one step along the chain (each hand-over weighed)" })
  @Can.write("recycling", { operator: true })
  async advancePickup(@Arg("input", () => AdvancePickupInput) input: AdvancePickupInput, @Ctx() ctx: Context): Promise<PickupPayload> {
    const p = ctx.principal;
    requireOrgKind(p, [ENT]);
    const id = idOf("PickupRequest", input.id, "input.id");
    const [pk] = await ctx.db.select().from(pickups).where(eq(pickups.id, id));
    if (!pk) throw notFound("pickup");
    if (p.org) {
      if (pk.enterpriseId != null && pk.enterpriseId !== p.org.id) throw forbidden("This pickup belongs to another enterprise");
    } else requireDistrictWritable(p, pk.districtId);
    const stationId = optionalIdOf("RecyclingStation", input.stationId, "input.stationId") ?? null;
    const sortingCentreId = optionalIdOf("RecyclingStation", input.sortingCentreId, "input.sortingCentreId") ?? null;
    const r = await runMutation(ctx, "advancePickup", input, async (w) => ({ pickup: (await advancePickup(w, id, { ...input, stationId, sortingCentreId })).pickup as unknown as PickupRequest }));
    return { pickup: r.pickup ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RuleParameterPayload, { description: "修改规则参数（市级工作人员，记审计）/ Change a rule parameter (city-level staff; audited)" })
  @Can.write("recycling")
  async updateRecyclingRuleParameter(@Arg("key", { description: "参数键 / Key" }) key: string, @Arg("value", () => Number, { description: "新值 / New value" }) value: number, @Ctx() ctx: Context): Promise<RuleParameterPayload> {
    requireCityStaff(ctx.principal);
    if (key.length > 80) throw badInput("key", "too long");
    const r = await runMutation(ctx, "updateRecyclingRuleParameter", { key, value }, async (w) => {
      const row = await setParam(w, key, value);
      const d = PARAM_DEFS.find((x) => x.key === key)!;
      return { parameter: { key, value: Number(row.value), unit: d.unit, min: d.min, max: d.max, descriptionZh: d.zh, descriptionEn: d.en, updatedBy: row.updatedBy, updatedAt: row.updatedAt } };
    });
    return { parameter: r.parameter ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RecyclingChecksPayload, { description: "立即运行积分过期与异常检查（市级工作人员）/ Run the points expiry and anomaly checks now (city-level staff)" })
  @Can.write("recycling")
  async runRecyclingChecks(@Ctx() ctx: Context): Promise<RecyclingChecksPayload> {
    requireCityStaff(ctx.principal);
    const exp = await runExpiry(ctx.app);
    const silent = await runSilentDevices(ctx.app);
    const stations = await runStationVolumes(ctx.app);
    return { lotsExpired: exp.lots, pointsExpired: exp.points, silentDevices: silent.length, abnormalStations: stations, userErrors: [] };
  }
}

// ——— field resolvers ———

@Resolver(() => RecyclingEnterprise)
export class RecyclingEnterpriseFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() e: EnterpriseRow, @Ctx() ctx: Context) {
    return districtOf(ctx.db, e.districtId);
  }
  @FieldResolver(() => Int, { description: "站点数 / Stations" })
  async stationCount(@Root() e: EnterpriseRow, @Ctx() ctx: Context): Promise<number> {
    const l = loader<number, { id: number; n: number }>(ctx, "recycling.stationCountByEnterprise", async (ids) =>
      byKeys(ids, await rows<{ id: number; n: number }>(ctx.db, sql`select enterprise_id as id, count(*)::int as n from recycling.stations where enterprise_id = any(${sql.param([...ids])}::int[]) group by 1`), (r) => r.id),
    );
    return (await l.load(e.id))?.n ?? 0;
  }
}

@Resolver(() => RecyclingStation)
export class RecyclingStationFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() s: StationRow, @Ctx() ctx: Context) {
    return districtOf(ctx.db, s.districtId);
  }
  @FieldResolver(() => RecyclingEnterprise, { description: "所属企业 / Enterprise" })
  async enterprise(@Root() s: StationRow, @Ctx() ctx: Context) {
    return enterpriseLoader(ctx).load(s.enterpriseId);
  }
  @FieldResolver(() => [RecyclingDevice], { description: "站点设备 / Devices at the station" })
  async devices(@Root() s: StationRow, @Ctx() ctx: Context) {
    const l = loader<number, DeviceRow[]>(ctx, "recycling.devicesByStation", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(devices).where(inArray(devices.stationId, [...ids])).orderBy(asc(devices.id)), (d) => d.stationId),
    );
    return (await l.load(s.id)) ?? [];
  }
}

@Resolver(() => RecyclingDevice)
export class RecyclingDeviceFields {
  @FieldResolver(() => RecyclingStation, { description: "所在站点 / Station" })
  async station(@Root() d: DeviceRow, @Ctx() ctx: Context) {
    return stationLoader(ctx).load(d.stationId);
  }
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() d: DeviceRow, @Ctx() ctx: Context) {
    return districtOf(ctx.db, d.districtId);
  }
  @FieldResolver(() => Boolean, { description: "是否离线（超过离线阈值未上传）/ Whether silent (no upload within the threshold)" })
  async silent(@Root() d: DeviceRow, @Ctx() ctx: Context): Promise<boolean> {
    if (d.status !== "ACTIVE") return false;
    const hours = (await getParams(ctx.db))["alert.device_silent_hours"];
    return isSilent(d.lastSeenAt, d.installedAt, new Date(), hours);
  }
}

@Resolver(() => RecyclingPrice)
export class RecyclingPriceFields {
  @FieldResolver(() => RecyclingMaterial, { description: "物资 / Material" })
  async material(@Root() p: { materialId: number }, @Ctx() ctx: Context) {
    return materialById(ctx.db, p.materialId);
  }
  @FieldResolver(() => RecyclingEnterprise, { nullable: true, description: "自定价企业（为空为全市指导价）/ Enterprise (empty: city guide price)" })
  async enterprise(@Root() p: { enterpriseId: number | null }, @Ctx() ctx: Context) {
    return p.enterpriseId == null ? null : enterpriseLoader(ctx).load(p.enterpriseId);
  }
}

@Resolver(() => ResidentCard)
export class ResidentCardFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() c: CardRow, @Ctx() ctx: Context) {
    return districtOf(ctx.db, c.districtId);
  }
  @FieldResolver(() => RecyclingStation, { nullable: true, description: "所属站点 / Home station" })
  async station(@Root() c: CardRow, @Ctx() ctx: Context) {
    return c.stationId == null ? null : stationLoader(ctx).load(c.stationId);
  }
  @FieldResolver(() => PointsLedgerEntryConnection, { description: "积分流水（对账单，最新在前）/ The statement: every movement, newest first", complexity: connectionComplexity })
  async ledger(@Root() c: CardRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Arg("kind", () => LedgerKind, { nullable: true, description: "类型 / Kind" }) kind?: LedgerKind) {
    if (!isStaff(ctx.principal)) throw forbidden("Only staff read a card's statement");
    return paginate({ db: ctx.db, table: ledger, id: ledger.id, where: [eq(ledger.cardId, c.id), kind ? eq(ledger.kind, kind) : undefined], first: page.first, after: page.after });
  }
  @FieldResolver(() => [PointsLot], { description: "积分批次（先到期先用）/ Points lots (spent oldest-first)" })
  async lots(@Root() c: CardRow, @Ctx() ctx: Context, @Arg("includeSpent", { nullable: true, description: "包括已用完或过期的批次 / Include spent or expired lots" }) includeSpent?: boolean) {
    if (!isStaff(ctx.principal)) throw forbidden("Only staff read a card's lots");
    const r = await rows<{ earned_on: string; expires_on: string; earned: number; remaining: number }>(
      ctx.db,
      sql`select earned_on::text, expires_on::text, earned, remaining from recycling.lots where card_id = ${c.id} ${includeSpent ? sql`` : sql`and remaining > 0`} order by earned_on desc limit 400`,
    );
    return r.map((l) => ({ earnedOn: l.earned_on, expiresOn: l.expires_on, earned: l.earned, remaining: l.remaining }));
  }
  @FieldResolver(() => Int, { description: "30 天内将过期的积分 / Points expiring within 30 days" })
  async expiringSoon(@Root() c: CardRow, @Ctx() ctx: Context): Promise<number> {
    const today = dayOf(new Date());
    const r = await rows<{ n: number | null }>(
      ctx.db,
      sql`select sum(remaining)::int as n from recycling.lots where card_id = ${c.id} and remaining > 0 and expires_on <= ${addDays(today, 30)}::date`,
    );
    return r[0]?.n ?? 0;
  }
}

@Resolver(() => PointsLedgerEntry)
export class PointsLedgerEntryFields {
  @FieldResolver(() => WeighingRecord, { nullable: true, description: "来源称重（获得）/ The weighing that earned it" })
  async weighing(@Root() e: LedgerRow, @Ctx() ctx: Context) {
    return e.weighingId == null ? null : weighingLoader(ctx).load(e.weighingId);
  }
  @FieldResolver(() => PointsRedemption, { nullable: true, description: "兑换（兑换）/ The redemption" })
  async redemption(@Root() e: LedgerRow, @Ctx() ctx: Context) {
    return e.redemptionId == null ? null : redemptionLoader(ctx).load(e.redemptionId);
  }
}

@Resolver(() => WeighingRecord)
export class WeighingRecordFields {
  @FieldResolver(() => RecyclingDevice, { nullable: true, description: "设备 / Device" })
  async device(@Root() w: WeighingRow, @Ctx() ctx: Context) {
    return w.deviceId == null ? null : deviceLoader(ctx).load(w.deviceId);
  }
  @FieldResolver(() => RecyclingStation, { description: "站点 / Station" })
  async station(@Root() w: WeighingRow, @Ctx() ctx: Context) {
    return stationLoader(ctx).load(w.stationId);
  }
  @FieldResolver(() => RecyclingMaterial, { description: "物资 / Material" })
  async material(@Root() w: WeighingRow, @Ctx() ctx: Context) {
    return materialById(ctx.db, w.materialId);
  }
  @FieldResolver(() => String, { nullable: true, description: "积分卡号 / Card number" })
  async cardNo(@Root() w: WeighingRow, @Ctx() ctx: Context) {
    return w.cardId == null ? null : ((await cardLoader(ctx).load(w.cardId))?.cardNo ?? null);
  }
}

@Resolver(() => RecyclingMerchant)
export class RecyclingMerchantFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() m: MerchantRow, @Ctx() ctx: Context) {
    return districtOf(ctx.db, m.districtId);
  }
  @FieldResolver(() => [MerchantMonth], { description: "近 12 个月兑换汇总（最新在前）/ Redemptions per month, the last 12 months, newest first" })
  async months(@Root() m: MerchantRow, @Ctx() ctx: Context) {
    const since = addMonths(monthStart(dayOf(new Date())), -11);
    const l = loader<number, (typeof rollMerchantMonth.$inferSelect)[]>(ctx, "recycling.merchantMonths", async (ids) =>
      groupByKeys(
        ids,
        await ctx.db
          .select()
          .from(rollMerchantMonth)
          .where(and(inArray(rollMerchantMonth.merchantId, [...ids]), gte(rollMerchantMonth.month, since)))
          .orderBy(desc(rollMerchantMonth.month)),
        (r) => r.merchantId,
      ),
    );
    return ((await l.load(m.id)) ?? []).map((r) => ({ month: r.month, redemptions: r.redemptions, points: r.points, yuanValue: r.yuanValue }));
  }
}

@Resolver(() => PointsRedemption)
export class PointsRedemptionFields {
  @FieldResolver(() => RecyclingMerchant, { description: "商户 / Merchant" })
  async merchant(@Root() r: RedemptionRow, @Ctx() ctx: Context) {
    return merchantLoader(ctx).load(r.merchantId);
  }
  @FieldResolver(() => String, { description: "卡号 / Card number" })
  async cardNo(@Root() r: RedemptionRow, @Ctx() ctx: Context) {
    return (await cardLoader(ctx).load(r.cardId))?.cardNo ?? "";
  }
}

@Resolver(() => MerchantSettlement)
export class MerchantSettlementFields {
  @FieldResolver(() => RecyclingMerchant, { description: "商户 / Merchant" })
  async merchant(@Root() s: SettlementRow, @Ctx() ctx: Context) {
    return merchantLoader(ctx).load(s.merchantId);
  }
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() s: SettlementRow, @Ctx() ctx: Context) {
    return districtOf(ctx.db, s.districtId);
  }
}

@Resolver(() => PickupRequest)
export class PickupRequestFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() p: PickupRow, @Ctx() ctx: Context) {
    return districtOf(ctx.db, p.districtId);
  }
  @FieldResolver(() => RecyclingStation, { nullable: true, description: "服务站 / Service station" })
  async station(@Root() p: PickupRow, @Ctx() ctx: Context) {
    return p.stationId == null ? null : stationLoader(ctx).load(p.stationId);
  }
  @FieldResolver(() => RecyclingStation, { nullable: true, description: "分拣中心 / Sorting centre" })
  async sortingCentre(@Root() p: PickupRow, @Ctx() ctx: Context) {
    return p.sortingCentreId == null ? null : stationLoader(ctx).load(p.sortingCentreId);
  }
  @FieldResolver(() => RecyclingMaterial, { nullable: true, description: "物资 / Material" })
  async material(@Root() p: PickupRow, @Ctx() ctx: Context) {
    return materialById(ctx.db, p.materialId);
  }
  @FieldResolver(() => String, { nullable: true, description: "积分卡号 / Card number" })
  async cardNo(@Root() p: PickupRow, @Ctx() ctx: Context) {
    return p.cardId == null ? null : ((await cardLoader(ctx).load(p.cardId))?.cardNo ?? null);
  }
  @FieldResolver(() => [CustodyHandover], { description: "交接记录（全程追溯）/ The chain of custody, oldest first" })
  async handovers(@Root() p: PickupRow, @Ctx() ctx: Context) {
    const l = loader<number, (typeof handovers.$inferSelect)[]>(ctx, "recycling.handoversByPickup", async (ids) =>
      groupByKeys(ids, await ctx.db.select().from(handovers).where(inArray(handovers.pickupId, [...ids])).orderBy(asc(handovers.id)), (h) => h.pickupId),
    );
    return (await l.load(p.id)) ?? [];
  }
  @FieldResolver(() => Int, { nullable: true, description: "累计损耗（克）= 收集重量 − 当前重量 / Loss so far (grams) = collected − current" })
  lossGrams(@Root() p: PickupRow): number | null {
    return p.collectedGrams != null && p.currentGrams != null ? p.collectedGrams - p.currentGrams : null;
  }
  @FieldResolver(() => [PickupActionKey], { description: "下一步可执行的操作 / Actions possible next" })
  nextActions(@Root() p: PickupRow): PickupActionKey[] {
    return pickupActionsFrom(p.status as PickupStatus) as unknown as PickupActionKey[];
  }
}

export const recyclingResolvers = [
  RecyclingResolver,
  RecyclingEnterpriseFields,
  RecyclingStationFields,
  RecyclingDeviceFields,
  RecyclingPriceFields,
  ResidentCardFields,
  PointsLedgerEntryFields,
  WeighingRecordFields,
  RecyclingMerchantFields,
  PointsRedemptionFields,
  MerchantSettlementFields,
  PickupRequestFields,
] as const;

export { isStaff, SCOPES };
