/**
 * Movement and enforcement through the API: trip manifests (gate scan, receipt, read models, overdue
 * job, capacity alert), GPS ingestion end to end through POST /ingest/positions (real-time rules,
 * geofence-opened manifests, idempotency, bad points), cases feeding credit with automatic suspension,
 * rule configuration, and the overview figures.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { toGlobalId } from "../../graphql/ids.js";
import { rows } from "../core/db.js";
import { clearTerminalCache } from "../core/tracking.js";
import { CREDIT_RULES } from "./credit.js";
import { closeManifest, openManifest } from "./manifests.js";
import { constructionFigures } from "./overview.js";
import { checkOverdueManifests, clearRuleConfigCache } from "./rules.js";
import { simulateTrip } from "./sim-tracks.js";
import { activePermit, buildWorld, write, type World } from "./testing.js";

let h: Harness;
let staff: string;
let enforcement: string;
let gpsKey: string;
beforeAll(async () => {
  h = await createHarness();
  clearTerminalCache();
  staff = await h.login("housing");
  enforcement = await h.login("enforcement");
  const admin = await h.login("admin");
  gpsKey = ok(await h.gql(`mutation { createApiKey(input: { name: "GPS vendor", scopes: ["construction:ingest"] }) { secret } }`, {}, { token: admin })).createApiKey.secret;
});
afterAll(async () => h?.close());

const gid = (t: string, id: number) => toGlobalId(t, id);
const post = (positions: unknown[]) => h.platform.server.inject({ method: "POST", url: "/ingest/positions", headers: { "content-type": "application/json", "x-api-key": gpsKey }, payload: JSON.stringify({ positions }) });
const alertsOf = (vehicleId: number) => rows<{ rule: string; status: string; occurrences: number; dedup_key: string }>(h.database.db, sql`select rule, status, occurrences, dedup_key from core.alerts where subject_type = 'Vehicle' and subject_id = ${vehicleId} order by id`);

describe("trip manifests", () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(h.platform.app, { vehicles: 2, placeCapacity: "36" });
    await activePermit(h.platform.app, w, w.vehicleIds[0]!);
  });

  it("opens at the gate, is idempotent while open, and closes at the disposal place keeping read models current", async () => {
    const SCAN = `mutation($i: GateScanInput!) { gateScan(input: $i) { manifest { id number status sentVolumeM3 permit { number } } userErrors { code message } } }`;
    const a = ok(await h.gql(SCAN, { i: { plate: w.plates[0], siteId: gid("ExcavationSite", w.siteId) } }, { token: staff })).gateScan;
    expect(a.userErrors).toEqual([]);
    expect(a.manifest).toMatchObject({ status: "OPEN", sentVolumeM3: "18.00" });
    expect(a.manifest.permit.number).toMatch(/^ZY/);
    const again = ok(await h.gql(SCAN, { i: { plate: w.plates[0], siteId: gid("ExcavationSite", w.siteId) } }, { token: staff })).gateScan;
    expect(again.manifest.id).toBe(a.manifest.id);
    const site = await rows<{ status: string }>(h.database.db, sql`select status from construction.sites where id = ${w.siteId}`);
    expect(site[0]!.status).toBe("ACTIVE");

    const RECV = `mutation($i: ReceiveManifestInput!) { receiveManifest(input: $i) { manifest { status receivedVolumeM3 volumeDiffM3 volumeDiffFlagged } userErrors { code field } } }`;
    const bad = await h.gql(RECV, { i: { manifestId: a.manifest.id, disposalPlaceId: gid("DisposalPlace", w.placeId), receivedVolumeM3: "-3" } }, { token: staff });
    expect(bad.errors?.[0]?.extensions?.fields?.[0]?.field).toBe("input.receivedVolumeM3");
    const r = ok(await h.gql(RECV, { i: { manifestId: a.manifest.id, disposalPlaceId: gid("DisposalPlace", w.placeId), receivedVolumeM3: "15.50", receivedWeightT: "26.1" } }, { token: staff })).receiveManifest;
    expect(r.manifest).toEqual({ status: "CLOSED", receivedVolumeM3: "15.50", volumeDiffM3: "2.50", volumeDiffFlagged: true });
    const [s] = await rows<{ moved: string }>(h.database.db, sql`select moved_volume_m3::text as moved from construction.sites where id = ${w.siteId}`);
    const [p] = await rows<{ m: string; t: string }>(h.database.db, sql`select received_m3::text as m, received_t::text as t from construction.disposal_places where id = ${w.placeId}`);
    const [d] = await rows<{ moved: string; trips: number }>(h.database.db, sql`select sum(moved_m3)::text as moved, sum(trips)::int as trips from construction.district_daily where district_id = 330602`);
    const [pd] = await rows<{ m: string }>(h.database.db, sql`select sum(received_m3)::text as m from construction.place_daily where place_id = ${w.placeId}`);
    expect([s!.moved, p!.m, p!.t, pd!.m]).toEqual(["18.00", "15.50", "26.10", "15.50"]);
    expect(Number(d!.moved)).toBeGreaterThanOrEqual(18);
    const twice = ok(await h.gql(RECV, { i: { manifestId: a.manifest.id, disposalPlaceId: gid("DisposalPlace", w.placeId), receivedVolumeM3: "1" } }, { token: staff })).receiveManifest;
    expect(twice.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
  });

  it("raises a capacity alert when a place passes its threshold, once", async () => {
    // The place holds 36 m³ and has 15.5; one more 18 m³ load passes 90 %.
    const { manifest } = await write(h.platform.app, (x) => openManifest(x, { vehicleId: w.vehicleIds[1]!, siteId: w.siteId, via: "GATE_SCAN" }));
    await write(h.platform.app, (x) => closeManifest(x, { manifestId: manifest.id, disposalPlaceId: w.placeId, receivedVolumeM3: "18.00" }));
    const a = await rows<{ rule: string; status: string }>(h.database.db, sql`select rule, status from core.alerts where dedup_key = ${`construction:capacity:${w.placeId}`}`);
    expect(a).toEqual([{ rule: "DISPOSAL_CAPACITY", status: "OPEN" }]);
    // Raising capacity and re-checking closes it.
    const U = `mutation($i: UpdateDisposalPlaceInput!) { updateDisposalPlace(input: $i) { place { capacity remainingCapacity } userErrors { code } } }`;
    const u = ok(await h.gql(U, { i: { id: gid("DisposalPlace", w.placeId), capacity: "1000" } }, { token: staff })).updateDisposalPlace;
    expect(u.place.remainingCapacity).toBe("966.50");
    const { checkAllPlaces } = await import("./rules.js");
    await write(h.platform.app, (x) => checkAllPlaces(x));
    const after = await rows<{ status: string }>(h.database.db, sql`select status from core.alerts where dedup_key = ${`construction:capacity:${w.placeId}`}`);
    expect(after).toEqual([{ status: "CLOSED" }]);
  });

  it("flags manifests not closed in time (scheduled) and closes the alert on receipt", async () => {
    const ww = await buildWorld(h.platform.app, { vehicles: 1 });
    const { manifest } = await write(h.platform.app, (x) => openManifest(x, { vehicleId: ww.vehicleIds[0]!, siteId: ww.siteId, via: "GATE_SCAN", at: new Date(Date.now() - 7 * 3600_000) }));
    const fresh = await write(h.platform.app, (x) => openManifest(x, { vehicleId: w.vehicleIds[0]!, siteId: w.siteId, via: "GATE_SCAN" }));
    await write(h.platform.app, (x) => checkOverdueManifests(x));
    await write(h.platform.app, (x) => checkOverdueManifests(x)); // a second run adds nothing
    const a = await rows<{ rule: string; status: string; subject_id: number }>(h.database.db, sql`select rule, status, subject_id from core.alerts where rule = 'MANIFEST_OVERDUE'`);
    expect(a).toEqual([{ rule: "MANIFEST_OVERDUE", status: "OPEN", subject_id: manifest.id }]);
    expect(a.some((x) => x.subject_id === fresh.manifest.id)).toBe(false);
    await write(h.platform.app, (x) => closeManifest(x, { manifestId: manifest.id, disposalPlaceId: ww.placeId, receivedVolumeM3: "18" }));
    const b = await rows<{ status: string }>(h.database.db, sql`select status from core.alerts where rule = 'MANIFEST_OVERDUE'`);
    expect(b).toEqual([{ status: "CLOSED" }]);
  });

  it("refuses a gate scan at an unregistered site and for another company's vehicle (operator)", async () => {
    const ctx = await h.seedContext();
    await ctx.account({ username: "op.m", displayName: "M", role: "OPERATOR", org: { kind: "construction.company", id: w.otherCompanyId }, description: "t" });
    const op = await h.login("op.m");
    const r = ok(await h.gql(`mutation($i: GateScanInput!) { gateScan(input: $i) { manifest { id } userErrors { code } } }`, { i: { vehicleId: gid("Vehicle", w.vehicleIds[1]!), siteId: gid("ExcavationSite", w.siteId) } }, { token: op })).gateScan;
    expect(r.userErrors[0].code).toBe("NOT_YOUR_VEHICLE");
  });
});

describe("GPS ingestion end to end (POST /ingest/positions)", () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(h.platform.app, { vehicles: 3 });
    await activePermit(h.platform.app, w, w.vehicleIds[0]!);
    await activePermit(h.platform.app, w, w.vehicleIds[1]!);
    clearTerminalCache();
  });
  const rnd = () => {
    let s = 7;
    return () => ((s = (s * 16807) % 2147483647) / 2147483647);
  };
  const asRaw = (terminalId: string, pts: ReturnType<typeof simulateTrip>) => pts.map((p) => ({ terminalId, time: p.at.toISOString(), lon: p.lon, lat: p.lat, speed: p.speedKmh, heading: p.heading }));

  it("runs the real-time rules: off-route raises one alert and closes it; leaving the site opens a manifest", async () => {
    const pts = asRaw(w.terminals[0]!, simulateTrip(w.route, new Date(Date.now() - 3 * 3600_000), 30, "offRoute", rnd()));
    const res = await post(pts);
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(pts.length);
    const a = await alertsOf(w.vehicleIds[0]!);
    expect(a.filter((x) => x.rule === "OFF_ROUTE")).toHaveLength(1);
    expect(a.find((x) => x.rule === "OFF_ROUTE")!.status).toBe("CLOSED");
    const m = await rows<{ opened_via: string; status: string }>(h.database.db, sql`select opened_via, status from construction.manifests where vehicle_id = ${w.vehicleIds[0]!}`);
    expect(m).toEqual([{ opened_via: "GEOFENCE", status: "OPEN" }]);
  });

  it("a normal trip raises nothing; a dumping stop and a truck without a permit do", async () => {
    const normal = asRaw(w.terminals[1]!, simulateTrip(w.route, new Date(Date.now() - 3 * 3600_000), 30, "normal", rnd()));
    await post(normal);
    expect((await alertsOf(w.vehicleIds[1]!)).map((x) => x.rule)).toEqual([]);
    const dump = asRaw(w.terminals[1]!, simulateTrip(w.route, new Date(Date.now() - 2 * 3600_000), 30, "dumping", rnd()));
    await post(dump);
    expect((await alertsOf(w.vehicleIds[1]!)).map((x) => x.rule)).toContain("SUSPECTED_DUMPING");
    const bare = asRaw(w.terminals[2]!, simulateTrip(w.route, new Date(Date.now() - 2 * 3600_000), 30, "normal", rnd()));
    await post(bare);
    const np = await alertsOf(w.vehicleIds[2]!);
    expect(np.map((x) => x.rule)).toEqual(["NO_PERMIT"]);
    expect(np[0]!.occurrences).toBe(1);
  });

  it("is idempotent: a resent batch stores nothing twice and raises nothing new", async () => {
    const pts = asRaw(w.terminals[2]!, simulateTrip(w.route, new Date(Date.now() - 5 * 3600_000), 60, "overspeed", rnd()));
    const first = (await post(pts)).json();
    const before = await alertsOf(w.vehicleIds[2]!);
    const second = (await post(pts)).json();
    expect(first.accepted).toBe(pts.length);
    expect(second).toMatchObject({ accepted: 0, duplicates: pts.length });
    expect(await alertsOf(w.vehicleIds[2]!)).toEqual(before);
  });

  it("rejects bad points one by one with reasons and keeps the good ones", async () => {
    const t = Date.now() - 600_000;
    const res = (await post([
      { terminalId: w.terminals[2], time: new Date(t).toISOString(), lon: w.site.lon, lat: w.site.lat, speed: 0 },
      { terminalId: w.terminals[2], time: "yesterday-ish", lon: 120.6, lat: 30 },
      { terminalId: "UNKNOWN-1", time: new Date(t).toISOString(), lon: 120.6, lat: 30 },
      { plate: w.plates[2], time: new Date(t + 5000).toISOString(), lon: 120.6, lat: 30, speed: 300 },
    ])).json();
    expect(res.accepted).toBe(1);
    expect(res.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 3]);
    expect(res.rejected[2].reason).toMatch(/^speed/);
  });

  it("uses changed rule parameters", async () => {
    const U = `mutation($i: UpdateSpoilAlertRuleInput!) { updateSpoilAlertRule(input: $i) { rule { rule enabled params { key value } } userErrors { code field } } }`;
    const bad = ok(await h.gql(U, { i: { rule: "OVERSPEED", params: { limitKmh: 500 } } }, { token: staff })).updateSpoilAlertRule;
    expect(bad.userErrors[0]).toEqual({ code: "OUT_OF_RANGE", field: "input.params.limitKmh" });
    const unknown = ok(await h.gql(U, { i: { rule: "OVERSPEED", params: { nope: 1 } } }, { token: staff })).updateSpoilAlertRule;
    expect(unknown.userErrors[0].code).toBe("UNKNOWN_PARAM");
    const good = ok(await h.gql(U, { i: { rule: "OVERSPEED", params: { limitKmh: 30 } } }, { token: staff })).updateSpoilAlertRule;
    expect(good.rule.params.find((p: { key: string }) => p.key === "limitKmh").value).toBe(30);
    clearRuleConfigCache(h.platform.app.db);
    const ww = await buildWorld(h.platform.app, { vehicles: 1 });
    await activePermit(h.platform.app, ww, ww.vehicleIds[0]!);
    clearTerminalCache();
    await post(asRaw(ww.terminals[0]!, simulateTrip(ww.route, new Date(Date.now() - 3600_000), 30, "normal", rnd())));
    expect((await alertsOf(ww.vehicleIds[0]!)).map((x) => x.rule)).toEqual(["OVERSPEED"]);
    ok(await h.gql(U, { i: { rule: "OVERSPEED", params: { limitKmh: 60 } } }, { token: staff }));
    clearRuleConfigCache(h.platform.app.db);
    const district = await h.login("housing.shangyu");
    expect((await h.gql(U, { i: { rule: "OVERSPEED", enabled: false } }, { token: district })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("cases and credit", () => {
  it("a closed case deducts its points; falling below the threshold suspends the company (audited); only staff reinstate", async () => {
    const w = await buildWorld(h.platform.app, { vehicles: 1 });
    const OPEN = `mutation($i: OpenSpoilCaseInput!) { openSpoilCase(input: $i) { case { id number status } userErrors { code field } } }`;
    const ADV = `mutation($i: AdvanceCaseInput!) { advanceCase(input: $i) { case { status } userErrors { code } } }`;
    const bad = ok(await h.gql(OPEN, { i: { source: "PATROL", subjectType: "Vehicle", subjectId: gid("Vehicle", w.vehicleIds[0]!), violationType: "LITTERING" } }, { token: enforcement })).openSpoilCase;
    expect(bad.userErrors[0].field).toBe("input.violationType");
    const noCampaign = ok(await h.gql(OPEN, { i: { source: "CAMPAIGN", subjectType: "Vehicle", subjectId: gid("Vehicle", w.vehicleIds[0]!), violationType: "SPILLAGE" } }, { token: enforcement })).openSpoilCase;
    expect(noCampaign.userErrors[0].field).toBe("input.campaign");
    const deduction = CREDIT_RULES.violations.find((v) => v.code === "ILLEGAL_DUMPING")!.deduction;
    const needed = Math.ceil((100 - CREDIT_RULES.suspensionThreshold + 1) / deduction);
    for (let i = 0; i < needed; i++) {
      const c = ok(await h.gql(OPEN, { i: { source: "CAMPAIGN", campaign: "利剑", subjectType: "Vehicle", subjectId: gid("Vehicle", w.vehicleIds[0]!), violationType: "ILLEGAL_DUMPING", fineYuan: "20000" } }, { token: enforcement })).openSpoilCase;
      expect(c.userErrors).toEqual([]);
      ok(await h.gql(ADV, { i: { id: c.case.id, action: "DECIDE" } }, { token: enforcement }));
      const closed = ok(await h.gql(ADV, { i: { id: c.case.id, action: "CLOSE" } }, { token: enforcement })).advanceCase;
      expect(closed.case.status).toBe("CLOSED");
    }
    const Q = `query($id: ID!) { node(id: $id) { ... on TransportCompany { creditScore creditGrade qualificationStatus creditHistory(first: 20) { edges { node { cause delta scoreAfter } } } } } }`;
    const co = ok(await h.gql(Q, { id: gid("TransportCompany", w.companyId) }, { token: staff })).node;
    expect(co.creditScore).toBe(100 - needed * deduction);
    expect(co.qualificationStatus).toBe("SUSPENDED");
    expect(co.creditGrade).toBe("D");
    expect(co.creditHistory.edges.map((e: { node: { cause: string } }) => e.node.cause)).toEqual(["SUSPENSION", ...Array(needed).fill("VIOLATION")]);
    const audit = await rows<{ action: string; changes: { automatic: boolean } }>(h.database.db, sql`select action, changes from core.audit_log where entity = 'TransportCompany' and entity_id = ${String(w.companyId)} and action = 'suspendQualification'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes.automatic).toBe(true);

    const ctx = await h.seedContext();
    await ctx.account({ username: "op.susp", displayName: "S", role: "OPERATOR", org: { kind: "construction.company", id: w.companyId }, description: "t" });
    const op = await h.login("op.susp");
    const RE = `mutation($id: ID!, $r: String!) { reinstateTransportCompany(id: $id, reason: $r) { company { qualificationStatus } userErrors { code } } }`;
    expect((await h.gql(RE, { id: gid("TransportCompany", w.companyId), r: "整改完成" }, { token: op })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const re = ok(await h.gql(RE, { id: gid("TransportCompany", w.companyId), r: "整改完成" }, { token: staff })).reinstateTransportCompany;
    expect(re.company.qualificationStatus).toBe("VALID");
  });
});

describe("overview figures", () => {
  it("reports spoil moved, permits and cases from the read models, with the year before", async () => {
    const year = new Date().getUTCFullYear();
    const f = await constructionFigures(h.database.db, { districtId: null, from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) });
    const byKey = Object.fromEntries(f.map((x) => [x.key, x]));
    const [m] = await rows<{ sent: string }>(h.database.db, sql`select coalesce(sum(sent_volume_m3), 0)::text as sent from construction.manifests where status = 'CLOSED'`);
    expect(byKey["construction.spoilMovedM3"]!.value).toBe(m!.sent);
    const [p] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from construction.permits where number is not null`);
    expect(byKey["construction.permitsIssued"]!.value).toBe(String(p!.n));
    const [c] = await rows<{ n: number; fine: string }>(h.database.db, sql`select count(*)::int as n, sum(fine_yuan)::text as fine from core.cases where stream = 'construction'`);
    expect(byKey["construction.cases"]!.value).toBe(String(c!.n));
    expect(byKey["construction.finesYuan"]!.value).toBe(c!.fine);
    expect(Number(byKey["construction.alertsOpen"]!.value)).toBeGreaterThan(0);
  });
});
