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
import { companies, siteCarriers, sites, vehicles } from "./tables.js";

export const CAMPAIGNS = ["春雷", "利剑"] as const;

export interface SpoilCaseInput {
  source: CaseSource;
  campaign?: string | null;
  subjectType: "TransportCompany" | "Vehicle" | "ExcavationSite";
  subjectId: number;
  violationType: string;
  description?: string;
  fineYuan?: string;
  alertId?: number | null;
  openedAt?: Date;
}

export async function openSpoilCase(w: Writer, i: SpoilCaseInput): Promise<CaseRow> {
  if (!isKnownViolation(i.violationType)) throw new DomainError("INVALID_VALUE", `Violation type must be one of ${CREDIT_RULES.violations.map((v) => v.code).join(", ")}`, "input.violationType");
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
    violationType: i.violationType,
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
