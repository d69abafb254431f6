/**
 * The overview's figures against a small dataset built through the streams' own services, with every
 * expected number worked out by hand below: events today (this month), on the same day a year before
 * (the comparison), and 398 days ago (outside both the month and its year-before span). Then:
 * - the read models equal what the raw records say (each stream's rebuild, and raw SQL per figure);
 * - a write lands in the next answer: the cache is invalidated by the read models' NOTIFY;
 * - capacity: a district generating hazardous waste without licensed capacity is flagged.
 */
import "reflect-metadata";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../graphql/ids.js";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import type { App, Principal } from "../../graphql/context.js";
import { raiseAlert, resolveAlertByKey } from "../core/alerts.js";
import { systemPrincipal } from "../core/auth.js";
import { openCase } from "../core/cases.js";
import { rows } from "../core/db.js";
import { closeManifest as closeTrip, openManifest as openTrip } from "../construction/manifests.js";
import { activePermit, buildWorld as buildSpoilWorld, type World as SpoilWorld } from "../construction/testing.js";
import { reportHazard, registerUnit, transitionHazard } from "../hazardous/census.js";
import { recordRun, signContract } from "../hazardous/collection.js";
import { makeCreditCode } from "../hazardous/credit-code.js";
import { createManifest, manifestById, pickUpManifest, receiveManifest, submitManifest } from "../hazardous/manifest-machine.js";
import { rebuildRollups as rebuildHazardous, rollupSnapshot as hazardousSnapshot } from "../hazardous/rollups.js";
import { buildWorld as buildHazardWorld, type World as HazardWorld } from "../hazardous/test-fixtures.js";
import { makeNetwork, rollupMismatches, type Network } from "../recycling/fixtures.js";
import { ingestWeighings } from "../recycling/ingest.js";
import { redeemPoints } from "../recycling/points.js";
import { askQuestion } from "../cells/consultation-service.js";
import { recordActivity } from "../cells/publicity-service.js";
import { rebuildRollups as rebuildCells, snapshotRollups as cellsSnapshot } from "../cells/rollups.js";
import { createTask } from "../cells/task-service.js";
import { createUnit, saveSelfAssessment, scoreApplication, setChecklist, startApplication, transitionApplication } from "../cells/cell-service.js";
import { createIndicator, reportActual, setTargets } from "../cells/indicator-service.js";
import { assessmentItems, cellTypes, indicatorGroups } from "../cells/tables.js";
import { shanghaiQuarter } from "../cells/common.js";
import { addDays, resolvePeriod, sameDayYearBefore, shanghaiDay } from "./periods.js";
import { cacheOf } from "./service.js";

const YUECHENG = 330602;
const KEQIAO = 330603;
const SHANGYU = 330604;

let h: Harness;
let app: App;
let leader: string;
let spoil: SpoilWorld;
let hz: HazardWorld;
let net: Network;

