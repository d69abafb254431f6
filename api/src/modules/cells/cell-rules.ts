/**
 * Rules of zero-waste cell assessment (无废细胞评定), as plain functions:
 *  - the application state machine (an explicit transition table);
 *  - scoring against the checklist (a score may not exceed its item's points; all items must be
 *    scored before a decision; pass when the total reaches the pass mark, 85 of 100 by default);
 *  - certificate numbers and validity (3 years by default), expiry and the reminder window;
 *  - the checklist itself must add up to exactly 100 points.
 */
import type { ApplicationStatus } from "./tables.js";

export type ApplicationAction = "submit" | "withdraw" | "startReview" | "returnForChanges" | "certify" | "reject" | "expire" | "revoke" | "supersede";

export type Actor = "UNIT" | "OFFICE" | "SYSTEM";

export interface Transition {
  from: ApplicationStatus[];
  to: ApplicationStatus;
  /** Who may take it: the applying unit (or staff on its behalf), the office's reviewers, the scheduler. */
  by: Actor[];
  /** A comment or reason is required. */
  needsComment?: boolean;
}

/**
 * The application workflow — the only transitions there are:
 *   DRAFT --submit--> SUBMITTED --startReview--> UNDER_REVIEW --certify--> CERTIFIED --expire--> EXPIRED
 *                                                               \--reject--> REJECTED
 *   UNDER_REVIEW --returnForChanges--> DRAFT;  DRAFT|SUBMITTED --withdraw--> WITHDRAWN
 *   CERTIFIED --revoke--> REVOKED;  CERTIFIED --supersede--> SUPERSEDED (a re-assessment was certified)
 */
export const APPLICATION_TRANSITIONS: Record<ApplicationAction, Transition> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", by: ["UNIT", "OFFICE"] },
  withdraw: { from: ["DRAFT", "SUBMITTED"], to: "WITHDRAWN", by: ["UNIT", "OFFICE"] },
  startReview: { from: ["SUBMITTED"], to: "UNDER_REVIEW", by: ["OFFICE"] },
  returnForChanges: { from: ["UNDER_REVIEW"], to: "DRAFT", by: ["OFFICE"], needsComment: true },
  certify: { from: ["UNDER_REVIEW"], to: "CERTIFIED", by: ["OFFICE"] },
  reject: { from: ["UNDER_REVIEW"], to: "REJECTED", by: ["OFFICE"], needsComment: true },
  expire: { from: ["CERTIFIED"], to: "EXPIRED", by: ["SYSTEM"] },
  revoke: { from: ["CERTIFIED"], to: "REVOKED", by: ["OFFICE"], needsComment: true },
  supersede: { from: ["CERTIFIED"], to: "SUPERSEDED", by: ["SYSTEM"] },
};

/** Statuses in which an application is still being worked (one per unit at a time). */
export const OPEN_STATUSES: ApplicationStatus[] = ["DRAFT", "SUBMITTED", "UNDER_REVIEW"];

export type TransitionCheck = { ok: true; to: ApplicationStatus } | { ok: false; code: string; message: string };

/** Whether `actor` may take `action` on an application in `status`. */
export function checkTransition(status: ApplicationStatus, action: ApplicationAction, actor: Actor, comment?: string | null): TransitionCheck {
  const t = APPLICATION_TRANSITIONS[action];
  if (!t) return { ok: false, code: "UNKNOWN_ACTION", message: `Unknown action ${action}` };
  if (!t.from.includes(status)) return { ok: false, code: "ILLEGAL_TRANSITION", message: `Cannot ${action} an application that is ${status}` };
  if (!t.by.includes(actor) && !(actor === "SYSTEM")) return { ok: false, code: "NOT_ALLOWED", message: `Only ${t.by.join(" or ")} may ${action} an application` };
  if (t.needsComment && !comment?.trim()) return { ok: false, code: "COMMENT_REQUIRED", message: `A reason is required to ${action}` };
  return { ok: true, to: t.to };
}

// ——— scoring ———

/** Decimal strings with one decimal place (scores such as 7.5) handled as tenths, exactly. */
export function toTenths(v: string | number): number {
  const s = typeof v === "number" ? v.toFixed(1) : v.trim();
  if (!/^\d{1,3}(\.\d)?0*$/.test(s)) throw new RangeError(`not a score with at most one decimal: ${s}`);
  const [i, f = "0"] = s.split(".");
  return Number(i) * 10 + Number(f[0] ?? "0");
}

