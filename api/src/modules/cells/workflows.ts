/**
 * The other workflows of the stream as explicit transition tables: task lists (任务清单, closed —
 * 销号 — by the office), academy publishing (无废学院) and consultation questions (咨询).
 * `nextStatus` is the one place that decides whether a move is legal.
 */
import type { AcademyStatus, QuestionStatus, TaskStatus } from "./tables.js";

/** Who acts: the office (市无废办), a department's staff (member units and lead departments), the public. */
export type Role = "OFFICE" | "DEPARTMENT" | "SYSTEM";

export interface Step<S extends string> {
  from: S[];
  to: S;
  by: Role[];
  /** Text the move needs: a reason/comment, evidence, or an answer. */
  needs?: "comment" | "evidence" | "answer";
}

export type StepCheck<S extends string> = { ok: true; to: S } | { ok: false; code: string; message: string; field?: string };

export function nextStatus<S extends string, A extends string>(
  table: Record<A, Step<S>>,
  what: string,
  status: S,
  action: A,
  role: Role,
  text?: string | null,
): StepCheck<S> {
  const t = table[action];
  if (!t) return { ok: false, code: "UNKNOWN_ACTION", message: `Unknown action ${action}`, field: "action" };
  if (!t.from.includes(status)) return { ok: false, code: "ILLEGAL_TRANSITION", message: `Cannot ${action} a ${what} that is ${status}`, field: "action" };
  if (role !== "SYSTEM" && !t.by.includes(role)) return { ok: false, code: "NOT_ALLOWED", message: `Only ${t.by.map((r) => r.toLowerCase()).join(" or ")} staff may ${action} a ${what}`, field: "action" };
  if (t.needs && !text?.trim()) {
    const field = t.needs === "comment" ? "comment" : t.needs;
    return { ok: false, code: `${t.needs.toUpperCase()}_REQUIRED`, message: `To ${action} a ${what}, give the ${t.needs}`, field };
  }
  return { ok: true, to: t.to };
}

// ——— 任务清单 ———

export type TaskAction = "submit" | "close" | "return" | "cancel" | "reopen";

/**
 * OPEN --submit(evidence)--> SUBMITTED --close (销号)--> CLOSED
 * SUBMITTED --return(reason)--> OPEN;  OPEN|SUBMITTED --cancel(reason)--> CANCELLED;  CLOSED --reopen(reason)--> OPEN
 */
export const TASK_TRANSITIONS: Record<TaskAction, Step<TaskStatus>> = {
  submit: { from: ["OPEN"], to: "SUBMITTED", by: ["DEPARTMENT", "OFFICE"], needs: "evidence" },
  close: { from: ["SUBMITTED"], to: "CLOSED", by: ["OFFICE"] },
  return: { from: ["SUBMITTED"], to: "OPEN", by: ["OFFICE"], needs: "comment" },
  cancel: { from: ["OPEN", "SUBMITTED"], to: "CANCELLED", by: ["OFFICE"], needs: "comment" },
  reopen: { from: ["CLOSED"], to: "OPEN", by: ["OFFICE"], needs: "comment" },
};

/**
 * Overdue rule: a task is overdue on `today` (Asia/Shanghai calendar day, "YYYY-MM-DD") when it is
 * not closed or cancelled and its deadline has passed — unless its evidence was submitted on or
 * before the deadline and it only waits for the office's closing.
 */
export function isOverdue(t: { status: TaskStatus; deadline: string; submittedOn: string | null }, today: string): boolean {
  if (t.status === "CLOSED" || t.status === "CANCELLED") return false;
  if (t.deadline >= today) return false;
  if (t.status === "SUBMITTED" && t.submittedOn != null && t.submittedOn <= t.deadline) return false;
  return true;
}

// ——— 无废学院 ———

export type AcademyAction = "submit" | "publish" | "reject" | "archive" | "restore";

/**
 * DRAFT --submit--> IN_REVIEW --publish--> PUBLISHED --archive--> ARCHIVED --restore--> DRAFT
 * IN_REVIEW --reject(comment)--> DRAFT.  Only drafts can be edited.
 */
export const ACADEMY_TRANSITIONS: Record<AcademyAction, Step<AcademyStatus>> = {
  submit: { from: ["DRAFT"], to: "IN_REVIEW", by: ["DEPARTMENT", "OFFICE"] },
  publish: { from: ["IN_REVIEW"], to: "PUBLISHED", by: ["OFFICE"] },
  reject: { from: ["IN_REVIEW"], to: "DRAFT", by: ["OFFICE"], needs: "comment" },
  archive: { from: ["PUBLISHED"], to: "ARCHIVED", by: ["OFFICE"] },
  restore: { from: ["ARCHIVED"], to: "DRAFT", by: ["OFFICE"] },
};

// ——— 咨询 ———

export type QuestionAction = "answer" | "publish" | "unpublish" | "close" | "reject";

/**
 * NEW --answer--> ANSWERED --publish--> PUBLISHED (in the FAQ) --unpublish--> ANSWERED
 * ANSWERED --answer--> ANSWERED (revise);  NEW|ANSWERED --close(reason)--> CLOSED;  NEW --reject(reason)--> REJECTED (spam, abuse)
 */
export const QUESTION_TRANSITIONS: Record<QuestionAction, Step<QuestionStatus>> = {
  answer: { from: ["NEW", "ANSWERED"], to: "ANSWERED", by: ["DEPARTMENT", "OFFICE"], needs: "answer" },
  publish: { from: ["ANSWERED"], to: "PUBLISHED", by: ["OFFICE"] },
  unpublish: { from: ["PUBLISHED"], to: "ANSWERED", by: ["OFFICE"] },
  close: { from: ["NEW", "ANSWERED"], to: "CLOSED", by: ["DEPARTMENT", "OFFICE"], needs: "comment" },
  reject: { from: ["NEW"], to: "REJECTED", by: ["DEPARTMENT", "OFFICE"], needs: "comment" },
};
