/**
 * Credit evaluation of transport companies (运输企业信用评价考核), after the city's
 * 《绍兴市工程渣土（泥浆）运输企业信用评价考核办法》: a documented rule set as data, plain functions
 * over it, and the service that records every change in the credit ledger with its cause.
 *
 * Rules: every company starts at 100 points; each closed case deducts the points of its violation type;
 * bonuses add points (capped at 100); the grade follows the score; a score below the suspension
 * threshold suspends the company's qualification automatically (audited) — no new permits — and only
 * staff can reinstate it.
 */
import { eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { companies, creditEntries } from "./tables.js";

export type Grade = "A" | "B" | "C" | "D";

export interface ViolationType {
  code: string;
  labelZh: string;
  labelEn: string;
  /** Points deducted when a case of this type closes. */
  deduction: number;
}

export const CREDIT_RULES = {
  startScore: 100,
  maxScore: 100,
  minScore: 0,
  /** Grade bands: the first band whose minimum the score reaches. */
  grades: [
    { grade: "A" as Grade, min: 90, labelZh: "优秀", labelEn: "Excellent" },
    { grade: "B" as Grade, min: 80, labelZh: "良好", labelEn: "Good" },
    { grade: "C" as Grade, min: 60, labelZh: "合格（警示）", labelEn: "Pass (warned)" },
    { grade: "D" as Grade, min: 0, labelZh: "不合格", labelEn: "Fail" },
  ],
  /** A score strictly below this suspends the qualification. */
  suspensionThreshold: 60,
  violations: [
    { code: "ILLEGAL_DUMPING", labelZh: "乱倒乱卸（偷倒）", labelEn: "Illegal dumping", deduction: 20 },
    { code: "NO_PERMIT", labelZh: "无准运证运输", labelEn: "Transport without a permit", deduction: 10 },
    { code: "GPS_TAMPERING", labelZh: "破坏或关闭定位装置", labelEn: "GPS terminal tampered with or off", deduction: 10 },
    { code: "UNREGISTERED_SITE", labelZh: "承运未备案工地", labelEn: "Carrying from an unregistered site", deduction: 8 },
    { code: "OFF_ROUTE", labelZh: "未按规定路线行驶", labelEn: "Off the permitted route", deduction: 5 },
    { code: "SPILLAGE", labelZh: "抛洒滴漏、未密闭运输", labelEn: "Spillage or uncovered load", deduction: 5 },
    { code: "OVERLOAD", labelZh: "超载运输", labelEn: "Overloading", deduction: 5 },
    { code: "MUDDY_WHEELS", labelZh: "带泥上路", labelEn: "Mud tracked onto roads", deduction: 3 },
    { code: "OVERSPEED", labelZh: "超速行驶", labelEn: "Speeding", deduction: 3 },
    { code: "PERMIT_EXPIRED", labelZh: "准运证过期运输", labelEn: "Transport on an expired permit", deduction: 3 },
    { code: "OTHER", labelZh: "其他违规", labelEn: "Other violation", deduction: 2 },
  ] as ViolationType[],
  /** Bonuses staff may award (or the quarterly job for a clean record). */
  bonuses: [
    { code: "CLEAN_QUARTER", labelZh: "季度无违规", labelEn: "A quarter without violations", points: 2 },
    { code: "COMMENDATION", labelZh: "表彰奖励", labelEn: "Commendation", points: 5 },
    { code: "RECTIFIED", labelZh: "整改到位", labelEn: "Rectification completed", points: 3 },
  ],
} as const;

export function gradeOf(score: number): Grade {
  for (const b of CREDIT_RULES.grades) if (score >= b.min) return b.grade;
  return "D";
}

export function violationType(code: string): ViolationType {
  return CREDIT_RULES.violations.find((v) => v.code === code) ?? CREDIT_RULES.violations.find((v) => v.code === "OTHER")!;
}

export function isKnownViolation(code: string): boolean {
  return CREDIT_RULES.violations.some((v) => v.code === code);
}

/** New score after a change, kept within [min, max]. */
export function applyDelta(score: number, delta: number): number {
  return Math.max(CREDIT_RULES.minScore, Math.min(CREDIT_RULES.maxScore, score + delta));
}

/** Does this change cross into suspension? (Only a VALID company is suspended automatically.) */
export function shouldSuspend(scoreAfter: number, status: string): boolean {
  return status === "VALID" && scoreAfter < CREDIT_RULES.suspensionThreshold;
}

export type CompanyRow = typeof companies.$inferSelect;

export interface CreditChange {
  companyId: number;
  cause: "VIOLATION" | "BONUS" | "ADJUSTMENT";
  delta: number;
  violationType?: string | null;
  caseId?: number | null;
  note?: string;
  at?: Date;
}

/**
 * Records one credit change: locks the company, writes the ledger row, updates score and grade, and
 * suspends the qualification when the score falls below the threshold. Idempotent per case: a case
 * already in the ledger changes nothing.
 */
export async function changeCredit(w: Writer, c: CreditChange): Promise<{ company: CompanyRow; suspended: boolean; applied: boolean }> {
  const [co] = await w.tx.select().from(companies).where(eq(companies.id, c.companyId)).for("update");
  if (!co) throw new DomainError("NOT_FOUND", "No such transport company", "companyId");
  if (c.caseId != null) {
    const [seen] = await w.tx.select({ id: creditEntries.id }).from(creditEntries).where(eq(creditEntries.caseId, c.caseId));
    if (seen) return { company: co, suspended: false, applied: false };
  }
  const at = c.at ?? new Date();
  const after = applyDelta(co.creditScore, c.delta);
  const gradeAfter = gradeOf(after);
  await w.tx.insert(creditEntries).values({
    companyId: co.id,
    at,
    cause: c.cause,
    violationType: c.violationType ?? null,
    caseId: c.caseId ?? null,
    delta: after - co.creditScore,
    scoreBefore: co.creditScore,
    scoreAfter: after,
    gradeBefore: co.creditGrade,
    gradeAfter,
    note: c.note ?? "",
    actor: w.principal.label,
  });
  const suspend = shouldSuspend(after, co.qualificationStatus);
  const set: Partial<CompanyRow> = { creditScore: after, creditGrade: gradeAfter, updatedAt: new Date() };
  if (suspend) Object.assign(set, { qualificationStatus: "SUSPENDED", suspendedAt: at, suspensionReason: `信用分 ${after} 低于 ${CREDIT_RULES.suspensionThreshold} 分，自动暂停资质 / Credit score ${after} below ${CREDIT_RULES.suspensionThreshold}: qualification suspended automatically` });
  const [updated] = await w.tx.update(companies).set(set).where(eq(companies.id, co.id)).returning();
  await w.audit({ entity: "TransportCompany", entityId: co.id, action: "credit", changes: { cause: c.cause, delta: after - co.creditScore, score: [co.creditScore, after], grade: [co.creditGrade, gradeAfter], caseId: c.caseId ?? undefined } });
  if (suspend) {
    await w.tx.insert(creditEntries).values({
      companyId: co.id,
      at,
      cause: "SUSPENSION",
      delta: 0,
      scoreBefore: after,
      scoreAfter: after,
      gradeBefore: gradeAfter,
      gradeAfter,
      note: updated!.suspensionReason ?? "",
      actor: "system:credit-rules",
    });
    await w.audit({ entity: "TransportCompany", entityId: co.id, action: "suspendQualification", changes: { automatic: true, score: after, threshold: CREDIT_RULES.suspensionThreshold } });
    await w.emit({ type: "company.suspended", stream: "construction", entity: "TransportCompany", entityId: co.id, districtId: co.districtId, org: { kind: "construction.company", id: co.id }, payload: { companyId: co.id, score: after, automatic: true } });
  }
  return { company: updated!, suspended: suspend, applied: true };
}

/** Staff lift a suspension (never automatic). The score stays; a reason is required. */
export async function reinstateCompany(w: Writer, companyId: number, reason: string): Promise<CompanyRow> {
  if (!reason.trim()) throw new DomainError("REASON_REQUIRED", "Reinstating a company needs a reason", "reason");
  const [co] = await w.tx.select().from(companies).where(eq(companies.id, companyId)).for("update");
  if (!co) throw new DomainError("NOT_FOUND", "No such transport company", "id");
  if (co.qualificationStatus !== "SUSPENDED") throw new DomainError("NOT_SUSPENDED", `The company's qualification is ${co.qualificationStatus}, not suspended`, "id");
  const [updated] = await w.tx.update(companies).set({ qualificationStatus: "VALID", suspendedAt: null, suspensionReason: null, updatedAt: new Date() }).where(eq(companies.id, co.id)).returning();
  await w.tx.insert(creditEntries).values({ companyId: co.id, cause: "REINSTATEMENT", delta: 0, scoreBefore: co.creditScore, scoreAfter: co.creditScore, gradeBefore: co.creditGrade, gradeAfter: co.creditGrade, note: reason.trim(), actor: w.principal.label });
  await w.audit({ entity: "TransportCompany", entityId: co.id, action: "reinstateQualification", changes: { reason: reason.trim() } });
  await w.emit({ type: "company.reinstated", stream: "construction", entity: "TransportCompany", entityId: co.id, districtId: co.districtId, org: { kind: "construction.company", id: co.id }, payload: { companyId: co.id } });
  return updated!;
}

/** Staff suspend a qualification by hand (e.g. a serious incident), with a reason. */
export async function suspendCompany(w: Writer, companyId: number, reason: string): Promise<CompanyRow> {
  if (!reason.trim()) throw new DomainError("REASON_REQUIRED", "Suspending a company needs a reason", "reason");
  const [co] = await w.tx.select().from(companies).where(eq(companies.id, companyId)).for("update");
  if (!co) throw new DomainError("NOT_FOUND", "No such transport company", "id");
  if (co.qualificationStatus !== "VALID") throw new DomainError("NOT_VALID", `The company's qualification is already ${co.qualificationStatus}`, "id");
  const [updated] = await w.tx.update(companies).set({ qualificationStatus: "SUSPENDED", suspendedAt: new Date(), suspensionReason: reason.trim(), updatedAt: new Date() }).where(eq(companies.id, co.id)).returning();
  await w.tx.insert(creditEntries).values({ companyId: co.id, cause: "SUSPENSION", delta: 0, scoreBefore: co.creditScore, scoreAfter: co.creditScore, gradeBefore: co.creditGrade, gradeAfter: co.creditGrade, note: reason.trim(), actor: w.principal.label });
  await w.audit({ entity: "TransportCompany", entityId: co.id, action: "suspendQualification", changes: { automatic: false, reason: reason.trim() } });
  await w.emit({ type: "company.suspended", stream: "construction", entity: "TransportCompany", entityId: co.id, districtId: co.districtId, org: { kind: "construction.company", id: co.id }, payload: { companyId: co.id, automatic: false } });
  return updated!;
}

export const _sql = sql;
