/**
 * 转移联单 — the transfer manifest's lifecycle as an explicit transition table. Each transition names
 * the states it leaves from, the state it reaches, the parties who may perform it (producer 移出人,
 * carrier 承运人, receiver 接受人, staff) and the fields it locks. Every transition is one guarded
 * UPDATE … WHERE state = <expected>, so of two concurrent signatures exactly one wins and the other gets
 * STATE_CHANGED; each writes a manifest_events row, emits "manifest.state_changed" and keeps the read
 * models current, all in the caller's transaction.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { raiseAlert } from "../core/alerts.js";
import type { Tx } from "../core/db.js";
import { partiesOf, type Party } from "./access.js";
import { DISPOSAL_METHOD_CODES, WASTE_CODES } from "./catalogue.js";
import { diffPct, exceeds, formatKg, parseKg } from "./decimal.js";
import { requireValidTransport } from "./licences.js";
import { bumpDaily, METRICS, moveState, shanghaiDay, type DailyBump } from "./rollups.js";
import { carriers, facilities, facilityCapacities, manifestCorrections, manifestEvents, manifestLines, manifests, ruleSettings, units, waybills, type ManifestState } from "./tables.js";

export type ManifestRow = typeof manifests.$inferSelect;
export type LineRow = typeof manifestLines.$inferSelect;
export type CorrectionRow = typeof manifestCorrections.$inferSelect;

export type ManifestAction = "submit" | "cancel" | "pickUp" | "receive" | "accept" | "partlyReject" | "reject" | "dispose" | "close";

export interface Transition {
  from: ManifestState[];
  to: ManifestState;
  parties: Party[];
  /** Fields that can no longer change (except through a correction) once this transition happened. */
  locks: string[];
  labelZh: string;
  labelEn: string;
}

/** The manifest's only legal moves. */
export const MANIFEST_TRANSITIONS: Record<ManifestAction, Transition> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", parties: ["PRODUCER"], locks: ["producer", "carrier", "receiver", "lines", "plannedRoute", "plannedPickupAt"], labelZh: "移出人签字提交", labelEn: "Producer signs and submits" },
  cancel: { from: ["DRAFT", "SUBMITTED"], to: "CANCELLED", parties: ["PRODUCER", "STAFF"], locks: [], labelZh: "作废", labelEn: "Cancelled" },
  pickUp: { from: ["SUBMITTED"], to: "PICKED_UP", parties: ["CARRIER"], locks: ["vehicle", "driver", "escort", "waybill", "dueBy"], labelZh: "承运人签字接收（电子运单）", labelEn: "Carrier signs for pickup (e-waybill created)" },
  receive: { from: ["PICKED_UP"], to: "RECEIVED", parties: ["RECEIVER"], locks: ["receivedKg"], labelZh: "接受人过磅签收", labelEn: "Receiver weighs and signs receipt" },
  accept: { from: ["RECEIVED"], to: "ACCEPTED", parties: ["RECEIVER"], locks: ["decision"], labelZh: "接受人确认接收", labelEn: "Receiver accepts the load" },
  partlyReject: { from: ["RECEIVED"], to: "PARTLY_REJECTED", parties: ["RECEIVER"], locks: ["decision", "rejectedKg"], labelZh: "接受人部分拒收", labelEn: "Receiver rejects part of the load" },
  reject: { from: ["RECEIVED"], to: "REJECTED", parties: ["RECEIVER"], locks: ["decision", "rejectedKg"], labelZh: "接受人拒收", labelEn: "Receiver rejects the load" },
  dispose: { from: ["ACCEPTED", "PARTLY_REJECTED"], to: "DISPOSED", parties: ["RECEIVER"], locks: ["disposalMethod"], labelZh: "利用处置完成", labelEn: "Utilised or disposed of" },
  close: { from: ["DISPOSED", "REJECTED"], to: "CLOSED", parties: ["RECEIVER", "STAFF"], locks: ["*"], labelZh: "联单办结", labelEn: "Manifest closed" },
};

export const ALL_STATES: ManifestState[] = ["DRAFT", "SUBMITTED", "PICKED_UP", "RECEIVED", "ACCEPTED", "PARTLY_REJECTED", "REJECTED", "DISPOSED", "CLOSED", "CANCELLED"];

/** The order states are reached in (for locked-field computation). */
const PATH: Record<ManifestState, ManifestAction[]> = {
  DRAFT: [],
  CANCELLED: ["cancel"],
  SUBMITTED: ["submit"],
  PICKED_UP: ["submit", "pickUp"],
  RECEIVED: ["submit", "pickUp", "receive"],
  ACCEPTED: ["submit", "pickUp", "receive", "accept"],
  PARTLY_REJECTED: ["submit", "pickUp", "receive", "partlyReject"],
  REJECTED: ["submit", "pickUp", "receive", "reject"],
  DISPOSED: ["submit", "pickUp", "receive", "accept", "dispose"],
  CLOSED: ["submit", "pickUp", "receive", "accept", "dispose", "close"],
};

/** Fields locked in a state (signed by some party). "*" = everything. */
export function lockedFields(state: ManifestState): string[] {
  if (state === "CANCELLED") return ["*"];
  return [...new Set(PATH[state].flatMap((a) => MANIFEST_TRANSITIONS[a].locks))];
}

/** Actions available from a state, and who may take them. */
export function availableActions(state: ManifestState): ManifestAction[] {
  return (Object.keys(MANIFEST_TRANSITIONS) as ManifestAction[]).filter((a) => MANIFEST_TRANSITIONS[a].from.includes(state));
}

