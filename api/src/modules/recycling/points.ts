/**
 * 积分 — the points ledger (PointsLedgerEntry) and its rules.
 *
 * - EARN: from weighings with a card, `pointsPerUnit` of the material per kg (or per piece), rounded
 *   down. Points earned on one day form one lot (积分批次) that expires `points.expiry_days` later.
 * - REDEEM: at a merchant; `ceil(yuanValue × points.per_yuan)` points; lots are consumed oldest-first.
 * - EXPIRE: the unspent remainder of a lot on its expiry day (scheduled job, and lazily before a card spends).
 * - ADJUST: staff correction with a reason (audited); positive adds a lot dated today, negative spends FIFO.
 *
 * Invariants: cards.balance = Σ ledger.points of the card = Σ lots.remaining of the card, and
 * balance ≥ 0 (CHECK constraint). Every writer of a card's points locks the card row first
 * (SELECT … FOR UPDATE, several cards in id order), then its lots.
 */
import { sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { raiseAlert } from "../core/alerts.js";
import { row, rows, type Tx } from "../core/db.js";
import { getParams } from "./params.js";
import { addActiveCards, addPointsEarned, rollupDeltas, type PeriodKind } from "./rollups.js";
import { addDays, dayOf, monthStart, startOfDay } from "./time.js";

export type MaterialUnit = "KG" | "PIECE";

/** Points a weighing earns: rate × kg (or × pieces), rounded down; no card → none. */
export function pointsFor(m: { unit: MaterialUnit; pointsPerUnit: number }, weightGrams: number, pieces: number | null | undefined, hasCard: boolean): number {
  if (!hasCard) return 0;
  if (m.unit === "PIECE") return m.pointsPerUnit * (pieces ?? 0);
  return Math.floor((m.pointsPerUnit * weightGrams) / 1000);
}

/** Points a redemption of `yuanValue` (exact decimal string) costs. */
export function pointsForYuan(yuanValue: string, perYuan: number): number {
  const fen = yuanToFen(yuanValue);
  return Math.ceil((fen * perYuan) / 100);
}

/** "12.34" → 1234 (exact; at most 2 decimals). */
export function yuanToFen(v: string): number {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(v.trim());
  if (!m) throw new DomainError("INVALID_AMOUNT", "Amount must be a non-negative yuan value with at most 2 decimals", "input.yuanValue");
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export function fenToYuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

export interface LotBalance {
  earnedOn: string;
  remaining: number;
}

/**
 * FIFO: which lots a spend of `points` consumes, oldest first. Throws INSUFFICIENT_POINTS when the
 * lots do not cover it.
 */
export function planConsumption(lots: LotBalance[], points: number): { earnedOn: string; take: number }[] {
  const sorted = [...lots].filter((l) => l.remaining > 0).sort((a, b) => (a.earnedOn < b.earnedOn ? -1 : a.earnedOn > b.earnedOn ? 1 : 0));
  const plan: { earnedOn: string; take: number }[] = [];
  let left = points;
  for (const l of sorted) {
    if (left <= 0) break;
    const take = Math.min(l.remaining, left);
    plan.push({ earnedOn: l.earnedOn, take });
    left -= take;
  }
  if (left > 0) throw new DomainError("INSUFFICIENT_POINTS", `Not enough points: ${points - left} available, ${points} needed`, "input.yuanValue");
  return plan;
}

/** Lots (of the given ones) that have expired by `today`: expiresOn ≤ today with a remainder. */
export function dueLots<T extends { expiresOn: string; remaining: number }>(lots: T[], today: string): T[] {
  return lots.filter((l) => l.remaining > 0 && l.expiresOn <= today);
}

export interface CardRow {
  id: number;
  cardNo: string;
  districtId: number;
  status: string;
  balance: number;
}

/** Locks cards (in id order, so concurrent writers never deadlock on them) and returns them. */
export async function lockCards(tx: Tx, ids: number[]): Promise<Map<number, CardRow>> {
  const uniq = [...new Set(ids)].sort((a, b) => a - b);
  if (uniq.length === 0) return new Map();
  const r = await rows<{ id: number; card_no: string; district_id: number; status: string; balance: number }>(
    tx,
    sql`select id, card_no, district_id, status, balance from recycling.cards where id = any(${sql.param(uniq)}::int[]) order by id for update`,
  );
  return new Map(r.map((c) => [c.id, { id: c.id, cardNo: c.card_no, districtId: c.district_id, status: c.status, balance: Number(c.balance) }]));
}

/** Locks the cards with these numbers (in id order, like lockCards), whatever their status, and returns them by id. */
export async function lockCardsByNo(tx: Tx, cardNos: string[]): Promise<Map<number, CardRow>> {
  if (cardNos.length === 0) return new Map();
  const r = await rows<{ id: number; card_no: string; district_id: number; status: string; balance: number }>(
    tx,
    sql`select id, card_no, district_id, status, balance from recycling.cards where card_no = any(${sql.param(cardNos)}::text[]) order by id for update`,
  );
  return new Map(r.map((c) => [c.id, { id: c.id, cardNo: c.card_no, districtId: c.district_id, status: c.status, balance: Number(c.balance) }]));
}

// ——— earning (from weighings) ———

export interface EarningRow {
  weighingId: number;
  cardId: number;
  points: number;
  at: Date;
  day: string;
}

const iso = (d: Date) => d.toISOString();

/**
 * Books the points of newly stored weighings with cards, set-based, in one statement: EARN entries
 * (running balance per card), lots per (card, day), card totals, card-days, and which cards become
 * active in a day / month / quarter / year; then the implausible-earning rule. The per-district
 * rollups (points per day, active cards per period) are only collected here and written last, just
 * before the commit (rollups.ts). The cards must already be locked by the caller.
 */
export async function applyEarnings(w: Writer, rowsIn: EarningRow[], cardsById: Map<number, CardRow>): Promise<{ pointsEarned: number }> {
  if (rowsIn.length === 0) return { pointsEarned: 0 };
  const params = await getParams(w.tx);
  const expiry = params["points.expiry_days"];
  const threshold = params["alert.card_daily_points"];
  const input = [...rowsIn].sort((a, b) => a.cardId - b.cardId || a.at.getTime() - b.at.getTime() || a.weighingId - b.weighingId);
  const col = {
    wid: input.map((r) => r.weighingId),
    card: input.map((r) => r.cardId),
    pts: input.map((r) => r.points),
    at: input.map((r) => iso(r.at)),
    day: input.map((r) => r.day),
    district: input.map((r) => cardsById.get(r.cardId)!.districtId),
  };
  const e = sql`select * from unnest(${sql.param(col.wid)}::bigint[], ${sql.param(col.card)}::int[], ${sql.param(col.pts)}::int[], ${sql.param(col.at)}::text[]::timestamptz[], ${sql.param(col.day)}::text[]::date[], ${sql.param(col.district)}::int[])
                as t(weighing_id, card_id, points, at, day, district_id)`;

  // All sub-statements of one statement see the same snapshot: `f` looks at the card-days as they
  // were before `cd` adds this batch's. A card counts as active in a month, quarter or year the first
  // time it recycles in it (no card-day in the period yet), in a day when its card-day is new. The card
  // rows are locked, so concurrent batches cannot both count the same card.
  const r = await row<{ earned: string | null; active: string; crossed: string }>(
    w.tx,
    sql`with e as (${e}),
      p as (select * from e where points > 0),
      c as (select id, balance from recycling.cards where id in (select card_id from p)),
      entries as (
        select p.*, c.balance + sum(p.points) over (partition by p.card_id order by p.at, p.weighing_id rows unbounded preceding) as balance_after
        from p join c on c.id = p.card_id),
      ins as (
        insert into recycling.ledger (card_id, kind, points, balance_after, at, weighing_id, actor)
        select card_id, 'EARN', points, balance_after, at, weighing_id, ${w.principal.label} from entries order by card_id, at, weighing_id
        returning 1),
      sums as (select card_id, sum(points)::int as pts, max(at) as last_at from e group by card_id),
      upd as (
        update recycling.cards c set balance = c.balance + s.pts, earned_total = c.earned_total + s.pts,
               last_activity_at = greatest(c.last_activity_at, s.last_at), updated_at = now()
        from sums s where c.id = s.card_id returning 1),
      lot as (
        insert into recycling.lots (card_id, earned_on, expires_on, earned, remaining)
        select card_id, day, day + ${expiry}::int, sum(points), sum(points) from p group by card_id, day order by card_id, day
        on conflict (card_id, earned_on) do update set earned = recycling.lots.earned + excluded.earned,
               remaining = recycling.lots.remaining + excluded.remaining, updated_at = now()
        returning 1),
      b as (select card_id, day, min(district_id) as district_id, sum(points)::int as pts, count(*)::int as n from e group by card_id, day),
      k as (select distinct b.card_id, b.district_id, v.kind, v.start, v.stop from b
            cross join lateral (values ('M', date_trunc('month', b.day)::date, (date_trunc('month', b.day) + interval '1 month')::date),
                                       ('Q', date_trunc('quarter', b.day)::date, (date_trunc('quarter', b.day) + interval '3 month')::date),
                                       ('Y', date_trunc('year', b.day)::date, (date_trunc('year', b.day) + interval '1 year')::date)) as v(kind, start, stop)),
      f as (select k.district_id, k.kind, k.start from k where not exists (
              select 1 from recycling.card_days cd where cd.card_id = k.card_id and cd.day >= k.start and cd.day < k.stop)),
      cd as (
        insert into recycling.card_days (card_id, day, points, records)
        select card_id, day, pts, n from b order by card_id, day
        on conflict (card_id, day) do update set points = recycling.card_days.points + excluded.points, records = recycling.card_days.records + excluded.records
        returning card_id, day, points, (xmax = 0) as inserted),
      act as (
        select b.district_id, 'D' as kind, cd.day as start from cd join b using (card_id, day) where cd.inserted
        union all select district_id, kind, start from f)
      select (select sum(points) from p)::text as earned, (select count(*) from ins) as n1, (select count(*) from upd) as n2, (select count(*) from lot) as n3,
        (select coalesce(json_agg(json_build_array(district_id, kind, start, n)), '[]')::text
           from (select district_id, kind, start::text as start, count(*)::int as n from act group by 1, 2, 3) x) as active,
        (select coalesce(json_agg(json_build_array(cd.card_id, cd.day::text, cd.points)), '[]')::text
           from cd join b using (card_id, day) where cd.points > ${threshold} and cd.points - b.pts <= ${threshold}) as crossed`,
  );

  const deltas = rollupDeltas(w);
  addPointsEarned(deltas, input.map((x, i) => ({ districtId: col.district[i]!, day: x.day, points: x.points })));
  const active = JSON.parse(r!.active) as [number, PeriodKind, string, number][];
  addActiveCards(deltas, active.map(([districtId, kind, start, cards]) => ({ districtId, kind, start, cards })));

  const crossed = JSON.parse(r!.crossed) as [number, string, number][];
  for (const [cardId, day, points] of crossed) {
    const card = cardsById.get(cardId)!;
    await raiseAlert(w, {
      stream: "recycling",
      rule: "recycling.card_daily_points",
      severity: "MEDIUM",
      title: `积分卡 ${card.cardNo} 单日获得 ${points} 分，超过 ${threshold} 分 / Card ${card.cardNo} earned ${points} points in one day (limit ${threshold})`,
      detail: { cardNo: card.cardNo, day, points, threshold },
      subjectType: "ResidentCard",
      subjectId: card.id,
      subjectLabel: card.cardNo,
      districtId: card.districtId,
      dedupKey: `recycling:card-daily:${card.id}:${day}`,
    });
  }
  return { pointsEarned: Number(r?.earned ?? 0) };
}

// ——— expiry ———

/**
 * Expires the unspent remainder of lots due by `today`: one EXPIRE entry per lot, dated the lot's
 * expiry day. With `cardIds`, only those cards (already locked by the caller); otherwise up to
 * `limit` due lots city-wide (the scheduled job), locking their cards in id order.
 * Returns the number of lots and points expired.
 */
export async function expireLots(w: Writer, opts: { today: string; cardIds?: number[]; limit?: number }): Promise<{ lots: number; points: number; cards: Map<number, number> }> {
  const tx = w.tx;
  let cardIds = opts.cardIds;
  if (!cardIds) {
    const due = await rows<{ card_id: number }>(
      tx,
      sql`select distinct card_id from (select card_id from recycling.lots where expires_on <= ${opts.today}::date and remaining > 0 order by expires_on limit ${opts.limit ?? 5000}) d`,
    );
    cardIds = due.map((d) => d.card_id);
    if (cardIds.length === 0) return { lots: 0, points: 0, cards: new Map() };
    await lockCards(tx, cardIds);
  }
  if (cardIds.length === 0) return { lots: 0, points: 0, cards: new Map() };
  const lotsDue = await rows<{ card_id: number; earned_on: string; expires_on: string; remaining: number; balance: number; district_id: number }>(
    tx,
    sql`select l.card_id, l.earned_on::text as earned_on, l.expires_on::text as expires_on, l.remaining, c.balance, c.district_id
        from recycling.lots l join recycling.cards c on c.id = l.card_id
        where l.card_id = any(${sql.param(cardIds)}::int[]) and l.expires_on <= ${opts.today}::date and l.remaining > 0
        order by l.card_id, l.earned_on for update of l`,
  );
  if (lotsDue.length === 0) return { lots: 0, points: 0, cards: new Map() };
  const running = new Map<number, number>();
  const entries = lotsDue.map((l) => {
    const before = running.get(l.card_id) ?? Number(l.balance);
    const after = before - l.remaining;
    running.set(l.card_id, after);
    return { ...l, after };
  });
  const arr = <T>(f: (e: (typeof entries)[number]) => T) => sql.param(entries.map(f));
  await tx.execute(sql`with e as (
        select * from unnest(${arr((e) => e.card_id)}::int[], ${arr((e) => e.earned_on)}::text[]::date[], ${arr((e) => e.expires_on)}::text[]::date[], ${arr((e) => e.remaining)}::int[],
                             ${arr((e) => e.after)}::int[], ${arr((e) => e.district_id)}::int[], ${arr((e) => startOfDay(e.expires_on).toISOString())}::text[]::timestamptz[])
          as t(card_id, earned_on, expires_on, remaining, after, district_id, at)),
      ins as (
        insert into recycling.ledger (card_id, kind, points, balance_after, at, lot_on, actor)
        select card_id, 'EXPIRE', -remaining, after, at, earned_on, ${w.principal.label} from e order by card_id, earned_on returning 1),
      l as (
        update recycling.lots set remaining = 0, updated_at = now() from e
        where recycling.lots.card_id = e.card_id and recycling.lots.earned_on = e.earned_on returning 1),
      s as (select card_id, sum(remaining)::int as pts from e group by card_id),
      c as (
        update recycling.cards set balance = balance - s.pts, expired_total = expired_total + s.pts, updated_at = now()
        from s where recycling.cards.id = s.card_id returning 1)
      insert into recycling.roll_points_day (district_id, day, points_expired)
      select district_id, expires_on, sum(remaining) from e group by 1, 2 order by 1, 2
      on conflict (district_id, day) do update set points_expired = recycling.roll_points_day.points_expired + excluded.points_expired`);
  const total = entries.reduce((s, e) => s + e.remaining, 0);
  return { lots: entries.length, points: total, cards: running };
}

// ——— spending (redemptions, negative adjustments) ———

/** Consumes `points` from a locked card's lots oldest-first; returns the plan. */
async function consumeFifo(tx: Tx, cardId: number, points: number): Promise<{ earnedOn: string; take: number }[]> {
  const lots = await rows<{ earned_on: string; remaining: number }>(
    tx,
    sql`select earned_on::text as earned_on, remaining from recycling.lots where card_id = ${cardId} and remaining > 0 order by earned_on for update`,
  );
  const plan = planConsumption(
    lots.map((l) => ({ earnedOn: l.earned_on, remaining: l.remaining })),
    points,
  );
  await tx.execute(sql`update recycling.lots set remaining = remaining - p.take, updated_at = now()
      from unnest(${sql.param(plan.map((p) => p.earnedOn))}::text[]::date[], ${sql.param(plan.map((p) => p.take))}::int[]) as p(earned_on, take)
      where recycling.lots.card_id = ${cardId} and recycling.lots.earned_on = p.earned_on`);
  return plan;
}

export interface RedeemInput {
  cardId: number;
  merchant: { id: number; districtId: number; name: string };
  yuanValue: string;
  goods: string;
  clientRef?: string | null;
  at?: Date;
}

export interface RedemptionRow {
  id: number;
  cardId: number;
  merchantId: number;
  districtId: number;
  points: number;
  yuanValue: string;
  goods: string;
  clientRef: string | null;
  at: Date;
  actor: string;
  createdAt: Date;
}

function redemptionOf(r: Record<string, unknown>): RedemptionRow {
  return {
    id: Number(r.id),
    cardId: Number(r.card_id),
    merchantId: Number(r.merchant_id),
    districtId: Number(r.district_id),
    points: Number(r.points),
    yuanValue: String(r.yuan_value),
    goods: String(r.goods),
    clientRef: (r.client_ref as string | null) ?? null,
    at: new Date(r.at as string),
    actor: String(r.actor),
    createdAt: new Date(r.created_at as string),
  };
}

/**
 * Redeems points for goods at a merchant. Locks the card row for the whole transaction, so any
 * number of terminals redeeming from one card at once are serialised and can never overdraw it.
 * A retry with the same (merchant, clientRef) returns the first redemption ("replayed").
 */
export async function redeemPoints(w: Writer, input: RedeemInput): Promise<{ redemption: RedemptionRow; replayed: boolean; balance: number }> {
  const goods = input.goods.trim();
  if (!goods) throw new DomainError("REQUIRED", "Name the goods redeemed", "input.goods");
  const fen = yuanToFen(input.yuanValue);
  if (fen <= 0) throw new DomainError("INVALID_AMOUNT", "Goods value must be positive", "input.yuanValue");
  const params = await getParams(w.tx);
  const cards = await lockCards(w.tx, [input.cardId]);
  const card = cards.get(input.cardId);
  if (!card) throw new DomainError("NOT_FOUND", "No such card", "input.cardId");
  if (input.clientRef) {
    const prev = await row<Record<string, unknown>>(w.tx, sql`select * from recycling.redemptions where merchant_id = ${input.merchant.id} and client_ref = ${input.clientRef}`);
    if (prev) {
      const r = redemptionOf(prev);
      if (r.cardId !== input.cardId || yuanToFen(r.yuanValue) !== fen) throw new DomainError("CLIENT_REF_REUSED", "This terminal reference was already used for another redemption", "input.clientRef");
      return { redemption: r, replayed: true, balance: card.balance };
    }
  }
  if (card.status !== "ACTIVE") throw new DomainError("CARD_NOT_ACTIVE", `Card ${card.cardNo} is ${card.status}`, "input.cardNo");
  const at = input.at ?? new Date();
  const today = dayOf(at);
  const expired = await expireLots(w, { today, cardIds: [card.id] });
  const balance = expired.cards.get(card.id) ?? card.balance;
  const points = pointsForYuan(input.yuanValue, params["points.per_yuan"]);
  if (balance < points) throw new DomainError("INSUFFICIENT_POINTS", `Card ${card.cardNo} has ${balance} points; ${points} needed`, "input.yuanValue");
  await consumeFifo(w.tx, card.id, points);
  const yuan = fenToYuan(fen);
  const red = await row<Record<string, unknown>>(
    w.tx,
    sql`insert into recycling.redemptions (card_id, merchant_id, district_id, points, yuan_value, goods, client_ref, at, actor)
        values (${card.id}, ${input.merchant.id}, ${input.merchant.districtId}, ${points}, ${yuan}, ${goods.slice(0, 200)}, ${input.clientRef ?? null}, ${iso(at)}, ${w.principal.label})
        returning *`,
  );
  const redemption = redemptionOf(red!);
  const after = balance - points;
  await w.tx.execute(sql`with l as (
        insert into recycling.ledger (card_id, kind, points, balance_after, at, redemption_id, actor)
        values (${card.id}, 'REDEEM', ${-points}, ${after}, ${iso(at)}, ${redemption.id}, ${w.principal.label}) returning 1),
      c as (
        update recycling.cards set balance = balance - ${points}, redeemed_total = redeemed_total + ${points}, last_activity_at = ${iso(at)}, updated_at = now()
        where id = ${card.id} returning 1),
      m as (
        insert into recycling.roll_merchant_month (merchant_id, month, district_id, redemptions, points, yuan_value)
        values (${input.merchant.id}, ${monthStart(today)}, ${input.merchant.districtId}, 1, ${points}, ${yuan})
        on conflict (merchant_id, month) do update set redemptions = recycling.roll_merchant_month.redemptions + 1,
          points = recycling.roll_merchant_month.points + excluded.points, yuan_value = recycling.roll_merchant_month.yuan_value + excluded.yuan_value
        returning 1)
      insert into recycling.roll_points_day (district_id, day, points_redeemed, redeemed_yuan, redemptions)
      values (${card.districtId}, ${today}, ${points}, ${yuan}, 1)
      on conflict (district_id, day) do update set points_redeemed = recycling.roll_points_day.points_redeemed + excluded.points_redeemed,
        redeemed_yuan = recycling.roll_points_day.redeemed_yuan + excluded.redeemed_yuan, redemptions = recycling.roll_points_day.redemptions + 1`);
  await w.audit({ entity: "PointsRedemption", entityId: redemption.id, action: "redeem", changes: { cardNo: card.cardNo, merchant: input.merchant.name, points, yuanValue: yuan, goods, clientRef: input.clientRef ?? null } });
  await w.emit({
    type: "recycling.points_redeemed",
    stream: "recycling",
    entity: "PointsRedemption",
    entityId: redemption.id,
    districtId: input.merchant.districtId,
    org: { kind: "recycling.merchant", id: input.merchant.id },
    payload: { redemptionId: redemption.id, cardNo: card.cardNo, merchantId: input.merchant.id, points, yuanValue: yuan },
  });
  return { redemption, replayed: false, balance: after };
}

/**
 * Staff adjustment (积分调整) with a reason, audited. Positive: a lot dated today. Negative: spends
 * FIFO and may not take the balance below zero.
 */
export async function adjustPoints(w: Writer, input: { cardId: number; points: number; reason: string; at?: Date }): Promise<{ balance: number; entryId: number }> {
  const reason = input.reason.trim();
  if (reason.length < 4) throw new DomainError("REASON_REQUIRED", "Give a reason (at least 4 characters) for the adjustment", "input.reason");
  if (!Number.isInteger(input.points) || input.points === 0) throw new DomainError("INVALID_POINTS", "Points must be a non-zero whole number", "input.points");
  if (Math.abs(input.points) > 10_000_000) throw new DomainError("OUT_OF_RANGE", "Adjustment too large", "input.points");
  const params = await getParams(w.tx);
  const cards = await lockCards(w.tx, [input.cardId]);
  const card = cards.get(input.cardId);
  if (!card) throw new DomainError("NOT_FOUND", "No such card", "input.cardId");
  if (card.status === "CANCELLED") throw new DomainError("CARD_NOT_ACTIVE", "The card is cancelled", "input.cardId");
  const at = input.at ?? new Date();
  const today = dayOf(at);
  const expired = await expireLots(w, { today, cardIds: [card.id] });
  const balance = expired.cards.get(card.id) ?? card.balance;
  if (input.points < 0) {
    if (balance + input.points < 0) throw new DomainError("INSUFFICIENT_POINTS", `Card ${card.cardNo} has ${balance} points; cannot deduct ${-input.points}`, "input.points");
    await consumeFifo(w.tx, card.id, -input.points);
  } else {
    await w.tx.execute(sql`insert into recycling.lots (card_id, earned_on, expires_on, earned, remaining)
        values (${card.id}, ${today}, ${addDays(today, params["points.expiry_days"])}, ${input.points}, ${input.points})
        on conflict (card_id, earned_on) do update set earned = recycling.lots.earned + excluded.earned, remaining = recycling.lots.remaining + excluded.remaining, updated_at = now()`);
  }
  const after = balance + input.points;
  const entry = await row<{ id: number }>(
    w.tx,
    sql`insert into recycling.ledger (card_id, kind, points, balance_after, at, reason, actor)
        values (${card.id}, 'ADJUST', ${input.points}, ${after}, ${iso(at)}, ${reason.slice(0, 500)}, ${w.principal.label}) returning id`,
  );
  await w.tx.execute(sql`update recycling.cards set balance = balance + ${input.points}, adjusted_total = adjusted_total + ${input.points}, updated_at = now() where id = ${card.id}`);
  await w.tx.execute(sql`insert into recycling.roll_points_day (district_id, day, points_adjusted) values (${card.districtId}, ${today}, ${input.points})
      on conflict (district_id, day) do update set points_adjusted = recycling.roll_points_day.points_adjusted + excluded.points_adjusted`);
  await w.audit({ entity: "ResidentCard", entityId: card.id, action: "adjustPoints", changes: { cardNo: card.cardNo, points: input.points, reason, balance: [balance, after] } });
  await w.emit({ type: "recycling.points_adjusted", stream: "recycling", entity: "ResidentCard", entityId: card.id, districtId: card.districtId, payload: { cardNo: card.cardNo, points: input.points, reason, balance: after } });
  return { balance: after, entryId: Number(entry!.id) };
}
