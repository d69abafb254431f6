/**
 * 任务清单 services: the office sets tasks for departments (owner, deadline); a department submits
 * evidence; the office closes the task (销号), returns it, or cancels it. A scheduled job marks
 * overdue tasks (workflows.ts isOverdue) and raises one alert per overdue task; closing resolves it.
 * The overdue counter (stock "task.overdue") is kept current by every change of the flag.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { forbidden } from "../../graphql/auth.js";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { requireDistrictWritable, requireInScope } from "../../graphql/scope.js";
import { raiseAlert, resolveAlertByKey } from "../core/alerts.js";
import type { Tx } from "../core/db.js";
import { allDepartments } from "../core/resolvers.js";
import { actingAs, bumpDaily, bumpStock, nextSequence, requireOffice, shanghaiDay, STREAM } from "./common.js";
import { cleanLine, cleanText } from "./sanitize.js";
import { trackingTasks, type TaskStatus } from "./tables.js";
import { isOverdue, nextStatus, TASK_TRANSITIONS, type TaskAction } from "./workflows.js";

export type TaskRow = typeof trackingTasks.$inferSelect;

export async function taskById(tx: Tx, id: number, lock = false): Promise<TaskRow | undefined> {
  const q = tx.select().from(trackingTasks).where(eq(trackingTasks.id, id));
  const [t] = lock ? await q.for("update") : await q;
  return t;
}

const overdueKey = (id: number) => `cells.task_overdue:${id}`;

async function deptCode(tx: Tx, id: number): Promise<string> {
  return (await allDepartments(tx)).find((d) => d.id === id)?.code ?? String(id);
}

/** The stock counters a task contributes to: open tasks and overdue tasks, per district and department. */
async function countTask(tx: Tx, t: Pick<TaskRow, "status" | "overdue" | "districtId" | "departmentId">, sign: 1 | -1): Promise<void> {
  const code = await deptCode(tx, t.departmentId);
  if (t.status === "OPEN" || t.status === "SUBMITTED") await bumpStock(tx, "task.open", t.districtId, code, sign);
  if (t.overdue) await bumpStock(tx, "task.overdue", t.districtId, code, sign);
}

export interface TaskInput {
  title: string;
  description?: string | null;
  departmentId: number;
  districtId?: number | null;
  owner: string;
  year: number;
  deadline: string;
}

function checkDeadline(d: string, field: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
    throw new DomainError("INVALID_DATE", "A deadline is a date YYYY-MM-DD", field);
  }
}

export async function createTask(w: Writer, input: TaskInput, now = new Date()): Promise<TaskRow> {
  await requireOffice(w.tx, w.principal);
  if (input.districtId != null) requireDistrictWritable(w.principal, input.districtId);
  else if (w.principal.districtId != null) throw forbidden("District staff set tasks of their own district");
  const title = cleanLine(input.title);
  if (!title) throw new DomainError("REQUIRED", "A task needs a title", "input.title");
  const owner = cleanLine(input.owner);
  if (!owner) throw new DomainError("REQUIRED", "A task needs an owner (责任人)", "input.owner");
  checkDeadline(input.deadline, "input.deadline");
  if (!(await allDepartments(w.tx)).some((d) => d.id === input.departmentId)) throw new DomainError("NOT_FOUND", "No such department", "input.departmentId");
  const code = `RW${input.year}-${String(await nextSequence(w.tx, "task", input.year)).padStart(4, "0")}`;
  const [t] = await w.tx
    .insert(trackingTasks)
    .values({ code, title, description: cleanText(input.description), departmentId: input.departmentId, districtId: input.districtId ?? null, owner, year: input.year, deadline: input.deadline })
    .returning();
  await countTask(w.tx, t!, 1);
  await w.audit({ entity: "TrackingTask", entityId: t!.id, action: "create", changes: input });
  const updated = await applyOverdue(w, t!, shanghaiDay(now));
  return updated;
}

export async function updateTask(w: Writer, id: number, patch: Partial<Pick<TaskInput, "title" | "description" | "owner" | "deadline">>, now = new Date()): Promise<TaskRow> {
  await requireOffice(w.tx, w.principal);
  const t = await taskById(w.tx, id, true);
  if (!t) throw new DomainError("NOT_FOUND", "No such task", "input.id");
  requireInScope(w.principal, { districtId: t.districtId });
  if (t.status === "CLOSED" || t.status === "CANCELLED") throw new DomainError("NOT_EDITABLE", `A ${t.status.toLowerCase()} task cannot be changed`, "input.id");
  const set: Partial<TaskRow> = { updatedAt: new Date() };
  if (patch.title != null) set.title = cleanLine(patch.title) || t.title;
  if (patch.description != null) set.description = cleanText(patch.description);
  if (patch.owner != null) set.owner = cleanLine(patch.owner) || t.owner;
  if (patch.deadline != null) {
    checkDeadline(patch.deadline, "input.deadline");
    set.deadline = patch.deadline;
  }
  const [u] = await w.tx.update(trackingTasks).set(set).where(eq(trackingTasks.id, id)).returning();
  await w.audit({ entity: "TrackingTask", entityId: id, action: "update", changes: patch });
  return applyOverdue(w, u!, shanghaiDay(now));
}

/** A department may act on its own department's tasks; the office on all (of its district). */
async function taskRole(w: Writer, t: TaskRow) {
  const acting = await actingAs(w.tx, w.principal);
  if (acting === "OFFICE" || acting === "SYSTEM") return acting;
  if (acting === "DEPARTMENT" && w.principal.departmentId === t.departmentId) return "DEPARTMENT" as const;
  throw forbidden("This task belongs to another department");
}

