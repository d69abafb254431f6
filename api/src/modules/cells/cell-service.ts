/**
 * 无废细胞 services: units, applications and their assessment, certificates, expiry and revocation.
 * Every state change goes through `transitionApplication`, which consults the transition table in
 * cell-rules.ts, keeps the unit's status and the rollup counters current in the same transaction,
 * writes the audit row and emits the domain event.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { requireDistrictWritable, requireInScope } from "../../graphql/scope.js";
import { raiseAlert, resolveAlertByKey } from "../core/alerts.js";
import type { Tx } from "../core/db.js";
import { APPLICATION_TRANSITIONS, assess, certificateNumber, certificateState, checkTransition, checklistProblem, reassessmentAllowed, scoreProblem, validUntil, type ApplicationAction, type Actor } from "./cell-rules.js";
import { actingAs, bumpDaily, moveStock, nextSequence, requireOffice, shanghaiDay, STREAM, UNIT_ORG_KIND } from "./common.js";
import { cleanLine, cleanText } from "./sanitize.js";
import { applications, assessmentItems, cellTargets, cellTypes, checklistItems, units, type ApplicationStatus, type CellStatus } from "./tables.js";

export type UnitRow = typeof units.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type CellTypeRow = typeof cellTypes.$inferSelect;
export type ChecklistItemRow = typeof checklistItems.$inferSelect;
export type AssessmentItemRow = typeof assessmentItems.$inferSelect;

export async function cellTypeById(tx: Tx, id: number): Promise<CellTypeRow | undefined> {
  const [t] = await tx.select().from(cellTypes).where(eq(cellTypes.id, id));
  return t;
}

export async function unitById(tx: Tx, id: number, lock = false): Promise<UnitRow | undefined> {
  const q = tx.select().from(units).where(eq(units.id, id));
  const [u] = lock ? await q.for("update") : await q;
  return u;
}

export async function applicationById(tx: Tx, id: number, lock = false): Promise<ApplicationRow | undefined> {
  const q = tx.select().from(applications).where(eq(applications.id, id));
  const [a] = lock ? await q.for("update") : await q;
  return a;
}

export function unitScope(u: { districtId: number; id: number }) {
  return { districtId: u.districtId, orgs: { [UNIT_ORG_KIND]: u.id } };
}
export function applicationScope(a: { districtId: number; unitId: number }) {
  return { districtId: a.districtId, orgs: { [UNIT_ORG_KIND]: a.unitId } };
}

// ——— units ———

export interface UnitInput {
  name: string;
  cellTypeId: number;
  districtId: number;
  address?: string | null;
  lon?: string | null;
  lat?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  creditCode?: string | null;
}

function checkCoordinates(lon: string | null | undefined, lat: string | null | undefined) {
  if ((lon == null) !== (lat == null)) throw new DomainError("COORDINATES_INCOMPLETE", "Give both longitude and latitude, or neither", lon == null ? "input.lon" : "input.lat");
  if (lon != null && lat != null) {
    const x = Number(lon);
    const y = Number(lat);
    // Shaoxing and its surroundings (generous box).
    if (!Number.isFinite(x) || x < 119.5 || x > 121.5) throw new DomainError("OUT_OF_AREA", "Longitude must lie in Shaoxing (119.5–121.5)", "input.lon");
    if (!Number.isFinite(y) || y < 29.0 || y > 30.5) throw new DomainError("OUT_OF_AREA", "Latitude must lie in Shaoxing (29.0–30.5)", "input.lat");
  }
}

/** Registers a unit (staff of the office or a member unit, within their district). */
export async function createUnit(w: Writer, input: UnitInput): Promise<UnitRow> {
  const acting = await actingAs(w.tx, w.principal);
  if (acting !== "OFFICE" && acting !== "DEPARTMENT" && acting !== "SYSTEM") throw new DomainError("NOT_ALLOWED", "Only staff register units", null);
  requireDistrictWritable(w.principal, input.districtId);
  if (!(await cellTypeById(w.tx, input.cellTypeId))) throw new DomainError("NOT_FOUND", "No such cell type", "input.cellTypeId");
  const name = cleanLine(input.name);
  if (!name) throw new DomainError("REQUIRED", "A unit needs a name", "input.name");
  checkCoordinates(input.lon, input.lat);
  const [dup] = await w.tx.select({ id: units.id }).from(units).where(and(eq(units.districtId, input.districtId), eq(units.name, name)));
  if (dup) throw new DomainError("DUPLICATE_UNIT", "A unit with this name is already registered in this district", "input.name");
  const [u] = await w.tx
    .insert(units)
    .values({
      name,
      cellTypeId: input.cellTypeId,
      districtId: input.districtId,
      address: cleanLine(input.address),
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      contactName: cleanLine(input.contactName),
      contactPhone: cleanLine(input.contactPhone),
      creditCode: cleanLine(input.creditCode) || null,
    })
    .returning();
  const type = await cellTypeById(w.tx, u!.cellTypeId);
  await moveStock(w.tx, "unit.status", u!.districtId, null, `${type!.code}:NONE`);
  await w.audit({ entity: "CellUnit", entityId: u!.id, action: "create", changes: input });
  return u!;
}