export function fromTenths(t: number): string {
  return `${Math.trunc(t / 10)}.${t % 10}`;
}

export interface ItemScore {
  itemId: number;
  maxPoints: number;
  /** Decimal string (one decimal) or null when not yet scored. */
  score: string | null;
}

export type ScoreProblem = { itemId: number; code: "SCORE_ABOVE_POINTS" | "SCORE_NEGATIVE" | "SCORE_FORMAT"; message: string };

/** Checks one proposed score against its item. */
export function scoreProblem(itemId: number, maxPoints: number, score: string): ScoreProblem | null {
  if (/^-/.test(score.trim())) return { itemId, code: "SCORE_NEGATIVE", message: "A score cannot be negative" };
  let t: number;
  try {
    t = toTenths(score);
  } catch {
    return { itemId, code: "SCORE_FORMAT", message: "A score is a number with at most one decimal, e.g. 7.5" };
  }
  if (t > maxPoints * 10) return { itemId, code: "SCORE_ABOVE_POINTS", message: `The score ${score} exceeds the item's ${maxPoints} points` };
  return null;
}

export interface Assessment {
  /** Total of the scores given so far (decimal string). */
  total: string;
  scored: number;
  items: number;
  complete: boolean;
  /** Only when complete: total ≥ pass mark. */
  passed: boolean | null;
}

/** Totals an application's scores against the pass mark. */
export function assess(items: ItemScore[], passMark: string): Assessment {
  let total = 0;
  let scored = 0;
  for (const it of items) {
    if (it.score == null) continue;
    total += toTenths(it.score);
    scored++;
  }
  const complete = items.length > 0 && scored === items.length;
  return { total: fromTenths(total), scored, items: items.length, complete, passed: complete ? total >= toTenths(passMark) : null };
}

/** A checklist is valid when its points add up to exactly 100 and codes are unique. */
export function checklistProblem(items: { code: string; points: number }[]): string | null {
  if (items.length === 0) return "A checklist needs at least one item";
  const codes = new Set(items.map((i) => i.code));
  if (codes.size !== items.length) return "Item codes must be unique";
  if (items.some((i) => !Number.isInteger(i.points) || i.points <= 0)) return "Each item's points must be a positive whole number";
  const sum = items.reduce((a, i) => a + i.points, 0);
  if (sum !== 100) return `The items' points add up to ${sum}; they must add up to 100`;
  return null;
}

// ——— certificates ———

/** Certificate (plaque) number: ZWC-<year>-<type code>-<sequence>, e.g. ZWC-2021-HOSPITAL-0007. */
export function certificateNumber(year: number, typeCode: string, seq: number): string {
  return `ZWC-${year}-${typeCode}-${String(seq).padStart(4, "0")}`;
}

/** End of validity: the same calendar day `years` later (Feb 29 → Feb 28). */
export function validUntil(certifiedAt: Date, years: number): Date {
  const d = new Date(certifiedAt.getTime());
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d;
}

/** Days before expiry when the unit and the office are reminded to start a re-assessment. */
export const REASSESSMENT_REMINDER_DAYS = 90;

export type CertificateState = "VALID" | "EXPIRING" | "EXPIRED";

export function certificateState(validUntilAt: Date, now: Date, reminderDays = REASSESSMENT_REMINDER_DAYS): CertificateState {
  if (validUntilAt.getTime() <= now.getTime()) return "EXPIRED";
  if (validUntilAt.getTime() - now.getTime() <= reminderDays * 86_400_000) return "EXPIRING";
  return "VALID";
}

/**
 * A re-assessment may be opened when the unit's certificate is expiring (inside the reminder window),
 * expired, or revoked; a first assessment when the unit has never been certified or its last
 * application ended without a certificate.
 */
export function reassessmentAllowed(current: { status: ApplicationStatus; validUntil: Date | null } | null, now: Date): boolean {
  if (!current) return true;
  if (current.status === "CERTIFIED") return !!current.validUntil && certificateState(current.validUntil, now) !== "VALID";
  return true;
}
