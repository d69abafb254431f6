/**
 * Editing the transport registers and road segments: carriers paged, vehicle/person edits and the
 * in-service flag (an inactive vehicle or person cannot be bound), restricted roads (禁行路段) raising
 * alerts from ingested positions, retired segments ignored, contract termination.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../graphql/ids.js";
import { rows } from "../core/db.js";
import { systemPrincipal } from "../core/auth.js";
import { exportDefinitions } from "../core/exports.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { buildWorld, KEQIAO, worldAccounts, type World } from "./test-fixtures.js";
import { findDeviations, matchRestricted, matchSegment, type Segment, type TrackedPosition } from "./tracking-rules.js";
import { parseLine } from "./transport-registers.js";

const banned: Segment = { id: 9, name: "古城禁行", districtId: 330602, speedLimitKmh: 30, bufferM: 25, line: [[120.58, 29.99], [120.58, 30.01]], bbox: [120.58, 29.99, 120.58, 30.01], restricted: true };
const limited: Segment = { id: 1, name: "S1", districtId: 330603, speedLimitKmh: 60, bufferM: 30, line: [[120.5, 30.0], [120.6, 30.0]], bbox: [120.5, 30.0, 120.6, 30.0] };
const vehicle = { terminalId: "T1", plate: "浙D12345", stream: "hazardous" as const, vehicleId: 7, districtId: 330603, org: { kind: "hazardous.carrier", id: 1 } };
const pos = (lon: number, lat: number, speedKmh: number, s = 0): TrackedPosition => ({ terminalId: "T1", at: new Date(Date.UTC(2026, 0, 1, 0, 0, s)), lon, lat, speedKmh, heading: 90, vehicle });

describe("restricted roads (pure)", () => {
  it("flags any position on a restricted segment once per vehicle and segment, and never as a speed limit", () => {
    expect(matchRestricted([limited, banned], 120.58, 30.0)?.id).toBe(9);
    expect(matchRestricted([limited, banned], 120.52, 30.0)).toBeNull();
    // Where the two cross, the speed limit is the limited segment's, not the restricted one's 30.
    expect(matchSegment([limited, banned], 120.58, 30.0)?.id).toBe(1);
    const devs = findDeviations([pos(120.58, 29.995, 20, 0), pos(120.58, 30.005, 25, 10), pos(120.59, 30.02, 25, 20)], [limited, banned], new Map(), { overspeedToleranceKmh: 0, offRouteMetres: 500 });
    expect(devs.map((d) => [d.rule, d.segment?.id, d.points])).toEqual([["hazardous.restricted_road", 9, 2]]);
  });

  it("checks a segment's line, naming the field", () => {
    expect(() => parseLine([[120.5, 30]], "input.line")).toThrow(/2–1,000/);
    expect(() => parseLine([[120.5, 30], [500, 30]], "input.line")).toThrow();
    expect(() => parseLine("x", "input.line")).toThrow();
    expect(parseLine([[120.5, 30], [120.6, 30]], "input.line")).toHaveLength(2);
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
  tok.collector = await h.login(acc.collector);
  tok.staff = await h.login("ecology");
  tok.keqiao = await h.login("ecology.keqiao");
  tok.admin = await h.login("admin");
});
afterAll(async () => h?.close());
const G = (t: string, id: number) => toGlobalId(t, id);
const codes = (p: { userErrors: { code: string }[] }) => p.userErrors.map((e) => e.code);

describe("carriers, vehicles and people: lists and edits", () => {
  it("pages carriers with permit expiry, scoped to the caller", async () => {
    const staff = ok(await h.gql(`{ transportCarriers(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name permitDaysLeft permitValid } } } }`, {}, { token: tok.staff }));
    expect(staff.transportCarriers.totalCount).toBe(2);
    expect(staff.transportCarriers.pageInfo.hasNextPage).toBe(true);
    const next = ok(await h.gql(`query($a: String) { transportCarriers(first: 1, after: $a) { edges { node { id } } pageInfo { hasNextPage } } }`, { a: staff.transportCarriers.pageInfo.endCursor }, { token: tok.staff }));
    expect(next.transportCarriers.edges[0].node.id).not.toBe(staff.transportCarriers.edges[0].node.id);
    expect(next.transportCarriers.pageInfo.hasNextPage).toBe(false);
    expect(staff.transportCarriers.edges[0].node.permitValid).toBe(true);
    expect(staff.transportCarriers.edges[0].node.permitDaysLeft).toBeGreaterThan(390);
    const own = ok(await h.gql(`{ transportCarriers(first: 10) { totalCount edges { node { id } } } }`, {}, { token: tok.carrier }));
    expect(own.transportCarriers.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([G("Carrier", world.carrier)]);
    const keqiao = ok(await h.gql(`{ transportCarriers(first: 10, filter: { search: "华鑫" }) { totalCount } }`, {}, { token: tok.keqiao }));
    expect(keqiao.transportCarriers.totalCount).toBe(1);
  });

  it("exports carriers and vehicles within the caller's scope, with the in-service column", async () => {
    const defs = exportDefinitions();
    const carriersExport = defs.find((d) => d.name === "hazardous.carriers")!;
    const op = { ...systemPrincipal("t"), role: "OPERATOR" as const, org: { kind: "hazardous.carrier", id: world.carrier } };
    const seenIds: number[] = [];
    for await (const b of carriersExport.batches(h.database.db, op, carriersExport.parseFilter({}, op))) seenIds.push(...(b as { id: number }[]).map((c) => c.id));
    expect(seenIds).toEqual([world.carrier]);
    const all: number[] = [];
    for await (const b of carriersExport.batches(h.database.db, systemPrincipal("t"), {})) all.push(...(b as { id: number }[]).map((c) => c.id));
    expect(all.sort()).toEqual([world.carrier, world.carrier2].sort());
    const vehiclesExport = defs.find((d) => d.name === "hazardous.vehicles")!;
    expect(vehiclesExport.columns.map((c) => c.key)).toContain("active");
  });

  it("changes a carrier's name; refuses operators and staff of another district", async () => {
    const m = `mutation($i: UpdateCarrierInput!) { updateCarrier(input: $i) { carrier { id name } userErrors { field code } } }`;
    const r = ok(await h.gql(m, { i: { id: G("Carrier", world.carrier), name: "华鑫环保运输（更名）" } }, { token: tok.keqiao }));
    expect(r.updateCarrier.carrier.name).toBe("华鑫环保运输（更名）");
    const other = await h.gql(m, { i: { id: G("Carrier", world.carrier2), name: "不可改" } }, { token: tok.keqiao });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const op = await h.gql(m, { i: { id: G("Carrier", world.carrier), name: "承运人自改" } }, { token: tok.carrier });
    expect(op.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const bad = await h.gql(m, { i: { id: G("Carrier", world.carrier), name: "x" } }, { token: tok.staff });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.extensions?.fields?.map((f: { field: string }) => f.field)).toContain("input.name");
  });

  it("takes a vehicle out of service: it leaves the active list and cannot be bound to a manifest; back in service it can", async () => {
    const upd = `mutation($i: UpdateHazardousVehicleInput!) { updateTransportVehicle(input: $i) { vehicle { id active vehicleType loadKg terminalId } userErrors { field code } } }`;
    const off = ok(await h.gql(upd, { i: { id: G("TransportVehicle", world.vehicle), active: false, vehicleType: "厢式货车", loadKg: "7500" } }, { token: tok.staff }));
    expect(off.updateTransportVehicle.vehicle).toMatchObject({ active: false, vehicleType: "厢式货车", loadKg: "7500.000" });
    const list = ok(await h.gql(`{ transportVehicles(first: 10, filter: { active: true }) { edges { node { id } } } }`, {}, { token: tok.staff }));
    expect(list.transportVehicles.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(G("TransportVehicle", world.vehicle));

    const created = ok(
      await h.gql(
        `mutation($i: CreateManifestInput!) { createTransferManifest(input: $i) { manifest { id } userErrors { code } } }`,
        { i: { producerId: G("HazardousUnit", world.producer), carrierId: G("Carrier", world.carrier), receiverId: G("Facility", world.facility), plannedRoute: world.route, lines: [{ wasteCode: "900-214-08", physicalForm: "LIQUID", packaging: "铁桶", packageCount: 1, quantityKg: "100" }] } },
        { token: tok.producer },
      ),
    ).createTransferManifest.manifest;
    ok(await h.gql(`mutation($id: ID!) { submitTransferManifest(id: $id) { userErrors { code } } }`, { id: created.id }, { token: tok.producer }));
    const pick = `mutation($i: PickUpManifestInput!) { pickUpTransferManifest(input: $i) { manifest { state } userErrors { field code } } }`;
    const input = { id: created.id, vehicleId: G("TransportVehicle", world.vehicle), driverId: G("TransportPerson", world.driver), escortId: G("TransportPerson", world.escort) };
    const refused = ok(await h.gql(pick, { i: input }, { token: tok.carrier }));
    expect(refused.pickUpTransferManifest.userErrors).toEqual([{ field: "input.vehicleId", code: "INACTIVE" }]);

    // The driver leaves: refused for the driver too once the vehicle is back.
    ok(await h.gql(upd, { i: { id: G("TransportVehicle", world.vehicle), active: true } }, { token: tok.staff }));
    const person = `mutation($i: UpdatePersonInput!) { updateTransportPerson(input: $i) { person { id name phone active } userErrors { field code } } }`;
    const left = ok(await h.gql(person, { i: { id: G("TransportPerson", world.driver), active: false, phone: "13800000000" } }, { token: tok.keqiao }));
    expect(left.updateTransportPerson.person).toMatchObject({ active: false, phone: "13800000000", name: "张师傅" });
    expect(ok(await h.gql(pick, { i: input }, { token: tok.carrier })).pickUpTransferManifest.userErrors).toEqual([{ field: "input.driverId", code: "INACTIVE" }]);
    ok(await h.gql(person, { i: { id: G("TransportPerson", world.driver), active: true } }, { token: tok.keqiao }));
    const picked = ok(await h.gql(pick, { i: input }, { token: tok.carrier }));
    expect(picked.pickUpTransferManifest.userErrors).toEqual([]);
    expect(picked.pickUpTransferManifest.manifest.state).toBe("PICKED_UP");
  });

  it("renews a licence through the API and the list shows it valid", async () => {
    const r = ok(await h.gql(`mutation($i: RenewLicenceInput!) { renewHazardousLicence(input: $i) { ok userErrors { field code } } }`, { i: { id: G("TransportVehicle", world.vehicleExpired), number: "330603009999", validTo: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10) } }, { token: tok.staff }));
    expect(r.renewHazardousLicence).toEqual({ ok: true, userErrors: [] });
    const v = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on TransportVehicle { licenceNo licenceValid } } }`, { id: G("TransportVehicle", world.vehicleExpired) }, { token: tok.staff }));
    expect(v.node).toEqual({ licenceNo: "330603009999", licenceValid: true });
    const past = ok(await h.gql(`mutation($i: RenewLicenceInput!) { renewHazardousLicence(input: $i) { ok userErrors { field code } } }`, { i: { id: G("TransportPerson", world.driverExpired), number: "Q-NEW-1", validTo: "2020-01-01" } }, { token: tok.staff }));
    expect(past.renewHazardousLicence.userErrors).toEqual([{ field: "input.validTo", code: "INVALID_DATES" }]);
  });
});

describe("road segments and restricted roads", () => {
  const create = `mutation($i: CreateSegmentInput!) { createRoadSegment(input: $i) { segment { id name restricted active speedLimitKmh } userErrors { field code } } }`;
  const update = `mutation($i: UpdateSegmentInput!) { updateRoadSegment(input: $i) { segment { id name restricted active speedLimitKmh line } userErrors { field code } } }`;

  it("creates, lists (paged, filtered) and edits segments; district staff only in their district", async () => {
    const c = ok(await h.gql(create, { i: { name: "柯桥古镇禁行段", districtId: G("District", KEQIAO), speedLimitKmh: 30, restricted: true, line: [[120.45, 30.05], [120.45, 30.07]] } }, { token: tok.keqiao }));
    expect(c.createRoadSegment.segment).toMatchObject({ name: "柯桥古镇禁行段", restricted: true, active: true });
    const cityWide = await h.gql(create, { i: { name: "全市段", speedLimitKmh: 60, line: [[120.4, 30.0], [120.5, 30.0]] } }, { token: tok.keqiao });
    expect(cityWide.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const badLine = ok(await h.gql(create, { i: { name: "坏线", speedLimitKmh: 60, line: [[120.4, 30.0]] } }, { token: tok.staff }));
    expect(badLine.createRoadSegment.userErrors).toEqual([{ field: "input.line", code: "INVALID_LINE" }]);

    const list = ok(await h.gql(`{ roadSegmentList(first: 10, filter: { restricted: true }) { totalCount edges { node { id name } } } }`, {}, { token: tok.staff }));
    expect(list.roadSegmentList.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(["柯桥古镇禁行段"]);

    const id = c.createRoadSegment.segment.id;
    const e = ok(await h.gql(update, { i: { id, speedLimitKmh: 20, line: [[120.45, 30.05], [120.46, 30.08]] } }, { token: tok.keqiao }));
    expect(e.updateRoadSegment.segment).toMatchObject({ speedLimitKmh: 20, line: [[120.45, 30.05], [120.46, 30.08]] });
    const op = await h.gql(update, { i: { id, active: false } }, { token: tok.carrier });
    expect(op.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("raises a restricted-road alert from ingested positions; a retired segment raises nothing", async () => {
    const seg = ok(await h.gql(create, { i: { name: "测试禁行段", districtId: G("District", KEQIAO), speedLimitKmh: 30, restricted: true, line: [[120.3, 30.2], [120.3, 30.22]] } }, { token: tok.staff })).createRoadSegment.segment;
    const key = ok(await h.gql(`mutation { createApiKey(input: { name: "GPS", scopes: ["hazardous:ingest"] }) { secret } }`, {}, { token: tok.admin })).createApiKey.secret as string;
    const [{ terminal_id: terminal }] = await rows<{ terminal_id: string }>(h.database.db, sql`select terminal_id from hazardous.vehicles where id = ${world.vehicleOther}`);
    const send = (lat: number, s: number) =>
      h.platform.server.inject({ method: "POST", url: "/ingest/positions", headers: { "content-type": "application/json", "x-api-key": key }, payload: JSON.stringify({ positions: [{ terminalId: terminal, time: new Date(Date.now() - 60_000 + s * 1000).toISOString(), lon: 120.3, lat, speed: 15, heading: 0 }] }) });
    expect((await send(30.21, 0)).statusCode).toBeLessThan(300);
    const a = await rows<{ rule: string; subject_label: string; detail: { segmentId: number } }>(h.database.db, sql`select rule, subject_label, detail from core.alerts where rule = 'hazardous.restricted_road'`);
    expect(a).toHaveLength(1);
    expect(a[0]!.detail.segmentId).toBe(Number(Buffer.from(seg.id, "base64url").toString().split(":")[1]));

    ok(await h.gql(update, { i: { id: seg.id, active: false } }, { token: tok.staff }));
    await h.database.db.execute(sql`update core.alerts set status = 'CLOSED' where rule = 'hazardous.restricted_road'`);
    expect((await send(30.211, 5)).statusCode).toBeLessThan(300);
    const after = await rows(h.database.db, sql`select 1 from core.alerts where rule = 'hazardous.restricted_road' and status <> 'CLOSED'`);
    expect(after).toHaveLength(0);
    const map = ok(await h.gql(`{ roadSegments { name } }`, {}, { token: tok.staff }));
    expect(map.roadSegments.map((s: { name: string }) => s.name)).not.toContain("测试禁行段");
  });
});

describe("rule settings", () => {
  it("lets city staff change the thresholds; district staff and API keys are refused", async () => {
    const m = `mutation($i: RuleSettingsInput!) { updateHazardousRuleSettings(input: $i) { settings { offRouteMetres licenceWarnDays } userErrors { field code } } }`;
    const r = ok(await h.gql(m, { i: { offRouteMetres: 800 } }, { token: tok.staff }));
    expect(r.updateHazardousRuleSettings.settings).toEqual({ offRouteMetres: 800, licenceWarnDays: 30 });
    expect((await h.gql(m, { i: { offRouteMetres: 900 } }, { token: tok.keqiao })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const key = ok(await h.gql(`mutation { createApiKey(input: { name: "integration", scopes: ["hazardous:write"] }) { secret } }`, {}, { token: tok.admin })).createApiKey.secret as string;
    expect((await h.gql(m, { i: { offRouteMetres: 900 } }, { apiKey: key })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const now = ok(await h.gql(`{ hazardousRuleSettings { offRouteMetres } }`, {}, { token: tok.staff }));
    expect(now.hazardousRuleSettings.offRouteMetres).toBe(800);
    ok(await h.gql(m, { i: { offRouteMetres: 500 } }, { token: tok.staff }));
  });
});

describe("collection contracts: sign and terminate", () => {
  it("signs a contract, terminates it once, and refuses collections from that day", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const past = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const signed = ok(await h.gql(`mutation($i: SignContractInput!) { signCollectionContract(input: $i) { contract { id terminatedOn } userErrors { field code } } }`, { i: { operatorId: G("CollectionOperator", world.operator), unitId: G("HazardousUnit", world.lab), signedOn: past, validTo: "2030-12-31" } }, { token: tok.collector }));
    expect(signed.signCollectionContract.userErrors).toEqual([]);
    const id = signed.signCollectionContract.contract.id;
    const term = `mutation($i: TerminateContractInput!) { terminateCollectionContract(input: $i) { contract { id terminatedOn } userErrors { field code } } }`;
    expect(codes(ok(await h.gql(term, { i: { id, terminatedOn: "2031-01-01" } }, { token: tok.collector })).terminateCollectionContract)).toEqual(["INVALID_DATES"]);
    const t = ok(await h.gql(term, { i: { id, terminatedOn: today } }, { token: tok.collector }));
    expect(t.terminateCollectionContract.contract.terminatedOn).toBe(today);
    expect(codes(ok(await h.gql(term, { i: { id, terminatedOn: today } }, { token: tok.staff })).terminateCollectionContract)).toEqual(["ALREADY_TERMINATED"]);
    const run = ok(await h.gql(`mutation($i: RecordRunInput!) { recordCollectionRun(input: $i) { run { id } userErrors { field code } } }`, { i: { contractId: id, collectedAt: new Date().toISOString(), lines: [{ wasteCode: "900-047-49", quantityKg: "12.5" }] } }, { token: tok.collector }));
    expect(run.recordCollectionRun.userErrors).toEqual([{ field: "input.collectedAt", code: "NO_CONTRACT" }]);
    const stranger = await h.gql(term, { i: { id, terminatedOn: today } }, { token: tok.carrier });
    expect(stranger.errors?.length).toBeGreaterThan(0);
  });
});