/** Changes a unit's contact details (the unit itself, or staff). Type and district stay. */
export async function updateUnit(w: Writer, id: number, patch: Omit<Partial<UnitInput>, "cellTypeId" | "districtId">): Promise<UnitRow> {
  const u = await unitById(w.tx, id, true);
  if (!u) throw new DomainError("NOT_FOUND", "No such unit", "input.id");
  requireInScope(w.principal, unitScope(u));
  requireDistrictWritable(w.principal, u.districtId);
  const set: Partial<UnitRow> = { updatedAt: new Date() };
  if (patch.name !== undefined) {
    const name = cleanLine(patch.name);
    if (!name) throw new DomainError("REQUIRED", "A unit needs a name", "input.name");
    set.name = name;
  }
  if (patch.address !== undefined) set.address = cleanLine(patch.address);
  if (patch.contactName !== undefined) set.contactName = cleanLine(patch.contactName);
  if (patch.contactPhone !== undefined) set.contactPhone = cleanLine(patch.contactPhone);
  if (patch.creditCode !== undefined) set.creditCode = cleanLine(patch.creditCode) || null;
  if (patch.lon !== undefined || patch.lat !== undefined) {
    const lon = patch.lon !== undefined ? patch.lon : u.lon;
    const lat = patch.lat !== undefined ? patch.lat : u.lat;
    checkCoordinates(lon, lat);
    set.lon = lon ?? null;
    set.lat = lat ?? null;
  }
  const [updated] = await w.tx.update(units).set(set).where(eq(units.id, id)).returning();
  await w.audit({ entity: "CellUnit", entityId: id, action: "update", changes: patch });
  return updated!;
}

/**
 * Recomputes a unit's cell status from its applications (certified > applying > last outcome) and
 * moves the rollup counter when it changes.
 */
export async function refreshUnitStatus(tx: Tx, unitId: number): Promise<CellStatus> {
  const u = (await unitById(tx, unitId, true))!;
  const apps = await tx
    .select({ status: applications.status, certificateNo: applications.certificateNo, validUntil: applications.validUntil, id: applications.id })
    .from(applications)
    .where(eq(applications.unitId, unitId))
    .orderBy(asc(applications.id));
  const cert = apps.find((a) => a.status === "CERTIFIED");
  let status: CellStatus = "NONE";
  if (cert) status = "CERTIFIED";
  else if (apps.some((a) => a.status === "DRAFT" || a.status === "SUBMITTED" || a.status === "UNDER_REVIEW")) status = "APPLYING";
  else {
    const lastTerminal = [...apps].reverse().find((a) => a.status === "EXPIRED" || a.status === "REVOKED");
    if (lastTerminal) status = lastTerminal.status as CellStatus;
  }
  const certNo = cert?.certificateNo ?? null;
  const until = cert?.validUntil ?? null;
  if (status !== u.cellStatus || certNo !== u.certificateNo || until?.getTime() !== u.certifiedUntil?.getTime()) {
    await tx.update(units).set({ cellStatus: status, certificateNo: certNo, certifiedUntil: until, updatedAt: new Date() }).where(eq(units.id, unitId));
    if (status !== u.cellStatus) {
      const type = (await cellTypeById(tx, u.cellTypeId))!;
      await moveStock(tx, "unit.status", u.districtId, `${type.code}:${u.cellStatus}`, `${type.code}:${status}`);
    }
  }
  return status;
}

