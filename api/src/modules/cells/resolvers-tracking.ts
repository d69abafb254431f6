/**
 * GraphQL resolvers of 建设跟踪 (construction tracking): the indicator system and its board, the
 * zero-waste index ranking with history and drill-down, and the departments' task lists.
 */
import { and, asc, eq, gte, ilike, inArray, or, sql } from "drizzle-orm";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, can, forbidden } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context, Principal } from "../../graphql/context.js";
import { badInput, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf } from "../../graphql/ids.js";
import { byKeys, loader } from "../../graphql/loaders.js";
import { runMutation } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { inScope, requireInScope } from "../../graphql/scope.js";
import { allDepartments, allDistricts, districtIdOf } from "../core/resolvers.js";
import { Department, District, OkPayload } from "../core/types.js";
import { actingAs, CITY_DISTRICT_ID, shanghaiQuarter } from "./common.js";
import {
  createIndicator,
  latestIndexPeriod,
  PLAN_YEARS,
  recomputeIndexYear,
  recordProvincialIndex,
  refreshStatuses,
  reportActual,
  setGroupWeights,
  setTargets,
  updateIndicator,
} from "./indicator-service.js";
import {
  CreateIndicatorInput,
  CreateTrackingTaskInput,
  GroupWeightInput,
  IndicatorActualFilter,
  RecordProvincialIndexInput,
  ReportIndicatorActualInput,
  SetIndicatorTargetsInput,
  TrackingTaskFilter,
  UpdateIndicatorInput,
  UpdateTrackingTaskInput,
} from "./inputs.js";
import { departmentOf, districtOf, indicatorSystem, requireTrackingReader, type GroupRow, type IndicatorRow } from "./loaders.js";
import { countsAsOnTrack } from "./progress.js";
import { indexComponents, indexScores, indicatorActuals, indicatorStatus, indicatorTargets, provincialIndex, stockCounts, trackingTasks } from "./tables.js";
import { createTask, taskById, transitionTask, updateTask, type TaskRow } from "./task-service.js";
import {
  Indicator,
  IndicatorActual,
  IndicatorActualConnection,
  IndicatorActualPayload,
  IndicatorBoard,
  IndicatorBoardRow,
  IndicatorGroup,
  IndicatorPayload,
  IndicatorSeries,
  IndicatorTarget,
  ProvincialIndexEntry,
  RecomputeIndexPayload,
  TaskActionKey,
  TaskSummaryRow,
  TrackingTask,
  TrackingTaskConnection,
  TrackingTaskPayload,
  TrackStatusKey,
  ZeroWasteIndexDetail,
  ZeroWasteIndexEntry,
  ZeroWasteIndexRanking,
} from "./types.js";
import { TASK_TRANSITIONS, type TaskAction } from "./workflows.js";

type ActualRow = typeof indicatorActuals.$inferSelect;
type IndexRow = typeof indexScores.$inferSelect;

registerNode("IndicatorGroup", async (ctx, id) => {
  if (ctx.principal.org) return null;
  return (await indicatorSystem(ctx)).groups.find((g) => g.id === id) ?? null;
});
registerNode("Indicator", async (ctx, id) => {
  if (ctx.principal.org) return null;
  return (await indicatorSystem(ctx)).indicators.find((i) => i.id === id) ?? null;
});
registerNode("IndicatorActual", async (ctx, id) => {
  if (ctx.principal.org) return null;
  const [a] = await ctx.db.select().from(indicatorActuals).where(eq(indicatorActuals.id, id));
  return a && inScope(ctx.principal, { districtId: a.districtId === CITY_DISTRICT_ID ? null : a.districtId, orgs: undefined }) ? a : null;
});
registerNode("TrackingTask", async (ctx, id) => {
  const t = await taskById(ctx.db, id);
  return t && (await taskVisible(ctx, t)) ? t : null;
});

/** Which district a reader may look at: their own if district-bound; the city (or any) otherwise. */
function boardDistrict(p: Principal, requested: number | undefined): number {
  if (p.districtId != null) {
    if (requested != null && requested !== p.districtId) throw forbidden("You may only look at your own district");
    return p.districtId;
  }
  return requested ?? CITY_DISTRICT_ID;
}

/**
 * Task lists are per department: staff of a department see their own department's tasks; the office
 * (and leadership, administrators, cells API keys) see every department's.
 */
