/**
 * GraphQL resolvers of 无废细胞 (zero-waste cells): thin — decode IDs, check access and scope,
 * call the services in cell-service.ts inside runMutation.
 */
import { and, asc, eq, gte, ilike, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, can } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { badInput, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf, toGlobalId } from "../../graphql/ids.js";
import { runMutation } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { inScope, requireInScope, scopeWhere } from "../../graphql/scope.js";
import { allDistricts, districtIdOf } from "../core/resolvers.js";
import { District } from "../core/types.js";
import { APPLICATION_TRANSITIONS, certificateState, type ApplicationAction } from "./cell-rules.js";
import {
  applicationById,
  applicationScope,
  configureCellType,
  createUnit,
  saveSelfAssessment,
  scoreApplication,
  setCellTarget,
  setChecklist,
  startApplication,
  transitionApplication,
  unitById,
  unitScope,
  updateUnit,
} from "./cell-service.js";
import { actingAs, CITY_DISTRICT_ID, UNIT_ORG_KIND } from "./common.js";
import {
  CellApplicationFilter,
  CellUnitFilter,
  ChecklistItemInput,
  ConfigureCellTypeInput,
  CreateCellUnitInput,
  SaveSelfAssessmentInput,
  ScoreApplicationInput,
  SetCellTargetInput,
  UpdateCellUnitInput,
} from "./inputs.js";
import { allCellTypes, applicationLoader, applicationsOfUnitLoader, assessmentItemsLoader, cellTypeOf, checklistLoader, districtOf, unitLoader, type ApplicationRow, type CellTypeRow, type UnitRow } from "./loaders.js";
import { applications, cellTargets, checklistItems, stockCounts, units } from "./tables.js";
import {
  AssessmentItem,
  CellApplication,
  CellApplicationAction,
  CellApplicationConnection,
  CellApplicationPayload,
  CellCountRow,
  CellMapPoint,
  CellType,
  CellTypePayload,
  CellUnit,
  CellUnitConnection,
  CellUnitPayload,
  CellUnitStatus,
  CertificateLevel,
  CertificateState,
  ChecklistItem,
} from "./types.js";
import { OkPayload } from "../core/types.js";

const readsCells = (ctx: Context) => can(ctx.principal, "cells:read") || can(ctx.principal, "cells:read:op");

registerNode("CellType", async (ctx, id) => (readsCells(ctx) ? cellTypeOf(ctx, id) : null));
registerNode("ChecklistItem", async (ctx, id) => {
  if (!readsCells(ctx)) return null;
  const [i] = await ctx.db.select().from(checklistItems).where(eq(checklistItems.id, id));
  return i ?? null;
});
registerNode("CellUnit", async (ctx, id) => {
  if (!readsCells(ctx)) return null;
  const u = await unitLoader(ctx).load(id);
  return u && inScope(ctx.principal, unitScope(u)) ? u : null;
});
registerNode("CellApplication", async (ctx, id) => {
  if (!readsCells(ctx)) return null;
  const a = await applicationLoader(ctx).load(id);
  return a && inScope(ctx.principal, applicationScope(a)) ? a : null;
});

function unitScopeWhere(ctx: Context) {
  return scopeWhere(ctx.principal, { district: units.districtId, orgs: [{ kind: UNIT_ORG_KIND, column: units.id }] });
}
function applicationScopeWhere(ctx: Context) {
  return scopeWhere(ctx.principal, { district: applications.districtId, orgs: [{ kind: UNIT_ORG_KIND, column: applications.unitId }] });
}

