/**
 * Tables of the zero-waste cells and construction-tracking stream (schema "cells"):
 *  - 无废细胞 zero-waste cells: cell types with versioned 100-point checklists, units (the
 *    organisations that apply), applications with their per-item assessment, certificate counters;
 *  - 建设跟踪 construction tracking: the indicator system (groups, indicators, yearly targets per
 *    district, quarterly actuals), its status read model, the zero-waste index (浙江无废指数) per
 *    district and quarter with its components, the province's published city ranking, and the
 *    departments' task lists (任务清单);
 *  - 无废学院 academy items and 咨询查询 consultation questions (both searchable in Chinese);
 *  - publicity activities and awareness surveys;
 *  - rollups (daily and stock counters) kept current in the same transactions as the writes,
 *    read by the leadership overview.
 */
import { sql } from "drizzle-orm";
import { boolean, check, customType, date, index, integer, jsonb, numeric, pgSchema, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments, districts, users } from "../core/tables.js";

export const cellsSchema = pgSchema("cells");

const ts = () => timestamp({ withTimezone: true, mode: "date" });
/** A tsvector maintained by the services (CJK unigrams + bigrams, see search.ts). */
const tsvector = customType<{ data: string; driverData: string }>({
  dataType() {
    return "tsvector";
  },
});

// ——— zero-waste cells (无废细胞) ———

/** 无废细胞类型 — school, hospital, hotel, …; each with its checklist, pass mark and validity. */
export const cellTypes = cellsSchema.table(
  "cell_types",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    /** Pass mark out of 100 (合格线), configurable by the office; 85 by default. */
    passMark: numeric({ precision: 5, scale: 1 }).notNull().default("85"),
    /** Years a certificate is valid before re-assessment (有效期). */
    validityYears: integer().notNull().default(3),
    /** The checklist version new applications are assessed against. */
    checklistVersion: integer().notNull().default(1),
    sort: integer().notNull().default(0),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    check("cell_types_pass_mark", sql`${t.passMark} > 0 and ${t.passMark} <= 100`),
    check("cell_types_validity", sql`${t.validityYears} between 1 and 10`),
  ],
);

/** 评分细则 — one item of a cell type's 100-point checklist (versioned; a used version never changes). */
export const checklistItems = cellsSchema.table(
  "checklist_items",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cellTypeId: integer()
      .notNull()
      .references(() => cellTypes.id),
    version: integer().notNull(),
    seq: integer().notNull(),
    code: text().notNull(),
    titleZh: text().notNull(),
    titleEn: text().notNull(),
    points: integer().notNull(),
    /** What evidence the unit must show (佐证材料). */
    evidenceZh: text().notNull(),
    evidenceEn: text().notNull(),
    /** How it is checked: RECORDS (资料审核), SITE_CHECK (现场检查), RESIDENT_OPINION (群众意见). */
    method: text().notNull().$type<"RECORDS" | "SITE_CHECK" | "RESIDENT_OPINION">(),
  },
  (t) => [
    uniqueIndex("checklist_items_type_version_code").on(t.cellTypeId, t.version, t.code),
    check("checklist_items_points", sql`${t.points} > 0 and ${t.points} <= 100`),
    check("checklist_items_method", sql`${t.method} in ('RECORDS','SITE_CHECK','RESIDENT_OPINION')`),
  ],
);

/** 创建目标 — how many certified cells a district should have by the end of a year (per type, or all types). */
export const cellTargets = cellsSchema.table(
  "cell_targets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    year: integer().notNull(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    /** null = all types together (e.g. "at least 50 per county"). */
    cellTypeId: integer().references(() => cellTypes.id),
    target: integer().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("cell_targets_key").on(t.year, t.districtId, sql`coalesce(${t.cellTypeId}, 0)`), check("cell_targets_nonneg", sql`${t.target} >= 0`)],
);

export type CellStatus = "NONE" | "APPLYING" | "CERTIFIED" | "EXPIRED" | "REVOKED";