// ——— checklists ———

export async function checklistOf(tx: Tx, cellTypeId: number, version: number): Promise<ChecklistItemRow[]> {
  return tx
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.cellTypeId, cellTypeId), eq(checklistItems.version, version)))
    .orderBy(asc(checklistItems.seq));
}

export interface ChecklistItemInput {
  code: string;
  titleZh: string;
  titleEn: string;
  points: number;
  evidenceZh: string;
  evidenceEn: string;
  method: "RECORDS" | "SITE_CHECK" | "RESIDENT_OPINION";
}

/** Replaces a cell type's checklist with a new version (points must add up to 100). Old versions stay for the applications that used them. */
export async function setChecklist(w: Writer, cellTypeId: number, items: ChecklistItemInput[]): Promise<CellTypeRow> {
  await requireOffice(w.tx, w.principal);
  const [t] = await w.tx.select().from(cellTypes).where(eq(cellTypes.id, cellTypeId)).for("update");
  if (!t) throw new DomainError("NOT_FOUND", "No such cell type", "cellTypeId");
  const cleaned = items.map((i) => ({ ...i, code: cleanLine(i.code).toUpperCase(), titleZh: cleanLine(i.titleZh), titleEn: cleanLine(i.titleEn), evidenceZh: cleanText(i.evidenceZh), evidenceEn: cleanText(i.evidenceEn) }));
  const problem = checklistProblem(cleaned);
  if (problem) throw new DomainError("INVALID_CHECKLIST", problem, "items");
  const empty = cleaned.findIndex((i) => !i.code || !i.titleZh || !i.evidenceZh);
  if (empty >= 0) throw new DomainError("REQUIRED", "Each item needs a code, a title and the evidence required", `items[${empty}]`);
  const version = t.checklistVersion + 1;
  await w.tx.insert(checklistItems).values(cleaned.map((i, k) => ({ ...i, cellTypeId, version, seq: k + 1 })));
  const [updated] = await w.tx.update(cellTypes).set({ checklistVersion: version, updatedAt: new Date() }).where(eq(cellTypes.id, cellTypeId)).returning();
  await w.audit({ entity: "CellType", entityId: cellTypeId, action: "setChecklist", changes: { version, items: cleaned } });
  return updated!;
}

/** Sets a cell type's pass mark and validity (applications already under review keep theirs). */
export async function configureCellType(w: Writer, cellTypeId: number, patch: { passMark?: string | null; validityYears?: number | null }): Promise<CellTypeRow> {
  await requireOffice(w.tx, w.principal);
  const [t] = await w.tx.select().from(cellTypes).where(eq(cellTypes.id, cellTypeId)).for("update");
  if (!t) throw new DomainError("NOT_FOUND", "No such cell type", "input.cellTypeId");
  const set: Partial<CellTypeRow> = { updatedAt: new Date() };
  if (patch.passMark != null) {
    const problem = scoreProblem(0, 100, patch.passMark);
    if (problem || Number(patch.passMark) <= 0) throw new DomainError("INVALID_PASS_MARK", "The pass mark is a number above 0 and at most 100, with at most one decimal", "input.passMark");
    set.passMark = patch.passMark;
  }
  if (patch.validityYears != null) {
    if (!Number.isInteger(patch.validityYears) || patch.validityYears < 1 || patch.validityYears > 10) throw new DomainError("OUT_OF_RANGE", "Validity is 1–10 years", "input.validityYears");
    set.validityYears = patch.validityYears;
  }
  const [u] = await w.tx.update(cellTypes).set(set).where(eq(cellTypes.id, cellTypeId)).returning();
  await w.audit({ entity: "CellType", entityId: cellTypeId, action: "configure", changes: { before: { passMark: t.passMark, validityYears: t.validityYears }, after: patch } });
  return u!;
}

