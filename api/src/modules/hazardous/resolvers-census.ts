/**
 * Census resolvers: units (the dynamic list), training, inspections, hazards and their workflow.
 */
import { and, asc, eq, exists, gte, ilike, inArray, lt, ne, or, sql } from "drizzle-orm";
import { GraphQLDateTime } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, forbidden } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { badInput, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf } from "../../graphql/ids.js";
import { runMutation } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { inScope, requireDistrictWritable, requireInScope, scopeWhere } from "../../graphql/scope.js";
import { caseById } from "../core/cases.js";
import { districtIdOf } from "../core/resolvers.js";
import { Case, District } from "../core/types.js";
import { ORG, requireStaff } from "./access.js";
import { recordInspection, recordTraining, registerUnit, reportHazard, transitionHazard, updateUnit, type HazardActor, type HazardRow, type UnitRow } from "./census.js";
import { HazardFilter, HazardousUnitFilter, InspectionFilter, RecordInspectionInput, RecordTrainingInput, RegisterUnitInput, ReportHazardInput, UpdateUnitInput } from "./inputs.js";
import { load, readsStream, unitVisible } from "./resolver-kit.js";
import { shanghaiDay } from "./rollups.js";
import { collectionContracts, hazards, inspections, trainingAttendance, trainingSessions, units } from "./tables.js";
import {
  Hazard,
  HazardActionKey,
  HazardConnection,
  HazardEvent,
  HazardousDocument,
  HazardousUnit,
  HazardousUnitConnection,
  HazardousUnitPayload,
  HazardPayload,
  Inspection,
  InspectionConnection,
  InspectionPayload,
  TrainingAttendee,
  TrainingSession,
  TrainingSessionConnection,
  TrainingSessionPayload,
} from "./types.js";

const SOCIAL = ["LABORATORY", "AUTO_REPAIR", "HOSPITAL", "SCHOOL", "OTHER_SOCIAL"] as const;

registerNode("HazardousUnit", async (ctx, id) => {
  const u = await load.unit(ctx, id);
  return u && (await unitVisible(ctx, u)) ? u : null;
});
registerNode("Hazard", async (ctx, id) => {
  const [h] = await ctx.db.select().from(hazards).where(eq(hazards.id, id));
  return h && readsStream(ctx.principal) && inScope(ctx.principal, { districtId: h.districtId, orgs: { [ORG.unit]: h.unitId } }) ? h : null;
});
registerNode("Inspection", async (ctx, id) => {
  const [i] = await ctx.db.select().from(inspections).where(eq(inspections.id, id));
  return i && readsStream(ctx.principal) && inScope(ctx.principal, { districtId: i.districtId, orgs: { [ORG.unit]: i.unitId } }) ? i : null;
});
registerNode("TrainingSession", async (ctx, id) => {
  const [t] = await ctx.db.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  return t && readsStream(ctx.principal) && !ctx.principal.org && inScope(ctx.principal, { districtId: t.districtId }) ? t : null;
});

function unitScope(ctx: Context) {
  return scopeWhere(ctx.principal, {
    district: units.districtId,
    operator: (o) =>
      o.kind === ORG.unit
        ? eq(units.id, o.id)
        : o.kind === ORG.operator
          ? exists(ctx.db.select({ one: sql`1` }).from(collectionContracts).where(and(eq(collectionContracts.unitId, units.id), eq(collectionContracts.operatorId, o.id))))
          : sql`false`,
  });
}

async function hazardFor(ctx: Context, globalId: string, field: string): Promise<HazardRow> {
  const id = idOf("Hazard", globalId, field);
  const [h] = await ctx.db.select().from(hazards).where(eq(hazards.id, id));
  if (!h) throw notFound("hazard");
  requireInScope(ctx.principal, { districtId: h.districtId, orgs: { [ORG.unit]: h.unitId } });
  return h;
}

