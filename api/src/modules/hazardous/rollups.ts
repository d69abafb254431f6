/**
 * Read models of the stream, kept current in the same transaction as the writes that change them:
 * - daily_stats (day, district, metric) → n, amount: flows such as hazards found, manifests received
 *   (kg), collections (kg) and generation per waste category (kg);
 * - state_stats (district, subject, state) → n, amount: stocks such as units by type, hazards by
 *   status, manifests by state (declared kg).
 * Metric names are listed in METRICS; `rebuildRollups` recomputes everything from the raw tables
 * (used after bulk demo loads, and by tests to prove the incremental upkeep is exact).
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../core/db.js";
import { rows } from "../core/db.js";

export const METRICS = {
  unitRegistered: (kind: string, smallMicro: boolean) => `unit.registered:${kind}${smallMicro ? ":SMALL" : ""}`,
  hazardFound: "hazard.found",
  hazardRectified: "hazard.rectified",
  manifestCreated: "manifest.created",
  manifestReceived: "manifest.received",
  manifestClosed: "manifest.closed",
  collection: (unitType: string) => `collection:${unitType}`,
  generation: (category: string) => `generation:${category}`,
  training: "training.attendees",
} as const;

export interface DailyBump {
  day: string;
  districtId: number;
  metric: string;
  n?: number;
  amount?: string;
}
export interface StateBump {
  districtId: number;
  subject: "unit" | "hazard" | "manifest";
  state: string;
  n?: number;
  amount?: string;
}

/** Calendar day in Asia/Shanghai (UTC+8, no DST) of an instant. */
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Adds to daily flows (one statement for the batch). */
export async function bumpDaily(tx: Tx, bumps: DailyBump[]): Promise<void> {
  if (bumps.length === 0) return;
  const merged = new Map<string, DailyBump & { n: number; amount: string }>();
  for (const b of bumps) {
    const k = `${b.day}|${b.districtId}|${b.metric}`;
    const prev = merged.get(k);
    if (prev) {
      prev.n += b.n ?? 0;
      prev.amount = addDec(prev.amount, b.amount ?? "0");
    } else merged.set(k, { ...b, n: b.n ?? 0, amount: b.amount ?? "0" });
  }
  const values = [...merged.values()]
    .sort((a, b) => (a.districtId - b.districtId) || a.metric.localeCompare(b.metric) || a.day.localeCompare(b.day))
    .map((b) => sql`(${b.day}::date, ${b.districtId}::int, ${b.metric}::text, ${b.n}::bigint, ${b.amount}::numeric)`);
  await tx.execute(sql`insert into hazardous.daily_stats (day, district_id, metric, n, amount) values ${sql.join(values, sql`, `)}
    on conflict (district_id, metric, day) do update set n = hazardous.daily_stats.n + excluded.n, amount = hazardous.daily_stats.amount + excluded.amount`);
}

/** Adds to stocks (negative n/amount to remove). */
export async function bumpState(tx: Tx, bumps: StateBump[]): Promise<void> {
  if (bumps.length === 0) return;
  const values = bumps
    .slice()
    .sort((a, b) => (a.districtId - b.districtId) || a.subject.localeCompare(b.subject) || a.state.localeCompare(b.state))
    .map((b) => sql`(${b.districtId}::int, ${b.subject}::text, ${b.state}::text, ${b.n ?? 0}::bigint, ${b.amount ?? "0"}::numeric)`);
  await tx.execute(sql`insert into hazardous.state_stats (district_id, subject, state, n, amount) values ${sql.join(values, sql`, `)}
    on conflict (district_id, subject, state) do update set n = hazardous.state_stats.n + excluded.n, amount = hazardous.state_stats.amount + excluded.amount`);
}

/** Moves one record from one state to another in the stocks. */
export async function moveState(tx: Tx, districtId: number, subject: StateBump["subject"], from: string | null, to: string | null, amount = "0"): Promise<void> {
  const b: StateBump[] = [];
  if (from) b.push({ districtId, subject, state: from, n: -1, amount: negDec(amount) });
  if (to) b.push({ districtId, subject, state: to, n: 1, amount });
  await bumpState(tx, b);
}

