import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, TEST_DB, type Harness } from "../../test/harness.js";
import { toGlobalId } from "../../graphql/ids.js";
import { rows } from "../core/db.js";
import { ALL_STATES, checkTransition, lockedFields, MANIFEST_TRANSITIONS, type ManifestAction } from "./manifest-machine.js";
import { rebuildRollups, rollupSnapshot } from "./rollups.js";
import { buildWorld, worldAccounts, type World } from "./test-fixtures.js";
import type { Party } from "./access.js";

let h: Harness;
let world: World;
let acc: Awaited<ReturnType<typeof worldAccounts>>;
const tok: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness();
  const ctx = await h.seedContext();
  world = await buildWorld(ctx);
  acc = await worldAccounts(ctx, world);
  for (const [k, u] of Object.entries(acc)) tok[k] = await h.login(u);
  tok.staff = await h.login("ecology");
  tok.keqiao = await h.login("ecology.keqiao");
  tok.housing = await h.login("housing");
});
afterAll(async () => h?.close());

const G = (type: string, id: number) => toGlobalId(type, id);
const M = `id number state declaredKg receivedKg discrepancyPct discrepancyFlagged lockedFields availableActions { action asParty } waybill { number vehicle { plate } }`;

async function createManifest(token = tok.producer!, quantities = ["1200.500", "300"]) {
  const r = ok(
    await h.gql(
      `mutation($i: CreateManifestInput!) { createTransferManifest(input: $i) { manifest { ${M} } userErrors { field code message } } }`,
      {
        i: {
          producerId: G("HazardousUnit", world.producer),
          carrierId: G("Carrier", world.carrier),
          receiverId: G("Facility", world.facility),
          plannedRoute: world.route,
          lines: [
            { wasteCode: "900-249-08", physicalForm: "LIQUID", packaging: "铁桶", packageCount: 6, quantityKg: quantities[0] },
            { wasteCode: "900-041-49", physicalForm: "SOLID", packaging: "吨袋", packageCount: 2, quantityKg: quantities[1] },
          ],
        },
      },
      { token },
    ),
  );
  expect(ok.length >= 0 && r.createTransferManifest.userErrors).toEqual([]);
  return r.createTransferManifest.manifest;
}

const act = {
  submit: (id: string, token = tok.producer!) => h.gql(`mutation($id: ID!) { submitTransferManifest(id: $id) { manifest { ${M} } userErrors { field code message } } }`, { id }, { token }),
  pickUp: (id: string, o: { vehicle?: number; driver?: number; escort?: number } = {}, token = tok.carrier!) =>
    h.gql(`mutation($i: PickUpManifestInput!) { pickUpTransferManifest(input: $i) { manifest { ${M} } userErrors { field code message } } }`, { i: { id, vehicleId: G("TransportVehicle", o.vehicle ?? world.vehicle), driverId: G("TransportPerson", o.driver ?? world.driver), escortId: G("TransportPerson", o.escort ?? world.escort) } }, { token }),
  receive: (id: string, kg: string[], token = tok.receiver!) =>
    h.gql(`mutation($i: ReceiveTransferManifestInput!) { receiveTransferManifest(input: $i) { manifest { ${M} } userErrors { field code message } } }`, { i: { id, lines: kg.map((k, i) => ({ lineNo: i + 1, receivedKg: k })) } }, { token }),
  decide: (id: string, decision: string, extra: Record<string, unknown> = {}, token = tok.receiver!) =>
    h.gql(`mutation($i: DecideReceiptInput!) { decideManifestReceipt(input: $i) { manifest { ${M} rejectedKg } userErrors { field code message } } }`, { i: { id, decision, ...extra } }, { token }),
  dispose: (id: string, method: string, token = tok.receiver!) => h.gql(`mutation($id: ID!, $m: String!) { disposeTransferManifest(id: $id, method: $m) { manifest { ${M} } userErrors { field code message } } }`, { id, m: method }, { token }),
  close: (id: string, token = tok.receiver!) => h.gql(`mutation($id: ID!) { closeTransferManifest(id: $id) { manifest { ${M} } userErrors { field code message } } }`, { id }, { token }),
};

