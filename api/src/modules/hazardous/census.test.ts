import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { toGlobalId } from "../../graphql/ids.js";
import { withWriter } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import { rows } from "../core/db.js";
import { seededRandom } from "../core/seed.js";
import { checkOverdueHazards, HAZARD_TRANSITIONS } from "./census.js";
import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode, makeCreditCode } from "./credit-code.js";
import { buildWorld, KEQIAO, worldAccounts, type World } from "./test-fixtures.js";

describe("unified social credit code (GB 32100-2015)", () => {
  it("computes the check character with the standard weights (31 − Σ mod 31, 31 → 0)", () => {
    // Worked by hand: 91330603 + MA2BC3DE + 1 → Σ(value × weight) mod 31 gives the check char below.
    const first17 = "91330603MA2BC3DE1";
    const table = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const sum = [...first17].reduce((a, ch, i) => a + table.indexOf(ch) * w[i]!, 0);
    const c = 31 - (sum % 31);
    expect(creditCodeCheckChar(first17)).toBe(table[c === 31 ? 0 : c]);
    expect(isValidCreditCode(first17 + creditCodeCheckChar(first17))).toBe(true);
  });

  it("accepts generated codes and refuses wrong check characters, bad characters, bad lengths and bad region digits", () => {
    const rnd = seededRandom(7);
    for (let i = 0; i < 200; i++) expect(creditCodeProblem(makeCreditCode(rnd, 330602))).toBeNull();
    const good = makeCreditCode(rnd, 330603);
    const wrongCheck = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    expect(creditCodeProblem(wrongCheck)).toMatch(/check character/);
    expect(creditCodeProblem(good.slice(0, 10) + "I" + good.slice(11))).toMatch(/not allowed/);
    expect(creditCodeProblem(good.slice(0, 10) + "O" + good.slice(11))).toMatch(/not allowed/);
    expect(creditCodeProblem(good.toLowerCase())).not.toBeNull();
    expect(creditCodeProblem(good.slice(0, 17))).toMatch(/18 characters/);
    expect(creditCodeProblem("91A30603" + good.slice(8))).toMatch(/positions 3–8/);
  });
});

let h: Harness;
let world: World;
let acc: Awaited<ReturnType<typeof worldAccounts>>;
const tok: Record<string, string> = {};
beforeAll(async () => {
  h = await createHarness();
  const ctx = await h.seedContext();
  world = await buildWorld(ctx);
  acc = await worldAccounts(ctx, world);
  tok.producer = await h.login(acc.producer);
  tok.producer2 = await h.login(acc.producer2);
  tok.staff = await h.login("ecology");
  tok.keqiao = await h.login("ecology.keqiao");
});
afterAll(async () => h?.close());

const G = (t: string, id: number) => toGlobalId(t, id);
const districtId = (adcode: number) => G("District", adcode);

