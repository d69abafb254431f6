/**
 * GraphQL resolvers of 无废学院 (academy), 咨询查询 (consultation, with the public FAQ and the
 * public question form) and publicity. The public fields need no login; they only ever show
 * published content, and the question path is throttled per client address.
 */
import { and, arrayContains, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { GraphQLDateTime } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Can, can } from "../../graphql/auth.js";
import { connectionComplexity, PageArgs, paginate } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { badInput, notFound } from "../../graphql/errors.js";
import { idOf, optionalIdOf, toGlobalId } from "../../graphql/ids.js";
import { runMutation } from "../../graphql/mutation.js";
import { registerNode } from "../../graphql/node.js";
import { inScope, requireInScope, scopeWhere } from "../../graphql/scope.js";
import { districtIdOf } from "../core/resolvers.js";
import { rateLimited, take, throttle } from "../core/throttle.js";
import { District } from "../core/types.js";
import { ACADEMY_CATEGORIES, academyItemById, createAcademyItem, transitionAcademyItem, updateAcademyItem, type AcademyRow } from "./academy-service.js";
import { askQuestion, clientHashOf, QUESTION_CATEGORIES, questionById, questionByTracking, transitionQuestion, type QuestionRow } from "./consultation-service.js";
import { AcademyFilter, AcademyItemInput, AskQuestionInput, ConsultationFilter, PublicityFilter, RecordAwarenessSurveyInput, RecordPublicityActivityInput } from "./inputs.js";
import { districtOf, rankedPage, unitLoader } from "./loaders.js";
import { publicitySummary, recordActivity, recordSurvey, type ActivityRow, type SurveyRow } from "./publicity-service.js";
import { textSearch } from "./search.js";
import { academyItems, awarenessSurveys, publicityActivities, questions } from "./tables.js";
import {
  AcademyActionKey,
  AcademyItem,
  AcademyItemConnection,
  AcademyItemPayload,
  AcademyKindKey,
  AskQuestionPayload,
  AwarenessSurvey,
  AwarenessSurveyConnection,
  AwarenessSurveyPayload,
  CellUnit,
  ConsultationQuestion,
  ConsultationQuestionConnection,
  ConsultationQuestionPayload,
  ConsultationStatusView,
  FaqEntryConnection,
  PublicityActivity,
  PublicityActivityConnection,
  PublicityActivityPayload,
  PublicitySummary,
  QuestionActionKey,
  AcademyLesson,
} from "./types.js";
import type { AcademyAction, QuestionAction } from "./workflows.js";

/**
 * Public fields are throttled per client address with database token buckets (core/throttle.ts), so the
 * limits hold across API processes; the key holds only a salted hash of the address. The question form
 * spends core's `question` bucket; reads of published content by visitors without an account (FAQ,
 * academy search and items) core's `read` bucket — signed-in callers and API keys are not counted there
 * (keys have their own budget); status look-ups by number + tracking code this desk's own, stricter
 * bucket: 10 at once, then one every 6 seconds (with 48-bit tracking codes guessing is hopeless).
 */
export const LOOKUP_BUCKET = { burst: 10, perSecond: 1 / 6 };

async function throttlePublicRead(ctx: Context): Promise<void> {
  if (ctx.principal.kind === "anonymous") await throttle(ctx.app, "read", clientHashOf(ctx.ip));
}

const readsCells = (ctx: Context) => can(ctx.principal, "cells:read");

registerNode("AcademyItem", async (ctx, id) => {
  const a = await academyItemById(ctx.db, id);
  if (!a) return null;
  return a.status === "PUBLISHED" || readsCells(ctx) ? a : null;
});
registerNode("ConsultationQuestion", async (ctx, id) => {
  if (!readsCells(ctx)) return null;
  const q = await questionById(ctx.db, id);
  return q && inScope(ctx.principal, { districtId: q.districtId, orgs: undefined }) ? q : null;
});
registerNode("PublicityActivity", async (ctx, id) => {
  if (!readsCells(ctx)) return null;
  const [a] = await ctx.db.select().from(publicityActivities).where(eq(publicityActivities.id, id));
  return a && inScope(ctx.principal, { districtId: a.districtId }) ? a : null;
});
registerNode("AwarenessSurvey", async (ctx, id) => {
  if (!readsCells(ctx)) return null;
  const [a] = await ctx.db.select().from(awarenessSurveys).where(eq(awarenessSurveys.id, id));
  return a && inScope(ctx.principal, { districtId: a.districtId }) ? a : null;
});

