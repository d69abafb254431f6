/**
 * 无废学院 services: articles, policy documents and courses; drafts edited by staff, published by the
 * office (workflows.ts ACADEMY_TRANSITIONS); the search vector is maintained on every write (search.ts).
 */
import { and, eq } from "drizzle-orm";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import type { Tx } from "../core/db.js";
import { actingAs, bumpDaily, shanghaiDay, STREAM } from "./common.js";
import { cleanLine, cleanText } from "./sanitize.js";
import { tsvectorOf } from "./search.js";
import { academyItems } from "./tables.js";
import { ACADEMY_TRANSITIONS, nextStatus, type AcademyAction } from "./workflows.js";

export type AcademyRow = typeof academyItems.$inferSelect;
export type AcademyKind = AcademyRow["kind"];

/** Categories of the academy (the pages offer these; others are refused). */
export const ACADEMY_CATEGORIES = ["垃圾分类", "无废城市", "工业固废", "危险废物", "建筑垃圾", "再生资源", "快递包装", "塑料污染治理", "农业废弃物", "医疗废物", "政策法规", "无废细胞"] as const;

export interface AcademyInput {
  kind?: AcademyKind;
  title?: string;
  summary?: string | null;
  body?: string | null;
  category?: string;
  tags?: string[] | null;
  author?: string | null;
  source?: string | null;
  docNumber?: string | null;
  issuedOn?: string | null;
  durationMinutes?: number | null;
  lessons?: { title: string; minutes: number }[] | null;
}

export async function academyItemById(tx: Tx, id: number, lock = false): Promise<AcademyRow | undefined> {
  const q = tx.select().from(academyItems).where(eq(academyItems.id, id));
  const [a] = lock ? await q.for("update") : await q;
  return a;
}

function vectorFor(a: { title: string; summary: string; body: string; tags: string[]; category: string; source: string; docNumber: string | null; lessons: { title: string }[] | null }) {
  return tsvectorOf([
    [a.title, "A"],
    [a.tags.join(" "), "A"],
    [`${a.category} ${a.docNumber ?? ""} ${a.source}`, "B"],
    [a.summary, "B"],
    [(a.lessons ?? []).map((l) => l.title).join(" "), "B"],
    [a.body, "C"],
  ]);
}

function cleanInput(i: AcademyInput, field = "input") {
  const out: Partial<AcademyRow> = {};
  if (i.kind !== undefined) out.kind = i.kind;
  if (i.title !== undefined) {
    out.title = cleanLine(i.title);
    if (!out.title) throw new DomainError("REQUIRED", "A title is required", `${field}.title`);
    if ([...out.title].length > 200) throw new DomainError("TOO_LONG", "A title is at most 200 characters", `${field}.title`);
  }
  if (i.summary != null) {
    out.summary = cleanText(i.summary);
    if ([...out.summary].length > 1000) throw new DomainError("TOO_LONG", "A summary is at most 1000 characters", `${field}.summary`);
  }
  if (i.body != null) {
    out.body = cleanText(i.body);
    if ([...out.body].length > 100_000) throw new DomainError("TOO_LONG", "A body is at most 100,000 characters", `${field}.body`);
  }
  if (i.category !== undefined) {
    if (!(ACADEMY_CATEGORIES as readonly string[]).includes(i.category)) throw new DomainError("UNKNOWN_CATEGORY", `Category must be one of ${ACADEMY_CATEGORIES.join("、")}`, `${field}.category`);
    out.category = i.category;
  }
  if (i.tags != null) {
    const tags = [...new Set(i.tags.map((t) => cleanLine(t)).filter(Boolean))];
    if (tags.length > 12 || tags.some((t) => [...t].length > 20)) throw new DomainError("TOO_MANY_TAGS", "At most 12 tags of at most 20 characters", `${field}.tags`);
    out.tags = tags;
  }
  if (i.author != null) out.author = cleanLine(i.author).slice(0, 80);
  if (i.source != null) out.source = cleanLine(i.source).slice(0, 120);
  if (i.docNumber !== undefined) out.docNumber = cleanLine(i.docNumber) || null;
  if (i.issuedOn !== undefined) {
    if (i.issuedOn != null && (!/^\d{4}-\d{2}-\d{2}$/.test(i.issuedOn) || Number.isNaN(Date.parse(i.issuedOn)))) throw new DomainError("INVALID_DATE", "A date is YYYY-MM-DD", `${field}.issuedOn`);
    out.issuedOn = i.issuedOn ?? null;
  }
  if (i.durationMinutes !== undefined) {
    if (i.durationMinutes != null && (i.durationMinutes < 1 || i.durationMinutes > 10_000)) throw new DomainError("OUT_OF_RANGE", "Duration is 1–10000 minutes", `${field}.durationMinutes`);
    out.durationMinutes = i.durationMinutes ?? null;
  }
  if (i.lessons !== undefined) {
    const lessons = (i.lessons ?? []).map((l) => ({ title: cleanLine(l.title), minutes: l.minutes }));
    if (lessons.length > 100 || lessons.some((l) => !l.title || !Number.isInteger(l.minutes) || l.minutes < 1 || l.minutes > 600)) {
      throw new DomainError("INVALID_LESSONS", "Up to 100 lessons, each with a title and 1–600 minutes", `${field}.lessons`);
    }
    out.lessons = lessons.length ? lessons : null;
  }
  return out;
}