/** Sets the number of certified cells a district should reach by the end of a year. */
export async function setCellTarget(w: Writer, t: { year: number; districtId: number; cellTypeId: number | null; target: number }): Promise<void> {
  await requireOffice(w.tx, w.principal);
  if (!Number.isInteger(t.target) || t.target < 0 || t.target > 100000) throw new DomainError("OUT_OF_RANGE", "A target is a whole number 0–100000", "input.target");
  if (t.year < 2020 || t.year > 2035) throw new DomainError("OUT_OF_RANGE", "Year must be 2020–2035", "input.year");
  await w.tx.execute(sql`insert into cells.cell_targets (year, district_id, cell_type_id, target) values (${t.year}, ${t.districtId}, ${t.cellTypeId}, ${t.target})
    on conflict (year, district_id, coalesce(cell_type_id, 0)) do update set target = excluded.target, updated_at = now()`);
  await w.audit({ entity: "CellTarget", entityId: `${t.year}:${t.districtId}:${t.cellTypeId ?? "all"}`, action: "set", changes: t });
}

export { cellTargets };

// ——— applications ———

/** Opens an application (first assessment or re-assessment) for a unit, with one assessment row per checklist item. */
export async function startApplication(w: Writer, unitId: number): Promise<ApplicationRow> {
  const acting = await actingAs(w.tx, w.principal);
  if (!acting) throw new DomainError("NOT_ALLOWED", "You cannot apply for this unit", null);
  const u = await unitById(w.tx, unitId, true);
  if (!u) throw new DomainError("NOT_FOUND", "No such unit", "input.unitId");
  requireInScope(w.principal, unitScope(u));
  requireDistrictWritable(w.principal, u.districtId);
  const apps = await w.tx.select().from(applications).where(eq(applications.unitId, unitId)).orderBy(asc(applications.id));
  if (apps.some((a) => a.status === "DRAFT" || a.status === "SUBMITTED" || a.status === "UNDER_REVIEW")) {
    throw new DomainError("APPLICATION_OPEN", "This unit already has an application in progress", "input.unitId");
  }
  const current = apps.find((a) => a.status === "CERTIFIED") ?? null;
  const now = new Date();
  if (!reassessmentAllowed(current, now)) {
    throw new DomainError("CERTIFICATE_STILL_VALID", `The certificate ${current!.certificateNo} is valid until ${shanghaiDay(current!.validUntil!)}; re-assessment opens 90 days before expiry`, "input.unitId");
  }
  const previous = current ?? [...apps].reverse().find((a) => a.status === "EXPIRED" || a.status === "REVOKED" || a.status === "SUPERSEDED") ?? null;
  const type = (await cellTypeById(w.tx, u.cellTypeId))!;
  const items = await checklistOf(w.tx, type.id, type.checklistVersion);
  if (items.length === 0) throw new DomainError("NO_CHECKLIST", "This cell type has no checklist yet", null);
  const year = Number(shanghaiDay(now).slice(0, 4));
  const number = `SQ${year}-${String(await nextSequence(w.tx, "application", year)).padStart(5, "0")}`;
  const [a] = await w.tx
    .insert(applications)
    .values({
      number,
      unitId,
      cellTypeId: type.id,
      districtId: u.districtId,
      kind: previous ? "REASSESSMENT" : "NEW",
      previousApplicationId: previous?.id ?? null,
      checklistVersion: type.checklistVersion,
      passMark: type.passMark,
      createdBy: w.principal.userId ?? null,
    })
    .returning();
  await w.tx.insert(assessmentItems).values(items.map((i) => ({ applicationId: a!.id, itemId: i.id, seq: i.seq, maxPoints: i.points })));
  await moveStock(w.tx, "application.status", a!.districtId, null, `${type.code}:DRAFT`);
  await refreshUnitStatus(w.tx, unitId);
  await w.audit({ entity: "CellApplication", entityId: a!.id, action: "start", changes: { unitId, number, kind: a!.kind } });
  return a!;
}

export interface SelfAssessmentItem {
  itemId: number;
  selfScore?: string | null;
  evidence?: string | null;
}