/** 创建单位 — a school, hospital, hotel, … that applies to become a zero-waste cell (org kind cells.unit). */
export const units = cellsSchema.table(
  "units",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    cellTypeId: integer()
      .notNull()
      .references(() => cellTypes.id),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    address: text().notNull().default(""),
    lon: numeric({ precision: 10, scale: 6 }),
    lat: numeric({ precision: 10, scale: 6 }),
    contactName: text().notNull().default(""),
    contactPhone: text().notNull().default(""),
    /** 统一社会信用代码 (optional). */
    creditCode: text(),
    /** Denormalised from the applications, kept in the same transaction: the unit's cell status now. */
    cellStatus: text().notNull().default("NONE").$type<CellStatus>(),
    certificateNo: text(),
    certifiedUntil: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("units_name_district").on(t.districtId, t.name),
    index("units_type_idx").on(t.cellTypeId, t.id),
    index("units_status_idx").on(t.cellStatus, t.districtId),
    index("units_updated_idx").on(t.updatedAt, t.id),
    index("units_name_trgm").using("gin", t.name.op("gin_trgm_ops")),
    check("units_status_check", sql`${t.cellStatus} in ('NONE','APPLYING','CERTIFIED','EXPIRED','REVOKED')`),
  ],
);

export type ApplicationStatus = "DRAFT" | "SUBMITTED" | "UNDER_REVIEW" | "CERTIFIED" | "REJECTED" | "WITHDRAWN" | "EXPIRED" | "REVOKED" | "SUPERSEDED";

/** 无废细胞创建申请 — an application (first assessment or re-assessment) and, once certified, the certificate. */
export const applications = cellsSchema.table(
  "applications",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull().unique(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    cellTypeId: integer()
      .notNull()
      .references(() => cellTypes.id),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    kind: text().notNull().default("NEW").$type<"NEW" | "REASSESSMENT">(),
    previousApplicationId: integer(),
    checklistVersion: integer().notNull(),
    /** Pass mark fixed when the review starts (a later change of the type's mark does not move it). */
    passMark: numeric({ precision: 5, scale: 1 }).notNull(),
    status: text().notNull().default("DRAFT").$type<ApplicationStatus>(),
    /** The unit's own summary of its work (创建情况说明). */
    summary: text().notNull().default(""),
    submittedAt: ts(),
    reviewStartedAt: ts(),
    reviewerId: integer().references(() => users.id),
    totalScore: numeric({ precision: 5, scale: 1 }),
    decidedAt: ts(),
    decisionComment: text(),
    /** 认定级别: CITY (市级) or PROVINCIAL (省级, e.g. the People's Hospital's provincial plaque). */
    level: text().notNull().default("CITY").$type<"CITY" | "PROVINCIAL">(),
    certificateNo: text().unique(),
    certifiedAt: ts(),
    validUntil: ts(),
    expiredAt: ts(),
    revokedAt: ts(),
    revokeReason: text(),
    createdBy: integer().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("applications_one_open_per_unit").on(t.unitId).where(sql`${t.status} in ('DRAFT','SUBMITTED','UNDER_REVIEW')`),
    uniqueIndex("applications_one_certified_per_unit").on(t.unitId).where(sql`${t.status} = 'CERTIFIED'`),
    index("applications_status_idx").on(t.status, t.districtId, t.id),
    index("applications_unit_idx").on(t.unitId, t.id),
    index("applications_district_idx").on(t.districtId, t.id),
    index("applications_valid_until_idx").on(t.validUntil).where(sql`${t.status} = 'CERTIFIED'`),
    index("applications_updated_idx").on(t.updatedAt, t.id),
    check("applications_status_check", sql`${t.status} in ('DRAFT','SUBMITTED','UNDER_REVIEW','CERTIFIED','REJECTED','WITHDRAWN','EXPIRED','REVOKED','SUPERSEDED')`),
    check("applications_kind_check", sql`${t.kind} in ('NEW','REASSESSMENT')`),
    check("applications_level_check", sql`${t.level} in ('CITY','PROVINCIAL')`),
    check("applications_score_range", sql`${t.totalScore} is null or (${t.totalScore} >= 0 and ${t.totalScore} <= 100)`),
    check("applications_certified_has_certificate", sql`${t.status} <> 'CERTIFIED' or (${t.certificateNo} is not null and ${t.validUntil} is not null)`),
  ],
);

