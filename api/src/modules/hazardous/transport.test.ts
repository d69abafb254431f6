import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { toGlobalId } from "../../graphql/ids.js";
import { withWriter } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import { rows } from "../core/db.js";
import { checkExpiringLicences, daysLeft } from "./licences.js";
import { shanghaiDay } from "./rollups.js";
import { buildWorld, worldAccounts, type World } from "./test-fixtures.js";
import { checkOverdueManifests, distanceToLineM, findDeviations, matchSegment, type Segment, type TrackedPosition } from "./tracking-rules.js";

const seg: Segment = { id: 1, name: "S1", districtId: 330603, speedLimitKmh: 60, bufferM: 30, line: [[120.5, 30.0], [120.6, 30.0]], bbox: [120.5, 30.0, 120.6, 30.0] };
const seg2: Segment = { id: 2, name: "S2 村道", districtId: 330603, speedLimitKmh: 40, bufferM: 30, line: [[120.55, 29.99], [120.55, 30.01]], bbox: [120.55, 29.99, 120.55, 30.01] };
const vehicle = { terminalId: "T1", plate: "浙D12345", stream: "hazardous" as const, vehicleId: 7, districtId: 330603, org: { kind: "hazardous.carrier", id: 1 } };
const pos = (lon: number, lat: number, speedKmh: number, s = 0): TrackedPosition => ({ terminalId: "T1", at: new Date(Date.UTC(2026, 0, 1, 0, 0, s)), lon, lat, speedKmh, heading: 90, vehicle });

describe("segmented speed limits and route rules (pure)", () => {
  it("matches a point to the segment it is on, the lower limit where segments cross", () => {
    expect(matchSegment([seg], 120.52, 30.0001)?.id).toBe(1); // ~11 m off the line
    expect(matchSegment([seg], 120.52, 30.001)).toBeNull(); // ~111 m off
    expect(matchSegment([seg, seg2], 120.55, 30.0)?.id).toBe(2);
    expect(Math.round(distanceToLineM(120.52, 30.001, seg.line))).toBeGreaterThan(100);
  });

  it("finds overspeed per segment (worst point, one per vehicle and segment) and no overspeed under the limit", () => {
    const devs = findDeviations([pos(120.51, 30, 58, 0), pos(120.52, 30, 72, 10), pos(120.53, 30, 80, 20), pos(120.55, 30, 45, 30)], [seg, seg2], new Map(), { overspeedToleranceKmh: 0, offRouteMetres: 500 });
    const over = devs.filter((d) => d.rule === "hazardous.overspeed");
    expect(over.map((d) => [d.segment!.id, d.speedKmh, d.points])).toEqual([
      [1, 80, 2],
      [2, 45, 1],
    ]);
    expect(findDeviations([pos(120.52, 30, 64)], [seg], new Map(), { overspeedToleranceKmh: 5, offRouteMetres: 500 })).toEqual([]);
  });

  it("flags positions farther than the threshold from the manifest's planned route", () => {
    const inTransit = new Map([[7, { id: 3, number: "M3", districtId: 330603, producerId: 1, carrierId: 1, route: seg.line }]]);
    const devs = findDeviations([pos(120.52, 30.002, 40), pos(120.52, 30.01, 40)], [], inTransit, { overspeedToleranceKmh: 0, offRouteMetres: 500 });
    expect(devs).toHaveLength(1);
    expect(devs[0]).toMatchObject({ rule: "hazardous.off_route", points: 1 });
    expect(devs[0]!.distanceM).toBeGreaterThan(1000);
  });
});

let h: Harness;
let world: World;
const tok: Record<string, string> = {};
beforeAll(async () => {
  h = await createHarness();
  const ctx = await h.seedContext();
  world = await buildWorld(ctx);
  const acc = await worldAccounts(ctx, world);
  tok.producer = await h.login(acc.producer);
  tok.carrier = await h.login(acc.carrier);
  tok.carrier2 = await h.login(acc.carrier2);
  tok.staff = await h.login("ecology");
  tok.admin = await h.login("admin");
});
afterAll(async () => h?.close());
const G = (t: string, id: number) => toGlobalId(t, id);

async function manifestInTransit(): Promise<{ id: string; number: string }> {
  const c = ok(
    await h.gql(
      `mutation($i: CreateManifestInput!) { createTransferManifest(input: $i) { manifest { id number } userErrors { code } } }`,
      { i: { producerId: G("HazardousUnit", world.producer), carrierId: G("Carrier", world.carrier), receiverId: G("Facility", world.facility), plannedRoute: world.route, lines: [{ wasteCode: "900-214-08", physicalForm: "LIQUID", packaging: "铁桶", packageCount: 2, quantityKg: "400" }] } },
      { token: tok.producer },
    ),
  ).createTransferManifest.manifest;
  ok(await h.gql(`mutation($id: ID!) { submitTransferManifest(id: $id) { userErrors { code } } }`, { id: c.id }, { token: tok.producer }));
  const p = ok(await h.gql(`mutation($i: PickUpManifestInput!) { pickUpTransferManifest(input: $i) { userErrors { code } } }`, { i: { id: c.id, vehicleId: G("TransportVehicle", world.vehicle), driverId: G("TransportPerson", world.driver), escortId: G("TransportPerson", world.escort), dueBy: new Date(Date.now() + 3600_000).toISOString() } }, { token: tok.carrier }));
  expect(p.pickUpTransferManifest.userErrors).toEqual([]);
  return c;
}