/** The unit's summary, evidence and self-scores (only while the application is a draft). */
export async function saveSelfAssessment(w: Writer, app: ApplicationRow, summary: string | null | undefined, items: SelfAssessmentItem[]): Promise<ApplicationRow> {
  const acting = await actingAs(w.tx, w.principal);
  if (!acting) throw new DomainError("NOT_ALLOWED", "You cannot edit this application", null);
  requireInScope(w.principal, applicationScope(app));
  requireDistrictWritable(w.principal, app.districtId);
  const locked = (await applicationById(w.tx, app.id, true))!;
  if (locked.status !== "DRAFT") throw new DomainError("NOT_EDITABLE", `Only a draft can be edited; this application is ${locked.status}`, null);
  const rows = await w.tx.select().from(assessmentItems).where(eq(assessmentItems.applicationId, app.id));
  const byItem = new Map(rows.map((r) => [r.itemId, r]));
  const problems: { code: string; message: string; field: string }[] = [];
  items.forEach((it, i) => {
    const r = byItem.get(it.itemId);
    if (!r) return problems.push({ code: "NOT_IN_CHECKLIST", message: "This item is not on the application's checklist", field: `input.items[${i}].itemId` });
    if (it.selfScore != null) {
      const p = scoreProblem(it.itemId, r.maxPoints, it.selfScore);
      if (p) problems.push({ code: p.code, message: p.message, field: `input.items[${i}].selfScore` });
    }
    if (it.evidence != null && [...it.evidence].length > 4000) problems.push({ code: "TOO_LONG", message: "Evidence is at most 4000 characters", field: `input.items[${i}].evidence` });
    return undefined;
  });
  if (problems.length) throw DomainError.many(problems);
  for (const it of items) {
    const set: Partial<AssessmentItemRow> = {};
    if (it.selfScore !== undefined) set.selfScore = it.selfScore;
    if (it.evidence !== undefined) set.unitEvidence = cleanText(it.evidence);
    if (Object.keys(set).length) await w.tx.update(assessmentItems).set(set).where(and(eq(assessmentItems.applicationId, app.id), eq(assessmentItems.itemId, it.itemId)));
  }
  const set: Partial<ApplicationRow> = { updatedAt: new Date() };
  if (summary != null) {
    const s = cleanText(summary);
    if ([...s].length > 8000) throw new DomainError("TOO_LONG", "The summary is at most 8000 characters", "input.summary");
    set.summary = s;
  }
  const [updated] = await w.tx.update(applications).set(set).where(eq(applications.id, app.id)).returning();
  await w.audit({ entity: "CellApplication", entityId: app.id, action: "selfAssess", changes: { summary: summary != null, items: items.length } });
  return updated!;
}

export interface ReviewScore {
  itemId: number;
  score: string | null;
  evidence?: string | null;
  comment?: string | null;
}

/** Reviewers score items with evidence and comments (only under review). A score may not exceed the item's points. */
export async function scoreApplication(w: Writer, app: ApplicationRow, scores: ReviewScore[]): Promise<ApplicationRow> {
  await requireOffice(w.tx, w.principal);
  requireInScope(w.principal, applicationScope(app));
  requireDistrictWritable(w.principal, app.districtId);
  const locked = (await applicationById(w.tx, app.id, true))!;
  if (locked.status !== "UNDER_REVIEW") throw new DomainError("NOT_UNDER_REVIEW", `Scores are given during review; this application is ${locked.status}`, null);
  const rows = await w.tx.select().from(assessmentItems).where(eq(assessmentItems.applicationId, app.id));
  const byItem = new Map(rows.map((r) => [r.itemId, r]));
  const problems: { code: string; message: string; field: string }[] = [];
  scores.forEach((s, i) => {
    const r = byItem.get(s.itemId);
    if (!r) return problems.push({ code: "NOT_IN_CHECKLIST", message: "This item is not on the application's checklist", field: `input.scores[${i}].itemId` });
    if (s.score != null) {
      const p = scoreProblem(s.itemId, r.maxPoints, s.score);
      if (p) problems.push({ code: p.code, message: p.message, field: `input.scores[${i}].score` });
    }
    if ((s.comment?.length ?? 0) > 2000) problems.push({ code: "TOO_LONG", message: "A comment is at most 2000 characters", field: `input.scores[${i}].comment` });
    if ((s.evidence?.length ?? 0) > 4000) problems.push({ code: "TOO_LONG", message: "Evidence is at most 4000 characters", field: `input.scores[${i}].evidence` });
    return undefined;
  });
  if (problems.length) throw DomainError.many(problems);
  const now = new Date();
  for (const s of scores) {
    const set: Partial<AssessmentItemRow> = { scoredBy: w.principal.userId ?? null, scoredAt: now };
    if (s.score !== undefined) set.score = s.score;
    if (s.evidence != null) set.reviewEvidence = cleanText(s.evidence);
    if (s.comment != null) set.comment = cleanText(s.comment);
    await w.tx.update(assessmentItems).set(set).where(and(eq(assessmentItems.applicationId, app.id), eq(assessmentItems.itemId, s.itemId)));
  }
  const after = await w.tx.select().from(assessmentItems).where(eq(assessmentItems.applicationId, app.id));
  const result = assess(after.map((r) => ({ itemId: r.itemId, maxPoints: r.maxPoints, score: r.score })), locked.passMark);
  const [updated] = await w.tx.update(applications).set({ totalScore: result.scored ? result.total : null, updatedAt: now }).where(eq(applications.id, app.id)).returning();
  await w.audit({ entity: "CellApplication", entityId: app.id, action: "score", changes: { scores, total: result.total } });
  return updated!;
}

