/**
 * Enforcement cases of the spoil stream (渣土处置管理类案件) on core's case model: staff open a case
 * against a company, a vehicle or a site (the company is worked out from the subject), with a
 * violation type from the credit rules; campaigns such as 春雷 and 利剑 are the case's campaign.
 * When such a case closes, the company's credit loses the violation's points (core onCaseClosed).
 */
import { eq } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { alertById } from "../core/alerts.js";
import { onCaseClosed, openCase, type CaseRow, type CaseSource } from "../core/cases.js";
import { changeCredit, isKnownViolation, violationType, CREDIT_RULES } from "./credit.js";
import { ORG_COMPANY } from "./registers.js";
import { companies, manifests, siteCarriers, sites, vehicles } from "./tables.js";

export const CAMPAIGNS = ["春雷", "利剑"] as const;

export type SpoilSubject = "TransportCompany" | "Vehicle" | "ExcavationSite";

/** The violation a case from an alert of each real-time rule is about (staff may choose another). */
export const RULE_VIOLATION: Record<string, string> = {
  OFF_ROUTE: "OFF_ROUTE",
  NO_PERMIT: "NO_PERMIT",
  PERMIT_EXPIRED: "PERMIT_EXPIRED",
  OVERSPEED: "OVERSPEED",
  SUSPECTED_DUMPING: "ILLEGAL_DUMPING",
  MANIFEST_OVERDUE: "OTHER",
};

export interface SpoilCaseInput {
  source: CaseSource;
  campaign?: string | null;
  /** Optional when `alertId` is given: the alert's vehicle (or the vehicle of its trip manifest) is the subject. */
  subjectType?: SpoilSubject | null;
  subjectId?: number | null;
  /** Optional when `alertId` is given: the violation of the alert's rule (RULE_VIOLATION). */
  violationType?: string | null;
  description?: string;
  fineYuan?: string;
  alertId?: number | null;
  openedAt?: Date;
}

/**
 * The subject and violation of a case opened from an alert: a vehicle alert's vehicle, a manifest
 * alert's vehicle; other alerts (a disposal place over capacity) name no transport subject.
 */
export async function subjectFromAlert(w: Writer, alertId: number): Promise<{ subjectType: SpoilSubject | null; subjectId: number | null; violationType: string | null }> {
  const a = await alertById(w.tx, alertId);
  if (!a || a.stream !== "construction") throw new DomainError("NOT_FOUND", "No such alert in this stream", "input.alertId");
  const violation = RULE_VIOLATION[a.rule] ?? null;
  if (a.subjectType === "Vehicle" && a.subjectId != null) return { subjectType: "Vehicle", subjectId: a.subjectId, violationType: violation };
  if (a.subjectType === "TripManifest" && a.subjectId != null) {
    const [m] = await w.tx.select({ vehicleId: manifests.vehicleId }).from(manifests).where(eq(manifests.id, a.subjectId));
    if (m) return { subjectType: "Vehicle", subjectId: m.vehicleId, violationType: violation };
  }
  return { subjectType: null, subjectId: null, violationType: violation };
}

export async function openSpoilCase(w: Writer, input: SpoilCaseInput): Promise<CaseRow> {
  let i = input;
  if (input.alertId && (input.subjectId == null || !input.subjectType || !input.violationType)) {
    const d = await subjectFromAlert(w, input.alertId);
    const useAlertSubject = input.subjectId == null || !input.subjectType;
    i = {
      ...input,
      subjectType: useAlertSubject ? d.subjectType : input.subjectType,
      subjectId: useAlertSubject ? d.subjectId : input.subjectId,
      violationType: input.violationType || d.violationType,
    };
  }
  if (!i.subjectType || i.subjectId == null) throw new DomainError("REQUIRED", "Name the subject (company, vehicle or site); this alert does not name one", "input.subjectId");
  if (!i.violationType) throw new DomainError("REQUIRED", "Give the violation type", "input.violationType");
  const violationCode = i.violationType;
  if (!isKnownViolation(violationCode)) throw new DomainError("INVALID_VALUE", `Violation type must be one of ${CREDIT_RULES.violations.map((v) => v.code).join(", ")}`, "input.violationType");
  if (i.source === "CAMPAIGN" && !i.campaign?.trim()) throw new DomainError("REQUIRED", "A campaign case names its campaign (e.g. 春雷, 利剑)", "input.campaign");
  let label: string;
  let districtId: number;
  let companyId: number | null = null;
  if (i.subjectType === "TransportCompany") {
    const [c] = await w.tx.select().from(companies).where(eq(companies.id, i.subjectId));
    if (!c) throw new DomainError("NOT_FOUND", "No such transport company", "input.subjectId");
    label = c.name;
    districtId = c.districtId;
    companyId = c.id;
  } else if (i.subjectType === "Vehicle") {
    const [v] = await w.tx.select().from(vehicles).where(eq(vehicles.id, i.subjectId));
    if (!v) throw new DomainError("NOT_FOUND", "No such vehicle", "input.subjectId");
    label = v.plate;
    districtId = v.districtId;
    companyId = v.companyId;
  } else {
    const [s] = await w.tx.select().from(sites).where(eq(sites.id, i.subjectId));
    if (!s) throw new DomainError("NOT_FOUND", "No such site", "input.subjectId");
    label = s.name;
    districtId = s.districtId;
    // A site's case counts against its carrier when exactly one serves it.
    const carriers = await w.tx.select().from(siteCarriers).where(eq(siteCarriers.siteId, s.id));
    companyId = carriers.length === 1 ? carriers[0]!.companyId : null;
  }
  if (i.alertId) {
    const a = await alertById(w.tx, i.alertId);
    if (!a || a.stream !== "construction") throw new DomainError("NOT_FOUND", "No such alert in this stream", "input.alertId");
    if (a.caseId) throw new DomainError("ALREADY_A_CASE", "This alert already became a case", "input.alertId");
  }
  return openCase(w, {
    stream: "construction",
    source: i.source,
    campaign: i.campaign?.trim() || null,
    subjectType: i.subjectType,
    subjectId: i.subjectId,
    subjectLabel: label,
    districtId,
    org: companyId ? { kind: ORG_COMPANY, id: companyId } : null,
    violationType: violationCode,
    description: i.description,
    fineYuan: i.fineYuan,
    alertId: i.alertId ?? null,
    openedAt: i.openedAt,
  });
}

/** Credit deduction for a closed case against a company (idempotent per case). */
export async function creditForClosedCase(w: Writer, c: CaseRow): Promise<void> {
  if (c.orgKind !== ORG_COMPANY || c.orgId == null) return;
  const v = violationType(c.violationType);
  await changeCredit(w, { companyId: c.orgId, cause: "VIOLATION", delta: -v.deduction, violationType: v.code, caseId: c.id, note: `${c.number} ${v.labelZh}`, at: c.closedAt ?? new Date() });
}

onCaseClosed("construction", creditForClosedCase);