function faqShape(q: QuestionRow) {
  return { id: toGlobalId("FaqEntry", q.id), number: q.number, category: q.category, question: q.faqTitle ?? q.title, answer: q.answer ?? "", publishedAt: q.publishedAt ?? q.updatedAt };
}

@Resolver()
export class EngageResolver {
  // ——— academy ———

  @Query(() => [String], { description: "无废学院栏目 / Academy categories" })
  @Can.public()
  academyCategories(): string[] {
    return [...ACADEMY_CATEGORIES];
  }

  @Query(() => AcademyItemConnection, {
    description: "检索已发布的无废学院内容（公开，未登录时按来源地址限流；支持中文全文检索，按相关度排序；不给检索词时按发布时间倒序）/ Search published academy content (public, throttled per client address without login; Chinese full-text search ranked by relevance; newest first without a query)",
    complexity: connectionComplexity,
  })
  @Can.public()
  async academySearch(
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Arg("query", () => String, { nullable: true, description: "检索词，如 垃圾分类 / Search words, e.g. 垃圾分类" }) query?: string,
    @Arg("kind", () => AcademyKindKey, { nullable: true, description: "类型 / Kind" }) kind?: AcademyKindKey,
    @Arg("category", () => String, { nullable: true, description: "栏目 / Category" }) category?: string,
    @Arg("tag", () => String, { nullable: true, description: "标签 / Tag" }) tag?: string,
  ) {
    if (query && query.length > 100) throw badInput("query", "at most 100 characters");
    await throttlePublicRead(ctx);
    if ((category?.length ?? 0) > 20 || (tag?.length ?? 0) > 20) throw badInput(category && category.length > 20 ? "category" : "tag", "at most 20 characters");
    const base = [eq(academyItems.status, "PUBLISHED"), kind ? eq(academyItems.kind, kind) : undefined, category ? eq(academyItems.category, category) : undefined, tag ? arrayContains(academyItems.tags, [tag]) : undefined];
    const ts = query ? textSearch(academyItems.searchVector, academyItems.title, query) : null;
    if (ts) {
      return rankedPage<AcademyRow>({ db: ctx.db, table: academyItems, where: and(...base, ts.where)!, rank: ts.rank, tieBreak: sql`${academyItems.publishedAt} desc, ${academyItems.id} desc`, first: page.first, after: page.after });
    }
    if (query && !ts) return rankedPage<AcademyRow>({ db: ctx.db, table: academyItems, where: sql`false`, rank: sql<number>`0::float8`, tieBreak: sql`${academyItems.id} desc`, first: page.first, after: page.after });
    return paginate({ db: ctx.db, table: academyItems, id: academyItems.id, orderBy: academyItems.publishedAt, where: base, first: page.first, after: page.after });
  }

  @Query(() => AcademyItem, { nullable: true, description: "一篇无废学院内容（公众只能看已发布的；未登录时按来源地址限流）/ One academy item (the public sees published items only; throttled per client address without login)" })
  @Can.public()
  async academyItem(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    const itemId = idOf("AcademyItem", id, "id");
    await throttlePublicRead(ctx);
    const a = await academyItemById(ctx.db, itemId);
    if (!a) return null;
    return a.status === "PUBLISHED" || readsCells(ctx) ? a : null;
  }