function negDec(a: string): string {
  return a.startsWith("-") ? a.slice(1) : a === "0" ? "0" : `-${a}`;
}
/** Exact decimal addition for strings with up to 3 decimals. */
export function addDec(a: string, b: string): string {
  const toMilli = (s: string) => {
    const neg = s.startsWith("-");
    const [i, f = ""] = (neg ? s.slice(1) : s).split(".");
    const v = BigInt(i || "0") * 1000n + BigInt((f + "000").slice(0, 3));
    return neg ? -v : v;
  };
  const r = toMilli(a) + toMilli(b);
  const neg = r < 0n;
  const v = neg ? -r : r;
  return `${neg ? "-" : ""}${v / 1000n}.${String(v % 1000n).padStart(3, "0")}`;
}

const SH = sql`'Asia/Shanghai'`;
/** Recomputes both read models from the raw tables (bulk loads; consistency tests). */
export async function rebuildRollups(tx: Tx): Promise<void> {
  await tx.execute(sql`delete from hazardous.daily_stats`);
  await tx.execute(sql`delete from hazardous.state_stats`);
  await tx.execute(sql`insert into hazardous.daily_stats (day, district_id, metric, n, amount)
    select day, district_id, metric, sum(n), sum(amount) from (
      select registered_on as day, district_id, 'unit.registered:' || kind || case when small_micro then ':SMALL' else '' end as metric, 1 as n, 0::numeric as amount from hazardous.units
      union all select found_on, district_id, 'hazard.found', 1, 0 from hazardous.hazards
      union all select (verified_at at time zone ${SH})::date, district_id, 'hazard.rectified', 1, 0 from hazardous.hazards where status = 'VERIFIED'
      union all select (created_at at time zone ${SH})::date, district_id, 'manifest.created', 1, declared_kg from hazardous.manifests
      union all select (received_at at time zone ${SH})::date, district_id, 'manifest.received', 1, received_kg from hazardous.manifests where received_at is not null
      union all select (closed_at at time zone ${SH})::date, district_id, 'manifest.closed', 1, declared_kg from hazardous.manifests where state = 'CLOSED'
      union all select (m.submitted_at at time zone ${SH})::date, m.district_id, 'generation:' || w.category, 0, l.quantity_kg
        from hazardous.manifests m join hazardous.manifest_lines l on l.manifest_id = m.id join hazardous.waste_codes w on w.code = l.waste_code where m.submitted_at is not null and m.state <> 'CANCELLED'
      union all select (r.collected_at at time zone ${SH})::date, r.district_id, 'collection:' || r.unit_type, 1, r.total_kg from hazardous.collection_runs r
      union all select (r.collected_at at time zone ${SH})::date, r.district_id, 'generation:' || w.category, 0, l.quantity_kg
        from hazardous.collection_runs r join hazardous.collection_run_lines l on l.run_id = r.id join hazardous.waste_codes w on w.code = l.waste_code
      union all select held_on, district_id, 'training.attendees', attendee_count, 0 from hazardous.training_sessions
    ) x group by day, district_id, metric`);
  await tx.execute(sql`insert into hazardous.state_stats (district_id, subject, state, n, amount)
    select district_id, subject, state, sum(n), sum(amount) from (
      select district_id, 'unit' as subject, kind || case when small_micro then ':SMALL' else '' end as state, 1 as n, 0::numeric as amount from hazardous.units where active
      union all select district_id, 'hazard', status, 1, 0 from hazardous.hazards
      union all select district_id, 'manifest', state, 1, declared_kg from hazardous.manifests
    ) x group by district_id, subject, state`);
}

/** Snapshot of both read models (for consistency tests). */
export async function rollupSnapshot(tx: Tx): Promise<{ daily: string[]; state: string[] }> {
  const d = await rows<{ k: string }>(tx, sql`select day::text || '|' || district_id || '|' || metric || '|' || n || '|' || amount::numeric(18,3) as k from hazardous.daily_stats where n <> 0 or amount <> 0 order by 1`);
  const s = await rows<{ k: string }>(tx, sql`select district_id || '|' || subject || '|' || state || '|' || n || '|' || amount::numeric(18,3) as k from hazardous.state_stats where n <> 0 or amount <> 0 order by 1`);
  return { daily: d.map((r) => r.k), state: s.map((r) => r.k) };
}
