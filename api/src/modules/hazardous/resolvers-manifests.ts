/**
 * Transfer manifests, e-waybills, corrections and QR verification — thin resolvers over
 * manifest-machine.ts and qr.ts.
 */
import { updatedSinceWhere } from "../../graphql/sync.js";
import { throttle } from "../core/throttle.js";
import { and, eq, gte, inArray, like, lt, or, sql } from "drizzle-orm";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, forbidden } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { badInput, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf } from "../../graphql/ids.js";
import { runMutation } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { requireDistrictWritable, scopeWhere } from "../../graphql/scope.js";
import { District } from "../core/types.js";
import { canReadManifest, ORG, partiesOf } from "./access.js";
import { DISPOSAL_METHODS, WASTE_CODES } from "./catalogue.js";
import { DecideReceiptInput, CreateManifestInput, ManifestFilter, PickUpManifestInput, ReceiveManifestInput, RequestCorrectionInput, UpdateManifestDraftInput } from "./inputs.js";
import {
  availableActions,
  cancelManifest,
  closeManifest,
  createManifest,
  decideCorrection,
  decideReceipt,
  disposeManifest,
  lockedFields,
  MANIFEST_TRANSITIONS,
  manifestById,
  pickUpManifest,
  receiveManifest,
  requestCorrection,
  submitManifest,
  updateDraft,
  type CorrectionRow,
  type ManifestAction,
  type ManifestRow,
} from "./manifest-machine.js";
import { packageLabels, qrLink, qrSvg, scanManifest } from "./qr.js";
import { load, readsStream } from "./resolver-kit.js";
import { manifestScope } from "./integrations.js";
import { manifestCorrections, manifests, qrScans, waybills } from "./tables.js";
import {
  AvailableManifestAction,
  Carrier,
  DisposalMethod,
  Facility,
  HazardousUnit,
  ManifestCorrection,
  ManifestCorrectionPayload,
  ManifestEvent,
  ManifestLine,
  ManifestQrView,
  ManifestTransitionInfo,
  PackageLabel,
  PartyKey,
  QrScan,
  TransferManifest,
  TransferManifestConnection,
  TransferManifestPayload,
  TransportPerson,
  TransportVehicle,
  WasteCode,
  Waybill,
} from "./types.js";

type Payload = { manifest?: ManifestRow | null; userErrors: { field: string | null; message: string; code: string }[] };

registerNode("TransferManifest", async (ctx, id) => {
  const m = await load.manifest(ctx, id);
  return m && canReadManifest(ctx.principal, m) ? m : null;
});
registerNode("Waybill", async (ctx, id) => {
  const [w] = await ctx.db.select().from(waybills).where(eq(waybills.id, id));
  if (!w) return null;
  const m = await load.manifest(ctx, w.manifestId);
  return m && canReadManifest(ctx.principal, m) ? w : null;
});
registerNode("ManifestCorrection", async (ctx, id) => {
  const [c] = await ctx.db.select().from(manifestCorrections).where(eq(manifestCorrections.id, id));
  if (!c) return null;
  const m = await load.manifest(ctx, c.manifestId);
  return m && canReadManifest(ctx.principal, m) ? c : null;
});

/** Loads a manifest for a mutation; the caller must be able to see it. */
async function manifestFor(ctx: Context, globalId: string, field = "input.id"): Promise<ManifestRow> {
  const id = idOf("TransferManifest", globalId, field);
  const m = await manifestById(ctx.db, id);
  if (!m || !canReadManifest(ctx.principal, m)) throw notFound("manifest");
  return m;
}

/** Re-reads inside the transaction so the state guard compares against the latest committed state. */
async function fresh(w: { tx: Context["db"] }, m: ManifestRow): Promise<ManifestRow> {
  return (await manifestById(w.tx, m.id)) ?? m;
}

const out = (r: Payload) => ({ manifest: r.manifest ?? null, userErrors: r.userErrors });