async function ownDepartmentOnly(ctx: Context): Promise<boolean> {
  const p = ctx.principal;
  if (p.kind === "user" && p.role === "STAFF") return (await actingAs(ctx.db, p)) !== "OFFICE";
  return !can(p, "cells:read");
}

async function taskVisible(ctx: Context, t: TaskRow): Promise<boolean> {
  const p = ctx.principal;
  if (p.org) return false;
  if (!inScope(p, { districtId: t.districtId, orgs: undefined }) && t.districtId != null) return false;
  if (p.districtId != null && t.districtId == null) return false;
  if (await ownDepartmentOnly(ctx)) return p.departmentId === t.departmentId;
  return true;
}

function currentQuarter() {
  return shanghaiQuarter(new Date());
}

async function indexEntries(ctx: Context, rowsNow: IndexRow[], rowsPrev: IndexRow[]): Promise<ZeroWasteIndexEntry[]> {
  const { groups } = await indicatorSystem(ctx);
  const out: ZeroWasteIndexEntry[] = [];
  for (const r of rowsNow) {
    const prev = rowsPrev.find((x) => x.districtId === r.districtId);
    out.push({
      district: (await districtOf(ctx, r.districtId)) as unknown as District,
      year: r.year,
      quarter: r.quarter,
      value: r.value,
      rank: r.rank,
      previousValue: prev?.value ?? null,
      previousRank: prev?.rank ?? null,
      coverage: r.coverage,
      groupScores: groups.map((g) => ({ group: g as unknown as IndicatorGroup, score: r.groupScores[g.code] ?? "0.00" })),
    });
  }
  return out;
}