export interface TransitionOptions {
  comment?: string | null;
  /** certify: CITY (default) or PROVINCIAL. */
  level?: "CITY" | "PROVINCIAL" | null;
  /** For seeding history and tests: when the move happened (default now). */
  at?: Date;
}

function actorOf(acting: Awaited<ReturnType<typeof actingAs>>): Actor | null {
  if (acting === "SYSTEM") return "SYSTEM";
  if (acting === "OFFICE") return "OFFICE";
  if (acting === "UNIT" || acting === "DEPARTMENT") return "UNIT";
  return null;
}

/** Moves an application along the transition table, with every consequence in this transaction. */
export async function transitionApplication(w: Writer, appId: number, action: ApplicationAction, opts: TransitionOptions = {}): Promise<ApplicationRow> {
  const app = await applicationById(w.tx, appId, true);
  if (!app) throw new DomainError("NOT_FOUND", "No such application", "id");
  const acting = await actingAs(w.tx, w.principal);
  const actor = actorOf(acting);
  if (!actor) throw new DomainError("NOT_ALLOWED", "You cannot act on this application", null);
  requireInScope(w.principal, applicationScope(app));
  if (actor !== "SYSTEM") requireDistrictWritable(w.principal, app.districtId);
  // An office reviewer applying for nobody: the office acts as a unit's helper only for submit/withdraw.
  const check = checkTransition(app.status, action, actor, opts.comment);
  if (!check.ok) throw new DomainError(check.code, check.message, check.code === "COMMENT_REQUIRED" ? "comment" : "action");
  const at = opts.at ?? new Date();
  const type = (await cellTypeById(w.tx, app.cellTypeId))!;
  const items = await w.tx.select().from(assessmentItems).where(eq(assessmentItems.applicationId, app.id)).orderBy(asc(assessmentItems.seq));
  const set: Partial<ApplicationRow> = { status: check.to, updatedAt: new Date() };
  const comment = opts.comment ? cleanText(opts.comment) : null;
  if (comment && [...comment].length > 2000) throw new DomainError("TOO_LONG", "A comment is at most 2000 characters", "comment");

  switch (action) {
    case "submit": {
      const missing = items.filter((i) => !i.unitEvidence.trim());
      if (missing.length) {
        const codes = await w.tx.select({ code: checklistItems.code }).from(checklistItems).where(inArray(checklistItems.id, missing.map((m) => m.itemId)));
        throw new DomainError("EVIDENCE_MISSING", `Evidence is required for every item; missing for ${codes.map((c) => c.code).join(", ")}`, "action");
      }
      set.submittedAt = at;
      break;
    }
    case "startReview":
      set.reviewStartedAt = at;
      set.reviewerId = w.principal.userId ?? null;
      set.passMark = type.passMark; // the mark in force when review starts
      break;
    case "returnForChanges":
      set.decisionComment = comment;
      break;
    case "certify": {
      const result = assess(items.map((r) => ({ itemId: r.itemId, maxPoints: r.maxPoints, score: r.score })), app.passMark);
      if (!result.complete) throw new DomainError("SCORING_INCOMPLETE", `Score every item first (${result.scored} of ${result.items} scored)`, "action");
      if (!result.passed) throw new DomainError("BELOW_PASS_MARK", `The total ${result.total} is below the pass mark ${app.passMark}; reject the application instead`, "action");
      // A re-assessment replaces the unit's current certificate.
      const [current] = await w.tx.select().from(applications).where(and(eq(applications.unitId, app.unitId), eq(applications.status, "CERTIFIED"))).for("update");
      if (current) await applyTransition(w, current, "supersede", { at, comment: `Renewed by ${app.number}` });
      const year = Number(shanghaiDay(at).slice(0, 4));
      const seq = await nextCertificateSeq(w.tx, year, type.id);
      set.totalScore = result.total;
      set.decidedAt = at;
      set.decisionComment = comment;
      set.certificateNo = certificateNumber(year, type.code, seq);
      set.certifiedAt = at;
      set.validUntil = validUntil(at, type.validityYears);
      set.level = opts.level ?? "CITY";
      break;
    }
    case "reject": {
      const result = assess(items.map((r) => ({ itemId: r.itemId, maxPoints: r.maxPoints, score: r.score })), app.passMark);
      set.totalScore = result.scored ? result.total : null;
      set.decidedAt = at;
      set.decisionComment = comment;
      break;
    }
    case "expire":
      set.expiredAt = at;
      break;
    case "revoke":
      set.revokedAt = at;
      set.revokeReason = comment;
      break;
    case "withdraw":
    case "supersede":
      set.decisionComment = comment ?? app.decisionComment;
      break;
  }
  return applyTransition(w, app, action, { at, comment }, set);
}

