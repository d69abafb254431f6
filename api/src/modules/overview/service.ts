/**
 * The leadership overview as plain functions (the resolvers, the briefing and the tests call these):
 * every stream's figures for the city or a district and a period with the same period a year before,
 * one figure (or the zero-waste index) per district for the map, the index ranking with its trend,
 * and generation against capacity per district and category, now and at the end of the plan period.
 *
 * Each stream answers through its `OverviewProvider` (read models kept current by its writes); this
 * module only composes, compares and caches (`cache.ts`, invalidated by the read models' NOTIFY).
 */
import type { App } from "../../graphql/context.js";
import { allDistricts } from "../core/resolvers.js";
import type { CapacityRow, OverviewProvider, StreamFigure } from "../core/module.js";
import { indexSeries, type IndexSeries } from "../cells/overview.js";
import { modules } from "../index.js";
import { OverviewCache, OVERVIEW_CHANNEL } from "./cache.js";
import { add, cmp, isDecimal, percentChange, percentOf, sub } from "./decimal.js";
import { planPeriodOf, resolvePeriod, shanghaiDay, yearShare, type OverviewPeriodKind, type PlanPeriod, type ResolvedPeriod } from "./periods.js";

export const CITY_ID = 330600;
export const STREAM_ORDER = ["construction", "hazardous", "recycling", "cells"] as const;
export const CAPACITY_CATEGORIES = ["spoil", "hazardous", "recyclables"] as const;

// ——— the cache of each process ———

const caches = new WeakMap<object, OverviewCache>();

/** The overview cache of this platform (one per App; created on first use). */
export function cacheOf(app: App): OverviewCache {
  let c = caches.get(app);
  if (!c) {
    const ttlMs = Number(process.env.OVERVIEW_CACHE_TTL_MS ?? 60_000);
    c = new OverviewCache({
      enabled: process.env.OVERVIEW_CACHE !== "0",
      ttlMs,
      maxEntries: 5_000,
      // Keep what people have open warm: recompute after changes (folded over 250 ms) and 10 s before
      // expiry, two at a time (the API's pool has ten connections; requests keep the rest).
      refresh:
        process.env.OVERVIEW_REFRESH === "0"
          ? undefined
          : { delayMs: 250, hotMs: 10 * 60_000, concurrency: 2, aheadMs: Math.min(10_000, Math.floor(ttlMs / 4)), onError: (e) => console.error("[overview] background refresh failed:", e instanceof Error ? e.message : e) },
    });
    caches.set(app, c);
  }
  return c;
}

/** Listens for read-model changes (every process does): NOTIFY zw_overview '<stream>'. */
export async function listenForChanges(app: App): Promise<() => Promise<void>> {
  const cache = cacheOf(app);
  const onMessage = (payload: string) => cache.invalidate(payload || "*");
  const pg = app.database.pg;
  if (pg) {
    // onlisten runs on every (re)connection of the listening connection: notifications may have been
    // missed meanwhile, so everything cached before is dropped.
    const sub = await pg.listen(OVERVIEW_CHANNEL, onMessage, () => cache.clear());
    return async () => {
      await cache.stop();
      await sub.unlisten().catch(() => {});
    };
  }
  const off = await app.database.listen(OVERVIEW_CHANNEL, onMessage);
  return async () => {
    await cache.stop();
    await off();
  };
}

// ——— providers ———

export interface StreamProvider {
  stream: string;
  provider: OverviewProvider;
}

/** The streams' overview providers in the overview's order. */
export function streamProviders(): StreamProvider[] {
  const list = modules.filter((m) => m.overview && m.name !== "overview").map((m) => ({ stream: m.name, provider: m.overview! }));
  const rank = (s: string) => {
    const i = (STREAM_ORDER as readonly string[]).indexOf(s);
    return i < 0 ? 99 : i;
  };
  return list.sort((a, b) => rank(a.stream) - rank(b.stream));
}

const providerOf = (stream: string) => streamProviders().find((p) => p.stream === stream) ?? null;

/** A stream key from a figure key: "construction.spoilMovedM3" → "construction". */
export const streamOfFigure = (key: string) => key.split(".")[0]!;

// ——— figures ———

export interface Figure extends StreamFigure {
  stream: string;
  /** value − previous (exact), when both are numbers. */
  delta: string | null;
  /** Change against the same period a year before, percent with one decimal. */
  changePct: string | null;
}

export interface StreamFigures {
  stream: string;
  /** False when the stream's provider failed (the other streams still answer). */
  available: boolean;
  figures: Figure[];
}

export interface FiguresResult {
  period: ResolvedPeriod;
  /** null = the whole city. */
  districtId: number | null;
  streams: StreamFigures[];
}

