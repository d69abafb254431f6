import { ArrayMaxSize, IsIn, IsOptional, Length, Matches, Max, MaxLength, Min } from "class-validator";
import { GraphQLDateTime } from "graphql-scalars";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { AlertStatusKey, CaseSourceKey, CaseStatusKey, RoleKey, SeverityKey, StreamKey } from "./types.js";

@InputType({ description: "新建用户 / A new user" })
export class CreateUserInput {
  @Field({ description: "登录名：3–40 位小写字母、数字、._- / Login name: 3–40 of a-z 0-9 . _ -" })
  @Matches(/^[a-z0-9_.-]{3,40}$/, { message: "3–40 characters of a-z, 0-9, '.', '_' or '-'" })
  username: string;
  @Field({ description: "姓名 / Display name" })
  @Length(1, 50)
  displayName: string;
  @Field({ description: "初始密码：至少 10 位，含字母和数字 / Initial password: 10+ characters with letters and digits" })
  @Length(10, 200)
  password: string;
  @Field(() => RoleKey, { description: "角色 / Role" })
  role: RoleKey;
  @Field(() => ID, { nullable: true, description: "部门（工作人员必填）/ Department (required for staff)" })
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: "区县；为空表示市级 / District; empty means city level" })
  districtId?: string | null;
  @Field(() => ID, { nullable: true, description: "所属单位的全局 ID（企业账号必填）/ Global ID of the organisation (required for operators)" })
  orgId?: string | null;
}

@InputType({ description: "修改用户 / Changes to a user" })
export class UpdateUserInput {
  @Field(() => ID, { description: "用户 / The user" })
  id: string;
  @Field({ nullable: true, description: "姓名 / Display name" })
  @IsOptional()
  @Length(1, 50)
  displayName?: string;
  @Field(() => RoleKey, { nullable: true, description: "角色 / Role" })
  role?: RoleKey;
  @Field(() => ID, { nullable: true, description: "部门 / Department" })
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field({ nullable: true, description: "是否启用（停用会吊销其会话）/ Active (deactivating revokes the user's sessions)" })
  active?: boolean;
}

@InputType({ description: "新建 API 密钥 / A new API key" })
export class CreateApiKeyInput {
  @Field({ description: "名称，如 省平台数据对接 / Name, e.g. Provincial platform sync" })
  @Length(1, 80)
  name: string;
  @Field(() => [String], { description: "权限范围 / Scopes, e.g. [\"hazardous:read\", \"construction:ingest\"]" })
  @ArrayMaxSize(20)
  scopes: string[];
  @Field(() => ID, { nullable: true, description: "限定区县 / Restrict to one district" })
  districtId?: string | null;
  @Field(() => ID, { nullable: true, description: "代表的单位（设备、商户、企业）/ Organisation the key acts for (device station, merchant, company)" })
  orgId?: string | null;
  @Field(() => Int, { nullable: true, description: "成本桶容量 / Cost bucket size" })
  @IsOptional()
  @Min(100)
  @Max(10_000_000)
  rateLimitBurst?: number;
  @Field(() => Int, { nullable: true, description: "每秒回填成本 / Cost refilled per second" })
  @IsOptional()
  @Min(1)
  @Max(1_000_000)
  rateLimitPerSecond?: number;
}

@InputType({ description: "审计查询条件 / Audit filter" })
export class AuditFilter {
  @Field({ nullable: true, description: "对象类型 / Entity type" })
  @IsOptional()
  @MaxLength(80)
  entity?: string;
  @Field({ nullable: true, description: "对象 ID / Entity id" })
  @IsOptional()
  @MaxLength(80)
  entityId?: string;
  @Field({ nullable: true, description: "操作者 / Actor" })
  @IsOptional()
  @MaxLength(120)
  actor?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "起 / From" })
  from?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "止 / To" })
  to?: Date;
}

@InputType({ description: "预警查询条件 / Alert filter" })
export class AlertFilter {
  @Field(() => StreamKey, { nullable: true, description: "废物流 / Stream" })
  stream?: StreamKey;
  @Field(() => [AlertStatusKey], { nullable: true, description: "状态 / Statuses" })
  status?: AlertStatusKey[];
  @Field(() => SeverityKey, { nullable: true, description: "严重程度 / Severity" })
  severity?: SeverityKey;
  @Field({ nullable: true, description: "规则代码 / Rule code" })
  @IsOptional()
  @MaxLength(80)
  rule?: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "此时间之后触发 / Raised at or after" })
  raisedFrom?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "此时间之前触发 / Raised before" })
  raisedTo?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "案件查询条件 / Case filter" })
export class CaseFilter {
  @Field(() => StreamKey, { nullable: true, description: "废物流 / Stream" })
  stream?: StreamKey;
  @Field(() => [CaseStatusKey], { nullable: true, description: "状态 / Statuses" })
  status?: CaseStatusKey[];
  @Field(() => CaseSourceKey, { nullable: true, description: "来源 / Source" })
  source?: CaseSourceKey;
  @Field({ nullable: true, description: "专项行动 / Campaign" })
  @IsOptional()
  @MaxLength(40)
  campaign?: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "立案起 / Opened from" })
  openedFrom?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "立案止 / Opened before" })
  openedTo?: Date;
  @Field({ nullable: true, description: "按编号、对象或违法类型搜索 / Search number, subject or violation" })
  @IsOptional()
  @MaxLength(80)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "立案 / Open a case" })
export class OpenCaseInput {
  @Field(() => StreamKey, { description: "废物流 / Stream" })
  stream: StreamKey;
  @Field(() => CaseSourceKey, { description: "来源 / Source" })
  source: CaseSourceKey;
  @Field({ nullable: true, description: "专项行动 / Campaign" })
  @IsOptional()
  @MaxLength(40)
  campaign?: string;
  @Field({ description: "对象类型，如 Company、Vehicle、Site、Unit / Subject type" })
  @Matches(/^[A-Za-z]{2,40}$/)
  subjectType: string;
  @Field(() => ID, { nullable: true, description: "对象的全局 ID / Global ID of the subject" })
  subjectId?: string;
  @Field({ description: "对象名称 / Subject name" })
  @Length(1, 120)
  subjectLabel: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ description: "违法类型 / Violation type" })
  @Length(1, 80)
  violationType: string;
  @Field({ nullable: true, description: "案情 / Description" })
  @IsOptional()
  @MaxLength(4000)
  description?: string;
  @Field({ nullable: true, description: "罚款（元）/ Fine in yuan" })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: "a non-negative amount with at most 2 decimals" })
  fineYuan?: string;
  @Field(() => ID, { nullable: true, description: "由哪条预警转来 / The alert it came from" })
  alertId?: string;
}

export enum CaseAction {
  INVESTIGATE = "investigate",
  DECIDE = "decide",
  CLOSE = "close",
}
registerEnumType(CaseAction, { name: "CaseAction", description: "案件流转：调查、决定、结案 / Case step: investigate, decide, close" });

@InputType({ description: "案件流转 / Move a case along" })
export class AdvanceCaseInput {
  @Field(() => ID, { description: "案件 / The case" })
  id: string;
  @Field(() => CaseAction, { description: "动作 / Step" })
  action: CaseAction;
  @Field({ nullable: true, description: "罚款（元）/ Fine in yuan" })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: "a non-negative amount with at most 2 decimals" })
  fineYuan?: string;
  @Field({ nullable: true, description: "案情 / Description" })
  @IsOptional()
  @MaxLength(4000)
  description?: string;
}

export const ALERT_ACTIONS = ["acknowledge", "close", "reopen"] as const;
export { IsIn };