/** Checks a transition is legal for this state and party; throws a clear DomainError otherwise. */
export function checkTransition(state: ManifestState, action: ManifestAction, parties: Party[]): Transition {
  const t = MANIFEST_TRANSITIONS[action];
  if (!t) throw new DomainError("UNKNOWN_ACTION", `Unknown manifest action ${action}`);
  if (!t.from.includes(state)) {
    const legal = availableActions(state);
    throw new DomainError(
      "ILLEGAL_TRANSITION",
      `联单当前为 ${state}，不能执行 ${action} / A manifest that is ${state} cannot be ${action}: allowed from ${t.from.join(" or ")}${legal.length ? `; from ${state} the next steps are ${legal.join(", ")}` : `; ${state} is final`}`,
    );
  }
  const who = parties.find((p) => t.parties.includes(p));
  if (!who) {
    throw new DomainError("WRONG_PARTY", `只有 ${t.parties.join("/")} 可以执行此步骤 / Only the ${t.parties.map((p) => p.toLowerCase()).join(" or ")} may ${action} this manifest`);
  }
  return t;
}

// ——— inputs ———

export interface LineInput {
  wasteCode: string;
  wasteName?: string | null;
  physicalForm: "SOLID" | "SEMI_SOLID" | "LIQUID" | "GAS";
  characteristics?: string[] | null;
  packaging: string;
  packageCount: number;
  quantityKg: string;
}

export interface DraftInput {
  producerId: number;
  carrierId: number;
  receiverId: number;
  lines: LineInput[];
  plannedRoute?: [number, number][] | null;
  plannedPickupAt?: Date | null;
}

const CHARACTERISTICS = new Set(["T", "C", "I", "R", "In"]);

function checkLines(lines: LineInput[], field = "input.lines"): { lines: (LineInput & { grams: bigint; name: string; chars: string[] })[]; total: bigint } {
  if (lines.length === 0) throw new DomainError("REQUIRED", "A manifest needs at least one waste line", field);
  if (lines.length > 50) throw new DomainError("TOO_MANY", "At most 50 waste lines per manifest", field);
  let total = 0n;
  const seen = new Set<string>();
  const out = lines.map((l, i) => {
    const ref = WASTE_CODES.find((w) => w.code === l.wasteCode);
    if (!ref) throw new DomainError("UNKNOWN_WASTE_CODE", `${l.wasteCode} is not a code of the National Catalogue of Hazardous Wastes known here`, `${field}[${i}].wasteCode`);
    const grams = parseKg(l.quantityKg);
    if (grams === null || grams <= 0n) throw new DomainError("INVALID_QUANTITY", "Quantity must be a positive number of kg with at most 3 decimals", `${field}[${i}].quantityKg`);
    if (!Number.isInteger(l.packageCount) || l.packageCount < 1 || l.packageCount > 10000) throw new DomainError("INVALID_PACKAGES", "Package count must be 1–10,000", `${field}[${i}].packageCount`);
    const chars = l.characteristics?.length ? l.characteristics : ref.characteristics;
    const badChar = chars.find((c) => !CHARACTERISTICS.has(c));
    if (badChar) throw new DomainError("INVALID_CHARACTERISTIC", `Unknown hazard characteristic ${badChar} (T, C, I, R, In)`, `${field}[${i}].characteristics`);
    const key = `${l.wasteCode}|${l.packaging}`;
    if (seen.has(key)) throw new DomainError("DUPLICATE_LINE", `Waste ${l.wasteCode} in ${l.packaging} appears twice; merge the lines`, `${field}[${i}]`);
    seen.add(key);
    total += grams;
    return { ...l, grams, name: l.wasteName?.trim() || ref.nameZh, chars };
  });
  return { lines: out, total };
}

function checkRoute(route: [number, number][] | null | undefined, field = "input.plannedRoute"): void {
  if (route == null) return;
  if (!Array.isArray(route) || route.length < 2 || route.length > 2000) throw new DomainError("INVALID_ROUTE", "A route needs 2–2,000 points", field);
  for (const [i, pt] of route.entries()) {
    if (!Array.isArray(pt) || pt.length !== 2 || !Number.isFinite(pt[0]) || !Number.isFinite(pt[1]) || pt[0] < 73 || pt[0] > 136 || pt[1] < 3 || pt[1] > 54) {
      throw new DomainError("INVALID_ROUTE", `Point ${i} is not a [lon, lat] in China`, field);
    }
  }
}

/** Checks producer, carrier and receiver exist and may take part; the receiver must be licensed for every category. */
async function checkParties(tx: Tx, d: Pick<DraftInput, "producerId" | "carrierId" | "receiverId">, categories: string[], today: string) {
  const [producer] = await tx.select().from(units).where(eq(units.id, d.producerId));
  if (!producer || !producer.active) throw new DomainError("NOT_FOUND", "No such active waste-producing unit", "input.producerId");
  const [carrier] = await tx.select().from(carriers).where(eq(carriers.id, d.carrierId));
  if (!carrier) throw new DomainError("NOT_FOUND", "No such transport company", "input.carrierId");
  if (carrier.permitValidTo < today) throw new DomainError("LICENCE_EXPIRED", `The carrier's road transport permit expired on ${carrier.permitValidTo}`, "input.carrierId");
  const [receiver] = await tx.select().from(facilities).where(eq(facilities.id, d.receiverId));
  if (!receiver) throw new DomainError("NOT_FOUND", "No such licensed facility", "input.receiverId");
  if (receiver.licenceValidTo < today) throw new DomainError("LICENCE_EXPIRED", `The receiver's hazardous-waste operating licence expired on ${receiver.licenceValidTo}`, "input.receiverId");
  const caps = await tx
    .select({ category: facilityCapacities.category })
    .from(facilityCapacities)
    .where(and(eq(facilityCapacities.facilityId, d.receiverId), sql`${facilityCapacities.startsOn} <= ${today}`));
  const licensed = new Set(caps.map((c) => c.category));
  const missing = categories.filter((c) => !licensed.has(c));
  if (missing.length) throw new DomainError("RECEIVER_NOT_LICENSED", `The receiver is not licensed for ${missing.join(", ")}`, "input.receiverId");
  return { producer, carrier, receiver };
}