/** 逐项评分 — one checklist item of one application: the unit's evidence and self-score, the reviewer's score. */
export const assessmentItems = cellsSchema.table(
  "assessment_items",
  {
    applicationId: integer()
      .notNull()
      .references(() => applications.id),
    itemId: integer()
      .notNull()
      .references(() => checklistItems.id),
    seq: integer().notNull(),
    /** The item's points, copied so the database itself refuses a score above them. */
    maxPoints: integer().notNull(),
    selfScore: numeric({ precision: 5, scale: 1 }),
    unitEvidence: text().notNull().default(""),
    score: numeric({ precision: 5, scale: 1 }),
    reviewEvidence: text().notNull().default(""),
    comment: text().notNull().default(""),
    scoredBy: integer().references(() => users.id),
    scoredAt: ts(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.itemId] }),
    check("assessment_score_range", sql`${t.score} is null or (${t.score} >= 0 and ${t.score} <= ${t.maxPoints})`),
    check("assessment_self_score_range", sql`${t.selfScore} is null or (${t.selfScore} >= 0 and ${t.selfScore} <= ${t.maxPoints})`),
  ],
);

/** Certificate number sequence per year and cell type (concurrency-safe through the upsert's row lock). */
export const certificateCounters = cellsSchema.table(
  "certificate_counters",
  {
    year: integer().notNull(),
    cellTypeId: integer().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.cellTypeId] })],
);

/** Application-number sequence per year. */
export const numberCounters = cellsSchema.table(
  "number_counters",
  {
    scope: text().notNull(),
    year: integer().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.year] })],
);

// ——— read models for the overview ———

/**
 * Daily counters (Asia/Shanghai days): e.g. ("cells.certified", day, district, cell type code) or
 * ("consultation.asked", day, district|0, category). Bumped in the same transaction as the write.
 */
export const dailyCounts = cellsSchema.table(
  "daily_counts",
  {
    metric: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    districtId: integer().notNull(),
    dim: text().notNull().default(""),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.metric, t.day, t.districtId, t.dim] }), index("daily_counts_day_idx").on(t.metric, t.day)],
);

/**
 * Stock counters (how many are in some state now): e.g. ("application.status", district, "HOSPITAL:CERTIFIED")
 * or ("task.overdue", district|0, department code). Kept current in the transactions that change the state.
 */
export const stockCounts = cellsSchema.table(
  "stock_counts",
  {
    metric: text().notNull(),
    districtId: integer().notNull(),
    dim: text().notNull().default(""),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.metric, t.districtId, t.dim] }), check("stock_counts_nonneg", sql`${t.n} >= 0`)],
);

// ——— construction tracking (建设跟踪): indicator system ———

/** 一级指标 — the five groups of the indicator system, with their weight in the zero-waste index. */
export const indicatorGroups = cellsSchema.table(
  "indicator_groups",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    /** Weight of the group in the index; the weights of all groups add up to 1. */
    weight: numeric({ precision: 5, scale: 4 }).notNull(),
    sort: integer().notNull(),
  },
  (t) => [check("indicator_groups_weight", sql`${t.weight} >= 0 and ${t.weight} <= 1`)],
);

/** 指标 — a third-level indicator of the 14th Five-Year plan's indicator system. */
export const indicators = cellsSchema.table(
  "indicators",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    groupId: integer()
      .notNull()
      .references(() => indicatorGroups.id),
    /** 二级指标 (second-level heading). */
    categoryZh: text().notNull(),
    categoryEn: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    unit: text().notNull(),
    direction: text().notNull().$type<"HIGHER_BETTER" | "LOWER_BETTER">(),
    mandatory: boolean().notNull().default(false),
    /** 计算方法 in words. */
    formula: text().notNull().default(""),
    responsibleDepartmentId: integer()
      .notNull()
      .references(() => departments.id),
    /** Weight inside its group for the index (relative; normalised over the indicators with a target). */
    weight: numeric({ precision: 6, scale: 3 }).notNull().default("1"),
    inIndex: boolean().notNull().default(true),
    /** 基准值 (2020) for the city. */
    baseline: numeric({ precision: 20, scale: 4 }),
    sort: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("indicators_group_idx").on(t.groupId, t.sort),
    index("indicators_department_idx").on(t.responsibleDepartmentId),
    index("indicators_updated_idx").on(t.updatedAt, t.id),
    check("indicators_direction", sql`${t.direction} in ('HIGHER_BETTER','LOWER_BETTER')`),
    check("indicators_weight", sql`${t.weight} >= 0`),
  ],
);

