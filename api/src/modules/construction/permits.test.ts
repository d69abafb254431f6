/**
 * Transport permits (一车一线一证) through the API: operator applications for own vehicles only, staff
 * approval with number and QR code, exclusivity enforced by the database under concurrent approvals,
 * validity limits, suspended companies, revocation, public verification with scan logging.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, TEST_DB, type Harness } from "../../test/harness.js";
import { toGlobalId } from "../../graphql/ids.js";
import { rows } from "../core/db.js";
import { applyForPermit, decidePermit } from "./permits.js";
import { buildWorld, write, type World } from "./testing.js";
import { suspendCompany } from "./credit.js";

let h: Harness;
let w: World;
let staff: string;
let operator: string;
let otherOperator: string;
beforeAll(async () => {
  h = await createHarness();
  w = await buildWorld(h.platform.app, { vehicles: 3 });
  const ctx = await h.seedContext();
  await ctx.account({ username: "op.a", displayName: "A", role: "OPERATOR", org: { kind: "construction.company", id: w.companyId }, description: "test" });
  await ctx.account({ username: "op.b", displayName: "B", role: "OPERATOR", org: { kind: "construction.company", id: w.otherCompanyId }, description: "test" });
  staff = await h.login("housing");
  operator = await h.login("op.a");
  otherOperator = await h.login("op.b");
});
afterAll(async () => h?.close());

const APPLY = `mutation($i: ApplyPermitInput!) { applyForPermit(input: $i) { permit { id status number } userErrors { field code message } } }`;
const DECIDE = `mutation($id: ID!, $d: PermitDecision!, $n: String) { decidePermit(id: $id, decision: $d, note: $n) { permit { id status number qrCode { url pngDataUrl svg } } userErrors { field code message } } }`;
const gid = (t: string, id: number) => toGlobalId(t, id);
const period = (fromH: number, days: number) => {
  const from = new Date(Date.now() + fromH * 3600_000);
  return { validFrom: from.toISOString(), validTo: new Date(from.getTime() + days * 86_400_000).toISOString() };
};
const input = (vehicleId: number, p = period(-1, 30)) => ({ vehicleId: gid("Vehicle", vehicleId), siteId: gid("ExcavationSite", w.siteId), disposalPlaceId: gid("DisposalPlace", w.placeId), route: w.route, ...p });

describe("application and approval", () => {
  it("lets a company apply for its own vehicle and staff approve it with a number and a QR code", async () => {
    const a = ok(await h.gql(APPLY, { i: input(w.vehicleIds[0]!) }, { token: operator })).applyForPermit;
    expect(a.userErrors).toEqual([]);
    expect(a.permit.status).toBe("PENDING");
    expect(a.permit.number).toBeNull();
    const d = ok(await h.gql(DECIDE, { id: a.permit.id, d: "approve" }, { token: staff })).decidePermit;
    expect(d.userErrors).toEqual([]);
    expect(d.permit.status).toBe("ACTIVE");
    expect(d.permit.number).toMatch(/^ZY\d{4}-02-\d{6}$/);
    expect(d.permit.qrCode.url).toMatch(/\/verify\/permit\/[A-Za-z0-9_-]{20,}$/);
    expect(d.permit.qrCode.pngDataUrl.startsWith("data:image/png;base64,")).toBe(true);
    expect(d.permit.qrCode.svg).toContain("<svg");
    const ev = await rows<{ type: string }>(h.database.db, sql`select type from core.events where entity = 'TransportPermit' order by id`);
    expect(ev.map((e) => e.type)).toEqual(["permit.applied", "permit.issued"]);
  });

  it("refuses an operator applying for another company's vehicle", async () => {
    const r = ok(await h.gql(APPLY, { i: input(w.otherVehicleId) }, { token: operator })).applyForPermit;
    expect(r.permit).toBeNull();
    expect(r.userErrors[0].code).toBe("NOT_YOUR_VEHICLE");
  });

  it("refuses an operator approving (only staff decide)", async () => {
    const a = ok(await h.gql(APPLY, { i: input(w.vehicleIds[1]!, period(24 * 40, 10)) }, { token: operator })).applyForPermit;
    const r = await h.gql(DECIDE, { id: a.permit.id, d: "approve" }, { token: operator });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const wd = ok(await h.gql(DECIDE, { id: a.permit.id, d: "withdraw" }, { token: operator })).decidePermit;
    expect(wd.permit.status).toBe("WITHDRAWN");
  });

  it("refuses a permit outliving the site's period or the company's qualification", async () => {
    const r = ok(await h.gql(APPLY, { i: input(w.vehicleIds[1]!, period(1, 400)) }, { token: operator })).applyForPermit;
    expect(r.userErrors.map((e: { code: string }) => e.code)).toContain("OUTLIVES_SITE");
    expect(r.userErrors.find((e: { code: string }) => e.code === "OUTLIVES_SITE").field).toBe("input.validTo");
    const w2 = await buildWorld(h.platform.app, { qualificationEndsInDays: 20 });
    const p = await write(h.platform.app, (wr) => applyForPermit(wr, { vehicleId: w2.vehicleIds[0]!, siteId: w2.siteId, disposalPlaceId: w2.placeId, route: w2.route, validFrom: new Date(), validTo: new Date(Date.now() + 40 * 86_400_000) }).catch((e) => e));
    expect((p as { errors: { code: string }[] }).errors.map((e) => e.code)).toContain("OUTLIVES_QUALIFICATION");
  });

  it("refuses a route that does not start at the site", async () => {
    const r = ok(await h.gql(APPLY, { i: { ...input(w.vehicleIds[1]!), route: [[120.9, 29.6], [120.95, 29.62]] } }, { token: operator })).applyForPermit;
    expect(r.userErrors.map((e: { code: string }) => e.code)).toEqual(["ROUTE_START", "ROUTE_END"]);
    const bad = await h.gql(APPLY, { i: { ...input(w.vehicleIds[1]!), route: [[1, 2]] } }, { token: operator });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.extensions?.fields[0].field).toBe("input.route");
  });

  it("needs a reason to reject and to revoke", async () => {
    const a = ok(await h.gql(APPLY, { i: input(w.vehicleIds[2]!, period(24 * 60, 5)) }, { token: operator })).applyForPermit;
    const r1 = ok(await h.gql(DECIDE, { id: a.permit.id, d: "reject" }, { token: staff })).decidePermit;
    expect(r1.userErrors[0].code).toBe("REASON_REQUIRED");
    const r2 = ok(await h.gql(DECIDE, { id: a.permit.id, d: "reject", n: "路线经过学校 / route passes a school" }, { token: staff })).decidePermit;
    expect(r2.permit.status).toBe("REJECTED");
    const again = ok(await h.gql(DECIDE, { id: a.permit.id, d: "approve" }, { token: staff })).decidePermit;
    expect(again.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
  });
});

describe("one active permit per vehicle (database-enforced)", () => {
  it("lets exactly one of many concurrent approvals win; the others get PERMIT_VEHICLE_BUSY", async () => {
    const ww = await buildWorld(h.platform.app, { vehicles: 1 });
    const n = TEST_DB === "postgres" ? 60 : 12;
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = await write(h.platform.app, (wr) => applyForPermit(wr, { vehicleId: ww.vehicleIds[0]!, siteId: ww.siteId, disposalPlaceId: ww.placeId, route: ww.route, validFrom: new Date(Date.now() + i * 3600_000), validTo: new Date(Date.now() + (10 + i) * 86_400_000) }));
      ids.push(p.id);
    }
    const results = await Promise.all(ids.map((id) => h.gql(DECIDE, { id: gid("TransportPermit", id), d: "approve" }, { token: staff })));
    const won = results.filter((r) => r.data?.decidePermit?.permit?.status === "ACTIVE");
    const busy = results.filter((r) => r.data?.decidePermit?.userErrors?.[0]?.code === "PERMIT_VEHICLE_BUSY");
    expect(won).toHaveLength(1);
    expect(busy).toHaveLength(n - 1);
    expect(busy[0]!.data.decidePermit.userErrors[0].message).toMatch(/一车一线一证|one vehicle/);
    const [c] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from construction.permits where vehicle_id = ${ww.vehicleIds[0]!} and status = 'ACTIVE'`);
    expect(c!.n).toBe(1);
    // The losers stay PENDING, with no number given away.
    const [pend] = await rows<{ n: number; numbered: number }>(h.database.db, sql`select count(*)::int as n, count(number)::int as numbered from construction.permits where vehicle_id = ${ww.vehicleIds[0]!} and status = 'PENDING'`);
    expect(pend).toEqual({ n: n - 1, numbered: 0 });
  });

  it("allows a second permit for the same vehicle once the periods do not overlap", async () => {
    const ww = await buildWorld(h.platform.app, { vehicles: 1 });
    const mk = (fromDays: number, days: number) =>
      write(h.platform.app, async (wr) => {
        const p = await applyForPermit(wr, { vehicleId: ww.vehicleIds[0]!, siteId: ww.siteId, disposalPlaceId: ww.placeId, route: ww.route, validFrom: new Date(Date.now() + fromDays * 86_400_000), validTo: new Date(Date.now() + (fromDays + days) * 86_400_000) });
        return decidePermit(wr, p.id, "approve");
      });
    const a = await mk(0, 10);
    const b = await mk(10, 10);
    expect([a.status, b.status]).toEqual(["ACTIVE", "ACTIVE"]);
    await expect(mk(5, 10)).rejects.toMatchObject({ errors: [{ code: "PERMIT_VEHICLE_BUSY" }] });
  });

  it("gives no new permit to a suspended company", async () => {
    const ww = await buildWorld(h.platform.app, { vehicles: 1 });
    const p = await write(h.platform.app, (wr) => applyForPermit(wr, { vehicleId: ww.vehicleIds[0]!, siteId: ww.siteId, disposalPlaceId: ww.placeId, route: ww.route, validFrom: new Date(), validTo: new Date(Date.now() + 5 * 86_400_000) }));
    await write(h.platform.app, (wr) => suspendCompany(wr, ww.companyId, "专项检查发现严重违规"));
    const r = ok(await h.gql(DECIDE, { id: gid("TransportPermit", p.id), d: "approve" }, { token: staff })).decidePermit;
    expect(r.permit).toBeNull();
    expect(r.userErrors.map((e: { code: string }) => e.code)).toContain("COMPANY_SUSPENDED");
  });
});

describe("revocation and public verification", () => {
  it("shows validity publicly without private data, logs the scan, and reflects revocation", async () => {
    const ww = await buildWorld(h.platform.app, { vehicles: 1 });
    const p = await write(h.platform.app, async (wr) => decidePermit(wr, (await applyForPermit(wr, { vehicleId: ww.vehicleIds[0]!, siteId: ww.siteId, disposalPlaceId: ww.placeId, route: ww.route, validFrom: new Date(Date.now() - 60_000), validTo: new Date(Date.now() + 5 * 86_400_000) })).id, "approve"));
    const V = `query($t: String!) { verifyPermit(token: $t) { number plate companyName status validNow } }`;
    const anon = ok(await h.gql(V, { t: p.verifyToken }));
    expect(anon.verifyPermit).toMatchObject({ number: p.number, plate: ww.plates[0], status: "ACTIVE", validNow: true });
    const page = await h.platform.server.inject({ method: "GET", url: `/verify/permit/${p.verifyToken}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(p.number!);
    expect(page.body).toContain("VALID");
    expect(page.body).not.toMatch(/1[3-9]\d{9}/); // no phone numbers
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    expect((await h.platform.server.inject({ method: "GET", url: `/verify/permit/notarealtoken123` })).statusCode).toBe(404);
    const [scans] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from construction.permit_scans where permit_id = ${p.id}`);
    expect(scans!.n).toBe(2);

    const REVOKE = `mutation($id: ID!, $r: String!) { revokePermit(id: $id, reason: $r) { permit { status revocationReason } userErrors { code } } }`;
    const none = ok(await h.gql(REVOKE, { id: gid("TransportPermit", p.id), r: "  " }, { token: staff })).revokePermit;
    expect(none.userErrors[0].code).toBe("REASON_REQUIRED");
    const rv = ok(await h.gql(REVOKE, { id: gid("TransportPermit", p.id), r: "偷倒被查处" }, { token: staff })).revokePermit;
    expect(rv.permit).toEqual({ status: "REVOKED", revocationReason: "偷倒被查处" });
    const after = ok(await h.gql(V, { t: p.verifyToken }));
    expect(after.verifyPermit).toMatchObject({ status: "REVOKED", validNow: false });
  });
});

describe("scoping", () => {
  it("shows an operator only its own company's permits and vehicles", async () => {
    const L = `{ transportPermits(first: 100) { edges { node { company { id } } } } spoilVehicles(first: 100) { edges { node { plate } } } }`;
    const mine = ok(await h.gql(L, {}, { token: operator }));
    expect(mine.transportPermits.edges.length).toBeGreaterThan(0);
    expect(new Set(mine.transportPermits.edges.map((e: { node: { company: { id: string } } }) => e.node.company.id))).toEqual(new Set([gid("TransportCompany", w.companyId)]));
    expect(mine.spoilVehicles.edges.map((e: { node: { plate: string } }) => e.node.plate).sort()).toEqual([...w.plates].sort());
    const theirs = ok(await h.gql(L, {}, { token: otherOperator }));
    expect(theirs.transportPermits.edges).toEqual([]);
    // node(id:) hides other companies' records too.
    const [pid] = await rows<{ id: number }>(h.database.db, sql`select id from construction.permits where company_id = ${w.companyId} limit 1`);
    const n = ok(await h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid("TransportPermit", pid!.id) }, { token: otherOperator }));
    expect(n.node).toBeNull();
  });

  it("refuses staff of other streams and anonymous callers", async () => {
    const eco = await h.login("ecology");
    expect((await h.gql(`{ transportPermits { edges { node { id } } } }`, {}, { token: eco })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await h.gql(`{ transportPermits { edges { node { id } } } }`)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("keeps district staff to their district's records", async () => {
    const shangyu = await h.login("housing.shangyu");
    const list = ok(await h.gql(`{ transportPermits(first: 100) { edges { node { id } } } }`, {}, { token: shangyu }));
    expect(list.transportPermits.edges).toEqual([]);
    const [pid] = await rows<{ id: number }>(h.database.db, sql`select id from construction.permits where status = 'ACTIVE' limit 1`);
    const raw = await h.gql(`mutation($id: ID!) { revokePermit(id: $id, reason: "x") { userErrors { code } } }`, { id: gid("TransportPermit", pid!.id) }, { token: shangyu });
    expect(raw.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