function withChange(stream: string, f: StreamFigure): Figure {
  const numeric = isDecimal(f.value) && isDecimal(f.previous);
  return { ...f, stream, delta: numeric ? sub(f.value, f.previous!) : null, changePct: numeric ? percentChange(f.value, f.previous) : null };
}

/** One stream's figures (cached per stream, district and counted days). */
export async function streamFigures(app: App, sp: StreamProvider, districtId: number | null, period: ResolvedPeriod): Promise<Figure[]> {
  const key = `figures|${sp.stream}|${districtId ?? "city"}|${period.startDay}|${period.cutDay}`;
  // cached with their changes worked out (the same objects serve every request; nothing mutates them)
  return cacheOf(app).get(key, [sp.stream], async () => (await sp.provider.figures(app.db, { districtId, from: period.from, to: period.to })).map((f) => withChange(sp.stream, f)));
}

export async function figuresFor(app: App, q: { districtId: number | null; period: ResolvedPeriod; streams?: readonly string[]; log?: (e: unknown, stream: string) => void }): Promise<FiguresResult> {
  const sps = streamProviders().filter((sp) => !q.streams || q.streams.includes(sp.stream));
  const streams = await Promise.all(
    sps.map(async (sp): Promise<StreamFigures> => {
      try {
        return { stream: sp.stream, available: true, figures: await streamFigures(app, sp, q.districtId, q.period) };
      } catch (e) {
        q.log?.(e, sp.stream);
        return { stream: sp.stream, available: false, figures: [] };
      }
    }),
  );
  return { period: q.period, districtId: q.districtId, streams };
}

// ——— per district (the map) ———

export interface DistrictValue {
  districtId: number;
  /** null: not visible to the caller, or no such figure for the district. */
  value: string | null;
  previous: string | null;
  changePct: string | null;
  rank: number | null;
}

export interface DistrictValues {
  key: string;
  labelZh: string;
  labelEn: string;
  unit: string;
  link: string;
  values: DistrictValue[];
}

export async function districtIds(app: App): Promise<number[]> {
  return (await allDistricts(app.db)).filter((d) => d.id !== CITY_ID).map((d) => d.id);
}

/** Ranks by value, highest first (ties share a rank). */
export function rankDescending<T extends { value: string | null; rank: number | null }>(list: T[]): T[] {
  const sorted = list.filter((v) => isDecimal(v.value)).sort((a, b) => cmp(b.value!, a.value!));
  let rank = 0;
  sorted.forEach((v, i) => {
    if (i === 0 || cmp(v.value!, sorted[i - 1]!.value!) !== 0) rank = i + 1;
    v.rank = rank;
  });
  return list;
}

/** One figure for each district (those in `visible`, the others null), for colouring the map. */
export async function figureByDistrict(app: App, key: string, period: ResolvedPeriod, visible: (districtId: number) => boolean): Promise<DistrictValues | null> {
  const sp = providerOf(streamOfFigure(key));
  if (!sp) return null;
  const ids = await districtIds(app);
  let meta: Figure | null = null;
  const values = await Promise.all(
    ids.map(async (id): Promise<DistrictValue> => {
      if (!visible(id)) return { districtId: id, value: null, previous: null, changePct: null, rank: null };
      const f = (await streamFigures(app, sp, id, period)).find((x) => x.key === key) ?? null;
      if (f) meta ??= f;
      return { districtId: id, value: f?.value ?? null, previous: f?.previous ?? null, changePct: f?.changePct ?? null, rank: null };
    }),
  );
  if (!meta) {
    // No visible district has it: take the label from the city's figures (if the caller may see them).
    return null;
  }
  const m = meta as Figure;
  return { key, labelZh: m.labelZh, labelEn: m.labelEn, unit: m.unit, link: m.link, values: rankDescending(values) };
}

// ——— zero-waste index ———

export async function indexFor(app: App, opts: { atMost?: { year: number; quarter: number } | null; quarters?: number }): Promise<IndexSeries> {
  const key = `index|${opts.atMost ? `${opts.atMost.year}Q${opts.atMost.quarter}` : "latest"}|${opts.quarters ?? 8}|${opts.atMost ? "" : shanghaiDay(new Date())}`;
  return cacheOf(app).get(key, ["cells"], () => indexSeries(app.db, opts));
}

// ——— generation against capacity ———

export interface BalanceRow {
  districtId: number;
  category: string;
  unit: string;
  /** As the stream reports it: the year's days so far when `generatedToDate`. */
  generated: string;
  generatedToDate: boolean;
  /** The year's generation compared with capacity: `generated` annualised when it counts days so far. */
  generatedAnnual: string;
  capacity: string;
  /** capacity − generated. */
  balance: string;
  /** generated / capacity, percent (null without capacity). */
  loadPct: string | null;
  shortfall: boolean;
  projectedGenerated: string;
  projectedCapacity: string;
  projectedBalance: string;
  projectedShortfall: boolean;
  projectionBasis: "ANNUAL" | "CUMULATIVE";
}