describe("positions through core ingestion", () => {
  it("raises overspeed and off-route alerts from an ingested batch, once per ongoing deviation", async () => {
    const m = await manifestInTransit();
    const created = ok(await h.gql(`mutation { createApiKey(input: { name: "GPS vendor", scopes: ["hazardous:ingest"] }) { secret } }`, {}, { token: tok.admin }));
    const key = created.createApiKey.secret as string;
    const [{ terminal_id: terminal }] = await rows<{ terminal_id: string }>(h.database.db, sql`select terminal_id from hazardous.vehicles where id = ${world.vehicle}`);
    const t0 = Date.now() - 60_000;
    const batch = [
      { terminalId: terminal, time: new Date(t0).toISOString(), lon: 120.51, lat: 30.0, speed: 50, heading: 90 },
      { terminalId: terminal, time: new Date(t0 + 10_000).toISOString(), lon: 120.52, lat: 30.0, speed: 78, heading: 90 },
      { terminalId: terminal, time: new Date(t0 + 20_000).toISOString(), lon: 120.53, lat: 30.02, speed: 50, heading: 0 },
    ];
    const res = await h.platform.server.inject({ method: "POST", url: "/ingest/positions", headers: { "content-type": "application/json", "x-api-key": key }, payload: JSON.stringify({ positions: batch }) });
    expect(res.statusCode).toBeLessThan(300);
    const alerts = await rows<{ rule: string; occurrences: number; detail: { speedKmh?: number; distanceM?: number } }>(h.database.db, sql`select rule, occurrences, detail from core.alerts where rule in ('hazardous.overspeed', 'hazardous.off_route') order by rule`);
    expect(alerts.map((a) => a.rule)).toEqual(["hazardous.off_route", "hazardous.overspeed"]);
    expect(alerts[1]!.detail.speedKmh).toBe(78);
    // The same deviation continuing: the alerts are bumped, not duplicated.
    const more = [{ terminalId: terminal, time: new Date(t0 + 30_000).toISOString(), lon: 120.54, lat: 30.0, speed: 90, heading: 90 }];
    await h.platform.server.inject({ method: "POST", url: "/ingest/positions", headers: { "content-type": "application/json", "x-api-key": key }, payload: JSON.stringify({ positions: more }) });
    const after = await rows<{ rule: string; occurrences: number }>(h.database.db, sql`select rule, occurrences from core.alerts where rule = 'hazardous.overspeed'`);
    expect(after).toHaveLength(1);
    expect(after[0]!.occurrences).toBe(2);
    const live = ok(await h.gql(`{ vehiclePositions(stream: hazardous) { plate speedKmh } }`, {}, { token: tok.staff }));
    expect(live.vehiclePositions.some((p: { speedKmh: number }) => p.speedKmh === 90)).toBe(true);
    expect(m.number).toBeTruthy();
  });

  it("raises an overdue alert for a manifest not received by its deadline (scheduled check)", async () => {
    const m = await manifestInTransit();
    const later = new Date(Date.now() + 2 * 3600_000);
    const n = await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => checkOverdueManifests(w, later));
    expect(n).toBeGreaterThanOrEqual(1);
    const a = await rows(h.database.db, sql`select 1 from core.alerts where rule = 'hazardous.manifest_overdue' and subject_label = ${m.number}`);
    expect(a).toHaveLength(1);
    const n2 = await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => checkOverdueManifests(w, later));
    expect(n2).toBe(0);
  });

  it("warns of licences expiring within the window and of expired ones, once each", async () => {
    const today = shanghaiDay(new Date());
    const n = await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => checkExpiringLicences(w, today, 30));
    const list = await rows<{ subject_type: string; subject_label: string; severity: string }>(h.database.db, sql`select subject_type, subject_label, severity from core.alerts where rule = 'hazardous.licence_expiring' order by id`);
    expect(n).toBe(list.length);
    expect(list.map((l) => l.subject_label)).toEqual(expect.arrayContaining(["赵押运（押运员）", "李师傅（驾驶员）"]));
    expect(list.find((l) => l.subject_label === "李师傅（驾驶员）")!.severity).toBe("HIGH");
    expect(list.some((l) => l.subject_label === "张师傅（驾驶员）")).toBe(false);
    expect(await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => checkExpiringLicences(w, today, 30))).toBe(0);
    expect(daysLeft("2026-01-31", "2026-01-01")).toBe(30);
  });

  it("lists vehicles with expiry, a carrier seeing only its own", async () => {
    const staff = ok(await h.gql(`{ transportVehicles(first: 50, filter: { expiringWithinDays: 30 }) { edges { node { plate licenceValid licenceDaysLeft } } } }`, {}, { token: tok.staff }));
    expect(staff.transportVehicles.edges.map((e: { node: { licenceValid: boolean } }) => e.node.licenceValid)).toEqual([false]);
    const own = ok(await h.gql(`{ transportVehicles(first: 50) { totalCount } transportPeople(first: 50) { totalCount } }`, {}, { token: tok.carrier2 }));
    expect(own.transportVehicles.totalCount).toBe(1);
    expect(own.transportPeople.totalCount).toBe(0);
  });
});