const categoryOf = (code: string) => `HW${code.slice(-2)}`;

// ——— creation and drafts ———

/** Creates a draft manifest (by the producer, or staff for a unit in their district). */
export async function createManifest(w: Writer, d: DraftInput, opts: { now?: Date; number?: string } = {}): Promise<ManifestRow> {
  const now = opts.now ?? new Date();
  const { lines, total } = checkLines(d.lines);
  checkRoute(d.plannedRoute);
  const { producer, receiver } = await checkParties(w.tx, d, [...new Set(lines.map((l) => categoryOf(l.wasteCode)))], shanghaiDay(now));
  const parties = partiesOf(w.principal, { ...d, districtId: producer.districtId, receiverDistrictId: receiver.districtId });
  if (!parties.includes("PRODUCER") && !parties.includes("STAFF")) throw new DomainError("WRONG_PARTY", "Only the producing unit (or its district's staff) may create its manifests", "input.producerId");
  const [m] = await w.tx
    .insert(manifests)
    .values({
      number: opts.number ?? `pending-${randomBytes(8).toString("hex")}`,
      producerId: d.producerId,
      carrierId: d.carrierId,
      receiverId: d.receiverId,
      districtId: producer.districtId,
      receiverDistrictId: receiver.districtId,
      plannedRoute: d.plannedRoute ?? null,
      plannedPickupAt: d.plannedPickupAt ?? null,
      declaredKg: formatKg(total),
      qrToken: randomBytes(16).toString("base64url"),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const number = opts.number ?? `${producer.districtId}${shanghaiDay(now).slice(0, 4)}${String(m!.id).padStart(8, "0")}`;
  const [withNumber] = await w.tx.update(manifests).set({ number }).where(eq(manifests.id, m!.id)).returning();
  await w.tx.insert(manifestLines).values(
    lines.map((l, i) => ({
      manifestId: m!.id,
      lineNo: i + 1,
      wasteCode: l.wasteCode,
      wasteName: l.name,
      physicalForm: l.physicalForm,
      characteristics: l.chars,
      packaging: l.packaging,
      packageCount: l.packageCount,
      quantityKg: formatKg(l.grams),
    })),
  );
  await w.tx.insert(manifestEvents).values({ manifestId: m!.id, action: "create", fromState: null, toState: "DRAFT", party: parties[0]!, actor: w.principal.label, detail: { declaredKg: formatKg(total) }, at: now });
  await moveState(w.tx, producer.districtId, "manifest", null, "DRAFT", formatKg(total));
  await bumpDaily(w.tx, [{ day: shanghaiDay(now), districtId: producer.districtId, metric: METRICS.manifestCreated, n: 1, amount: formatKg(total) }]);
  await w.audit({ entity: "Manifest", entityId: m!.id, action: "create", changes: { number, ...d } });
  await w.emit({ type: "manifest.state_changed", stream: "hazardous", entity: "Manifest", entityId: m!.id, districtId: producer.districtId, org: { kind: "hazardous.unit", id: d.producerId }, payload: { manifestId: m!.id, number, from: null, to: "DRAFT", action: "create" } });
  return withNumber!;
}

/** Changes a draft (only in DRAFT: nothing is signed yet). */
export async function updateDraft(w: Writer, m: ManifestRow, d: Partial<Omit<DraftInput, "producerId">>): Promise<ManifestRow> {
  if (m.state !== "DRAFT") throw new DomainError("LOCKED", `联单已签字，字段已锁定，请提交更正申请 / The manifest is ${m.state}: its fields are locked by a signature; request a correction instead`);
  const parties = partiesOf(w.principal, m);
  if (!parties.includes("PRODUCER") && !parties.includes("STAFF")) throw new DomainError("WRONG_PARTY", "Only the producer may edit its draft");
  const existing = await linesOf(w.tx, m.id);
  const lineInputs: LineInput[] = d.lines ?? existing.map((l) => ({ ...l, characteristics: l.characteristics }));
  const { lines, total } = checkLines(lineInputs);
  checkRoute(d.plannedRoute);
  const next = { producerId: m.producerId, carrierId: d.carrierId ?? m.carrierId, receiverId: d.receiverId ?? m.receiverId };
  const { receiver } = await checkParties(w.tx, next, [...new Set(lines.map((l) => categoryOf(l.wasteCode)))], shanghaiDay(new Date()));
  const [updated] = await w.tx
    .update(manifests)
    .set({
      carrierId: next.carrierId,
      receiverId: next.receiverId,
      receiverDistrictId: receiver.districtId,
      plannedRoute: d.plannedRoute === undefined ? m.plannedRoute : d.plannedRoute,
      plannedPickupAt: d.plannedPickupAt === undefined ? m.plannedPickupAt : d.plannedPickupAt,
      declaredKg: formatKg(total),
      version: sql`${manifests.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(manifests.id, m.id), eq(manifests.state, "DRAFT"), eq(manifests.version, m.version)))
    .returning();
  if (!updated) throw new DomainError("STATE_CHANGED", "The manifest changed meanwhile (signed or edited by someone else); reload it");
  if (d.lines) {
    await w.tx.delete(manifestLines).where(eq(manifestLines.manifestId, m.id));
    await w.tx.insert(manifestLines).values(
      lines.map((l, i) => ({ manifestId: m.id, lineNo: i + 1, wasteCode: l.wasteCode, wasteName: l.name, physicalForm: l.physicalForm, characteristics: l.chars, packaging: l.packaging, packageCount: l.packageCount, quantityKg: formatKg(l.grams) })),
    );
  }
  const delta = total - parseKg(m.declaredKg)!;
  if (delta !== 0n) {
    await w.tx.execute(sql`update hazardous.state_stats set amount = amount + ${formatKg(delta)}::numeric where district_id = ${m.districtId} and subject = 'manifest' and state = 'DRAFT'`);
    await bumpDaily(w.tx, [{ day: shanghaiDay(m.createdAt), districtId: m.districtId, metric: METRICS.manifestCreated, amount: formatKg(delta) }]);
  }
  await w.tx.insert(manifestEvents).values({ manifestId: m.id, action: "edit", fromState: "DRAFT", toState: "DRAFT", party: parties[0]!, actor: w.principal.label, detail: { declaredKg: formatKg(total) } });
  await w.audit({ entity: "Manifest", entityId: m.id, action: "updateDraft", changes: d });
  return updated;
}

export async function linesOf(tx: Tx, manifestId: number): Promise<LineRow[]> {
  return tx.select().from(manifestLines).where(eq(manifestLines.manifestId, manifestId)).orderBy(asc(manifestLines.lineNo));
}

export async function manifestById(tx: Tx, id: number, forUpdate = false): Promise<ManifestRow | undefined> {
  const q = tx.select().from(manifests).where(eq(manifests.id, id));
  const [m] = forUpdate ? await q.for("update") : await q;
  return m;
}

// ——— transitions ———

interface Applied {
  manifest: ManifestRow;
  party: Party;
}

/**
 * The one place a manifest changes state: checks the table, then a state-guarded UPDATE (one of several
 * concurrent signatures wins; the others see STATE_CHANGED), history row, event, read models.
 */
async function apply(w: Writer, m: ManifestRow, action: ManifestAction, set: Partial<ManifestRow>, detail: Record<string, unknown>, now: Date): Promise<Applied> {
  const t = checkTransition(m.state, action, partiesOf(w.principal, m));
  const party = partiesOf(w.principal, m).find((p) => t.parties.includes(p))!;
  const [updated] = await w.tx
    .update(manifests)
    .set({ ...set, state: t.to, version: sql`${manifests.version} + 1`, updatedAt: now })
    .where(and(eq(manifests.id, m.id), eq(manifests.state, m.state)))
    .returning();
  if (!updated) {
    const [cur] = await w.tx.select({ state: manifests.state }).from(manifests).where(eq(manifests.id, m.id));
    throw new DomainError("STATE_CHANGED", `联单状态已被他人变更为 ${cur?.state ?? "?"}，本次签字未生效 / Another signature got there first: the manifest is now ${cur?.state ?? "gone"}; yours was not applied`);
  }
  await w.tx.insert(manifestEvents).values({ manifestId: m.id, action, fromState: m.state, toState: t.to, party, actor: w.principal.label, detail, at: now });
  await moveState(w.tx, m.districtId, "manifest", m.state, t.to, updated.declaredKg);
  await w.audit({ entity: "Manifest", entityId: m.id, action, changes: { state: [m.state, t.to], ...detail } });
  await w.emit({
    type: "manifest.state_changed",
    stream: "hazardous",
    entity: "Manifest",
    entityId: m.id,
    districtId: m.districtId,
    org: { kind: "hazardous.unit", id: m.producerId },
    payload: { manifestId: m.id, number: m.number, from: m.state, to: t.to, action, party, carrierId: m.carrierId, receiverId: m.receiverId },
  });
  return { manifest: updated, party };
}

/** Producer signs: the manifest is submitted (its fields lock). */
export async function submitManifest(w: Writer, m: ManifestRow, now = new Date()): Promise<ManifestRow> {
  const lines = await linesOf(w.tx, m.id);
  checkTransition(m.state, "submit", partiesOf(w.principal, m));
  // The parties must still be valid at signing time.
  await checkParties(w.tx, m, [...new Set(lines.map((l) => categoryOf(l.wasteCode)))], shanghaiDay(now));
  const r = await apply(w, m, "submit", { submittedAt: now }, { declaredKg: m.declaredKg }, now);
  const byCat = new Map<string, bigint>();
  for (const l of lines) byCat.set(categoryOf(l.wasteCode), (byCat.get(categoryOf(l.wasteCode)) ?? 0n) + parseKg(l.quantityKg)!);
  await bumpDaily(w.tx, [...byCat].map(([cat, g]) => ({ day: shanghaiDay(now), districtId: m.districtId, metric: METRICS.generation(cat), amount: formatKg(g) })));
  return r.manifest;
}

export async function cancelManifest(w: Writer, m: ManifestRow, reason: string, now = new Date()): Promise<ManifestRow> {
  if (!reason.trim()) throw new DomainError("REQUIRED", "Say why the manifest is cancelled", "reason");
  const wasSubmitted = m.state === "SUBMITTED";
  const r = await apply(w, m, "cancel", {}, { reason }, now);
  if (wasSubmitted && m.submittedAt) {
    const lines = await linesOf(w.tx, m.id);
    await bumpDaily(w.tx, lines.map((l) => ({ day: shanghaiDay(m.submittedAt!), districtId: m.districtId, metric: METRICS.generation(categoryOf(l.wasteCode)), amount: `-${l.quantityKg}` })));
  }
  return r.manifest;
}

export interface PickUpInput {
  vehicleId: number;
  driverId: number;
  escortId: number;
  /** When the load must be received (default: 24 h after pickup). */
  dueBy?: Date | null;
}

/** Carrier signs at pickup: vehicle, driver and escort bound (valid licences only); the e-waybill is created 1:1. */
export async function pickUpManifest(w: Writer, m: ManifestRow, input: PickUpInput, now = new Date()): Promise<{ manifest: ManifestRow; waybillId: number }> {
  checkTransition(m.state, "pickUp", partiesOf(w.principal, m));
  const t = await requireValidTransport(w.tx, { carrierId: m.carrierId, vehicleId: input.vehicleId, driverId: input.driverId, escortId: input.escortId }, shanghaiDay(now));
  const dueBy = input.dueBy ?? new Date(now.getTime() + 24 * 3600_000);
  if (dueBy <= now) throw new DomainError("INVALID_DUE", "The receipt deadline must be in the future", "input.dueBy");
  const r = await apply(w, m, "pickUp", { vehicleId: input.vehicleId, driverId: input.driverId, escortId: input.escortId, pickedUpAt: now, dueBy }, { plate: t.vehicle.plate, driver: t.driver.name, escort: t.escort.name, dueBy: dueBy.toISOString() }, now);
  const [wb] = await w.tx
    .insert(waybills)
    .values({ manifestId: m.id, number: `YD${m.number}`, carrierId: m.carrierId, vehicleId: input.vehicleId, driverId: input.driverId, escortId: input.escortId, departedAt: now, createdAt: now, updatedAt: now })
    .returning({ id: waybills.id });
  return { manifest: r.manifest, waybillId: wb!.id };
}

export async function settings(tx: Tx) {
  const [s] = await tx.select().from(ruleSettings).where(eq(ruleSettings.id, 1));
  return s ?? { id: 1, discrepancyTolerancePct: "5", offRouteMetres: 500, licenceWarnDays: 30, overspeedToleranceKmh: 0, updatedAt: new Date() };
}

/** Receiver weighs each line; a total difference beyond the tolerance is flagged and raises an alert. */
export async function receiveManifest(w: Writer, m: ManifestRow, received: { lineNo: number; receivedKg: string }[], now = new Date()): Promise<ManifestRow> {
  checkTransition(m.state, "receive", partiesOf(w.principal, m));
  const lines = await linesOf(w.tx, m.id);
  const byNo = new Map(received.map((r, i) => [r.lineNo, { ...r, i }]));
  if (byNo.size !== received.length) throw new DomainError("DUPLICATE_LINE", "A line is weighed twice", "input.lines");
  let total = 0n;
  for (const l of lines) {
    const r = byNo.get(l.lineNo);
    if (!r) throw new DomainError("REQUIRED", `Line ${l.lineNo} (${l.wasteCode}) has no received weight`, "input.lines");
    const g = parseKg(r.receivedKg);
    if (g === null) throw new DomainError("INVALID_QUANTITY", "Received weight must be a non-negative number of kg with at most 3 decimals", `input.lines[${r.i}].receivedKg`);
    total += g;
  }
  for (const r of received) if (!lines.some((l) => l.lineNo === r.lineNo)) throw new DomainError("NOT_FOUND", `The manifest has no line ${r.lineNo}`, `input.lines[${byNo.get(r.lineNo)!.i}].lineNo`);
  const declared = parseKg(m.declaredKg)!;
  const pct = diffPct(declared, total) ?? "0.000";
  const s = await settings(w.tx);
  const flagged = exceeds(pct, s.discrepancyTolerancePct);
  const r = await apply(w, m, "receive", { receivedKg: formatKg(total), receivedAt: now, discrepancyPct: pct, discrepancyFlagged: flagged }, { receivedKg: formatKg(total), discrepancyPct: pct, flagged, tolerancePct: s.discrepancyTolerancePct }, now);
  for (const l of lines) await w.tx.update(manifestLines).set({ receivedKg: formatKg(parseKg(byNo.get(l.lineNo)!.receivedKg)!) }).where(eq(manifestLines.id, l.id));
  await w.tx.update(waybills).set({ arrivedAt: now, updatedAt: now }).where(eq(waybills.manifestId, m.id));
  await bumpDaily(w.tx, [{ day: shanghaiDay(now), districtId: m.districtId, metric: METRICS.manifestReceived, n: 1, amount: formatKg(total) }]);
  if (flagged) await raiseDiscrepancyAlert(w, r.manifest, s.discrepancyTolerancePct, now);
  return r.manifest;
}

export async function raiseDiscrepancyAlert(w: Writer, m: ManifestRow, tolerancePct: string, now: Date): Promise<void> {
  const [f] = await w.tx.select({ lon: facilities.lon, lat: facilities.lat, name: facilities.name }).from(facilities).where(eq(facilities.id, m.receiverId));
  await raiseAlert(w, {
    stream: "hazardous",
    rule: "hazardous.weight_discrepancy",
    severity: Math.abs(Number(m.discrepancyPct)) > 3 * Number(tolerancePct) ? "HIGH" : "MEDIUM",
    title: `联单 ${m.number} 过磅差异 ${m.discrepancyPct}%（超过 ${tolerancePct}%）/ Manifest ${m.number}: weight difference ${m.discrepancyPct}% exceeds ${tolerancePct}%`,
    detail: { manifestId: m.id, declaredKg: m.declaredKg, receivedKg: m.receivedKg, discrepancyPct: m.discrepancyPct, tolerancePct },
    subjectType: "Manifest",
    subjectId: m.id,
    subjectLabel: m.number,
    districtId: m.districtId,
    org: { kind: "hazardous.unit", id: m.producerId },
    lon: f ? Number(f.lon) : null,
    lat: f ? Number(f.lat) : null,
    dedupKey: `hazardous:weight_discrepancy:${m.id}`,
    at: now,
  });
}

export type ReceiptDecision = "ACCEPT" | "PARTLY_REJECT" | "REJECT";

/** Receiver accepts the load, or rejects part (lines with rejected kg) or all of it (with a reason). */
export async function decideReceipt(w: Writer, m: ManifestRow, decision: ReceiptDecision, rejected: { lineNo: number; rejectedKg: string }[], reason: string | null, now = new Date()): Promise<ManifestRow> {
  const action: ManifestAction = decision === "ACCEPT" ? "accept" : decision === "REJECT" ? "reject" : "partlyReject";
  checkTransition(m.state, action, partiesOf(w.principal, m));
  const lines = await linesOf(w.tx, m.id);
  const rej = new Map<number, bigint>();
  if (decision === "ACCEPT") {
    if (rejected.length) throw new DomainError("INVALID_DECISION", "Accepting a load rejects nothing; use PARTLY_REJECT", "input.lines");
  } else {
    if (!reason?.trim()) throw new DomainError("REQUIRED", "Say why the load is rejected", "input.reason");
    if (decision === "REJECT") for (const l of lines) rej.set(l.lineNo, parseKg(l.receivedKg ?? l.quantityKg)!);
    else {
      if (!rejected.length) throw new DomainError("REQUIRED", "Name the rejected lines and weights", "input.lines");
      for (const [i, r] of rejected.entries()) {
        const l = lines.find((x) => x.lineNo === r.lineNo);
        if (!l) throw new DomainError("NOT_FOUND", `The manifest has no line ${r.lineNo}`, `input.lines[${i}].lineNo`);
        const g = parseKg(r.rejectedKg);
        const max = parseKg(l.receivedKg ?? l.quantityKg)!;
        if (g === null || g <= 0n || g > max) throw new DomainError("INVALID_QUANTITY", `Rejected weight must be more than 0 and at most the received ${formatKg(max)} kg`, `input.lines[${i}].rejectedKg`);
        rej.set(l.lineNo, g);
      }
      const totalRej = [...rej.values()].reduce((a, b) => a + b, 0n);
      if (totalRej >= parseKg(m.receivedKg ?? m.declaredKg)!) throw new DomainError("INVALID_DECISION", "Everything would be rejected; use REJECT", "input.lines");
    }
  }
  const totalRej = [...rej.values()].reduce((a, b) => a + b, 0n);
  const r = await apply(w, m, action, { decidedAt: now, rejectedKg: formatKg(totalRej), rejectionReason: reason?.trim() || null }, { decision, rejectedKg: formatKg(totalRej), reason }, now);
  for (const [lineNo, g] of rej) await w.tx.update(manifestLines).set({ rejectedKg: formatKg(g) }).where(and(eq(manifestLines.manifestId, m.id), eq(manifestLines.lineNo, lineNo)));
  return r.manifest;
}

/** Receiver records the utilisation/disposal method (e.g. D10 incineration, R4 metal recovery). */
export async function disposeManifest(w: Writer, m: ManifestRow, method: string, now = new Date()): Promise<ManifestRow> {
  checkTransition(m.state, "dispose", partiesOf(w.principal, m));
  if (!DISPOSAL_METHOD_CODES.has(method)) throw new DomainError("UNKNOWN_METHOD", `${method} is not a known utilisation/disposal method code`, "input.method");
  return (await apply(w, m, "dispose", { disposalMethod: method, disposedAt: now }, { method }, now)).manifest;
}

export async function closeManifest(w: Writer, m: ManifestRow, now = new Date()): Promise<ManifestRow> {
  checkTransition(m.state, "close", partiesOf(w.principal, m));
  const r = await apply(w, m, "close", { closedAt: now }, {}, now);
  await bumpDaily(w.tx, [{ day: shanghaiDay(now), districtId: m.districtId, metric: METRICS.manifestClosed, n: 1, amount: m.declaredKg }]);
  return r.manifest;
}

// ——— corrections ———

export interface CorrectionChanges {
  lines?: { lineNo: number; quantityKg?: string | null; packaging?: string | null; packageCount?: number | null; receivedKg?: string | null }[];
  plannedRoute?: [number, number][] | null;
  dueBy?: string | null;
}

/** Which party owns (signed) each correctable field. */
const FIELD_OWNER: Record<string, Party[]> = {
  quantityKg: ["PRODUCER"],
  packaging: ["PRODUCER"],
  packageCount: ["PRODUCER"],
  plannedRoute: ["PRODUCER", "CARRIER"],
  dueBy: ["CARRIER"],
  receivedKg: ["RECEIVER"],
};
const SIGNING_PARTIES: Party[] = ["PRODUCER", "CARRIER", "RECEIVER"];

/** A party asks to correct fields it signed; the other two parties must approve. */
export async function requestCorrection(w: Writer, m: ManifestRow, changes: CorrectionChanges, reason: string, now = new Date()): Promise<CorrectionRow> {
  if (m.state === "DRAFT") throw new DomainError("NOT_SIGNED", "A draft is edited directly; corrections are for signed manifests");
  if (m.state === "CLOSED" || m.state === "CANCELLED") throw new DomainError("FINAL", `A ${m.state} manifest cannot be corrected`);
  if (!reason.trim()) throw new DomainError("REQUIRED", "Say why the correction is needed", "input.reason");
  const party = partiesOf(w.principal, m).find((p) => SIGNING_PARTIES.includes(p));
  if (!party) throw new DomainError("WRONG_PARTY", "Only the producer, carrier or receiver of this manifest may request a correction");
  const fields = new Set<string>();
  const lines = await linesOf(w.tx, m.id);
  for (const [i, c] of (changes.lines ?? []).entries()) {
    if (!lines.some((l) => l.lineNo === c.lineNo)) throw new DomainError("NOT_FOUND", `The manifest has no line ${c.lineNo}`, `input.changes.lines[${i}].lineNo`);
    for (const k of ["quantityKg", "packaging", "packageCount", "receivedKg"] as const) if (c[k] != null) fields.add(k);
    if (c.quantityKg != null && !(parseKg(c.quantityKg)! > 0n)) throw new DomainError("INVALID_QUANTITY", "Quantity must be a positive number of kg", `input.changes.lines[${i}].quantityKg`);
    if (c.receivedKg != null && parseKg(c.receivedKg) === null) throw new DomainError("INVALID_QUANTITY", "Received weight must be a number of kg", `input.changes.lines[${i}].receivedKg`);
    if (c.receivedKg != null && !m.receivedAt) throw new DomainError("NOT_SIGNED", "Nothing was received yet", `input.changes.lines[${i}].receivedKg`);
    if (c.packageCount != null && !(c.packageCount >= 1)) throw new DomainError("INVALID_PACKAGES", "Package count must be at least 1", `input.changes.lines[${i}].packageCount`);
  }
  if (changes.plannedRoute !== undefined) {
    checkRoute(changes.plannedRoute, "input.changes.plannedRoute");
    fields.add("plannedRoute");
  }
  if (changes.dueBy != null) {
    if (Number.isNaN(Date.parse(changes.dueBy))) throw new DomainError("INVALID_DUE", "dueBy must be a date-time", "input.changes.dueBy");
    if (!m.pickedUpAt) throw new DomainError("NOT_SIGNED", "The receipt deadline is set at pickup", "input.changes.dueBy");
    fields.add("dueBy");
  }
  if (fields.size === 0) throw new DomainError("REQUIRED", "The correction changes nothing", "input.changes");
  for (const f of fields) if (!FIELD_OWNER[f]!.includes(party)) throw new DomainError("NOT_YOUR_FIELD", `The ${party.toLowerCase()} cannot correct ${f}; it was signed by the ${FIELD_OWNER[f]!.join("/").toLowerCase()}`, "input.changes");
  const [pending] = await w.tx.select({ id: manifestCorrections.id }).from(manifestCorrections).where(and(eq(manifestCorrections.manifestId, m.id), eq(manifestCorrections.status, "PENDING")));
  if (pending) throw new DomainError("CORRECTION_PENDING", "A correction of this manifest is already waiting for approval");
  const [c] = await w.tx
    .insert(manifestCorrections)
    .values({ manifestId: m.id, requestedBy: w.principal.label, requestedParty: party, reason: reason.trim(), changes, requiredParties: SIGNING_PARTIES.filter((p) => p !== party), createdAt: now, updatedAt: now })
    .returning();
  await w.tx.insert(manifestEvents).values({ manifestId: m.id, action: "correction_requested", fromState: m.state, toState: m.state, party, actor: w.principal.label, detail: { correctionId: c!.id, reason, changes }, at: now });
  await w.audit({ entity: "ManifestCorrection", entityId: c!.id, action: "request", changes: { manifestId: m.id, changes, reason } });
  await w.emit({ type: "manifest.correction_requested", stream: "hazardous", entity: "Manifest", entityId: m.id, districtId: m.districtId, org: { kind: "hazardous.unit", id: m.producerId }, payload: { manifestId: m.id, correctionId: c!.id, by: party } });
  return c!;
}

/** Another party approves or rejects; when every required party approved, the change is applied. */
export async function decideCorrection(w: Writer, c: CorrectionRow, approve: boolean, note: string | null, now = new Date()): Promise<{ correction: CorrectionRow; manifest: ManifestRow }> {
  const m = await manifestById(w.tx, c.manifestId, true);
  if (!m) throw new DomainError("NOT_FOUND", "No such manifest");
  if (c.status !== "PENDING") throw new DomainError("ALREADY_DECIDED", `This correction is already ${c.status}`);
  const party = partiesOf(w.principal, m).find((p) => c.requiredParties.includes(p));
  if (!party) throw new DomainError("WRONG_PARTY", `Only ${c.requiredParties.join(" and ").toLowerCase()} decide this correction`);
  if (c.approvals[party]) throw new DomainError("ALREADY_DECIDED", `The ${party.toLowerCase()} already approved`);
  if (!approve && !note?.trim()) throw new DomainError("REQUIRED", "Say why the correction is rejected", "note");
  const approvals = approve ? { ...c.approvals, [party]: { by: w.principal.label, at: now.toISOString() } } : c.approvals;
  const done = !approve || c.requiredParties.every((p) => approvals[p]);
  const status = !approve ? "REJECTED" : done ? "APPLIED" : "PENDING";
  const [updated] = await w.tx
    .update(manifestCorrections)
    .set({ approvals, status, decidedAt: done ? now : null, updatedAt: now })
    .where(and(eq(manifestCorrections.id, c.id), eq(manifestCorrections.status, "PENDING"), sql`${manifestCorrections.approvals}::text = ${JSON.stringify(c.approvals)}::jsonb::text`))
    .returning();
  if (!updated) throw new DomainError("STATE_CHANGED", "The correction changed meanwhile; reload it");
  let manifest = m;
  if (status === "APPLIED") manifest = await applyCorrection(w, m, c.changes as CorrectionChanges, now);
  await w.tx.insert(manifestEvents).values({ manifestId: m.id, action: approve ? (status === "APPLIED" ? "correction_applied" : "correction_approved") : "correction_rejected", fromState: m.state, toState: m.state, party, actor: w.principal.label, detail: { correctionId: c.id, note }, at: now });
  await w.audit({ entity: "ManifestCorrection", entityId: c.id, action: approve ? "approve" : "reject", changes: { note, status } });
  if (status !== "PENDING") await w.emit({ type: "manifest.corrected", stream: "hazardous", entity: "Manifest", entityId: m.id, districtId: m.districtId, org: { kind: "hazardous.unit", id: m.producerId }, payload: { manifestId: m.id, correctionId: c.id, status } });
  return { correction: updated, manifest };
}

async function applyCorrection(w: Writer, m: ManifestRow, ch: CorrectionChanges, now: Date): Promise<ManifestRow> {
  const lines = await linesOf(w.tx, m.id);
  const daily: DailyBump[] = [];
  for (const c of ch.lines ?? []) {
    const l = lines.find((x) => x.lineNo === c.lineNo)!;
    const set: Partial<LineRow> = {};
    if (c.quantityKg != null) {
      set.quantityKg = formatKg(parseKg(c.quantityKg)!);
      const delta = parseKg(c.quantityKg)! - parseKg(l.quantityKg)!;
      if (m.submittedAt && delta !== 0n) daily.push({ day: shanghaiDay(m.submittedAt), districtId: m.districtId, metric: METRICS.generation(categoryOf(l.wasteCode)), amount: formatKg(delta) });
    }
    if (c.packaging != null) set.packaging = c.packaging;
    if (c.packageCount != null) set.packageCount = c.packageCount;
    if (c.receivedKg != null) set.receivedKg = formatKg(parseKg(c.receivedKg)!);
    await w.tx.update(manifestLines).set(set).where(eq(manifestLines.id, l.id));
  }
  const after = await linesOf(w.tx, m.id);
  const declared = after.reduce((a, l) => a + parseKg(l.quantityKg)!, 0n);
  const set: Partial<ManifestRow> = { declaredKg: formatKg(declared), updatedAt: now };
  const oldDeclared = parseKg(m.declaredKg)!;
  if (declared !== oldDeclared) {
    daily.push({ day: shanghaiDay(m.createdAt), districtId: m.districtId, metric: METRICS.manifestCreated, amount: formatKg(declared - oldDeclared) });
    if (m.state === "CLOSED" && m.closedAt) daily.push({ day: shanghaiDay(m.closedAt), districtId: m.districtId, metric: METRICS.manifestClosed, amount: formatKg(declared - oldDeclared) });
    await w.tx.execute(sql`update hazardous.state_stats set amount = amount + ${formatKg(declared - oldDeclared)}::numeric where district_id = ${m.districtId} and subject = 'manifest' and state = ${m.state}`);
  }
  if (m.receivedAt) {
    const received = after.reduce((a, l) => a + parseKg(l.receivedKg ?? "0")!, 0n);
    const oldReceived = parseKg(m.receivedKg ?? "0")!;
    set.receivedKg = formatKg(received);
    set.discrepancyPct = diffPct(declared, received) ?? "0.000";
    const s = await settings(w.tx);
    set.discrepancyFlagged = exceeds(set.discrepancyPct, s.discrepancyTolerancePct);
    if (received !== oldReceived) daily.push({ day: shanghaiDay(m.receivedAt), districtId: m.districtId, metric: METRICS.manifestReceived, amount: formatKg(received - oldReceived) });
  }
  if (ch.plannedRoute !== undefined) set.plannedRoute = ch.plannedRoute;
  if (ch.dueBy != null) set.dueBy = new Date(ch.dueBy);
  const [updated] = await w.tx.update(manifests).set({ ...set, version: sql`${manifests.version} + 1` }).where(eq(manifests.id, m.id)).returning();
  await bumpDaily(w.tx, daily);
  if (updated!.discrepancyFlagged && !m.discrepancyFlagged) await raiseDiscrepancyAlert(w, updated!, (await settings(w.tx)).discrepancyTolerancePct, now);
  return updated!;
}

export async function correctionsOf(tx: Tx, manifestIds: number[]): Promise<CorrectionRow[]> {
  if (!manifestIds.length) return [];
  return tx.select().from(manifestCorrections).where(inArray(manifestCorrections.manifestId, manifestIds)).orderBy(asc(manifestCorrections.id));
}
