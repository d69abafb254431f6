/**
 * Registers and service through the API (what the pages' forms call): the site registration workflow,
 * creating and changing companies, vehicles (plate format) and disposal places, residents' pickups
 * taken to a facility (its daily intake), service visits and problems solved, and an alert turned into a
 * case with its subject and violation taken from the alert.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { toGlobalId } from "../../graphql/ids.js";
import { raiseAlert } from "../core/alerts.js";
import { rows } from "../core/db.js";
import { openManifest } from "./manifests.js";
import { addSiteCarrier, applySite, createCompany, createPlace, registerVehicle, transitionSite } from "./registers.js";
import { openSpoilCase } from "./spoil-cases.js";
import { activePermit, buildWorld, write, type World } from "./testing.js";

let h: Harness;
let staff: string;
let shangyu: string;
let enforcement: string;
let operator: string;
let w: World;
beforeAll(async () => {
  h = await createHarness();
  w = await buildWorld(h.platform.app, { vehicles: 2 });
  const ctx = await h.seedContext();
  await ctx.account({ username: "op.reg", displayName: "R", role: "OPERATOR", org: { kind: "construction.company", id: w.companyId }, description: "test" });
  staff = await h.login("housing");
  shangyu = await h.login("housing.shangyu");
  enforcement = await h.login("enforcement");
  operator = await h.login("op.reg");
});
afterAll(async () => h?.close());

const gid = (t: string, id: number) => toGlobalId(t, id);
const D = (id: number) => gid("District", id);
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
/** The first bad field of an answer: a userError's field, or BAD_USER_INPUT's first named field. */
const badField = (r: { data?: Record<string, any> | null; errors?: { extensions?: Record<string, any> }[] }, key: string): string | undefined =>
  r.errors?.length ? r.errors[0]!.extensions?.fields?.[0]?.field : r.data?.[key]?.userErrors?.[0]?.field;
const code = (() => {
  let n = 0;
  return () => `91330602${String(Date.now() % 1_000_000).padStart(6, "0")}${String(++n).padStart(2, "0")}XX`.slice(0, 18);
})();

