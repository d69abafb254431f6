/**
 * 咨询查询 services. Anyone may ask (no login); the question path is guarded against abuse:
 *  - size limits: title 2–100 characters, question 5–2,000, name ≤ 40, contact ≤ 100;
 *  - cleaning: control, zero-width and bidi-override characters removed (sanitize.ts); markup is kept
 *    as plain text and shown as text, never interpreted;
 *  - link spam: more than 2 links refused;
 *  - rate limits per client address: an in-process bucket in the resolver (3 at once, then one every
 *    2 minutes) and a database limit here (at most DAILY_LIMIT_PER_CLIENT questions per address per
 *    24 hours — holds across API processes); the address is stored only as a salted hash;
 *  - duplicate flooding: the same content (ignoring case, width, spaces and punctuation) asked again
 *    within 24 hours, from any address, is refused.
 * Staff answer; the office publishes good answers to the public FAQ.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, gte, sql } from "drizzle-orm";
import { GraphQLError } from "graphql";
import { DomainError } from "../../graphql/errors.js";
import type { Writer } from "../../graphql/mutation.js";
import { requireDistrictWritable } from "../../graphql/scope.js";
import { row, type Tx } from "../core/db.js";
import { actingAs, bumpDaily, nextSequence, shanghaiDay, STREAM, UNIT_ORG_KIND } from "./common.js";
import { charLength, cleanLine, cleanText, contentHash, linkCount, sha256 } from "./sanitize.js";
import { tsvectorOf } from "./search.js";
import { questions, units } from "./tables.js";
import { nextStatus, QUESTION_TRANSITIONS, type QuestionAction } from "./workflows.js";

export type QuestionRow = typeof questions.$inferSelect;

export const QUESTION_CATEGORIES = ["垃圾分类", "无废细胞", "建筑垃圾", "危险废物", "工业固废", "再生资源", "快递包装", "政策咨询", "其他"] as const;
export const LIMITS = { title: [2, 100], body: [5, 2000], name: 40, contact: 100, links: 2 } as const;
export const DAILY_LIMIT_PER_CLIENT = 10;
export const DUPLICATE_WINDOW_HOURS = 24;
/** Salt of client-address hashes (per deployment; the addresses themselves are never stored). */
const CLIENT_SALT = process.env.CLIENT_HASH_SALT ?? "zw-cells-consultation";

export function clientHashOf(ip: string): string {
  return sha256(`${CLIENT_SALT}:${ip}`);
}

export interface AskInput {
  category: string;
  title: string;
  body: string;
  askerName?: string | null;
  contact?: string | null;
  districtId?: number | null;
}

export interface CleanQuestion {
  category: string;
  title: string;
  body: string;
  askerName: string;
  contact: string;
}

/** Validates and cleans a question; throws BAD_USER_INPUT-style DomainErrors naming the field. */
export function cleanQuestion(i: AskInput): CleanQuestion {
  const problems: { code: string; message: string; field: string }[] = [];
  const title = cleanLine(i.title);
  const body = cleanText(i.body);
  const askerName = cleanLine(i.askerName);
  const contact = cleanLine(i.contact);
  if (!(QUESTION_CATEGORIES as readonly string[]).includes(i.category)) problems.push({ code: "UNKNOWN_CATEGORY", message: `Category must be one of ${QUESTION_CATEGORIES.join("、")}`, field: "input.category" });
  if (charLength(title) < LIMITS.title[0] || charLength(title) > LIMITS.title[1]) problems.push({ code: "LENGTH", message: `A title is ${LIMITS.title[0]}–${LIMITS.title[1]} characters`, field: "input.title" });
  if (charLength(body) < LIMITS.body[0] || charLength(body) > LIMITS.body[1]) problems.push({ code: "LENGTH", message: `A question is ${LIMITS.body[0]}–${LIMITS.body[1]} characters`, field: "input.body" });
  if (charLength(askerName) > LIMITS.name) problems.push({ code: "LENGTH", message: `A name is at most ${LIMITS.name} characters`, field: "input.askerName" });
  if (charLength(contact) > LIMITS.contact) problems.push({ code: "LENGTH", message: `Contact details are at most ${LIMITS.contact} characters`, field: "input.contact" });
  if (linkCount(title) + linkCount(body) > LIMITS.links) problems.push({ code: "TOO_MANY_LINKS", message: `At most ${LIMITS.links} links`, field: "input.body" });
  if (problems.length) throw DomainError.many(problems);
  return { category: i.category, title, body, askerName, contact };
}