const errs = (r: { data: Record<string, { userErrors: { code: string }[] }> }) => Object.values(r.data)[0]!.userErrors.map((e) => e.code);
const man = (r: { data: Record<string, { manifest: Record<string, any> }> }) => Object.values(r.data)[0]!.manifest;

describe("transition table (plain functions)", () => {
  const parties: Party[] = ["PRODUCER", "CARRIER", "RECEIVER", "STAFF"];
  it("allows exactly the listed transitions and refuses every other state × action with ILLEGAL_TRANSITION", () => {
    let legal = 0;
    let illegal = 0;
    for (const state of ALL_STATES)
      for (const action of Object.keys(MANIFEST_TRANSITIONS) as ManifestAction[]) {
        const t = MANIFEST_TRANSITIONS[action];
        if (t.from.includes(state)) {
          for (const p of parties) {
            if (t.parties.includes(p)) expect(checkTransition(state, action, [p]).to).toBe(t.to);
            else expect(() => checkTransition(state, action, [p])).toThrow(/Only the/);
          }
          legal++;
        } else {
          expect(() => checkTransition(state, action, parties)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ code: "ILLEGAL_TRANSITION" })] }));
          illegal++;
        }
      }
    expect(legal).toBe(12);
    expect(illegal).toBe(ALL_STATES.length * 9 - 12);
  });

  it("locks the producer's fields at submission and everything once closed", () => {
    expect(lockedFields("DRAFT")).toEqual([]);
    expect(lockedFields("SUBMITTED")).toContain("lines");
    expect(lockedFields("PICKED_UP")).toEqual(expect.arrayContaining(["lines", "vehicle", "driver", "escort", "waybill"]));
    expect(lockedFields("RECEIVED")).toContain("receivedKg");
    expect(lockedFields("CLOSED")).toContain("*");
  });
});