function prevQuarter(year: number, quarter: number) {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

@Resolver()
export class TrackingResolver {
  // ——— indicator system ———

  @Query(() => [IndicatorGroup], { description: "指标体系：五个一级指标组 / The indicator system: the five groups" })
  @Can.record("read")
  async indicatorGroups(@Ctx() ctx: Context): Promise<IndicatorGroup[]> {
    requireTrackingReader(ctx.principal);
    return (await indicatorSystem(ctx)).groups as unknown as IndicatorGroup[];
  }

  @Query(() => [Indicator], { description: "指标（可按组、责任部门筛选；mine 为本部门负责的指标）/ Indicators (by group or responsible department; `mine`: those the caller's department reports)" })
  @Can.record("read")
  async indicators(
    @Ctx() ctx: Context,
    @Arg("groupId", () => ID, { nullable: true, description: "指标组 / Group" }) groupId?: string,
    @Arg("departmentId", () => ID, { nullable: true, description: "责任部门 / Responsible department" }) departmentId?: string,
    @Arg("mine", () => Boolean, { nullable: true, description: "仅本部门负责的 / Only those the caller's department reports" }) mine?: boolean,
    @Arg("includeInactive", () => Boolean, { nullable: true, description: "含停用指标 / Include inactive" }) includeInactive?: boolean,
  ): Promise<Indicator[]> {
    requireTrackingReader(ctx.principal);
    const g = optionalIdOf("IndicatorGroup", groupId, "groupId");
    const d = optionalIdOf("Department", departmentId, "departmentId");
    const list = (await indicatorSystem(ctx)).indicators.filter(
      (i) => (includeInactive || i.active) && (!g || i.groupId === g) && (!d || i.responsibleDepartmentId === d) && (!mine || i.responsibleDepartmentId === ctx.principal.departmentId),
    );
    return list as unknown as Indicator[];
  }

  @Query(() => IndicatorBoard, { description: "指标看板：年度目标与最新完成值、进度状态 / Indicator board: the year's targets against the latest values and their standing" })
  @Can.record("read")
  async indicatorBoard(
    @Ctx() ctx: Context,
    @Arg("year", () => Int, { description: "年度 / Year" }) year: number,
    @Arg("districtId", () => ID, { nullable: true, description: "市或区县（默认市级）/ City or district (default the city)" }) districtId?: string,
    @Arg("groupId", () => ID, { nullable: true, description: "指标组 / Group" }) groupId?: string,
  ): Promise<IndicatorBoard> {
    requireTrackingReader(ctx.principal);
    if (year < 2021 || year > 2035) throw badInput("year", "2021–2035");
    const d = boardDistrict(ctx.principal, districtId ? await districtIdOf(ctx.db, districtId, "districtId") : undefined);
    const g = optionalIdOf("IndicatorGroup", groupId, "groupId");
    const { indicators: inds } = await indicatorSystem(ctx);
    const statuses = await ctx.db
      .select()
      .from(indicatorStatus)
      .where(and(eq(indicatorStatus.year, year), eq(indicatorStatus.districtId, d)));
    const rowsOut: IndicatorBoardRow[] = inds
      .filter((i) => i.active && (!g || i.groupId === g))
      .map((i) => {
        const s = statuses.find((x) => x.indicatorId === i.id);
        return {
          indicator: i as unknown as Indicator,
          target: s?.target ?? null,
          latestValue: s?.latestValue ?? null,
          latestQuarter: s?.latestQuarter ?? null,
          expected: s?.expected ?? null,
          progressPct: s?.progressPct ?? null,
          status: (s?.status ?? "NO_DATA") as TrackStatusKey,
        };
      });
    const count = (st: string) => rowsOut.filter((r) => r.status === st).length;
    const withData = rowsOut.filter((r) => r.status !== "NO_DATA").length;
    const good = rowsOut.filter((r) => countsAsOnTrack(r.status)).length;
    return {
      year,
      district: (await districtOf(ctx, d)) as unknown as District,
      rows: rowsOut,
      summary: {
        total: rowsOut.length,
        achieved: count("ACHIEVED"),
        onTrack: count("ON_TRACK"),
        atRisk: count("AT_RISK"),
        offTrack: count("OFF_TRACK"),
        noData: count("NO_DATA"),
        onTrackSharePct: withData ? ((good * 100) / withData).toFixed(1) : null,
      },
    };
  }

  @Query(() => IndicatorSeries, { description: "某指标历年目标与各季度完成值 / An indicator's targets and quarterly values over the years" })
  @Can.record("read")
  async indicatorSeries(
    @Ctx() ctx: Context,
    @Arg("indicatorId", () => ID, { description: "指标 / Indicator" }) indicatorId: string,
    @Arg("districtId", () => ID, { nullable: true, description: "市或区县 / City or district" }) districtId?: string,
  ): Promise<IndicatorSeries> {
    requireTrackingReader(ctx.principal);
    const id = idOf("Indicator", indicatorId, "indicatorId");
    const ind = (await indicatorSystem(ctx)).indicators.find((i) => i.id === id);
    if (!ind) throw notFound("indicator");
    const d = boardDistrict(ctx.principal, districtId ? await districtIdOf(ctx.db, districtId, "districtId") : undefined);
    const targets = await ctx.db
      .select()
      .from(indicatorTargets)
      .where(and(eq(indicatorTargets.indicatorId, id), eq(indicatorTargets.districtId, d)))
      .orderBy(asc(indicatorTargets.year));
    const actuals = await ctx.db
      .select({ year: indicatorActuals.year, quarter: indicatorActuals.quarter, value: indicatorActuals.value })
      .from(indicatorActuals)
      .where(and(eq(indicatorActuals.indicatorId, id), eq(indicatorActuals.districtId, d)))
      .orderBy(asc(indicatorActuals.year), asc(indicatorActuals.quarter));
    const district = (await districtOf(ctx, d)) as unknown as District;
    return { indicator: ind as unknown as Indicator, district, targets: targets.map((t) => ({ ...t, district })) as IndicatorTarget[], actuals };
  }

  @Query(() => IndicatorActualConnection, { description: "指标完成值（报送记录）/ Reported indicator values", complexity: connectionComplexity })
  @Can.record("read")
  async indicatorActuals(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => IndicatorActualFilter, { nullable: true }) filter?: IndicatorActualFilter) {
    requireTrackingReader(ctx.principal);
    const f = filter ?? {};
    const ind = optionalIdOf("Indicator", f.indicatorId, "filter.indicatorId");
    const d = f.districtId ? idOf("District", f.districtId, "filter.districtId") : undefined;
    const p = ctx.principal;
    return paginate({
      db: ctx.db,
      table: indicatorActuals,
      id: indicatorActuals.id,
      orderBy: f.updatedSince ? indicatorActuals.updatedAt : indicatorActuals.reportedAt,
      ascending: !!f.updatedSince,
      where: [
        p.districtId != null ? eq(indicatorActuals.districtId, p.districtId) : undefined,
        ind ? eq(indicatorActuals.indicatorId, ind) : undefined,
        d ? eq(indicatorActuals.districtId, d) : undefined,
        f.year ? eq(indicatorActuals.year, f.year) : undefined,
        f.updatedSince ? gte(indicatorActuals.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  // ——— zero-waste index ———

  @Query(() => ZeroWasteIndexRanking, {
    nullable: true,
    description: "无废指数排名（默认最新季度）：六个区县按指数排名、绍兴市指数、省公布的城市排名 / Zero-waste index ranking (latest quarter by default): the six districts by index, the city's index and the province's city ranking",
  })
  @Can.read("overview")
  async zeroWasteIndexRanking(
    @Ctx() ctx: Context,
    @Arg("year", () => Int, { nullable: true, description: "年度 / Year" }) year?: number,
    @Arg("quarter", () => Int, { nullable: true, description: "季度 / Quarter" }) quarter?: number,
  ): Promise<ZeroWasteIndexRanking | null> {
    if ((year == null) !== (quarter == null)) throw badInput(year == null ? "year" : "quarter", "give both year and quarter, or neither");
    if (quarter != null && (quarter < 1 || quarter > 4)) throw badInput("quarter", "1–4");
    const period = year != null ? { year, quarter: quarter! } : await latestIndexPeriod(ctx.db, currentQuarter());
    if (!period) return null;
    const prev = prevQuarter(period.year, period.quarter);
    const now = await ctx.db.select().from(indexScores).where(and(eq(indexScores.year, period.year), eq(indexScores.quarter, period.quarter)));
    const before = await ctx.db.select().from(indexScores).where(and(eq(indexScores.year, prev.year), eq(indexScores.quarter, prev.quarter)));
    const entries = await indexEntries(ctx, now, before);
    const prov = await ctx.db
      .select()
      .from(provincialIndex)
      .where(sql`(${provincialIndex.year} * 4 + ${provincialIndex.quarter}) = (select max(year * 4 + quarter) from cells.provincial_index where year * 4 + quarter <= ${period.year * 4 + period.quarter})`)
      .orderBy(asc(provincialIndex.rank));
    return {
      year: period.year,
      quarter: period.quarter,
      city: entries.find((e) => (e.district as unknown as { id: number }).id === CITY_DISTRICT_ID) ?? null,
      districts: entries.filter((e) => e.rank != null).sort((a, b) => a.rank! - b.rank!),
      provincial: prov as ProvincialIndexEntry[],
      shaoxingProvincialRank: prov.find((r) => r.cityZh === "绍兴市" || r.cityZh === "绍兴")?.rank ?? null,
    };
  }

  @Query(() => [ZeroWasteIndexEntry], { description: "某区县（或全市）无废指数历史（按季度）/ A district's (or the city's) index per quarter" })
  @Can.read("overview")
  async zeroWasteIndexHistory(@Ctx() ctx: Context, @Arg("districtId", () => ID, { nullable: true, description: "区县（默认全市）/ District (default the city)" }) districtId?: string): Promise<ZeroWasteIndexEntry[]> {
    const d = districtId ? await districtIdOf(ctx.db, districtId, "districtId") : CITY_DISTRICT_ID;
    const list = await ctx.db
      .select()
      .from(indexScores)
      .where(eq(indexScores.districtId, d))
      .orderBy(asc(indexScores.year), asc(indexScores.quarter));
    const entries: ZeroWasteIndexEntry[] = [];
    for (let i = 0; i < list.length; i++) entries.push(...(await indexEntries(ctx, [list[i]!], i > 0 ? [list[i - 1]!] : [])));
    return entries;
  }

  @Query(() => ZeroWasteIndexDetail, { nullable: true, description: "无废指数明细：指数背后的各项指标 / Drill-down: the indicators behind an index value" })
  @Can.read("overview")
  async zeroWasteIndexDetail(
    @Ctx() ctx: Context,
    @Arg("districtId", () => ID, { description: "市或区县 / City or district" }) districtId: string,
    @Arg("year", () => Int, { description: "年度 / Year" }) year: number,
    @Arg("quarter", () => Int, { description: "季度 / Quarter" }) quarter: number,
  ): Promise<ZeroWasteIndexDetail | null> {
    const d = await districtIdOf(ctx.db, districtId, "districtId");
    const [r] = await ctx.db
      .select()
      .from(indexScores)
      .where(and(eq(indexScores.districtId, d), eq(indexScores.year, year), eq(indexScores.quarter, quarter)));
    if (!r) return null;
    const prev = prevQuarter(year, quarter);
    const [p] = await ctx.db
      .select()
      .from(indexScores)
      .where(and(eq(indexScores.districtId, d), eq(indexScores.year, prev.year), eq(indexScores.quarter, prev.quarter)));
    const comps = await ctx.db
      .select()
      .from(indexComponents)
      .where(and(eq(indexComponents.districtId, d), eq(indexComponents.year, year), eq(indexComponents.quarter, quarter)));
    const { indicators: inds } = await indicatorSystem(ctx);
    const [entry] = await indexEntries(ctx, [r], p ? [p] : []);
    return {
      entry: entry!,
      components: comps
        .map((c) => ({
          indicator: inds.find((i) => i.id === c.indicatorId) as unknown as Indicator,
          actual: c.actual,
          actualQuarter: c.actualQuarter,
          target: c.target,
          score: c.score,
          weight: c.weight,
          contribution: (Math.round(Number(c.score) * Number(c.weight) * 100) / 100).toFixed(2),
        }))
        .filter((c) => c.indicator)
        .sort((a, b) => Number(b.weight) - Number(a.weight) || Number(a.score) - Number(b.score)),
    };
  }

  // ——— tasks ———

  @Query(() => TrackingTaskConnection, { description: "任务清单（部门工作人员只见本部门任务）/ Task lists (department staff see their own department's)", complexity: connectionComplexity })
  @Can.record("read")
  async trackingTasks(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => TrackingTaskFilter, { nullable: true }) filter?: TrackingTaskFilter) {
    const p = ctx.principal;
    requireTrackingReader(p);
    const f = filter ?? {};
    const dept = optionalIdOf("Department", f.departmentId, "filter.departmentId");
    const d = f.districtId ? idOf("District", f.districtId, "filter.districtId") : undefined;
    const s = f.search?.trim();
    const ownOnly = await ownDepartmentOnly(ctx);
    return paginate({
      db: ctx.db,
      table: trackingTasks,
      id: trackingTasks.id,
      orderBy: f.updatedSince ? trackingTasks.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        ownOnly ? eq(trackingTasks.departmentId, p.departmentId ?? -1) : undefined,
        p.districtId != null ? eq(trackingTasks.districtId, p.districtId) : undefined,
        dept ? eq(trackingTasks.departmentId, dept) : undefined,
        d ? eq(trackingTasks.districtId, d) : undefined,
        f.year ? eq(trackingTasks.year, f.year) : undefined,
        f.status?.length ? inArray(trackingTasks.status, f.status) : undefined,
        f.overdue != null ? eq(trackingTasks.overdue, f.overdue) : undefined,
        s ? or(ilike(trackingTasks.title, `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), ilike(trackingTasks.code, `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)) : undefined,
        f.updatedSince ? gte(trackingTasks.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => [TaskSummaryRow], { description: "各部门任务汇总（推进中、待销号、已销号、逾期）/ Task counts per department" })
  @Can.record("read")
  async trackingTaskSummary(@Ctx() ctx: Context, @Arg("year", () => Int, { nullable: true, description: "年度（默认全部）/ Year (default all)" }) year?: number): Promise<TaskSummaryRow[]> {
    const p = ctx.principal;
    requireTrackingReader(p);
    const list = await ctx.db
      .select({ departmentId: trackingTasks.departmentId, status: trackingTasks.status, overdue: trackingTasks.overdue, n: sql<number>`count(*)::int` })
      .from(trackingTasks)
      .where(
        and(
          year ? eq(trackingTasks.year, year) : undefined,
          p.districtId != null ? eq(trackingTasks.districtId, p.districtId) : undefined,
          (await ownDepartmentOnly(ctx)) ? eq(trackingTasks.departmentId, p.departmentId ?? -1) : undefined,
        ),
      )
      .groupBy(trackingTasks.departmentId, trackingTasks.status, trackingTasks.overdue);
    const depts = await allDepartments(ctx.db);
    const ids = [...new Set(list.map((r) => r.departmentId))];
    return ids
      .map((id) => {
        const mine = list.filter((r) => r.departmentId === id);
        const sum = (pred: (r: (typeof mine)[number]) => boolean) => mine.filter(pred).reduce((a, r) => a + Number(r.n), 0);
        return {
          department: depts.find((d) => d.id === id) as unknown as Department,
          open: sum((r) => r.status === "OPEN"),
          submitted: sum((r) => r.status === "SUBMITTED"),
          closed: sum((r) => r.status === "CLOSED"),
          overdue: sum((r) => r.overdue),
        };
      })
      .sort((a, b) => b.overdue - a.overdue || (a.department as unknown as { sort: number }).sort - (b.department as unknown as { sort: number }).sort);
  }

  // ——— mutations ———

  @Mutation(() => IndicatorActualPayload, { description: "报送指标完成值（责任部门或市无废办；同期再报为修订）/ Report an indicator's value (responsible department or the office; reporting the same period again corrects it)" })
  @Can.record("write")
  async reportIndicatorActual(@Arg("input", () => ReportIndicatorActualInput) input: ReportIndicatorActualInput, @Ctx() ctx: Context): Promise<IndicatorActualPayload> {
    const indicatorId = idOf("Indicator", input.indicatorId, "input.indicatorId");
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    const r = await runMutation(ctx, "reportIndicatorActual", input, async (w) => ({ actual: (await reportActual(w, { ...input, indicatorId, districtId })) as unknown as IndicatorActual }));
    return { actual: r.actual ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => IndicatorPayload, { description: "新建指标（市无废办）/ Create an indicator (the office)" })
  @Can.write("cells")
  async createIndicator(@Arg("input", () => CreateIndicatorInput) input: CreateIndicatorInput, @Ctx() ctx: Context): Promise<IndicatorPayload> {
    const groupId = idOf("IndicatorGroup", input.groupId, "input.groupId");
    const responsibleDepartmentId = idOf("Department", input.responsibleDepartmentId, "input.responsibleDepartmentId");
    if (!(await allDepartments(ctx.db)).some((d) => d.id === responsibleDepartmentId)) throw badInput("input.responsibleDepartmentId", "no such department");
    const r = await runMutation(ctx, "createIndicator", input, async (w) => ({ indicator: (await createIndicator(w, { ...input, groupId, responsibleDepartmentId })) as unknown as Indicator }));
    return { indicator: r.indicator ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => IndicatorPayload, { description: "修改指标（市无废办）/ Change an indicator (the office)" })
  @Can.write("cells")
  async updateIndicator(@Arg("input", () => UpdateIndicatorInput) input: UpdateIndicatorInput, @Ctx() ctx: Context): Promise<IndicatorPayload> {
    const id = idOf("Indicator", input.id, "input.id");
    const groupId = optionalIdOf("IndicatorGroup", input.groupId, "input.groupId");
    const responsibleDepartmentId = optionalIdOf("Department", input.responsibleDepartmentId, "input.responsibleDepartmentId");
    if (responsibleDepartmentId != null && !(await allDepartments(ctx.db)).some((d) => d.id === responsibleDepartmentId)) throw badInput("input.responsibleDepartmentId", "no such department");
    const r = await runMutation(ctx, "updateIndicator", input, async (w) => ({ indicator: (await updateIndicator(w, id, { ...input, groupId, responsibleDepartmentId })) as unknown as Indicator }));
    return { indicator: r.indicator ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => OkPayload, { description: "设置指标各年度目标（市无废办；区县办只能设本区县）/ Set an indicator's yearly targets (the office; a district office only its own district)" })
  @Can.write("cells")
  async setIndicatorTargets(@Arg("input", () => SetIndicatorTargetsInput) input: SetIndicatorTargetsInput, @Ctx() ctx: Context): Promise<OkPayload> {
    const id = idOf("Indicator", input.indicatorId, "input.indicatorId");
    const targets = input.targets.map((t, k) => ({ districtId: idOf("District", t.districtId, `input.targets[${k}].districtId`), year: t.year, target: t.target }));
    const r = await runMutation(ctx, "setIndicatorTargets", input, async (w) => {
      await setTargets(w, id, targets);
      return { ok: true };
    });
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }

  @Mutation(() => OkPayload, { description: "设置指标组在无废指数中的权重（合计为 1）/ Set the groups' weights in the index (adding up to 1)" })
  @Can.write("cells")
  async setIndicatorGroupWeights(@Arg("weights", () => [GroupWeightInput], { description: "各组权重 / Weights" }) weights: GroupWeightInput[], @Ctx() ctx: Context): Promise<OkPayload> {
    if (weights.length > 20) throw badInput("weights", "at most 20");
    const parsed = weights.map((x, k) => ({ groupId: idOf("IndicatorGroup", x.groupId, `weights[${k}].groupId`), weight: x.weight }));
    const r = await runMutation(ctx, "setIndicatorGroupWeights", weights, async (w) => {
      await setGroupWeights(w, parsed);
      return { ok: true };
    });
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }

  @Mutation(() => RecomputeIndexPayload, { description: "重算某年度的指标状态和无废指数（市无废办）/ Recompute a year's indicator statuses and index (the office)" })
  @Can.write("cells")
  async recomputeZeroWasteIndex(@Arg("year", () => Int, { description: "年度 / Year" }) year: number, @Ctx() ctx: Context): Promise<RecomputeIndexPayload> {
    if (!(PLAN_YEARS as readonly number[]).includes(year) && (year < 2021 || year > currentQuarter().year)) throw badInput("year", "a year of the plan period up to now");
    const r = await runMutation(ctx, "recomputeZeroWasteIndex", { year }, async (w) => {
      if ((await actingAs(w.tx, w.principal)) !== "OFFICE") throw forbidden("Only the zero-waste office (市无废办) may do this");
      await refreshStatuses(w.tx, { year });
      const q = currentQuarter();
      const written = await recomputeIndexYear(w.tx, year, 1, year < q.year ? 4 : q.quarter);
      return { written };
    });
    return { written: r.written ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => OkPayload, { description: "录入省公布的浙江无废指数城市排名（市无废办）/ Record the province's published city ranking (the office)" })
  @Can.write("cells")
  async recordProvincialIndex(@Arg("input", () => RecordProvincialIndexInput) input: RecordProvincialIndexInput, @Ctx() ctx: Context): Promise<OkPayload> {
    const r = await runMutation(ctx, "recordProvincialIndex", input, async (w) => {
      await recordProvincialIndex(w, input.year, input.quarter, input.cities);
      return { ok: true };
    });
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }

  @Mutation(() => TrackingTaskPayload, { description: "新建任务（市无废办）/ Create a task (the office)" })
  @Can.write("cells")
  async createTrackingTask(@Arg("input", () => CreateTrackingTaskInput) input: CreateTrackingTaskInput, @Ctx() ctx: Context): Promise<TrackingTaskPayload> {
    const departmentId = idOf("Department", input.departmentId, "input.departmentId");
    const districtId = input.districtId ? await districtIdOf(ctx.db, input.districtId, "input.districtId") : null;
    const r = await runMutation(ctx, "createTrackingTask", input, async (w) => ({ task: (await createTask(w, { ...input, departmentId, districtId })) as unknown as TrackingTask }));
    return { task: r.task ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TrackingTaskPayload, { description: "修改任务（市无废办）/ Change a task (the office)" })
  @Can.write("cells")
  async updateTrackingTask(@Arg("input", () => UpdateTrackingTaskInput) input: UpdateTrackingTaskInput, @Ctx() ctx: Context): Promise<TrackingTaskPayload> {
    const id = idOf("TrackingTask", input.id, "input.id");
    const r = await runMutation(ctx, "updateTrackingTask", input, async (w) => ({ task: (await updateTask(w, id, input)) as unknown as TrackingTask }));
    return { task: r.task ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TrackingTaskPayload, { description: "任务流转：报送佐证、销号、退回、取消、重新打开 / Move a task: submit evidence, close (销号), return, cancel, reopen" })
  @Can.record("write")
  async transitionTrackingTask(
    @Arg("id", () => ID, { description: "任务 / The task" }) id: string,
    @Arg("action", () => TaskActionKey, { description: "动作 / Action" }) action: TaskActionKey,
    @Ctx() ctx: Context,
    @Arg("text", () => String, { nullable: true, description: "佐证材料（报送时）或理由 / Evidence (when submitting) or reason" }) text?: string,
  ): Promise<TrackingTaskPayload> {
    const taskId = idOf("TrackingTask", id, "id");
    if (text && text.length > 8000) throw badInput("text", "at most 8000 characters");
    const t = await taskById(ctx.db, taskId);
    if (!t || !(await taskVisible(ctx, t))) throw notFound("task");
    const r = await runMutation(ctx, "transitionTrackingTask", { id, action, text }, async (w) => ({ task: (await transitionTask(w, taskId, action as TaskAction, text)) as unknown as TrackingTask }));
    return { task: r.task ?? null, userErrors: r.userErrors };
  }
}

@Resolver(() => IndicatorGroup)
export class IndicatorGroupFieldResolver {
  @FieldResolver(() => [Indicator], { description: "组内指标 / Indicators of the group" })
  async indicators(@Root() g: GroupRow, @Ctx() ctx: Context) {
    return (await indicatorSystem(ctx)).indicators.filter((i) => i.groupId === g.id && i.active);
  }
}

@Resolver(() => Indicator)
export class IndicatorFieldResolver {
  @FieldResolver(() => IndicatorGroup, { description: "指标组 / Group" })
  async group(@Root() i: IndicatorRow, @Ctx() ctx: Context) {
    return (await indicatorSystem(ctx)).groups.find((g) => g.id === i.groupId);
  }
  @FieldResolver(() => Department, { description: "责任部门 / Responsible department" })
  async responsibleDepartment(@Root() i: IndicatorRow, @Ctx() ctx: Context) {
    return departmentOf(ctx, i.responsibleDepartmentId);
  }
  @FieldResolver(() => Boolean, { description: "调用者所在部门负责报送 / The caller's department reports it" })
  mine(@Root() i: IndicatorRow, @Ctx() ctx: Context) {
    return ctx.principal.departmentId === i.responsibleDepartmentId;
  }
  @FieldResolver(() => [IndicatorTarget], { description: "各年度目标（某市/区县）/ Yearly targets of the city or a district" })
  async targets(@Root() i: IndicatorRow, @Ctx() ctx: Context, @Arg("districtId", () => ID, { nullable: true, description: "市或区县（默认市级）/ City or district (default the city)" }) districtId?: string) {
    const d = boardDistrict(ctx.principal, districtId ? idOf("District", districtId, "districtId") : undefined);
    const l = loader<string, (typeof indicatorTargets.$inferSelect)[]>(ctx, "cells.targetsOf", async (keys) => {
      const pairs = keys.map((k) => k.split(":").map(Number) as [number, number]);
      const list = await ctx.db
        .select()
        .from(indicatorTargets)
        .where(and(inArray(indicatorTargets.indicatorId, [...new Set(pairs.map((x) => x[0]))]), inArray(indicatorTargets.districtId, [...new Set(pairs.map((x) => x[1]))])))
        .orderBy(asc(indicatorTargets.year));
      return keys.map((k) => list.filter((t) => `${t.indicatorId}:${t.districtId}` === k));
    });
    const list = (await l.load(`${i.id}:${d}`)) ?? [];
    const district = await districtOf(ctx, d);
    return list.map((t) => ({ ...t, district }));
  }
}

@Resolver(() => IndicatorActual)
export class IndicatorActualFieldResolver {
  @FieldResolver(() => Indicator, { description: "指标 / Indicator" })
  async indicator(@Root() a: ActualRow, @Ctx() ctx: Context) {
    return (await indicatorSystem(ctx)).indicators.find((i) => i.id === a.indicatorId);
  }
  @FieldResolver(() => District, { description: "市或区县 / City or district" })
  async district(@Root() a: ActualRow, @Ctx() ctx: Context) {
    return districtOf(ctx, a.districtId);
  }
  @FieldResolver(() => Department, { nullable: true, description: "报送部门 / Reporting department" })
  async department(@Root() a: ActualRow, @Ctx() ctx: Context) {
    return departmentOf(ctx, a.departmentId);
  }
}

@Resolver(() => TrackingTask)
export class TrackingTaskFieldResolver {
  @FieldResolver(() => Department, { description: "责任部门 / Department" })
  async department(@Root() t: TaskRow, @Ctx() ctx: Context) {
    return departmentOf(ctx, t.departmentId);
  }
  @FieldResolver(() => District, { nullable: true, description: "区县；为空表示市级 / District; empty for city level" })
  async district(@Root() t: TaskRow, @Ctx() ctx: Context) {
    return districtOf(ctx, t.districtId);
  }
  @FieldResolver(() => [TaskActionKey], { description: "当前调用者可执行的动作 / Actions the caller may take now" })
  async allowedActions(@Root() t: TaskRow, @Ctx() ctx: Context) {
    const p = ctx.principal;
    if (p.org || (p.districtId != null && t.districtId !== p.districtId)) return [];
    const acting = await actingAs(ctx.db, p);
    const role = acting === "OFFICE" || acting === "SYSTEM" ? "OFFICE" : acting === "DEPARTMENT" && p.departmentId === t.departmentId ? "DEPARTMENT" : null;
    if (!role) return [];
    return (Object.keys(TASK_TRANSITIONS) as TaskAction[]).filter((k) => TASK_TRANSITIONS[k].from.includes(t.status) && TASK_TRANSITIONS[k].by.includes(role));
  }
}

export const trackingResolvers = [TrackingResolver, IndicatorGroupFieldResolver, IndicatorFieldResolver, IndicatorActualFieldResolver, TrackingTaskFieldResolver] as const;

