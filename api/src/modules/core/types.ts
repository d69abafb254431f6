import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";
import { Connection } from "../../graphql/connection.js";
import { UserError } from "../../graphql/errors.js";
import { Node } from "../../graphql/node.js";

export enum StreamKey {
  construction = "construction",
  hazardous = "hazardous",
  recycling = "recycling",
  cells = "cells",
}
registerEnumType(StreamKey, {
  name: "Stream",
  description: "废物流 / Waste stream",
  valuesConfig: {
    construction: { description: "工程渣土/泥浆 / Construction spoil and mud" },
    hazardous: { description: "危险废物/工业固废 / Hazardous and industrial solid waste" },
    recycling: { description: "再生资源回收 / Renewable-resource recycling" },
    cells: { description: "无废细胞与建设跟踪 / Zero-waste cells and construction tracking" },
  },
});

export enum RoleKey {
  ADMIN = "ADMIN",
  LEADERSHIP = "LEADERSHIP",
  STAFF = "STAFF",
  OPERATOR = "OPERATOR",
}
registerEnumType(RoleKey, {
  name: "Role",
  description: "角色 / Role",
  valuesConfig: {
    ADMIN: { description: "系统管理员：管理用户和密钥 / Administrator: manages users and API keys" },
    LEADERSHIP: { description: "领导小组：只读全部 / Leadership group: reads everything, changes nothing" },
    STAFF: { description: "部门工作人员：本部门废物流、本区县记录 / Department staff: own stream, own district" },
    OPERATOR: { description: "企业账号：仅本单位记录 / Company account: own organisation's records only" },
  },
});

export enum DistrictLevel {
  CITY = "CITY",
  DISTRICT = "DISTRICT",
}
registerEnumType(DistrictLevel, { name: "DistrictLevel", description: "市级或区县级 / City or district/county level" });

export enum AlertStatusKey {
  OPEN = "OPEN",
  ACKNOWLEDGED = "ACKNOWLEDGED",
  CLOSED = "CLOSED",
}
registerEnumType(AlertStatusKey, { name: "AlertStatus", description: "预警状态：待处理 → 已确认 → 已关闭 / Alert status: open → acknowledged → closed" });

export enum SeverityKey {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
}
registerEnumType(SeverityKey, { name: "Severity", description: "严重程度 / Severity" });

export enum CaseStatusKey {
  OPEN = "OPEN",
  INVESTIGATING = "INVESTIGATING",
  DECIDED = "DECIDED",
  CLOSED = "CLOSED",
}
registerEnumType(CaseStatusKey, { name: "CaseStatus", description: "案件状态：立案 → 调查 → 决定 → 结案 / Case status: opened → investigating → decided → closed" });

export enum CaseSourceKey {
  ALERT = "ALERT",
  PATROL = "PATROL",
  CAMPAIGN = "CAMPAIGN",
  INSPECTION = "INSPECTION",
  REPORT = "REPORT",
}
registerEnumType(CaseSourceKey, { name: "CaseSource", description: "案件来源：预警、巡查、专项行动、检查、举报 / Case source: alert, patrol, campaign, inspection, public report" });

@ObjectType({ implements: Node, description: "行政区划（绍兴市及六个区、县（市））/ The city or one of its six districts/counties" })
export class District extends Node {
  @Field({ description: "代码，如 yuecheng / Short code such as yuecheng" })
  code: string;
  @Field({ description: "行政区划代码 / Administrative division code (adcode)" })
  adcode: string;
  @Field({ description: "中文名称 / Chinese name" })
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  nameEn: string;
  @Field(() => DistrictLevel, { description: "层级 / Level" })
  level: DistrictLevel;
}

@ObjectType({ implements: Node, description: "部门（牵头部门及成员单位）/ A department (lead department or member unit)" })
export class Department extends Node {
  @Field({ description: "代码 / Code" })
  code: string;
  @Field({ description: "中文名称 / Chinese name" })
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  nameEn: string;
  @Field(() => [StreamKey], { description: "负责的废物流 / Streams it works in" })
  streams: StreamKey[];
}

