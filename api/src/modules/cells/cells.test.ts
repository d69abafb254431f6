/**
 * Zero-waste cells through the API: a unit's own account applies and sees only its own applications,
 * the office scores and certifies (scores capped by the items' points, pass mark enforced),
 * certificates expire (scheduled job + alert) and are re-assessed, revocation, district scoping,
 * concurrency of "one open application per unit", and the rollups staying equal to their definition.
 */
import "reflect-metadata";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../graphql/ids.js";
import { withWriter } from "../../graphql/mutation.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { systemPrincipal } from "../core/auth.js";
import { rows } from "../core/db.js";
import { runCertificateExpiry, transitionApplication } from "./cell-service.js";
import { rebuildRollups, snapshotRollups } from "./rollups.js";
import { runQueuedExports } from "../core/exports.js";

let h: Harness;
const tokens: Record<string, string> = {};
const as = async (u: string) => (tokens[u] ??= await h.login(u));

beforeAll(async () => {
  h = await createHarness({ seed: "small" });
});
afterAll(async () => h?.close());

const APP_FIELDS = `id number status kind totalScore passMark certificateNo certifiedAt validUntil level allowedActions scoredItems
  unit { id name cellStatus } cellType { code } items { maxPoints score selfScore unitEvidence item { id code points } }`;

async function unitId(name: string): Promise<string> {
  const [u] = await rows<{ id: number }>(h.database.db, sql`select id from cells.units where name = ${name}`);
  return toGlobalId("CellUnit", u!.id);
}

async function typeIds(): Promise<Record<string, string>> {
  const r = ok(await h.gql(`{ cellTypes { id code } }`, {}, { token: await as("office") }));
  return Object.fromEntries(r.cellTypes.map((t: { id: string; code: string }) => [t.code, t.id]));
}

async function districtId(code: string): Promise<string> {
  const r = ok(await h.gql(`{ districts { id code } }`));
  return r.districts.find((d: { code: string }) => d.code === code).id;
}

async function newUnit(name: string, type: string, district: string, token?: string) {
  const types = await typeIds();
  const r = ok(
    await h.gql(
      `mutation($i: CreateCellUnitInput!) { createCellUnit(input: $i) { unit { id name cellStatus } userErrors { field code message } } }`,
      { i: { name, cellTypeId: types[type], districtId: await districtId(district), lon: "120.5", lat: "29.9" } },
      { token: token ?? (await as("office")) },
    ),
  );
  expect(r.createCellUnit.userErrors).toEqual([]);
  return r.createCellUnit.unit.id as string;
}

async function start(unit: string, token: string) {
  return ok(await h.gql(`mutation($u: ID!) { startCellApplication(unitId: $u) { application { ${APP_FIELDS} } userErrors { field code message } } }`, { u: unit }, { token })).startCellApplication;
}

async function move(id: string, action: string, token: string, comment?: string, level?: string) {
  return ok(
    await h.gql(
      `mutation($id: ID!, $a: CellApplicationAction!, $c: String, $l: CellCertificateLevel) { transitionCellApplication(id: $id, action: $a, comment: $c, level: $l) { application { ${APP_FIELDS} } userErrors { field code message } } }`,
      { id, a: action, c: comment, l: level },
      { token },
    ),
  ).transitionCellApplication;
}

async function fillEvidence(app: { id: string; items: { item: { id: string; points: number } }[] }, token: string) {
  const r = ok(
    await h.gql(
      `mutation($i: SaveSelfAssessmentInput!) { saveCellSelfAssessment(input: $i) { application { ${APP_FIELDS} } userErrors { field code message } } }`,
      { i: { applicationId: app.id, summary: "创建情况说明", items: app.items.map((it) => ({ itemId: it.item.id, evidence: "制度文本和台账.pdf", selfScore: String(it.item.points) })) } },
      { token },
    ),
  );
  expect(r.saveCellSelfAssessment.userErrors).toEqual([]);
  return r.saveCellSelfAssessment.application;
}

