/**
 * GraphQL resolvers of the construction stream: thin — decode IDs, check access and scope, call a
 * service inside runMutation. Relations resolve through per-request DataLoaders.
 */
import { throttle } from "../core/throttle.js";
import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { GraphQLDateTime } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, can, forbidden } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context, Principal } from "../../graphql/context.js";
import { badInput, DomainError, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf, toGlobalId } from "../../graphql/ids.js";
import { byKeys, loader } from "../../graphql/loaders.js";
import { runMutation } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { inScope, requireDistrictWritable, requireInScope, scopeWhere } from "../../graphql/scope.js";
import { rows } from "../core/db.js";
import { allDistricts, districtById, districtIdOf } from "../core/resolvers.js";
import { auditLog } from "../core/tables.js";
import { Alert, AuditEntry, Case, CasePayload as CasePayloadRef, District } from "../core/types.js";
import { transitionCase, caseById } from "../core/cases.js";
import { changeCredit, CREDIT_RULES, reinstateCompany, suspendCompany } from "./credit.js";
import { polygonProblem, routeProblem } from "./geo.js";
import {
  AdjustCreditInput,
  AdvancePickupInput,
  ApplyPermitInput,
  ApplySiteInput,
  CreateDisposalPlaceInput,
  CreateTransportCompanyInput,
  DisposalPlaceFilter,
  ExcavationSiteFilter,
  GateScanInput,
  OpenSpoilCaseInput,
  PickupRequestFilter,
  ReceiveManifestInput,
  RecordVisitInput,
  RegisterVehicleInput,
  RequestPickupInput,
  TransportCompanyFilter,
  TransportPermitFilter,
  TripManifestFilter,
  UpdateDisposalPlaceInput,
  UpdateSpoilAlertRuleInput,
  UpdateTransportCompanyInput,
  UpdateVehicleInput,
  VehicleFilter,
} from "./inputs.js";
import { closeManifest, openManifest, voidManifest, volumeDiffFlag } from "./manifests.js";
import { companyMatching, districtMatching } from "./overview.js";
import { applyForPermit, decidePermit, publicBaseUrl, qrPngDataUrl, qrSvg, revokePermit, verificationUrl, verifyPermit } from "./permits.js";
import { addSiteCarrier, applySite, createCompany, createPlace, normalisePlate, ORG_COMPANY, registerVehicle, transitionSite, updateCompany, updatePlace, updateVehicle } from "./registers.js";
import { clearFenceCache, ruleConfig, RULES, updateRule } from "./rules.js";
import { advancePickup, maskPhone, recordVisit, requestPickup, solveProblem } from "./service.js";
import { openSpoilCase } from "./spoil-cases.js";
import { companies, creditEntries, disposalPlaces, manifests, permits, permitScans, pickupRequests, placeDaily, serviceProblems, serviceVisits, siteCarriers, sites, vehicles } from "./tables.js";
import {
  CompanyCapacityMatch,
  CreditEntryConnection,
  CreditRules,
  DisposalPlace,
  DisposalPlaceConnection,
  DisposalPlacePayload,
  DistrictCapacityMatch,
  ExcavationSite,
  ExcavationSiteConnection,
  ExcavationSitePayload,
  FacilityDay,
  PermitDecisionKey,
  PermitQrCode,
  PermitVerification,
  PickupActionKey,
  PickupBookingPayload,
  PickupRequest,
  PickupRequestConnection,
  PickupRequestPayload,
  PickupStatusView,
  ServiceProblem,
  ServiceProblemPayload,
  ServiceStats,
  ServiceVisit,
  ServiceVisitConnection,
  ServiceVisitPayload,
  SiteActionKey,
  SpoilAlertRule,
  SpoilAlertRulePayload,
  SpoilMonth,
  TransportCompany,
  TransportCompanyConnection,
  TransportCompanyPayload,
  TransportPermit,
  TransportPermitConnection,
  TransportPermitPayload,
  TripManifest,
  TripManifestConnection,
  TripManifestPayload,
  Vehicle,
  VehicleConnection,
  VehiclePayload,
} from "./types.js";
import type { CaseRow } from "../core/cases.js";
import type { PolygonCoords, LineCoords } from "./tables.js";

type CompanyRow = typeof companies.$inferSelect;
type SiteRow = typeof sites.$inferSelect;
type VehicleRow = typeof vehicles.$inferSelect;
type PlaceRow = typeof disposalPlaces.$inferSelect;
type PermitRow = typeof permits.$inferSelect;
type ManifestRow = typeof manifests.$inferSelect;
type PickupRow = typeof pickupRequests.$inferSelect;
type VisitRow = typeof serviceVisits.$inferSelect;

const S = "construction";
const companyOrgs = (column: typeof companies.id | typeof vehicles.companyId) => [{ kind: ORG_COMPANY, column }];

/** The company an OPERATOR (or org-bound key) acts for, or null for staff. */
function ownCompany(p: Principal): number | null {
  if (!p.org) return null;
  if (p.org.kind !== ORG_COMPANY) throw forbidden();
  return p.org.id;
}
function staffOnly(p: Principal): void {
  if (p.org) throw forbidden("Only department staff may do this");
}

async function districtOpt(ctx: Context, id: string | undefined | null, field: string): Promise<number | undefined> {
  return id ? districtIdOf(ctx.db, id, field) : undefined;
}

function shapePlace<T extends { lon: string; lat: string }>(r: T) {
  return { ...r, lon: Number(r.lon), lat: Number(r.lat) };
}

// ——— loaders ———

const loadCompany = (ctx: Context) => loader<number, CompanyRow>(ctx, "construction.company", async (ids) => byKeys(ids, await ctx.db.select().from(companies).where(inArray(companies.id, [...ids])), (r) => r.id));
const loadSite = (ctx: Context) => loader<number, SiteRow>(ctx, "construction.site", async (ids) => byKeys(ids, await ctx.db.select().from(sites).where(inArray(sites.id, [...ids])), (r) => r.id));
const loadVehicle = (ctx: Context) => loader<number, VehicleRow>(ctx, "construction.vehicle", async (ids) => byKeys(ids, await ctx.db.select().from(vehicles).where(inArray(vehicles.id, [...ids])), (r) => r.id));
const loadPlace = (ctx: Context) => loader<number, PlaceRow>(ctx, "construction.place", async (ids) => byKeys(ids, await ctx.db.select().from(disposalPlaces).where(inArray(disposalPlaces.id, [...ids])), (r) => r.id));
const loadPermit = (ctx: Context) => loader<number, PermitRow>(ctx, "construction.permit", async (ids) => byKeys(ids, await ctx.db.select().from(permits).where(inArray(permits.id, [...ids])), (r) => r.id));

function canReadStream(p: Principal): boolean {
  return can(p, `${S}:read`) || can(p, `${S}:read:op`);
}

/** Scope of a company-owned record. */
const owned = (r: { districtId: number; companyId: number }) => ({ districtId: r.districtId, orgs: { [ORG_COMPANY]: r.companyId } });

registerNode("TransportCompany", async (ctx, id) => {
  if (!canReadStream(ctx.principal)) return null;
  const c = await loadCompany(ctx).load(id);
  return c && inScope(ctx.principal, { districtId: c.districtId, orgs: { [ORG_COMPANY]: c.id } }) ? c : null;
});
registerNode("Vehicle", async (ctx, id) => {
  if (!canReadStream(ctx.principal)) return null;
  const v = await loadVehicle(ctx).load(id);
  return v && inScope(ctx.principal, owned(v)) ? v : null;
});
registerNode("ExcavationSite", async (ctx, id) => {
  if (!canReadStream(ctx.principal)) return null;
  const s = await loadSite(ctx).load(id);
  if (!s) return null;
  if (ctx.principal.org) return s.status === "REGISTERED" || s.status === "ACTIVE" ? shapePlace(s) : null;
  return inScope(ctx.principal, { districtId: s.districtId }) ? shapePlace(s) : null;
});
registerNode("DisposalPlace", async (ctx, id) => {
  if (!canReadStream(ctx.principal)) return null;
  const p = await loadPlace(ctx).load(id);
  if (!p) return null;
  return ctx.principal.org || inScope(ctx.principal, { districtId: p.districtId }) ? shapePlace(p) : null;
});
registerNode("TransportPermit", async (ctx, id) => {
  if (!canReadStream(ctx.principal)) return null;
  const p = await loadPermit(ctx).load(id);
  return p && inScope(ctx.principal, owned(p)) ? p : null;
});
registerNode("TripManifest", async (ctx, id) => {
  if (!canReadStream(ctx.principal)) return null;
  const [m] = await ctx.db.select().from(manifests).where(eq(manifests.id, id));
  return m && inScope(ctx.principal, owned(m)) ? m : null;
});
registerNode("ServiceVisit", async (ctx, id) => {
  if (!can(ctx.principal, `${S}:read`) || ctx.principal.org) return null;
  const [v] = await ctx.db.select().from(serviceVisits).where(eq(serviceVisits.id, id));
  return v && inScope(ctx.principal, { districtId: v.districtId }) ? v : null;
});
registerNode("BulkyPickupRequest", async (ctx, id) => {
  if (!can(ctx.principal, `${S}:read`) || ctx.principal.org) return null;
  const [r] = await ctx.db.select().from(pickupRequests).where(eq(pickupRequests.id, id));
  return r && inScope(ctx.principal, { districtId: r.districtId }) ? r : null;
});