@ObjectType({ description: "所属单位（企业账号或绑定密钥）/ The organisation an account or key acts for" })
export class OrgRef {
  @Field({ description: "单位类型，如 construction.company / Organisation kind such as construction.company" })
  kind: string;
  @Field(() => ID, { description: "单位的全局 ID / Global ID of the organisation" })
  id: string;
  @Field(() => String, { nullable: true, description: "单位名称 / Organisation name" })
  name: string | null;
}

@ObjectType({ implements: Node, description: "用户 / A user account" })
export class User extends Node {
  @Field({ description: "登录名 / Login name" })
  username: string;
  @Field({ description: "姓名 / Display name" })
  displayName: string;
  @Field(() => RoleKey, { description: "角色 / Role" })
  role: RoleKey;
  @Field({ description: "是否启用 / Whether the account is active" })
  active: boolean;
  @Field({ description: "是否演示账号 / Whether this is a demo account" })
  demo: boolean;
  @Field(() => GraphQLDateTime, { nullable: true, description: "最近登录时间 / Last sign-in" })
  lastLoginAt: Date | null;
  @Field(() => GraphQLDateTime, { description: "创建时间 / Created at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  departmentId: number | null;
  districtId: number | null;
  orgKind: string | null;
  orgId: number | null;
}

@ObjectType({ implements: Node, description: "第三方 API 密钥（密钥只在创建时显示一次）/ A third-party API key (the secret is shown once, at creation)" })
export class ApiKey extends Node {
  @Field({ description: "名称 / Name" })
  name: string;
  @Field({ description: "公开前缀（用于识别）/ Public prefix that identifies the key" })
  prefix: string;
  @Field(() => [String], { description: "权限范围，如 construction:read / Scopes such as construction:read" })
  scopes: string[];
  @Field(() => Int, { description: "成本桶容量 / Cost bucket size" })
  rateLimitBurst: number;
  @Field(() => Int, { description: "每秒回填的成本 / Cost refilled per second" })
  rateLimitPerSecond: number;
  @Field(() => GraphQLDateTime, { description: "创建时间 / Created at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "吊销时间 / Revoked at" })
  revokedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "最近使用时间 / Last used at" })
  lastUsedAt: Date | null;
  districtId: number | null;
  orgKind: string | null;
  orgId: number | null;
}

@ObjectType({ implements: Node, description: "审计记录：每次变更一条 / Audit record: one per mutation" })
export class AuditEntry extends Node {
  @Field(() => GraphQLDateTime, { description: "时间 / When" })
  at: Date;
  @Field({ description: "操作者（用户或密钥）/ Who (user or key)" })
  actor: string;
  @Field({ description: "操作（变更名）/ Operation (mutation name)" })
  operation: string;
  @Field({ description: "对象类型 / Entity type" })
  entity: string;
  @Field(() => String, { nullable: true, description: "对象 ID / Entity id" })
  entityId: string | null;
  @Field({ description: "动作 / Action" })
  action: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "变更的字段 / Changed fields" })
  changes: Record<string, unknown> | null;
  @Field(() => String, { nullable: true, description: "请求 ID / Request id" })
  requestId: string | null;
  @Field(() => String, { nullable: true, description: "客户端地址 / Client address" })
  ip: string | null;
}