describe("unit register", () => {
  it("registers a unit with a valid code and refuses an invalid one naming the field", async () => {
    const code = makeCreditCode(seededRandom(99), KEQIAO);
    const reg = (creditCode: string, token = tok.keqiao!) =>
      h.gql(`mutation($i: RegisterUnitInput!) { registerHazardousUnit(input: $i) { unit { id name creditCode kind smallMicro district { code } } userErrors { field code message } } }`, { i: { name: "柯桥新登记印染厂", creditCode, kind: "ENTERPRISE", smallMicro: true, districtId: districtId(KEQIAO) } }, { token });
    const good = ok(await reg(code));
    expect(good.registerHazardousUnit.userErrors).toEqual([]);
    expect(good.registerHazardousUnit.unit).toMatchObject({ creditCode: code, smallMicro: true, district: { code: "keqiao" } });
    const bad = ok(await reg(code.slice(0, 17) + (code[17] === "1" ? "2" : "1")));
    expect(bad.registerHazardousUnit.userErrors[0]).toMatchObject({ field: "input.creditCode", code: "INVALID_CREDIT_CODE" });
    const dup = ok(await reg(code));
    expect(dup.registerHazardousUnit.userErrors[0]).toMatchObject({ code: "DUPLICATE_CREDIT_CODE" });
    const short = await reg("123");
    expect(short.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // Keqiao staff cannot register in another district.
    const other = await h.gql(`mutation($i: RegisterUnitInput!) { registerHazardousUnit(input: $i) { unit { id } } }`, { i: { name: "越城厂", creditCode: makeCreditCode(seededRandom(5), 330602), kind: "ENTERPRISE", smallMicro: false, districtId: districtId(330602) } }, { token: tok.keqiao });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("lets a unit's operator see only its own unit", async () => {
    const r = ok(await h.gql(`{ hazardousUnits(first: 50) { totalCount edges { node { id } } } }`, {}, { token: tok.producer }));
    expect(r.hazardousUnits.totalCount).toBe(1);
    expect(r.hazardousUnits.edges[0].node.id).toBe(G("HazardousUnit", world.producer));
  });
});

describe("hazard workflow", () => {
  async function report(deadline: string, unit = world.producer) {
    const r = ok(
      await h.gql(
        `mutation($i: ReportHazardInput!) { reportHazard(input: $i) { hazard { id status overdue } userErrors { field code } } }`,
        { i: { unitId: G("HazardousUnit", unit), category: "STORAGE", severity: "HIGH", description: "危废贮存间未防渗", responsibleUnit: "柯桥街道", deadline, foundOn: "2026-01-05" } },
        { token: tok.keqiao },
      ),
    );
    expect(r.reportHazard.userErrors).toEqual([]);
    return r.reportHazard.hazard;
  }
  const move = (id: string, action: string, token: string, note?: string) =>
    h.gql(`mutation($id: ID!, $a: HazardAction!, $n: String) { transitionHazard(id: $id, action: $a, note: $n) { hazard { status evidence } userErrors { code field } } }`, { id, a: action, n: note }, { token });
  const codes = (r: { data?: Record<string, any> | null }) => (r.data!.transitionHazard.userErrors as { code: string }[]).map((e) => e.code);

  it("goes FOUND → RECTIFYING → SUBMITTED (evidence) → back to RECTIFYING → SUBMITTED → VERIFIED", async () => {
    const hz = await report("2099-12-31");
    expect(hz.status).toBe("FOUND");
    expect(codes(await move(hz.id, "submitEvidence", tok.producer!, "x"))).toEqual(["ILLEGAL_TRANSITION"]);
    expect((await move(hz.id, "startRectification", tok.producer!)).data.transitionHazard.hazard.status).toBe("RECTIFYING");
    expect(codes(await move(hz.id, "submitEvidence", tok.producer!))).toEqual(["REQUIRED"]);
    expect((await move(hz.id, "submitEvidence", tok.producer!, "已铺设防渗层并设置围堰")).data.transitionHazard.hazard).toEqual({ status: "SUBMITTED", evidence: "已铺设防渗层并设置围堰" });
    // The unit cannot verify its own rectification.
    expect(codes(await move(hz.id, "verify", tok.producer!))).toEqual(["WRONG_PARTY"]);
    expect((await move(hz.id, "returnForRework", tok.keqiao!, "缺少照片")).data.transitionHazard.hazard.status).toBe("RECTIFYING");
    await move(hz.id, "submitEvidence", tok.producer!, "补充照片");
    expect((await move(hz.id, "verify", tok.keqiao!)).data.transitionHazard.hazard.status).toBe("VERIFIED");
    expect(codes(await move(hz.id, "verify", tok.keqiao!))).toEqual(["ILLEGAL_TRANSITION"]);
    const hist = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on Hazard { history { action toStatus } } } }`, { id: hz.id }, { token: tok.staff }));
    expect(hist.node.history.map((e: { action: string }) => e.action)).toEqual(["found", "startRectification", "submitEvidence", "returnForRework", "submitEvidence", "verify"]);
    // Another unit cannot see or touch it.
    const foreign = await move(hz.id, "startRectification", tok.producer2!);
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(Object.keys(HAZARD_TRANSITIONS)).toHaveLength(4);
  });

  it("raises one overdue alert per hazard past its deadline, and none for verified or future ones", async () => {
    const late = await report("2026-01-10");
    await report("2099-01-01");
    const app = h.platform.app;
    const n1 = await withWriter(app, systemPrincipal("test"), { operation: "test" }, (w) => checkOverdueHazards(w, "2026-02-01"));
    expect(n1).toBeGreaterThanOrEqual(1);
    const alerts = await rows<{ subject_id: number; rule: string }>(h.database.db, sql`select subject_id, rule from core.alerts where rule = 'hazardous.hazard_overdue'`);
    const lateId = Number(Buffer.from(late.id, "base64url").toString().split(":")[1]);
    expect(alerts.filter((a) => a.subject_id === lateId)).toHaveLength(1);
    const n2 = await withWriter(app, systemPrincipal("test"), { operation: "test" }, (w) => checkOverdueHazards(w, "2026-02-01"));
    expect(n2).toBe(0);
    const again = await rows(h.database.db, sql`select 1 from core.alerts where rule = 'hazardous.hazard_overdue' and subject_id = ${lateId}`);
    expect(again).toHaveLength(1);
    const ev = await rows(h.database.db, sql`select 1 from core.events where type = 'hazard.overdue' and entity_id = ${String(lateId)}`);
    expect(ev).toHaveLength(1);
    const board = ok(await h.gql(`{ hazards(first: 10, filter: { overdue: true, byDeadline: true }) { edges { node { id overdue daysLeft } } } }`, {}, { token: tok.staff }));
    expect(board.hazards.edges.every((e: { node: { overdue: boolean; daysLeft: number } }) => e.node.overdue && e.node.daysLeft < 0)).toBe(true);
  });
});

describe("inspections, cases and statistics", () => {
  it("records a plastic-ban inspection with findings and opens a case in core's model", async () => {
    const r = ok(
      await h.gql(
        `mutation($i: RecordInspectionInput!) { recordHazardousInspection(input: $i) { inspection { id findingCount case { number stream fineYuan source campaign } } userErrors { code field } } }`,
        { i: { kind: "HOTEL_SUPPLIES", subjectName: "某星级酒店", districtId: districtId(KEQIAO), inspectedOn: "2026-03-02", inspector: "文旅执法", findings: [{ item: "一次性用品", description: "主动提供一次性牙刷", serious: true }], openCase: { violationType: "主动提供一次性消费用品", fineYuan: "5000" } } },
        { token: tok.keqiao },
      ),
    );
    expect(r.recordHazardousInspection.userErrors).toEqual([]);
    expect(r.recordHazardousInspection.inspection).toMatchObject({ findingCount: 1, case: { stream: "hazardous", fineYuan: "5000.00", source: "INSPECTION", campaign: "一次性消费用品专项整治" } });
    expect(r.recordHazardousInspection.inspection.case.number).toMatch(/^WF\d{4}-/);
  });

  it("reports census figures by district from the read models", async () => {
    const s = ok(await h.gql(`{ hazardousStatistics(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { total { enterprises smallMicro socialSources hazardsFound hazardsRectified hazardsOpen } hazardsByStatus { status count } } }`, {}, { token: tok.staff }));
    const [u] = await rows<{ ent: number; small: number; social: number }>(h.database.db, sql`select count(*) filter (where kind = 'ENTERPRISE')::int as ent, count(*) filter (where small_micro)::int as small, count(*) filter (where kind <> 'ENTERPRISE')::int as social from hazardous.units`);
    const [hz] = await rows<{ found: number; verified: number; open: number }>(h.database.db, sql`select count(*)::int as found, count(*) filter (where status = 'VERIFIED')::int as verified, count(*) filter (where status <> 'VERIFIED')::int as open from hazardous.hazards`);
    expect(s.hazardousStatistics.total).toMatchObject({ enterprises: u!.ent, smallMicro: u!.small, socialSources: u!.social, hazardsFound: hz!.found, hazardsRectified: hz!.verified, hazardsOpen: hz!.open });
    const denied = await h.gql(`{ hazardousStatistics(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { total { enterprises } } }`, {}, { token: tok.producer });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
