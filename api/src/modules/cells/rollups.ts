/**
 * The rollup counters' definition as set-based SQL over the raw tables. The services keep the
 * counters current incrementally, in the same transaction as each write; `rebuildRollups` computes
 * them from scratch — used after bulk demo loading, as a repair tool, and by the test that proves
 * the incremental maintenance equals this definition.
 *
 * Days are Asia/Shanghai calendar days; district 0 stands for "no district" (city-level records).
 */
import { sql } from "drizzle-orm";
import { rows, type Tx } from "../core/db.js";

const DAY = (col: string) => sql.raw(`((${col}) at time zone 'Asia/Shanghai')::date`);

export async function rebuildRollups(tx: Tx): Promise<void> {
  await tx.execute(sql`delete from cells.stock_counts`);
  await tx.execute(sql`delete from cells.daily_counts`);
  // Stocks.
  await tx.execute(sql`insert into cells.stock_counts (metric, district_id, dim, n)
    select 'application.status', a.district_id, t.code || ':' || a.status, count(*)::int
    from cells.applications a join cells.cell_types t on t.id = a.cell_type_id group by 1, 2, 3`);
  await tx.execute(sql`insert into cells.stock_counts (metric, district_id, dim, n)
    select 'unit.status', u.district_id, t.code || ':' || u.cell_status, count(*)::int
    from cells.units u join cells.cell_types t on t.id = u.cell_type_id group by 1, 2, 3`);
  await tx.execute(sql`insert into cells.stock_counts (metric, district_id, dim, n)
    select 'task.open', coalesce(k.district_id, 0), d.code, count(*)::int
    from cells.tracking_tasks k join core.departments d on d.id = k.department_id
    where k.status in ('OPEN', 'SUBMITTED') group by 1, 2, 3`);
  await tx.execute(sql`insert into cells.stock_counts (metric, district_id, dim, n)
    select 'task.overdue', coalesce(k.district_id, 0), d.code, count(*)::int
    from cells.tracking_tasks k join core.departments d on d.id = k.department_id
    where k.overdue group by 1, 2, 3`);
  // Daily flows.
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n)
    select 'cells.certified', ${DAY("a.certified_at")}, a.district_id, t.code, count(*)::int
    from cells.applications a join cells.cell_types t on t.id = a.cell_type_id where a.certified_at is not null group by 1, 2, 3, 4`);
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n)
    select 'cells.submitted', ${DAY("a.submitted_at")}, a.district_id, t.code, count(*)::int
    from cells.applications a join cells.cell_types t on t.id = a.cell_type_id where a.submitted_at is not null group by 1, 2, 3, 4`);
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n)
    select 'cells.revoked', ${DAY("a.revoked_at")}, a.district_id, t.code, count(*)::int
    from cells.applications a join cells.cell_types t on t.id = a.cell_type_id where a.revoked_at is not null group by 1, 2, 3, 4`);
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n)
    select 'consultation.asked', ${DAY("q.created_at")}, coalesce(q.district_id, 0), q.category, count(*)::int
    from cells.questions q group by 1, 2, 3, 4`);
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n)
    select 'consultation.answered', ${DAY("q.answered_at")}, coalesce(q.district_id, 0), q.category, count(*)::int
    from cells.questions q where q.answered_at is not null group by 1, 2, 3, 4`);
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n)
    select 'publicity.participants', p.start_date, p.district_id, p.kind, sum(p.participants)::int
    from cells.publicity_activities p group by 1, 2, 3, 4 having sum(p.participants) > 0`);
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n)
    select 'task.closed', ${DAY("k.closed_at")}, coalesce(k.district_id, 0), d.code, count(*)::int
    from cells.tracking_tasks k join core.departments d on d.id = k.department_id where k.status = 'CLOSED' and k.closed_at is not null group by 1, 2, 3, 4`);
  await tx.execute(sql`insert into cells.daily_counts (metric, day, district_id, dim, n)
    select 'academy.published', ${DAY("a.published_at")}, 0, a.kind, count(*)::int
    from cells.academy_items a where a.published_at is not null group by 1, 2, 3, 4`);
}

/** The current counters as sorted lines (for comparing incremental against rebuilt). */
export async function snapshotRollups(tx: Tx): Promise<string[]> {
  const s = await rows<{ metric: string; district_id: number; dim: string; n: number }>(tx, sql`select metric, district_id, dim, n from cells.stock_counts where n <> 0`);
  const d = await rows<{ metric: string; day: string; district_id: number; dim: string; n: number }>(tx, sql`select metric, day::text as day, district_id, dim, n from cells.daily_counts where n <> 0`);
  return [...s.map((r) => `S ${r.metric} ${r.district_id} ${r.dim} ${r.n}`), ...d.map((r) => `D ${r.metric} ${r.day} ${r.district_id} ${r.dim} ${r.n}`)].sort();
}