@ObjectType({ implements: Node, description: "预警（各废物流规则触发）/ An alert raised by a stream's rule" })
export class Alert extends Node {
  @Field(() => StreamKey, { description: "废物流 / Stream" })
  stream: StreamKey;
  @Field({ description: "规则代码 / Rule code" })
  rule: string;
  @Field(() => SeverityKey, { description: "严重程度 / Severity" })
  severity: SeverityKey;
  @Field(() => AlertStatusKey, { description: "状态 / Status" })
  status: AlertStatusKey;
  @Field({ description: "标题 / Title" })
  title: string;
  @Field(() => GraphQLJSONObject, { description: "详情（规则参数与测量值）/ Details (rule parameters and measured values)" })
  detail: Record<string, unknown>;
  @Field({ description: "对象类型，如 Vehicle / Subject type such as Vehicle" })
  subjectType: string;
  @Field({ description: "对象名称，如车牌 / Subject label such as a plate" })
  subjectLabel: string;
  @Field(() => Number, { nullable: true, description: "经度 / Longitude" })
  lon: number | null;
  @Field(() => Number, { nullable: true, description: "纬度 / Latitude" })
  lat: number | null;
  @Field(() => Int, { description: "同一偏离的发生次数 / Occurrences of this ongoing deviation" })
  occurrences: number;
  @Field(() => GraphQLDateTime, { description: "触发时间 / Raised at" })
  raisedAt: Date;
  @Field(() => GraphQLDateTime, { description: "最近一次发生 / Last seen at" })
  lastSeenAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "确认时间 / Acknowledged at" })
  acknowledgedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "关闭时间 / Closed at" })
  closedAt: Date | null;
  @Field(() => String, { nullable: true, description: "处置结果 / Disposition" })
  disposition: string | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  subjectId: number | null;
  districtId: number | null;
  caseId: number | null;
}

@ObjectType({ implements: Node, description: "执法案件 / An enforcement case" })
export class Case extends Node {
  @Field({ description: "案件编号 / Case number" })
  number: string;
  @Field(() => StreamKey, { description: "废物流 / Stream" })
  stream: StreamKey;
  @Field(() => CaseSourceKey, { description: "来源 / Source" })
  source: CaseSourceKey;
  @Field(() => String, { nullable: true, description: "专项行动名称，如 春雷、利剑 / Campaign name such as 春雷 or 利剑" })
  campaign: string | null;
  @Field({ description: "对象类型 / Subject type" })
  subjectType: string;
  @Field({ description: "对象名称 / Subject" })
  subjectLabel: string;
  @Field({ description: "违法类型 / Violation type" })
  violationType: string;
  @Field({ description: "案情 / Description" })
  description: string;
  @Field({ description: "罚款（元，精确小数）/ Fine in yuan (exact decimal string)" })
  fineYuan: string;
  @Field(() => CaseStatusKey, { description: "状态 / Status" })
  status: CaseStatusKey;
  @Field(() => GraphQLDateTime, { description: "立案时间 / Opened at" })
  openedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "决定时间 / Decided at" })
  decidedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "结案时间 / Closed at" })
  closedAt: Date | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  subjectId: number | null;
  districtId: number;
  alertId: number | null;
}

@ObjectType({ description: "案件统计及同比 / Case statistics with year-over-year change" })
export class CaseStatistics {
  @Field(() => Int, { description: "案件数 / Cases" })
  count: number;
  @Field({ description: "罚款（元）/ Fines in yuan" })
  fineYuan: string;
  @Field(() => Int, { description: "上年同期案件数 / Cases in the same period a year before" })
  previousCount: number;
  @Field({ description: "上年同期罚款（元）/ Fines a year before" })
  previousFineYuan: string;
  @Field(() => Number, { nullable: true, description: "案件数同比（%）/ Change in cases (%)" })
  countChangePct: number | null;
  @Field(() => Number, { nullable: true, description: "罚款同比（%）/ Change in fines (%)" })
  fineChangePct: number | null;
}

@ObjectType({ description: "当前用户可用的模块 / A module the caller may use" })
export class ModuleAccess {
  @Field({ description: "模块：overview、construction、hazardous、recycling、cells、admin / Module key" })
  key: string;
  @Field({ description: "可读 / May read" })
  read: boolean;
  @Field({ description: "可写 / May write" })
  write: boolean;
}