@Resolver()
export class CensusResolver {
  @Query(() => HazardousUnitConnection, { description: "产废单位名录（动态清单）/ The dynamic list of waste-producing units", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async hazardousUnits(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => HazardousUnitFilter, { nullable: true }) filter?: HazardousUnitFilter) {
    const f = filter ?? {};
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: units,
      id: units.id,
      orderBy: f.updatedSince ? units.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        ...unitScope(ctx),
        district ? eq(units.districtId, district) : undefined,
        f.kinds?.length ? inArray(units.kind, f.kinds) : undefined,
        f.smallMicro != null ? eq(units.smallMicro, f.smallMicro) : undefined,
        f.social === true ? inArray(units.kind, [...SOCIAL]) : f.social === false ? eq(units.kind, "ENTERPRISE") : undefined,
        f.active != null ? eq(units.active, f.active) : undefined,
        s ? (/^[0-9A-Z]{6,18}$/.test(s.toUpperCase()) ? sql`${units.creditCode} like ${`${s.toUpperCase()}%`}` : ilike(units.name, `%${s}%`)) : undefined,
        f.updatedSince ? gte(units.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => TrainingSessionConnection, { description: "培训批次 / Training sessions", complexity: connectionComplexity })
  @Can.read("hazardous")
  async trainingSessions(
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
    @Arg("updatedSince", () => GraphQLDateTime, { nullable: true, description: "增量同步：此时间之后变更的记录（按变更时间升序）/ Incremental sync: records changed since (oldest first)" }) updatedSince?: Date,
  ) {
    const district = optionalIdOf("District", districtId, "districtId");
    return paginate({
      db: ctx.db,
      table: trainingSessions,
      id: trainingSessions.id,
      orderBy: updatedSince ? trainingSessions.updatedAt : undefined,
      ascending: !!updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: trainingSessions.districtId }),
        district ? eq(trainingSessions.districtId, district) : undefined,
        updatedSince ? gte(trainingSessions.updatedAt, updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => InspectionConnection, { description: "检查记录 / Inspections", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async hazardousInspections(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => InspectionFilter, { nullable: true }) filter?: InspectionFilter) {
    const f = filter ?? {};
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    const unit = optionalIdOf("HazardousUnit", f.unitId, "filter.unitId");
    return paginate({
      db: ctx.db,
      table: inspections,
      id: inspections.id,
      orderBy: f.updatedSince ? inspections.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: inspections.districtId, orgs: [{ kind: ORG.unit, column: inspections.unitId }] }),
        f.kind ? eq(inspections.kind, f.kind) : undefined,
        district ? eq(inspections.districtId, district) : undefined,
        unit ? eq(inspections.unitId, unit) : undefined,
        f.updatedSince ? gte(inspections.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => HazardConnection, { description: "问题隐患（看板可按期限排序）/ Hazards (the board orders by deadline)", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async hazards(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => HazardFilter, { nullable: true }) filter?: HazardFilter) {
    const f = filter ?? {};
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    const unit = optionalIdOf("HazardousUnit", f.unitId, "filter.unitId");
    const today = shanghaiDay(new Date());
    const orderBy = f.updatedSince ? hazards.updatedAt : f.byDeadline ? hazards.deadline : undefined;
    return paginate({
      db: ctx.db,
      table: hazards,
      id: hazards.id,
      orderBy,
      ascending: !!(f.updatedSince || f.byDeadline),
      where: [
        ...scopeWhere(ctx.principal, { district: hazards.districtId, orgs: [{ kind: ORG.unit, column: hazards.unitId }] }),
        district ? eq(hazards.districtId, district) : undefined,
        unit ? eq(hazards.unitId, unit) : undefined,
        f.statuses?.length ? inArray(hazards.status, f.statuses) : undefined,
        f.severity ? eq(hazards.severity, f.severity) : undefined,
        f.category ? eq(hazards.category, f.category) : undefined,
        f.overdue ? and(ne(hazards.status, "VERIFIED"), lt(hazards.deadline, today)) : undefined,
        f.deadlineBefore ? lt(hazards.deadline, f.deadlineBefore) : undefined,
        f.updatedSince ? gte(hazards.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  // ——— mutations ———

  @Mutation(() => HazardousUnitPayload, { description: "登记产废单位（校验统一社会信用代码）/ Register a unit (credit code validated)" })
  @Can.write("hazardous")
  async registerHazardousUnit(@Arg("input", () => RegisterUnitInput) input: RegisterUnitInput, @Ctx() ctx: Context) {
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    requireDistrictWritable(ctx.principal, districtId);
    const r = await runMutation(ctx, "registerHazardousUnit", input, async (w) => ({ unit: await registerUnit(w, { ...input, districtId }) }));
    return { unit: r.unit ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => HazardousUnitPayload, { description: "修改产废单位（含注销）/ Change a unit (or take it off the list)" })
  @Can.write("hazardous")
  async updateHazardousUnit(@Arg("input", () => UpdateUnitInput) input: UpdateUnitInput, @Ctx() ctx: Context) {
    const id = idOf("HazardousUnit", input.id, "input.id");
    const u = await load.unit(ctx, id);
    if (!u) throw notFound("unit");
    requireDistrictWritable(ctx.principal, u.districtId);
    const { id: _id, ...changes } = input;
    const r = await runMutation(ctx, "updateHazardousUnit", input, async (w) => {
      const [cur] = await w.tx.select().from(units).where(eq(units.id, id)).for("update");
      return { unit: await updateUnit(w, cur as UnitRow, changes) };
    });
    return { unit: r.unit ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TrainingSessionPayload, { description: "记录培训批次与签到 / Record a training session and its attendees" })
  @Can.write("hazardous")
  async recordTrainingSession(@Arg("input", () => RecordTrainingInput) input: RecordTrainingInput, @Ctx() ctx: Context) {
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    requireDistrictWritable(ctx.principal, districtId);
    const attendees = input.attendees.map((a, i) => ({ ...a, unitId: optionalIdOf("HazardousUnit", a.unitId, `input.attendees[${i}].unitId`) ?? null }));
    const r = await runMutation(ctx, "recordTrainingSession", input, async (w) => ({ session: await recordTraining(w, { ...input, districtId, attendees }) }));
    return { session: r.session ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => InspectionPayload, { description: "记录检查（可开具隐患或立案）/ Record an inspection (may open hazards or a case)" })
  @Can.write("hazardous")
  async recordHazardousInspection(@Arg("input", () => RecordInspectionInput) input: RecordInspectionInput, @Ctx() ctx: Context) {
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    requireDistrictWritable(ctx.principal, districtId);
    const unitId = optionalIdOf("HazardousUnit", input.unitId, "input.unitId") ?? null;
    if (unitId) {
      const u = await load.unit(ctx, unitId);
      if (!u) throw badInput("input.unitId", "no such unit");
      if (u.districtId !== districtId) throw badInput("input.districtId", "is not the unit's district");
    }
    const r = await runMutation(ctx, "recordHazardousInspection", input, async (w) => ({ inspection: await recordInspection(w, { ...input, unitId, districtId, hazards: input.hazards, openCase: input.openCase ?? null }) }));
    return { inspection: r.inspection ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => HazardPayload, { description: "上报问题隐患 / Report a hazard" })
  @Can.write("hazardous")
  async reportHazard(@Arg("input", () => ReportHazardInput) input: ReportHazardInput, @Ctx() ctx: Context) {
    const unitId = idOf("HazardousUnit", input.unitId, "input.unitId");
    const u = await load.unit(ctx, unitId);
    if (!u) throw badInput("input.unitId", "no such unit");
    requireDistrictWritable(ctx.principal, u.districtId);
    const r = await runMutation(ctx, "reportHazard", input, async (w) => ({ hazard: await reportHazard(w, { ...input, unitId, districtId: u.districtId }) }));
    return { hazard: r.hazard ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => HazardPayload, { description: "隐患整改流转：开始整改、提交材料（单位或人员）、验收或退回（人员）/ Move a hazard: start, submit evidence (unit or staff), verify or return (staff)" })
  @Can.write("hazardous", { operator: true })
  async transitionHazard(
    @Arg("id", () => ID, { description: "隐患 / Hazard" }) id: string,
    @Arg("action", () => HazardActionKey, { description: "动作 / Action" }) action: HazardActionKey,
    @Ctx() ctx: Context,
    @Arg("note", () => String, { nullable: true, description: "说明或整改材料 / Note or evidence" }) note?: string,
  ) {
    if (note && note.length > 2000) throw badInput("note", "at most 2000 characters");
    const h = await hazardFor(ctx, id, "id");
    const p = ctx.principal;
    if (p.org && p.org.kind !== ORG.unit) throw forbidden();
    const actor: HazardActor = p.org ? "UNIT" : "STAFF";
    if (!p.org) requireDistrictWritable(p, h.districtId);
    const r = await runMutation(ctx, "transitionHazard", { id, action, note }, async (w) => {
      const [cur] = await w.tx.select().from(hazards).where(eq(hazards.id, h.id));
      return { hazard: await transitionHazard(w, cur!, action, actor, note ?? null) };
    });
    return { hazard: r.hazard ?? null, userErrors: r.userErrors };
  }
}

@Resolver(() => HazardousUnit)
export class UnitFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  district(@Root() u: UnitRow, @Ctx() ctx: Context) {
    return load.district(ctx, u.districtId);
  }
  @FieldResolver(() => Number, { nullable: true, description: "经度 / Longitude" })
  lon(@Root() u: UnitRow) {
    return u.lon == null ? null : Number(u.lon);
  }
  @FieldResolver(() => Number, { nullable: true, description: "纬度 / Latitude" })
  lat(@Root() u: UnitRow) {
    return u.lat == null ? null : Number(u.lat);
  }
  @FieldResolver(() => Int, { description: "未销号隐患数 / Open hazards", complexity: 3 })
  async openHazards(@Root() u: UnitRow, @Ctx() ctx: Context) {
    const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(hazards).where(and(eq(hazards.unitId, u.id), ne(hazards.status, "VERIFIED")));
    return r?.n ?? 0;
  }
}

@Resolver(() => Hazard)
export class HazardFields {
  @FieldResolver(() => HazardousUnit, { description: "单位 / Unit" })
  unit(@Root() h: HazardRow, @Ctx() ctx: Context) {
    return load.unit(ctx, h.unitId);
  }
  @FieldResolver(() => District, { description: "区县 / District" })
  district(@Root() h: HazardRow, @Ctx() ctx: Context) {
    return load.district(ctx, h.districtId);
  }
  @FieldResolver(() => Boolean, { description: "是否逾期 / Past its deadline and not verified" })
  overdue(@Root() h: HazardRow) {
    return h.status !== "VERIFIED" && h.deadline < shanghaiDay(new Date());
  }
  @FieldResolver(() => Int, { description: "距期限天数（负数为逾期）/ Days to the deadline (negative: overdue)" })
  daysLeft(@Root() h: HazardRow) {
    return Math.round((Date.parse(`${h.deadline}T00:00:00Z`) - Date.parse(`${shanghaiDay(new Date())}T00:00:00Z`)) / 86_400_000);
  }
  @FieldResolver(() => [HazardEvent], { description: "整改记录 / History" })
  history(@Root() h: HazardRow, @Ctx() ctx: Context) {
    return load.hazardEventsOf(ctx, h.id);
  }
  @FieldResolver(() => [HazardousDocument], { description: "整改材料附件 / Evidence documents" })
  documents(@Root() h: HazardRow, @Ctx() ctx: Context) {
    return load.documentsOf(ctx, "Hazard", h.id);
  }
}

@Resolver(() => Inspection)
export class InspectionFields {
  @FieldResolver(() => HazardousUnit, { nullable: true, description: "单位 / Unit" })
  unit(@Root() i: { unitId: number | null }, @Ctx() ctx: Context) {
    return i.unitId ? load.unit(ctx, i.unitId) : null;
  }
  @FieldResolver(() => District, { description: "区县 / District" })
  district(@Root() i: { districtId: number }, @Ctx() ctx: Context) {
    return load.district(ctx, i.districtId);
  }
  @FieldResolver(() => Case, { nullable: true, description: "立案 / Case opened" })
  case(@Root() i: { caseId: number | null }, @Ctx() ctx: Context) {
    return i.caseId ? caseById(ctx.db, i.caseId) : null;
  }
  @FieldResolver(() => [Hazard], { description: "开具的隐患 / Hazards opened" })
  hazards(@Root() i: { id: number }, @Ctx() ctx: Context) {
    return ctx.db.select().from(hazards).where(eq(hazards.inspectionId, i.id)).orderBy(asc(hazards.id));
  }
}

@Resolver(() => TrainingSession)
export class TrainingFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  district(@Root() t: { districtId: number }, @Ctx() ctx: Context) {
    return load.district(ctx, t.districtId);
  }
  @FieldResolver(() => [TrainingAttendee], { description: "签到（最多 500）/ Attendees (at most 500)", complexity: 10 })
  async attendees(@Root() t: { id: number }, @Ctx() ctx: Context) {
    const list = await ctx.db
      .select({ personName: trainingAttendance.personName, role: trainingAttendance.role, unitName: units.name })
      .from(trainingAttendance)
      .leftJoin(units, eq(units.id, trainingAttendance.unitId))
      .where(eq(trainingAttendance.sessionId, t.id))
      .orderBy(trainingAttendance.id)
      .limit(500);
    return list;
  }
}

export const censusResolvers = [CensusResolver, UnitFields, HazardFields, InspectionFields, TrainingFields] as const;
export { or };
