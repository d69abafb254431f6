/**
 * Core tables (schema "core"): reference data, identity and access, audit, the event outbox,
 * and the alert and case models every stream shares.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  doublePrecision,
  real,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const core = pgSchema("core");

const ts = (name?: string) => (name ? timestamp(name, { withTimezone: true, mode: "date" }) : timestamp({ withTimezone: true, mode: "date" }));

/** 行政区划 — the city and its six districts/counties; id is the adcode. */
export const districts = core.table("districts", {
  id: integer().primaryKey(),
  code: text().notNull().unique(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  level: text().notNull().$type<"CITY" | "DISTRICT">(),
  sort: integer().notNull(),
});

/** 部门 — lead departments and member units; `streams` are the waste streams it works in. */
export const departments = core.table("departments", {
  id: integer().primaryKey(),
  code: text().notNull().unique(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  streams: text().array().notNull().default(sql`'{}'::text[]`),
  sort: integer().notNull(),
});

export const users = core.table(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    username: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    role: text().notNull().$type<"ADMIN" | "LEADERSHIP" | "STAFF" | "OPERATOR">(),
    departmentId: integer().references(() => departments.id),
    /** null = city level (sees all districts). */
    districtId: integer().references(() => districts.id),
    /** OPERATOR accounts: which organisation they act for, e.g. ("construction.company", 12). */
    orgKind: text(),
    orgId: integer(),
    active: boolean().notNull().default(true),
    demo: boolean().notNull().default(false),
    failedLogins: integer().notNull().default(0),
    lockedUntil: ts(),
    lastLoginAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_key").on(sql`lower(${t.username})`),
    check("users_role_check", sql`${t.role} in ('ADMIN','LEADERSHIP','STAFF','OPERATOR')`),
    check("users_staff_department", sql`${t.role} <> 'STAFF' or ${t.departmentId} is not null`),
    check("users_operator_org", sql`${t.role} <> 'OPERATOR' or (${t.orgKind} is not null and ${t.orgId} is not null)`),
  ],
);

/** Bearer tokens; only a hash of the token is stored. */
export const sessions = core.table(
  "sessions",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull().unique(),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    revokedAt: ts(),
    lastUsedAt: ts(),
    ip: text(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** API keys for third parties: the secret is shown once and stored hashed. */
export const apiKeys = core.table(
  "api_keys",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    prefix: text().notNull().unique(),
    secretHash: text().notNull(),
    scopes: text().array().notNull(),
    /** Restricts the key to one district's records; null = city-wide. */
    districtId: integer().references(() => districts.id),
    /** A key acting for one organisation (a device vendor's station, a merchant, a company). */
    orgKind: text(),
    orgId: integer(),
    /** Cost budget: bucket size and refill per second (issue: third-party programme). */
    rateLimitBurst: integer().notNull().default(20000),
    rateLimitPerSecond: integer().notNull().default(200),
    createdBy: integer().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
    revokedAt: ts(),
    lastUsedAt: ts(),
  },
);

/** 审计日志 — one row per mutation, written in the mutation's transaction. */
export const auditLog = core.table(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: ts().notNull().defaultNow(),
    userId: integer(),
    apiKeyId: integer(),
    actor: text().notNull(),
    operation: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    action: text().notNull(),
    changes: jsonb(),
    requestId: text(),
    ip: text(),
  },
  (t) => [index("audit_entity_idx").on(t.entity, t.entityId), index("audit_at_idx").on(t.at), index("audit_user_idx").on(t.userId, t.at)],
);

/** Idempotency keys: a retried mutation with the same key returns the first answer. */
export const idempotencyKeys = core.table(
  "idempotency_keys",
  {
    principal: text().notNull(),
    key: text().notNull(),
    operation: text().notNull(),
    response: jsonb(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);

/**
 * 事件发件箱 — domain events written in the same transaction as the change that causes them.
 * Webhook delivery and live subscriptions read from here.
 */
export const events = core.table(
  "events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    type: text().notNull(),
    stream: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    districtId: integer(),
    orgKind: text(),
    orgId: integer(),
    payload: jsonb().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("events_type_idx").on(t.type, t.id), index("events_created_idx").on(t.createdAt)],
);

/**
 * 预警 — alerts raised by any stream's rules. One ongoing deviation is one alert: while an alert
 * with the same dedup key is not closed, a new occurrence only bumps it.
 */
export const alerts = core.table(
  "alerts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    stream: text().notNull(),
    rule: text().notNull(),
    severity: text().notNull().$type<"LOW" | "MEDIUM" | "HIGH">(),
    status: text().notNull().default("OPEN").$type<"OPEN" | "ACKNOWLEDGED" | "CLOSED">(),
    title: text().notNull(),
    detail: jsonb().notNull().default({}),
    subjectType: text().notNull(),
    subjectId: integer(),
    subjectLabel: text().notNull(),
    districtId: integer().references(() => districts.id),
    orgKind: text(),
    orgId: integer(),
    lon: numeric({ precision: 10, scale: 6 }),
    lat: numeric({ precision: 10, scale: 6 }),
    dedupKey: text().notNull(),
    occurrences: integer().notNull().default(1),
    raisedAt: ts().notNull().defaultNow(),
    lastSeenAt: ts().notNull().defaultNow(),
    acknowledgedAt: ts(),
    acknowledgedBy: integer(),
    closedAt: ts(),
    closedBy: integer(),
    disposition: text(),
    caseId: integer(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alerts_open_dedup_key").on(t.dedupKey).where(sql`${t.status} <> 'CLOSED'`),
    index("alerts_stream_status_idx").on(t.stream, t.status, t.raisedAt),
    index("alerts_district_idx").on(t.districtId, t.raisedAt),
    index("alerts_raised_idx").on(t.raisedAt),
    index("alerts_updated_idx").on(t.updatedAt, t.id),
    check("alerts_status_check", sql`${t.status} in ('OPEN','ACKNOWLEDGED','CLOSED')`),
    check("alerts_severity_check", sql`${t.severity} in ('LOW','MEDIUM','HIGH')`),
  ],
);

/** 执法案件 — enforcement cases, one model for every stream. Fines in yuan, exact. */
export const cases = core.table(
  "cases",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull().unique(),
    stream: text().notNull(),
    source: text().notNull().$type<"ALERT" | "PATROL" | "CAMPAIGN" | "INSPECTION" | "REPORT">(),
    campaign: text(),
    subjectType: text().notNull(),
    subjectId: integer(),
    subjectLabel: text().notNull(),
    districtId: integer()
      .notNull()
      .references(() => districts.id),
    orgKind: text(),
    orgId: integer(),
    violationType: text().notNull(),
    description: text().notNull().default(""),
    fineYuan: numeric({ precision: 14, scale: 2 }).notNull().default("0"),
    status: text().notNull().default("OPEN").$type<"OPEN" | "INVESTIGATING" | "DECIDED" | "CLOSED">(),
    alertId: integer(),
    openedAt: ts().notNull().defaultNow(),
    decidedAt: ts(),
    closedAt: ts(),
    createdBy: integer(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("cases_stream_opened_idx").on(t.stream, t.openedAt),
    index("cases_district_opened_idx").on(t.districtId, t.openedAt),
    index("cases_subject_idx").on(t.subjectType, t.subjectId),
    index("cases_updated_idx").on(t.updatedAt, t.id),
    check("cases_status_check", sql`${t.status} in ('OPEN','INVESTIGATING','DECIDED','CLOSED')`),
    check("cases_fine_nonneg", sql`${t.fineYuan} >= 0`),
  ],
);

/** 车辆最新位置 — the last known position of every tracked vehicle, for live maps. */
export const lastPositions = core.table(
  "last_positions",
  {
    stream: text().notNull(),
    vehicleId: integer().notNull(),
    terminalId: text().notNull(),
    plate: text().notNull(),
    at: ts().notNull(),
    lon: doublePrecision().notNull(),
    lat: doublePrecision().notNull(),
    speedKmh: real().notNull(),
    heading: real().notNull(),
    districtId: integer(),
    orgKind: text(),
    orgId: integer(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.stream, t.vehicleId] }), index("last_positions_at_idx").on(t.at)],
);