export async function transitionTask(w: Writer, id: number, action: TaskAction, text: string | null | undefined, now = new Date()): Promise<TaskRow> {
  const t = await taskById(w.tx, id, true);
  if (!t) throw new DomainError("NOT_FOUND", "No such task", "id");
  requireInScope(w.principal, { districtId: t.districtId });
  if (t.districtId != null) requireDistrictWritable(w.principal, t.districtId);
  else if (w.principal.districtId != null) throw forbidden("City-level tasks are worked by city staff");
  const role = await taskRole(w, t);
  const check = nextStatus(TASK_TRANSITIONS, "task", t.status, action, role, text);
  if (!check.ok) throw new DomainError(check.code, check.message, check.field ?? null);
  const clean = text ? cleanText(text) : null;
  if (clean && [...clean].length > 4000) throw new DomainError("TOO_LONG", "At most 4000 characters", action === "submit" ? "evidence" : "comment");
  const set: Partial<TaskRow> = { status: check.to, updatedAt: now };
  switch (action) {
    case "submit":
      set.evidence = clean!;
      set.submittedAt = now;
      set.submittedBy = w.principal.userId ?? null;
      set.returnedReason = null;
      break;
    case "close":
      set.closedAt = now;
      set.closedBy = w.principal.userId ?? null;
      set.closingNote = clean;
      break;
    case "return":
      set.returnedReason = clean;
      break;
    case "cancel":
      set.closingNote = clean;
      break;
    case "reopen":
      set.closedAt = null;
      set.closedBy = null;
      set.returnedReason = clean;
      break;
  }
  if (action === "reopen" && t.closedAt) await bumpDaily(w.tx, "task.closed", shanghaiDay(t.closedAt), t.districtId, await deptCode(w.tx, t.departmentId), -1);
  await countTask(w.tx, t, -1);
  const [u] = await w.tx
    .update(trackingTasks)
    .set(set)
    .where(and(eq(trackingTasks.id, id), eq(trackingTasks.status, t.status)))
    .returning();
  if (!u) throw new DomainError("STALE", "The task changed meanwhile; reload and try again");
  await countTask(w.tx, u, 1);
  if (check.to === "CLOSED") await bumpDaily(w.tx, "task.closed", shanghaiDay(now), u.districtId, await deptCode(w.tx, u.departmentId));
  await w.audit({ entity: "TrackingTask", entityId: id, action, changes: { status: [t.status, check.to], text: clean ?? undefined } });
  await w.emit({ type: check.to === "CLOSED" ? "task.closed" : "task.state_changed", stream: STREAM, entity: "TrackingTask", entityId: id, districtId: u.districtId, payload: { code: u.code, from: t.status, to: check.to } });
  return applyOverdue(w, u, shanghaiDay(now));
}

/** Sets or clears the overdue flag by the rule, keeping the counter and the alert in step. */
export async function applyOverdue(w: Writer, t: TaskRow, today: string): Promise<TaskRow> {
  const submittedOn = t.submittedAt ? shanghaiDay(t.submittedAt) : null;
  const due = isOverdue({ status: t.status as TaskStatus, deadline: t.deadline, submittedOn }, today);
  if (due === t.overdue) return t;
  const [u] = await w.tx
    .update(trackingTasks)
    .set({ overdue: due, overdueSince: due ? t.deadline : null, updatedAt: new Date() })
    .where(eq(trackingTasks.id, t.id))
    .returning();
  const code = await deptCode(w.tx, t.departmentId);
  await bumpStock(w.tx, "task.overdue", t.districtId, code, due ? 1 : -1);
  if (due) {
    const dept = (await allDepartments(w.tx)).find((d) => d.id === t.departmentId);
    await raiseAlert(w, {
      stream: STREAM,
      rule: "cells.task_overdue",
      severity: "MEDIUM",
      title: `任务逾期未销号：${t.title}（${dept?.nameZh ?? ""}，截止 ${t.deadline}）/ Task overdue`,
      detail: { code: t.code, deadline: t.deadline, department: dept?.code, owner: t.owner },
      subjectType: "TrackingTask",
      subjectId: t.id,
      subjectLabel: `${t.code} ${t.title}`.slice(0, 200),
      districtId: t.districtId,
      dedupKey: overdueKey(t.id),
    });
  } else {
    await resolveAlertByKey(w, overdueKey(t.id), t.status === "CLOSED" ? "Task closed (销号)" : t.status === "CANCELLED" ? "Task cancelled" : "No longer overdue");
  }
  return u!;
}

/** Scheduled: flags tasks whose deadline passed (and clears flags that no longer apply). */
export async function runTaskOverdue(write: <T>(fn: (w: Writer) => Promise<T>) => Promise<T>, tx: Tx, now = new Date()): Promise<{ flagged: number }> {
  const today = shanghaiDay(now);
  let flagged = 0;
  let after = 0;
  for (;;) {
    const due = await tx
      .select({ id: trackingTasks.id })
      .from(trackingTasks)
      .where(and(inArray(trackingTasks.status, ["OPEN", "SUBMITTED"]), lt(trackingTasks.deadline, today), eq(trackingTasks.overdue, false), sql`${trackingTasks.id} > ${after}`))
      .orderBy(trackingTasks.id)
      .limit(500);
    if (due.length === 0) break;
    after = due[due.length - 1]!.id;
    await write(async (w) => {
      for (const d of due) {
        const t = await taskById(w.tx, d.id, true);
        if (!t) continue;
        const u = await applyOverdue(w, t, today);
        if (u.overdue && !t.overdue) flagged++;
      }
    });
    if (due.length < 500) break;
  }
  return { flagged };
}

export { sql };
