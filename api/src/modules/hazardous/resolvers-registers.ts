/**
 * Resolvers of the registers around the manifests: small/micro collection (operators, contracts,
 * runs, statistics), transport supervision (carriers, vehicles, people, facilities, road segments,
 * rule settings), decommissioning projects and documents, and the stream's statistics and capacity.
 */
import { and, asc, eq, gte, ilike, lt, lte, or, sql } from "drizzle-orm";
import { GraphQLDateTime } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, forbidden } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { badInput, DomainError, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf, parseGlobalId } from "../../graphql/ids.js";
import { runMutation } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { inScope, requireDistrictWritable, requireInScope, scopeWhere } from "../../graphql/scope.js";
import { districtIdOf } from "../core/resolvers.js";
import { District, OkPayload } from "../core/types.js";
import { ORG, requireStaff } from "./access.js";
import { collectionStatistics, recordRun, signContract, terminateContract, totalsByUnitType } from "./collection.js";
import { creditCodeProblem, normaliseCreditCode } from "./credit-code.js";
import { advanceStep, attachDocument, createProject, DECOMMISSION_STEPS, STEP_PREREQUISITES } from "./decommission.js";
import { AdvanceStepInput, AttachDocumentInput, CollectionFilter, CreateProjectInput, CreateSegmentInput, ProjectFilter, RecordRunInput, RegisterCarrierInput, RegisterPersonInput, RegisterVehicleInput, RenewLicenceInput, RuleSettingsInput, SegmentFilter, SignContractInput, TerminateContractInput, TransportFilter, CarrierFilter, UpdateCarrierInput, UpdatePersonInput, UpdateSegmentInput, UpdateVehicleInput } from "./inputs.js";
import { daysLeft } from "./licences.js";
import { settings } from "./manifest-machine.js";
import { load, readsStream, unitVisible } from "./resolver-kit.js";
import { shanghaiDay } from "./rollups.js";
import { capacityMatching, districtStats, hazardsByStatus, manifestsByState, sumStats } from "./stats.js";
import { carriers, collectionContracts, collectionOperators, collectionRuns, decommissionProjects, documents, facilities, hazards, roadSegments, ruleSettings, transportPeople, units, vehicles } from "./tables.js";
import { createSegment, updateCarrier, updatePerson, updateSegment, updateVehicle } from "./transport-registers.js";
import { addDec } from "./rollups.js";
import {
  CapacityMatch,
  Carrier,
  CarrierConnection,
  CarrierPayload,
  CollectionContract,
  CollectionContractConnection,
  CollectionContractPayload,
  CollectionOperator,
  CollectionRun,
  CollectionRunConnection,
  CollectionRunLine,
  CollectionRunPayload,
  CollectionStatistics,
  DecommissionProject,
  DecommissionProjectConnection,
  DecommissionProjectPayload,
  DecommissionStepInfo,
  Facility,
  FacilityCapacity,
  HazardousDistrictStats,
  HazardousDocument,
  HazardousDocumentPayload,
  HazardousRuleSettings,
  HazardousRuleSettingsPayload,
  HazardousStatistics,
  HazardousUnit,
  RoadSegment,
  RoadSegmentConnection,
  RoadSegmentPayload,
  TransportPerson,
  TransportPersonConnection,
  TransportPersonPayload,
  TransportVehicle,
  TransportVehicleConnection,
  TransportVehiclePayload,
} from "./types.js";

const visibleToStream = (ctx: Context) => readsStream(ctx.principal);

registerNode("CollectionOperator", async (ctx, id) => (visibleToStream(ctx) ? load.operator(ctx, id) : null));
registerNode("Carrier", async (ctx, id) => (visibleToStream(ctx) ? load.carrier(ctx, id) : null));
registerNode("Facility", async (ctx, id) => (visibleToStream(ctx) ? load.facility(ctx, id) : null));
registerNode("TransportVehicle", async (ctx, id) => {
  const v = await load.vehicle(ctx, id);
  return v && visibleToStream(ctx) && inScope(ctx.principal, { districtId: v.districtId, orgs: { [ORG.carrier]: v.carrierId } }) ? v : null;
});
registerNode("TransportPerson", async (ctx, id) => {
  const p = await load.person(ctx, id);
  if (!p || !visibleToStream(ctx)) return null;
  const c = await load.carrier(ctx, p.carrierId);
  return c && inScope(ctx.principal, { districtId: c.districtId, orgs: { [ORG.carrier]: p.carrierId } }) ? p : null;
});
registerNode("CollectionContract", async (ctx, id) => {
  const [c] = await ctx.db.select().from(collectionContracts).where(eq(collectionContracts.id, id));
  return c && visibleToStream(ctx) && inScope(ctx.principal, { districtId: c.districtId, orgs: { [ORG.operator]: c.operatorId, [ORG.unit]: c.unitId } }) ? c : null;
});
registerNode("CollectionRun", async (ctx, id) => {
  const [r] = await ctx.db.select().from(collectionRuns).where(eq(collectionRuns.id, id));
  return r && visibleToStream(ctx) && inScope(ctx.principal, { districtId: r.districtId, orgs: { [ORG.operator]: r.operatorId, [ORG.unit]: r.unitId } }) ? r : null;
});
registerNode("DecommissionProject", async (ctx, id) => {
  const [p] = await ctx.db.select().from(decommissionProjects).where(eq(decommissionProjects.id, id));
  return p && visibleToStream(ctx) && inScope(ctx.principal, { districtId: p.districtId, orgs: { [ORG.unit]: p.unitId } }) ? p : null;
});
registerNode("RoadSegment", async (ctx, id) => {
  const [s] = await ctx.db.select().from(roadSegments).where(eq(roadSegments.id, id));
  return s && visibleToStream(ctx) ? s : null;
});
registerNode("HazardousDocument", async (ctx, id) => {
  const [d] = await ctx.db.select({ id: documents.id, ownerType: documents.ownerType, ownerId: documents.ownerId, step: documents.step, fileName: documents.fileName, mimeType: documents.mimeType, sizeBytes: documents.sizeBytes, sha256: documents.sha256, uploadedBy: documents.uploadedBy, uploadedAt: documents.uploadedAt }).from(documents).where(eq(documents.id, id));
  if (!d || !visibleToStream(ctx)) return null;
  return (await documentOwnerVisible(ctx, d.ownerType, d.ownerId)) ? d : null;
});