/** Any cells staff member (office or member unit) writes drafts. */
async function requireEditor(w: Writer) {
  const a = await actingAs(w.tx, w.principal);
  if (a !== "OFFICE" && a !== "DEPARTMENT" && a !== "SYSTEM") throw new DomainError("NOT_ALLOWED", "Only staff write academy content", null);
  return a;
}

export async function createAcademyItem(w: Writer, input: AcademyInput & { kind: AcademyKind; title: string; category: string }): Promise<AcademyRow> {
  await requireEditor(w);
  const c = cleanInput(input);
  const base = {
    kind: input.kind,
    title: c.title!,
    summary: c.summary ?? "",
    body: c.body ?? "",
    category: c.category!,
    tags: c.tags ?? [],
    author: c.author ?? "",
    source: c.source ?? "",
    docNumber: c.docNumber ?? null,
    issuedOn: c.issuedOn ?? null,
    durationMinutes: c.durationMinutes ?? null,
    lessons: c.lessons ?? null,
  };
  if (base.kind === "POLICY" && !base.source) throw new DomainError("REQUIRED", "A policy document needs its issuing authority (发布机关)", "input.source");
  const [a] = await w.tx
    .insert(academyItems)
    .values({ ...base, authorId: w.principal.userId ?? null, searchVector: vectorFor(base) as unknown as string })
    .returning();
  await w.audit({ entity: "AcademyItem", entityId: a!.id, action: "create", changes: { title: base.title, kind: base.kind } });
  return a!;
}

export async function updateAcademyItem(w: Writer, id: number, input: AcademyInput): Promise<AcademyRow> {
  await requireEditor(w);
  const a = await academyItemById(w.tx, id, true);
  if (!a) throw new DomainError("NOT_FOUND", "No such academy item", "input.id");
  if (a.status !== "DRAFT") throw new DomainError("NOT_EDITABLE", `Only drafts can be edited; this item is ${a.status}`, "input.id");
  const c = cleanInput(input);
  const merged = { ...a, ...c };
  if (merged.kind === "POLICY" && !merged.source) throw new DomainError("REQUIRED", "A policy document needs its issuing authority (发布机关)", "input.source");
  const [u] = await w.tx
    .update(academyItems)
    .set({ ...c, searchVector: vectorFor(merged) as unknown as string, updatedAt: new Date() })
    .where(eq(academyItems.id, id))
    .returning();
  await w.audit({ entity: "AcademyItem", entityId: id, action: "update", changes: Object.keys(c) });
  return u!;
}

export async function transitionAcademyItem(w: Writer, id: number, action: AcademyAction, comment?: string | null, at = new Date()): Promise<AcademyRow> {
  const acting = await requireEditor(w);
  const a = await academyItemById(w.tx, id, true);
  if (!a) throw new DomainError("NOT_FOUND", "No such academy item", "id");
  const check = nextStatus(ACADEMY_TRANSITIONS, "academy item", a.status, action, acting === "DEPARTMENT" ? "DEPARTMENT" : acting === "OFFICE" ? "OFFICE" : "SYSTEM", comment);
  if (!check.ok) throw new DomainError(check.code, check.message, check.field ?? null);
  if (action === "submit" && (!a.body.trim() && a.kind !== "COURSE")) throw new DomainError("BODY_REQUIRED", "Write the text before submitting it for review", "action");
  if (action === "submit" && a.kind === "COURSE" && !(a.lessons?.length)) throw new DomainError("LESSONS_REQUIRED", "A course needs at least one lesson", "action");
  const set: Partial<AcademyRow> = { status: check.to, updatedAt: new Date() };
  if (action === "submit") set.submittedAt = at;
  if (action === "publish") {
    set.publishedAt = at;
    set.publishedBy = w.principal.userId ?? null;
    set.reviewComment = comment ? cleanText(comment) : null;
  }
  if (action === "reject") set.reviewComment = cleanText(comment);
  if (action === "archive") set.archivedAt = at;
  if (action === "restore") {
    // Back to a draft: it is no longer published (a later publish counts anew).
    if (a.publishedAt) await bumpDaily(w.tx, "academy.published", shanghaiDay(a.publishedAt), 0, a.kind, -1);
    set.publishedAt = null;
    set.publishedBy = null;
  }
  const [u] = await w.tx
    .update(academyItems)
    .set(set)
    .where(and(eq(academyItems.id, id), eq(academyItems.status, a.status)))
    .returning();
  if (!u) throw new DomainError("STALE", "The item changed meanwhile; reload and try again");
  if (action === "publish") await bumpDaily(w.tx, "academy.published", shanghaiDay(at), 0, a.kind);
  await w.audit({ entity: "AcademyItem", entityId: id, action, changes: { status: [a.status, check.to], comment: comment ?? undefined } });
  if (action === "publish" || action === "archive") {
    await w.emit({ type: action === "publish" ? "academy.published" : "academy.archived", stream: STREAM, entity: "AcademyItem", entityId: id, payload: { title: a.title, kind: a.kind, category: a.category } });
  }
  return u!;
}
