/**
 * Construction tracking through the API: the responsible department reports indicator values with
 * evidence (others are refused), the board's status follows the documented rule, the zero-waste index
 * is recomputed live and its drill-down adds up, the ranking query the overview uses, task lists
 * (department scoping, 销号 by the office, overdue job and alert), and the overview figures.
 */
import "reflect-metadata";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../../graphql/ids.js";
import { withWriter } from "../../graphql/mutation.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { systemPrincipal } from "../core/auth.js";
import { rows } from "../core/db.js";
import { shanghaiDay, shanghaiQuarter } from "./common.js";
import { cellsOverview } from "./overview.js";
import { computeProgress } from "./progress.js";
import { runTaskOverdue } from "./task-service.js";

let h: Harness;
const tokens: Record<string, string> = {};
const as = async (u: string) => (tokens[u] ??= await h.login(u));
const now = shanghaiQuarter(new Date());

beforeAll(async () => {
  h = await createHarness({ seed: "small" });
});
afterAll(async () => h?.close());

async function indicatorId(code: string): Promise<string> {
  const [r] = await rows<{ id: number }>(h.database.db, sql`select id from cells.indicators where code = ${code}`);
  return toGlobalId("Indicator", r!.id);
}
const district = (adcode: number) => toGlobalId("District", adcode);

const REPORT = `mutation($i: ReportIndicatorActualInput!) { reportIndicatorActual(input: $i) { actual { id value revision quarter indicator { code } } userErrors { field code message } } }`;