export interface CapacityBalance {
  year: number;
  plan: PlanPeriod;
  /** The year is still running (generation so far annualised by the providers where they say so). */
  yearToDate: boolean;
  yearShare: number;
  rows: BalanceRow[];
  /** The city: the districts summed per category. */
  totals: BalanceRow[];
  /** Streams whose provider failed. */
  unavailable: string[];
}

/** `v` ÷ `share` with the decimals of `v` (an estimate, so a float division is fine here). */
function annualise(v: string, share: number): string {
  const places = v.includes(".") ? v.split(".")[1]!.length : 0;
  return (Number(v) / share).toFixed(places);
}

function balanceRow(r: CapacityRow, share: number): BalanceRow {
  const toDate = !!r.generatedToDate && share < 1;
  const annual = toDate ? annualise(r.generated, share) : r.generated;
  const balance = sub(r.capacity, annual);
  const projectedBalance = sub(r.projectedCapacity, r.projectedGenerated);
  return {
    districtId: r.districtId,
    category: r.category,
    unit: r.unit,
    generated: r.generated,
    generatedToDate: toDate,
    generatedAnnual: annual,
    capacity: r.capacity,
    balance,
    loadPct: percentOf(annual, r.capacity),
    shortfall: cmp(annual, r.capacity) > 0,
    projectedGenerated: r.projectedGenerated,
    projectedCapacity: r.projectedCapacity,
    projectedBalance,
    projectedShortfall: cmp(r.projectedGenerated, r.projectedCapacity) > 0,
    projectionBasis: r.projectionBasis ?? "ANNUAL",
  };
}

export async function capacityFor(app: App, q: { year: number; districtId: number | null; log?: (e: unknown, stream: string) => void }): Promise<CapacityBalance> {
  // The balance composed (rows, totals, annualised figures) is cached too; one missing a failed stream is not kept.
  const cache = cacheOf(app);
  const key = `capacityBalance|${q.districtId ?? "city"}|${q.year}|${shanghaiDay(new Date())}`;
  const r = await cache.get(key, STREAM_ORDER, () => composeCapacity(app, q));
  if (r.unavailable.length) cache.drop(key);
  return r;
}

async function composeCapacity(app: App, q: { year: number; districtId: number | null; log?: (e: unknown, stream: string) => void }): Promise<CapacityBalance> {
  const plan = planPeriodOf(q.year);
  const today = shanghaiDay(new Date());
  const yearToDate = Number(today.slice(0, 4)) === q.year;
  const cut = yearToDate ? resolvePeriod("DAY", today).cutDay : `${q.year + 1}-01-01`;
  const share = yearShare(q.year, cut);
  const unavailable: string[] = [];
  const lists = await Promise.all(
    streamProviders()
      .filter((sp) => sp.provider.capacity)
      .map(async (sp) => {
        const key = `capacity|${sp.stream}|${q.districtId ?? "city"}|${q.year}|${plan.endYear}|${yearToDate ? today : ""}`;
        try {
          return await cacheOf(app).get(key, [sp.stream], () => sp.provider.capacity!(app.db, { year: q.year, districtId: q.districtId, planEndYear: plan.endYear }));
        } catch (e) {
          q.log?.(e, sp.stream);
          unavailable.push(sp.stream);
          return [] as CapacityRow[];
        }
      }),
  );
  const catRank = (c: string) => {
    const i = (CAPACITY_CATEGORIES as readonly string[]).indexOf(c);
    return i < 0 ? 99 : i;
  };
  const rows = lists
    .flat()
    .filter((r) => r.districtId !== CITY_ID && (q.districtId == null || r.districtId === q.districtId))
    .map((r) => balanceRow(r, share))
    .sort((a, b) => catRank(a.category) - catRank(b.category) || a.districtId - b.districtId);
  const totals = new Map<string, CapacityRow>();
  for (const r of rows) {
    const t = totals.get(r.category) ?? { districtId: q.districtId ?? CITY_ID, category: r.category, unit: r.unit, generated: "0", generatedToDate: r.generatedToDate, capacity: "0", projectedGenerated: "0", projectedCapacity: "0", projectionBasis: r.projectionBasis };
    t.generated = add(t.generated, r.generated);
    t.capacity = add(t.capacity, r.capacity);
    t.projectedGenerated = add(t.projectedGenerated, r.projectedGenerated);
    t.projectedCapacity = add(t.projectedCapacity, r.projectedCapacity);
    totals.set(r.category, t);
  }
  return { year: q.year, plan, yearToDate, yearShare: share, rows, totals: [...totals.values()].map((r) => balanceRow(r, share)), unavailable };
}

export { resolvePeriod, type OverviewPeriodKind, type ResolvedPeriod };