async function historyOf(ctx: Context, entity: string, id: number, limit = 50) {
  return ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(id))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

function districtShape(d: Awaited<ReturnType<typeof districtById>>) {
  return d ? { ...d, adcode: String(d.id) } : null;
}

function ruleView(cfg: Awaited<ReturnType<typeof ruleConfig>>, code: string): SpoilAlertRule {
  const def = RULES.find((r) => r.rule === code)!;
  const cur = cfg[def.rule];
  return {
    rule: def.rule,
    titleZh: def.titleZh,
    titleEn: def.titleEn,
    descriptionZh: def.descriptionZh,
    descriptionEn: def.descriptionEn,
    trigger: def.trigger,
    enabled: cur.enabled,
    severity: cur.severity as SpoilAlertRule["severity"],
    params: def.params.map((p) => ({ ...p, value: cur.params[p.key] ?? p.default })),
  };
}

@Resolver()
export class ConstructionResolver {
  // ——— registers: companies ———

  @Query(() => TransportCompanyConnection, { description: "运输企业（企业账号仅见本企业）/ Transport companies (company accounts see their own)", complexity: connectionComplexity })
  @Can.read(S, { operator: true })
  async transportCompanies(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => TransportCompanyFilter, { nullable: true }) filter?: TransportCompanyFilter) {
    const f = filter ?? {};
    const d = await districtOpt(ctx, f.districtId, "filter.districtId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: companies,
      id: companies.id,
      orderBy: f.updatedSince ? companies.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, { district: companies.districtId, orgs: companyOrgs(companies.id) }),
        d ? eq(companies.districtId, d) : undefined,
        f.qualificationStatus ? eq(companies.qualificationStatus, f.qualificationStatus) : undefined,
        f.creditGrade ? eq(companies.creditGrade, f.creditGrade) : undefined,
        s ? or(ilike(companies.name, `%${s}%`), ilike(companies.creditCode, `%${s}%`)) : undefined,
        f.updatedSince ? gte(companies.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => TransportCompanyPayload, { description: "登记运输企业 / Register a transport company" })
  @Can.write(S)
  async createTransportCompany(@Arg("input", () => CreateTransportCompanyInput) input: CreateTransportCompanyInput, @Ctx() ctx: Context): Promise<TransportCompanyPayload> {
    staffOnly(ctx.principal);
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    requireDistrictWritable(ctx.principal, districtId);
    const r = await runMutation(ctx, "createTransportCompany", input, async (w) => ({ company: (await createCompany(w, { ...input, districtId })) as unknown as TransportCompany }));
    return { company: r.company ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportCompanyPayload, { description: "修改运输企业 / Change a transport company" })
  @Can.write(S)
  async updateTransportCompany(@Arg("input", () => UpdateTransportCompanyInput) input: UpdateTransportCompanyInput, @Ctx() ctx: Context): Promise<TransportCompanyPayload> {
    staffOnly(ctx.principal);
    const id = idOf("TransportCompany", input.id, "input.id");
    const co = await loadCompany(ctx).load(id);
    if (!co) throw notFound("transport company");
    requireDistrictWritable(ctx.principal, co.districtId);
    const { id: _id, ...patch } = input;
    const r = await runMutation(ctx, "updateTransportCompany", input, async (w) => ({ company: (await updateCompany(w, id, patch)) as unknown as TransportCompany }));
    return { company: r.company ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportCompanyPayload, { description: "信用加分或调整（记入信用记录）/ Award a credit bonus or adjust the score (recorded in the ledger)" })
  @Can.write(S)
  async adjustCompanyCredit(@Arg("input", () => AdjustCreditInput) input: AdjustCreditInput, @Ctx() ctx: Context): Promise<TransportCompanyPayload> {
    staffOnly(ctx.principal);
    const id = idOf("TransportCompany", input.companyId, "input.companyId");
    const co = await loadCompany(ctx).load(id);
    if (!co) throw notFound("transport company");
    requireDistrictWritable(ctx.principal, co.districtId);
    const r = await runMutation(ctx, "adjustCompanyCredit", input, async (w) => {
      let delta: number;
      let cause: "BONUS" | "ADJUSTMENT";
      if (input.bonus) {
        const b = CREDIT_RULES.bonuses.find((x) => x.code === input.bonus);
        if (!b) throw new DomainError("INVALID_VALUE", `Bonus must be one of ${CREDIT_RULES.bonuses.map((x) => x.code).join(", ")}`, "input.bonus");
        delta = b.points;
        cause = "BONUS";
      } else {
        if (!input.points) throw new DomainError("REQUIRED", "Give a bonus code or the points to adjust by", "input.points");
        delta = input.points;
        cause = "ADJUSTMENT";
      }
      const res = await changeCredit(w, { companyId: id, cause, delta, note: input.bonus ? `${input.bonus}: ${input.note}` : input.note });
      return { company: res.company as unknown as TransportCompany };
    });
    return { company: r.company ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportCompanyPayload, { description: "暂停运输资质（需理由）/ Suspend a qualification (with a reason)" })
  @Can.write(S)
  async suspendTransportCompany(@Arg("id", () => ID) companyId: string, @Arg("reason", { description: "理由 / Reason" }) reason: string, @Ctx() ctx: Context): Promise<TransportCompanyPayload> {
    staffOnly(ctx.principal);
    const id = idOf("TransportCompany", companyId, "id");
    const co = await loadCompany(ctx).load(id);
    if (!co) throw notFound("transport company");
    requireDistrictWritable(ctx.principal, co.districtId);
    if (reason.length > 1000) throw badInput("reason", "at most 1000 characters");
    const r = await runMutation(ctx, "suspendTransportCompany", { id: companyId, reason }, async (w) => ({ company: (await suspendCompany(w, id, reason)) as unknown as TransportCompany }));
    return { company: r.company ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportCompanyPayload, { description: "恢复运输资质（仅工作人员，需理由）/ Lift a suspension (staff only, with a reason)" })
  @Can.write(S)
  async reinstateTransportCompany(@Arg("id", () => ID) companyId: string, @Arg("reason", { description: "理由 / Reason" }) reason: string, @Ctx() ctx: Context): Promise<TransportCompanyPayload> {
    staffOnly(ctx.principal);
    const id = idOf("TransportCompany", companyId, "id");
    const co = await loadCompany(ctx).load(id);
    if (!co) throw notFound("transport company");
    requireDistrictWritable(ctx.principal, co.districtId);
    if (reason.length > 1000) throw badInput("reason", "at most 1000 characters");
    const r = await runMutation(ctx, "reinstateTransportCompany", { id: companyId, reason }, async (w) => ({ company: (await reinstateCompany(w, id, reason)) as unknown as TransportCompany }));
    return { company: r.company ?? null, userErrors: r.userErrors };
  }

  @Query(() => CreditRules, { description: "信用评价规则（起始分、扣分、加分、等级、暂停阈值）/ The credit evaluation rule set" })
  @Can.read(S, { operator: true })
  creditRules(): CreditRules {
    return CREDIT_RULES as unknown as CreditRules;
  }

  // ——— sites ———

  @Query(() => ExcavationSiteConnection, { description: "出土工地（企业账号见已备案工地）/ Excavation sites (company accounts see registered sites)", complexity: connectionComplexity })
  @Can.read(S, { operator: true })
  async excavationSites(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => ExcavationSiteFilter, { nullable: true }) filter?: ExcavationSiteFilter) {
    const f = filter ?? {};
    const d = await districtOpt(ctx, f.districtId, "filter.districtId");
    const company = optionalIdOf("TransportCompany", f.companyId, "filter.companyId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: sites,
      id: sites.id,
      orderBy: f.updatedSince ? sites.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, { district: sites.districtId, operator: () => inArray(sites.status, ["REGISTERED", "ACTIVE"]) }),
        d ? eq(sites.districtId, d) : undefined,
        f.status?.length ? inArray(sites.status, f.status) : undefined,
        company ? sql`exists (select 1 from construction.site_carriers sc where sc.site_id = ${sites.id} and sc.company_id = ${company})` : undefined,
        s ? or(ilike(sites.name, `%${s}%`), ilike(sites.code, `%${s}%`), ilike(sites.builder, `%${s}%`)) : undefined,
        f.updatedSince ? gte(sites.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
      map: (r) => shapePlace(r as SiteRow),
    });
  }

  @Mutation(() => ExcavationSitePayload, { description: "工地备案申请（开工前必须）/ Apply to register a site (required before work starts)" })
  @Can.write(S)
  async applySiteRegistration(@Arg("input", () => ApplySiteInput) input: ApplySiteInput, @Ctx() ctx: Context): Promise<ExcavationSitePayload> {
    staffOnly(ctx.principal);
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    requireDistrictWritable(ctx.principal, districtId);
    if (input.geofence != null) {
      const p = polygonProblem(input.geofence);
      if (p) throw badInput("input.geofence", p);
    }
    const r = await runMutation(ctx, "applySiteRegistration", input, async (w) => ({ site: shapePlace(await applySite(w, { ...input, districtId, geofence: (input.geofence as PolygonCoords | undefined) ?? null })) as unknown as ExcavationSite }));
    clearFenceCache(ctx.app.db);
    return { site: r.site ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => ExcavationSitePayload, { description: "工地备案流转：备案、驳回（需理由）、开工、完工 / Move a site: register, reject (with a reason), start, complete" })
  @Can.write(S)
  async transitionSite(@Arg("id", () => ID) siteId: string, @Arg("action", () => SiteActionKey) action: SiteActionKey, @Ctx() ctx: Context, @Arg("reason", () => String, { nullable: true, description: "驳回原因 / Reason (reject)" }) reason?: string): Promise<ExcavationSitePayload> {
    staffOnly(ctx.principal);
    const id = idOf("ExcavationSite", siteId, "id");
    const s = await loadSite(ctx).load(id);
    if (!s) throw notFound("site");
    requireDistrictWritable(ctx.principal, s.districtId);
    const r = await runMutation(ctx, "transitionSite", { id: siteId, action, reason }, async (w) => ({ site: shapePlace(await transitionSite(w, id, action, reason)) as unknown as ExcavationSite }));
    clearFenceCache(ctx.app.db);
    return { site: r.site ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => ExcavationSitePayload, { description: "指定承运企业 / Add a carrier company to a site" })
  @Can.write(S)
  async addSiteCarrier(@Arg("siteId", () => ID) siteId: string, @Arg("companyId", () => ID) companyId: string, @Ctx() ctx: Context): Promise<ExcavationSitePayload> {
    staffOnly(ctx.principal);
    const sid = idOf("ExcavationSite", siteId, "siteId");
    const cid = idOf("TransportCompany", companyId, "companyId");
    const s = await loadSite(ctx).load(sid);
    if (!s) throw notFound("site");
    requireDistrictWritable(ctx.principal, s.districtId);
    const r = await runMutation(ctx, "addSiteCarrier", { siteId, companyId }, async (w) => {
      await addSiteCarrier(w, sid, cid);
      return { site: shapePlace(s) as unknown as ExcavationSite };
    });
    return { site: r.site ?? null, userErrors: r.userErrors };
  }

  // ——— vehicles ———

  @Query(() => VehicleConnection, { description: "运输车辆（企业账号仅见本企业）/ Vehicles (company accounts see their own)", complexity: connectionComplexity })
  @Can.read(S, { operator: true })
  async spoilVehicles(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => VehicleFilter, { nullable: true }) filter?: VehicleFilter) {
    const f = filter ?? {};
    const d = await districtOpt(ctx, f.districtId, "filter.districtId");
    const company = optionalIdOf("TransportCompany", f.companyId, "filter.companyId");
    const s = f.search?.trim().toUpperCase();
    return paginate({
      db: ctx.db,
      table: vehicles,
      id: vehicles.id,
      orderBy: f.updatedSince ? vehicles.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, { district: vehicles.districtId, orgs: companyOrgs(vehicles.companyId) }),
        d ? eq(vehicles.districtId, d) : undefined,
        company ? eq(vehicles.companyId, company) : undefined,
        f.status ? eq(vehicles.status, f.status) : undefined,
        f.standardCompliant != null ? eq(vehicles.standardCompliant, f.standardCompliant) : undefined,
        s ? or(ilike(vehicles.plate, `%${s}%`), ilike(vehicles.terminalId, `%${s}%`)) : undefined,
        f.updatedSince ? gte(vehicles.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => VehiclePayload, { description: "登记车辆（车牌格式校验）/ Register a vehicle (plate format checked)" })
  @Can.write(S)
  async registerSpoilVehicle(@Arg("input", () => RegisterVehicleInput) input: RegisterVehicleInput, @Ctx() ctx: Context): Promise<VehiclePayload> {
    staffOnly(ctx.principal);
    const companyId = idOf("TransportCompany", input.companyId, "input.companyId");
    const co = await loadCompany(ctx).load(companyId);
    if (!co) throw notFound("transport company");
    requireDistrictWritable(ctx.principal, co.districtId);
    const r = await runMutation(ctx, "registerSpoilVehicle", input, async (w) => ({ vehicle: (await registerVehicle(w, { ...input, companyId })) as unknown as Vehicle }));
    return { vehicle: r.vehicle ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => VehiclePayload, { description: "修改车辆（载方、终端、技术标准、状态）/ Change a vehicle" })
  @Can.write(S)
  async updateSpoilVehicle(@Arg("input", () => UpdateVehicleInput) input: UpdateVehicleInput, @Ctx() ctx: Context): Promise<VehiclePayload> {
    staffOnly(ctx.principal);
    const id = idOf("Vehicle", input.id, "input.id");
    const v = await loadVehicle(ctx).load(id);
    if (!v) throw notFound("vehicle");
    requireDistrictWritable(ctx.principal, v.districtId);
    const { id: _id, ...patch } = input;
    const r = await runMutation(ctx, "updateSpoilVehicle", input, async (w) => ({ vehicle: (await updateVehicle(w, id, patch)) as unknown as Vehicle }));
    return { vehicle: r.vehicle ?? null, userErrors: r.userErrors };
  }

  // ——— disposal places ———

  @Query(() => DisposalPlaceConnection, { description: "消纳场所 / Disposal places", complexity: connectionComplexity })
  @Can.read(S, { operator: true })
  async disposalPlaces(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => DisposalPlaceFilter, { nullable: true }) filter?: DisposalPlaceFilter) {
    const f = filter ?? {};
    const d = await districtOpt(ctx, f.districtId, "filter.districtId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: disposalPlaces,
      id: disposalPlaces.id,
      orderBy: f.updatedSince ? disposalPlaces.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, { district: disposalPlaces.districtId, operator: () => sql`true` }),
        d ? eq(disposalPlaces.districtId, d) : undefined,
        f.kind ? eq(disposalPlaces.kind, f.kind) : undefined,
        f.status ? eq(disposalPlaces.status, f.status) : undefined,
        s ? or(ilike(disposalPlaces.name, `%${s}%`), ilike(disposalPlaces.code, `%${s}%`)) : undefined,
        f.updatedSince ? gte(disposalPlaces.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
      map: (r) => shapePlace(r as PlaceRow),
    });
  }

  @Mutation(() => DisposalPlacePayload, { description: "登记消纳场所 / Register a disposal place" })
  @Can.write(S)
  async createDisposalPlace(@Arg("input", () => CreateDisposalPlaceInput) input: CreateDisposalPlaceInput, @Ctx() ctx: Context): Promise<DisposalPlacePayload> {
    staffOnly(ctx.principal);
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    requireDistrictWritable(ctx.principal, districtId);
    if (input.geofence != null) {
      const p = polygonProblem(input.geofence);
      if (p) throw badInput("input.geofence", p);
    }
    const r = await runMutation(ctx, "createDisposalPlace", input, async (w) => ({ place: shapePlace(await createPlace(w, { ...input, districtId, geofence: (input.geofence as PolygonCoords | undefined) ?? null })) as unknown as DisposalPlace }));
    clearFenceCache(ctx.app.db);
    return { place: r.place ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => DisposalPlacePayload, { description: "修改消纳场所（库容、阈值、状态）/ Change a disposal place (capacity, threshold, status)" })
  @Can.write(S)
  async updateDisposalPlace(@Arg("input", () => UpdateDisposalPlaceInput) input: UpdateDisposalPlaceInput, @Ctx() ctx: Context): Promise<DisposalPlacePayload> {
    staffOnly(ctx.principal);
    const id = idOf("DisposalPlace", input.id, "input.id");
    const p = await loadPlace(ctx).load(id);
    if (!p) throw notFound("disposal place");
    requireDistrictWritable(ctx.principal, p.districtId);
    const { id: _id, ...patch } = input;
    const r = await runMutation(ctx, "updateDisposalPlace", input, async (w) => ({ place: shapePlace(await updatePlace(w, id, patch)) as unknown as DisposalPlace }));
    clearFenceCache(ctx.app.db);
    return { place: r.place ?? null, userErrors: r.userErrors };
  }

  @Query(() => [FacilityDay], { description: "设施日受纳量与设计能力对比（最近 N 天）/ A facility's daily intake against its design capacity (last N days)" })
  @Can.read(S)
  async facilityThroughput(@Arg("placeId", () => ID) placeId: string, @Ctx() ctx: Context, @Arg("days", () => Int, { defaultValue: 30, description: "天数 1–366 / Days 1–366" }) days: number): Promise<FacilityDay[]> {
    staffOnly(ctx.principal);
    const id = idOf("DisposalPlace", placeId, "placeId");
    if (days < 1 || days > 366) throw badInput("days", "1–366");
    const p = await loadPlace(ctx).load(id);
    if (!p) throw notFound("disposal place");
    requireInScope(ctx.principal, { districtId: p.districtId });
    const from = new Date(Date.now() - days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const r = await ctx.db.select().from(placeDaily).where(and(eq(placeDaily.placeId, id), gte(placeDaily.day, from))).orderBy(asc(placeDaily.day));
    const daily = p.dailyCapacity ? Number(p.dailyCapacity) : null;
    return r.map((x) => {
      const v = Number(p.capacityUnit === "T" ? x.receivedT : x.receivedM3);
      return { day: x.day, receivedT: x.receivedT, receivedM3: x.receivedM3, trips: x.trips, utilisationPct: daily ? Math.round((v / daily) * 1000) / 10 : null };
    });
  }

  // ——— permits ———

  @Query(() => TransportPermitConnection, { description: "准运证（企业账号仅见本企业）/ Transport permits (company accounts see their own)", complexity: connectionComplexity })
  @Can.read(S, { operator: true })
  async transportPermits(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => TransportPermitFilter, { nullable: true }) filter?: TransportPermitFilter) {
    const f = filter ?? {};
    const d = await districtOpt(ctx, f.districtId, "filter.districtId");
    const company = optionalIdOf("TransportCompany", f.companyId, "filter.companyId");
    const vehicle = optionalIdOf("Vehicle", f.vehicleId, "filter.vehicleId");
    const site = optionalIdOf("ExcavationSite", f.siteId, "filter.siteId");
    const s = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: permits,
      id: permits.id,
      orderBy: f.updatedSince ? permits.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: permits.districtId, orgs: [{ kind: ORG_COMPANY, column: permits.companyId }] }),
        d ? eq(permits.districtId, d) : undefined,
        company ? eq(permits.companyId, company) : undefined,
        vehicle ? eq(permits.vehicleId, vehicle) : undefined,
        site ? eq(permits.siteId, site) : undefined,
        f.status?.length ? inArray(permits.status, f.status) : undefined,
        f.inForce ? sql`${permits.status} = 'ACTIVE' and ${permits.validFrom} <= now() and ${permits.validTo} > now()` : undefined,
        s ? ilike(permits.number, `%${s}%`) : undefined,
        f.updatedSince ? gte(permits.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => TransportPermitPayload, { description: "申请准运证（企业为本企业车辆申请）/ Apply for a permit (companies for their own vehicles)" })
  @Can.write(S, { operator: true })
  async applyForPermit(@Arg("input", () => ApplyPermitInput) input: ApplyPermitInput, @Ctx() ctx: Context): Promise<TransportPermitPayload> {
    const vehicleId = idOf("Vehicle", input.vehicleId, "input.vehicleId");
    const siteId = idOf("ExcavationSite", input.siteId, "input.siteId");
    const placeId = idOf("DisposalPlace", input.disposalPlaceId, "input.disposalPlaceId");
    const rp = routeProblem(input.route);
    if (rp) throw badInput("input.route", rp);
    const own = ownCompany(ctx.principal);
    const v = await loadVehicle(ctx).load(vehicleId);
    if (!v) throw notFound("vehicle");
    if (own == null) requireDistrictWritable(ctx.principal, v.districtId);
    const r = await runMutation(ctx, "applyForPermit", input, async (w) => ({
      permit: (await applyForPermit(w, { vehicleId, siteId, disposalPlaceId: placeId, route: input.route as LineCoords, validFrom: input.validFrom, validTo: input.validTo, onlyCompanyId: own })) as unknown as TransportPermit,
    }));
    return { permit: r.permit ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportPermitPayload, { description: "审批准运证：批准（生成证号和二维码）、驳回（需理由）；企业可撤回自己的申请 / Decide a permit: approve (numbers it, gives its QR code), reject (with a reason); companies may withdraw their own application" })
  @Can.write(S, { operator: true })
  async decidePermit(@Arg("id", () => ID) permitId: string, @Arg("decision", () => PermitDecisionKey) decision: PermitDecisionKey, @Ctx() ctx: Context, @Arg("note", () => String, { nullable: true, description: "审批意见 / Note (required to reject)" }) note?: string): Promise<TransportPermitPayload> {
    const id = idOf("TransportPermit", permitId, "id");
    const own = ownCompany(ctx.principal);
    if (own != null && decision !== "withdraw") throw forbidden("Companies may only withdraw their own applications");
    const pm = await loadPermit(ctx).load(id);
    if (!pm) throw notFound("permit");
    if (own == null) requireDistrictWritable(ctx.principal, pm.districtId);
    if (note && note.length > 1000) throw badInput("note", "at most 1000 characters");
    const r = await runMutation(ctx, "decidePermit", { id: permitId, decision, note }, async (w) => ({ permit: (await decidePermit(w, id, decision, note, { onlyCompanyId: own })) as unknown as TransportPermit }));
    return { permit: r.permit ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportPermitPayload, { description: "吊销准运证（需理由）/ Revoke a permit (with a reason)" })
  @Can.write(S)
  async revokePermit(@Arg("id", () => ID) permitId: string, @Arg("reason", { description: "理由 / Reason" }) reason: string, @Ctx() ctx: Context): Promise<TransportPermitPayload> {
    staffOnly(ctx.principal);
    const id = idOf("TransportPermit", permitId, "id");
    const pm = await loadPermit(ctx).load(id);
    if (!pm) throw notFound("permit");
    requireDistrictWritable(ctx.principal, pm.districtId);
    if (reason.length > 1000) throw badInput("reason", "at most 1000 characters");
    const r = await runMutation(ctx, "revokePermit", { id: permitId, reason }, async (w) => ({ permit: (await revokePermit(w, id, reason)) as unknown as TransportPermit }));
    return { permit: r.permit ?? null, userErrors: r.userErrors };
  }

  @Query(() => PermitVerification, { nullable: true, description: "扫码核验准运证（公开，只显示路检所需信息，记录扫码）/ Verify a permit from its QR code (public; shows only what a roadside check needs; scans are logged)" })
  @Can.public()
  async verifyPermit(@Arg("token", { description: "二维码中的核验码 / Verification token from the QR code" }) token: string, @Ctx() ctx: Context): Promise<PermitVerification | null> {
    if (token.length > 100) throw badInput("token", "too long");
    await throttle(ctx.app, "verify", ctx.ip);
    return (await verifyPermit(ctx.db, token, { ip: ctx.ip })) as PermitVerification | null;
  }

  // ——— manifests ———

  @Query(() => TripManifestConnection, { description: "电子联单（企业账号仅见本企业）/ Trip manifests (company accounts see their own)", complexity: connectionComplexity })
  @Can.read(S, { operator: true })
  async tripManifests(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => TripManifestFilter, { nullable: true }) filter?: TripManifestFilter) {
    const f = filter ?? {};
    const d = await districtOpt(ctx, f.districtId, "filter.districtId");
    const site = optionalIdOf("ExcavationSite", f.siteId, "filter.siteId");
    const place = optionalIdOf("DisposalPlace", f.disposalPlaceId, "filter.disposalPlaceId");
    const vehicle = optionalIdOf("Vehicle", f.vehicleId, "filter.vehicleId");
    const company = optionalIdOf("TransportCompany", f.companyId, "filter.companyId");
    return paginate({
      db: ctx.db,
      table: manifests,
      id: manifests.id,
      orderBy: f.updatedSince ? manifests.updatedAt : manifests.openedAt,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: manifests.districtId, orgs: [{ kind: ORG_COMPANY, column: manifests.companyId }] }),
        d ? eq(manifests.districtId, d) : undefined,
        site ? eq(manifests.siteId, site) : undefined,
        place ? eq(manifests.disposalPlaceId, place) : undefined,
        vehicle ? eq(manifests.vehicleId, vehicle) : undefined,
        company ? eq(manifests.companyId, company) : undefined,
        f.status?.length ? inArray(manifests.status, f.status) : undefined,
        f.openedFrom ? gte(manifests.openedAt, f.openedFrom) : undefined,
        f.openedTo ? lt(manifests.openedAt, f.openedTo) : undefined,
        f.updatedSince ? gte(manifests.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => TripManifestPayload, { description: "出场扫码开联单（企业仅限本企业车辆；已有在途联单时返回它）/ Gate scan: open a manifest (companies: own vehicles; returns the open one if any)" })
  @Can.write(S, { operator: true })
  async gateScan(@Arg("input", () => GateScanInput) input: GateScanInput, @Ctx() ctx: Context): Promise<TripManifestPayload> {
    const siteId = idOf("ExcavationSite", input.siteId, "input.siteId");
    let vehicleId = optionalIdOf("Vehicle", input.vehicleId, "input.vehicleId");
    if (vehicleId == null) {
      if (!input.plate) throw badInput("input.vehicleId", "give the vehicle or its plate");
      const [v] = await ctx.db.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.plate, normalisePlate(input.plate)));
      if (!v) throw badInput("input.plate", "no vehicle with this plate");
      vehicleId = v.id;
    }
    const own = ownCompany(ctx.principal);
    const s = await loadSite(ctx).load(siteId);
    if (!s) throw notFound("site");
    if (own == null) requireDistrictWritable(ctx.principal, s.districtId);
    const vid = vehicleId;
    const r = await runMutation(ctx, "gateScan", input, async (w) => ({ manifest: (await openManifest(w, { vehicleId: vid, siteId, via: "GATE_SCAN", at: input.at, sentVolumeM3: input.sentVolumeM3, onlyCompanyId: own })).manifest as unknown as TripManifest }));
    return { manifest: r.manifest ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TripManifestPayload, { description: "消纳场所签收联单（记录签收方量与地磅重量）/ Receive a manifest at a disposal place (received volume, weighbridge weight)" })
  @Can.write(S)
  async receiveManifest(@Arg("input", () => ReceiveManifestInput) input: ReceiveManifestInput, @Ctx() ctx: Context): Promise<TripManifestPayload> {
    staffOnly(ctx.principal);
    const manifestId = idOf("TripManifest", input.manifestId, "input.manifestId");
    const placeId = idOf("DisposalPlace", input.disposalPlaceId, "input.disposalPlaceId");
    const p = await loadPlace(ctx).load(placeId);
    if (!p) throw notFound("disposal place");
    requireDistrictWritable(ctx.principal, p.districtId);
    const r = await runMutation(ctx, "receiveManifest", input, async (w) => ({ manifest: (await closeManifest(w, { manifestId, disposalPlaceId: placeId, receivedVolumeM3: input.receivedVolumeM3, receivedWeightT: input.receivedWeightT, at: input.at })) as unknown as TripManifest }));
    return { manifest: r.manifest ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TripManifestPayload, { description: "作废联单（需理由）/ Void a manifest (with a reason)" })
  @Can.write(S)
  async voidManifest(@Arg("id", () => ID) manifestId: string, @Arg("reason", { description: "理由 / Reason" }) reason: string, @Ctx() ctx: Context): Promise<TripManifestPayload> {
    staffOnly(ctx.principal);
    const id = idOf("TripManifest", manifestId, "id");
    const [m] = await ctx.db.select().from(manifests).where(eq(manifests.id, id));
    if (!m) throw notFound("manifest");
    requireDistrictWritable(ctx.principal, m.districtId);
    if (reason.length > 1000) throw badInput("reason", "at most 1000 characters");
    const r = await runMutation(ctx, "voidManifest", { id: manifestId, reason }, async (w) => ({ manifest: (await voidManifest(w, id, reason)) as unknown as TripManifest }));
    return { manifest: r.manifest ?? null, userErrors: r.userErrors };
  }

  // ——— alert rules ———

  @Query(() => [SpoilAlertRule], { description: "渣土监管预警规则及当前参数 / Spoil alert rules with their current parameters" })
  @Can.read(S)
  async spoilAlertRules(@Ctx() ctx: Context): Promise<SpoilAlertRule[]> {
    const cfg = await ruleConfig(ctx.db, ctx.app.db);
    return RULES.map((r) => ruleView(cfg, r.rule));
  }

  @Mutation(() => SpoilAlertRulePayload, { description: "修改预警规则（启用、严重程度、参数；市级工作人员）/ Change an alert rule (enabled, severity, parameters; city staff)" })
  @Can.write(S)
  async updateSpoilAlertRule(@Arg("input", () => UpdateSpoilAlertRuleInput) input: UpdateSpoilAlertRuleInput, @Ctx() ctx: Context): Promise<SpoilAlertRulePayload> {
    staffOnly(ctx.principal);
    if (ctx.principal.districtId != null) throw forbidden("Alert rules are set at city level");
    const r = await runMutation(ctx, "updateSpoilAlertRule", input, async (w) => {
      await updateRule(w, input.rule, { enabled: input.enabled, severity: input.severity, params: input.params });
      return { rule: ruleView(await ruleConfig(w.tx, {}), input.rule) };
    });
    return { rule: r.rule ?? null, userErrors: r.userErrors };
  }

  // ——— cases ———

  @Mutation(() => CasePayloadRef, { description: "渣土案件立案（对象为企业、车辆或工地；可由预警转来）/ Open a spoil case against a company, vehicle or site (possibly from an alert)" })
  @Can.write(S)
  async openSpoilCase(@Arg("input", () => OpenSpoilCaseInput) input: OpenSpoilCaseInput, @Ctx() ctx: Context): Promise<CasePayloadRef> {
    staffOnly(ctx.principal);
    if ((input.subjectType == null) !== (input.subjectId == null)) throw badInput(input.subjectId == null ? "input.subjectId" : "input.subjectType", "give the subject type and the subject together");
    const subjectId = input.subjectType && input.subjectId != null ? idOf(input.subjectType, input.subjectId, "input.subjectId") : null;
    const alertId = optionalIdOf("Alert", input.alertId, "input.alertId");
    if (subjectId == null && alertId == null) throw badInput("input.subjectId", "name the subject, or the alert the case comes from");
    if (input.violationType == null && alertId == null) throw badInput("input.violationType", "required unless the case comes from an alert");
    const r = await runMutation(ctx, "openSpoilCase", input, async (w) => {
      const c = await openSpoilCase(w, { ...input, subjectId, alertId: alertId ?? null });
      requireDistrictWritable(ctx.principal, c.districtId);
      return { case: c as unknown as Case };
    });
    return { case: r.case ?? null, userErrors: r.userErrors };
  }

  // ——— capacity matching and statistics ———

  @Query(() => [CompanyCapacityMatch], { description: "企业运力与承运工地出土量匹配 / Company fleet capacity against the output of the sites it serves" })
  @Can.read(S, { operator: true })
  async companyCapacityMatching(@Ctx() ctx: Context, @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string, @Arg("onlyShortfall", { nullable: true, description: "只看有缺口的 / Only shortfalls" }) onlyShortfall?: boolean): Promise<CompanyCapacityMatch[]> {
    const p = ctx.principal;
    let d = (await districtOpt(ctx, districtId, "districtId")) ?? null;
    if (p.districtId != null) d = p.districtId;
    const list = await companyMatching(ctx.db, { districtId: d, companyId: ownCompany(p), onlyShortfall: onlyShortfall ?? false });
    return list.map((x) => ({ ...x, company: null })) as unknown as CompanyCapacityMatch[];
  }

  @Query(() => [DistrictCapacityMatch], { description: "区县待外运渣土与消纳能力匹配（缺口标出）/ Per district: spoil to move against disposal capacity, shortfalls flagged" })
  @Can.read(S)
  async districtCapacityMatching(@Ctx() ctx: Context): Promise<DistrictCapacityMatch[]> {
    staffOnly(ctx.principal);
    const list = await districtMatching(ctx.db, ctx.principal.districtId);
    return list.map((x) => ({ ...x, districtAdcode: String(x.districtId), shortfall: x.shortfallM3 > 0 }));
  }

  @Query(() => [SpoilMonth], { description: "渣土月度统计（外运、趟次、准运证、案件、罚款）/ Monthly spoil statistics" })
  @Can.read(S)
  async spoilMonthlyStatistics(@Ctx() ctx: Context, @Arg("year", () => Int, { description: "年份 / Year" }) year: number, @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string): Promise<SpoilMonth[]> {
    staffOnly(ctx.principal);
    if (year < 2000 || year > 2100) throw badInput("year", "2000–2100");
    let d = (await districtOpt(ctx, districtId, "districtId")) ?? null;
    if (ctx.principal.districtId != null) {
      if (d != null && d !== ctx.principal.districtId) throw forbidden();
      d = ctx.principal.districtId;
    }
    const dd = d ? sql`and district_id = ${d}` : sql``;
    const roll = await rows<{ m: string; moved: string; trips: number; issued: number }>(
      ctx.db,
      sql`select substr(day::text, 1, 7) as m, sum(moved_m3)::text as moved, sum(trips)::int as trips, sum(permits_issued)::int as issued
          from construction.district_daily where day >= ${`${year}-01-01`} and day <= ${`${year}-12-31`} ${dd} group by 1`,
    );
    const cs = await rows<{ m: string; n: number; fine: string }>(
      ctx.db,
      sql`select to_char(opened_at at time zone 'Asia/Shanghai', 'YYYY-MM') as m, count(*)::int as n, sum(fine_yuan)::text as fine from core.cases
          where stream = 'construction' and opened_at >= ${`${year}-01-01T00:00:00+08:00`}::timestamptz and opened_at < ${`${year + 1}-01-01T00:00:00+08:00`}::timestamptz ${dd} group by 1`,
    );
    return Array.from({ length: 12 }, (_, i) => {
      const m = `${year}-${String(i + 1).padStart(2, "0")}`;
      const r = roll.find((x) => x.m === m);
      const c = cs.find((x) => x.m === m);
      return { month: m, movedM3: r?.moved ?? "0", trips: r?.trips ?? 0, permitsIssued: r?.issued ?? 0, cases: c?.n ?? 0, finesYuan: c?.fine ?? "0" };
    });
  }

  // ——— service ———

  @Query(() => ServiceVisitConnection, { description: "走访服务记录 / Service visits", complexity: connectionComplexity })
  @Can.read(S)
  async serviceVisits(
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Arg("companyId", () => ID, { nullable: true, description: "企业 / Company" }) companyId?: string,
    @Arg("updatedSince", () => GraphQLDateTime, { nullable: true, description: "增量同步：此时间之后变更的记录（按变更时间升序）/ Incremental sync: records changed since (oldest first)" }) updatedSince?: Date,
  ) {
    staffOnly(ctx.principal);
    const company = optionalIdOf("TransportCompany", companyId, "companyId");
    return paginate({
      db: ctx.db,
      table: serviceVisits,
      id: serviceVisits.id,
      orderBy: updatedSince ? serviceVisits.updatedAt : serviceVisits.visitedAt,
      ascending: !!updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: serviceVisits.districtId }),
        company ? eq(serviceVisits.companyId, company) : undefined,
        updatedSince ? gte(serviceVisits.updatedAt, updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => ServiceStats, { description: "走访与解决问题统计（期间）/ Visits and problems solved in a period" })
  @Can.read(S)
  async serviceStatistics(@Ctx() ctx: Context, @Arg("from", () => GraphQLDateTime) from: Date, @Arg("to", () => GraphQLDateTime) to: Date): Promise<ServiceStats> {
    staffOnly(ctx.principal);
    if (!(from < to)) throw badInput("to", "must be after from");
    const d = ctx.principal.districtId;
    const [r] = await rows<{ visits: number; problems: number; solved: number }>(
      ctx.db,
      sql`select (select count(*)::int from construction.service_visits where visited_at >= ${from.toISOString()}::timestamptz and visited_at < ${to.toISOString()}::timestamptz ${d ? sql`and district_id = ${d}` : sql``}) as visits,
        (select count(*)::int from construction.service_problems p join construction.service_visits v on v.id = p.visit_id where v.visited_at >= ${from.toISOString()}::timestamptz and v.visited_at < ${to.toISOString()}::timestamptz ${d ? sql`and v.district_id = ${d}` : sql``}) as problems,
        (select count(*)::int from construction.service_problems p join construction.service_visits v on v.id = p.visit_id where p.status = 'SOLVED' and p.solved_at >= ${from.toISOString()}::timestamptz and p.solved_at < ${to.toISOString()}::timestamptz ${d ? sql`and v.district_id = ${d}` : sql``}) as solved`,
    );
    return r!;
  }

  @Mutation(() => ServiceVisitPayload, { description: "记录走访及发现的问题 / Record a visit and the problems raised" })
  @Can.write(S)
  async recordServiceVisit(@Arg("input", () => RecordVisitInput) input: RecordVisitInput, @Ctx() ctx: Context): Promise<ServiceVisitPayload> {
    staffOnly(ctx.principal);
    const companyId = idOf("TransportCompany", input.companyId, "input.companyId");
    const co = await loadCompany(ctx).load(companyId);
    if (!co) throw notFound("transport company");
    requireDistrictWritable(ctx.principal, co.districtId);
    const r = await runMutation(ctx, "recordServiceVisit", input, async (w) => ({ visit: (await recordVisit(w, { ...input, companyId })) as unknown as ServiceVisit }));
    return { visit: r.visit ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => ServiceProblemPayload, { description: "问题已解决 / Mark a problem solved" })
  @Can.write(S)
  async solveServiceProblem(@Arg("id", () => ID) problemId: string, @Arg("solution", { description: "解决办法 / Solution" }) solution: string, @Ctx() ctx: Context): Promise<ServiceProblemPayload> {
    staffOnly(ctx.principal);
    const id = idOf("ServiceProblem", problemId, "id");
    const [p] = await ctx.db.select({ d: serviceVisits.districtId }).from(serviceProblems).innerJoin(serviceVisits, eq(serviceVisits.id, serviceProblems.visitId)).where(eq(serviceProblems.id, id));
    if (!p) throw notFound("problem");
    requireDistrictWritable(ctx.principal, p.d);
    if (solution.length > 2000) throw badInput("solution", "at most 2000 characters");
    const r = await runMutation(ctx, "solveServiceProblem", { id: problemId, solution }, async (w) => ({ problem: (await solveProblem(w, id, solution)) as unknown as ServiceProblem }));
    return { problem: r.problem ?? null, userErrors: r.userErrors };
  }

  // ——— resident pickups ———

  @Mutation(() => PickupBookingPayload, { description: "居民一键预约清运（公开，无需登录；返回查询码）/ A resident books a pickup (public; returns a tracking code)" })
  @Can.public()
  async requestBulkyPickup(@Arg("input", () => RequestPickupInput) input: RequestPickupInput, @Ctx() ctx: Context): Promise<PickupBookingPayload> {
    await throttle(ctx.app, "submit", ctx.ip);
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    const r = await runMutation(ctx, "requestBulkyPickup", { ...input, phone: maskPhone(input.phone), residentName: "[resident]" }, async (w) => ({ trackingCode: (await requestPickup(w, { ...input, districtId })).trackingCode }));
    return { trackingCode: r.trackingCode ?? null, userErrors: r.userErrors };
  }

  @Query(() => PickupStatusView, { nullable: true, description: "按查询码查看预约状态（公开）/ Status of a pickup by its tracking code (public)" })
  @Can.public()
  async bulkyPickupStatus(@Arg("trackingCode") code: string, @Ctx() ctx: Context): Promise<PickupStatusView | null> {
    if (!/^[A-Z0-9]{6,30}$/.test(code)) return null;
    await throttle(ctx.app, "verify", ctx.ip);
    const [r] = await ctx.db.select().from(pickupRequests).where(eq(pickupRequests.trackingCode, code));
    return r ? ({ trackingCode: r.trackingCode, status: r.status, preferredDate: r.preferredDate, scheduledFor: r.scheduledFor } as PickupStatusView) : null;
  }

  @Query(() => PickupRequestConnection, { description: "居民预约清运 / Residents' pickup requests", complexity: connectionComplexity })
  @Can.read(S)
  async bulkyPickupRequests(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => PickupRequestFilter, { nullable: true }) filter?: PickupRequestFilter) {
    staffOnly(ctx.principal);
    const f = filter ?? {};
    const d = await districtOpt(ctx, f.districtId, "filter.districtId");
    return paginate({
      db: ctx.db,
      table: pickupRequests,
      id: pickupRequests.id,
      orderBy: f.updatedSince ? pickupRequests.updatedAt : pickupRequests.requestedAt,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: pickupRequests.districtId }),
        d ? eq(pickupRequests.districtId, d) : undefined,
        f.status?.length ? inArray(pickupRequests.status, f.status) : undefined,
        f.wasteKind ? eq(pickupRequests.wasteKind, f.wasteKind) : undefined,
        f.updatedSince ? gte(pickupRequests.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => PickupRequestPayload, { description: "预约清运流转：排班、收运（称重）、进场（设施）、取消 / Move a pickup: schedule, collect (weight), deliver (facility), cancel" })
  @Can.write(S)
  async advanceBulkyPickup(@Arg("input", () => AdvancePickupInput) input: AdvancePickupInput, @Ctx() ctx: Context): Promise<PickupRequestPayload> {
    staffOnly(ctx.principal);
    const id = idOf("BulkyPickupRequest", input.id, "input.id");
    const facilityId = optionalIdOf("DisposalPlace", input.facilityId, "input.facilityId");
    const [p] = await ctx.db.select().from(pickupRequests).where(eq(pickupRequests.id, id));
    if (!p) throw notFound("pickup request");
    requireDistrictWritable(ctx.principal, p.districtId);
    const r = await runMutation(ctx, "advanceBulkyPickup", input, async (w) => ({ pickup: (await advancePickup(w, id, input.action as PickupActionKey, { ...input, facilityId: facilityId ?? null })) as unknown as PickupRequest }));
    return { pickup: r.pickup ?? null, userErrors: r.userErrors };
  }
}


@Resolver(() => TransportCompany)
export class TransportCompanyFields {
  @FieldResolver(() => District, { nullable: true, description: "区县 / District" })
  async district(@Root() c: CompanyRow, @Ctx() ctx: Context) {
    return districtShape(await districtById(ctx.db, c.districtId));
  }
  @FieldResolver(() => CreditEntryConnection, { description: "信用记录（最新在前）/ Credit history (newest first)", complexity: connectionComplexity })
  async creditHistory(@Root() c: CompanyRow, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return paginate({ db: ctx.db, table: creditEntries, id: creditEntries.id, where: [eq(creditEntries.companyId, c.id)], first: page.first, after: page.after });
  }
  @FieldResolver(() => Int, { description: "承运工地数 / Sites served" })
  async sitesServed(@Root() c: CompanyRow, @Ctx() ctx: Context) {
    return loader<number, number>(ctx, "construction.sitesServed", async (ids) => {
      const r = await ctx.db.select({ c: siteCarriers.companyId, n: sql<number>`count(*)::int` }).from(siteCarriers).where(inArray(siteCarriers.companyId, [...ids])).groupBy(siteCarriers.companyId);
      return ids.map((id) => r.find((x) => x.c === id)?.n ?? 0);
    }).load(c.id);
  }
  @FieldResolver(() => [AuditEntry], { description: "变更历史 / Change history" })
  async history(@Root() c: CompanyRow, @Ctx() ctx: Context) {
    return historyOf(ctx, "TransportCompany", c.id);
  }
}

@Resolver(() => CompanyCapacityMatch)
export class CompanyCapacityMatchFields {
  @FieldResolver(() => TransportCompany, { nullable: true, description: "企业 / Company" })
  async company(@Root() m: { companyId: number }, @Ctx() ctx: Context) {
    return loadCompany(ctx).load(m.companyId);
  }
}

@Resolver(() => ExcavationSite)
export class ExcavationSiteFields {
  @FieldResolver(() => District, { nullable: true, description: "区县 / District" })
  async district(@Root() s: SiteRow, @Ctx() ctx: Context) {
    return districtShape(await districtById(ctx.db, s.districtId));
  }
  @FieldResolver(() => [TransportCompany], { description: "承运企业 / Carrier companies" })
  async carriers(@Root() s: SiteRow, @Ctx() ctx: Context) {
    const ids = await loader<number, number[]>(ctx, "construction.siteCarriers", async (keys) => {
      const r = await ctx.db.select().from(siteCarriers).where(inArray(siteCarriers.siteId, [...keys]));
      return keys.map((k) => r.filter((x) => x.siteId === k).map((x) => x.companyId));
    }).load(s.id);
    const list = (await loadCompany(ctx).loadMany(ids ?? [])).filter((x): x is CompanyRow => !!x && !(x instanceof Error));
    return ctx.principal.org ? list.filter((c) => c.id === ctx.principal.org!.id) : list;
  }
  @FieldResolver(() => [AuditEntry], { description: "变更历史 / Change history" })
  async history(@Root() s: SiteRow, @Ctx() ctx: Context) {
    return historyOf(ctx, "ExcavationSite", s.id);
  }
}

@Resolver(() => Vehicle)
export class VehicleFields {
  @FieldResolver(() => TransportCompany, { nullable: true, description: "所属企业 / Company" })
  async company(@Root() v: VehicleRow, @Ctx() ctx: Context) {
    return loadCompany(ctx).load(v.companyId);
  }
  @FieldResolver(() => TransportPermit, { nullable: true, description: "此刻有效的准运证 / Permit in force now" })
  async activePermit(@Root() v: VehicleRow, @Ctx() ctx: Context) {
    return loader<number, PermitRow>(ctx, "construction.activePermit", async (ids) =>
      byKeys(ids, await ctx.db.select().from(permits).where(and(inArray(permits.vehicleId, [...ids]), eq(permits.status, "ACTIVE"), sql`${permits.validFrom} <= now() and ${permits.validTo} > now()`)), (p) => p.vehicleId),
    ).load(v.id);
  }
  @FieldResolver(() => [AuditEntry], { description: "变更历史 / Change history" })
  async history(@Root() v: VehicleRow, @Ctx() ctx: Context) {
    return historyOf(ctx, "Vehicle", v.id);
  }
}

@Resolver(() => DisposalPlace)
export class DisposalPlaceFields {
  @FieldResolver(() => District, { nullable: true, description: "区县 / District" })
  async district(@Root() p: PlaceRow, @Ctx() ctx: Context) {
    return districtShape(await districtById(ctx.db, p.districtId));
  }
  @FieldResolver(() => String, { description: "剩余库容（总库容口径；年度口径为本年剩余）/ Capacity left (total basis; this year's for annual places)" })
  async remainingCapacity(@Root() p: PlaceRow, @Ctx() ctx: Context) {
    const { usedCapacity } = await import("./rules.js");
    const used = await usedCapacity(ctx.db, p as PlaceRow, new Date());
    return Math.max(0, Number(p.capacity) - used).toFixed(2);
  }
  @FieldResolver(() => String, { description: "今日受纳量（按单位）/ Intake today (in the place's unit)" })
  async intakeToday(@Root() p: PlaceRow, @Ctx() ctx: Context) {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const r = await loader<number, { receivedM3: string; receivedT: string }>(ctx, "construction.placeToday", async (ids) =>
      byKeys(ids, await ctx.db.select().from(placeDaily).where(and(inArray(placeDaily.placeId, [...ids]), eq(placeDaily.day, today))), (x) => x.placeId),
    ).load(p.id);
    return r ? (p.capacityUnit === "T" ? r.receivedT : r.receivedM3) : "0";
  }
  @FieldResolver(() => [AuditEntry], { description: "变更历史 / Change history" })
  async history(@Root() p: PlaceRow, @Ctx() ctx: Context) {
    return historyOf(ctx, "DisposalPlace", p.id);
  }
}

@Resolver(() => TransportPermit)
export class TransportPermitFields {
  @FieldResolver(() => Vehicle, { nullable: true, description: "车辆 / Vehicle" })
  async vehicle(@Root() p: PermitRow, @Ctx() ctx: Context) {
    return loadVehicle(ctx).load(p.vehicleId);
  }
  @FieldResolver(() => TransportCompany, { nullable: true, description: "企业 / Company" })
  async company(@Root() p: PermitRow, @Ctx() ctx: Context) {
    return loadCompany(ctx).load(p.companyId);
  }
  @FieldResolver(() => ExcavationSite, { nullable: true, description: "出土工地 / Site" })
  async site(@Root() p: PermitRow, @Ctx() ctx: Context) {
    const s = await loadSite(ctx).load(p.siteId);
    return s ? shapePlace(s) : null;
  }
  @FieldResolver(() => DisposalPlace, { nullable: true, description: "消纳场所 / Disposal place" })
  async disposalPlace(@Root() p: PermitRow, @Ctx() ctx: Context) {
    const d = await loadPlace(ctx).load(p.disposalPlaceId);
    return d ? shapePlace(d) : null;
  }
  @FieldResolver(() => Boolean, { description: "此刻有效 / In force now" })
  inForce(@Root() p: PermitRow): boolean {
    const now = new Date();
    return p.status === "ACTIVE" && p.validFrom <= now && now < p.validTo;
  }
  @FieldResolver(() => PermitQrCode, { nullable: true, description: "二维码（批准后；打印证件用）/ QR code (once approved; for the printed permit)" })
  async qrCode(@Root() p: PermitRow, @Ctx() ctx: Context): Promise<PermitQrCode | null> {
    if (!p.verifyToken) return null;
    const url = verificationUrl(publicBaseUrl(ctx.app.config.port), p.verifyToken);
    return { url, pngDataUrl: await qrPngDataUrl(url), svg: await qrSvg(url) };
  }
  @FieldResolver(() => Int, { description: "扫码核验次数 / Verification scans" })
  async scanCount(@Root() p: PermitRow, @Ctx() ctx: Context) {
    return loader<number, number>(ctx, "construction.permitScans", async (ids) => {
      const r = await ctx.db.select({ id: permitScans.permitId, n: sql<number>`count(*)::int` }).from(permitScans).where(inArray(permitScans.permitId, [...ids])).groupBy(permitScans.permitId);
      return ids.map((id) => r.find((x) => x.id === id)?.n ?? 0);
    }).load(p.id);
  }
  @FieldResolver(() => [AuditEntry], { description: "变更历史 / Change history" })
  async history(@Root() p: PermitRow, @Ctx() ctx: Context) {
    return historyOf(ctx, "TransportPermit", p.id);
  }
}

@Resolver(() => TripManifest)
export class TripManifestFields {
  @FieldResolver(() => Vehicle, { nullable: true, description: "车辆 / Vehicle" })
  async vehicle(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return loadVehicle(ctx).load(m.vehicleId);
  }
  @FieldResolver(() => TransportCompany, { nullable: true, description: "企业 / Company" })
  async company(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return loadCompany(ctx).load(m.companyId);
  }
  @FieldResolver(() => ExcavationSite, { nullable: true, description: "出土工地 / Site" })
  async site(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    const s = await loadSite(ctx).load(m.siteId);
    return s ? shapePlace(s) : null;
  }
  @FieldResolver(() => TransportPermit, { nullable: true, description: "准运证 / Permit" })
  async permit(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return m.permitId ? loadPermit(ctx).load(m.permitId) : null;
  }
  @FieldResolver(() => DisposalPlace, { nullable: true, description: "核准消纳场所 / Planned disposal place" })
  async plannedPlace(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    const d = m.plannedPlaceId ? await loadPlace(ctx).load(m.plannedPlaceId) : null;
    return d ? shapePlace(d) : null;
  }
  @FieldResolver(() => DisposalPlace, { nullable: true, description: "签收场所 / Receiving disposal place" })
  async disposalPlace(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    const d = m.disposalPlaceId ? await loadPlace(ctx).load(m.disposalPlaceId) : null;
    return d ? shapePlace(d) : null;
  }
  @FieldResolver(() => Boolean, { description: "方量差超过 10% / Difference above 10%" })
  volumeDiffFlagged(@Root() m: ManifestRow): boolean {
    return m.receivedVolumeM3 != null && volumeDiffFlag(Number(m.sentVolumeM3), Number(m.receivedVolumeM3));
  }
  @FieldResolver(() => [AuditEntry], { description: "变更历史 / Change history" })
  async history(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return historyOf(ctx, "TripManifest", m.id);
  }
}

@Resolver(() => ServiceVisit)
export class ServiceVisitFields {
  @FieldResolver(() => TransportCompany, { nullable: true, description: "企业 / Company" })
  async company(@Root() v: VisitRow, @Ctx() ctx: Context) {
    return loadCompany(ctx).load(v.companyId);
  }
  @FieldResolver(() => [ServiceProblem], { description: "发现的问题 / Problems raised" })
  async problems(@Root() v: VisitRow, @Ctx() ctx: Context) {
    return loader<number, (typeof serviceProblems.$inferSelect)[]>(ctx, "construction.visitProblems", async (ids) => {
      const r = await ctx.db.select().from(serviceProblems).where(inArray(serviceProblems.visitId, [...ids]));
      return ids.map((id) => r.filter((x) => x.visitId === id));
    }).load(v.id);
  }
}

@Resolver(() => PickupRequest)
export class PickupRequestFields {
  @FieldResolver(() => String, { description: "居民（脱敏）/ Resident (masked)" })
  residentName(@Root() r: PickupRow): string {
    return r.residentName.slice(0, 1) + "*".repeat(Math.max(1, r.residentName.length - 1));
  }
  @FieldResolver(() => String, { description: "电话（可写工作人员可见全号，其余脱敏）/ Phone (full for staff who may act on it, masked otherwise)" })
  phone(@Root() r: PickupRow, @Ctx() ctx: Context): string {
    return can(ctx.principal, `${S}:write`) && !ctx.principal.org ? r.phone : maskPhone(r.phone);
  }
  @FieldResolver(() => DisposalPlace, { nullable: true, description: "进场设施 / Facility" })
  async facility(@Root() r: PickupRow, @Ctx() ctx: Context) {
    const d = r.facilityId ? await loadPlace(ctx).load(r.facilityId) : null;
    return d ? shapePlace(d) : null;
  }
  @FieldResolver(() => [AuditEntry], { description: "变更历史 / Change history" })
  async history(@Root() r: PickupRow, @Ctx() ctx: Context) {
    return historyOf(ctx, "BulkyPickupRequest", r.id);
  }
}

export const constructionResolvers = [
  ConstructionResolver,
  TransportCompanyFields,
  CompanyCapacityMatchFields,
  ExcavationSiteFields,
  VehicleFields,
  DisposalPlaceFields,
  TransportPermitFields,
  TripManifestFields,
  ServiceVisitFields,
  PickupRequestFields,
] as const;

export { allDistricts, Alert, transitionCase, caseById, type CaseRow, type SQL };
