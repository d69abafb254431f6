/**
 * 工业固废大排查 — the census: the dynamic list of waste-producing units (产废单位), training sessions
 * and attendance, inspections with findings, and hazards (问题隐患) driven through rectification:
 *   FOUND → RECTIFYING → SUBMITTED (with evidence) → VERIFIED, or SUBMITTED → RECTIFYING (returned).
 * Hazards past their deadline and not verified raise an alert (scheduled check).
 */
import { and, eq, isNull, lt, ne, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { raiseAlert } from "../core/alerts.js";
import { openCase } from "../core/cases.js";
import { ORG } from "./access.js";
import { creditCodeProblem, normaliseCreditCode } from "./credit-code.js";
import { bumpDaily, METRICS, moveState, shanghaiDay } from "./rollups.js";
import { hazardEvents, hazards, inspections, trainingAttendance, trainingSessions, units, type HazardStatus, type InspectionKind, type UnitKind } from "./tables.js";

export type UnitRow = typeof units.$inferSelect;
export type HazardRow = typeof hazards.$inferSelect;
export type InspectionRow = typeof inspections.$inferSelect;

export const UNIT_KINDS: UnitKind[] = ["ENTERPRISE", "LABORATORY", "AUTO_REPAIR", "HOSPITAL", "SCHOOL", "OTHER_SOCIAL"];
export const unitState = (u: { kind: string; smallMicro: boolean }) => `${u.kind}${u.smallMicro ? ":SMALL" : ""}`;

export interface UnitInput {
  name: string;
  creditCode: string;
  kind: UnitKind;
  smallMicro: boolean;
  districtId: number;
  industry?: string | null;
  address?: string | null;
  contact?: string | null;
  phone?: string | null;
  lon?: number | null;
  lat?: number | null;
  annualGenerationT?: string | null;
}

function checkUnit(u: Partial<UnitInput>): void {
  if (u.creditCode !== undefined) {
    const problem = creditCodeProblem(normaliseCreditCode(u.creditCode));
    if (problem) throw new DomainError("INVALID_CREDIT_CODE", `统一社会信用代码无效：${problem} / Unified social credit code ${problem}`, "input.creditCode");
  }
  if (u.smallMicro && u.kind && u.kind !== "ENTERPRISE") throw new DomainError("INVALID_VALUE", "Only enterprises are small/micro enterprises", "input.smallMicro");
  if (u.annualGenerationT != null && !/^\d{1,9}(\.\d{1,3})?$/.test(u.annualGenerationT)) throw new DomainError("INVALID_QUANTITY", "Annual generation must be tonnes with at most 3 decimals", "input.annualGenerationT");
  if (u.lon != null && (u.lon < 119 || u.lon > 122)) throw new DomainError("INVALID_VALUE", "Longitude is outside Shaoxing", "input.lon");
  if (u.lat != null && (u.lat < 29 || u.lat > 31)) throw new DomainError("INVALID_VALUE", "Latitude is outside Shaoxing", "input.lat");
}

/** Adds a unit to the dynamic list. */
export async function registerUnit(w: Writer, u: UnitInput, now = new Date()): Promise<UnitRow> {
  checkUnit(u);
  const code = normaliseCreditCode(u.creditCode);
  const [dup] = await w.tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.creditCode, code));
  if (dup) throw new DomainError("DUPLICATE_CREDIT_CODE", `This credit code is already registered for ${dup.name}`, "input.creditCode");
  const [row] = await w.tx
    .insert(units)
    .values({
      name: u.name.trim(),
      creditCode: code,
      kind: u.kind,
      smallMicro: u.smallMicro,
      districtId: u.districtId,
      industry: u.industry ?? "",
      address: u.address ?? "",
      contact: u.contact ?? "",
      phone: u.phone ?? "",
      lon: u.lon == null ? null : u.lon.toFixed(6),
      lat: u.lat == null ? null : u.lat.toFixed(6),
      annualGenerationT: u.annualGenerationT ?? "0",
      registeredOn: shanghaiDay(now),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await moveState(w.tx, row!.districtId, "unit", null, unitState(row!));
  await bumpDaily(w.tx, [{ day: row!.registeredOn, districtId: row!.districtId, metric: METRICS.unitRegistered(row!.kind, row!.smallMicro), n: 1 }]);
  await w.audit({ entity: "HazardousUnit", entityId: row!.id, action: "register", changes: u });
  await w.emit({ type: "unit.registered", stream: "hazardous", entity: "HazardousUnit", entityId: row!.id, districtId: row!.districtId, payload: { unitId: row!.id, name: row!.name, kind: row!.kind } });
  return row!;
}

/** Changes a unit (the list is kept current); a kind/size/district change moves it between the stocks. */
export async function updateUnit(w: Writer, before: UnitRow, u: Partial<UnitInput> & { active?: boolean }, now = new Date()): Promise<UnitRow> {
  checkUnit({ ...u, kind: u.kind ?? before.kind, smallMicro: u.smallMicro ?? before.smallMicro });
  const set: Partial<UnitRow> = { updatedAt: now };
  if (u.name !== undefined) set.name = u.name.trim();
  if (u.creditCode !== undefined) {
    set.creditCode = normaliseCreditCode(u.creditCode);
    const [dup] = await w.tx.select({ id: units.id }).from(units).where(and(eq(units.creditCode, set.creditCode), ne(units.id, before.id)));
    if (dup) throw new DomainError("DUPLICATE_CREDIT_CODE", "This credit code is already registered for another unit", "input.creditCode");
  }
  for (const k of ["kind", "smallMicro", "districtId", "industry", "address", "contact", "phone", "annualGenerationT", "active"] as const) if (u[k] !== undefined && u[k] !== null) (set as Record<string, unknown>)[k] = u[k];
  if (u.lon !== undefined) set.lon = u.lon == null ? null : u.lon.toFixed(6);
  if (u.lat !== undefined) set.lat = u.lat == null ? null : u.lat.toFixed(6);
  const [after] = await w.tx.update(units).set(set).where(eq(units.id, before.id)).returning();
  const was = before.active ? unitState(before) : null;
  const is = after!.active ? unitState(after!) : null;
  if (was !== is || before.districtId !== after!.districtId) {
    if (was) await moveState(w.tx, before.districtId, "unit", was, null);
    if (is) await moveState(w.tx, after!.districtId, "unit", null, is);
  }
  if (before.kind !== after!.kind || before.smallMicro !== after!.smallMicro || before.districtId !== after!.districtId) {
    await bumpDaily(w.tx, [
      { day: before.registeredOn, districtId: before.districtId, metric: METRICS.unitRegistered(before.kind, before.smallMicro), n: -1 },
      { day: before.registeredOn, districtId: after!.districtId, metric: METRICS.unitRegistered(after!.kind, after!.smallMicro), n: 1 },
    ]);
  }
  await w.audit({ entity: "HazardousUnit", entityId: before.id, action: "update", changes: u });
  return after!;
}

// ——— training ———

export async function recordTraining(w: Writer, t: { districtId: number; title: string; heldOn: string; trainer?: string | null; attendees: { unitId?: number | null; personName: string; role?: string | null }[] }): Promise<typeof trainingSessions.$inferSelect> {
  if (!t.title.trim()) throw new DomainError("REQUIRED", "A training session needs a title", "input.title");
  if (t.attendees.length === 0) throw new DomainError("REQUIRED", "Record at least one attendee", "input.attendees");
  const seen = new Set<string>();
  for (const [i, a] of t.attendees.entries()) {
    const k = `${a.unitId ?? ""}|${a.personName.trim()}`;
    if (!a.personName.trim()) throw new DomainError("REQUIRED", "Attendee name is required", `input.attendees[${i}].personName`);
    if (seen.has(k)) throw new DomainError("DUPLICATE", `${a.personName} is listed twice`, `input.attendees[${i}]`);
    seen.add(k);
  }
  const [s] = await w.tx.insert(trainingSessions).values({ districtId: t.districtId, title: t.title.trim(), heldOn: t.heldOn, trainer: t.trainer ?? "", attendeeCount: t.attendees.length }).returning();
  await w.tx.insert(trainingAttendance).values(t.attendees.map((a) => ({ sessionId: s!.id, unitId: a.unitId ?? null, personName: a.personName.trim(), role: a.role ?? "" })));
  await bumpDaily(w.tx, [{ day: t.heldOn, districtId: t.districtId, metric: METRICS.training, n: t.attendees.length }]);
  await w.audit({ entity: "TrainingSession", entityId: s!.id, action: "record", changes: { ...t, attendees: t.attendees.length } });
  return s!;
}

// ——— inspections ———

export interface InspectionInput {
  kind: InspectionKind;
  unitId?: number | null;
  subjectName: string;
  districtId: number;
  inspectedOn: string;
  inspector: string;
  findings: { item: string; description: string; serious: boolean }[];
  /** Census/routine: open a hazard per finding (category, deadline). */
  hazards?: { category: string; severity: "LOW" | "MEDIUM" | "HIGH"; description: string; responsibleUnit: string; deadline: string }[];
  /** Plastic-ban / hotel supplies: open an enforcement case for the findings. */
  openCase?: { violationType: string; fineYuan?: string | null } | null;
}

export async function recordInspection(w: Writer, i: InspectionInput): Promise<InspectionRow> {
  if (!i.subjectName.trim()) throw new DomainError("REQUIRED", "Name the inspected place", "input.subjectName");
  if ((i.kind === "CENSUS" || i.kind === "ROUTINE") && !i.unitId) throw new DomainError("REQUIRED", "Census and routine inspections are of a registered unit", "input.unitId");
  if (i.hazards?.length && !i.unitId) throw new DomainError("REQUIRED", "Hazards belong to a registered unit", "input.unitId");
  if (i.openCase && i.findings.length === 0) throw new DomainError("NO_FINDINGS", "A case needs findings", "input.openCase");
  const [row] = await w.tx
    .insert(inspections)
    .values({ kind: i.kind, unitId: i.unitId ?? null, subjectName: i.subjectName.trim(), districtId: i.districtId, inspectedOn: i.inspectedOn, inspector: i.inspector, findings: i.findings, findingCount: i.findings.length })
    .returning();
  for (const h of i.hazards ?? []) await reportHazard(w, { unitId: i.unitId!, districtId: i.districtId, inspectionId: row!.id, foundOn: i.inspectedOn, ...h });
  let result = row!;
  if (i.openCase) {
    const c = await openCase(w, {
      stream: "hazardous",
      source: "INSPECTION",
      campaign: i.kind === "PLASTIC_BAN" ? "禁塑限塑检查" : i.kind === "HOTEL_SUPPLIES" ? "一次性消费用品专项整治" : null,
      subjectType: i.unitId ? "HazardousUnit" : "InspectedPlace",
      subjectId: i.unitId ?? null,
      subjectLabel: i.subjectName,
      districtId: i.districtId,
      org: i.unitId ? { kind: ORG.unit, id: i.unitId } : null,
      violationType: i.openCase.violationType,
      description: i.findings.map((f) => `${f.item}：${f.description}`).join("；"),
      fineYuan: i.openCase.fineYuan ?? undefined,
    });
    [result] = await w.tx.update(inspections).set({ caseId: c.id, updatedAt: new Date() }).where(eq(inspections.id, row!.id)).returning();
  }
  await w.audit({ entity: "Inspection", entityId: row!.id, action: "record", changes: i });
  return result!;
}

// ——— hazards ———

export type HazardAction = "startRectification" | "submitEvidence" | "verify" | "returnForRework";
/** Who acts: the unit itself (its operator account) or bureau staff. */
export type HazardActor = "UNIT" | "STAFF";

export const HAZARD_TRANSITIONS: Record<HazardAction, { from: HazardStatus[]; to: HazardStatus; by: HazardActor[]; labelZh: string }> = {
  startRectification: { from: ["FOUND"], to: "RECTIFYING", by: ["UNIT", "STAFF"], labelZh: "开始整改" },
  submitEvidence: { from: ["RECTIFYING"], to: "SUBMITTED", by: ["UNIT", "STAFF"], labelZh: "提交整改材料" },
  verify: { from: ["SUBMITTED"], to: "VERIFIED", by: ["STAFF"], labelZh: "验收销号" },
  returnForRework: { from: ["SUBMITTED"], to: "RECTIFYING", by: ["STAFF"], labelZh: "退回重新整改" },
};

export const HAZARD_CATEGORIES = ["STORAGE", "LABELLING", "LEDGER", "TRANSFER", "DISPOSAL", "POLLUTION_CONTROL", "OTHER"] as const;

export async function reportHazard(
  w: Writer,
  h: { unitId: number; districtId: number; inspectionId?: number | null; category: string; severity: "LOW" | "MEDIUM" | "HIGH"; description: string; responsibleUnit: string; deadline: string; foundOn: string },
): Promise<HazardRow> {
  if (!(HAZARD_CATEGORIES as readonly string[]).includes(h.category)) throw new DomainError("INVALID_CATEGORY", `Category must be one of ${HAZARD_CATEGORIES.join(", ")}`, "input.category");
  if (h.deadline < h.foundOn) throw new DomainError("INVALID_DEADLINE", "The deadline cannot be before the day the hazard was found", "input.deadline");
  if (!h.description.trim()) throw new DomainError("REQUIRED", "Describe the hazard", "input.description");
  if (!h.responsibleUnit.trim()) throw new DomainError("REQUIRED", "Name who must rectify it", "input.responsibleUnit");
  const [row] = await w.tx
    .insert(hazards)
    .values({ unitId: h.unitId, districtId: h.districtId, inspectionId: h.inspectionId ?? null, category: h.category, severity: h.severity, description: h.description.trim(), responsibleUnit: h.responsibleUnit.trim(), deadline: h.deadline, foundOn: h.foundOn })
    .returning();
  await w.tx.insert(hazardEvents).values({ hazardId: row!.id, action: "found", fromStatus: null, toStatus: "FOUND", actor: w.principal.label, note: h.description });
  await moveState(w.tx, h.districtId, "hazard", null, "FOUND");
  await bumpDaily(w.tx, [{ day: h.foundOn, districtId: h.districtId, metric: METRICS.hazardFound, n: 1 }]);
  await w.audit({ entity: "Hazard", entityId: row!.id, action: "report", changes: h });
  await w.emit({ type: "hazard.found", stream: "hazardous", entity: "Hazard", entityId: row!.id, districtId: h.districtId, org: { kind: ORG.unit, id: h.unitId }, payload: { hazardId: row!.id, unitId: h.unitId, severity: h.severity, deadline: h.deadline } });
  return row!;
}

export async function transitionHazard(w: Writer, h: HazardRow, action: HazardAction, actor: HazardActor, note: string | null, now = new Date()): Promise<HazardRow> {
  const t = HAZARD_TRANSITIONS[action];
  if (!t) throw new DomainError("UNKNOWN_ACTION", `Unknown hazard action ${action}`);
  if (!t.from.includes(h.status)) throw new DomainError("ILLEGAL_TRANSITION", `隐患当前为 ${h.status}，不能执行 ${action} / A hazard that is ${h.status} cannot be ${action}; allowed from ${t.from.join(", ")}`);
  if (!t.by.includes(actor)) throw new DomainError("WRONG_PARTY", `Only ${t.by.join(" or ").toLowerCase()} may ${action}`);
  if (action === "submitEvidence" && !note?.trim()) throw new DomainError("REQUIRED", "Describe the rectification (evidence)", "input.note");
  if (action === "returnForRework" && !note?.trim()) throw new DomainError("REQUIRED", "Say what is still missing", "input.note");
  const set: Partial<HazardRow> = { status: t.to, updatedAt: now };
  if (action === "submitEvidence") Object.assign(set, { evidence: note!.trim(), submittedAt: now });
  if (action === "verify") set.verifiedAt = now;
  const [updated] = await w.tx
    .update(hazards)
    .set(set)
    .where(and(eq(hazards.id, h.id), eq(hazards.status, h.status)))
    .returning();
  if (!updated) throw new DomainError("STATE_CHANGED", "The hazard changed meanwhile; reload it");
  await w.tx.insert(hazardEvents).values({ hazardId: h.id, action, fromStatus: h.status, toStatus: t.to, actor: w.principal.label, note, at: now });
  await moveState(w.tx, h.districtId, "hazard", h.status, t.to);
  if (action === "verify") await bumpDaily(w.tx, [{ day: shanghaiDay(now), districtId: h.districtId, metric: METRICS.hazardRectified, n: 1 }]);
  await w.audit({ entity: "Hazard", entityId: h.id, action, changes: { status: [h.status, t.to], note } });
  await w.emit({ type: "hazard.status_changed", stream: "hazardous", entity: "Hazard", entityId: h.id, districtId: h.districtId, org: { kind: ORG.unit, id: h.unitId }, payload: { hazardId: h.id, from: h.status, to: t.to, action } });
  return updated;
}

/** Raises one alert per hazard past its deadline and not verified (once per hazard). */
export async function checkOverdueHazards(w: Writer, today: string, limit = 2000): Promise<number> {
  const overdue = await w.tx
    .select({ h: hazards, unitName: units.name })
    .from(hazards)
    .innerJoin(units, eq(units.id, hazards.unitId))
    .where(and(ne(hazards.status, "VERIFIED"), lt(hazards.deadline, today), isNull(hazards.overdueAlertedAt)))
    .orderBy(hazards.deadline)
    .limit(limit);
  for (const { h, unitName } of overdue) {
    await raiseAlert(w, {
      stream: "hazardous",
      rule: "hazardous.hazard_overdue",
      severity: h.severity === "HIGH" ? "HIGH" : "MEDIUM",
      title: `${unitName} 隐患逾期未整改（期限 ${h.deadline}）/ ${unitName}: hazard not rectified by ${h.deadline}`,
      detail: { hazardId: h.id, deadline: h.deadline, status: h.status, category: h.category, responsibleUnit: h.responsibleUnit },
      subjectType: "Hazard",
      subjectId: h.id,
      subjectLabel: `${unitName} · ${h.category}`,
      districtId: h.districtId,
      org: { kind: ORG.unit, id: h.unitId },
      dedupKey: `hazardous:hazard_overdue:${h.id}`,
    });
    await w.tx.update(hazards).set({ overdueAlertedAt: new Date() }).where(eq(hazards.id, h.id));
    await w.emit({ type: "hazard.overdue", stream: "hazardous", entity: "Hazard", entityId: h.id, districtId: h.districtId, org: { kind: ORG.unit, id: h.unitId }, payload: { hazardId: h.id, deadline: h.deadline, status: h.status } });
  }
  return overdue.length;
}

export { sql };
