import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { rows } from "../core/db.js";
import { REGISTER_FACTOR, SCALE_FACTOR } from "../core/seed.js";
import { rebuildRollups, rollupSnapshot, shanghaiDay } from "./rollups.js";
import { BULLETIN, collectionTargets, splitGrams } from "./seed.js";
import { hazardousOverview } from "./stats.js";

describe("bulletin targets (pure)", () => {
  it("at city scale the collection targets are the bulletin's figures exactly", () => {
    const count = (n: number, min = 1) => Math.max(min, Math.round(n * SCALE_FACTOR.city));
    const t = collectionTargets(count, SCALE_FACTOR.city);
    expect(t.INDUSTRIAL).toEqual({ runs: 1861, grams: 4_749_850_000n });
    expect(t.LABORATORY).toEqual({ runs: 116, grams: 43_140_000n });
    expect(t.AUTO_REPAIR).toEqual({ runs: 1433, grams: 1_249_610_000n });
    expect(REGISTER_FACTOR.city * BULLETIN.enterprises).toBe(24_864);
  });

  it("splits a total into positive parts that add up exactly", () => {
    let x = 1;
    const r = () => ((x = (x * 16807) % 2147483647) / 2147483647);
    const parts = splitGrams(r, 4_749_850_000n, 1861);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(4_749_850_000n);
    expect(parts.every((p) => p >= 1000n)).toBe(true);
  });
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seed: "small" });
});
afterAll(async () => h?.close());