@Resolver()
export class ManifestResolver {
  @Query(() => [WasteCode], { description: "危险废物名录代码（本平台使用）/ Catalogue codes used here" })
  @Can.authenticated()
  hazardousWasteCodes(): WasteCode[] {
    return WASTE_CODES as WasteCode[];
  }

  @Query(() => [DisposalMethod], { description: "利用处置方式代码 / Utilisation and disposal method codes" })
  @Can.authenticated()
  disposalMethods(): DisposalMethod[] {
    return DISPOSAL_METHODS as DisposalMethod[];
  }

  @Query(() => [ManifestTransitionInfo], { description: "联单状态机（迁移表）/ The manifest state machine (its transition table)" })
  @Can.public()
  manifestTransitions(): ManifestTransitionInfo[] {
    return (Object.entries(MANIFEST_TRANSITIONS) as [ManifestAction, (typeof MANIFEST_TRANSITIONS)[ManifestAction]][]).map(([action, t]) => ({ action, ...t }) as unknown as ManifestTransitionInfo);
  }

  @Query(() => TransferManifestConnection, { description: "转移联单（当事方只见本单位的；区县人员见本区县移出或接收的）/ Transfer manifests (parties: their own; district staff: their district's)", complexity: connectionComplexity })
  @Can.read("hazardous", { operator: true })
  async transferManifests(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => ManifestFilter, { nullable: true }) filter?: ManifestFilter) {
    const f = filter ?? {};
    const p = ctx.principal;
    const district = optionalIdOf("District", f.districtId, "filter.districtId");
    const producer = optionalIdOf("HazardousUnit", f.producerId, "filter.producerId");
    const carrier = optionalIdOf("Carrier", f.carrierId, "filter.carrierId");
    const receiver = optionalIdOf("Facility", f.receiverId, "filter.receiverId");
    return paginate({
      db: ctx.db,
      table: manifests,
      id: manifests.id,
      orderBy: f.updatedSince ? manifests.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [
        ...manifestScope(p),
        f.states?.length ? inArray(manifests.state, f.states) : undefined,
        district ? eq(manifests.districtId, district) : undefined,
        producer ? eq(manifests.producerId, producer) : undefined,
        carrier ? eq(manifests.carrierId, carrier) : undefined,
        receiver ? eq(manifests.receiverId, receiver) : undefined,
        f.number ? like(manifests.number, `${f.number}%`) : undefined,
        f.discrepancyFlagged != null ? eq(manifests.discrepancyFlagged, f.discrepancyFlagged) : undefined,
        f.createdFrom ? gte(manifests.createdAt, f.createdFrom) : undefined,
        f.createdTo ? lt(manifests.createdAt, f.createdTo) : undefined,
        updatedSinceWhere(manifests.updatedAt, f.updatedSince),
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => TransferManifest, { nullable: true, description: "按编号取联单 / A manifest by its number" })
  @Can.read("hazardous", { operator: true })
  async transferManifestByNumber(@Arg("number", { description: "联单编号 / Number" }) number: string, @Ctx() ctx: Context) {
    if (number.length > 40) throw badInput("number", "too long");
    const [m] = await ctx.db.select().from(manifests).where(eq(manifests.number, number));
    return m && canReadManifest(ctx.principal, m) ? m : null;
  }

  @Query(() => ManifestQrView, { nullable: true, description: "扫码核验（公开；授权者见完整信息；每次扫码留痕）/ QR verification (public; full view for authorised viewers; every scan is logged)" })
  @Can.public()
  async manifestByQr(
    @Arg("token", { description: "二维码令牌 / Token from the QR link" }) token: string,
    @Ctx() ctx: Context,
    @Arg("pkg", () => String, { nullable: true, description: "包装标签（行-序号）/ Package label (line-seq)" }) pkg?: string,
  ) {
    if (token.length > 64 || (pkg && pkg.length > 20)) throw badInput(token.length > 64 ? "token" : "pkg", "too long");
    await throttle(ctx.app, "verify", ctx.ip);
    return scanManifest(ctx.db, ctx.principal, token, pkg ?? null, ctx.ip);
  }

  // ——— mutations, one per party step ———

  @Mutation(() => TransferManifestPayload, { description: "新建联单草稿（移出人）/ Create a draft manifest (producer)" })
  @Can.write("hazardous", { operator: true })
  async createTransferManifest(@Arg("input", () => CreateManifestInput) input: CreateManifestInput, @Ctx() ctx: Context) {
    const producerId = idOf("HazardousUnit", input.producerId, "input.producerId");
    const carrierId = idOf("Carrier", input.carrierId, "input.carrierId");
    const receiverId = idOf("Facility", input.receiverId, "input.receiverId");
    const route = routeInput(input.plannedRoute, "input.plannedRoute");
    const u = await load.unit(ctx, producerId);
    if (!u) throw badInput("input.producerId", "no such unit");
    requireDistrictWritable(ctx.principal, u.districtId);
    return out(
      await runMutation(ctx, "createTransferManifest", input, async (w) => ({
        manifest: await createManifest(w, { producerId, carrierId, receiverId, lines: input.lines, plannedRoute: route, plannedPickupAt: input.plannedPickupAt ?? null }),
      })),
    );
  }

  @Mutation(() => TransferManifestPayload, { description: "修改草稿（签字前）/ Change a draft (before signing)" })
  @Can.write("hazardous", { operator: true })
  async updateManifestDraft(@Arg("input", () => UpdateManifestDraftInput) input: UpdateManifestDraftInput, @Ctx() ctx: Context) {
    const m = await manifestFor(ctx, input.id);
    const carrierId = input.carrierId ? idOf("Carrier", input.carrierId, "input.carrierId") : undefined;
    const receiverId = input.receiverId ? idOf("Facility", input.receiverId, "input.receiverId") : undefined;
    const route = routeInput(input.plannedRoute, "input.plannedRoute");
    return out(await runMutation(ctx, "updateManifestDraft", input, async (w) => ({ manifest: await updateDraft(w, await fresh(w, m), { carrierId, receiverId, lines: input.lines, plannedRoute: route, plannedPickupAt: input.plannedPickupAt }) })));
  }

  @Mutation(() => TransferManifestPayload, { description: "移出人签字提交 / Producer signs and submits" })
  @Can.write("hazardous", { operator: true })
  async submitTransferManifest(@Arg("id", () => ID, { description: "联单 / Manifest" }) id: string, @Ctx() ctx: Context) {
    const m = await manifestFor(ctx, id, "id");
    return out(await runMutation(ctx, "submitTransferManifest", { id }, async (w) => ({ manifest: await submitManifest(w, await fresh(w, m)) })));
  }

  @Mutation(() => TransferManifestPayload, { description: "作废联单（运输前）/ Cancel a manifest (before pickup)" })
  @Can.write("hazardous", { operator: true })
  async cancelTransferManifest(@Arg("id", () => ID, { description: "联单 / Manifest" }) id: string, @Arg("reason", { description: "理由 / Reason" }) reason: string, @Ctx() ctx: Context) {
    if (reason.length > 500) throw badInput("reason", "at most 500 characters");
    const m = await manifestFor(ctx, id, "id");
    return out(await runMutation(ctx, "cancelTransferManifest", { id, reason }, async (w) => ({ manifest: await cancelManifest(w, await fresh(w, m), reason) })));
  }

  @Mutation(() => TransferManifestPayload, { description: "承运人签字接收：绑定车辆、驾驶员、押运员（证照须有效），生成电子运单 / Carrier signs at pickup: binds vehicle, driver and escort (valid licences only) and creates the e-waybill" })
  @Can.write("hazardous", { operator: true })
  async pickUpTransferManifest(@Arg("input", () => PickUpManifestInput) input: PickUpManifestInput, @Ctx() ctx: Context) {
    const m = await manifestFor(ctx, input.id);
    const vehicleId = idOf("TransportVehicle", input.vehicleId, "input.vehicleId");
    const driverId = idOf("TransportPerson", input.driverId, "input.driverId");
    const escortId = idOf("TransportPerson", input.escortId, "input.escortId");
    return out(await runMutation(ctx, "pickUpTransferManifest", input, async (w) => ({ manifest: (await pickUpManifest(w, await fresh(w, m), { vehicleId, driverId, escortId, dueBy: input.dueBy ?? null })).manifest })));
  }

  @Mutation(() => TransferManifestPayload, { description: "接受人过磅签收（差异超限预警）/ Receiver weighs and signs (a difference beyond the tolerance raises an alert)" })
  @Can.write("hazardous", { operator: true })
  async receiveTransferManifest(@Arg("input", () => ReceiveManifestInput) input: ReceiveManifestInput, @Ctx() ctx: Context) {
    const m = await manifestFor(ctx, input.id);
    return out(await runMutation(ctx, "receiveTransferManifest", input, async (w) => ({ manifest: await receiveManifest(w, await fresh(w, m), input.lines) })));
  }

  @Mutation(() => TransferManifestPayload, { description: "接收、部分拒收或拒收 / Accept, partly reject or reject the load" })
  @Can.write("hazardous", { operator: true })
  async decideManifestReceipt(@Arg("input", () => DecideReceiptInput) input: DecideReceiptInput, @Ctx() ctx: Context) {
    const m = await manifestFor(ctx, input.id);
    return out(await runMutation(ctx, "decideManifestReceipt", input, async (w) => ({ manifest: await decideReceipt(w, await fresh(w, m), input.decision, input.lines ?? [], input.reason ?? null) })));
  }

  @Mutation(() => TransferManifestPayload, { description: "登记利用处置方式（如 D10、R4）/ Record the utilisation/disposal method (e.g. D10, R4)" })
  @Can.write("hazardous", { operator: true })
  async disposeTransferManifest(@Arg("id", () => ID, { description: "联单 / Manifest" }) id: string, @Arg("method", { description: "方式代码 / Method code" }) method: string, @Ctx() ctx: Context) {
    if (method.length > 10) throw badInput("method", "not a method code");
    const m = await manifestFor(ctx, id, "id");
    return out(await runMutation(ctx, "disposeTransferManifest", { id, method }, async (w) => ({ manifest: await disposeManifest(w, await fresh(w, m), method) })));
  }

  @Mutation(() => TransferManifestPayload, { description: "办结联单 / Close the manifest" })
  @Can.write("hazardous", { operator: true })
  async closeTransferManifest(@Arg("id", () => ID, { description: "联单 / Manifest" }) id: string, @Ctx() ctx: Context) {
    const m = await manifestFor(ctx, id, "id");
    return out(await runMutation(ctx, "closeTransferManifest", { id }, async (w) => ({ manifest: await closeManifest(w, await fresh(w, m)) })));
  }

  @Mutation(() => ManifestCorrectionPayload, { description: "申请更正已签字字段（其他当事方同意后生效）/ Request a correction of signed fields (applies when the other parties approve)" })
  @Can.write("hazardous", { operator: true })
  async requestManifestCorrection(@Arg("input", () => RequestCorrectionInput) input: RequestCorrectionInput, @Ctx() ctx: Context) {
    const m = await manifestFor(ctx, input.id);
    const route = routeInput(input.changes.plannedRoute, "input.changes.plannedRoute");
    const r = await runMutation(ctx, "requestManifestCorrection", input, async (w) => ({
      correction: await requestCorrection(w, await fresh(w, m), { lines: input.changes.lines, plannedRoute: route, dueBy: input.changes.dueBy ? input.changes.dueBy.toISOString() : null }, input.reason),
    }));
    return { correction: r.correction ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => ManifestCorrectionPayload, { description: "同意或驳回更正申请 / Approve or reject a correction" })
  @Can.write("hazardous", { operator: true })
  async decideManifestCorrection(
    @Arg("id", () => ID, { description: "更正申请 / Correction" }) id: string,
    @Arg("approve", { description: "同意 / Approve" }) approve: boolean,
    @Ctx() ctx: Context,
    @Arg("note", () => String, { nullable: true, description: "意见 / Note" }) note?: string,
  ) {
    const cid = idOf("ManifestCorrection", id, "id");
    if (note && note.length > 500) throw badInput("note", "at most 500 characters");
    const [c] = await ctx.db.select().from(manifestCorrections).where(eq(manifestCorrections.id, cid));
    if (!c) throw notFound("correction");
    const m = await load.manifest(ctx, c.manifestId);
    if (!m || !canReadManifest(ctx.principal, m)) throw notFound("correction");
    const r = await runMutation(ctx, "decideManifestCorrection", { id, approve, note }, async (w) => {
      const [cur] = await w.tx.select().from(manifestCorrections).where(eq(manifestCorrections.id, cid));
      return { correction: (await decideCorrection(w, cur!, approve, note ?? null)).correction };
    });
    return { correction: r.correction ?? null, userErrors: r.userErrors };
  }
}

function routeInput(v: unknown, field: string): [number, number][] | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (!Array.isArray(v) || v.length > 2000 || !v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "number" && Number.isFinite(x)))) {
    throw badInput(field, "must be an array of [longitude, latitude] number pairs (at most 2,000)");
  }
  return v as [number, number][];
}