/** 年度目标 — an indicator's target for one year, for the city (330600) or one district. */
export const indicatorTargets = cellsSchema.table(
  "indicator_targets",
  {
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    year: integer().notNull(),
    target: numeric({ precision: 20, scale: 4 }).notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.districtId, t.year] }), check("indicator_targets_year", sql`${t.year} between 2000 and 2100`)],
);

/**
 * 指标完成值 — the value of an indicator for one district at the end of a quarter, reported by the
 * responsible department with evidence. Rates and stocks are "as of" the quarter's end (year to date).
 */
export const indicatorActuals = cellsSchema.table(
  "indicator_actuals",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    year: integer().notNull(),
    quarter: integer().notNull(),
    value: numeric({ precision: 20, scale: 4 }).notNull(),
    evidence: text().notNull(),
    note: text().notNull().default(""),
    departmentId: integer().references(() => departments.id),
    reportedBy: integer().references(() => users.id),
    reportedByLabel: text().notNull(),
    reportedAt: ts().notNull().defaultNow(),
    /** 1 for the first report; each correction adds one (previous values are in the audit log). */
    revision: integer().notNull().default(1),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("indicator_actuals_key").on(t.indicatorId, t.districtId, t.year, t.quarter),
    index("indicator_actuals_period_idx").on(t.year, t.quarter, t.districtId),
    index("indicator_actuals_updated_idx").on(t.updatedAt, t.id),
    check("indicator_actuals_quarter", sql`${t.quarter} between 1 and 4`),
    check("indicator_actuals_year", sql`${t.year} between 2000 and 2100`),
  ],
);

export type TrackStatus = "NO_DATA" | "ACHIEVED" | "ON_TRACK" | "AT_RISK" | "OFF_TRACK";

/** Read model: each indicator's standing for a district and year (see progress.ts for the rule). */
export const indicatorStatus = cellsSchema.table(
  "indicator_status",
  {
    indicatorId: integer().notNull(),
    districtId: integer().notNull(),
    year: integer().notNull(),
    latestQuarter: integer(),
    latestValue: numeric({ precision: 20, scale: 4 }),
    target: numeric({ precision: 20, scale: 4 }),
    expected: numeric({ precision: 20, scale: 4 }),
    progressPct: numeric({ precision: 6, scale: 2 }),
    status: text().notNull().$type<TrackStatus>(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.districtId, t.year] }), index("indicator_status_year_idx").on(t.year, t.districtId, t.status)],
);

/** 无废指数 — a district's (or the city's) zero-waste index for a quarter, with its rank among the districts. */
export const indexScores = cellsSchema.table(
  "index_scores",
  {
    districtId: integer().notNull(),
    year: integer().notNull(),
    quarter: integer().notNull(),
    value: numeric({ precision: 6, scale: 2 }).notNull(),
    /** Rank among the six districts (1 = best); null for the city row. */
    rank: integer(),
    /** Group code → group score (0–100). */
    groupScores: jsonb().notNull().$type<Record<string, string>>(),
    /** Share of the index's indicators that had a value (0–1). */
    coverage: numeric({ precision: 5, scale: 4 }).notNull(),
    computedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.year, t.quarter] }), index("index_scores_period_idx").on(t.year, t.quarter)],
);

/** Drill-down: the indicators behind an index value. */
export const indexComponents = cellsSchema.table(
  "index_components",
  {
    districtId: integer().notNull(),
    year: integer().notNull(),
    quarter: integer().notNull(),
    indicatorId: integer().notNull(),
    actual: numeric({ precision: 20, scale: 4 }),
    /** Quarter the value came from (carried forward within the year). */
    actualQuarter: integer(),
    target: numeric({ precision: 20, scale: 4 }),
    score: numeric({ precision: 6, scale: 2 }).notNull(),
    /** Effective weight in the index (group weight × share in group). */
    weight: numeric({ precision: 8, scale: 6 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.year, t.quarter, t.indicatorId] })],
);

