/**
 * 每日价格 — daily prices of the materials catalogue: published by staff (the city guide price) or
 * by an enterprise (its own price), kept as history. The price in force for a record is the latest
 * publication on or before the record's own day, the enterprise's own price preferred on the same
 * day (see ingest.storeWeighings). A publication that jumps beyond `alert.price_jump_pct` against the
 * previous one of the same publisher raises an alert.
 */
import { sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { raiseAlert } from "../core/alerts.js";
import { row, rows, type Tx } from "../core/db.js";
import { getParams } from "./params.js";
import { addDays, dayOf, isDay } from "./time.js";

const PRICE = /^\d{1,8}(\.\d{1,2})?$/;

/** Day-on-day change in percent (one decimal), null without a previous price. */
export function priceChangePct(previous: string | null | undefined, current: string): number | null {
  if (previous == null) return null;
  const p = Number(previous);
  if (p <= 0) return null;
  return Math.round(((Number(current) - p) / p) * 1000) / 10;
}

/** The price-jump rule: |change| beyond the threshold percentage. */
export function isPriceJump(previous: string | null | undefined, current: string, thresholdPct: number): boolean {
  const pct = priceChangePct(previous, current);
  return pct != null && Math.abs(pct) > thresholdPct;
}

export interface PublishInput {
  day: string;
  /** null = the city guide price (staff); an enterprise's id = its own price. */
  enterpriseId: number | null;
  items: { materialId: number; priceYuan: string }[];
}

export interface PublishedPrice {
  id: number;
  materialId: number;
  day: string;
  enterpriseId: number | null;
  priceYuan: string;
  previousPriceYuan: string | null;
  changePct: number | null;
}

export async function publishPrices(w: Writer, input: PublishInput, now = new Date()): Promise<PublishedPrice[]> {
  if (!isDay(input.day)) throw new DomainError("INVALID_DAY", "day must be a date YYYY-MM-DD", "input.day");
  const today = dayOf(now);
  if (input.day > addDays(today, 7)) throw new DomainError("TOO_FAR_AHEAD", "Prices can be published at most 7 days ahead", "input.day");
  if (input.items.length === 0) throw new DomainError("REQUIRED", "Give at least one price", "input.items");
  const seen = new Set<number>();
  input.items.forEach((it, i) => {
    if (!PRICE.test(it.priceYuan) || Number(it.priceYuan) <= 0) throw new DomainError("INVALID_PRICE", "Price must be a positive yuan amount with at most 2 decimals", `input.items[${i}].priceYuan`);
    if (seen.has(it.materialId)) throw new DomainError("DUPLICATE_MATERIAL", "A material appears twice", `input.items[${i}].materialId`);
    seen.add(it.materialId);
  });
  const mats = await rows<{ id: number; code: string; name_zh: string; name_en: string }>(
    w.tx,
    sql`select id, code, name_zh, name_en from recycling.materials where id = any(${sql.param([...seen])}::int[])`,
  );
  const byId = new Map(mats.map((m) => [m.id, m]));
  input.items.forEach((it, i) => {
    if (!byId.has(it.materialId)) throw new DomainError("NOT_FOUND", "No such material", `input.items[${i}].materialId`);
  });
  const ent = input.enterpriseId;
  const params = await getParams(w.tx);
  const out: PublishedPrice[] = [];
  for (const it of input.items) {
    const prev = await row<{ price_yuan: string }>(
      w.tx,
      sql`select price_yuan::text as price_yuan from recycling.prices
          where material_id = ${it.materialId} and day < ${input.day}::date and coalesce(enterprise_id, 0) = ${ent ?? 0}
          order by day desc limit 1`,
    );
    const saved = await row<{ id: number }>(
      w.tx,
      sql`insert into recycling.prices (material_id, day, enterprise_id, price_yuan, published_by)
          values (${it.materialId}, ${input.day}::date, ${ent}, ${it.priceYuan}::numeric, ${w.principal.label})
          on conflict (material_id, day, coalesce(enterprise_id, 0)) do update set price_yuan = excluded.price_yuan,
            published_by = excluded.published_by, published_at = now(), updated_at = now()
          returning id`,
    );
    const changePct = priceChangePct(prev?.price_yuan, it.priceYuan);
    out.push({ id: Number(saved!.id), materialId: it.materialId, day: input.day, enterpriseId: ent, priceYuan: Number(it.priceYuan).toFixed(2), previousPriceYuan: prev?.price_yuan ?? null, changePct });
    const threshold = params["alert.price_jump_pct"];
    if (isPriceJump(prev?.price_yuan, it.priceYuan, threshold)) {
      const m = byId.get(it.materialId)!;
      await raiseAlert(w, {
        stream: "recycling",
        rule: "recycling.price_jump",
        severity: Math.abs(changePct!) > threshold * 2 ? "HIGH" : "MEDIUM",
        title: `${m.name_zh}价格变动 ${changePct}%（${prev!.price_yuan} → ${it.priceYuan} 元）/ ${m.name_en} price changed ${changePct}%`,
        detail: { material: m.code, day: input.day, previous: prev!.price_yuan, current: it.priceYuan, changePct, thresholdPct: threshold, enterpriseId: ent },
        subjectType: "RecyclingMaterial",
        subjectId: m.id,
        subjectLabel: m.name_zh,
        org: ent != null ? { kind: "recycling.enterprise", id: ent } : null,
        dedupKey: `recycling:price-jump:${m.id}:${ent ?? "city"}:${input.day}`,
      });
    }
  }
  await w.audit({ entity: "RecyclingPrice", action: "publish", changes: { day: input.day, enterpriseId: ent, items: input.items } });
  await w.emit({
    type: "recycling.prices_published",
    stream: "recycling",
    entity: "RecyclingPrice",
    entityId: out[0]!.id,
    org: ent != null ? { kind: "recycling.enterprise", id: ent } : null,
    payload: { day: input.day, enterpriseId: ent, items: out.map((o) => ({ materialId: o.materialId, priceYuan: o.priceYuan, changePct: o.changePct })) },
  });
  return out;
}

export interface BoardRow {
  materialId: number;
  priceYuan: string | null;
  /** Day of the publication in force. */
  publishedDay: string | null;
  enterpriseId: number | null;
  previousPriceYuan: string | null;
  changePct: number | null;
}

/**
 * 价格看板 — per material, the price in force on `day` (for `enterpriseId`: its own price where it
 * published one, else the city guide price) and the change against the publication before it.
 */
export async function priceBoard(tx: Tx, day: string, enterpriseId: number | null): Promise<BoardRow[]> {
  const r = await rows<{ material_id: number; price: string | null; pday: string | null; ent: number | null; prev: string | null }>(
    tx,
    sql`select m.id as material_id, cur.price_yuan::text as price, cur.day::text as pday, cur.enterprise_id as ent, prev.price_yuan::text as prev
        from recycling.materials m
        left join lateral (
          select p.price_yuan, p.day, p.enterprise_id from recycling.prices p
          where p.material_id = m.id and p.day <= ${day}::date and (p.enterprise_id is null or p.enterprise_id = ${enterpriseId ?? 0})
          order by p.day desc, p.enterprise_id nulls last limit 1) cur on true
        left join lateral (
          select p.price_yuan from recycling.prices p
          where p.material_id = m.id and p.day < cur.day and coalesce(p.enterprise_id, 0) = coalesce(cur.enterprise_id, 0)
          order by p.day desc limit 1) prev on true
        where m.active
        order by m.sort, m.id`,
  );
  return r.map((x) => ({
    materialId: x.material_id,
    priceYuan: x.price,
    publishedDay: x.pday,
    enterpriseId: x.ent,
    previousPriceYuan: x.prev,
    changePct: x.price ? priceChangePct(x.prev, x.price) : null,
  }));
}

/** Price history of one material between two days (inclusive), one publisher (city guide by default). */
export async function priceHistory(tx: Tx, materialId: number, from: string, to: string, enterpriseId: number | null): Promise<{ day: string; priceYuan: string }[]> {
  const r = await rows<{ day: string; price: string }>(
    tx,
    sql`select day::text as day, price_yuan::text as price from recycling.prices
        where material_id = ${materialId} and day between ${from}::date and ${to}::date and coalesce(enterprise_id, 0) = ${enterpriseId ?? 0}
        order by day`,
  );
  return r.map((x) => ({ day: x.day, priceYuan: x.price }));
}