describe("manifest lifecycle through GraphQL", () => {
  it("runs DRAFT → SUBMITTED → PICKED_UP → RECEIVED → ACCEPTED → DISPOSED → CLOSED, one signature per party", async () => {
    const m = await createManifest();
    expect(m.state).toBe("DRAFT");
    expect(m.declaredKg).toBe("1500.500");
    expect(m.availableActions).toEqual(expect.arrayContaining([{ action: "submit", asParty: "PRODUCER" }]));

    const s = await act.submit(m.id);
    expect(errs(s)).toEqual([]);
    expect(man(s).state).toBe("SUBMITTED");
    expect(man(s).lockedFields).toContain("lines");

    const p = await act.pickUp(m.id);
    expect(errs(p)).toEqual([]);
    expect(man(p).state).toBe("PICKED_UP");
    expect(man(p).waybill.number).toBe(`YD${m.number}`);

    const r = await act.receive(m.id, ["1190.000", "300.000"]);
    expect(errs(r)).toEqual([]);
    expect(man(r)).toMatchObject({ state: "RECEIVED", receivedKg: "1490.000", discrepancyPct: "-0.700", discrepancyFlagged: false });

    expect(man(await act.decide(m.id, "ACCEPT")).state).toBe("ACCEPTED");
    expect(errs(await act.dispose(m.id, "X99"))).toEqual(["UNKNOWN_METHOD"]);
    expect(man(await act.dispose(m.id, "R9")).state).toBe("DISPOSED");
    const c = await act.close(m.id);
    expect(man(c).state).toBe("CLOSED");
    expect(man(c).availableActions).toEqual([]);

    const full = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on TransferManifest { events { action fromState toState party } } } }`, { id: m.id }, { token: tok.staff }));
    expect(full.node.events.map((e: { action: string }) => e.action)).toEqual(["create", "submit", "pickUp", "receive", "accept", "dispose", "close"]);
    expect(full.node.events.map((e: { party: string }) => e.party)).toEqual(["PRODUCER", "PRODUCER", "CARRIER", "RECEIVER", "RECEIVER", "RECEIVER", "RECEIVER"]);

    const id = Number(Buffer.from(m.id, "base64url").toString().split(":")[1]);
    const ev = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.events where type = 'manifest.state_changed' and entity_id = ${String(id)}`);
    expect(ev[0]!.n).toBe(7);
    const wb = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from hazardous.waybills where manifest_id = ${id}`);
    expect(wb[0]!.n).toBe(1);
  });

  it("refuses illegal transitions and wrong parties with clear errors", async () => {
    const m = await createManifest();
    const early = await act.pickUp(m.id);
    expect(errs(early)).toEqual(["ILLEGAL_TRANSITION"]);
    expect((early.data.pickUpTransferManifest as { userErrors: { message: string }[] }).userErrors[0]!.message).toMatch(/DRAFT cannot be pickUp/);
    expect(errs(await act.submit(m.id, tok.carrier))).toEqual(["WRONG_PARTY"]);
    expect(errs(await act.receive(m.id, ["1", "1"]))).toEqual(["ILLEGAL_TRANSITION"]);
    expect(errs(await act.submit(m.id))).toEqual([]);
    expect(errs(await act.submit(m.id))).toEqual(["ILLEGAL_TRANSITION"]);
    expect(errs(await act.pickUp(m.id, {}, tok.producer))).toEqual(["WRONG_PARTY"]);
    // A carrier that is not the manifest's cannot see it at all.
    const other = await act.pickUp(m.id, { vehicle: world.vehicleOther }, tok.carrier2);
    expect(other.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // Staff of another stream are refused outright.
    const housing = await act.submit(m.id, tok.housing);
    expect(housing.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("locks the draft's fields once the producer signed", async () => {
    const m = await createManifest();
    const edit = (token: string) =>
      h.gql(`mutation($i: UpdateManifestDraftInput!) { updateManifestDraft(input: $i) { manifest { declaredKg } userErrors { code message } } }`, { i: { id: m.id, lines: [{ wasteCode: "900-249-08", physicalForm: "LIQUID", packaging: "铁桶", packageCount: 1, quantityKg: "10" }] } }, { token });
    const before = await edit(tok.producer!);
    expect(errs(before)).toEqual([]);
    expect((before.data.updateManifestDraft as { manifest: { declaredKg: string } }).manifest.declaredKg).toBe("10.000");
    await act.submit(m.id);
    expect(errs(await edit(tok.producer!))).toEqual(["LOCKED"]);
  });

  it("binds only a vehicle, driver and escort with valid licences, of the manifest's carrier, in the right roles", async () => {
    const m = await createManifest();
    await act.submit(m.id);
    const expiredVehicle = await act.pickUp(m.id, { vehicle: world.vehicleExpired });
    expect(errs(expiredVehicle)).toEqual(["LICENCE_EXPIRED"]);
    expect((expiredVehicle.data.pickUpTransferManifest as { userErrors: { field: string }[] }).userErrors[0]!.field).toBe("input.vehicleId");
    expect(errs(await act.pickUp(m.id, { driver: world.driverExpired }))).toEqual(["LICENCE_EXPIRED"]);
    expect(errs(await act.pickUp(m.id, { escort: world.driverExpired }))).toEqual(["WRONG_ROLE"]);
    expect(errs(await act.pickUp(m.id, { escort: world.driver }))).toEqual(["SAME_PERSON"]);
    expect(errs(await act.pickUp(m.id, { vehicle: world.vehicleOther }))).toEqual(["NOT_FOUND"]);
    expect(errs(await act.pickUp(m.id, { escort: world.escortExpiring }))).toEqual([]);
    const [{ state }] = await rows<{ state: string }>(h.database.db, sql`select state from hazardous.manifests where number = ${m.number}`);
    expect(state).toBe("PICKED_UP");
  });

  it("flags a weight difference beyond the tolerance and raises one alert", async () => {
    const m = await createManifest(tok.producer, ["1000", "1000"]);
    await act.submit(m.id);
    await act.pickUp(m.id);
    const r = await act.receive(m.id, ["880", "1000"]);
    expect(man(r)).toMatchObject({ discrepancyPct: "-6.000", discrepancyFlagged: true, receivedKg: "1880.000" });
    const alerts = await rows<{ rule: string; severity: string; subject_label: string }>(h.database.db, sql`select rule, severity, subject_label from core.alerts where rule = 'hazardous.weight_discrepancy' and subject_label = ${m.number}`);
    expect(alerts).toHaveLength(1);
    // Within tolerance: no flag.
    const m2 = await createManifest(tok.producer, ["1000", "1000"]);
    await act.submit(m2.id);
    await act.pickUp(m2.id);
    expect(man(await act.receive(m2.id, ["950", "1000"]))).toMatchObject({ discrepancyPct: "-2.500", discrepancyFlagged: false });
    const none = await rows(h.database.db, sql`select 1 from core.alerts where subject_label = ${m2.number}`);
    expect(none).toHaveLength(0);
  });

  it("handles partial and full rejection, then closes a rejected manifest", async () => {
    const m = await createManifest();
    await act.submit(m.id);
    await act.pickUp(m.id);
    await act.receive(m.id, ["1200.500", "300"]);
    expect(errs(await act.decide(m.id, "PARTLY_REJECT", { lines: [{ lineNo: 2, rejectedKg: "300" }] }))).toEqual(["REQUIRED"]);
    expect(errs(await act.decide(m.id, "PARTLY_REJECT", { lines: [{ lineNo: 2, rejectedKg: "301" }], reason: "包装破损" }))).toEqual(["INVALID_QUANTITY"]);
    const p = await act.decide(m.id, "PARTLY_REJECT", { lines: [{ lineNo: 2, rejectedKg: "120.5" }], reason: "包装破损" });
    expect(man(p)).toMatchObject({ state: "PARTLY_REJECTED", rejectedKg: "120.500" });
    expect(man(await act.dispose(m.id, "D10")).state).toBe("DISPOSED");

    const m2 = await createManifest();
    await act.submit(m2.id);
    await act.pickUp(m2.id);
    await act.receive(m2.id, ["1200.500", "300"]);
    const rj = await act.decide(m2.id, "REJECT", { reason: "与申报不符" });
    expect(man(rj)).toMatchObject({ state: "REJECTED", rejectedKg: "1500.500" });
    expect(errs(await act.dispose(m2.id, "D10"))).toEqual(["ILLEGAL_TRANSITION"]);
    expect(man(await act.close(m2.id, tok.staff)).state).toBe("CLOSED");
  });

  it("cancels before pickup only", async () => {
    const m = await createManifest();
    const cancel = (token: string) => h.gql(`mutation($id: ID!) { cancelTransferManifest(id: $id, reason: "计划取消") { manifest { state } userErrors { code } } }`, { id: m.id }, { token });
    await act.submit(m.id);
    expect(errs(await cancel(tok.carrier!))).toEqual(["WRONG_PARTY"]);
    expect((await cancel(tok.producer!)).data.cancelTransferManifest.manifest.state).toBe("CANCELLED");
    expect(errs(await act.pickUp(m.id))).toEqual(["ILLEGAL_TRANSITION"]);
  });
});

describe("corrections after signing", () => {
  it("applies a producer's quantity correction only when carrier and receiver both approve", async () => {
    const m = await createManifest(tok.producer, ["1000", "500"]);
    await act.submit(m.id);
    await act.pickUp(m.id);
    await act.receive(m.id, ["1000", "560"]);
    const req = (token: string, changes: Record<string, unknown>) =>
      h.gql(`mutation($i: RequestCorrectionInput!) { requestManifestCorrection(input: $i) { correction { id status requiredParties approvedParties } userErrors { code field } } }`, { i: { id: m.id, changes, reason: "称重记录笔误" } }, { token });
    // A party may only correct what it signed.
    expect(errs(await req(tok.carrier!, { lines: [{ lineNo: 2, quantityKg: "560" }] }))).toEqual(["NOT_YOUR_FIELD"]);
    const r = await req(tok.producer!, { lines: [{ lineNo: 2, quantityKg: "560" }] });
    const c = (r.data.requestManifestCorrection as { correction: { id: string; requiredParties: string[]; status: string } }).correction;
    expect(c).toMatchObject({ status: "PENDING", requiredParties: ["CARRIER", "RECEIVER"] });
    expect(errs(await req(tok.producer!, { lines: [{ lineNo: 1, quantityKg: "1" }] }))).toEqual(["CORRECTION_PENDING"]);
    const decide = (token: string, approve: boolean, note?: string) =>
      h.gql(`mutation($id: ID!, $a: Boolean!, $n: String) { decideManifestCorrection(id: $id, approve: $a, note: $n) { correction { status approvedParties } userErrors { code } } }`, { id: c.id, a: approve, n: note }, { token });
    expect(errs(await decide(tok.producer!, true))).toEqual(["WRONG_PARTY"]);
    const one = await decide(tok.carrier!, true);
    expect(one.data.decideManifestCorrection.correction).toEqual({ status: "PENDING", approvedParties: ["CARRIER"] });
    const [before] = await rows<{ declared_kg: string }>(h.database.db, sql`select declared_kg from hazardous.manifests where number = ${m.number}`);
    expect(before!.declared_kg).toBe("1500.000");
    const two = await decide(tok.receiver!, true);
    expect(two.data.decideManifestCorrection.correction.status).toBe("APPLIED");
    const after = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on TransferManifest { declaredKg discrepancyPct lines { lineNo quantityKg } events { action } } } }`, { id: m.id }, { token: tok.staff }));
    expect(after.node.declaredKg).toBe("1560.000");
    expect(after.node.discrepancyPct).toBe("0.000");
    expect(after.node.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["correction_requested", "correction_approved", "correction_applied"]));
  });

  it("drops a correction any party rejects", async () => {
    const m = await createManifest();
    await act.submit(m.id);
    const r = await h.gql(`mutation($i: RequestCorrectionInput!) { requestManifestCorrection(input: $i) { correction { id } userErrors { code } } }`, { i: { id: m.id, changes: { lines: [{ lineNo: 1, packageCount: 7 }] }, reason: "少报一桶" } }, { token: tok.producer });
    const id = r.data.requestManifestCorrection.correction.id;
    const rej = await h.gql(`mutation($id: ID!) { decideManifestCorrection(id: $id, approve: false) { correction { status } userErrors { code } } }`, { id }, { token: tok.receiver });
    expect(errs(rej)).toEqual(["REQUIRED"]);
    const rej2 = await h.gql(`mutation($id: ID!) { decideManifestCorrection(id: $id, approve: false, note: "现场核实为6桶") { correction { status } userErrors { code } } }`, { id }, { token: tok.receiver });
    expect(rej2.data.decideManifestCorrection.correction.status).toBe("REJECTED");
    const [l] = await rows<{ package_count: number }>(h.database.db, sql`select l.package_count from hazardous.manifest_lines l join hazardous.manifests m on m.id = l.manifest_id where m.number = ${m.number} and l.line_no = 1`);
    expect(l!.package_count).toBe(6);
  });
});