@ObjectType({ description: "当前调用者 / The caller" })
export class Viewer {
  @Field(() => User, { nullable: true, description: "登录用户 / The signed-in user" })
  user: User | null;
  @Field(() => ApiKey, { nullable: true, description: "调用所用的密钥 / The API key in use" })
  apiKey: ApiKey | null;
  @Field(() => RoleKey, { nullable: true, description: "角色 / Role" })
  role: RoleKey | null;
  @Field(() => Department, { nullable: true, description: "部门 / Department" })
  department: Department | null;
  @Field(() => District, { nullable: true, description: "所属区县；为空表示市级 / District; empty means city level" })
  district: District | null;
  @Field(() => OrgRef, { nullable: true, description: "所属单位（企业账号）/ Organisation (company accounts)" })
  org: OrgRef | null;
  @Field(() => [ModuleAccess], { description: "可用模块，外壳据此显示导航 / Modules the caller may use; the shell builds its navigation from this" })
  modules: ModuleAccess[];
  @Field(() => [String], { description: "密钥的权限范围 / Scopes of the API key" })
  scopes: string[];
}

@ObjectType({ description: "登录结果 / Result of signing in" })
export class LoginPayload {
  @Field(() => String, { nullable: true, description: "访问令牌，放在 Authorization: Bearer 中 / Access token for Authorization: Bearer" })
  token: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "令牌过期时间 / Token expiry" })
  expiresAt: Date | null;
  @Field(() => User, { nullable: true, description: "用户 / The user" })
  user: User | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "操作结果 / Result of an operation" })
export class OkPayload {
  @Field({ description: "是否成功 / Whether it succeeded" })
  ok: boolean;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "用户变更结果 / Result of a user change" })
export class UserPayload {
  @Field(() => User, { nullable: true, description: "用户 / The user" })
  user: User | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "密钥创建结果（secret 只此一次）/ Result of creating a key (the secret is shown only here)" })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: "密钥 / The key" })
  apiKey: ApiKey | null;
  @Field(() => String, { nullable: true, description: "完整密钥，只显示一次 / The full secret, shown once" })
  secret: string | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "密钥变更结果 / Result of a key change" })
export class ApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: "密钥 / The key" })
  apiKey: ApiKey | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "预警变更结果 / Result of an alert change" })
export class AlertPayload {
  @Field(() => Alert, { nullable: true, description: "预警 / The alert" })
  alert: Alert | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "案件变更结果 / Result of a case change" })
export class CasePayload {
  @Field(() => Case, { nullable: true, description: "案件 / The case" })
  case: Case | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "用户列表 / A page of users" })
export class UserConnection extends Connection(User) {}
@ObjectType({ description: "密钥列表 / A page of API keys" })
export class ApiKeyConnection extends Connection(ApiKey) {}
@ObjectType({ description: "审计记录列表 / A page of audit records" })
export class AuditEntryConnection extends Connection(AuditEntry) {}
@ObjectType({ description: "预警列表 / A page of alerts" })
export class AlertConnection extends Connection(Alert) {}
@ObjectType({ description: "案件列表 / A page of cases" })
export class CaseConnection extends Connection(Case) {}

@ObjectType({ description: "实时预警摘要 / A live alert summary" })
export class AlertLive {
  @Field(() => ID, { description: "预警的全局 ID / Global ID of the alert" })
  id: string;
  @Field(() => StreamKey, { description: "废物流 / Stream" })
  stream: StreamKey;
  @Field({ description: "规则代码 / Rule code" })
  rule: string;
  @Field(() => SeverityKey, { description: "严重程度 / Severity" })
  severity: SeverityKey;
  @Field({ description: "标题 / Title" })
  title: string;
  @Field({ description: "对象 / Subject" })
  subjectLabel: string;
  @Field(() => GraphQLDateTime, { description: "触发时间 / Raised at" })
  raisedAt: Date;
}

@ObjectType({ description: "删除记录（墓碑）/ A deletion (tombstone)" })
export class Tombstone {
  @Field({ description: "对象类型 / Entity type" })
  entity: string;
  @Field(() => ID, { description: "被删除对象的全局 ID / Global ID of the deleted object" })
  entityId: string;
  @Field(() => GraphQLDateTime, { description: "删除时间 / Deleted at" })
  deletedAt: Date;
}

@ObjectType({ description: "删除记录列表 / A page of deletions" })
export class TombstoneConnection extends Connection(Tombstone) {}