/** 浙江无废指数 as published by the province for its cities (Shaoxing was 3rd). Entered by the office. */
export const provincialIndex = cellsSchema.table(
  "provincial_index",
  {
    year: integer().notNull(),
    quarter: integer().notNull(),
    cityZh: text().notNull(),
    cityEn: text().notNull(),
    value: numeric({ precision: 6, scale: 2 }).notNull(),
    rank: integer().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.year, t.quarter, t.cityZh] }), check("provincial_index_quarter", sql`${t.quarter} between 1 and 4`)],
);

export type TaskStatus = "OPEN" | "SUBMITTED" | "CLOSED" | "CANCELLED";

/** 任务清单 — a task of a department's list: owner, deadline, evidence, closed (销号) by the office. */
export const trackingTasks = cellsSchema.table(
  "tracking_tasks",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    title: text().notNull(),
    description: text().notNull().default(""),
    departmentId: integer()
      .notNull()
      .references(() => departments.id),
    /** null = a city-level task. */
    districtId: integer().references(() => districts.id),
    owner: text().notNull(),
    year: integer().notNull(),
    deadline: date({ mode: "string" }).notNull(),
    status: text().notNull().default("OPEN").$type<TaskStatus>(),
    evidence: text().notNull().default(""),
    submittedAt: ts(),
    submittedBy: integer().references(() => users.id),
    returnedReason: text(),
    closedAt: ts(),
    closedBy: integer().references(() => users.id),
    closingNote: text(),
    /** Set by the overdue job (deadline passed, not closed); cleared when closed or moved. */
    overdue: boolean().notNull().default(false),
    overdueSince: date({ mode: "string" }),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("tracking_tasks_department_idx").on(t.departmentId, t.status, t.deadline),
    index("tracking_tasks_district_idx").on(t.districtId, t.id),
    index("tracking_tasks_due_idx").on(t.deadline).where(sql`${t.status} in ('OPEN','SUBMITTED')`),
    index("tracking_tasks_updated_idx").on(t.updatedAt, t.id),
    check("tracking_tasks_status", sql`${t.status} in ('OPEN','SUBMITTED','CLOSED','CANCELLED')`),
  ],
);

// ——— academy (无废学院) ———

export type AcademyStatus = "DRAFT" | "IN_REVIEW" | "PUBLISHED" | "ARCHIVED";

/** 无废学院 — an article, policy document or course; searchable in Chinese once published. */
export const academyItems = cellsSchema.table(
  "academy_items",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull().$type<"ARTICLE" | "POLICY" | "COURSE">(),
    title: text().notNull(),
    summary: text().notNull().default(""),
    /** Plain text (paragraphs separated by blank lines); never rendered as HTML. */
    body: text().notNull().default(""),
    category: text().notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    author: text().notNull().default(""),
    /** 发布机关 / source of a policy or article. */
    source: text().notNull().default(""),
    /** 文号 of a policy document. */
    docNumber: text(),
    issuedOn: date({ mode: "string" }),
    /** Courses: total minutes and lessons. */
    durationMinutes: integer(),
    lessons: jsonb().$type<{ title: string; minutes: number }[]>(),
    status: text().notNull().default("DRAFT").$type<AcademyStatus>(),
    authorId: integer().references(() => users.id),
    reviewComment: text(),
    submittedAt: ts(),
    publishedAt: ts(),
    publishedBy: integer().references(() => users.id),
    archivedAt: ts(),
    searchVector: tsvector().notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("academy_search_idx").using("gin", t.searchVector),
    index("academy_tags_idx").using("gin", t.tags),
    index("academy_status_idx").on(t.status, t.publishedAt, t.id),
    index("academy_updated_idx").on(t.updatedAt, t.id),
    check("academy_kind", sql`${t.kind} in ('ARTICLE','POLICY','COURSE')`),
    check("academy_status", sql`${t.status} in ('DRAFT','IN_REVIEW','PUBLISHED','ARCHIVED')`),
  ],
);

// ——— consultation (咨询查询) ———