// ——— when ———
const now = new Date();
/** The same instant one calendar year before (29 Feb → 28 Feb). */
function yearBefore(d: Date): Date {
  const y = d.getUTCFullYear() - 1;
  const m = d.getUTCMonth();
  const day = m === 1 && d.getUTCDate() === 29 ? 28 : d.getUTCDate();
  return new Date(Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
}
const lastYear = yearBefore(now);
/** Outside this month and outside the same days a year before (those start at most 396 days ago). */
const old = new Date(now.getTime() - 398 * 86_400_000);
const today = shanghaiDay(now);

const sys = systemPrincipal("overview-test");
const as = <T>(p: Principal, fn: (w: Writer) => Promise<T>) => withWriter(app, p, { operation: "overview-test" }, fn);
const write = <T>(fn: (w: Writer) => Promise<T>) => as(sys, fn);
const orgPrincipal = (kind: string, id: number): Principal => ({ ...sys, label: `test:${kind}:${id}`, org: { kind, id } });

const FIGURES = `query($p: OverviewPeriod, $d: String, $district: ID) { overviewFigures(period: $p, date: $d, districtId: $district) {
  period { startDay lastDay toDate previousStartDay previousLastDay }
  streams { stream available figures { key value previous delta changePct } } } }`;

type Fig = { value: string; previous: string | null; delta: string | null; changePct: string | null };
async function figures(vars: Record<string, unknown> = {}): Promise<Record<string, Fig>> {
  const r = ok(await h.gql(FIGURES, vars, { token: leader })).overviewFigures;
  for (const s of r.streams) expect(s.available, `${s.stream} available`).toBe(true);
  return Object.fromEntries(r.streams.flatMap((s: { figures: (Fig & { key: string })[] }) => s.figures.map((f) => [f.key, f])));
}
const D = (id: number) => toGlobalId("District", id);

beforeAll(async () => {
  h = await createHarness();
  app = h.platform.app;
  leader = await h.login("leader");

  // ——— construction: a site and a place in Yuecheng (capacity 100,000 m³), two trucks ———
  spoil = await buildSpoilWorld(app, { vehicles: 2, placeCapacity: "100000" });
  await activePermit(app, spoil, spoil.vehicleIds[0]!); // 1 permit issued today, in force now
  const trip = async (vehicleId: number, at: Date, sent: string | null, received: string) =>
    write(async (w) => {
      const { manifest } = await openTrip(w, { vehicleId, siteId: spoil.siteId, via: "GATE_SCAN", at, sentVolumeM3: sent });
      await closeTrip(w, { manifestId: manifest.id, disposalPlaceId: spoil.placeId, receivedVolumeM3: received, at });
    });
  await trip(spoil.vehicleIds[0]!, now, null, "17.50"); // sent = the truck's load, 18.00 m³
  await trip(spoil.vehicleIds[1]!, now, "12.50", "12.50");
  await trip(spoil.vehicleIds[0]!, lastYear, "20.00", "20.00");
  await trip(spoil.vehicleIds[1]!, old, "9.00", "9.00");
  const kase = (districtId: number, fineYuan: string, openedAt: Date) =>
    write((w) => openCase(w, { stream: "construction", source: "PATROL", subjectType: "Vehicle", subjectLabel: "浙D00001", districtId, violationType: "SPILLAGE", fineYuan, openedAt }));
  await kase(YUECHENG, "5000.00", now);
  await kase(KEQIAO, "2500.50", now);
  await kase(YUECHENG, "1000.00", lastYear);
  await kase(YUECHENG, "99.00", old);
  await write((w) => raiseAlert(w, { stream: "construction", rule: "OVERSPEED", severity: "MEDIUM", title: "超速", subjectType: "Vehicle", subjectLabel: "浙D00001", districtId: YUECHENG, dedupKey: "overview-test:1" }));

  // ——— hazardous: the hand-made world (units in Keqiao and Yuecheng, a licensed receiver in Shangyu) ———
  const ctx = await h.seedContext();
  hz = await buildHazardWorld(ctx); // registers producer (Keqiao, small/micro), producer2 (Yuecheng), lab and auto repair (Keqiao) today
  await write((w) => registerUnit(w, { name: "去年登记的测试企业", creditCode: makeCreditCode(ctx.random, YUECHENG), kind: "ENTERPRISE", smallMicro: false, districtId: YUECHENG }, lastYear));
  const hazard = (unitId: number, districtId: number, foundOn: string) =>
    write((w) => reportHazard(w, { unitId, districtId, category: "STORAGE", severity: "MEDIUM", description: "贮存场所未规范设置", responsibleUnit: "企业", deadline: addDays(foundOn, 30), foundOn }));
  const fixed = await hazard(hz.producer, KEQIAO, today);
  await hazard(hz.producer2, YUECHENG, today);
  await hazard(hz.producer, KEQIAO, sameDayYearBefore(today));
  await hazard(hz.producer, KEQIAO, shanghaiDay(old));
  await write(async (w) => {
    let x = await transitionHazard(w, fixed, "startRectification", "STAFF", null, now);
    x = await transitionHazard(w, x, "submitEvidence", "STAFF", "已整改，照片附后", now);
    await transitionHazard(w, x, "verify", "STAFF", null, now);
  });
  const contract = await write((w) => signContract(w, { operatorId: hz.operator, unitId: hz.lab, signedOn: addDays(today, -800), validTo: addDays(today, 365) }));
  const run = (at: Date, kg: string) => write((w) => recordRun(w, { contractId: contract.id, collectedAt: at, lines: [{ wasteCode: "900-041-49", quantityKg: kg }] }));
  await run(now, "43.140");
  await run(lastYear, "10.000");
  await run(old, "5.000");
  const draft = (at: Date, kg: string) =>
    write((w) => createManifest(w, { producerId: hz.producer, carrierId: hz.carrier, receiverId: hz.facility, plannedRoute: hz.route, lines: [{ wasteCode: "900-249-08", physicalForm: "LIQUID", packaging: "铁桶", packageCount: 6, quantityKg: kg }] } as never, { now: at }));
  const m = await draft(now, "1200.500");
  await draft(lastYear, "800.000");
  await as(orgPrincipal("hazardous.unit", hz.producer), async (w) => submitManifest(w, (await manifestById(w.tx, m.id, true))!, now));
  await as(orgPrincipal("hazardous.carrier", hz.carrier), async (w) => pickUpManifest(w, (await manifestById(w.tx, m.id, true))!, { vehicleId: hz.vehicle, driverId: hz.driver, escortId: hz.escort }, now));
  await as(orgPrincipal("hazardous.facility", hz.facility), async (w) => receiveManifest(w, (await manifestById(w.tx, m.id, true))!, [{ lineNo: 1, receivedKg: "1190.000" }], now));

  // ——— recycling: stations and cards in Yuecheng and Keqiao ———
  net = await makeNetwork(app, { cards: 3, days: 500 });
  const device = (id: number) => orgPrincipal("recycling.device", id);
  const [c0, c1] = net.cards;
  const weigh = (deviceId: number, at: Date, records: Record<string, unknown>[]) =>
    as(device(deviceId), (w) => ingestWeighings(w, records.map((r, i) => ({ seq: Math.floor(at.getTime() / 1000) * 10 + i, at: at.toISOString(), ...r })), at));
  await weigh(net.scale.id, now, [
    { material: "paper_cardboard", weightGrams: 5000, card: c0!.cardNo }, // 400 points
    { material: "plastic_pet", weightGrams: 2000, card: c1!.cardNo }, // 200 points
    { material: "metal_steel", weightGrams: 10_000 },
  ]);
  await weigh(net.keqiaoScale.id, now, [
    { material: "glass", weightGrams: 4000, card: net.keqiaoCard.cardNo }, // 80 points
    { material: "paper_cardboard", weightGrams: 6500 },
    { material: "metal_steel", weightGrams: 2100 },
  ]);
  await weigh(net.scale.id, lastYear, [{ material: "metal_steel", weightGrams: 7000 }]);
  await weigh(net.scale.id, old, [{ material: "metal_steel", weightGrams: 50_000 }]);
  await write((w) => redeemPoints(w, { cardId: c0!.id, merchant: { id: net.merchantId, districtId: YUECHENG, name: "测试超市" }, yuanValue: "2.00", goods: "纸巾" }));

  // ——— cells: questions, publicity, an overdue task ———
  const ask = (title: string, districtId: number, ip: string, at: Date) =>
    write((w) => askQuestion(w, { category: "垃圾分类", title, body: `${title}：请问具体怎么操作？`, districtId }, ip, at));
  await ask("大件垃圾怎么预约清运", YUECHENG, "10.0.0.1", now);
  await ask("快递包装如何回收利用", KEQIAO, "10.0.0.2", now);
  await ask("厨余垃圾怎么分类投放", YUECHENG, "10.0.0.3", lastYear);
  const activity = (startDate: string, participants: number) =>
    write((w) => recordActivity(w, { title: `无废宣传进社区 ${startDate}`, kind: "COMMUNITY", districtId: YUECHENG, organiser: "越城区无废办", startDate, endDate: startDate, participants, posters: 10 }));
  await activity(today, 120);
  await activity(sameDayYearBefore(today), 80);
  // Cells certified through the whole workflow (a type with a two-item checklist): one in Yuecheng today,
  // one in Keqiao a year ago today (its certificate, valid 3 years, still counts).
  const [type] = await h.database.db.insert(cellTypes).values({ code: "OVTEST", nameZh: "测试饭店", nameEn: "Test hotel", sort: 99 }).returning();
  await write((w) =>
    setChecklist(w, type!.id, [
      { code: "A1", titleZh: "建立无废制度", titleEn: "Zero-waste rules", points: 60, evidenceZh: "制度文本", evidenceEn: "Rules", method: "RECORDS" },
      { code: "A2", titleZh: "分类设施齐全", titleEn: "Sorting facilities", points: 40, evidenceZh: "现场照片", evidenceEn: "Photos", method: "SITE_CHECK" },
    ]),
  );
  const certify = async (name: string, districtId: number, at: Date) => {
    const unit = await write((w) => createUnit(w, { name, cellTypeId: type!.id, districtId }));
    const started = await write((w) => startApplication(w, unit.id));
    const items = await h.database.db.select().from(assessmentItems).where(eq(assessmentItems.applicationId, started.id));
    const filled = await write((w) => saveSelfAssessment(w, started, "创建情况说明", items.map((i) => ({ itemId: i.itemId, evidence: "台账.pdf", selfScore: String(i.maxPoints) }))));
    await write((w) => transitionApplication(w, filled.id, "submit", { at }));
    const reviewing = await write((w) => transitionApplication(w, filled.id, "startReview", { at }));
    const scored = await write((w) => scoreApplication(w, reviewing, items.map((i) => ({ itemId: i.itemId, score: String(i.maxPoints), evidence: "现场核查", comment: "符合" }))));
    await write((w) => transitionApplication(w, scored.id, "certify", { at }));
  };
  await certify("越城测试饭店", YUECHENG, now);
  await certify("柯桥测试饭店", KEQIAO, lastYear);
  // Indicator progress in Yuecheng this year: three indicators with a target of 100 (higher is better) —
  // one reported at 100 (ACHIEVED), one at 1 (OFF_TRACK), one not reported (NO_DATA, not counted): 1 of 2 on track.
  const [group] = await h.database.db.insert(indicatorGroups).values({ code: "OVTEST", nameZh: "测试指标组", nameEn: "Test group", weight: "0", sort: 99 }).returning();
  const q = shanghaiQuarter(now);
  for (const [code, actual] of [["OV_ACHIEVED", "100"], ["OV_BEHIND", "1"], ["OV_SILENT", null]] as const) {
    const ind = await write((w) => createIndicator(w, { code, groupId: group!.id, nameZh: `测试指标 ${code}`, nameEn: `Test indicator ${code}`, unit: "吨", direction: "HIGHER_BETTER", responsibleDepartmentId: 7, inIndex: false }));
    await write((w) => setTargets(w, ind.id, [{ districtId: YUECHENG, year: q.year, target: "100" }]));
    if (actual) await write((w) => reportActual(w, { indicatorId: ind.id, districtId: YUECHENG, year: q.year, quarter: q.quarter, value: actual, evidence: "统计报表" }));
  }
  await write((w) => createTask(w, { title: "编制年度工作要点", departmentId: 7, districtId: YUECHENG, owner: "张三", year: Number(today.slice(0, 4)), deadline: "2020-01-31" }));
}, 600_000);
afterAll(async () => h?.close());

describe("figures for the month to date, against the same days a year before", () => {
  it("construction: spoil moved, trips, permits, cases and fines, capacity left, open alerts", async () => {
    const f = await figures();
    // Today: 18.00 + 12.50 m³ in 2 trips; a year before: 20.00 m³ in 1 trip; the trip 398 days ago counts in neither.
    expect(f["construction.spoilMovedM3"]).toMatchObject({ value: "30.50", previous: "20.00", delta: "10.50", changePct: "52.5" });
    expect(f["construction.trips"]).toMatchObject({ value: "2", previous: "1", changePct: "100.0" });
    // One permit approved today, none a year before (no change when the base is 0).
    expect(f["construction.permitsIssued"]).toMatchObject({ value: "1", previous: "0", changePct: null });
    expect(f["construction.permitsActive"]).toMatchObject({ value: "1", previous: null });
    expect(f["construction.sitesRegistered"]!.value).toBe("1");
    // 100,000 m³ less everything received: 17.50 + 12.50 + 20.00 + 9.00 = 59.00.
    expect(Number(f["construction.disposalCapacityLeftM3"]!.value)).toBe(99941);
    // Cases: 2 today (5,000.00 + 2,500.50 yuan) against 1 a year before (1,000.00): +100 %, +650.05 % → 650.1.
    expect(f["construction.cases"]).toMatchObject({ value: "2", previous: "1", changePct: "100.0" });
    expect(f["construction.finesYuan"]).toMatchObject({ value: "7500.50", previous: "1000.00", delta: "6500.50", changePct: "650.1" });
    expect(f["construction.alertsOpen"]!.value).toBe("1");
  });

  it("hazardous: units registered, hazards found and rectified, manifests and tonnage, small/micro collections", async () => {
    const f = await figures();
    // Registered by the end of the period: 3 enterprises (1 small/micro) and 2 social sources; a year before: 1 enterprise.
    expect(f["hazardous.units.industrial"]).toMatchObject({ value: "3", previous: "1" });
    expect(f["hazardous.units.smallMicro"]).toMatchObject({ value: "1", previous: "0" });
    expect(f["hazardous.units.socialSources"]).toMatchObject({ value: "2", previous: "0" });
    expect(f["hazardous.hazards.found"]).toMatchObject({ value: "2", previous: "1", changePct: "100.0" });
    expect(f["hazardous.hazards.rectified"]).toMatchObject({ value: "1", previous: "0" });
    expect(f["hazardous.hazards.open"]).toMatchObject({ value: "3", previous: null }); // 4 found, 1 verified
    expect(f["hazardous.manifests.created"]).toMatchObject({ value: "1", previous: "1", changePct: "0.0" });
    expect(f["hazardous.manifests.receivedTonnes"]).toMatchObject({ value: "1.190", previous: "0.000", changePct: null });
    expect(f["hazardous.manifests.state.RECEIVED"]!.value).toBe("1");
    expect(f["hazardous.manifests.state.DRAFT"]!.value).toBe("1");
    expect(f["hazardous.collections.runs"]).toMatchObject({ value: "1", previous: "1" });
    // 43.140 kg → 0.043 t; 10.000 kg → 0.010 t: +330 %.
    expect(f["hazardous.collections.tonnes"]).toMatchObject({ value: "0.043", previous: "0.010", changePct: "330.0" });
  });

  it("recycling: tonnage, points issued and redeemed, redemption, active cards and participation", async () => {
    const f = await figures();
    // 5,000 + 2,000 + 10,000 + 4,000 + 6,500 + 2,100 g = 29,600 g → 0.030 t; a year before 7,000 g → 0.007 t.
    expect(f["recycling.tonnage"]).toMatchObject({ value: "0.030", previous: "0.007" });
    expect(f["recycling.pointsIssued"]).toMatchObject({ value: "680", previous: "0" });
    expect(f["recycling.pointsRedeemed"]).toMatchObject({ value: "200", previous: "0" });
    expect(f["recycling.redemptionYuan"]).toMatchObject({ value: "2.00", previous: "0.00" });
    // 3 of the 4 cards recycled this month: 75.0 %; a running month has no exact year-before distinct count.
    expect(f["recycling.activeCards"]).toMatchObject({ value: "3", previous: null });
    expect(f["recycling.participationPct"]).toMatchObject({ value: "75.0", previous: null });
    expect(f["recycling.cards"]!.value).toBe("4");
  });

  it("cells: questions, publicity participants, overdue tasks", async () => {
    const f = await figures();
    expect(f["cells.questionsAsked"]).toMatchObject({ value: "2", previous: "1", changePct: "100.0" });
    expect(f["cells.publicityParticipants"]).toMatchObject({ value: "120", previous: "80", changePct: "50.0" });
    expect(f["cells.tasksOverdue"]!.value).toBe("1");
  });

  it("cells: certified cells (a stock) and cells newly certified, in all and per type, for the city and each district", async () => {
    const f = await figures();
    expect(f["cells.certifiedCells"]).toMatchObject({ value: "2", previous: null });
    expect(f["cells.certified.OVTEST"]).toMatchObject({ value: "2", previous: null });
    expect(f["cells.newlyCertified"]).toMatchObject({ value: "1", previous: "1", changePct: "0.0" });
    const y = await figures({ district: D(YUECHENG) });
    expect(y["cells.certifiedCells"]!.value).toBe("1");
    expect(y["cells.newlyCertified"]).toMatchObject({ value: "1", previous: "0", changePct: null });
    const k = await figures({ district: D(KEQIAO) });
    expect(k["cells.certified.OVTEST"]!.value).toBe("1");
    expect(k["cells.newlyCertified"]).toMatchObject({ value: "0", previous: "1", delta: "-1", changePct: "-100.0" });
    const s = await figures({ district: D(SHANGYU) });
    expect(s["cells.certifiedCells"]!.value).toBe("0");
  });

  it("cells: indicator progress — the share of indicators with data that are achieved or on track", async () => {
    const y = await figures({ district: D(YUECHENG) });
    expect(y["cells.indicatorsOnTrackPct"]).toMatchObject({ value: "50.0", previous: null });
    const k = await figures({ district: D(KEQIAO) });
    expect(k["cells.indicatorsOnTrackPct"]).toMatchObject({ value: "0", previous: null });
  });

  it("gives a district only its own records", async () => {
    const y = await figures({ district: D(YUECHENG) });
    expect(y["construction.spoilMovedM3"]).toMatchObject({ value: "30.50", previous: "20.00" }); // the site is in Yuecheng
    expect(y["construction.cases"]).toMatchObject({ value: "1", previous: "1", changePct: "0.0" });
    expect(y["construction.finesYuan"]).toMatchObject({ value: "5000.00", previous: "1000.00", changePct: "400.0" });
    expect(y["hazardous.hazards.found"]).toMatchObject({ value: "1", previous: "0" });
    expect(y["hazardous.units.industrial"]).toMatchObject({ value: "2", previous: "1" });
    expect(y["recycling.tonnage"]).toMatchObject({ value: "0.017", previous: "0.007" });
    expect(y["cells.questionsAsked"]).toMatchObject({ value: "1", previous: "1" });
    const k = await figures({ district: D(KEQIAO) });
    expect(k["construction.spoilMovedM3"]).toMatchObject({ value: "0", previous: "0" });
    expect(k["construction.cases"]).toMatchObject({ value: "1", previous: "0" });
    expect(k["hazardous.hazards.found"]).toMatchObject({ value: "1", previous: "1" });
    expect(k["hazardous.hazards.rectified"]).toMatchObject({ value: "1", previous: "0" });
    expect(k["recycling.tonnage"]).toMatchObject({ value: "0.013", previous: "0.000", changePct: null });
    expect(k["recycling.activeCards"]!.value).toBe("1");
    expect(k["cells.publicityParticipants"]).toMatchObject({ value: "0", previous: "0" });
  });

  it("counts a day, and a year to date whose year-before span may include the event 398 days ago", async () => {
    const d = await figures({ p: "DAY" });
    expect(d["construction.spoilMovedM3"]).toMatchObject({ value: "30.50", previous: "20.00" });
    expect(d["hazardous.hazards.found"]).toMatchObject({ value: "2", previous: "1" });
    const year = resolvePeriod("YEAR", today);
    const oldCounts = shanghaiDay(old) >= year.previousStartDay && shanghaiDay(old) < year.previousCutDay;
    const y = await figures({ p: "YEAR" });
    expect(y["construction.spoilMovedM3"]).toMatchObject({ value: "30.50", previous: oldCounts ? "29.00" : "20.00" });
    expect(y["construction.cases"]).toMatchObject({ value: "2", previous: oldCounts ? "2" : "1" });
    expect(y["construction.finesYuan"]!.previous).toBe(oldCounts ? "1099.00" : "1000.00");
    expect(y["hazardous.collections.tonnes"]!.previous).toBe(oldCounts ? "0.015" : "0.010");
    // Recycling compares only with a span its data fully covers: the first weighing (398 days ago) must
    // be on or before the span's first day.
    expect(y["recycling.tonnage"]!.previous).toBe(oldCounts ? null : "0.007");
  });
});

describe("read models against the raw records", () => {
  it("each stream's rollups equal a rebuild from its raw tables", async () => {
    const before = await hazardousSnapshot(h.database.db);
    const cellsBefore = await cellsSnapshot(h.database.db);
    await h.database.db
      .transaction(async (tx) => {
        await rebuildHazardous(tx);
        expect(await hazardousSnapshot(tx)).toEqual(before);
        await rebuildCells(tx);
        expect(await cellsSnapshot(tx)).toEqual(cellsBefore);
        throw new Error("rollback");
      })
      .catch((e: Error) => {
        if (e.message !== "rollback") throw e;
      });
    expect(await rollupMismatches(app)).toEqual([]);
    // Construction: the daily read model against the closed trips and approved permits.
    const [c] = await rows<{ bad: number }>(
      h.database.db,
      sql`with raw as (select district_id, (closed_at at time zone 'Asia/Shanghai')::date as day, sum(sent_volume_m3) as m, count(*) as n from construction.manifests where status = 'CLOSED' group by 1, 2),
               rp as (select district_id, (decided_at at time zone 'Asia/Shanghai')::date as day, count(*) as n from construction.permits where number is not null group by 1, 2)
          select count(*)::int as bad from construction.district_daily d
          full join raw r using (district_id, day) full join rp p using (district_id, day)
          where coalesce(d.moved_m3, 0) <> coalesce(r.m, 0) or coalesce(d.trips, 0) <> coalesce(r.n, 0) or coalesce(d.permits_issued, 0) <> coalesce(p.n, 0)`,
    );
    expect(c!.bad).toBe(0);
  });

  it("the month's figures equal the raw records' aggregates, for the city and each district", async () => {
    const p = resolvePeriod("MONTH", null);
    const from = p.from.toISOString();
    const to = p.to.toISOString();
    for (const district of [null, YUECHENG, KEQIAO, SHANGYU]) {
      const f = await figures(district ? { district: D(district) } : {});
      const dist = (col: string) => (district ? sql`and ${sql.raw(col)} = ${district}` : sql``);
      const [raw] = await rows<{ moved: string; trips: number; cases: number; fines: string; found: number; runs: number; grams: string; asked: number }>(
        h.database.db,
        sql`select
          (select coalesce(sum(sent_volume_m3), 0)::numeric(14,2)::text from construction.manifests where status = 'CLOSED' and closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz ${dist("district_id")}) as moved,
          (select count(*)::int from construction.manifests where status = 'CLOSED' and closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz ${dist("district_id")}) as trips,
          (select count(*)::int from core.cases where stream = 'construction' and opened_at >= ${from}::timestamptz and opened_at < ${to}::timestamptz ${dist("district_id")}) as cases,
          (select coalesce(sum(fine_yuan), 0)::numeric(14,2)::text from core.cases where stream = 'construction' and opened_at >= ${from}::timestamptz and opened_at < ${to}::timestamptz ${dist("district_id")}) as fines,
          (select count(*)::int from hazardous.hazards where found_on >= ${p.startDay}::date and found_on < ${p.cutDay}::date ${dist("district_id")}) as found,
          (select count(*)::int from hazardous.collection_runs where collected_at >= ${from}::timestamptz and collected_at < ${to}::timestamptz ${dist("district_id")}) as runs,
          (select coalesce(sum(weight_grams), 0)::text from recycling.weighings where day >= ${p.startDay}::date and day < ${p.cutDay}::date ${dist("district_id")}) as grams,
          (select count(*)::int from cells.questions where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz ${dist("district_id")}) as asked`,
      );
      const label = `district ${district ?? "city"}`;
      expect(Number(f["construction.spoilMovedM3"]!.value), label).toBe(Number(raw!.moved));
      expect(f["construction.trips"]!.value, label).toBe(String(raw!.trips));
      expect(f["construction.cases"]!.value, label).toBe(String(raw!.cases));
      expect(Number(f["construction.finesYuan"]!.value), label).toBe(Number(raw!.fines));
      expect(f["hazardous.hazards.found"]!.value, label).toBe(String(raw!.found));
      expect(f["hazardous.collections.runs"]!.value, label).toBe(String(raw!.runs));
      expect(Number(f["recycling.tonnage"]!.value), label).toBe(Math.round(Number(raw!.grams) / 1000) / 1000);
      expect(f["cells.questionsAsked"]!.value, label).toBe(String(raw!.asked));
    }
  });
});

describe("the cache follows the writes", () => {
  it("answers the next query with a write that just landed (NOTIFY from the read models)", async () => {
    const before = await figures();
    expect(before["construction.trips"]!.value).toBe("2");
    await write(async (w) => {
      const { manifest } = await openTrip(w, { vehicleId: spoil.vehicleIds[1]!, siteId: spoil.siteId, via: "GATE_SCAN", at: new Date(), sentVolumeM3: "6.00" });
      await closeTrip(w, { manifestId: manifest.id, disposalPlaceId: spoil.placeId, receivedVolumeM3: "6.00" });
    });
    await write((w) => resolveAlertByKey(w, "overview-test:1", "已处置"));
    let f = before;
    for (let i = 0; i < 50 && f["construction.trips"]!.value === "2"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      f = await figures();
    }
    expect(f["construction.trips"]!.value).toBe("3");
    expect(f["construction.spoilMovedM3"]!.value).toBe("36.50");
    expect(f["construction.alertsOpen"]!.value).toBe("0");
    // Other streams' entries were not thrown away by construction's writes.
    expect(f["recycling.tonnage"]!.value).toBe("0.030");
  });

  it("keeps the monthly briefing current: recomputed in the background when a write lands, then served from the cache", async () => {
    const q = `query($m: String!) { monthlyBriefing(month: $m) { lines { key month { value } } } }`;
    const trips = async () =>
      (ok(await h.gql(q, { m: today.slice(0, 7) }, { token: leader })).monthlyBriefing.lines as { key: string; month: { value: string } }[]).find((l) => l.key === "construction.trips")!.month.value;
    const before = Number(await trips());
    const cache = cacheOf(h.platform.app);
    await cache.settled();
    const refreshed = cache.stats.refreshed;
    await write(async (w) => {
      const { manifest } = await openTrip(w, { vehicleId: spoil.vehicleIds[1]!, siteId: spoil.siteId, via: "GATE_SCAN", at: new Date(), sentVolumeM3: "2.00" });
      await closeTrip(w, { manifestId: manifest.id, disposalPlaceId: spoil.placeId, receivedVolumeM3: "2.00" });
    });
    for (let i = 0; i < 100 && cache.stats.refreshed === refreshed; i++) await new Promise((r) => setTimeout(r, 50));
    await cache.settled();
    expect(cache.stats.refreshed).toBeGreaterThan(refreshed); // nobody asked: the notification did it
    const misses = cache.stats.misses;
    expect(Number(await trips())).toBe(before + 1);
    expect(cache.stats.misses).toBe(misses); // the answer was ready
  });
});

describe("generation against capacity", () => {
  it("flags a district that generates hazardous waste without licensed capacity, not the one with capacity", async () => {
    const r = ok(
      await h.gql(`{ capacityBalance { year yearShare rows { district { adcode } category generated generatedAnnual capacity shortfall loadPct } } }`, {}, { token: leader }),
    ).capacityBalance;
    const row = (adcode: number, category: string) => r.rows.find((x: { district: { adcode: string }; category: string }) => x.district.adcode === String(adcode) && x.category === category);
    // Keqiao: manifest submitted today 1,200.500 kg of HW08 (→ 1.201 t) + collection 43.140 kg of HW49 (→ 0.043 t).
    const k = row(KEQIAO, "hazardous");
    expect(k).toMatchObject({ generated: "1.244", capacity: "0.000", shortfall: true, loadPct: null });
    const y = Number(today.slice(0, 4));
    const share = Math.max(1 / 366, (Date.parse(`${addDays(today, 1)}T00:00:00Z`) - Date.parse(`${y}-01-01T00:00:00Z`)) / (Date.parse(`${y + 1}-01-01T00:00:00Z`) - Date.parse(`${y}-01-01T00:00:00Z`)));
    expect(r.yearShare).toBeCloseTo(share, 6);
    expect(Number(k.generatedAnnual)).toBeCloseTo(1.244 / share, 3);
    // Shangyu: the receiver licensed for 20,000 + 15,000 + 8,000 + 6,000 t a year, nothing generated there.
    const s = row(SHANGYU, "hazardous");
    expect(Number(s.capacity)).toBe(49000);
    expect(s).toMatchObject({ shortfall: false, loadPct: "0.0" });
  });
});