function vectorFor(q: { title: string; faqTitle: string | null; body: string; answer: string | null; category: string }) {
  return tsvectorOf([
    [q.faqTitle ?? q.title, "A"],
    [q.faqTitle ? q.title : null, "B"],
    [q.category, "B"],
    [q.body, "C"],
    [q.answer, "C"],
  ]);
}

export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "RATE_LIMITED", retryAfterSeconds, http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } } });
}

/**
 * Records a question from the public (or from a unit's account). Returns the row and the tracking
 * code (shown once) with which the asker can look up the answer.
 */
export async function askQuestion(w: Writer, input: AskInput, ip: string, now = new Date()): Promise<{ question: QuestionRow; trackingCode: string }> {
  const q = cleanQuestion(input);
  const clientHash = clientHashOf(ip);
  const hash = contentHash(q.title, q.body);
  // Serialise same-content and same-client attempts so parallel floods are counted exactly.
  await w.tx.execute(sql`select pg_advisory_xact_lock(727200, hashtext(${hash}))`);
  await w.tx.execute(sql`select pg_advisory_xact_lock(727201, hashtext(${clientHash}))`);
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_HOURS * 3600_000);
  const perClient = await row<{ n: number }>(w.tx, sql`select count(*)::int as n from cells.questions where client_hash = ${clientHash} and created_at >= ${since.toISOString()}`);
  if ((perClient?.n ?? 0) >= DAILY_LIMIT_PER_CLIENT) {
    throw rateLimited(`At most ${DAILY_LIMIT_PER_CLIENT} questions per day from one address; please try again tomorrow`, 3600);
  }
  const [dup] = await w.tx
    .select({ number: questions.number })
    .from(questions)
    .where(and(eq(questions.contentHash, hash), gte(questions.createdAt, since)))
    .limit(1);
  if (dup) throw new DomainError("DUPLICATE_QUESTION", `The same question was received recently (${dup.number}); please wait for its answer`, "input.body");

  let unitId: number | null = null;
  let districtId = input.districtId ?? null;
  if (w.principal.org?.kind === UNIT_ORG_KIND) {
    unitId = w.principal.org.id;
    const [u] = await w.tx.select({ districtId: units.districtId }).from(units).where(eq(units.id, unitId));
    districtId = u?.districtId ?? districtId;
  }
  const year = Number(shanghaiDay(now).slice(0, 4));
  const number = `ZX${year}-${String(await nextSequence(w.tx, "question", year)).padStart(6, "0")}`;
  const trackingCode = randomBytes(6).toString("base64url");
  const [saved] = await w.tx
    .insert(questions)
    .values({
      number,
      trackingHash: sha256(trackingCode),
      askerKind: unitId ? "UNIT" : "PUBLIC",
      askerName: q.askerName,
      contact: q.contact,
      unitId,
      districtId,
      category: q.category,
      title: q.title,
      body: q.body,
      clientHash,
      contentHash: hash,
      searchVector: vectorFor({ ...q, faqTitle: null, answer: null }) as unknown as string,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await bumpDaily(w.tx, "consultation.asked", shanghaiDay(now), districtId, q.category);
  await w.audit({ entity: "ConsultationQuestion", entityId: saved!.id, action: "ask", changes: { number, category: q.category, askerKind: saved!.askerKind } });
  await w.emit({ type: "consultation.asked", stream: STREAM, entity: "ConsultationQuestion", entityId: saved!.id, districtId, payload: { number, category: q.category, title: q.title } });
  return { question: saved!, trackingCode };
}

export async function questionById(tx: Tx, id: number, lock = false): Promise<QuestionRow | undefined> {
  const q = tx.select().from(questions).where(eq(questions.id, id));
  const [r] = lock ? await q.for("update") : await q;
  return r;
}

/** The asker looks up a question by its number and tracking code. Wrong code and unknown number look the same. */
export async function questionByTracking(tx: Tx, number: string, code: string): Promise<QuestionRow | null> {
  const [r] = await tx.select().from(questions).where(eq(questions.number, number.trim().slice(0, 40)));
  if (!r) return null;
  const a = Buffer.from(sha256(code.trim()));
  const b = Buffer.from(r.trackingHash);
  return a.length === b.length && timingSafeEqual(a, b) ? r : null;
}

export interface QuestionMove {
  action: QuestionAction;
  answer?: string | null;
  comment?: string | null;
  faqTitle?: string | null;
}

export async function transitionQuestion(w: Writer, id: number, m: QuestionMove, now = new Date()): Promise<QuestionRow> {
  const acting = await actingAs(w.tx, w.principal);
  if (acting !== "OFFICE" && acting !== "DEPARTMENT" && acting !== "SYSTEM") throw new DomainError("NOT_ALLOWED", "Only staff answer questions", null);
  const q = await questionById(w.tx, id, true);
  if (!q) throw new DomainError("NOT_FOUND", "No such question", "id");
  if (q.districtId != null) requireDistrictWritable(w.principal, q.districtId);
  const text = m.action === "answer" ? m.answer : m.comment;
  const check = nextStatus(QUESTION_TRANSITIONS, "question", q.status, m.action, acting === "DEPARTMENT" ? "DEPARTMENT" : acting === "OFFICE" ? "OFFICE" : "SYSTEM", text);
  if (!check.ok) throw new DomainError(check.code, check.message, check.field ?? null);
  const set: Partial<QuestionRow> = { status: check.to, updatedAt: now };
  if (m.action === "answer") {
    const answer = cleanText(m.answer);
    if (charLength(answer) > 5000) throw new DomainError("TOO_LONG", "An answer is at most 5000 characters", "answer");
    set.answer = answer;
    set.answeredBy = w.principal.userId ?? null;
    // The first answer's time stays (it is when the asker got an answer); revisions keep it.
    if (!q.answeredAt) set.answeredAt = now;
  }
  if (m.action === "publish") {
    const faqTitle = cleanLine(m.faqTitle) || q.title;
    if (charLength(faqTitle) > 100) throw new DomainError("TOO_LONG", "An FAQ question is at most 100 characters", "faqTitle");
    set.faqTitle = faqTitle;
    set.publishedAt = now;
  }
  if (m.action === "unpublish") set.publishedAt = null;
  if (m.action === "close" || m.action === "reject") set.closedReason = cleanText(m.comment);
  const merged = { ...q, ...set };
  set.searchVector = vectorFor({ title: merged.title, faqTitle: merged.faqTitle, body: merged.body, answer: merged.answer, category: merged.category }) as unknown as string;
  const [u] = await w.tx
    .update(questions)
    .set(set)
    .where(and(eq(questions.id, id), eq(questions.status, q.status)))
    .returning();
  if (!u) throw new DomainError("STALE", "The question changed meanwhile; reload and try again");
  if (m.action === "answer" && !q.answeredAt) await bumpDaily(w.tx, "consultation.answered", shanghaiDay(now), q.districtId, q.category);
  await w.audit({ entity: "ConsultationQuestion", entityId: id, action: m.action, changes: { status: [q.status, check.to] } });
  if (m.action === "answer" || m.action === "publish") {
    await w.emit({ type: m.action === "answer" ? "consultation.answered" : "consultation.published", stream: STREAM, entity: "ConsultationQuestion", entityId: id, districtId: q.districtId, payload: { number: q.number, status: check.to } });
  }
  return u!;
}