export type QuestionStatus = "NEW" | "ANSWERED" | "PUBLISHED" | "CLOSED" | "REJECTED";

/** 咨询 — a question from the public or a unit; answered by staff; published answers form the FAQ. */
export const questions = cellsSchema.table(
  "questions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull().unique(),
    /** sha-256 of the tracking code given to the asker (to check the answer without an account). */
    trackingHash: text().notNull(),
    askerKind: text().notNull().$type<"PUBLIC" | "UNIT">(),
    askerName: text().notNull().default(""),
    /** Phone or e-mail; seen by staff only. */
    contact: text().notNull().default(""),
    unitId: integer().references(() => units.id),
    districtId: integer().references(() => districts.id),
    category: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    status: text().notNull().default("NEW").$type<QuestionStatus>(),
    answer: text(),
    answeredBy: integer().references(() => users.id),
    answeredAt: ts(),
    /** The question as shown in the FAQ (edited by staff; defaults to the title). */
    faqTitle: text(),
    publishedAt: ts(),
    closedReason: text(),
    /** sha-256 of the client address (never the address itself). */
    clientHash: text().notNull(),
    /** sha-256 of the normalised content, for refusing duplicate floods. */
    contentHash: text().notNull(),
    searchVector: tsvector().notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("questions_client_idx").on(t.clientHash, t.createdAt),
    index("questions_content_idx").on(t.contentHash, t.createdAt),
    index("questions_status_idx").on(t.status, t.id),
    index("questions_search_idx").using("gin", t.searchVector),
    index("questions_updated_idx").on(t.updatedAt, t.id),
    check("questions_status", sql`${t.status} in ('NEW','ANSWERED','PUBLISHED','CLOSED','REJECTED')`),
    check("questions_kind", sql`${t.askerKind} in ('PUBLIC','UNIT')`),
  ],
);

// ——— publicity (宣传) ———

/** 宣传活动 — an event or campaign: materials handed out and participants. */
export const publicityActivities = cellsSchema.table(
  "publicity_activities",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    title: text().notNull(),
    kind: text().notNull().$type<"EVENT" | "CAMPAIGN" | "SCHOOL" | "COMMUNITY" | "MEDIA" | "TRAINING">(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    organiser: text().notNull(),
    departmentId: integer().references(() => departments.id),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    location: text().notNull().default(""),
    participants: integer().notNull().default(0),
    posters: integer().notNull().default(0),
    leaflets: integer().notNull().default(0),
    otherMaterials: integer().notNull().default(0),
    description: text().notNull().default(""),
    createdBy: integer().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("publicity_district_idx").on(t.districtId, t.startDate),
    index("publicity_start_idx").on(t.startDate, t.id),
    index("publicity_updated_idx").on(t.updatedAt, t.id),
    check("publicity_kind", sql`${t.kind} in ('EVENT','CAMPAIGN','SCHOOL','COMMUNITY','MEDIA','TRAINING')`),
    check("publicity_dates", sql`${t.endDate} >= ${t.startDate}`),
    check("publicity_counts", sql`${t.participants} >= 0 and ${t.posters} >= 0 and ${t.leaflets} >= 0 and ${t.otherMaterials} >= 0`),
  ],
);

/** 知晓率调查 — an awareness / participation / satisfaction survey. */
export const awarenessSurveys = cellsSchema.table(
  "awareness_surveys",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    surveyedOn: date({ mode: "string" }).notNull(),
    population: text().notNull(),
    sampleSize: integer().notNull(),
    awarenessPct: numeric({ precision: 5, scale: 2 }).notNull(),
    participationPct: numeric({ precision: 5, scale: 2 }),
    satisfactionPct: numeric({ precision: 5, scale: 2 }),
    note: text().notNull().default(""),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("awareness_district_idx").on(t.districtId, t.surveyedOn),
    index("awareness_updated_idx").on(t.updatedAt, t.id),
    check("awareness_sample", sql`${t.sampleSize} > 0`),
    check("awareness_range", sql`${t.awarenessPct} between 0 and 100 and coalesce(${t.participationPct}, 0) between 0 and 100 and coalesce(${t.satisfactionPct}, 0) between 0 and 100`),
  ],
);