describe("demo data (small scale)", () => {
  it("reaches the scaled register and event targets", async () => {
    const reg = (n: number) => Math.max(1, Math.round(n * REGISTER_FACTOR.small));
    const [u] = await rows<{ ent: number; small: number; social: number }>(h.database.db, sql`select count(*) filter (where kind = 'ENTERPRISE')::int as ent, count(*) filter (where small_micro)::int as small, count(*) filter (where kind <> 'ENTERPRISE')::int as social from hazardous.units`);
    expect(u).toEqual({ ent: reg(24_864), small: reg(18_256), social: reg(1_114) });
    const [hz] = await rows<{ n: number; v: number }>(h.database.db, sql`select count(*)::int as n, count(*) filter (where status = 'VERIFIED')::int as v from hazardous.hazards`);
    expect(hz).toEqual({ n: reg(4_732), v: reg(2_124) });
    const [tr] = await rows<{ n: number; a: number }>(h.database.db, sql`select count(*)::int as n, sum(attendee_count)::int as a from hazardous.training_sessions`);
    expect(tr).toEqual({ n: reg(143), a: reg(7_529) });
    const states = await rows<{ state: string }>(h.database.db, sql`select distinct state from hazardous.manifests`);
    expect(states.map((s) => s.state).sort()).toEqual(["ACCEPTED", "CANCELLED", "CLOSED", "DISPOSED", "DRAFT", "PARTLY_REJECTED", "PICKED_UP", "RECEIVED", "REJECTED", "SUBMITTED"]);
    const [wb] = await rows<{ bad: number }>(h.database.db, sql`select count(*)::int as bad from hazardous.manifests m left join hazardous.waybills w on w.manifest_id = m.id where (m.state not in ('DRAFT','SUBMITTED','CANCELLED')) <> (w.id is not null)`);
    expect(wb!.bad).toBe(0);
    const [k] = await rows<{ c: number; v: number; p: number }>(h.database.db, sql`select count(distinct c.id)::int as c, count(distinct v.id)::int as v, count(distinct p.id)::int as p from hazardous.carriers c left join hazardous.vehicles v on v.carrier_id = c.id left join hazardous.transport_people p on p.carrier_id = c.id where c.district_id = 330603`);
    expect(k).toEqual({ c: 5, v: 65, p: 45 });
  });

  it("reproduces the scaled collection figures per unit type for this year through the API", async () => {
    const token = await h.login("ecology");
    const t = collectionTargets((n, min = 1) => Math.max(min, Math.round(n * SCALE_FACTOR.small)), SCALE_FACTOR.small);
    const year = Number(shanghaiDay(new Date()).slice(0, 4));
    const from = new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString();
    const s = ok(await h.gql(`query($f: DateTime!, $t: DateTime!) { collectionStatistics(from: $f, to: $t) { totals { unitType contracts runs tonnes } rows { operator { name } runs } } }`, { f: from, t: new Date(Date.now() + 60_000).toISOString() }, { token }));
    const byType = Object.fromEntries(s.collectionStatistics.totals.map((x: { unitType: string }) => [x.unitType, x]));
    const tonnes = (g: bigint) => `${g / 1_000_000n}.${String((g % 1_000_000n + 500n) / 1000n).padStart(3, "0")}`;
    for (const type of ["INDUSTRIAL", "LABORATORY", "AUTO_REPAIR"] as const) {
      expect(byType[type].runs).toBe(t[type].runs);
      expect(byType[type].tonnes).toBe(tonnes(t[type].grams));
    }
    expect(new Set(s.collectionStatistics.rows.map((r: { operator: { name: string } }) => r.operator.name)).size).toBeGreaterThan(1);
  });

  it("keeps the read models equal to a rebuild and gives the overview its figures", async () => {
    const before = await rollupSnapshot(h.database.db);
    await h.database.db.transaction(async (tx) => {
      await rebuildRollups(tx);
      expect(await rollupSnapshot(tx)).toEqual(before);
    });
    const year = Number(shanghaiDay(new Date()).slice(0, 4));
    const figs = await hazardousOverview.figures(h.database.db, { districtId: null, from: new Date(Date.UTC(year, 0, 1) - 8 * 3600_000), to: new Date(Date.now() + 86_400_000) });
    const f = Object.fromEntries(figs.map((x) => [x.key, x]));
    const [runs] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from hazardous.collection_runs where collected_at >= ${new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString()}::timestamptz`);
    expect(f["hazardous.collections.runs"]!.value).toBe(String(runs!.n));
    expect(Number(f["hazardous.collections.runs"]!.previous)).toBeGreaterThan(0);
    const [closed] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from hazardous.manifests where state = 'CLOSED'`);
    expect(f["hazardous.manifests.state.CLOSED"]!.value).toBe(String(closed!.n));
    const cap = await hazardousOverview.capacity!(h.database.db, { year, districtId: null });
    expect(cap.length).toBeGreaterThan(0);
    expect(cap.every((c) => c.category === "hazardous" && Number(c.capacity) > 0 || Number(c.generated) > 0)).toBe(true);
  });

  it("gives each demo operator account its own records and its own step", async () => {
    const producer = await h.login("hz.producer");
    const carrier = await h.login("hz.carrier");
    const receiver = await h.login("hz.receiver");
    const collector = await h.login("hz.collector");
    const Q = `{ transferManifests(first: 100) { totalCount edges { node { state availableActions { action asParty } } } } }`;
    const p = ok(await h.gql(Q, {}, { token: producer })).transferManifests;
    expect(p.totalCount).toBeGreaterThan(0);
    expect(p.edges.some((e: { node: { availableActions: { action: string }[] } }) => e.node.availableActions.some((a) => a.action === "submit"))).toBe(true);
    const c = ok(await h.gql(Q, {}, { token: carrier })).transferManifests;
    expect(c.edges.some((e: { node: { availableActions: { action: string; asParty: string }[] } }) => e.node.availableActions.some((a) => a.action === "pickUp" && a.asParty === "CARRIER"))).toBe(true);
    const r = ok(await h.gql(Q, {}, { token: receiver })).transferManifests;
    expect(r.edges.some((e: { node: { availableActions: { action: string }[] } }) => e.node.availableActions.some((a) => a.action === "receive"))).toBe(true);
    const runs = ok(await h.gql(`{ collectionRuns(first: 5) { totalCount } collectionContracts(first: 1) { totalCount } }`, {}, { token: collector }));
    expect(runs.collectionContracts.totalCount).toBeGreaterThan(0);
  });
});