  @Query(() => AcademyItemConnection, { description: "无废学院内容管理（工作人员，含草稿）/ Academy content for editors (staff; all statuses)", complexity: connectionComplexity })
  @Can.read("cells")
  async academyItems(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => AcademyFilter, { nullable: true }) filter?: AcademyFilter) {
    const f = filter ?? {};
    const base = [
      f.kind ? eq(academyItems.kind, f.kind) : undefined,
      f.status?.length ? inArray(academyItems.status, f.status) : undefined,
      f.category ? eq(academyItems.category, f.category) : undefined,
      f.tag ? arrayContains(academyItems.tags, [f.tag]) : undefined,
      f.updatedSince ? gte(academyItems.updatedAt, f.updatedSince) : undefined,
    ];
    const ts = f.search ? textSearch(academyItems.searchVector, academyItems.title, f.search) : null;
    if (ts && !f.updatedSince) {
      return rankedPage<AcademyRow>({ db: ctx.db, table: academyItems, where: and(...base, ts.where)!, rank: ts.rank, tieBreak: sql`${academyItems.id} desc`, first: page.first, after: page.after });
    }
    return paginate({
      db: ctx.db,
      table: academyItems,
      id: academyItems.id,
      orderBy: f.updatedSince ? academyItems.updatedAt : undefined,
      ascending: !!f.updatedSince,
      where: [...base, ts?.where],
      first: page.first,
      after: page.after,
    });
  }

  @Mutation(() => AcademyItemPayload, { description: "新建无废学院草稿（工作人员）/ Create an academy draft (staff)" })
  @Can.write("cells")
  async createAcademyItem(@Arg("input", () => AcademyItemInput) input: AcademyItemInput, @Ctx() ctx: Context): Promise<AcademyItemPayload> {
    const missing = (["kind", "title", "category"] as const).filter((k) => !input[k]);
    if (missing.length) throw badInput(missing.map((k) => ({ field: `input.${k}`, message: "required when creating" })));
    const r = await runMutation(ctx, "createAcademyItem", input, async (w) => ({
      item: (await createAcademyItem(w, { ...input, kind: input.kind!, title: input.title!, category: input.category! })) as unknown as AcademyItem,
    }));
    return { item: r.item ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => AcademyItemPayload, { description: "修改无废学院草稿 / Edit an academy draft" })
  @Can.write("cells")
  async updateAcademyItem(@Arg("input", () => AcademyItemInput) input: AcademyItemInput, @Ctx() ctx: Context): Promise<AcademyItemPayload> {
    if (!input.id) throw badInput("input.id", "required when changing");
    const id = idOf("AcademyItem", input.id, "input.id");
    const r = await runMutation(ctx, "updateAcademyItem", input, async (w) => ({ item: (await updateAcademyItem(w, id, input)) as unknown as AcademyItem }));
    return { item: r.item ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => AcademyItemPayload, { description: "发布流程：送审、发布、退回、归档、恢复 / Publishing: submit, publish, reject, archive, restore" })
  @Can.write("cells")
  async transitionAcademyItem(
    @Arg("id", () => ID, { description: "内容 / The item" }) id: string,
    @Arg("action", () => AcademyActionKey, { description: "动作 / Action" }) action: AcademyActionKey,
    @Ctx() ctx: Context,
    @Arg("comment", () => String, { nullable: true, description: "审核意见 / Review comment" }) comment?: string,
  ): Promise<AcademyItemPayload> {
    const itemId = idOf("AcademyItem", id, "id");
    if (comment && comment.length > 2000) throw badInput("comment", "at most 2000 characters");
    const r = await runMutation(ctx, "transitionAcademyItem", { id, action, comment }, async (w) => ({ item: (await transitionAcademyItem(w, itemId, action as AcademyAction, comment)) as unknown as AcademyItem }));
    return { item: r.item ?? null, userErrors: r.userErrors };
  }

  // ——— consultation ———

  @Query(() => [String], { description: "咨询类别 / Question categories" })
  @Can.public()
  questionCategories(): string[] {
    return [...QUESTION_CATEGORIES];
  }

  @Mutation(() => AskQuestionPayload, {
    description: "提问（无需登录；按来源地址限流，重复内容和超长内容会被拒绝）/ Ask a question (no login; throttled per client address; duplicates and oversized input are refused)",
  })
  @Can.public()
  async askQuestion(@Arg("input", () => AskQuestionInput) input: AskQuestionInput, @Ctx() ctx: Context): Promise<AskQuestionPayload> {
    await throttle(ctx.app, "question", clientHashOf(ctx.ip));
    const districtId = input.districtId ? await districtIdOf(ctx.db, input.districtId, "input.districtId") : null;
    // Anonymous askers have no idempotency memory; a retried request is caught by the duplicate check.
    const r = await runMutation({ ...ctx, idempotencyKey: ctx.principal.kind === "anonymous" ? undefined : ctx.idempotencyKey }, "askQuestion", { category: input.category }, async (w) => {
      const { question, trackingCode } = await askQuestion(w, { ...input, districtId }, ctx.ip);
      return { number: question.number, trackingCode };
    });
    return { number: r.number ?? null, trackingCode: r.trackingCode ?? null, userErrors: r.userErrors };
  }

  @Query(() => ConsultationStatusView, { nullable: true, description: "凭咨询编号和查询码查看答复（公开）/ Look up a question's answer by its number and tracking code (public)" })
  @Can.public()
  async consultationStatus(
    @Arg("number", () => String, { description: "咨询编号 / Number" }) number: string,
    @Arg("trackingCode", () => String, { description: "查询码 / Tracking code" }) trackingCode: string,
    @Ctx() ctx: Context,
  ): Promise<ConsultationStatusView | null> {
    if (number.length > 40 || trackingCode.length > 40) throw badInput(number.length > 40 ? "number" : "trackingCode", "at most 40 characters");
    const scale = ctx.app.config.throttleScale;
    const t = await take(ctx.app.db, `consultation.lookup:${clientHashOf(ctx.ip)}`, { burst: LOOKUP_BUCKET.burst * scale, perSecond: LOOKUP_BUCKET.perSecond * scale });
    if (!t.allowed) throw rateLimited(t.retryAfter, "Too many look-ups from this address");
    const q = await questionByTracking(ctx.db, number, trackingCode);
    if (!q) return null;
    const answered = q.status === "ANSWERED" || q.status === "PUBLISHED";
    return { number: q.number, status: q.status as ConsultationStatusView["status"], title: q.title, answer: answered ? q.answer : q.status === "CLOSED" || q.status === "REJECTED" ? q.closedReason : null, answeredAt: answered ? q.answeredAt : null, createdAt: q.createdAt };
  }

  @Query(() => FaqEntryConnection, { description: "常见问题（公开，未登录时按来源地址限流；支持中文全文检索）/ FAQ (public, throttled per client address without login; Chinese full-text search)", complexity: connectionComplexity })
  @Can.public()
  async faq(
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Arg("search", () => String, { nullable: true, description: "检索词 / Search words" }) search?: string,
    @Arg("category", () => String, { nullable: true, description: "类别 / Category" }) category?: string,
  ) {
    if (search && search.length > 100) throw badInput("search", "at most 100 characters");
    if (category && category.length > 20) throw badInput("category", "at most 20 characters");
    await throttlePublicRead(ctx);
    const base = [eq(questions.status, "PUBLISHED"), category ? eq(questions.category, category) : undefined];
    const ts = search ? textSearch(questions.searchVector, questions.faqTitle, search) : null;
    if (search) {
      return rankedPage<QuestionRow>({
        db: ctx.db,
        table: questions,
        where: ts ? and(...base, ts.where)! : sql`false`,
        rank: ts?.rank ?? sql<number>`0::float8`, // an expression: a bare 0 in ORDER BY is a column position
        tieBreak: sql`${questions.publishedAt} desc, ${questions.id} desc`,
        first: page.first,
        after: page.after,
        map: faqShape as (r: QuestionRow) => unknown,
      });
    }
    return paginate({ db: ctx.db, table: questions, id: questions.id, orderBy: questions.publishedAt, where: base, first: page.first, after: page.after, map: faqShape as (r: Record<string, unknown>) => unknown });
  }

  @Query(() => ConsultationQuestionConnection, { description: "咨询受理（工作人员）/ Consultation inbox (staff)", complexity: connectionComplexity })
  @Can.read("cells")
  async consultationQuestions(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => ConsultationFilter, { nullable: true }) filter?: ConsultationFilter) {
    const f = filter ?? {};
    const d = f.districtId ? idOf("District", f.districtId, "filter.districtId") : undefined;
    const p = ctx.principal;
    const base = [
      p.districtId != null ? eq(questions.districtId, p.districtId) : undefined,
      f.status?.length ? inArray(questions.status, f.status) : undefined,
      f.category ? eq(questions.category, f.category) : undefined,
      d ? eq(questions.districtId, d) : undefined,
      f.updatedSince ? gte(questions.updatedAt, f.updatedSince) : undefined,
    ];
    const ts = f.search ? textSearch(questions.searchVector, questions.title, f.search) : null;
    if (ts && !f.updatedSince) return rankedPage<QuestionRow>({ db: ctx.db, table: questions, where: and(...base, ts.where)!, rank: ts.rank, tieBreak: sql`${questions.id} desc`, first: page.first, after: page.after });
    return paginate({ db: ctx.db, table: questions, id: questions.id, orderBy: f.updatedSince ? questions.updatedAt : undefined, ascending: !!f.updatedSince, where: [...base, ts?.where], first: page.first, after: page.after });
  }

  @Mutation(() => ConsultationQuestionPayload, { description: "处理咨询：答复、公开到常见问题、取消公开、关闭、拒绝 / Work a question: answer, publish to the FAQ, unpublish, close, reject" })
  @Can.write("cells")
  async transitionConsultationQuestion(
    @Arg("id", () => ID, { description: "咨询 / The question" }) id: string,
    @Arg("action", () => QuestionActionKey, { description: "动作 / Action" }) action: QuestionActionKey,
    @Ctx() ctx: Context,
    @Arg("answer", () => String, { nullable: true, description: "答复（答复时）/ Answer (when answering)" }) answer?: string,
    @Arg("comment", () => String, { nullable: true, description: "理由（关闭、拒绝时）/ Reason (when closing or rejecting)" }) comment?: string,
    @Arg("faqTitle", () => String, { nullable: true, description: "常见问题中显示的问题（公开时，可改写）/ The question as shown in the FAQ (when publishing)" }) faqTitle?: string,
  ): Promise<ConsultationQuestionPayload> {
    const qid = idOf("ConsultationQuestion", id, "id");
    if ((answer?.length ?? 0) > 20000) throw badInput("answer", "at most 5000 characters");
    if ((comment?.length ?? 0) > 2000) throw badInput("comment", "at most 2000 characters");
    if ((faqTitle?.length ?? 0) > 400) throw badInput("faqTitle", "at most 100 characters");
    const q = await questionById(ctx.db, qid);
    if (!q) throw notFound("question");
    requireInScope(ctx.principal, { districtId: q.districtId });
    const r = await runMutation(ctx, "transitionConsultationQuestion", { id, action }, async (w) => ({
      question: (await transitionQuestion(w, qid, { action: action as QuestionAction, answer, comment, faqTitle })) as unknown as ConsultationQuestion,
    }));
    return { question: r.question ?? null, userErrors: r.userErrors };
  }

  // ——— publicity ———

  @Query(() => PublicityActivityConnection, { description: "宣传活动 / Publicity activities", complexity: connectionComplexity })
  @Can.read("cells")
  async publicityActivities(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg("filter", () => PublicityFilter, { nullable: true }) filter?: PublicityFilter) {
    const f = filter ?? {};
    const d = f.districtId ? idOf("District", f.districtId, "filter.districtId") : undefined;
    return paginate({
      db: ctx.db,
      table: publicityActivities,
      id: publicityActivities.id,
      orderBy: f.updatedSince ? publicityActivities.updatedAt : publicityActivities.startDate,
      ascending: !!f.updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: publicityActivities.districtId }),
        d ? eq(publicityActivities.districtId, d) : undefined,
        f.kind ? eq(publicityActivities.kind, f.kind) : undefined,
        f.from ? gte(publicityActivities.startDate, f.from) : undefined,
        f.to ? lt(publicityActivities.startDate, f.to) : undefined,
        f.updatedSince ? gte(publicityActivities.updatedAt, f.updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => AwarenessSurveyConnection, { description: "知晓率调查 / Awareness surveys", complexity: connectionComplexity })
  @Can.read("cells")
  async awarenessSurveys(
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
    @Arg("updatedSince", () => GraphQLDateTime, { nullable: true, description: "增量同步：此时间之后变更的记录（按变更时间升序）/ Incremental sync: records changed since (oldest first)" }) updatedSince?: Date,
  ) {
    const d = optionalIdOf("District", districtId, "districtId");
    return paginate({
      db: ctx.db,
      table: awarenessSurveys,
      id: awarenessSurveys.id,
      orderBy: updatedSince ? awarenessSurveys.updatedAt : awarenessSurveys.surveyedOn,
      ascending: !!updatedSince,
      where: [
        ...scopeWhere(ctx.principal, { district: awarenessSurveys.districtId }),
        d ? eq(awarenessSurveys.districtId, d) : undefined,
        updatedSince ? gte(awarenessSurveys.updatedAt, updatedSince) : undefined,
      ],
      first: page.first,
      after: page.after,
    });
  }

  @Query(() => PublicitySummary, { description: "宣传汇总（活动开始日期在 [from, to) 内）/ Publicity totals for activities starting in [from, to)" })
  @Can.read("cells")
  async publicitySummary(
    @Ctx() ctx: Context,
    @Arg("from", () => String, { description: "起始日期 YYYY-MM-DD / From" }) from: string,
    @Arg("to", () => String, { description: "截止日期（不含）/ To (exclusive)" }) to: string,
    @Arg("districtId", () => ID, { nullable: true, description: "区县 / District" }) districtId?: string,
  ): Promise<PublicitySummary> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) throw badInput("from", "a date YYYY-MM-DD");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(to)) throw badInput("to", "a date YYYY-MM-DD");
    let d = optionalIdOf("District", districtId, "districtId") ?? null;
    if (ctx.principal.districtId != null) d = ctx.principal.districtId;
    return publicitySummary(ctx.db, { districtId: d, from, to });
  }

  @Mutation(() => PublicityActivityPayload, { description: "记录宣传活动（工作人员）/ Record a publicity activity (staff)" })
  @Can.write("cells")
  async recordPublicityActivity(@Arg("input", () => RecordPublicityActivityInput) input: RecordPublicityActivityInput, @Ctx() ctx: Context): Promise<PublicityActivityPayload> {
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    const r = await runMutation(ctx, "recordPublicityActivity", input, async (w) => ({ activity: (await recordActivity(w, { ...input, districtId })) as unknown as PublicityActivity }));
    return { activity: r.activity ?? null, userErrors: r.userErrors };
  }

  @Mutation(() => AwarenessSurveyPayload, { description: "记录知晓率调查（工作人员）/ Record an awareness survey (staff)" })
  @Can.write("cells")
  async recordAwarenessSurvey(@Arg("input", () => RecordAwarenessSurveyInput) input: RecordAwarenessSurveyInput, @Ctx() ctx: Context): Promise<AwarenessSurveyPayload> {
    const districtId = await districtIdOf(ctx.db, input.districtId, "input.districtId");
    const r = await runMutation(ctx, "recordAwarenessSurvey", input, async (w) => ({ survey: (await recordSurvey(w, { ...input, districtId })) as unknown as AwarenessSurvey }));
    return { survey: r.survey ?? null, userErrors: r.userErrors };
  }
}