describe("concurrent signatures", () => {
  it("lets exactly one of several parallel pickups win; the others get a clear error and no second waybill", async () => {
    const m = await createManifest();
    await act.submit(m.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => act.pickUp(m.id)));
    const wins = results.filter((r) => errs(r).length === 0);
    const losses = results.filter((r) => errs(r).length > 0);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(7);
    for (const l of losses) expect(["STATE_CHANGED", "ILLEGAL_TRANSITION", "WAYBILL_EXISTS"]).toContain(errs(l)[0]);
    if (TEST_DB === "postgres") expect(losses.some((l) => errs(l)[0] === "STATE_CHANGED")).toBe(true);
    const [wb] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from hazardous.waybills w join hazardous.manifests m on m.id = w.manifest_id where m.number = ${m.number}`);
    expect(wb!.n).toBe(1);
    const [ev] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from hazardous.manifest_events e join hazardous.manifests m on m.id = e.manifest_id where m.number = ${m.number} and e.action = 'pickUp'`);
    expect(ev!.n).toBe(1);
  });
});

describe("QR hand-over", () => {
  it("shows the flow to the parties and staff, a restricted view to others, and logs every scan", async () => {
    const m = await createManifest();
    await act.submit(m.id);
    await act.pickUp(m.id);
    await act.receive(m.id, ["1200.500", "300"]);
    const [{ qr_token: token }] = await rows<{ qr_token: string }>(h.database.db, sql`select qr_token from hazardous.manifests where number = ${m.number}`);
    const Q = `query($t: String!, $p: String) { manifestByQr(token: $t, pkg: $p) { restricted number state producerName declaredKg receivedKg lines { lineNo } flow { action fromParty toParty quantityKg } packageRef } }`;
    const anon = ok(await h.gql(Q, { t: token })).manifestByQr;
    expect(anon).toMatchObject({ restricted: true, number: m.number, state: "RECEIVED", declaredKg: null, receivedKg: null, lines: null, flow: null });
    expect(anon.producerName).toContain("*");
    const producer = ok(await h.gql(Q, { t: token, p: "1-3" }, { token: tok.producer })).manifestByQr;
    expect(producer.restricted).toBe(false);
    expect(producer.packageRef).toBe("1-3");
    expect(producer.flow.map((f: { action: string }) => f.action)).toEqual(["submit", "pickUp", "receive"]);
    expect(producer.flow[2]).toMatchObject({ quantityKg: "1500.500" });
    expect(ok(await h.gql(Q, { t: token }, { token: tok.staff })).manifestByQr.restricted).toBe(false);
    expect(ok(await h.gql(Q, { t: token }, { token: tok.carrier2 })).manifestByQr.restricted).toBe(true);
    expect(ok(await h.gql(Q, { t: token }, { token: tok.housing })).manifestByQr.restricted).toBe(true);
    expect(ok(await h.gql(Q, { t: "no-such-token-123" })).manifestByQr).toBeNull();
    const scans = await rows<{ viewer: string; view: string; package_ref: string | null }>(h.database.db, sql`select s.viewer, s.view, s.package_ref from hazardous.qr_scans s join hazardous.manifests m on m.id = s.manifest_id where m.number = ${m.number} order by s.id`);
    expect(scans.map((s) => s.view)).toEqual(["RESTRICTED", "FULL", "FULL", "RESTRICTED", "RESTRICTED"]);
    expect(scans[1]).toMatchObject({ viewer: `user:${acc.producer}`, package_ref: "1-3" });
    // The phone page.
    const page = await h.platform.server.inject({ method: "GET", url: `/v/m/${token}?pkg=2-1` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(m.number);
    expect(page.body).not.toContain("1500.500");
    const svg = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on TransferManifest { qrUrl qrSvg packageLabels { code url } } } }`, { id: m.id }, { token: tok.producer })).node;
    expect(svg.qrSvg).toMatch(/^<svg/);
    expect(svg.qrUrl).toContain(`/v/m/${token}`);
    expect(svg.packageLabels).toHaveLength(8);
    expect(svg.packageLabels[7].code).toBe(`${m.number}-2-2`);
  });
});

describe("scoping and read models", () => {
  it("shows each party only its own manifests", async () => {
    const list = async (token: string) => ok(await h.gql(`{ transferManifests(first: 100) { totalCount edges { node { producer { id } carrier { id } } } } }`, {}, { token })).transferManifests;
    const mine = await list(tok.producer!);
    expect(mine.totalCount).toBeGreaterThan(0);
    expect(mine.edges.every((e: { node: { producer: { id: string } } }) => e.node.producer.id === G("HazardousUnit", world.producer))).toBe(true);
    expect((await list(tok.producer2!)).totalCount).toBe(0);
    expect((await list(tok.carrier2!)).totalCount).toBe(0);
    expect((await list(tok.keqiao!)).totalCount).toBe(mine.totalCount);
  });

  it("keeps the rollups equal to a rebuild from the raw tables", async () => {
    const incremental = await rollupSnapshot(h.database.db);
    await h.database.db.transaction(async (tx) => {
      await rebuildRollups(tx);
      const rebuilt = await rollupSnapshot(tx);
      expect(rebuilt).toEqual(incremental);
      tx.rollback();
    }).catch((e) => {
      if (!String(e?.message ?? e).includes("Rollback")) throw e;
    });
    expect(incremental.state.some((s) => s.includes("|manifest|CLOSED|"))).toBe(true);
  });
});