/** Platform settings kept in the database so every API process shares them (e.g. the signing secret). */
export const settings = core.table("settings", {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: ts().notNull().defaultNow(),
});

/** 导出任务 — asynchronous exports of large lists to CSV/XLSX. */
export const exportJobs = core.table(
  "export_jobs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    format: text().notNull().$type<"CSV" | "XLSX">(),
    language: text().notNull().default("zh-CN"),
    filter: jsonb().notNull().default({}),
    /** Snapshot of the requester's principal: the export sees what the requester may see. */
    principal: jsonb().notNull(),
    requestedBy: text().notNull(),
    status: text().notNull().default("QUEUED").$type<"QUEUED" | "RUNNING" | "DONE" | "FAILED">(),
    rowCount: integer().notNull().default(0),
    filePath: text(),
    fileBytes: bigint({ mode: "number" }),
    error: text(),
    createdAt: ts().notNull().defaultNow(),
    startedAt: ts(),
    finishedAt: ts(),
    expiresAt: ts(),
  },
  (t) => [index("export_jobs_status_idx").on(t.status, t.id), index("export_jobs_requested_idx").on(t.requestedBy, t.id)],
);

/**
 * Token buckets for rate limits (per API key by query cost; per client address for logins and public
 * endpoints), kept in the database so every API process shares them.
 */
export const rateBuckets = core.table("rate_buckets", {
  key: text().primaryKey(),
  tokens: doublePrecision().notNull(),
  lastAllowed: boolean().notNull().default(true),
  updatedAt: ts().notNull().defaultNow(),
});

/** Webhook subscriptions: an API key's endpoint and the event types it wants. */
export const webhookSubscriptions = core.table(
  "webhook_subscriptions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    apiKeyId: integer()
      .notNull()
      .references(() => apiKeys.id),
    url: text().notNull(),
    eventTypes: text().array().notNull(),
    /** HMAC-SHA256 signing secret (shown to the owner once; rotate to change). */
    secret: text().notNull(),
    active: boolean().notNull().default(true),
    disabledReason: text(),
    consecutiveFailures: integer().notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index("webhook_subscriptions_key_idx").on(t.apiKeyId)],
);

/** One row per (subscription, event): the delivery log and the retry queue. */
export const webhookDeliveries = core.table(
  "webhook_deliveries",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    subscriptionId: integer()
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    eventId: bigint({ mode: "number" })
      .notNull()
      .references(() => events.id),
    status: text().notNull().default("PENDING").$type<"PENDING" | "DELIVERED" | "FAILED">(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: ts().notNull().defaultNow(),
    lastAttemptAt: ts(),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_sub_event_key").on(t.subscriptionId, t.eventId),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
  ],
);

/**
 * 删除记录 — tombstones: a deleted record stays visible to incremental sync as (entity, id, deletedAt),
 * so third parties that copy lists with `updatedSince` also learn what disappeared.
 */
export const tombstones = core.table(
  "tombstones",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    entity: text().notNull(),
    entityId: text().notNull(),
    stream: text().notNull(),
    districtId: integer(),
    orgKind: text(),
    orgId: integer(),
    deletedAt: ts().notNull().defaultNow(),
  },
  (t) => [index("tombstones_entity_deleted_idx").on(t.entity, t.deletedAt, t.id)],
);