@Resolver(() => AcademyItem)
export class AcademyItemFieldResolver {
  @FieldResolver(() => [AcademyLesson], { description: "课程章节 / Lessons" })
  lessons(@Root() a: AcademyRow) {
    return a.lessons ?? [];
  }
}

@Resolver(() => ConsultationQuestion)
export class ConsultationQuestionFieldResolver {
  @FieldResolver(() => District, { nullable: true, description: "区县 / District" })
  async district(@Root() q: QuestionRow, @Ctx() ctx: Context) {
    return districtOf(ctx, q.districtId);
  }
  @FieldResolver(() => CellUnit, { nullable: true, description: "提问单位 / The unit that asked" })
  async unit(@Root() q: QuestionRow, @Ctx() ctx: Context) {
    return q.unitId ? unitLoader(ctx).load(q.unitId) : null;
  }
}

@Resolver(() => PublicityActivity)
export class PublicityActivityFieldResolver {
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() a: ActivityRow, @Ctx() ctx: Context) {
    return districtOf(ctx, a.districtId);
  }
}

@Resolver(() => AwarenessSurvey)
export class AwarenessSurveyFieldResolver {
  @FieldResolver(() => District, { description: "区县 / District" })
  async district(@Root() a: SurveyRow, @Ctx() ctx: Context) {
    return districtOf(ctx, a.districtId);
  }
}

export const engageResolvers = [EngageResolver, AcademyItemFieldResolver, ConsultationQuestionFieldResolver, PublicityActivityFieldResolver, AwarenessSurveyFieldResolver] as const;

export { desc };