async function nextCertificateSeq(tx: Tx, year: number, cellTypeId: number): Promise<number> {
  const r = await tx.execute(sql`insert into cells.certificate_counters (year, cell_type_id, last) values (${year}, ${cellTypeId}, 1)
    on conflict (year, cell_type_id) do update set last = cells.certificate_counters.last + 1 returning last`);
  const rows = (Array.isArray(r) ? r : (r as unknown as { rows: { last: number }[] }).rows) as { last: number }[];
  return Number(rows[0]!.last);
}

/** Writes a status change with its consequences: counters, unit status, audit, event, alerts. */
async function applyTransition(w: Writer, app: ApplicationRow, action: ApplicationAction, o: { at: Date; comment?: string | null }, extra: Partial<ApplicationRow> = {}): Promise<ApplicationRow> {
  const to = APPLICATION_TRANSITIONS[action].to;
  const set: Partial<ApplicationRow> = { status: to, updatedAt: new Date(), ...extra };
  if (action === "supersede") set.decisionComment = o.comment ?? null;
  const [updated] = await w.tx
    .update(applications)
    .set(set)
    .where(and(eq(applications.id, app.id), eq(applications.status, app.status)))
    .returning();
  if (!updated) throw new DomainError("STALE", "The application changed meanwhile; reload and try again");
  const type = (await cellTypeById(w.tx, app.cellTypeId))!;
  await moveStock(w.tx, "application.status", app.districtId, `${type.code}:${app.status}`, `${type.code}:${to}`);
  const day = shanghaiDay(o.at);
  if (to === "CERTIFIED") await bumpDaily(w.tx, "cells.certified", day, app.districtId, type.code);
  if (to === "SUBMITTED") await bumpDaily(w.tx, "cells.submitted", day, app.districtId, type.code);
  if (to === "REVOKED") await bumpDaily(w.tx, "cells.revoked", day, app.districtId, type.code);
  await refreshUnitStatus(w.tx, app.unitId);
  await w.audit({ entity: "CellApplication", entityId: app.id, action, changes: { status: [app.status, to], comment: o.comment ?? undefined, certificateNo: updated.certificateNo ?? undefined } });
  const unit = (await unitById(w.tx, app.unitId))!;
  const org = { kind: UNIT_ORG_KIND, id: app.unitId };
  await w.emit({
    type: to === "CERTIFIED" ? "cell.certified" : to === "REVOKED" ? "cell.revoked" : to === "EXPIRED" ? "cell.expired" : "cell.application_state_changed",
    stream: STREAM,
    entity: "CellApplication",
    entityId: app.id,
    districtId: app.districtId,
    org,
    payload: { applicationId: app.id, number: app.number, unit: unit.name, cellType: type.code, from: app.status, to, certificateNo: updated.certificateNo, validUntil: updated.validUntil },
  });
  if (to === "CERTIFIED") {
    await resolveAlertByKey(w, expiringKey(app.unitId), `Re-assessed and certified (${updated.certificateNo})`);
    await resolveAlertByKey(w, expiredKey(app.unitId), `Re-assessed and certified (${updated.certificateNo})`);
  }
  if (to === "EXPIRED") {
    await resolveAlertByKey(w, expiringKey(app.unitId), "Certificate expired");
    await raiseAlert(w, {
      stream: STREAM,
      rule: "cells.certificate_expired",
      severity: "MEDIUM",
      title: `无废细胞证书已到期，需重新评定：${unit.name} / Zero-waste cell certificate expired; re-assessment needed`,
      detail: { certificateNo: app.certificateNo, validUntil: app.validUntil, cellType: type.code },
      subjectType: "CellUnit",
      subjectId: unit.id,
      subjectLabel: unit.name,
      districtId: unit.districtId,
      org,
      lon: unit.lon != null ? Number(unit.lon) : null,
      lat: unit.lat != null ? Number(unit.lat) : null,
      dedupKey: expiredKey(app.unitId),
      at: o.at,
    });
  }
  return updated;
}