describe("site registration workflow", () => {
  const APPLY = `mutation($i: ApplySiteInput!) { applySiteRegistration(input: $i) { site { id status code } userErrors { field code message } } }`;
  const MOVE = `mutation($id: ID!, $a: SiteAction!, $r: String) { transitionSite(id: $id, action: $a, reason: $r) { site { status code rejectionReason } userErrors { field code } } }`;
  const site = (extra: Record<string, unknown> = {}) => ({ name: "城南安置房工地", districtId: D(330602), lon: 120.6, lat: 30.0, plannedVolumeM3: "80000", periodFrom: day(-10), periodTo: day(300), builder: "城投", gateCameras: 2, washingFacility: true, ...extra });

  it("registers (with its 备案编号), starts and completes a site; illegal moves are refused", async () => {
    const a = ok(await h.gql(APPLY, { i: site() }, { token: staff })).applySiteRegistration;
    expect(a.userErrors).toEqual([]);
    expect(a.site).toMatchObject({ status: "APPLIED", code: null });
    const early = ok(await h.gql(MOVE, { id: a.site.id, a: "start" }, { token: staff })).transitionSite;
    expect(early.userErrors[0]).toMatchObject({ code: "ILLEGAL_TRANSITION", field: "action" });
    const reg = ok(await h.gql(MOVE, { id: a.site.id, a: "register" }, { token: staff })).transitionSite;
    expect(reg.site.status).toBe("REGISTERED");
    expect(reg.site.code).toMatch(/^ZT\d{4}-02-\d{5}$/);
    expect(ok(await h.gql(MOVE, { id: a.site.id, a: "start" }, { token: staff })).transitionSite.site.status).toBe("ACTIVE");
    expect(ok(await h.gql(MOVE, { id: a.site.id, a: "reject", r: "x" }, { token: staff })).transitionSite.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
    const CARRIER = `mutation($s: ID!, $c: ID!) { addSiteCarrier(siteId: $s, companyId: $c) { site { carriers { name } } userErrors { field code } } }`;
    const added = ok(await h.gql(CARRIER, { s: a.site.id, c: gid("TransportCompany", w.companyId) }, { token: staff })).addSiteCarrier;
    expect(added.site.carriers.map((c: { name: string }) => c.name)).toHaveLength(1);
    expect(ok(await h.gql(MOVE, { id: a.site.id, a: "complete" }, { token: staff })).transitionSite.site.status).toBe("COMPLETED");
    const late = ok(await h.gql(CARRIER, { s: a.site.id, c: gid("TransportCompany", w.otherCompanyId) }, { token: staff })).addSiteCarrier;
    expect(late.userErrors[0]).toMatchObject({ field: "siteId", code: "SITE_CLOSED" });
  });

  it("refuses registration without gate cameras or washing, and rejection without a reason", async () => {
    const noCam = ok(await h.gql(APPLY, { i: site({ gateCameras: 0 }) }, { token: staff })).applySiteRegistration.site;
    expect(ok(await h.gql(MOVE, { id: noCam.id, a: "register" }, { token: staff })).transitionSite.userErrors[0].code).toBe("SITE_STANDARD");
    const noWash = ok(await h.gql(APPLY, { i: site({ washingFacility: false }) }, { token: staff })).applySiteRegistration.site;
    expect(ok(await h.gql(MOVE, { id: noWash.id, a: "register" }, { token: staff })).transitionSite.userErrors[0].code).toBe("SITE_STANDARD");
    const bare = ok(await h.gql(MOVE, { id: noWash.id, a: "reject" }, { token: staff })).transitionSite;
    expect(bare.userErrors[0]).toMatchObject({ code: "REASON_REQUIRED", field: "reason" });
    const rej = ok(await h.gql(MOVE, { id: noWash.id, a: "reject", r: "无冲洗设施" }, { token: staff })).transitionSite;
    expect(rej.site).toMatchObject({ status: "REJECTED", rejectionReason: "无冲洗设施" });
  });

  it("names the bad field of an application and keeps district staff to their district", async () => {
    const bad = ok(await h.gql(APPLY, { i: site({ periodTo: day(-20) }) }, { token: staff })).applySiteRegistration;
    expect(bad.userErrors[0]).toMatchObject({ field: "input.periodTo", code: "INVALID_PERIOD" });
    const other = await h.gql(APPLY, { i: site() }, { token: shangyu });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await h.gql(APPLY, { i: site() }, { token: operator })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("companies, vehicles and disposal places", () => {
  const NEWCO = `mutation($i: CreateTransportCompanyInput!) { createTransportCompany(input: $i) { company { id name qualificationValidTo qualificationStatus creditScore creditGrade vehicleCount fleetLoadM3 } userErrors { field code } } }`;
  const UPCO = `mutation($i: UpdateTransportCompanyInput!) { updateTransportCompany(input: $i) { company { name contactPhone qualificationValidTo } userErrors { field code } } }`;
  const NEWV = `mutation($i: RegisterVehicleInput!) { registerSpoilVehicle(input: $i) { vehicle { id plate loadM3 status terminalId } userErrors { field code message } } }`;
  const UPV = `mutation($i: UpdateVehicleInput!) { updateSpoilVehicle(input: $i) { vehicle { status loadM3 standardCompliant } userErrors { field code } } }`;

  it("creates a company at the start score, edits it, and checks the qualification period and credit code", async () => {
    const input = { name: "越城安达运输有限公司", creditCode: code(), districtId: D(330602), qualificationNo: "ZTYS-001", qualificationValidFrom: day(-30), qualificationValidTo: day(700), contactName: "王经理", contactPhone: "13900000000" };
    const c = ok(await h.gql(NEWCO, { i: input }, { token: staff })).createTransportCompany;
    expect(c.userErrors).toEqual([]);
    expect(c.company).toMatchObject({ name: "越城安达运输有限公司", qualificationStatus: "VALID", creditScore: 100, creditGrade: "A", vehicleCount: 0 });
    const dup = ok(await h.gql(NEWCO, { i: input }, { token: staff })).createTransportCompany;
    expect(dup.userErrors[0]).toMatchObject({ field: "input.creditCode", code: "DUPLICATE" });
    expect(badField(await h.gql(NEWCO, { i: { ...input, creditCode: "123" } }, { token: staff }), "createTransportCompany")).toBe("input.creditCode");
    expect(badField(await h.gql(NEWCO, { i: { ...input, creditCode: "9133060212345678!!" } }, { token: staff }), "createTransportCompany")).toBe("input.creditCode");
    const u = ok(await h.gql(UPCO, { i: { id: c.company.id, contactPhone: "13800000001", qualificationValidTo: day(800) } }, { token: staff })).updateTransportCompany;
    expect(u.company).toMatchObject({ contactPhone: "13800000001", qualificationValidTo: day(800) });
    const backwards = ok(await h.gql(UPCO, { i: { id: c.company.id, qualificationValidTo: day(-60) } }, { token: staff })).updateTransportCompany;
    expect(backwards.userErrors[0]).toMatchObject({ field: "input.qualificationValidTo", code: "INVALID_PERIOD" });
    const byOp = await h.gql(NEWCO, { i: { ...input, creditCode: code() } }, { token: operator });
    expect(byOp.errors?.[0]?.extensions?.code, JSON.stringify(byOp.errors)).toBe("FORBIDDEN");
    expect((await h.gql(UPCO, { i: { id: c.company.id, name: "上虞某运输公司" } }, { token: shangyu })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("registers a vehicle with a valid plate (normalised), keeps the fleet figures, and retires it for good", async () => {
    const co = gid("TransportCompany", w.otherCompanyId);
    expect(badField(await h.gql(NEWV, { i: { plate: "ABC123", companyId: co, loadM3: "18" } }, { token: staff }), "registerSpoilVehicle")).toBe("input.plate");
    const bad = ok(await h.gql(NEWV, { i: { plate: "浙DIO1234", companyId: co, loadM3: "18" } }, { token: staff })).registerSpoilVehicle;
    expect(bad.userErrors[0]).toMatchObject({ field: "input.plate", code: "INVALID_VALUE" });
    const tooBig = ok(await h.gql(NEWV, { i: { plate: "浙D7K301", companyId: co, loadM3: "99" } }, { token: staff })).registerSpoilVehicle;
    expect(tooBig.userErrors[0].field).toBe("input.loadM3");
    const v = ok(await h.gql(NEWV, { i: { plate: "浙d 7k301", companyId: co, loadM3: "22.50", terminalId: "GT-7K301" } }, { token: staff })).registerSpoilVehicle;
    expect(v.userErrors).toEqual([]);
    expect(v.vehicle).toMatchObject({ plate: "浙D7K301", loadM3: "22.50", status: "ACTIVE", terminalId: "GT-7K301" });
    const again = ok(await h.gql(NEWV, { i: { plate: "浙D7K301", companyId: co, loadM3: "10" } }, { token: staff })).registerSpoilVehicle;
    expect(again.userErrors[0]).toMatchObject({ field: "input.plate", code: "DUPLICATE" });
    const fleet = async () => (await rows<{ n: number; load: string }>(h.database.db, sql`select vehicle_count as n, fleet_load_m3::text as load from construction.companies where id = ${w.otherCompanyId}`))[0]!;
    const before = await fleet();
    const s = ok(await h.gql(UPV, { i: { id: v.vehicle.id, status: "RETIRED" } }, { token: staff })).updateSpoilVehicle;
    expect(s.vehicle.status).toBe("RETIRED");
    const after = await fleet();
    expect(after.n).toBe(before.n - 1);
    expect(Number(after.load)).toBeCloseTo(Number(before.load) - 22.5, 2);
    const back = ok(await h.gql(UPV, { i: { id: v.vehicle.id, status: "ACTIVE" } }, { token: staff })).updateSpoilVehicle;
    expect(back.userErrors[0]).toMatchObject({ field: "input.status", code: "ILLEGAL_TRANSITION" });
    expect((await h.gql(NEWV, { i: { plate: "浙D7K302", companyId: gid("TransportCompany", w.companyId), loadM3: "18" } }, { token: operator })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("creates a disposal place with its code and geofence, and changes its capacity and threshold", async () => {
    const NEWP = `mutation($i: CreateDisposalPlaceInput!) { createDisposalPlace(input: $i) { place { id code kind capacity remainingCapacity alertThresholdPct status } userErrors { field code } } }`;
    const UPP = `mutation($i: UpdateDisposalPlaceInput!) { updateDisposalPlace(input: $i) { place { capacity alertThresholdPct status } userErrors { field code } } }`;
    const input = { name: "皋埠消纳场", kind: "DISPOSAL_SITE", districtId: D(330602), lon: 120.7, lat: 30.03, capacityBasis: "TOTAL", capacity: "250000", capacityUnit: "M3", openFrom: day(-5) };
    const p = ok(await h.gql(NEWP, { i: input }, { token: staff })).createDisposalPlace;
    expect(p.userErrors).toEqual([]);
    expect(p.place).toMatchObject({ kind: "DISPOSAL_SITE", capacity: "250000.00", remainingCapacity: "250000.00", status: "OPEN" });
    expect(p.place.code).toMatch(/^XN-02-\d{4}$/);
    expect(badField(await h.gql(NEWP, { i: { ...input, alertThresholdPct: 20 } }, { token: staff }), "createDisposalPlace")).toBe("input.alertThresholdPct");
    expect(badField(await h.gql(NEWP, { i: { ...input, capacity: "0" } }, { token: staff }), "createDisposalPlace")).toBe("input.capacity");
    const u = ok(await h.gql(UPP, { i: { id: p.place.id, capacity: "300000", alertThresholdPct: 85, status: "FULL" } }, { token: staff })).updateDisposalPlace;
    expect(u.place).toEqual({ capacity: "300000.00", alertThresholdPct: 85, status: "FULL" });
    const [fence] = await rows<{ n: number }>(h.database.db, sql`select jsonb_array_length(geofence->0)::int as n from construction.disposal_places where name = '皋埠消纳场'`);
    expect(fence!.n).toBeGreaterThanOrEqual(4);
  });
});

describe("residents' pickups (一键预约清运)", () => {
  const ADV = `mutation($i: AdvanceBulkyPickupInput!) { advanceBulkyPickup(input: $i) { pickup { status crew weightKg facility { name } } userErrors { field code } } }`;
  it("goes requested → scheduled → collected → delivered, adding the weight to the facility's day", async () => {
    const complex = await write(h.platform.app, (x) => createPlace(x, { name: "测试绿色综合体", kind: "GREEN_COMPLEX", districtId: 330604, lon: 120.87, lat: 30.03, capacityBasis: "ANNUAL", capacity: "182500", capacityUnit: "T", dailyCapacity: "500", openFrom: day(-200) }));
    const book = ok(await h.gql(`mutation($i: RequestBulkyPickupInput!) { requestBulkyPickup(input: $i) { trackingCode userErrors { field code } } }`, { i: { districtId: D(330604), residentName: "李女士", phone: "13700000000", address: "百官街道 8 幢", wasteKind: "RENOVATION", preferredDate: day(1) } })).requestBulkyPickup;
    expect(book.trackingCode).toMatch(/^YY/);
    const [row] = await rows<{ id: number }>(h.database.db, sql`select id from construction.pickup_requests where tracking_code = ${book.trackingCode}`);
    const id = gid("BulkyPickupRequest", row!.id);
    const early = ok(await h.gql(ADV, { i: { id, action: "collect", weightKg: 300 } }, { token: staff })).advanceBulkyPickup;
    expect(early.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
    const noCrew = ok(await h.gql(ADV, { i: { id, action: "schedule", scheduledFor: new Date(Date.now() + 86_400_000).toISOString() } }, { token: staff })).advanceBulkyPickup;
    expect(noCrew.userErrors[0]).toMatchObject({ field: "input.crew", code: "REQUIRED" });
    expect(ok(await h.gql(ADV, { i: { id, action: "schedule", scheduledFor: new Date(Date.now() + 86_400_000).toISOString(), crew: "上虞清运一队" } }, { token: staff })).advanceBulkyPickup.pickup).toMatchObject({ status: "SCHEDULED", crew: "上虞清运一队" });
    expect(ok(await h.gql(ADV, { i: { id, action: "collect", weightKg: 640 } }, { token: staff })).advanceBulkyPickup.pickup).toMatchObject({ status: "COLLECTED", weightKg: 640 });
    const wrong = ok(await h.gql(ADV, { i: { id, action: "deliver", facilityId: gid("DisposalPlace", w.placeId) } }, { token: staff })).advanceBulkyPickup;
    expect(wrong.userErrors[0]).toMatchObject({ field: "input.facilityId", code: "WRONG_FACILITY" });
    const done = ok(await h.gql(ADV, { i: { id, action: "deliver", facilityId: gid("DisposalPlace", complex.id) } }, { token: staff })).advanceBulkyPickup;
    expect(done.pickup).toMatchObject({ status: "DELIVERED", facility: { name: "测试绿色综合体" } });
    const tp = ok(await h.gql(`query($p: ID!) { facilityThroughput(placeId: $p, days: 2) { day receivedT utilisationPct } }`, { p: gid("DisposalPlace", complex.id) }, { token: staff })).facilityThroughput;
    const today = tp[tp.length - 1];
    expect(today.receivedT).toBe("0.64");
    expect(today.utilisationPct).toBeCloseTo(0.1, 1);
    expect(ok(await h.gql(`query($c: String!) { bulkyPickupStatus(trackingCode: $c) { status } }`, { c: book.trackingCode })).bulkyPickupStatus.status).toBe("DELIVERED");
  });

  it("cancels only with a reason and only before collection", async () => {
    const book = ok(await h.gql(`mutation($i: RequestBulkyPickupInput!) { requestBulkyPickup(input: $i) { trackingCode } }`, { i: { districtId: D(330604), residentName: "赵先生", phone: "13600000000", address: "曹娥街道 3 号", wasteKind: "BULKY", preferredDate: day(2) } })).requestBulkyPickup;
    const [row] = await rows<{ id: number }>(h.database.db, sql`select id from construction.pickup_requests where tracking_code = ${book.trackingCode}`);
    const id = gid("BulkyPickupRequest", row!.id);
    expect(ok(await h.gql(ADV, { i: { id, action: "cancel" } }, { token: staff })).advanceBulkyPickup.userErrors[0]).toMatchObject({ field: "input.reason", code: "REASON_REQUIRED" });
    expect(ok(await h.gql(ADV, { i: { id, action: "cancel", reason: "居民取消" } }, { token: staff })).advanceBulkyPickup.pickup.status).toBe("CANCELLED");
    expect((await h.gql(ADV, { i: { id, action: "schedule" } }, { token: operator })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("service visits", () => {
  it("records a visit with its problems, solves one, and counts them", async () => {
    const REC = `mutation($i: RecordVisitInput!) { recordServiceVisit(input: $i) { visit { id visitor company { name } problems { id category status } } userErrors { field code } } }`;
    const at = new Date(Date.now() - 3600_000).toISOString();
    const bad = ok(await h.gql(REC, { i: { companyId: gid("TransportCompany", w.companyId), visitedAt: at, visitor: "住建局 王", problems: [{ category: "WEATHER", description: "x" }] } }, { token: staff })).recordServiceVisit;
    expect(bad.userErrors[0].field).toBe("input.problems[0].category");
    const future = ok(await h.gql(REC, { i: { companyId: gid("TransportCompany", w.companyId), visitedAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), visitor: "王" } }, { token: staff })).recordServiceVisit;
    expect(future.userErrors[0].field).toBe("input.visitedAt");
    const v = ok(await h.gql(REC, { i: { companyId: gid("TransportCompany", w.companyId), visitedAt: at, visitor: "住建局 王", summary: "走访", problems: [{ category: "DISPOSAL_CAPACITY", description: "消纳场远" }, { category: "ROUTE", description: "路线绕行" }] } }, { token: staff })).recordServiceVisit;
    expect(v.userErrors).toEqual([]);
    expect(v.visit.problems.map((p: { status: string }) => p.status)).toEqual(["OPEN", "OPEN"]);
    const SOLVE = `mutation($id: ID!, $s: String!) { solveServiceProblem(id: $id, solution: $s) { problem { status solution } userErrors { code } } }`;
    expect(ok(await h.gql(SOLVE, { id: v.visit.problems[0].id, s: "协调就近消纳场" }, { token: staff })).solveServiceProblem.problem).toEqual({ status: "SOLVED", solution: "协调就近消纳场" });
    expect(ok(await h.gql(SOLVE, { id: v.visit.problems[0].id, s: "again" }, { token: staff })).solveServiceProblem.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
    const stats = ok(await h.gql(`query($f: DateTime!, $t: DateTime!) { serviceStatistics(from: $f, to: $t) { visits problems solved } }`, { f: new Date(Date.now() - 86_400_000).toISOString(), t: new Date(Date.now() + 86_400_000).toISOString() }, { token: staff })).serviceStatistics;
    expect(stats).toEqual({ visits: 1, problems: 2, solved: 1 });
    const list = ok(await h.gql(`query($c: ID) { serviceVisits(first: 10, companyId: $c) { totalCount edges { node { visitor } } } }`, { c: gid("TransportCompany", w.companyId) }, { token: staff })).serviceVisits;
    expect(list.totalCount).toBe(1);
    expect((await h.gql(REC, { i: { companyId: gid("TransportCompany", w.companyId), visitedAt: at, visitor: "x" } }, { token: operator })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("alert → case", () => {
  const OPEN = `mutation($i: OpenSpoilCaseInput!) { openSpoilCase(input: $i) { case { id subjectType subjectLabel violationType source alert { id status } } userErrors { field code } } }`;
  it("takes the subject and the violation from a vehicle alert, once", async () => {
    const a = await write(h.platform.app, (x) => raiseAlert(x, { stream: "construction", rule: "SUSPECTED_DUMPING", severity: "HIGH", title: "疑似偷倒", subjectType: "Vehicle", subjectId: w.vehicleIds[0]!, subjectLabel: w.plates[0]!, districtId: 330602, dedupKey: `test:dump:${w.vehicleIds[0]}` }));
    const c = ok(await h.gql(OPEN, { i: { source: "ALERT", alertId: gid("Alert", a.alert.id) } }, { token: enforcement })).openSpoilCase;
    expect(c.userErrors).toEqual([]);
    expect(c.case).toMatchObject({ subjectType: "Vehicle", subjectLabel: w.plates[0], violationType: "ILLEGAL_DUMPING", source: "ALERT" });
    expect(c.case.alert.id).toBe(gid("Alert", a.alert.id));
    const twice = ok(await h.gql(OPEN, { i: { source: "ALERT", alertId: gid("Alert", a.alert.id) } }, { token: enforcement })).openSpoilCase;
    expect(twice.userErrors[0]).toMatchObject({ field: "input.alertId", code: "ALREADY_A_CASE" });
  });

  it("uses a manifest alert's vehicle; a place alert needs a named subject; staff may override the violation", async () => {
    await activePermit(h.platform.app, w, w.vehicleIds[1]!);
    const { manifest } = await write(h.platform.app, (x) => openManifest(x, { vehicleId: w.vehicleIds[1]!, siteId: w.siteId, via: "GATE_SCAN" }));
    const m = await write(h.platform.app, (x) => raiseAlert(x, { stream: "construction", rule: "MANIFEST_OVERDUE", severity: "MEDIUM", title: "联单超时", subjectType: "TripManifest", subjectId: manifest.id, subjectLabel: manifest.number, districtId: 330602, dedupKey: `test:mo:${manifest.id}` }));
    const c = ok(await h.gql(OPEN, { i: { source: "ALERT", alertId: gid("Alert", m.alert.id), violationType: "SPILLAGE" } }, { token: enforcement })).openSpoilCase;
    expect(c.case).toMatchObject({ subjectType: "Vehicle", subjectLabel: w.plates[1], violationType: "SPILLAGE" });
    const p = await write(h.platform.app, (x) => raiseAlert(x, { stream: "construction", rule: "DISPOSAL_CAPACITY", severity: "MEDIUM", title: "库容", subjectType: "DisposalPlace", subjectId: w.placeId, subjectLabel: "场", districtId: 330602, dedupKey: `test:cap:${w.placeId}` }));
    const none = ok(await h.gql(OPEN, { i: { source: "ALERT", alertId: gid("Alert", p.alert.id), violationType: "OTHER" } }, { token: enforcement })).openSpoilCase;
    expect(none.userErrors[0]).toMatchObject({ field: "input.subjectId", code: "REQUIRED" });
    const named = ok(await h.gql(OPEN, { i: { source: "ALERT", alertId: gid("Alert", p.alert.id), violationType: "OTHER", subjectType: "TransportCompany", subjectId: gid("TransportCompany", w.companyId) } }, { token: enforcement })).openSpoilCase;
    expect(named.case.subjectType).toBe("TransportCompany");
    const nothing = await h.gql(OPEN, { i: { source: "PATROL" } }, { token: enforcement });
    expect(nothing.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("capacity matching and monthly statistics (a district of its own: Zhuji)", () => {
  it("flags a company whose sites need more than its fleet moves, and a district short of disposal capacity", async () => {
    const ids = await write(h.platform.app, async (x) => {
      const a = await createCompany(x, { name: "诸暨小运力公司", creditCode: code(), districtId: 330681, qualificationNo: "ZJ-1", qualificationValidFrom: day(-30), qualificationValidTo: day(700) });
      const b = await createCompany(x, { name: "诸暨无工地公司", creditCode: code(), districtId: 330681, qualificationNo: "ZJ-2", qualificationValidFrom: day(-30), qualificationValidTo: day(700) });
      await registerVehicle(x, { plate: "浙D3Z681", companyId: a.id, loadM3: "20.00" });
      await registerVehicle(x, { plate: "浙D3Z682", companyId: b.id, loadM3: "25.00" });
      const s = await applySite(x, { name: "诸暨大工地", districtId: 330681, lon: 120.24, lat: 29.71, plannedVolumeM3: "100000", periodFrom: day(0), periodTo: day(99), builder: "诸暨城投", gateCameras: 2, washingFacility: true });
      await transitionSite(x, s.id, "register");
      await addSiteCarrier(x, s.id, a.id);
      await createPlace(x, { name: "诸暨消纳场", kind: "DISPOSAL_SITE", districtId: 330681, lon: 120.3, lat: 29.7, capacityBasis: "TOTAL", capacity: "30000", capacityUnit: "M3", openFrom: day(-10) });
      const c = await openSpoilCase(x, { source: "PATROL", subjectType: "TransportCompany", subjectId: a.id, violationType: "SPILLAGE", fineYuan: "3000" });
      return { a: a.id, b: b.id, caseDistrict: c.districtId };
    });
    const CM = `query($d: ID, $o: Boolean) { companyCapacityMatching(districtId: $d, onlyShortfall: $o) { company { name } vehicleCount fleetCapacityM3PerDay sitesServed demandM3PerDay shortfallM3PerDay } }`;
    const all = ok(await h.gql(CM, { d: D(330681) }, { token: staff })).companyCapacityMatching;
    expect(all).toEqual([
      { company: { name: "诸暨小运力公司" }, vehicleCount: 1, fleetCapacityM3PerDay: 80, sitesServed: 1, demandM3PerDay: 1000, shortfallM3PerDay: 920 },
      { company: { name: "诸暨无工地公司" }, vehicleCount: 1, fleetCapacityM3PerDay: 100, sitesServed: 0, demandM3PerDay: 0, shortfallM3PerDay: 0 },
    ]);
    const short = ok(await h.gql(CM, { d: D(330681), o: true }, { token: staff })).companyCapacityMatching;
    expect(short.map((x: { company: { name: string } }) => x.company.name)).toEqual(["诸暨小运力公司"]);

    const DM = `{ districtCapacityMatching { districtAdcode spoilToMoveM3 disposalCapacityLeftM3 annualPlantCapacityM3 shortfallM3 shortfall } }`;
    const zhuji = ok(await h.gql(DM, {}, { token: staff })).districtCapacityMatching.find((x: { districtAdcode: string }) => x.districtAdcode === "330681");
    expect(zhuji).toEqual({ districtAdcode: "330681", spoilToMoveM3: 100000, disposalCapacityLeftM3: 30000, annualPlantCapacityM3: 0, shortfallM3: 70000, shortfall: true });
    // District staff of Shangyu see only their district.
    expect(ok(await h.gql(DM, {}, { token: shangyu })).districtCapacityMatching.map((x: { districtAdcode: string }) => x.districtAdcode)).toEqual(["330604"]);

    const year = Number(day(0).slice(0, 4));
    const month = day(0).slice(0, 7);
    const MS = `query($y: Int!, $d: ID) { spoilMonthlyStatistics(year: $y, districtId: $d) { month movedM3 trips permitsIssued cases finesYuan } }`;
    const months = ok(await h.gql(MS, { y: year, d: D(330681) }, { token: staff })).spoilMonthlyStatistics;
    expect(months).toHaveLength(12);
    expect(ids.caseDistrict).toBe(330681);
    expect(months.find((m: { month: string }) => m.month === month)).toEqual({ month, movedM3: "0", trips: 0, permitsIssued: 0, cases: 1, finesYuan: "3000.00" });
    expect(months.filter((m: { cases: number }) => m.cases > 0)).toHaveLength(1);
    expect((await h.gql(MS, { y: year, d: D(330681) }, { token: shangyu })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