async function documentOwnerVisible(ctx: Context, ownerType: string, ownerId: number): Promise<boolean> {
  if (ownerType === "Hazard") {
    const [h] = await ctx.db.select().from(hazards).where(eq(hazards.id, ownerId));
    return !!h && inScope(ctx.principal, { districtId: h.districtId, orgs: { [ORG.unit]: h.unitId } });
  }
  const [p] = await ctx.db.select().from(decommissionProjects).where(eq(decommissionProjects.id, ownerId));
  return !!p && inScope(ctx.principal, { districtId: p.districtId, orgs: { [ORG.unit]: p.unitId } });
}

function dayMinusDays(n: number) {
  return new Date(Date.parse(`${shanghaiDay(new Date())}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

@Resolver()
export class RegistersResolver {
  // ——— collection ———
  @Query(() => [CollectionOperator], { description: "小微收运单位 / Collection operators" })
  @Can.read("hazardous", { operator: true })
  async collectionOperators(@Ctx() ctx: Context) {
    return ctx.db.select().from(collectionOperators).orderBy(asc(collectionOperators.id));
  }

  @Query(() => CollectionContractConnection, { description: "收运合同 / Collection contracts", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async collectionContracts(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => CollectionFilter, { nullable: true }) filter?: CollectionFilter) {
    const f = filter ?? {};
    const op = optionalIdOf("CollectionOperator", f.operatorId, "filter.operatorId");
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    const unit = optionalIdOf("HazardousUnit", f.unitId, "filter.unitId");
    return paginate({
      db: ctx.db,
      table: collectionContracts,
      id: collectionContracts.id,
      orderBy: f.updatedSince ? collectionContracts.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: collectionContracts.districtId, orgs: [{ kind: ORG.operator, column: collectionContracts.operatorId }, { kind: ORG.unit, column: collectionContracts.unitId }] }),
        op ? eq(collectionContracts.operatorId, op) : undefined,
        district ? eq(collectionContracts.districtId, district) : undefined,
        unit ? eq(collectionContracts.unitId, unit) : undefined,
        f.unitType ? eq(collectionContracts.unitType, f.unitType) : undefined,
        f.updatedSince ? gte(collectionContracts.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => CollectionRunConnection, { description: "收运记录 / Collections", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async collectionRuns(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => CollectionFilter, { nullable: true }) filter?: CollectionFilter) {
    const f = filter ?? {};
    const op = optionalIdOf("CollectionOperator", f.operatorId, "filter.operatorId");
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    const unit = optionalIdOf("HazardousUnit", f.unitId, "filter.unitId");
    return paginate({
      db: ctx.db,
      table: collectionRuns,
      id: collectionRuns.id,
      orderBy: f.updatedSince ? collectionRuns.updatedAt : collectionRuns.collectedAt,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: collectionRuns.districtId, orgs: [{ kind: ORG.operator, column: collectionRuns.operatorId }, { kind: ORG.unit, column: collectionRuns.unitId }] }),
        op ? eq(collectionRuns.operatorId, op) : undefined,
        district ? eq(collectionRuns.districtId, district) : undefined,
        unit ? eq(collectionRuns.unitId, unit) : undefined,
        f.unitType ? eq(collectionRuns.unitType, f.unitType) : undefined,
        f.from ? gte(collectionRuns.collectedAt, f.from) : undefined,
        f.to ? lt(collectionRuns.collectedAt, f.to) : undefined,
        f.updatedSince ? gte(collectionRuns.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => CollectionStatistics, { description: "小微收运统计：签约单位、收运家次、吨数（按经营单位和单位类型）/ Collection statistics per operator and unit type" })
  @Can.read("hazardous", { operator: true })
  async collectionStatistics(
    @Ctx() ctx: Context,
    @Arg("from", () => GraphQLDateTime, { description: "起 / From" }) from: Date,
    @Arg("to", () => GraphQLDateTime, { description: "止（不含）/ To (exclusive)" }) to: Date,
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
    @Arg("operatorId", () => ID, { nullable: true, description: "经营单位 / Operator" }) operatorId?: string,
  ): Promise<CollectionStatistics> {
    if (!(from < to)) throw badInput("to", "must be after from");
    const p = ctx.principal;
    let district = optionalIdOf("District", districtId, "districtId") ?? null;
    let op = optionalIdOf("CollectionOperator", operatorId, "operatorId") ?? null;
    if (p.districtId != null) district = p.districtId;
    if (p.org) {
      if (p.org.kind !== ORG.operator) throw forbidden();
      op = p.org.id;
    }
    const stats = await collectionStatistics(ctx.db, { from, to, districtId: district, operatorId: op });
    const rows = await Promise.all(stats.map(async (s) => ({ ...s, operator: await load.operator(ctx, s.operatorId) })));
    return { rows, totals: totalsByUnitType(stats).map((t) => ({ ...t, operator: null })) } as unknown as CollectionStatistics;
  }

  @Mutation(() => CollectionContractPayload, { description: "签订收运合同（收运单位或人员）/ Sign a collection contract (operator or staff)" })
  @Can.write("hazardous", { operator: true })
  async signCollectionContract(@Arg("input", () => SignContractInput) input: SignContractInput, @Ctx() ctx: Context) {
    const operatorId = idOf("CollectionOperator", input.operatorId, "input.operatorId");
    const unitId = idOf("HazardousUnit", input.unitId, "input.unitId");
    const p = ctx.principal;
    if (p.org && !(p.org.kind === ORG.operator && p.org.id === operatorId)) throw forbidden("Operators sign their own contracts only");
    const u = await load.unit(ctx, unitId);
    if (!u) throw badInput("input.unitId", "no such unit");
    requireDistrictWritable(p, u.districtId);
    const r = await runMutation(ctx, "signCollectionContract", input, async (w) => ({ contract: await signContract(w, { operatorId, unitId, signedOn: input.signedOn, validTo: input.validTo }) }));
    return { contract: r.contract ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CollectionRunPayload, { description: "记录一次收运（收运单位）/ Record a collection (operator)" })
  @Can.write("hazardous", { operator: true })
  async recordCollectionRun(@Arg("input", () => RecordRunInput) input: RecordRunInput, @Ctx() ctx: Context) {
    const contractId = idOf("CollectionContract", input.contractId, "input.contractId");
    const [c] = await ctx.db.select().from(collectionContracts).where(eq(collectionContracts.id, contractId));
    if (!c) throw badInput("input.contractId", "no such contract");
    const p = ctx.principal;
    if (p.org && !(p.org.kind === ORG.operator && p.org.id === c.operatorId)) throw forbidden("Only the contract's operator records its collections");
    requireDistrictWritable(p, c.districtId);
    const r = await runMutation(ctx, "recordCollectionRun", input, async (w) => ({ run: await recordRun(w, { contractId, collectedAt: input.collectedAt, lines: input.lines }) }));
    return { run: r.run ?? null, userErrors: r.userErrors };
  }

  // ——— transport ———
  @Query(() => [Carrier], { description: "危货运输企业 / Hazardous-goods transport companies" })
  @Can.read("hazardous", { operator: true })
  async hazardousCarriers(@Ctx() ctx: Context, @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string) {
    const district = optionalIdOf("District", districtId, "districtId");
    return ctx.db.select().from(carriers).where(district ? eq(carriers.districtId, district) : undefined).orderBy(asc(carriers.id));
  }

  @Query(() => CarrierConnection, { description: "危货运输企业（分页，可按许可证到期筛选）/ Carriers, paged (filter by permit expiry)", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async transportCarriers(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => CarrierFilter, { nullable: true }) filter?: CarrierFilter) {
    const f = filter ?? {};
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    const q = f.search?.trim();
    return paginate({
      db: ctx.db,
      table: carriers,
      id: carriers.id,
      orderBy: f.updatedSince ? carriers.updatedAt : f.expiringWithinDays != null ? carriers.permitValidTo : undefined,
      ascending: !!f.updatedSince || f.expiringWithinDays != null,
      where: [
        ...scopeWhere(ctx.principal, { district: carriers.districtId, orgs: [{ kind: ORG.carrier, column: carriers.id }] }),
        district ? eq(carriers.districtId, district) : undefined,
        f.expiringWithinDays != null ? lte(carriers.permitValidTo, dayMinusDays(f.expiringWithinDays)) : undefined,
        q ? or(ilike(carriers.name, `%${q}%`), ilike(carriers.creditCode, `%${q}%`), ilike(carriers.permitNo, `%${q}%`)) : undefined,
        f.updatedSince ? gte(carriers.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => [Facility], { description: "持证利用处置单位 / Licensed receiving facilities" })
  @Can.read("hazardous", { operator: true })
  async hazardousFacilities(@Ctx() ctx: Context) {
    return ctx.db.select().from(facilities).orderBy(asc(facilities.id));
  }

  @Query(() => TransportVehicleConnection, { description: "危货运输车辆（含证照到期）/ Vehicles with licence expiry", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async transportVehicles(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => TransportFilter, { nullable: true }) filter?: TransportFilter) {
    const f = filter ?? {};
    const carrier = optionalIdOf("Carrier", f.carrierId, "filter.carrierId");
    return paginate({
      db: ctx.db,
      table: vehicles,
      id: vehicles.id,
      orderBy: f.updatedSince ? vehicles.updatedAt : f.expiringWithinDays != null ? vehicles.licenceValidTo : undefined,
      ascending: !!f.updatedSince || f.expiringWithinDays != null,
      where: [
        ...scopeWhere(ctx.principal, { district: vehicles.districtId, orgs: [{ kind: ORG.carrier, column: vehicles.carrierId }] }),
        carrier ? eq(vehicles.carrierId, carrier) : undefined,
        f.expiringWithinDays != null ? lte(vehicles.licenceValidTo, dayMinusDays(f.expiringWithinDays)) : undefined,
        f.search ? ilike(vehicles.plate, `%${f.search.trim()}%`) : undefined,
        f.active != null ? eq(vehicles.active, f.active) : undefined,
        f.updatedSince ? gte(vehicles.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => TransportPersonConnection, { description: "驾驶员、押运员（含证照到期）/ Drivers and escorts with licence expiry", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async transportPeople(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => TransportFilter, { nullable: true }) filter?: TransportFilter) {
    const f = filter ?? {};
    const carrier = optionalIdOf("Carrier", f.carrierId, "filter.carrierId");
    const p = ctx.principal;
    return paginate({
      db: ctx.db,
      table: transportPeople,
      id: transportPeople.id,
      orderBy: f.updatedSince ? transportPeople.updatedAt : f.expiringWithinDays != null ? transportPeople.qualificationValidTo : undefined,
      ascending: !!f.updatedSince || f.expiringWithinDays != null,
      where: [
        ...scopeWhere(p, { orgs: [{ kind: ORG.carrier, column: transportPeople.carrierId }] }),
        p.districtId != null && !p.org ? sql`${transportPeople.carrierId} in (select id from hazardous.carriers where district_id = ${p.districtId})` : undefined,
        carrier ? eq(transportPeople.carrierId, carrier) : undefined,
        f.role ? eq(transportPeople.role, f.role) : undefined,
        f.expiringWithinDays != null ? lte(transportPeople.qualificationValidTo, dayMinusDays(f.expiringWithinDays)) : undefined,
        f.search ? ilike(transportPeople.name, `%${f.search.trim()}%`) : undefined,
        f.active != null ? eq(transportPeople.active, f.active) : undefined,
        f.updatedSince ? gte(transportPeople.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => CarrierPayload, { description: "登记危货运输企业 / Register a carrier" })
  @Can.write("hazardous")
  async registerCarrier(@Arg("input", () => RegisterCarrierInput) input: RegisterCarrierInput, @Ctx() ctx: Context) {
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    requireDistrictWritable(ctx.principal, districtId);
    const r = await runMutation(ctx, "registerCarrier", input, async (w) => {
      const code = normaliseCreditCode(input.creditCode);
      const problem = creditCodeProblem(code);
      if (problem) throw new DomainError("INVALID_CREDIT_CODE", `Unified social credit code ${problem}`, "input.creditCode");
      const [c] = await w.tx.insert(carriers).values({ name: input.name, creditCode: code, districtId, permitNo: input.permitNo, permitValidTo: input.permitValidTo }).returning();
      await w.audit({ entity: "Carrier", entityId: c!.id, action: "register", changes: input });
      return { carrier: c };
    });
    return { carrier: r.carrier ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportVehiclePayload, { description: "登记危货运输车辆 / Register a vehicle" })
  @Can.write("hazardous")
  async registerTransportVehicle(@Arg("input", () => RegisterVehicleInput) input: RegisterVehicleInput, @Ctx() ctx: Context) {
    const carrierId = idOf("Carrier", input.carrierId, "input.carrierId");
    const c = await load.carrier(ctx, carrierId);
    if (!c) throw badInput("input.carrierId", "no such carrier");
    requireDistrictWritable(ctx.principal, c.districtId);
    const r = await runMutation(ctx, "registerTransportVehicle", input, async (w) => {
      const [v] = await w.tx
        .insert(vehicles)
        .values({ carrierId, plate: input.plate, terminalId: input.terminalId ?? null, vehicleType: input.vehicleType ?? "", loadKg: input.loadKg, licenceNo: input.licenceNo, licenceValidTo: input.licenceValidTo, districtId: c.districtId })
        .returning();
      await w.audit({ entity: "TransportVehicle", entityId: v!.id, action: "register", changes: input });
      return { vehicle: v };
    });
    return { vehicle: r.vehicle ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportPersonPayload, { description: "登记驾驶员或押运员 / Register a driver or escort" })
  @Can.write("hazardous")
  async registerTransportPerson(@Arg("input", () => RegisterPersonInput) input: RegisterPersonInput, @Ctx() ctx: Context) {
    const carrierId = idOf("Carrier", input.carrierId, "input.carrierId");
    const c = await load.carrier(ctx, carrierId);
    if (!c) throw badInput("input.carrierId", "no such carrier");
    requireDistrictWritable(ctx.principal, c.districtId);
    const r = await runMutation(ctx, "registerTransportPerson", input, async (w) => {
      const [p] = await w.tx.insert(transportPeople).values({ carrierId, name: input.name, role: input.role, qualificationNo: input.qualificationNo, qualificationValidTo: input.qualificationValidTo, phone: input.phone ?? "" }).returning();
      await w.audit({ entity: "TransportPerson", entityId: p!.id, action: "register", changes: input });
      return { person: p };
    });
    return { person: r.person ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CarrierPayload, { description: "修改运输企业（名称、区县；证照用续期）/ Change a carrier (name, district; licences through renewal)" })
  @Can.write("hazardous")
  async updateCarrier(@Arg("input", () => UpdateCarrierInput) input: UpdateCarrierInput, @Ctx() ctx: Context) {
    const id = idOf("Carrier", input.id, "input.id");
    const c = await load.carrier(ctx, id);
    if (!c) throw badInput("input.id", "no such carrier");
    requireDistrictWritable(ctx.principal, c.districtId);
    const districtId = input.districtId ? await districtIdOf(ctx.db, input.districtId, "input.districtId") : undefined;
    if (districtId) requireDistrictWritable(ctx.principal, districtId);
    const r = await runMutation(ctx, "updateCarrier", input, async (w) => ({ carrier: await updateCarrier(w, id, { name: input.name, districtId }) }));
    return { carrier: r.carrier ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportVehiclePayload, { description: "修改车辆（终端、车型、载质量、停运/复用；证照用续期）/ Change a vehicle (terminal, type, load, in service; licence through renewal)" })
  @Can.write("hazardous")
  async updateTransportVehicle(@Arg("input", () => UpdateVehicleInput) input: UpdateVehicleInput, @Ctx() ctx: Context) {
    const id = idOf("TransportVehicle", input.id, "input.id");
    const [v] = await ctx.db.select().from(vehicles).where(eq(vehicles.id, id));
    if (!v) throw badInput("input.id", "no such vehicle");
    requireDistrictWritable(ctx.principal, v.districtId);
    const r = await runMutation(ctx, "updateTransportVehicle", input, async (w) => ({ vehicle: await updateVehicle(w, id, { terminalId: input.terminalId, vehicleType: input.vehicleType, loadKg: input.loadKg, active: input.active }) }));
    return { vehicle: r.vehicle ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => TransportPersonPayload, { description: "修改驾驶员或押运员（姓名、电话、离职/在岗；证照用续期）/ Change a driver or escort (name, phone, employed; licence through renewal)" })
  @Can.write("hazardous")
  async updateTransportPerson(@Arg("input", () => UpdatePersonInput) input: UpdatePersonInput, @Ctx() ctx: Context) {
    const id = idOf("TransportPerson", input.id, "input.id");
    const [p] = await ctx.db.select().from(transportPeople).where(eq(transportPeople.id, id));
    if (!p) throw badInput("input.id", "no such person");
    const c = await load.carrier(ctx, p.carrierId);
    requireDistrictWritable(ctx.principal, c!.districtId);
    const r = await runMutation(ctx, "updateTransportPerson", input, async (w) => ({ person: await updatePerson(w, id, { name: input.name, phone: input.phone, active: input.active }) }));
    return { person: r.person ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => CollectionContractPayload, { description: "终止收运合同（自终止日起不再收运）/ Terminate a collection contract (no collections from that day)" })
  @Can.write("hazardous", { operator: true })
  async terminateCollectionContract(@Arg("input", () => TerminateContractInput) input: TerminateContractInput, @Ctx() ctx: Context) {
    const id = idOf("CollectionContract", input.id, "input.id");
    const [c] = await ctx.db.select().from(collectionContracts).where(eq(collectionContracts.id, id));
    const p = ctx.principal;
    if (!c || !inScope(p, { districtId: c.districtId, orgs: { [ORG.operator]: c.operatorId } })) throw badInput("input.id", "no such contract");
    if (p.org && !(p.org.kind === ORG.operator && p.org.id === c.operatorId)) throw forbidden("Only the contract's operator or staff terminate it");
    requireDistrictWritable(p, c.districtId);
    const r = await runMutation(ctx, "terminateCollectionContract", input, async (w) => ({ contract: await terminateContract(w, id, input.terminatedOn) }));
    return { contract: r.contract ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => OkPayload, { description: "证照续期（车辆、人员、企业、接受单位、收运单位）/ Renew a licence (vehicle, person, carrier, facility, operator)" })
  @Can.write("hazardous")
  async renewHazardousLicence(@Arg("input", () => RenewLicenceInput) input: RenewLicenceInput, @Ctx() ctx: Context) {
    const parsed = parseGlobalId(input.id);
    const types = ["TransportVehicle", "TransportPerson", "Carrier", "Facility", "CollectionOperator"];
    if (!parsed || !types.includes(parsed.type)) throw badInput("input.id", `must be the ID of a ${types.join(", ")}`);
    const id = Number(parsed.id);
    requireStaff(ctx.principal);
    const r = await runMutation(ctx, "renewHazardousLicence", input, async (w) => {
      if (input.validTo < shanghaiDay(new Date())) throw new DomainError("INVALID_DATES", "A renewed licence must be valid today or later", "input.validTo");
      const now = new Date();
      let row: { id: number } | undefined;
      if (parsed.type === "TransportVehicle") [row] = await w.tx.update(vehicles).set({ licenceNo: input.number, licenceValidTo: input.validTo, updatedAt: now }).where(eq(vehicles.id, id)).returning();
      else if (parsed.type === "TransportPerson") [row] = await w.tx.update(transportPeople).set({ qualificationNo: input.number, qualificationValidTo: input.validTo, updatedAt: now }).where(eq(transportPeople.id, id)).returning();
      else if (parsed.type === "Carrier") [row] = await w.tx.update(carriers).set({ permitNo: input.number, permitValidTo: input.validTo, updatedAt: now }).where(eq(carriers.id, id)).returning();
      else if (parsed.type === "Facility") [row] = await w.tx.update(facilities).set({ licenceNo: input.number, licenceValidTo: input.validTo, updatedAt: now }).where(eq(facilities.id, id)).returning();
      else [row] = await w.tx.update(collectionOperators).set({ licenceNo: input.number, licenceValidTo: input.validTo, updatedAt: now }).where(eq(collectionOperators.id, id)).returning();
      if (!row) throw new DomainError("NOT_FOUND", `No such ${parsed.type}`, "input.id");
      await w.audit({ entity: parsed.type, entityId: id, action: "renewLicence", changes: input });
      return { ok: true };
    });
    return { ok: r.ok ?? false, userErrors: r.userErrors };
  }

  @Query(() => [RoadSegment], { description: "启用的限速和禁行路段（地图用）/ Active speed-limited and restricted segments (for the map)" })
  @Can.read("hazardous", { operator: true })
  async roadSegments(@Ctx() ctx: Context) {
    return ctx.db.select().from(roadSegments).where(eq(roadSegments.active, true)).orderBy(asc(roadSegments.id));
  }

  @Query(() => RoadSegmentConnection, { description: "路段（分页，含停用）/ Road segments, paged (retired ones too)", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async roadSegmentList(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => SegmentFilter, { nullable: true }) filter?: SegmentFilter) {
    const f = filter ?? {};
    return paginate({
      db: ctx.db,
      table: roadSegments,
      id: roadSegments.id,
      orderBy: f.updatedSince ? roadSegments.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        f.restricted != null ? eq(roadSegments.restricted, f.restricted) : undefined,
        f.active != null ? eq(roadSegments.active, f.active) : undefined,
        f.search ? ilike(roadSegments.name, `%${f.search.trim()}%`) : undefined,
        f.updatedSince ? gte(roadSegments.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => RoadSegmentPayload, { description: "新建限速或禁行路段 / Create a speed-limited or restricted segment" })
  @Can.write("hazardous")
  async createRoadSegment(@Arg("input", () => CreateSegmentInput) input: CreateSegmentInput, @Ctx() ctx: Context) {
    requireStaff(ctx.principal);
    const districtId = input.districtId ? await districtIdOf(ctx.db, input.districtId, "input.districtId") : null;
    if (districtId) requireDistrictWritable(ctx.principal, districtId);
    else if (ctx.principal.districtId != null) throw forbidden("Only city staff create segments without a district");
    const r = await runMutation(ctx, "createRoadSegment", input, async (w) => ({ segment: await createSegment(w, { ...input, districtId }) }));
    return { segment: r.segment ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => RoadSegmentPayload, { description: "修改路段（限速、线形、禁行、停用）/ Change a segment (limit, line, restricted, retired)" })
  @Can.write("hazardous")
  async updateRoadSegment(@Arg("input", () => UpdateSegmentInput) input: UpdateSegmentInput, @Ctx() ctx: Context) {
    requireStaff(ctx.principal);
    const id = idOf("RoadSegment", input.id, "input.id");
    const [seg] = await ctx.db.select().from(roadSegments).where(eq(roadSegments.id, id));
    if (!seg) throw badInput("input.id", "no such road segment");
    if (seg.districtId) requireDistrictWritable(ctx.principal, seg.districtId);
    else if (ctx.principal.districtId != null) throw forbidden("Only city staff change city-wide segments");
    const { id: _id, ...patch } = input;
    const r = await runMutation(ctx, "updateRoadSegment", input, async (w) => ({ segment: await updateSegment(w, id, patch) }));
    return { segment: r.segment ?? null, userErrors: r.userErrors };
  }

  @Query(() => HazardousRuleSettings, { description: "预警规则参数 / Alert rule parameters" })
  @Can.read("hazardous", { operator: true })
  async hazardousRuleSettings(@Ctx() ctx: Context) {
    return settings(ctx.db);
  }

  @Mutation(() => HazardousRuleSettingsPayload, { description: "修改预警规则参数（市级人员）/ Change rule parameters (city staff)" })
  @Can.write("hazardous")
  async updateHazardousRuleSettings(@Arg("input", () => RuleSettingsInput) input: RuleSettingsInput, @Ctx() ctx: Context) {
    requireStaff(ctx.principal);
    // A person decides thresholds: API keys (devices, integrations) never change them.
    if (ctx.principal.kind !== "user" || ctx.principal.districtId != null) throw forbidden("Only city staff change rule parameters");
    const r = await runMutation(ctx, "updateHazardousRuleSettings", input, async (w) => {
      const [s] = await w.tx
        .update(ruleSettings)
        .set({ ...Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)), updatedAt: new Date() })
        .where(eq(ruleSettings.id, 1))
        .returning();
      await w.audit({ entity: "HazardousRuleSettings", entityId: 1, action: "update", changes: input });
      return { settings: s };
    });
    return { settings: r.settings ?? null, userErrors: r.userErrors };
  }

  // ——— decommissioning ———
  @Query(() => DecommissionProjectConnection, { description: "印染企业退役项目 / Decommissioning projects", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async decommissionProjects(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => ProjectFilter, { nullable: true }) filter?: ProjectFilter) {
    const f = filter ?? {};
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    return paginate({
      db: ctx.db,
      table: decommissionProjects,
      id: decommissionProjects.id,
      orderBy: f.updatedSince ? decommissionProjects.updatedAt : undefined,
      ascending: true,
      where: [
        ...scopeWhere(ctx.principal, { district: decommissionProjects.districtId, orgs: [{ kind: ORG.unit, column: decommissionProjects.unitId }] }),
        district ? eq(decommissionProjects.districtId, district) : undefined,
        f.currentStep ? eq(decommissionProjects.currentStep, f.currentStep) : undefined,
        f.completed != null ? eq(decommissionProjects.completed, f.completed) : undefined,
        f.updatedSince ? gte(decommissionProjects.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => DecommissionProjectPayload, { description: "新建退役项目 / Create a decommissioning project" })
  @Can.write("hazardous")
  async createDecommissionProject(@Arg("input", () => CreateProjectInput) input: CreateProjectInput, @Ctx() ctx: Context) {
    const unitId = idOf("HazardousUnit", input.unitId, "input.unitId");
    const u = await load.unit(ctx, unitId);
    if (!u) throw badInput("input.unitId", "no such unit");
    requireDistrictWritable(ctx.principal, u.districtId);
    const r = await runMutation(ctx, "createDecommissionProject", input, async (w) => ({ project: await createProject(w, { unitId, districtId: u.districtId, oldSite: input.oldSite, newSite: input.newSite }) }));
    return { project: r.project ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => DecommissionProjectPayload, { description: "开始或完成一个退役步骤（前置步骤须完成；完成须有附件）/ Start or complete a step (its prerequisite must be done; completing needs a document)" })
  @Can.write("hazardous", { operator: true })
  async advanceDecommissionStep(@Arg("input", () => AdvanceStepInput) input: AdvanceStepInput, @Ctx() ctx: Context) {
    const id = idOf("DecommissionProject", input.id, "input.id");
    const [p] = await ctx.db.select().from(decommissionProjects).where(eq(decommissionProjects.id, id));
    if (!p) throw notFound("project");
    requireInScope(ctx.principal, { districtId: p.districtId, orgs: { [ORG.unit]: p.unitId } });
    const r = await runMutation(ctx, "advanceDecommissionStep", input, async (w) => ({ project: await advanceStep(w, p, input.step, input.action as "start" | "complete", input.note ?? null) }));
    return { project: r.project ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => HazardousDocumentPayload, { description: "上传附件（退役项目步骤材料或隐患整改材料）/ Attach a document (decommissioning step or hazard evidence)" })
  @Can.write("hazardous", { operator: true })
  async attachHazardousDocument(@Arg("input", () => AttachDocumentInput) input: AttachDocumentInput, @Ctx() ctx: Context) {
    const parsed = parseGlobalId(input.ownerId);
    if (!parsed || !["DecommissionProject", "Hazard"].includes(parsed.type)) throw badInput("input.ownerId", "must be a DecommissionProject or Hazard ID");
    const ownerId = Number(parsed.id);
    if (!(await documentOwnerVisible(ctx, parsed.type, ownerId))) throw notFound(parsed.type);
    const r = await runMutation(ctx, "attachHazardousDocument", { ...input, contentBase64: `${input.contentBase64.length} chars` }, async (w) => {
      const d = await attachDocument(w, { ownerType: parsed.type as "DecommissionProject" | "Hazard", ownerId, step: input.step ?? null, fileName: input.fileName, mimeType: input.mimeType, contentBase64: input.contentBase64 });
      const { content: _c, ...meta } = d;
      return { document: meta };
    });
    return { document: r.document ?? null, userErrors: r.userErrors };
  }

  // ——— statistics ———
  @Query(() => HazardousStatistics, { description: "危废统计（按区县和期间，含联单状态）/ Statistics by district and period" })
  @Can.read("hazardous")
  async hazardousStatistics(
    @Ctx() ctx: Context,
    @Arg("from", () => GraphQLDateTime, { description: "起 / From" }) from: Date,
    @Arg("to", () => GraphQLDateTime, { description: "止（不含）/ To (exclusive)" }) to: Date,
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
  ): Promise<HazardousStatistics> {
    if (!(from < to)) throw badInput("to", "must be after from");
    let district = optionalIdOf("District", districtId, "districtId") ?? null;
    if (ctx.principal.districtId != null) district = ctx.principal.districtId;
    const list = await districtStats(ctx.db, { from, to, districtId: district });
    const districts = await Promise.all(list.map(async (s) => ({ ...s, district: await load.district(ctx, s.districtId) })));
    return {
      districts,
      total: { ...sumStats(list), district: null },
      manifestsByState: await manifestsByState(ctx.db, district),
      hazardsByStatus: await hazardsByStatus(ctx.db, district),
    } as unknown as HazardousStatistics;
  }

  @Query(() => [CapacityMatch], { description: "产生量与利用处置能力匹配（按区县和类别）/ Generation against licensed capacity by district and category" })
  @Can.read("hazardous")
  async hazardousCapacityMatching(@Ctx() ctx: Context, @Arg("year", () => Int, { description: "年份 / Year" }) year: number, @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string) {
    if (year < 2000 || year > 2100) throw badInput("year", "must be a year such as 2021");
    let district = optionalIdOf("District", districtId, "districtId") ?? null;
    if (ctx.principal.districtId != null) district = ctx.principal.districtId;
    const rows = await capacityMatching(ctx.db, { year, districtId: district });
    return Promise.all(
      rows.map(async (r) => ({ ...r, district: await load.district(ctx, r.districtId), shortfallT: addDec(r.generatedT, `-${addDec(r.utilisationT, r.disposalT)}`) })),
    );
  }
}

@Resolver(() => CollectionContract)
export class ContractFields {
  @FieldResolver(() => CollectionOperator, { description: "收运单位 / Operator" })
  operator(@Root() c: { operatorId: number }, @Ctx() ctx: Context) {
    return load.operator(ctx, c.operatorId);
  }
  @FieldResolver(() => HazardousUnit, { description: "签约单位 / Unit" })
  unit(@Root() c: { unitId: number }, @Ctx() ctx: Context) {
    return load.unit(ctx, c.unitId);
  }
}

@Resolver(() => CollectionRun)
export class RunFields {
  @FieldResolver(() => CollectionOperator, { description: "收运单位 / Operator" })
  operator(@Root() c: { operatorId: number }, @Ctx() ctx: Context) {
    return load.operator(ctx, c.operatorId);
  }
  @FieldResolver(() => HazardousUnit, { description: "产废单位 / Unit" })
  unit(@Root() c: { unitId: number }, @Ctx() ctx: Context) {
    return load.unit(ctx, c.unitId);
  }
  @FieldResolver(() => [CollectionRunLine], { description: "废物明细 / Lines" })
  lines(@Root() c: { id: number }, @Ctx() ctx: Context) {
    return load.runLinesOf(ctx, c.id);
  }
}

@Resolver(() => CollectionOperator)
export class OperatorFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  district(@Root() o: { districtId: number }, @Ctx() ctx: Context) {
    return load.district(ctx, o.districtId);
  }
}

@Resolver(() => Carrier)
export class CarrierFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  district(@Root() o: { districtId: number }, @Ctx() ctx: Context) {
    return load.district(ctx, o.districtId);
  }
  @FieldResolver(() => Int, { description: "许可证剩余天数（负数为过期）/ Days until the permit expires (negative: expired)" })
  permitDaysLeft(@Root() c: { permitValidTo: string }) {
    return expiryFields(c.permitValidTo).left;
  }
  @FieldResolver(() => Boolean, { description: "许可证今日有效 / Permit valid today" })
  permitValid(@Root() c: { permitValidTo: string }) {
    return expiryFields(c.permitValidTo).valid;
  }
  @FieldResolver(() => Int, { description: "车辆数 / Vehicles", complexity: 3 })
  async vehicleCount(@Root() c: { id: number }, @Ctx() ctx: Context) {
    const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(vehicles).where(eq(vehicles.carrierId, c.id));
    return r?.n ?? 0;
  }
  @FieldResolver(() => Int, { description: "人员数 / People", complexity: 3 })
  async personCount(@Root() c: { id: number }, @Ctx() ctx: Context) {
    const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(transportPeople).where(eq(transportPeople.carrierId, c.id));
    return r?.n ?? 0;
  }
}

@Resolver(() => Facility)
export class FacilityFields {
  @FieldResolver(() => District, { description: "区县 / District" })
  district(@Root() o: { districtId: number }, @Ctx() ctx: Context) {
    return load.district(ctx, o.districtId);
  }
  @FieldResolver(() => Number, { description: "经度 / Longitude" })
  lon(@Root() f: { lon: string }) {
    return Number(f.lon);
  }
  @FieldResolver(() => Number, { description: "纬度 / Latitude" })
  lat(@Root() f: { lat: string }) {
    return Number(f.lat);
  }
  @FieldResolver(() => [FacilityCapacity], { description: "核准经营规模 / Licensed capacities" })
  capacities(@Root() f: { id: number }, @Ctx() ctx: Context) {
    return load.capacitiesOf(ctx, f.id);
  }
}

const expiryFields = (validTo: string) => {
  const left = daysLeft(validTo, shanghaiDay(new Date()));
  return { left, valid: left >= 0 };
};

@Resolver(() => TransportVehicle)
export class VehicleFields {
  @FieldResolver(() => Carrier, { description: "运输企业 / Carrier" })
  carrier(@Root() v: { carrierId: number }, @Ctx() ctx: Context) {
    return load.carrier(ctx, v.carrierId);
  }
  @FieldResolver(() => Int, { description: "证照剩余天数（负数为过期）/ Days until the licence expires (negative: expired)" })
  licenceDaysLeft(@Root() v: { licenceValidTo: string }) {
    return expiryFields(v.licenceValidTo).left;
  }
  @FieldResolver(() => Boolean, { description: "证照今日有效 / Licence valid today" })
  licenceValid(@Root() v: { licenceValidTo: string }) {
    return expiryFields(v.licenceValidTo).valid;
  }
}

@Resolver(() => TransportPerson)
export class PersonFields {
  @FieldResolver(() => Carrier, { description: "运输企业 / Carrier" })
  carrier(@Root() v: { carrierId: number }, @Ctx() ctx: Context) {
    return load.carrier(ctx, v.carrierId);
  }
  @FieldResolver(() => Int, { description: "证照剩余天数 / Days until the qualification expires" })
  licenceDaysLeft(@Root() v: { qualificationValidTo: string }) {
    return expiryFields(v.qualificationValidTo).left;
  }
  @FieldResolver(() => Boolean, { description: "证照今日有效 / Qualification valid today" })
  licenceValid(@Root() v: { qualificationValidTo: string }) {
    return expiryFields(v.qualificationValidTo).valid;
  }
}

@Resolver(() => DecommissionProject)
export class ProjectFields {
  @FieldResolver(() => HazardousUnit, { description: "企业 / Enterprise" })
  unit(@Root() p: { unitId: number }, @Ctx() ctx: Context) {
    return load.unit(ctx, p.unitId);
  }
  @FieldResolver(() => District, { description: "区县 / District" })
  district(@Root() p: { districtId: number }, @Ctx() ctx: Context) {
    return load.district(ctx, p.districtId);
  }
  @FieldResolver(() => [DecommissionStepInfo], { description: "步骤进度 / Steps" })
  async steps(@Root() p: { id: number }, @Ctx() ctx: Context) {
    const list = (await load.stepsOf(ctx, p.id)) ?? [];
    return DECOMMISSION_STEPS.map((s) => ({ ...(list.find((x) => x.step === s) ?? { step: s, status: "NOT_STARTED", startedAt: null, completedAt: null, note: "" }), requires: STEP_PREREQUISITES[s] }));
  }
  @FieldResolver(() => [HazardousDocument], { description: "附件 / Documents" })
  documents(@Root() p: { id: number }, @Ctx() ctx: Context) {
    return load.documentsOf(ctx, "DecommissionProject", p.id);
  }
}

@Resolver(() => HazardousDocument)
export class DocumentFields {
  @FieldResolver(() => String, { description: "内容（base64，单独取用）/ Content as base64 (fetch one at a time)", complexity: 50 })
  async contentBase64(@Root() d: { id: number; ownerType: string; ownerId: number }, @Ctx() ctx: Context) {
    if (!(await documentOwnerVisible(ctx, d.ownerType, d.ownerId))) throw forbidden();
    const [r] = await ctx.db.select({ content: documents.content }).from(documents).where(eq(documents.id, d.id));
    return r ? Buffer.from(r.content).toString("base64") : "";
  }
}

@Resolver(() => RoadSegment)
export class SegmentFields {
  @FieldResolver(() => District, { nullable: true, description: "区县 / District" })
  district(@Root() s: { districtId: number | null }, @Ctx() ctx: Context) {
    return load.district(ctx, s.districtId);
  }
}

@Resolver(() => HazardousDistrictStats)
export class DistrictStatsFields {}

export const registerResolvers = [RegistersResolver, ContractFields, RunFields, OperatorFields, CarrierFields, FacilityFields, VehicleFields, PersonFields, ProjectFields, DocumentFields, SegmentFields] as const;
export { and, or, unitVisible, units, HazardousDistrictStats };