@Resolver(() => TransferManifest)
export class TransferManifestFields {
  @FieldResolver(() => HazardousUnit, { description: "移出人 / Producer" })
  producer(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return load.unit(ctx, m.producerId);
  }
  @FieldResolver(() => Carrier, { description: "承运人 / Carrier" })
  carrier(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return load.carrier(ctx, m.carrierId);
  }
  @FieldResolver(() => Facility, { description: "接受人 / Receiver" })
  receiver(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return load.facility(ctx, m.receiverId);
  }
  @FieldResolver(() => District, { description: "区县（移出人）/ District (producer's)" })
  district(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return load.district(ctx, m.districtId);
  }
  @FieldResolver(() => TransportVehicle, { nullable: true, description: "车辆 / Vehicle" })
  vehicle(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return m.vehicleId ? load.vehicle(ctx, m.vehicleId) : null;
  }
  @FieldResolver(() => TransportPerson, { nullable: true, description: "驾驶员 / Driver" })
  driver(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return m.driverId ? load.person(ctx, m.driverId) : null;
  }
  @FieldResolver(() => TransportPerson, { nullable: true, description: "押运员 / Escort" })
  escort(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return m.escortId ? load.person(ctx, m.escortId) : null;
  }
  @FieldResolver(() => [ManifestLine], { description: "废物明细 / Waste lines" })
  lines(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return load.linesOf(ctx, m.id);
  }
  @FieldResolver(() => [ManifestEvent], { description: "流转历史 / History", complexity: 5 })
  events(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return load.eventsOf(ctx, m.id);
  }
  @FieldResolver(() => Waybill, { nullable: true, description: "电子运单 / E-waybill" })
  waybill(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return load.waybillOf(ctx, m.id);
  }
  @FieldResolver(() => [ManifestCorrection], { description: "更正申请 / Corrections" })
  corrections(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return load.correctionsOf(ctx, m.id);
  }
  @FieldResolver(() => [String], { description: "已锁定字段 / Fields locked by signatures" })
  lockedFields(@Root() m: ManifestRow) {
    return lockedFields(m.state);
  }
  @FieldResolver(() => [PartyKey], { description: "调用者在本联单中的身份 / The caller's parties on this manifest" })
  myParties(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    return partiesOf(ctx.principal, m);
  }
  @FieldResolver(() => [AvailableManifestAction], { description: "调用者现在可执行的动作 / Actions the caller may take now" })
  availableActions(@Root() m: ManifestRow, @Ctx() ctx: Context): AvailableManifestAction[] {
    const mine = partiesOf(ctx.principal, m);
    return availableActions(m.state).flatMap((a) => {
      const t = MANIFEST_TRANSITIONS[a];
      const as = mine.find((p) => t.parties.includes(p));
      return as ? [{ action: a, asParty: as, labelZh: t.labelZh, labelEn: t.labelEn } as unknown as AvailableManifestAction] : [];
    });
  }
  @FieldResolver(() => String, { description: "二维码链接 / QR link" })
  qrUrl(@Root() m: ManifestRow) {
    return qrLink(m.qrToken);
  }
  @FieldResolver(() => String, { description: "二维码 SVG / QR code as SVG", complexity: 5 })
  qrSvg(@Root() m: ManifestRow) {
    return qrSvg(qrLink(m.qrToken));
  }
  @FieldResolver(() => [PackageLabel], { description: "包装标签（每件一个二维码，最多 200）/ Package labels, one QR per package (at most 200)", complexity: 50 })
  async packageLabels(@Root() m: ManifestRow, @Ctx() ctx: Context) {
    const labels = packageLabels(m, (await load.linesOf(ctx, m.id)) ?? [], 200);
    return Promise.all(labels.map(async (l) => ({ ...l, qrSvg: await qrSvg(l.url) })));
  }
  @FieldResolver(() => [QrScan], { nullable: true, description: "扫码记录（监管人员）/ QR scans (staff only)", complexity: 5 })
  async scans(@Root() m: ManifestRow, @Ctx() ctx: Context, @Arg("last", () => Int, { nullable: true, description: "最近 N 条 / Last N (≤ 100)" }) last?: number) {
    if (ctx.principal.org || !readsStream(ctx.principal)) return null;
    const n = Math.min(Math.max(last ?? 20, 1), 100);
    return ctx.db.select().from(qrScans).where(eq(qrScans.manifestId, m.id)).orderBy(sql`${qrScans.id} desc`).limit(n);
  }
}

