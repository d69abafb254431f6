/**
 * 印染企业集聚搬迁 — decommissioning projects of relocating printing-and-dyeing enterprises. Each goes
 * through four steps; a step starts only when the step it needs is done (explicit prerequisites):
 *   PLAN_FILED   拆除活动污染防治方案备案 (pollution-prevention plan filed)
 *   DEMOLITION   规范拆除 (demolition under rules)       — needs PLAN_FILED done
 *   SOIL_SURVEY  土壤污染状况调查 (soil-pollution survey) — needs DEMOLITION done
 *   TRANSITION   新厂区过渡 (transition to the new plant) — needs SOIL_SURVEY done
 * A step is completed only with at least one document attached to it (the plan, the survey report…).
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { decommissionProjects, decommissionSteps, documents, type DecommissionStep } from "./tables.js";

export type ProjectRow = typeof decommissionProjects.$inferSelect;
export type StepRow = typeof decommissionSteps.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;

export const DECOMMISSION_STEPS: DecommissionStep[] = ["PLAN_FILED", "DEMOLITION", "SOIL_SURVEY", "TRANSITION"];
export const STEP_PREREQUISITES: Record<DecommissionStep, DecommissionStep[]> = {
  PLAN_FILED: [],
  DEMOLITION: ["PLAN_FILED"],
  SOIL_SURVEY: ["DEMOLITION"],
  TRANSITION: ["SOIL_SURVEY"],
};
export const STEP_LABELS: Record<DecommissionStep, [string, string]> = {
  PLAN_FILED: ["拆除活动污染防治方案备案", "Pollution-prevention plan filed"],
  DEMOLITION: ["规范拆除", "Demolition under rules"],
  SOIL_SURVEY: ["土壤污染状况调查", "Soil-pollution survey"],
  TRANSITION: ["新厂区过渡", "Transition to the new plant"],
};

export async function createProject(w: Writer, p: { unitId: number; districtId: number; oldSite: string; newSite: string }): Promise<ProjectRow> {
  if (!p.oldSite.trim() || !p.newSite.trim()) throw new DomainError("REQUIRED", "Give the old and the new site", "input.oldSite");
  const [dup] = await w.tx.select({ id: decommissionProjects.id }).from(decommissionProjects).where(eq(decommissionProjects.unitId, p.unitId));
  if (dup) throw new DomainError("DUPLICATE", "This enterprise already has a decommissioning project", "input.unitId");
  const [row] = await w.tx.insert(decommissionProjects).values(p).returning();
  await w.tx.insert(decommissionSteps).values(DECOMMISSION_STEPS.map((step) => ({ projectId: row!.id, step })));
  await w.audit({ entity: "DecommissionProject", entityId: row!.id, action: "create", changes: p });
  return row!;
}

export async function stepsOf(w: Writer | { tx: Writer["tx"] }, projectId: number): Promise<StepRow[]> {
  return w.tx.select().from(decommissionSteps).where(eq(decommissionSteps.projectId, projectId));
}

/** Starts or completes a step, enforcing prerequisites and attached documents. */
export async function advanceStep(w: Writer, project: ProjectRow, step: DecommissionStep, action: "start" | "complete", note: string | null, now = new Date()): Promise<ProjectRow> {
  if (!DECOMMISSION_STEPS.includes(step)) throw new DomainError("UNKNOWN_STEP", `Unknown step ${step}`, "input.step");
  const steps = await w.tx.select().from(decommissionSteps).where(eq(decommissionSteps.projectId, project.id)).for("update");
  const cur = steps.find((s) => s.step === step)!;
  if (action === "start") {
    if (cur.status !== "NOT_STARTED") throw new DomainError("ILLEGAL_TRANSITION", `${step} is already ${cur.status}`, "input.step");
    const missing = STEP_PREREQUISITES[step].filter((p) => steps.find((s) => s.step === p)?.status !== "DONE");
    if (missing.length) throw new DomainError("PREREQUISITE_MISSING", `${STEP_LABELS[step][0]} 须先完成 ${missing.map((m) => STEP_LABELS[m][0]).join("、")} / ${STEP_LABELS[step][1]} cannot start before ${missing.map((m) => STEP_LABELS[m][1]).join(", ")} is done`, "input.step");
  } else {
    if (cur.status !== "IN_PROGRESS") throw new DomainError("ILLEGAL_TRANSITION", `${step} is ${cur.status}; only a step in progress can be completed`, "input.step");
    const [doc] = await w.tx.select({ n: sql<number>`count(*)::int` }).from(documents).where(and(eq(documents.ownerType, "DecommissionProject"), eq(documents.ownerId, project.id), eq(documents.step, step)));
    if (!doc || doc.n === 0) throw new DomainError("DOCUMENT_REQUIRED", `Attach the ${STEP_LABELS[step][1].toLowerCase()} document before completing the step`, "input.step");
  }
  await w.tx
    .update(decommissionSteps)
    .set(action === "start" ? { status: "IN_PROGRESS", startedAt: now, note: note ?? cur.note, updatedAt: now } : { status: "DONE", completedAt: now, note: note ?? cur.note, updatedAt: now })
    .where(and(eq(decommissionSteps.projectId, project.id), eq(decommissionSteps.step, step)));
  const completed = action === "complete" && step === "TRANSITION";
  const [updated] = await w.tx.update(decommissionProjects).set({ currentStep: step, completed, updatedAt: now }).where(eq(decommissionProjects.id, project.id)).returning();
  await w.audit({ entity: "DecommissionProject", entityId: project.id, action: `${action}:${step}`, changes: { note } });
  await w.emit({ type: "decommission.step_changed", stream: "hazardous", entity: "DecommissionProject", entityId: project.id, districtId: project.districtId, payload: { projectId: project.id, step, action } });
  return updated!;
}

