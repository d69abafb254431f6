/**
 * The demo data at `demo` scale (what the platform loads at first start): several hundred units across
 * types and districts with applications in every state, the bulletin's units and figures, five years of
 * targets and actuals, and read models equal to their definition.
 */
import "reflect-metadata";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.js";
import { rows } from "../core/db.js";
import { rebuildRollups, snapshotRollups } from "./rollups.js";
import { seedCells } from "./seed.js";
import { INDICATORS } from "./catalogue.js";

let h: Harness;
let seconds = 0;
beforeAll(async () => {
  h = await createHarness({ seed: "accounts" });
  const t = Date.now();
  await seedCells(await h.seedContext("demo"));
  seconds = (Date.now() - t) / 1000;
  // The load time is a measurement, not an assertion (shared, noisy machine): see docs/performance.md.
  console.log(`cells demo seed: ${seconds.toFixed(1)} s on ${process.env.TEST_DB ?? "pglite"}`);
}, 600_000);
afterAll(async () => h?.close());

const q = <T>(s: ReturnType<typeof sql>) => rows<T>(h.database.db, s);

describe("demo data", () => {
  it("has several hundred units across all nine types and six districts, in every state", async () => {
    const [u] = await q<{ n: number; types: number; districts: number }>(sql`select count(*)::int as n, count(distinct cell_type_id)::int as types, count(distinct district_id)::int as districts from cells.units`);
    expect(u!.n).toBeGreaterThanOrEqual(300);
    expect(u).toMatchObject({ types: 9, districts: 6 });
    const states = (await q<{ status: string }>(sql`select distinct status from cells.applications`)).map((r) => r.status).sort();
    expect(states).toEqual(["CERTIFIED", "DRAFT", "EXPIRED", "REJECTED", "REVOKED", "SUBMITTED", "SUPERSEDED", "UNDER_REVIEW", "WITHDRAWN"]);
    const unitStates = (await q<{ cell_status: string }>(sql`select distinct cell_status from cells.units`)).map((r) => r.cell_status).sort();
    expect(unitStates).toEqual(["APPLYING", "CERTIFIED", "EXPIRED", "NONE", "REVOKED"]);
    // Certified cells per county: around the "at least 50 per county" target.
    const per = await q<{ n: number }>(sql`select count(*)::int as n from cells.units where cell_status = 'CERTIFIED' group by district_id`);
    expect(per).toHaveLength(6);
    for (const p of per) expect(p.n).toBeGreaterThanOrEqual(30);
  });

  it("includes the bulletin's units: the People's Hospital (provincial, renewed) and the Xianhu kindergarten (a draft of its own account)", async () => {
    const [hos] = await q<{ cell_status: string; level: string; kind: string }>(
      sql`select u.cell_status, a.level, a.kind from cells.units u join cells.applications a on a.unit_id = u.id and a.status = 'CERTIFIED' where u.name = '绍兴市人民医院'`,
    );
    expect(hos).toEqual({ cell_status: "CERTIFIED", level: "PROVINCIAL", kind: "REASSESSMENT" });
    const [xh] = await q<{ status: string; district: string; username: string }>(
      sql`select a.status, d.name_zh as district, us.username from cells.units u join cells.applications a on a.unit_id = u.id join core.districts d on d.id = u.district_id
          join core.users us on us.org_kind = 'cells.unit' and us.org_id = u.id where u.name = '嵊州市仙湖幼儿园'`,
    );
    expect(xh).toEqual({ status: "DRAFT", district: "嵊州市", username: "xianhu" });
  });

  it("reaches the bulletin's express-packaging figures in 2021 Q4 and its publicity campaign", async () => {
    const city = await q<{ code: string; value: string }>(
      sql`select i.code, a.value from cells.indicator_actuals a join cells.indicators i on i.id = a.indicator_id
          where a.district_id = 330600 and a.year = 2021 and a.quarter = 4 and i.code in ('GREEN_BOX_RATE','NARROW_TAPE_RATE','TAPE_FREE_BOX_RATE','PACK_RECYCLE_DEVICES','REUSABLE_PACKAGES','POSTAL_DEVICE_COVERAGE') order by i.code`,
    );
    expect(Object.fromEntries(city.map((r) => [r.code, Number(r.value)]))).toEqual({
      GREEN_BOX_RATE: 100,
      NARROW_TAPE_RATE: 100,
      PACK_RECYCLE_DEVICES: 213,
      POSTAL_DEVICE_COVERAGE: 100,
      REUSABLE_PACKAGES: 5.7,
      TAPE_FREE_BOX_RATE: 100,
    });
    const [devices] = await q<{ n: string }>(
      sql`select sum(a.value)::text as n from cells.indicator_actuals a join cells.indicators i on i.id = a.indicator_id where i.code = 'PACK_RECYCLE_DEVICES' and a.year = 2021 and a.quarter = 4 and a.district_id <> 330600`,
    );
    expect(Number(devices!.n)).toBe(213);
    const [pub] = await q<{ posters: number; leaflets: number }>(sql`select posters, leaflets from cells.publicity_activities where district_id = 330604 and start_date = '2021-11-08'`);
    expect(pub).toEqual({ posters: 1450, leaflets: 1200 });
    const [rank] = await q<{ rank: number }>(sql`select rank from cells.provincial_index where city_zh = '绍兴市' and year = 2021 and quarter = 4`);
    expect(rank!.rank).toBe(3);
  });

  it("has five years of targets and quarterly actuals for the city and every district, and an index for every quarter", async () => {
    const [t] = await q<{ years: number; districts: number; indicators: number }>(sql`select count(distinct year)::int as years, count(distinct district_id)::int as districts, count(distinct indicator_id)::int as indicators from cells.indicator_targets where year between 2021 and 2025`);
    expect(t).toEqual({ years: 5, districts: 7, indicators: INDICATORS.length });
    const [a] = await q<{ n: number }>(sql`select count(*)::int as n from cells.indicator_actuals where year between 2021 and 2025`);
    expect(a!.n).toBe(INDICATORS.length * 7 * 20);
    const [i] = await q<{ quarters: number }>(sql`select count(distinct (year, quarter))::int as quarters from cells.index_scores where year between 2021 and 2025`);
    expect(i!.quarters).toBe(20);
    const statuses = (await q<{ status: string }>(sql`select distinct status from cells.indicator_status where year = 2025`)).map((r) => r.status);
    expect(statuses.length).toBeGreaterThanOrEqual(3);
  });

  it("has tasks (some overdue, with alerts), academy content, questions and an FAQ", async () => {
    const [t] = await q<{ n: number; overdue: number; alerts: number }>(
      sql`select count(*)::int as n, count(*) filter (where overdue)::int as overdue, (select count(*)::int from core.alerts where rule = 'cells.task_overdue' and status <> 'CLOSED') as alerts from cells.tracking_tasks`,
    );
    expect(t!.n).toBeGreaterThanOrEqual(80);
    expect(t!.overdue).toBeGreaterThan(0);
    expect(t!.alerts).toBe(t!.overdue);
    const [ac] = await q<{ published: number; kinds: number }>(sql`select count(*) filter (where status = 'PUBLISHED')::int as published, count(distinct kind)::int as kinds from cells.academy_items`);
    expect(ac!.published).toBeGreaterThanOrEqual(40);
    expect(ac!.kinds).toBe(3);
    const [qs] = await q<{ n: number; faq: number; fresh: number }>(sql`select count(*)::int as n, count(*) filter (where status = 'PUBLISHED')::int as faq, count(*) filter (where status = 'NEW')::int as fresh from cells.questions`);
    expect(qs!.n).toBeGreaterThanOrEqual(100);
    expect(qs!.faq).toBeGreaterThanOrEqual(15);
    expect(qs!.fresh).toBeGreaterThan(0);
    const [exp] = await q<{ n: number; units: number }>(
      sql`select count(*)::int as n,
                 (select count(distinct a.unit_id)::int from cells.applications a where a.status = 'EXPIRED'
                    and not exists (select 1 from cells.applications b where b.unit_id = a.unit_id and b.status = 'CERTIFIED')) as units
          from core.alerts where rule = 'cells.certificate_expired' and status = 'OPEN'`,
    );
    expect(exp!.n).toBe(exp!.units);
  });

  it("builds the rollups exactly as their definition says", async () => {
    const loaded = await snapshotRollups(h.database.db);
    await h.database.db
      .transaction(async (tx) => {
        await rebuildRollups(tx);
        expect(await snapshotRollups(tx)).toEqual(loaded);
        tx.rollback();
      })
      .catch((e) => {
        if (!/rollback/i.test(String(e?.message ?? e))) throw e;
      });
  });
});