@Resolver(() => Waybill)
export class WaybillFields {
  @FieldResolver(() => TransportVehicle, { description: "车辆 / Vehicle" })
  vehicle(@Root() w: { vehicleId: number }, @Ctx() ctx: Context) {
    return load.vehicle(ctx, w.vehicleId);
  }
  @FieldResolver(() => TransportPerson, { description: "驾驶员 / Driver" })
  driver(@Root() w: { driverId: number }, @Ctx() ctx: Context) {
    return load.person(ctx, w.driverId);
  }
  @FieldResolver(() => TransportPerson, { description: "押运员 / Escort" })
  escort(@Root() w: { escortId: number }, @Ctx() ctx: Context) {
    return load.person(ctx, w.escortId);
  }
  @FieldResolver(() => TransferManifest, { description: "联单 / Manifest" })
  manifest(@Root() w: { manifestId: number }, @Ctx() ctx: Context) {
    return load.manifest(ctx, w.manifestId);
  }
}

@Resolver(() => ManifestCorrection)
export class ManifestCorrectionFields {
  @FieldResolver(() => [PartyKey], { description: "已同意 / Approved by" })
  approvedParties(@Root() c: CorrectionRow) {
    return Object.keys(c.approvals ?? {});
  }
  @FieldResolver(() => TransferManifest, { description: "联单 / Manifest" })
  manifest(@Root() c: CorrectionRow, @Ctx() ctx: Context) {
    return load.manifest(ctx, c.manifestId);
  }
}

export const manifestResolvers = [ManifestResolver, TransferManifestFields, WaybillFields, ManifestCorrectionFields] as const;
export { forbidden };
