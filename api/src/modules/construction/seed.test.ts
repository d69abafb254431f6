/**
 * The demo generator (small scale): read models equal the raw rows they summarise, the bulletin's
 * case and fine figures come out scaled, seeded tracks raised alerts through the real rules, the demo
 * company account sees only its own records, and an export of a register runs to a file.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { rows } from "../core/db.js";
import { caseStatistics } from "../core/cases.js";
import { SCALE_FACTOR } from "../core/seed.js";
import { runQueuedExports } from "../core/exports.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seed: "small" });
});
afterAll(async () => h?.close());

const q = <T>(s: ReturnType<typeof sql>) => rows<T>(h.database.db, s);

describe("construction demo data", () => {
  it("keeps every read model equal to the rows it summarises", async () => {
    const sites = await q<{ n: number }>(sql`select count(*)::int as n from construction.sites s where moved_volume_m3 <> coalesce((select sum(sent_volume_m3) from construction.manifests m where m.site_id = s.id and m.status = 'CLOSED'), 0)`);
    expect(sites[0]!.n).toBe(0);
    const places = await q<{ n: number }>(sql`select count(*)::int as n from construction.disposal_places p where received_m3 <> coalesce((select sum(received_volume_m3) from construction.manifests m where m.disposal_place_id = p.id and m.status = 'CLOSED'), 0)`);
    expect(places[0]!.n).toBe(0);
    const [dd] = await q<{ a: string; b: string; t: number; u: number }>(sql`select (select sum(moved_m3)::text from construction.district_daily) as a, (select sum(sent_volume_m3)::text from construction.manifests where status = 'CLOSED') as b,
      (select sum(trips)::int from construction.district_daily) as t, (select count(*)::int from construction.manifests where status = 'CLOSED') as u`);
    expect(dd!.a).toBe(dd!.b);
    expect(dd!.t).toBe(dd!.u);
    const [fleet] = await q<{ n: number }>(sql`select count(*)::int as n from construction.companies c where vehicle_count <> (select count(*) from construction.vehicles v where v.company_id = c.id and v.status = 'ACTIVE')`);
    expect(fleet!.n).toBe(0);
    const [overlap] = await q<{ n: number }>(sql`select count(*)::int as n from construction.permits a join construction.permits b on a.vehicle_id = b.vehicle_id and a.id < b.id
      where a.status = 'ACTIVE' and b.status = 'ACTIVE' and tstzrange(a.valid_from, a.valid_to) && tstzrange(b.valid_from, b.valid_to)`);
    expect(overlap!.n).toBe(0);
  });

  it("scales the bulletin's cases and fines (4,252 cases, +98.8 %; 27,283,000 yuan, +247.3 %)", async () => {
    const y = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const s = await caseStatistics(h.database.db, { stream: "construction", from: new Date(`${y}-01-01T00:00:00+08:00`), to: new Date(`${y + 1}-01-01T00:00:00+08:00`) });
    const n = Math.max(1, Math.round(4252 * SCALE_FACTOR.small));
    const prev = Math.max(1, Math.round(2139 * SCALE_FACTOR.small));
    expect(s.count).toBe(n);
    expect(s.previousCount).toBe(prev);
    expect(Number(s.fineYuan)).toBeCloseTo((27_283_000 * n) / 4252, 1);
    expect(Number(s.previousFineYuan)).toBeCloseTo((7_855_700 * prev) / 2139, 1);
    // At city scale the ratios are the bulletin's: 4252/2139 and 27,283,000/7,855,700.
    expect(Math.round((4252 / 2139 - 1) * 1000) / 10).toBe(98.8);
    expect(Math.round((27_283_000 / 7_855_700 - 1) * 1000) / 10).toBe(247.3);
  });

  it("raised alerts from the seeded tracks through the real-time rules", async () => {
    const r = await q<{ rule: string }>(sql`select distinct rule from core.alerts where stream = 'construction'`);
    const rules = r.map((x) => x.rule);
    for (const rule of ["OFF_ROUTE", "SUSPECTED_DUMPING", "NO_PERMIT", "MANIFEST_OVERDUE"]) expect(rules).toContain(rule);
    const [pos] = await q<{ n: number }>(sql`select count(*)::int as n from core.last_positions where stream = 'construction'`);
    expect(pos!.n).toBeGreaterThan(0);
  });

  it("gives the demo company account its own records only", async () => {
    const token = await h.login("transport.demo");
    const me = ok(await h.gql(`{ me { org { id kind name } } transportCompanies { edges { node { id } } } tripManifests(first: 50) { edges { node { company { id } } } } }`, {}, { token }));
    expect(me.me.org.kind).toBe("construction.company");
    expect(me.transportCompanies.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([me.me.org.id]);
    for (const e of me.tripManifests.edges) expect(e.node.company.id).toBe(me.me.org.id);
  });

  it("exports the permit register to a file", async () => {
    const token = await h.login("housing");
    const start = ok(await h.gql(`mutation { startExport(name: "construction.permits", format: CSV, filter: { status: ["ACTIVE"] }) { job { id } userErrors { code } } }`, {}, { token })).startExport;
    expect(start.userErrors).toEqual([]);
    await runQueuedExports(h.platform.app);
    const job = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on ExportJob { status rowCount } } }`, { id: start.job.id }, { token })).node;
    const [n] = await q<{ n: number }>(sql`select count(*)::int as n from construction.permits where status = 'ACTIVE'`);
    expect(job).toEqual({ status: "DONE", rowCount: n!.n });
    const bad = await h.gql(`mutation { startExport(name: "construction.permits", format: CSV, filter: { status: ["NOPE"] }) { job { id } userErrors { code } } }`, {}, { token });
    expect(JSON.stringify(bad)).toMatch(/filter.status/);
  });
});