async function scoreAll(app: { id: string; items: { item: { id: string; points: number } }[] }, fraction: number, token: string) {
  return ok(
    await h.gql(
      `mutation($i: ScoreApplicationInput!) { scoreCellApplication(input: $i) { application { ${APP_FIELDS} } userErrors { field code message } } }`,
      { i: { applicationId: app.id, scores: app.items.map((it) => ({ itemId: it.item.id, score: String(Math.round(it.item.points * fraction * 2) / 2), evidence: "现场核查", comment: "基本符合" })) } },
      { token },
    ),
  ).scoreCellApplication;
}

/** A unit taken through application, submission and review, ready for a decision. */
async function underReview(name: string, type = "HOTEL", district = "keqiao") {
  const office = await as("office");
  const unit = await newUnit(name, type, district);
  const started = await start(unit, office);
  expect(started.userErrors).toEqual([]);
  const filled = await fillEvidence(started.application, office);
  expect((await move(filled.id, "submit", office)).userErrors).toEqual([]);
  const reviewing = await move(filled.id, "startReview", office);
  expect(reviewing.application.status).toBe("UNDER_REVIEW");
  return { unit, app: reviewing.application };
}

describe("a unit's own account (仙湖幼儿园)", () => {
  it("sees only its own unit and applications", async () => {
    const t = await as("xianhu");
    const r = ok(await h.gql(`{ cellApplications(first: 50) { totalCount edges { node { unit { name } status } } } cellUnits(first: 50) { totalCount edges { node { name } } } }`, {}, { token: t }));
    expect(r.cellApplications.totalCount).toBe(1);
    expect(r.cellApplications.edges[0].node).toEqual({ unit: { name: "嵊州市仙湖幼儿园" }, status: "DRAFT" });
    expect(r.cellUnits.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(["嵊州市仙湖幼儿园"]);
    // Another unit's application is out of reach, by id and through node().
    const [other] = await rows<{ id: number }>(h.database.db, sql`select a.id from cells.applications a join cells.units u on u.id = a.unit_id where u.name = '绍兴市人民医院' and a.status = 'CERTIFIED'`);
    const gid = toGlobalId("CellApplication", other!.id);
    const direct = await h.gql(`query($id: ID!) { cellApplication(id: $id) { number } }`, { id: gid }, { token: t });
    expect(direct.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const viaNode = ok(await h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid }, { token: t }));
    expect(viaNode.node).toBeNull();
    // And it cannot read the indicator system or other streams' data.
    const boards = await h.gql(`{ indicatorBoard(year: 2025) { year } }`, {}, { token: t });
    expect(boards.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("completes its self-assessment and submits, but evidence is required for every item and it cannot review itself", async () => {
    const t = await as("xianhu");
    const list = ok(await h.gql(`{ cellApplications(first: 1) { edges { node { ${APP_FIELDS} } } } }`, {}, { token: t }));
    const app = list.cellApplications.edges[0].node;
    expect(app.allowedActions).toEqual(["submit", "withdraw"]);
    const early = await move(app.id, "submit", t);
    expect(early.userErrors[0]).toMatchObject({ code: "EVIDENCE_MISSING" });
    expect(early.userErrors[0].message).toContain("REUSE");
    const tooHigh = ok(
      await h.gql(`mutation($i: SaveSelfAssessmentInput!) { saveCellSelfAssessment(input: $i) { application { id } userErrors { field code } } }`, { i: { applicationId: app.id, items: [{ itemId: app.items[0].item.id, selfScore: "10.5" }] } }, { token: t }),
    );
    expect(tooHigh.saveCellSelfAssessment.userErrors).toEqual([{ field: "input.items[0].selfScore", code: "SCORE_ABOVE_POINTS" }]);
    await fillEvidence(app, t);
    const submitted = await move(app.id, "submit", t);
    expect(submitted.userErrors).toEqual([]);
    expect(submitted.application.status).toBe("SUBMITTED");
    expect(submitted.application.unit.cellStatus).toBe("APPLYING");
    const self = await move(app.id, "startReview", t);
    expect(self.userErrors[0]).toMatchObject({ code: "NOT_ALLOWED" });
    const score = await h.gql(`mutation { scoreCellApplication(input: { applicationId: "${app.id}", scores: [{ itemId: "${app.items[0].item.id}", score: "10" }] }) { userErrors { code } } }`, {}, { token: t });
    expect(score.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("review and certification by the office", () => {
  it("refuses a score above the item's points, naming the field, and changes nothing", async () => {
    const office = await as("office");
    const { app } = await underReview("柯桥测试大酒店");
    const bad = ok(
      await h.gql(
        `mutation($i: ScoreApplicationInput!) { scoreCellApplication(input: $i) { application { id } userErrors { field code message } } }`,
        { i: { applicationId: app.id, scores: [{ itemId: app.items[1].item.id, score: "9" }, { itemId: app.items[0].item.id, score: "10.5" }] } },
        { token: office },
      ),
    );
    expect(bad.scoreCellApplication.userErrors).toEqual([{ field: "input.scores[1].score", code: "SCORE_ABOVE_POINTS", message: expect.stringContaining("10 points") }]);
    const after = ok(await h.gql(`query($id: ID!) { cellApplication(id: $id) { scoredItems totalScore } }`, { id: app.id }, { token: office }));
    expect(after.cellApplication).toEqual({ scoredItems: 0, totalScore: null });
    // The database refuses it too, whoever writes.
    await expect(h.database.db.execute(sql`update cells.assessment_items set score = max_points + 1 where application_id = (select id from cells.applications where number = ${app.number}) and seq = 1`)).rejects.toThrow();
  });

  it("will not certify an incomplete or failing assessment, certifies one at the pass mark with a certificate valid 3 years", async () => {
    const office = await as("office");
    const { app, unit } = await underReview("柯桥测试宾馆");
    const incomplete = await move(app.id, "certify", office);
    expect(incomplete.userErrors[0]).toMatchObject({ code: "SCORING_INCOMPLETE" });
    const failing = await scoreAll(app, 0.84, office);
    expect(failing.userErrors).toEqual([]);
    expect(Number(failing.application.totalScore)).toBeLessThan(85);
    const refused = await move(app.id, "certify", office);
    expect(refused.userErrors[0]).toMatchObject({ code: "BELOW_PASS_MARK" });
    const passing = await scoreAll(app, 0.9, office);
    expect(passing.application.totalScore).toBe("90.0");
    const before = ok(await h.gql(`{ cellCounts(year: 2026) { district { code } cellType { code } certified } }`, {}, { token: office }));
    const count = (r: typeof before) => r.cellCounts.find((c: { district: { code: string }; cellType: { code: string } | null }) => c.district.code === "keqiao" && c.cellType?.code === "HOTEL").certified;
    const done = await move(app.id, "certify", office);
    expect(done.userErrors).toEqual([]);
    const a = done.application;
    expect(a.status).toBe("CERTIFIED");
    expect(a.certificateNo).toMatch(/^ZWC-20\d\d-HOTEL-\d{4}$/);
    const years = (new Date(a.validUntil).getTime() - new Date(a.certifiedAt).getTime()) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(2.99);
    expect(years).toBeLessThan(3.01);
    expect(a.unit.cellStatus).toBe("CERTIFIED");
    const after = ok(await h.gql(`{ cellCounts(year: 2026) { district { code } cellType { code } certified } }`, {}, { token: office }));
    expect(count(after)).toBe(count(before) + 1);
    const events = await rows<{ type: string }>(h.database.db, sql`select type from core.events where type = 'cell.certified' and entity_id = ${String(Buffer.from(a.id, "base64url").toString().split(":")[1])}`);
    expect(events).toHaveLength(1);
    // A valid certificate blocks a new application until the reminder window.
    const again = await start(unit, office);
    expect(again.userErrors[0]).toMatchObject({ code: "CERTIFICATE_STILL_VALID" });
  });

  it("rejects with a reason, and uses the configured pass mark", async () => {
    const office = await as("office");
    const types = await typeIds();
    const set = ok(await h.gql(`mutation($t: ID!) { configureCellType(input: { cellTypeId: $t, passMark: "90" }) { cellType { passMark } userErrors { code } } }`, { t: types.SCENIC }, { token: office }));
    expect(set.configureCellType.cellType.passMark).toBe("90.0");
    const { app } = await underReview("柯桥测试风景区", "SCENIC");
    expect(app.passMark).toBe("90.0");
    await scoreAll(app, 0.88, office);
    expect((await move(app.id, "certify", office)).userErrors[0]).toMatchObject({ code: "BELOW_PASS_MARK" });
    expect((await move(app.id, "reject", office)).userErrors[0]).toMatchObject({ code: "COMMENT_REQUIRED" });
    const rejected = await move(app.id, "reject", office, "现场分类准确率未达 90%");
    expect(rejected.application.status).toBe("REJECTED");
    expect(rejected.application.unit.cellStatus).toBe("NONE");
    const reset = ok(await h.gql(`mutation($t: ID!) { configureCellType(input: { cellTypeId: $t, passMark: "85" }) { userErrors { code } } }`, { t: types.SCENIC }, { token: office }));
    expect(reset.configureCellType.userErrors).toEqual([]);
  });

  it("lets member-unit staff apply on a school's behalf but not certify", async () => {
    const edu = await as("education");
    const unit = await newUnit("柯桥区测试实验小学", "SCHOOL", "keqiao");
    const s = await start(unit, edu);
    expect(s.userErrors).toEqual([]);
    const filled = await fillEvidence(s.application, edu);
    expect((await move(filled.id, "submit", edu)).application.status).toBe("SUBMITTED");
    expect((await move(filled.id, "startReview", edu)).userErrors[0]).toMatchObject({ code: "NOT_ALLOWED" });
  });

  it("keeps district office staff to their own district", async () => {
    const sz = await as("office.shengzhou");
    const { app } = await underReview("柯桥测试商务酒店");
    const r = await h.gql(`mutation($id: ID!) { transitionCellApplication(id: $id, action: returnForChanges, comment: "补充材料") { userErrors { code } } }`, { id: app.id }, { token: sz });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const list = ok(await h.gql(`{ cellApplications(first: 100) { edges { node { district { code } } } } }`, {}, { token: sz }));
    expect(list.cellApplications.edges.length).toBeGreaterThan(0);
    expect(new Set(list.cellApplications.edges.map((e: { node: { district: { code: string } } }) => e.node.district.code))).toEqual(new Set(["shengzhou"]));
  });

  it("refuses callers without the right", async () => {
    const anon = await h.gql(`{ cellApplications(first: 1) { totalCount } }`);
    expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const eco = await h.gql(`{ cellApplications(first: 1) { totalCount } }`, {}, { token: await as("ecology") });
    expect(eco.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const leader = ok(await h.gql(`{ cellApplications(first: 1) { totalCount } }`, {}, { token: await as("leader") }));
    expect(leader.cellApplications.totalCount).toBeGreaterThan(0);
    const write = await h.gql(`mutation { createCellUnit(input: { name: "x单位", cellTypeId: "x", districtId: "y" }) { userErrors { code } } }`, {}, { token: await as("leader") });
    expect(write.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("certificate expiry, re-assessment and revocation", () => {
  const system = () => ({ app: h.platform.app, principal: systemPrincipal("test") });
  const certifyAt = async (appId: string, at: Date) => {
    const id = Number(Buffer.from(appId, "base64url").toString().split(":")[1]);
    const s = system();
    return withWriter(s.app, s.principal, { operation: "test" }, (w) => transitionApplication(w, id, "certify", { at }));
  };
  const write = <T>(fn: Parameters<typeof withWriter<T>>[3]) => withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, fn);

  it("expires certificates past their validity, raises a re-assessment alert, and a re-assessment supersedes it", async () => {
    const office = await as("office");
    const { app, unit } = await underReview("柯桥测试饭店");
    await scoreAll(app, 0.95, office);
    const threeYearsAgo = new Date(Date.now() - (3 * 365 + 2) * 86_400_000);
    await certifyAt(app.id, threeYearsAgo);
    const r = await runCertificateExpiry(write, h.database.db, new Date());
    expect(r.expired).toBeGreaterThanOrEqual(1);
    const after = ok(await h.gql(`query($id: ID!) { cellApplication(id: $id) { status unit { cellStatus certificateNo } } }`, { id: app.id }, { token: office }));
    expect(after.cellApplication).toEqual({ status: "EXPIRED", unit: { cellStatus: "EXPIRED", certificateNo: null } });
    const uid = Number(Buffer.from(unit, "base64url").toString().split(":")[1]);
    const [alert] = await rows<{ status: string; rule: string }>(h.database.db, sql`select status, rule from core.alerts where dedup_key = ${`cells.certificate_expired:${uid}`}`);
    expect(alert).toEqual({ status: "OPEN", rule: "cells.certificate_expired" });
    // Running the job again changes nothing.
    expect((await runCertificateExpiry(write, h.database.db, new Date())).expired).toBe(0);

    const re = await start(unit, office);
    expect(re.userErrors).toEqual([]);
    expect(re.application.kind).toBe("REASSESSMENT");
    const filled = await fillEvidence(re.application, office);
    await move(filled.id, "submit", office);
    const rev = await move(filled.id, "startReview", office);
    await scoreAll(rev.application, 0.92, office);
    const done = await move(filled.id, "certify", office);
    expect(done.application.status).toBe("CERTIFIED");
    const [closed] = await rows<{ status: string }>(h.database.db, sql`select status from core.alerts where dedup_key = ${`cells.certificate_expired:${uid}`}`);
    expect(closed!.status).toBe("CLOSED");
  });

  it("reminds 90 days ahead and then allows the re-assessment; the renewed certificate supersedes the old one", async () => {
    const office = await as("office");
    const { app, unit } = await underReview("柯桥测试假日酒店");
    await scoreAll(app, 0.95, office);
    await certifyAt(app.id, new Date(Date.now() - (3 * 365 - 30) * 86_400_000));
    const r = await runCertificateExpiry(write, h.database.db, new Date());
    expect(r.reminded).toBeGreaterThanOrEqual(1);
    const uid = Number(Buffer.from(unit, "base64url").toString().split(":")[1]);
    const [alert] = await rows<{ status: string }>(h.database.db, sql`select status from core.alerts where dedup_key = ${`cells.certificate_expiring:${uid}`}`);
    expect(alert!.status).toBe("OPEN");
    const re = await start(unit, office);
    expect(re.userErrors).toEqual([]);
    const filled = await fillEvidence(re.application, office);
    await move(filled.id, "submit", office);
    const rev = await move(filled.id, "startReview", office);
    await scoreAll(rev.application, 0.9, office);
    await move(filled.id, "certify", office);
    const old = ok(await h.gql(`query($id: ID!) { cellApplication(id: $id) { status } }`, { id: app.id }, { token: office }));
    expect(old.cellApplication.status).toBe("SUPERSEDED");
    const [reminder] = await rows<{ status: string }>(h.database.db, sql`select status from core.alerts where dedup_key = ${`cells.certificate_expiring:${uid}`}`);
    expect(reminder!.status).toBe("CLOSED");
  });

  it("revokes a certificate only with a reason; the unit and the counters follow", async () => {
    const office = await as("office");
    const { app } = await underReview("柯桥测试国际酒店");
    await scoreAll(app, 0.95, office);
    await move(app.id, "certify", office);
    const noReason = await move(app.id, "revoke", office);
    expect(noReason.userErrors[0]).toMatchObject({ code: "COMMENT_REQUIRED" });
    const revoked = await move(app.id, "revoke", office, "复查发现主动提供一次性用品");
    expect(revoked.application.status).toBe("REVOKED");
    expect(revoked.application.unit.cellStatus).toBe("REVOKED");
    expect((await move(app.id, "certify", office)).userErrors[0]).toMatchObject({ code: "ILLEGAL_TRANSITION" });
  });
});

describe("integrity", () => {
  it("allows one open application per unit even when requested in parallel", async () => {
    const office = await as("office");
    const unit = await newUnit("柯桥测试农贸市场", "MARKET", "keqiao");
    const results = await Promise.all(Array.from({ length: 6 }, () => start(unit, office)));
    const okCount = results.filter((r) => r.userErrors.length === 0).length;
    expect(okCount).toBe(1);
    for (const r of results.filter((x) => x.userErrors.length)) expect(["APPLICATION_OPEN", "DUPLICATE"]).toContain(r.userErrors[0].code);
    const [n] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.applications a join cells.units u on u.id = a.unit_id where u.name = '柯桥测试农贸市场'`);
    expect(n!.n).toBe(1);
  });

  it("keeps the rollups equal to their definition over the raw tables after all these writes", async () => {
    const incremental = await snapshotRollups(h.database.db);
    await h.database.db.transaction(async (tx) => {
      await rebuildRollups(tx);
      const rebuilt = await snapshotRollups(tx);
      expect(rebuilt).toEqual(incremental);
      tx.rollback();
    }).catch((e) => {
      if (!/rollback/i.test(String(e?.message ?? e))) throw e;
    });
    expect(incremental.some((l) => l.startsWith("S unit.status") && l.includes(":CERTIFIED"))).toBe(true);
  });

  it("serves the certified-cell map and the counts against targets", async () => {
    const office = await as("office");
    const r = ok(await h.gql(`{ cellMapPoints { id name cellType lon lat status } cellCounts(year: 2023) { district { code } cellType { code } certified target gap } }`, {}, { token: office }));
    expect(r.cellMapPoints.length).toBeGreaterThan(0);
    expect(r.cellMapPoints.every((p: { status: string; lon: number }) => p.status === "CERTIFIED" && p.lon > 119)).toBe(true);
    const city = r.cellCounts.find((c: { district: { code: string }; cellType: unknown }) => c.district.code === "city" && !c.cellType);
    const sum = r.cellCounts.filter((c: { district: { code: string }; cellType: unknown }) => c.district.code !== "city" && !c.cellType).reduce((a: number, c: { certified: number }) => a + c.certified, 0);
    expect(city.certified).toBe(sum);
    const [db] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.units where cell_status = 'CERTIFIED'`);
    expect(city.certified).toBe(db!.n);
    for (const c of r.cellCounts) if (c.target != null) expect(c.gap).toBe(c.target - c.certified);
  });

  it("exports the certified applications to CSV with the same rows as the list, and not to a unit's account", async () => {
    const office = await as("office");
    const started = ok(await h.gql(`mutation { startExport(name: "cells.applications", format: CSV, filter: { status: ["CERTIFIED"] }) { job { id } userErrors { code } } }`, {}, { token: office }));
    expect(started.startExport.userErrors).toEqual([]);
    await runQueuedExports(h.platform.app);
    const job = ok(await h.gql(`query($id: ID!) { exportJob(id: $id) { status rowCount download { url } } }`, { id: started.startExport.job.id }, { token: office })).exportJob;
    expect(job.status).toBe("DONE");
    const list = ok(await h.gql(`{ cellApplications(first: 1, filter: { status: [CERTIFIED] }) { totalCount } }`, {}, { token: office }));
    expect(job.rowCount).toBe(list.cellApplications.totalCount);
    const res = await h.platform.server.inject({ method: "GET", url: job.download.url });
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toContain("证书编号");
    expect(lines).toHaveLength(job.rowCount + 1);
    expect(lines.slice(1).every((l: string) => l.includes("已命名") && /ZWC-\d{4}-/.test(l))).toBe(true);
    const unitTry = ok(await h.gql(`mutation { startExport(name: "cells.applications", format: CSV, filter: {}) { userErrors { code } } }`, {}, { token: await as("xianhu") }));
    expect(unitTry.startExport.userErrors[0].code).toBe("FORBIDDEN");
    const bad = await h.gql(`mutation { startExport(name: "cells.applications", format: CSV, filter: { status: ["NOPE"] }) { userErrors { code field } } }`, {}, { token: office });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.extensions?.fields?.[0]?.field).toBe("filter.status");
  });
});