describe("indicator reporting", () => {
  it("lets the postal administration report the express-packaging indicators, with evidence, and corrections count as revisions", async () => {
    const postal = await as("postal");
    const mine = ok(await h.gql(`{ indicators(mine: true) { code unit direction group { code } responsibleDepartment { code } } }`, {}, { token: postal }));
    const codes = mine.indicators.map((i: { code: string }) => i.code).sort();
    expect(codes).toEqual(["GREEN_BOX_RATE", "NARROW_TAPE_RATE", "PACK_RECYCLE_DEVICES", "POSTAL_DEVICE_COVERAGE", "REUSABLE_PACKAGES", "TAPE_FREE_BOX_RATE"]);
    expect(mine.indicators.every((i: { responsibleDepartment: { code: string } }) => i.responsibleDepartment.code === "postal")).toBe(true);
    const input = { indicatorId: await indicatorId("PACK_RECYCLE_DEVICES"), districtId: district(330603), year: now.year, quarter: now.quarter, value: "61", evidence: "网点回收装置清单.xlsx" };
    const first = ok(await h.gql(REPORT, { i: input }, { token: postal }));
    expect(first.reportIndicatorActual.userErrors).toEqual([]);
    expect(first.reportIndicatorActual.actual).toMatchObject({ value: "61.0000", revision: 1 });
    const again = ok(await h.gql(REPORT, { i: { ...input, value: "63" } }, { token: postal }));
    expect(again.reportIndicatorActual.actual).toMatchObject({ value: "63.0000", revision: 2 });
    const audit = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.audit_log where entity = 'IndicatorActual' and action = 'correct'`);
    expect(audit[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it("refuses other departments, missing evidence, impossible rates and future periods", async () => {
    const edu = await as("education");
    const input = { indicatorId: await indicatorId("NARROW_TAPE_RATE"), districtId: district(330603), year: now.year, quarter: now.quarter, value: "99", evidence: "报表" };
    const other = await h.gql(REPORT, { i: input }, { token: edu });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const postal = await as("postal");
    const blank = ok(await h.gql(REPORT, { i: { ...input, evidence: "   " } }, { token: postal }));
    expect(blank.reportIndicatorActual.userErrors).toEqual([expect.objectContaining({ field: "input.evidence", code: "EVIDENCE_REQUIRED" })]);
    const over = ok(await h.gql(REPORT, { i: { ...input, value: "101" } }, { token: postal }));
    expect(over.reportIndicatorActual.userErrors).toEqual([expect.objectContaining({ field: "input.value", code: "OUT_OF_RANGE" })]);
    const future = ok(await h.gql(REPORT, { i: { ...input, year: now.year + 1, quarter: 1 } }, { token: postal }));
    expect(future.reportIndicatorActual.userErrors[0]).toMatchObject({ code: "FUTURE_PERIOD" });
    const malformed = await h.gql(REPORT, { i: { ...input, value: "1e5" } }, { token: postal });
    expect(malformed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(malformed.errors?.[0]?.extensions?.fields?.[0]?.field).toBe("input.value");
  });

  it("shows the year's standing on the board by the documented rule", async () => {
    const office = await as("office");
    const id = await indicatorId("CONSTRUCTION_UTIL");
    const set = ok(
      await h.gql(`mutation($i: SetIndicatorTargetsInput!) { setIndicatorTargets(input: $i) { ok userErrors { field code } } }`, { i: { indicatorId: id, targets: [{ districtId: district(330604), year: now.year - 1, target: "50" }, { districtId: district(330604), year: now.year, target: "60" }] } }, { token: office }),
    );
    expect(set.setIndicatorTargets.userErrors).toEqual([]);
    // Last year's year-end value is the starting point: put it at 50.
    const housing = await as("housing");
    const prevEnd = ok(await h.gql(REPORT, { i: { indicatorId: id, districtId: district(330604), year: now.year - 1, quarter: 4, value: "50", evidence: "年报" } }, { token: housing }));
    expect(prevEnd.reportIndicatorActual.userErrors).toEqual([]);
    const value = (50 + (10 * now.quarter) / 4).toFixed(1); // exactly on the glide path
    ok(await h.gql(REPORT, { i: { indicatorId: id, districtId: district(330604), year: now.year, quarter: now.quarter, value, evidence: "季报" } }, { token: housing }));
    const board = ok(await h.gql(`query($d: ID, $y: Int!) { indicatorBoard(year: $y, districtId: $d) { summary { total onTrackSharePct } rows { indicator { code } target latestValue expected progressPct status } } }`, { d: district(330604), y: now.year }, { token: office }));
    const row = board.indicatorBoard.rows.find((r: { indicator: { code: string } }) => r.indicator.code === "CONSTRUCTION_UTIL");
    const expected = computeProgress({ direction: "HIGHER_BETTER", target: "60", start: "50", actual: value, quarter: now.quarter });
    expect(row).toMatchObject({ target: "60.0000", latestValue: `${value}000`, status: now.quarter === 4 ? "ACHIEVED" : expected.status, expected: expected.expected, progressPct: expected.progressPct });
    expect(expected.status === "ON_TRACK" || expected.status === "ACHIEVED").toBe(true);
    expect(board.indicatorBoard.summary.total).toBeGreaterThanOrEqual(30);
  });

  it("keeps district staff to their own district's board", async () => {
    const sz = await as("office.shengzhou");
    const own = ok(await h.gql(`query($y: Int!) { indicatorBoard(year: $y) { district { code } } }`, { y: 2025 }, { token: sz }));
    expect(own.indicatorBoard.district.code).toBe("shengzhou");
    const other = await h.gql(`query($y: Int!, $d: ID) { indicatorBoard(year: $y, districtId: $d) { year } }`, { y: 2025, d: district(330603) }, { token: sz });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("zero-waste index", () => {
  const RANKING = `query($y: Int, $q: Int) { zeroWasteIndexRanking(year: $y, quarter: $q) { year quarter city { value district { code } } districts { value rank district { id code } groupScores { group { code weight } score } } provincial { cityZh rank value } shaoxingProvincialRank } }`;

  it("ranks the six districts and reports Shaoxing's provincial rank (3rd in 2021 Q4)", async () => {
    const leader = await as("leader");
    const r = ok(await h.gql(RANKING, { y: 2021, q: 4 }, { token: leader })).zeroWasteIndexRanking;
    expect(r.districts).toHaveLength(6);
    expect(r.districts.map((d: { rank: number }) => d.rank)).toEqual([...r.districts.map((d: { rank: number }) => d.rank)].sort((a, b) => a - b));
    for (let i = 1; i < r.districts.length; i++) expect(Number(r.districts[i - 1].value)).toBeGreaterThanOrEqual(Number(r.districts[i].value));
    expect(r.city.district.code).toBe("city");
    expect(r.shaoxingProvincialRank).toBe(3);
    expect(r.provincial).toHaveLength(11);
    // Index = Σ group weight × group score (each rounded as documented).
    for (const d of r.districts) {
      const sum = d.groupScores.reduce((a: number, g: { group: { weight: string }; score: string }) => a + Number(g.group.weight) * Number(g.score), 0);
      expect(Math.abs(sum - Number(d.value))).toBeLessThanOrEqual(0.01);
    }
    const latest = ok(await h.gql(RANKING, {}, { token: leader })).zeroWasteIndexRanking;
    expect(latest.year * 4 + latest.quarter).toBeGreaterThanOrEqual(2025 * 4 + 4);
  });

  it("drills down to the indicators, whose contributions add up to the index", async () => {
    const leader = await as("leader");
    const d = ok(await h.gql(`query($d: ID!) { zeroWasteIndexDetail(districtId: $d, year: 2024, quarter: 3) { entry { value } components { indicator { code } actual target score weight contribution } } }`, { d: district(330681) }, { token: leader })).zeroWasteIndexDetail;
    expect(d.components.length).toBeGreaterThanOrEqual(30);
    const total = d.components.reduce((a: number, c: { score: string; weight: string }) => a + Number(c.score) * Number(c.weight), 0);
    expect(Math.abs(total - Number(d.entry.value))).toBeLessThanOrEqual(0.02);
    const weights = d.components.reduce((a: number, c: { weight: string }) => a + Number(c.weight), 0);
    expect(weights).toBeCloseTo(1, 4);
  });

  it("is recomputed in the same transaction as a report, by exactly the indicator's weighted change", async () => {
    const leader = await as("leader");
    const q = { year: now.year, quarter: now.quarter };
    const detail = async () =>
      ok(await h.gql(`query($d: ID!, $y: Int!, $q: Int!) { zeroWasteIndexDetail(districtId: $d, year: $y, quarter: $q) { entry { value } components { indicator { code direction } target score weight } } }`, { d: district(330624), y: q.year, q: q.quarter }, { token: leader })).zeroWasteIndexDetail;
    const before = await detail();
    const c = before.components.find((x: { indicator: { code: string; direction: string }; score: string }) => x.indicator.code === "DOMESTIC_RECYCLING");
    const enforcement = await as("enforcement");
    // Report exactly the target: the indicator's score becomes 100.
    const r = ok(await h.gql(REPORT, { i: { indicatorId: await indicatorId("DOMESTIC_RECYCLING"), districtId: district(330624), year: q.year, quarter: q.quarter, value: c.target, evidence: "分类收运台账" } }, { token: enforcement }));
    expect(r.reportIndicatorActual.userErrors).toEqual([]);
    const after = await detail();
    expect(after.components.find((x: { indicator: { code: string } }) => x.indicator.code === "DOMESTIC_RECYCLING").score).toBe("100.00");
    const predicted = Number(before.entry.value) + (100 - Number(c.score)) * Number(c.weight);
    expect(Math.abs(Number(after.entry.value) - predicted)).toBeLessThanOrEqual(0.02);
  });

  it("keeps a history per quarter", async () => {
    const r = ok(await h.gql(`query($d: ID) { zeroWasteIndexHistory(districtId: $d) { year quarter value rank previousValue } }`, { d: district(330602) }, { token: await as("leader") })).zeroWasteIndexHistory;
    expect(r.length).toBeGreaterThanOrEqual(20);
    expect(r[0]).toMatchObject({ year: 2021, quarter: 1, previousValue: null });
    expect(r[1].previousValue).toBe(r[0].value);
  });
});

describe("task lists (任务清单)", () => {
  const TASK = `id code status overdue deadline allowedActions department { code }`;
  const write = <T>(fn: Parameters<typeof withWriter<T>>[3]) => withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, fn);

  it("flags an overdue task with an alert; the department sees only its own tasks, submits evidence; the office closes it and the alert closes", async () => {
    const office = await as("office");
    const yesterday = shanghaiDay(new Date(Date.now() - 86_400_000));
    const created = ok(
      await h.gql(`mutation($i: CreateTrackingTaskInput!) { createTrackingTask(input: $i) { task { ${TASK} } userErrors { field code } } }`, { i: { title: "无废学校创建材料汇总", departmentId: toGlobalId("Department", 8), owner: "基教科", year: now.year, deadline: yesterday } }, { token: office }),
    ).createTrackingTask;
    expect(created.userErrors).toEqual([]);
    expect(created.task.overdue).toBe(true);
    const tid = Number(Buffer.from(created.task.id, "base64url").toString().split(":")[1]);
    const [alert] = await rows<{ status: string; severity: string }>(h.database.db, sql`select status, severity from core.alerts where dedup_key = ${`cells.task_overdue:${tid}`}`);
    expect(alert).toEqual({ status: "OPEN", severity: "MEDIUM" });

    const edu = await as("education");
    const list = ok(await h.gql(`{ trackingTasks(first: 100) { edges { node { department { code } } } } }`, {}, { token: edu }));
    expect(new Set(list.trackingTasks.edges.map((e: { node: { department: { code: string } } }) => e.node.department.code))).toEqual(new Set(["education"]));
    const health = await as("health");
    const notMine = await h.gql(`mutation($id: ID!) { transitionTrackingTask(id: $id, action: submit, text: "x") { userErrors { code } } }`, { id: created.task.id }, { token: health });
    expect(notMine.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const closeEarly = ok(await h.gql(`mutation($id: ID!) { transitionTrackingTask(id: $id, action: close) { userErrors { code } } }`, { id: created.task.id }, { token: office }));
    expect(closeEarly.transitionTrackingTask.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
    const noEvidence = ok(await h.gql(`mutation($id: ID!) { transitionTrackingTask(id: $id, action: submit) { userErrors { code } } }`, { id: created.task.id }, { token: edu }));
    expect(noEvidence.transitionTrackingTask.userErrors[0].code).toBe("EVIDENCE_REQUIRED");
    const submitted = ok(await h.gql(`mutation($id: ID!) { transitionTrackingTask(id: $id, action: submit, text: "已汇总 10 所学校材料") { task { ${TASK} } userErrors { code } } }`, { id: created.task.id }, { token: edu })).transitionTrackingTask;
    expect(submitted.task).toMatchObject({ status: "SUBMITTED", overdue: true });
    expect(submitted.task.allowedActions).toEqual([]);
    const eduClose = ok(await h.gql(`mutation($id: ID!) { transitionTrackingTask(id: $id, action: close) { userErrors { code } } }`, { id: created.task.id }, { token: edu }));
    expect(eduClose.transitionTrackingTask.userErrors[0].code).toBe("NOT_ALLOWED");
    const overdueBefore = await rows<{ n: number }>(h.database.db, sql`select coalesce(sum(n), 0)::int as n from cells.stock_counts where metric = 'task.overdue'`);
    const closed = ok(await h.gql(`mutation($id: ID!) { transitionTrackingTask(id: $id, action: close, text: "材料齐全") { task { ${TASK} } userErrors { code } } }`, { id: created.task.id }, { token: office })).transitionTrackingTask;
    expect(closed.task).toMatchObject({ status: "CLOSED", overdue: false });
    const overdueAfter = await rows<{ n: number }>(h.database.db, sql`select coalesce(sum(n), 0)::int as n from cells.stock_counts where metric = 'task.overdue'`);
    expect(overdueAfter[0]!.n).toBe(overdueBefore[0]!.n - 1);
    const [closedAlert] = await rows<{ status: string }>(h.database.db, sql`select status from core.alerts where dedup_key = ${`cells.task_overdue:${tid}`}`);
    expect(closedAlert!.status).toBe("CLOSED");
  });

  it("has the scheduled job flag tasks when their deadline passes, and only then", async () => {
    const office = await as("office");
    const inTenDays = shanghaiDay(new Date(Date.now() + 10 * 86_400_000));
    const t = ok(await h.gql(`mutation($i: CreateTrackingTaskInput!) { createTrackingTask(input: $i) { task { id overdue } userErrors { code } } }`, { i: { title: "快递包装年度检查", departmentId: toGlobalId("Department", 11), owner: "邮政管理局", year: now.year, deadline: inTenDays } }, { token: office })).createTrackingTask.task;
    expect(t.overdue).toBe(false);
    await runTaskOverdue(write, h.database.db, new Date());
    const still = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on TrackingTask { overdue } } }`, { id: t.id }, { token: office }));
    expect(still.node.overdue).toBe(false);
    const r = await runTaskOverdue(write, h.database.db, new Date(Date.now() + 12 * 86_400_000));
    expect(r.flagged).toBeGreaterThanOrEqual(1);
    const later = ok(await h.gql(`query($id: ID!) { node(id: $id) { ... on TrackingTask { overdue overdueSince } } }`, { id: t.id }, { token: office }));
    expect(later.node).toEqual({ overdue: true, overdueSince: inTenDays });
  });

  it("summarises tasks per department", async () => {
    const r = ok(await h.gql(`{ trackingTaskSummary { department { code } open submitted closed overdue } }`, {}, { token: await as("office") }));
    const [db] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.tracking_tasks where overdue`);
    expect(r.trackingTaskSummary.reduce((a: number, x: { overdue: number }) => a + x.overdue, 0)).toBe(db!.n);
  });
});

describe("overview figures", () => {
  it("come from the read models and agree with the raw tables", async () => {
    const to = new Date();
    const from = new Date(Date.UTC(to.getUTCFullYear(), 0, 1));
    const figs = await cellsOverview.figures(h.database.db, { districtId: null, from, to });
    const byKey = Object.fromEntries(figs.map((f) => [f.key, f]));
    const [certified] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.units where cell_status = 'CERTIFIED'`);
    expect(byKey["cells.certifiedCells"]!.value).toBe(String(certified!.n));
    const [overdue] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.tracking_tasks where overdue`);
    expect(byKey["cells.tasksOverdue"]!.value).toBe(String(overdue!.n));
    expect(byKey["cells.provincialIndexRank"]!.value).toMatch(/^[1-9]\d*$/);
    const typeSum = figs.filter((f) => f.key.startsWith("cells.certified.")).reduce((a, f) => a + Number(f.value), 0);
    expect(typeSum).toBe(certified!.n);
    expect(figs.every((f) => f.link.startsWith("/cells"))).toBe(true);
    const keqiao = await cellsOverview.figures(h.database.db, { districtId: 330603, from, to });
    expect(keqiao.find((f) => f.key === "cells.zeroWasteIndexRank")!.value).toMatch(/^[1-6]$/);
  });
});