export const expiringKey = (unitId: number) => `cells.certificate_expiring:${unitId}`;
export const expiredKey = (unitId: number) => `cells.certificate_expired:${unitId}`;

/**
 * Scheduled: certificates past their validity become EXPIRED (and raise a re-assessment alert);
 * certificates inside the reminder window raise a reminder. Returns what it did.
 */
export async function runCertificateExpiry(
  write: <T>(fn: (w: Writer) => Promise<T>) => Promise<T>,
  tx: Tx,
  now = new Date(),
): Promise<{ expired: number; reminded: number }> {
  let expired = 0;
  let reminded = 0;
  for (;;) {
    const due = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.status, "CERTIFIED"), lte(applications.validUntil, now)))
      .limit(200);
    if (due.length === 0) break;
    for (const d of due) {
      await write(async (w) => {
        const a = await applicationById(w.tx, d.id, true);
        if (!a || a.status !== "CERTIFIED" || !a.validUntil || a.validUntil > now) return;
        await applyTransition(w, a, "expire", { at: now, comment: null }, { expiredAt: now });
        expired++;
      });
    }
    if (due.length < 200) break;
  }
  const soon = new Date(now.getTime() + 90 * 86_400_000);
  const expiring = await tx
    .select({ a: applications, u: units })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(and(eq(applications.status, "CERTIFIED"), lte(applications.validUntil, soon)));
  if (expiring.length) {
    await write(async (w) => {
      for (const { a, u } of expiring) {
        if (certificateState(a.validUntil!, now) !== "EXPIRING") continue;
        const { created } = await raiseAlert(w, {
          stream: STREAM,
          rule: "cells.certificate_expiring",
          severity: "LOW",
          title: `无废细胞证书将于 ${shanghaiDay(a.validUntil!)} 到期，请启动复评：${u.name} / Certificate expires soon; start the re-assessment`,
          detail: { certificateNo: a.certificateNo, validUntil: a.validUntil },
          subjectType: "CellUnit",
          subjectId: u.id,
          subjectLabel: u.name,
          districtId: u.districtId,
          org: { kind: UNIT_ORG_KIND, id: u.id },
          dedupKey: expiringKey(u.id),
          at: now,
        });
        if (created) reminded++;
      }
    });
  }
  return { expired, reminded };
}

export type { ApplicationStatus };