function likeOf(s: string) {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Resolver()
export class CellsResolver {
  @Query(() => [CellType], { description: "无废细胞类型及评分细则 / Zero-waste cell types with their checklists" })
  @Can.read("cells", { operator: true })
  async cellTypes(@Ctx() ctx: Context): Promise<CellType[]> {
    return (await allCellTypes(ctx)) as unknown as CellType[];
  }

  @Query(() => CellUnitConnection, { description: "创建单位（单位账号只见本单位）/ Units (a unit's account sees only itself)", complexity: connectionComplexity })
  @Can.read("cells", { operator: true })
  async cellUnits(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => CellUnitFilter, { nullable: true }) filter?: CellUnitFilter) {
    const f = filter ?? {};
    const district = f.districtId ? idOf("District", f.districtId, "filter.districtId") : undefined;
    const type = optionalIdOf("CellType", f.cellTypeId, "filter.cellTypeId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: units,
      id: units.id,
      orderBy: f.updatedSince ? units.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        ...unitScopeWhere(ctx),
        district ? eq(units.districtId, district) : undefined,
        type ? eq(units.cellTypeId, type) : undefined,
        f.cellStatus?.length ? inArray(units.cellStatus, f.cellStatus) : undefined,
        s ? ilike(units.name, likeOf(s)) : undefined,
        f.updatedSince ? gte(units.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => CellUnit, { nullable: true, description: "一个创建单位 / One unit" })
  @Can.read("cells", { operator: true })
  async cellUnit(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    const u = await unitLoader(ctx).load(idOf("CellUnit", id, "id"));
    if (!u) return null;
    requireInScope(ctx.principal, unitScope(u));
    return u;
  }

  @Query(() => CellApplicationConnection, { description: "无废细胞申请（单位账号只见本单位）/ Applications (a unit's account sees only its own)", complexity: connectionComplexity })
  @Can.read("cells", { operator: true })
  async cellApplications(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => CellApplicationFilter, { nullable: true }) filter?: CellApplicationFilter) {
    const f = filter ?? {};
    const district = f.districtId ? idOf("District", f.districtId, "filter.districtId") : undefined;
    const type = optionalIdOf("CellType", f.cellTypeId, "filter.cellTypeId");
    const unit = optionalIdOf("CellUnit", f.unitId, "filter.unitId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: applications,
      id: applications.id,
      orderBy: f.updatedSince ? applications.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        ...applicationScopeWhere(ctx),
        district ? eq(applications.districtId, district) : undefined,
        type ? eq(applications.cellTypeId, type) : undefined,
        unit ? eq(applications.unitId, unit) : undefined,
        f.status?.length ? inArray(applications.status, f.status) : undefined,
        f.validUntilBefore ? lt(applications.validUntil, f.validUntilBefore) : undefined,
        s
          ? or(
              ilike(applications.number, likeOf(s)),
              ilike(applications.certificateNo, likeOf(s)),
              sql`${applications.unitId} in (select id from cells.units where name ilike ${likeOf(s)})`,
            )
          : undefined,
        f.updatedSince ? gte(applications.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => CellApplication, { nullable: true, description: "一份申请 / One application" })
  @Can.read("cells", { operator: true })
  async cellApplication(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    const a = await applicationLoader(ctx).load(idOf("CellApplication", id, "id"));
    if (!a) return null;
    requireInScope(ctx.principal, applicationScope(a));
    return a;
  }

  @Query(() => [CellCountRow], {
    description: "各区县、各类型无废细胞数与年度目标（每区县一行合计、各类型各一行，另有全市合计）/ Cells per district and type against the year's targets (a total row per district, a row per type, and a city total)",
  })
  @Can.read("cells")
  async cellCounts(@Ctx() ctx: Context, @Arg("year", () => Int, { description: "目标年度 / Target year" }) year: number): Promise<CellCountRow[]> {
    if (year < 2020 || year > 2035) throw badInput("year", "2020–2035");
    const p = ctx.principal;
    const districts = (await allDistricts(ctx.db)).filter((d) => d.level === "DISTRICT" && (p.districtId == null || d.id === p.districtId));
    const types = await allCellTypes(ctx);
    const counts = await ctx.db.select().from(stockCounts).where(eq(stockCounts.metric, "unit.status"));
    const targets = await ctx.db.select().from(cellTargets).where(eq(cellTargets.year, year));
    const n = (districtId: number | null, typeCode: string | null, status: string) =>
      counts.filter((c) => (districtId == null || c.districtId === districtId) && (typeCode == null || c.dim.startsWith(`${typeCode}:`)) && c.dim.endsWith(`:${status}`)).reduce((a, c) => a + c.n, 0);
    const target = (districtId: number, typeId: number | null) => targets.find((t) => t.districtId === districtId && (t.cellTypeId ?? null) === typeId)?.target ?? null;
    const out: CellCountRow[] = [];
    const mk = (d: { id: number }, t: CellTypeRow | null, tgt: number | null, districtId: number | null): CellCountRow => {
      const certified = n(districtId, t?.code ?? null, "CERTIFIED");
      return {
        district: d as unknown as District,
        cellType: t as unknown as CellType,
        certified,
        applying: n(districtId, t?.code ?? null, "APPLYING"),
        expired: n(districtId, t?.code ?? null, "EXPIRED"),
        target: tgt,
        gap: tgt == null ? null : tgt - certified,
      };
    };
    for (const d of districts) {
      const shaped = (await districtOf(ctx, d.id))!;
      out.push(mk(shaped, null, target(d.id, null), d.id));
      for (const t of types) out.push(mk(shaped, t, target(d.id, t.id), d.id));
    }
    if (p.districtId == null) {
      const city = (await districtOf(ctx, CITY_DISTRICT_ID))!;
      const sumTargets = districts.map((d) => target(d.id, null)).filter((x): x is number => x != null);
      const cityTarget = target(CITY_DISTRICT_ID, null) ?? (sumTargets.length ? sumTargets.reduce((a, b) => a + b, 0) : null);
      out.push(mk(city, null, cityTarget, null));
    }
    return out;
  }

  @Query(() => [CellMapPoint], { description: "地图上的无废细胞（有坐标的单位，最多 5000 个）/ Units with coordinates for the map (at most 5,000)", complexity: 200 })
  @Can.read("cells")
  async cellMapPoints(
    @Ctx() ctx: Context,
    @Arg("status", () => [CellUnitStatus], { nullable: true, description: "状态（默认已命名）/ Statuses (default: certified)" }) status?: CellUnitStatus[],
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
    @Arg("cellTypeId", () => ID, { nullable: true, description: "类型 / Cell type" }) cellTypeId?: string,
  ): Promise<CellMapPoint[]> {
    const district = optionalIdOf("District", districtId, "districtId");
    const type = optionalIdOf("CellType", cellTypeId, "cellTypeId");
    const types = await allCellTypes(ctx);
    const list = await ctx.db
      .select({ id: units.id, name: units.name, cellTypeId: units.cellTypeId, districtId: units.districtId, status: units.cellStatus, certificateNo: units.certificateNo, lon: units.lon, lat: units.lat })
      .from(units)
      .where(
        and(
          ...unitScopeWhere(ctx),
          inArray(units.cellStatus, status?.length ? status : ["CERTIFIED"]),
          isNotNull(units.lon),
          district ? eq(units.districtId, district) : undefined,
          type ? eq(units.cellTypeId, type) : undefined,
        ),
      )
      .orderBy(asc(units.id))
      .limit(5000);
    return list.map((u) => ({
      id: toGlobalId("CellUnit", u.id),
      name: u.name,
      cellType: types.find((t) => t.id === u.cellTypeId)?.code ?? "",
      districtId: toGlobalId("District", u.districtId),
      status: u.status as CellUnitStatus,
      certificateNo: u.certificateNo,
      lon: Number(u.lon),
      lat: Number(u.lat),
    }));
  }

  // ——— mutations ———

  @Mutation(() => CellUnitPayload, { description: "登记创建单位（工作人员）/ Register a unit (staff)" })
  @Can.write("cells")
  async createCellUnit(@Arg("input", () => CreateCellUnitInput) input: CreateCellUnitInput, @Ctx() ctx: Context): Promise<CellUnitPayload> {
    const cellTypeId = idOf("CellType", input.cellTypeId, "input.cellTypeId");
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    const r = await runMutation(ctx, "createCellUnit", input, async (w) => ({ unit: (await createUnit(w, { ...input, cellTypeId, districtId })) as unknown as CellUnit }));
    return { unit: r.unit ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CellUnitPayload, { description: "修改单位信息（单位本身或工作人员）/ Change a unit's details (the unit itself or staff)" })
  @Can.write("cells", { operator: true })
  async updateCellUnit(@Arg("input", () => UpdateCellUnitInput) input: UpdateCellUnitInput, @Ctx() ctx: Context): Promise<CellUnitPayload> {
    const id = idOf("CellUnit", input.id, "input.id");
    const u = await unitById(ctx.db, id);
    if (!u) throw notFound("unit");
    requireInScope(ctx.principal, unitScope(u));
    const r = await runMutation(ctx, "updateCellUnit", input, async (w) => ({ unit: (await updateUnit(w, id, input)) as unknown as CellUnit }));
    return { unit: r.unit ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CellApplicationPayload, { description: "发起无废细胞创建申请或复评（单位或代为申请的工作人员）/ Start an application or re-assessment (the unit, or staff on its behalf)" })
  @Can.write("cells", { operator: true })
  async startCellApplication(@Arg("unitId", () => ID, { description: "单位 / The unit" }) unitId: string, @Ctx() ctx: Context): Promise<CellApplicationPayload> {
    const id = idOf("CellUnit", unitId, "unitId");
    const u = await unitById(ctx.db, id);
    if (!u) throw notFound("unit");
    requireInScope(ctx.principal, unitScope(u));
    const r = await runMutation(ctx, "startCellApplication", { unitId }, async (w) => ({ application: (await startApplication(w, id)) as unknown as CellApplication }));
    return { application: r.application ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CellApplicationPayload, { description: "保存创建情况说明、自评分和佐证材料（草稿阶段）/ Save the summary, self-scores and evidence (while a draft)" })
  @Can.write("cells", { operator: true })
  async saveCellSelfAssessment(@Arg("input", () => SaveSelfAssessmentInput) input: SaveSelfAssessmentInput, @Ctx() ctx: Context): Promise<CellApplicationPayload> {
    const appId = idOf("CellApplication", input.applicationId, "input.applicationId");
    const items = input.items.map((i, k) => ({ itemId: idOf("ChecklistItem", i.itemId, `input.items[${k}].itemId`), selfScore: i.selfScore, evidence: i.evidence }));
    const app = await applicationById(ctx.db, appId);
    if (!app) throw notFound("application");
    requireInScope(ctx.principal, applicationScope(app));
    const r = await runMutation(ctx, "saveCellSelfAssessment", input, async (w) => ({ application: (await saveSelfAssessment(w, app, input.summary, items)) as unknown as CellApplication }));
    return { application: r.application ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CellApplicationPayload, { description: "评审逐项打分（市无废办；得分不得超过该项分值）/ Score items (the office; a score cannot exceed its item's points)" })
  @Can.write("cells")
  async scoreCellApplication(@Arg("input", () => ScoreApplicationInput) input: ScoreApplicationInput, @Ctx() ctx: Context): Promise<CellApplicationPayload> {
    const appId = idOf("CellApplication", input.applicationId, "input.applicationId");
    const scores = input.scores.map((s, k) => ({ itemId: idOf("ChecklistItem", s.itemId, `input.scores[${k}].itemId`), score: s.score ?? null, evidence: s.evidence, comment: s.comment }));
    const app = await applicationById(ctx.db, appId);
    if (!app) throw notFound("application");
    requireInScope(ctx.principal, applicationScope(app));
    const r = await runMutation(ctx, "scoreCellApplication", input, async (w) => ({ application: (await scoreApplication(w, app, scores)) as unknown as CellApplication }));
    return { application: r.application ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CellApplicationPayload, { description: "申请流转：提交、撤回、开始评审、退回、命名、不予通过、撤销 / Move an application: submit, withdraw, start review, return, certify, reject, revoke" })
  @Can.write("cells", { operator: true })
  async transitionCellApplication(
    @Arg("id", () => ID, { description: "申请 / The application" }) id: string,
    @Arg("action", () => CellApplicationAction, { description: "动作 / Action" }) action: CellApplicationAction,
    @Ctx() ctx: Context,
    @Arg("comment", () => String, { nullable: true, description: "意见或理由 / Comment or reason" }) comment?: string,
    @Arg("level", () => CertificateLevel, { nullable: true, description: "命名级别（命名时）/ Level (when certifying)" }) level?: CertificateLevel,
  ): Promise<CellApplicationPayload> {
    const appId = idOf("CellApplication", id, "id");
    if (comment && comment.length > 2000) throw badInput("comment", "at most 2000 characters");
    const app = await applicationById(ctx.db, appId);
    if (!app) throw notFound("application");
    requireInScope(ctx.principal, applicationScope(app));
    const r = await runMutation(ctx, "transitionCellApplication", { id, action, comment, level }, async (w) => ({
      application: (await transitionApplication(w, appId, action as ApplicationAction, { comment, level: level ?? null })) as unknown as CellApplication,
    }));
    return { application: r.application ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CellTypePayload, { description: "设置合格线和证书有效期（市无废办）/ Set a cell type's pass mark and validity (the office)" })
  @Can.write("cells")
  async configureCellType(@Arg("input", () => ConfigureCellTypeInput) input: ConfigureCellTypeInput, @Ctx() ctx: Context): Promise<CellTypePayload> {
    const id = idOf("CellType", input.cellTypeId, "input.cellTypeId");
    const r = await runMutation(ctx, "configureCellType", input, async (w) => ({ cellType: (await configureCellType(w, id, input)) as unknown as CellType }));
    return { cellType: r.cellType ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CellTypePayload, { description: "发布新版评分细则（合计须为 100 分；已有申请保留原版本）/ Publish a new checklist version (points must add up to 100; existing applications keep theirs)" })
  @Can.write("cells")
  async setCellChecklist(
    @Arg("cellTypeId", () => ID, { description: "细胞类型 / Cell type" }) cellTypeId: string,
    @Arg("items", () => [ChecklistItemInput], { description: "条目 / Items" }) items: ChecklistItemInput[],
    @Ctx() ctx: Context,
  ): Promise<CellTypePayload> {
    const id = idOf("CellType", cellTypeId, "cellTypeId");
    if (items.length > 60) throw badInput("items", "at most 60 items");
    const r = await runMutation(ctx, "setCellChecklist", { cellTypeId, items }, async (w) => ({ cellType: (await setChecklist(w, id, items)) as unknown as CellType }));
    return { cellType: r.cellType ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => OkPayload, { description: "设置区县无废细胞创建目标（市无废办）/ Set a district's cell target (the office)" })
  @Can.write("cells")
  async setCellTarget(@Arg("input", () => SetCellTargetInput) input: SetCellTargetInput, @Ctx() ctx: Context): Promise<OkPayload> {
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    const cellTypeId = optionalIdOf("CellType", input.cellTypeId, "input.cellTypeId") ?? null;
    const r = await runMutation(ctx, "setCellTarget", input, async (w) => {
      await setCellTarget(w, { year: input.year, districtId, cellTypeId, target: input.target });
      return { ok: true };
    });
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }
}

@Resolver(() => CellType)
export class CellTypeFieldResolver {
  @FieldResolver(() => [ChecklistItem], { description: "当前版本的评分细则 / The current checklist" })
  async checklist(@Root() t: CellTypeRow, @Ctx() ctx: Context) {
    return checklistLoader(ctx).load(`${t.id}:${t.checklistVersion}`);
  }
  @FieldResolver(() => Int, { description: "细则总分（应为 100）/ Total points of the checklist (100)" })
  async totalPoints(@Root() t: CellTypeRow, @Ctx() ctx: Context) {
    const items = (await checklistLoader(ctx).load(`${t.id}:${t.checklistVersion}`)) ?? [];
    return items.reduce((a, i) => a + i.points, 0);
  }
}

@Resolver(() => CellUnit)
export class CellUnitFieldResolver {
  @FieldResolver(() => CellType, { description: "类型 / Cell type" })
  async cellType(@Root() u: UnitRow, @Ctx() ctx: Context) {
    return cellTypeOf(ctx, u.cellTypeId);
  }
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() u: UnitRow, @Ctx() ctx: Context) {
    return districtOf(ctx, u.districtId);
  }
  @FieldResolver(() => Number, { nullable: true, description: "经度 / Longitude" })
  lon(@Root() u: UnitRow) {
    return u.lon == null ? null : Number(u.lon);
  }
  @FieldResolver(() => Number, { nullable: true, description: "纬度 / Latitude" })
  lat(@Root() u: UnitRow) {
    return u.lat == null ? null : Number(u.lat);
  }
  @FieldResolver(() => [CellApplication], { description: "历次申请 / Applications, oldest first" })
  async applications(@Root() u: UnitRow, @Ctx() ctx: Context) {
    return (await applicationsOfUnitLoader(ctx).load(u.id)) ?? [];
  }
}

@Resolver(() => CellApplication)
export class CellApplicationFieldResolver {
  @FieldResolver(() => CellUnit, { description: "单位 / The unit" })
  async unit(@Root() a: ApplicationRow, @Ctx() ctx: Context) {
    return unitLoader(ctx).load(a.unitId);
  }
  @FieldResolver(() => CellType, { description: "类型 / Cell type" })
  async cellType(@Root() a: ApplicationRow, @Ctx() ctx: Context) {
    return cellTypeOf(ctx, a.cellTypeId);
  }
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() a: ApplicationRow, @Ctx() ctx: Context) {
    return districtOf(ctx, a.districtId);
  }
  @FieldResolver(() => CellApplication, { nullable: true, description: "复评所接续的申请 / The application this re-assesses" })
  async previousApplication(@Root() a: ApplicationRow, @Ctx() ctx: Context) {
    return a.previousApplicationId ? applicationLoader(ctx).load(a.previousApplicationId) : null;
  }
  @FieldResolver(() => [AssessmentItem], { description: "逐项自评与评分 / Item by item: evidence, self-score, score" })
  async items(@Root() a: ApplicationRow, @Ctx() ctx: Context) {
    return (await assessmentItemsLoader(ctx).load(a.id)) ?? [];
  }
  @FieldResolver(() => Int, { description: "已评分项数 / Items scored" })
  async scoredItems(@Root() a: ApplicationRow, @Ctx() ctx: Context) {
    return ((await assessmentItemsLoader(ctx).load(a.id)) ?? []).filter((i) => i.score != null).length;
  }
  @FieldResolver(() => CertificateState, { nullable: true, description: "证书有效性（已命名时）/ Certificate validity (when certified)" })
  certificateState(@Root() a: ApplicationRow) {
    if (a.status !== "CERTIFIED" || !a.validUntil) return null;
    return certificateState(a.validUntil, new Date());
  }
  @FieldResolver(() => [CellApplicationAction], { description: "当前调用者可执行的动作 / Actions the caller may take now" })
  async allowedActions(@Root() a: ApplicationRow, @Ctx() ctx: Context) {
    const p = ctx.principal;
    if (!(can(p, "cells:write") || can(p, "cells:write:op"))) return [];
    if (!inScope(p, applicationScope(a))) return [];
    if (p.districtId != null && p.districtId !== a.districtId) return [];
    const acting = await actingAs(ctx.db, p);
    const actor = acting === "OFFICE" || acting === "SYSTEM" ? "OFFICE" : acting ? "UNIT" : null;
    if (!actor) return [];
    return (Object.keys(CellApplicationAction) as ApplicationAction[]).filter((k) => {
      const t = APPLICATION_TRANSITIONS[k];
      return t.from.includes(a.status) && t.by.includes(actor);
    });
  }
}

export const cellsResolvers = [CellsResolver, CellTypeFieldResolver, CellUnitFieldResolver, CellApplicationFieldResolver] as const;