export const MAX_DOCUMENT_BYTES = 1_500_000;
const MIME = /^[a-z]+\/[a-z0-9.+-]+$/;

/** Stores a document (content in the database, with its SHA-256). */
export async function attachDocument(w: Writer, d: { ownerType: "DecommissionProject" | "Hazard"; ownerId: number; step?: string | null; fileName: string; mimeType: string; contentBase64: string }): Promise<DocumentRow> {
  const name = d.fileName.trim();
  if (!name || name.length > 200 || /[\\/\u0000-\u001f]/.test(name)) throw new DomainError("INVALID_FILE_NAME", "A file name of 1–200 characters without slashes or control characters", "input.fileName");
  if (!MIME.test(d.mimeType)) throw new DomainError("INVALID_MIME", "Not a MIME type such as application/pdf", "input.mimeType");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(d.contentBase64)) throw new DomainError("INVALID_CONTENT", "Content must be base64", "input.contentBase64");
  const content = Buffer.from(d.contentBase64, "base64");
  if (content.length === 0) throw new DomainError("EMPTY_FILE", "The file is empty", "input.contentBase64");
  if (content.length > MAX_DOCUMENT_BYTES) throw new DomainError("FILE_TOO_LARGE", `At most ${MAX_DOCUMENT_BYTES} bytes`, "input.contentBase64");
  if (d.ownerType === "DecommissionProject" && (!d.step || !DECOMMISSION_STEPS.includes(d.step as DecommissionStep))) throw new DomainError("REQUIRED", "Say which step the document belongs to", "input.step");
  const [row] = await w.tx
    .insert(documents)
    .values({ ownerType: d.ownerType, ownerId: d.ownerId, step: d.step ?? null, fileName: name, mimeType: d.mimeType, sizeBytes: content.length, sha256: createHash("sha256").update(content).digest("hex"), content, uploadedBy: w.principal.label })
    .returning();
  await w.audit({ entity: "Document", entityId: row!.id, action: "attach", changes: { ownerType: d.ownerType, ownerId: d.ownerId, step: d.step, fileName: name, sizeBytes: content.length } });
  return row!;
}
