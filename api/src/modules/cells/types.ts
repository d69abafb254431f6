/**
 * GraphQL object types and enums of the cells stream. Decimal values (scores, indicator values,
 * index values) are exact decimal strings; calendar dates are "YYYY-MM-DD" strings.
 */
import { GraphQLDateTime } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { UserError } from "../../graphql/errors.js";
import { Node } from "../../graphql/node.js";
import { Department, District } from "../core/types.js";

// ——— enums ———

export enum CellApplicationStatus {
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  UNDER_REVIEW = "UNDER_REVIEW",
  CERTIFIED = "CERTIFIED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(CellApplicationStatus, {
  name: "CellApplicationStatus",
  description: "无废细胞申请状态 / Status of a zero-waste cell application",
  valuesConfig: {
    DRAFT: { description: "草稿（单位填报中）/ Draft: the unit is preparing it" },
    SUBMITTED: { description: "已提交，待评审 / Submitted, waiting for review" },
    UNDER_REVIEW: { description: "评审中（逐项打分）/ Under review: items being scored" },
    CERTIFIED: { description: "已命名（证书有效）/ Certified: the certificate is valid" },
    REJECTED: { description: "未通过 / Rejected" },
    WITHDRAWN: { description: "已撤回 / Withdrawn by the unit" },
    EXPIRED: { description: "已到期（需复评）/ Expired: re-assessment needed" },
    REVOKED: { description: "已撤销命名 / Certificate revoked" },
    SUPERSEDED: { description: "已被复评证书取代 / Replaced by the certificate of a re-assessment" },
  },
});

export enum CellApplicationAction {
  submit = "submit",
  withdraw = "withdraw",
  startReview = "startReview",
  returnForChanges = "returnForChanges",
  certify = "certify",
  reject = "reject",
  revoke = "revoke",
}
registerEnumType(CellApplicationAction, {
  name: "CellApplicationAction",
  description: "申请流转动作 / A move of an application",
  valuesConfig: {
    submit: { description: "提交（单位）/ Submit (the unit)" },
    withdraw: { description: "撤回（单位）/ Withdraw (the unit)" },
    startReview: { description: "开始评审（市无废办）/ Start the review (the office)" },
    returnForChanges: { description: "退回补充材料（需理由）/ Return for more evidence (with a reason)" },
    certify: { description: "命名（总分达到合格线）/ Certify (total at or above the pass mark)" },
    reject: { description: "不予通过（需理由）/ Reject (with a reason)" },
    revoke: { description: "撤销命名（需理由）/ Revoke the certificate (with a reason)" },
  },
});

export enum CellUnitStatus {
  NONE = "NONE",
  APPLYING = "APPLYING",
  CERTIFIED = "CERTIFIED",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
}
registerEnumType(CellUnitStatus, {
  name: "CellUnitStatus",
  description: "单位的无废细胞状态 / A unit's zero-waste cell status",
  valuesConfig: {
    NONE: { description: "未创建 / Not (yet) a cell" },
    APPLYING: { description: "创建中 / Applying" },
    CERTIFIED: { description: "已命名 / Certified" },
    EXPIRED: { description: "证书到期 / Certificate expired" },
    REVOKED: { description: "已撤销 / Revoked" },
  },
});

export enum ApplicationKind {
  NEW = "NEW",
  REASSESSMENT = "REASSESSMENT",
}
registerEnumType(ApplicationKind, { name: "CellApplicationKind", description: "首次评定或复评 / First assessment or re-assessment" });

export enum CertificateLevel {
  CITY = "CITY",
  PROVINCIAL = "PROVINCIAL",
}
registerEnumType(CertificateLevel, { name: "CellCertificateLevel", description: "认定级别：市级、省级 / Level of recognition: city or provincial" });

export enum CertificateState {
  VALID = "VALID",
  EXPIRING = "EXPIRING",
  EXPIRED = "EXPIRED",
}
registerEnumType(CertificateState, { name: "CellCertificateState", description: "证书有效性：有效、即将到期（90 天内）、已到期 / Certificate validity: valid, expiring (within 90 days), expired" });

export enum AssessmentMethod {
  RECORDS = "RECORDS",
  SITE_CHECK = "SITE_CHECK",
  RESIDENT_OPINION = "RESIDENT_OPINION",
}
registerEnumType(AssessmentMethod, { name: "CellAssessmentMethod", description: "评定方式：资料审核、现场检查、群众意见 / How an item is checked: records, site check, residents' opinion" });

export enum IndicatorDirection {
  HIGHER_BETTER = "HIGHER_BETTER",
  LOWER_BETTER = "LOWER_BETTER",
}
registerEnumType(IndicatorDirection, { name: "IndicatorDirection", description: "指标方向：越高越好（正向）、越低越好（逆向）/ Higher is better or lower is better" });

export enum TrackStatusKey {
  NO_DATA = "NO_DATA",
  ACHIEVED = "ACHIEVED",
  ON_TRACK = "ON_TRACK",
  AT_RISK = "AT_RISK",
  OFF_TRACK = "OFF_TRACK",
}
registerEnumType(TrackStatusKey, {
  name: "IndicatorTrackStatus",
  description: "指标进度状态 / Standing of an indicator against its year's target",
  valuesConfig: {
    NO_DATA: { description: "未报送 / Nothing reported (or no target)" },
    ACHIEVED: { description: "已达年度目标 / The year's target is met" },
    ON_TRACK: { description: "进度正常 / On the glide path to the target" },
    AT_RISK: { description: "略有滞后（10% 以内）/ Slightly behind (within 10 % of the year's step)" },
    OFF_TRACK: { description: "严重滞后 / Behind" },
  },
});

export enum TaskStatusKey {
  OPEN = "OPEN",
  SUBMITTED = "SUBMITTED",
  CLOSED = "CLOSED",
  CANCELLED = "CANCELLED",
}
registerEnumType(TaskStatusKey, {
  name: "TrackingTaskStatus",
  description: "任务状态 / Task status",
  valuesConfig: {
    OPEN: { description: "推进中 / In progress" },
    SUBMITTED: { description: "已报送佐证，待销号 / Evidence submitted, waiting for closing" },
    CLOSED: { description: "已销号 / Closed by the office" },
    CANCELLED: { description: "已取消 / Cancelled" },
  },
});

export enum TaskActionKey {
  submit = "submit",
  close = "close",
  return = "return",
  cancel = "cancel",
  reopen = "reopen",
}
registerEnumType(TaskActionKey, {
  name: "TrackingTaskAction",
  description: "任务流转 / A move of a task",
  valuesConfig: {
    submit: { description: "报送佐证（责任部门）/ Submit evidence (the department)" },
    close: { description: "销号（市无废办）/ Close (the office)" },
    return: { description: "退回（需理由）/ Return (with a reason)" },
    cancel: { description: "取消（需理由）/ Cancel (with a reason)" },
    reopen: { description: "重新打开（需理由）/ Reopen (with a reason)" },
  },
});

export enum AcademyKindKey {
  ARTICLE = "ARTICLE",
  POLICY = "POLICY",
  COURSE = "COURSE",
}
registerEnumType(AcademyKindKey, { name: "AcademyKind", description: "无废学院内容类型：文章、政策文件、课程 / Academy content: article, policy document, course" });

export enum AcademyStatusKey {
  DRAFT = "DRAFT",
  IN_REVIEW = "IN_REVIEW",
  PUBLISHED = "PUBLISHED",
  ARCHIVED = "ARCHIVED",
}
registerEnumType(AcademyStatusKey, { name: "AcademyStatus", description: "发布状态：草稿 → 审核中 → 已发布 → 已归档 / Publishing status: draft → in review → published → archived" });

export enum AcademyActionKey {
  submit = "submit",
  publish = "publish",
  reject = "reject",
  archive = "archive",
  restore = "restore",
}
registerEnumType(AcademyActionKey, { name: "AcademyAction", description: "发布流程动作：送审、发布、退回（需意见）、归档、恢复为草稿 / Publishing move: submit, publish, reject (with a comment), archive, restore to draft" });

export enum QuestionStatusKey {
  NEW = "NEW",
  ANSWERED = "ANSWERED",
  PUBLISHED = "PUBLISHED",
  CLOSED = "CLOSED",
  REJECTED = "REJECTED",
}
registerEnumType(QuestionStatusKey, { name: "ConsultationStatus", description: "咨询状态：待答复、已答复、已公开（常见问题）、已关闭、已拒绝（垃圾信息）/ New, answered, published in the FAQ, closed, rejected (spam)" });

export enum QuestionActionKey {
  answer = "answer",
  publish = "publish",
  unpublish = "unpublish",
  close = "close",
  reject = "reject",
}
registerEnumType(QuestionActionKey, { name: "ConsultationAction", description: "咨询处理：答复（可修改）、公开到常见问题、取消公开、关闭、拒绝 / Answer (or revise), publish to the FAQ, unpublish, close, reject" });

export enum AskerKindKey {
  PUBLIC = "PUBLIC",
  UNIT = "UNIT",
}
registerEnumType(AskerKindKey, { name: "ConsultationAskerKind", description: "提问人：公众或创建单位 / Asked by the public or by a unit" });

export enum PublicityKindKey {
  EVENT = "EVENT",
  CAMPAIGN = "CAMPAIGN",
  SCHOOL = "SCHOOL",
  COMMUNITY = "COMMUNITY",
  MEDIA = "MEDIA",
  TRAINING = "TRAINING",
}
registerEnumType(PublicityKindKey, { name: "PublicityKind", description: "宣传活动类型：活动、集中宣传、进校园、进社区、媒体、培训 / Event, campaign, school, community, media, training" });

// ——— zero-waste cells ———

@ObjectType({ implements: Node, description: "评分细则条目 / One item of a cell type's 100-point checklist" })
export class ChecklistItem extends Node {
  @Field({ description: "条目代码 / Item code" })
  code: string;
  @Field(() => Int, { description: "序号 / Order" })
  seq: number;
  @Field(() => Int, { description: "细则版本 / Checklist version" })
  version: number;
  @Field({ description: "内容（中文）/ Requirement (Chinese)" })
  titleZh: string;
  @Field({ description: "内容（英文）/ Requirement (English)" })
  titleEn: string;
  @Field(() => Int, { description: "分值 / Points" })
  points: number;
  @Field({ description: "佐证材料要求（中文）/ Evidence required (Chinese)" })
  evidenceZh: string;
  @Field({ description: "佐证材料要求（英文）/ Evidence required (English)" })
  evidenceEn: string;
  @Field(() => AssessmentMethod, { description: "评定方式 / How it is checked" })
  method: AssessmentMethod;
}

@ObjectType({ implements: Node, description: "无废细胞类型（学校、医院、饭店…）/ A zero-waste cell type (school, hospital, hotel, …)" })
export class CellType extends Node {
  @Field({ description: "代码，如 SCHOOL / Code such as SCHOOL" })
  code: string;
  @Field({ description: "中文名称 / Chinese name" })
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  nameEn: string;
  @Field({ description: "合格线（满分 100）/ Pass mark out of 100" })
  passMark: string;
  @Field(() => Int, { description: "证书有效期（年）/ Years a certificate is valid" })
  validityYears: number;
  @Field(() => Int, { description: "当前评分细则版本 / Current checklist version" })
  checklistVersion: number;
}

@ObjectType({ implements: Node, description: "创建单位（申请无废细胞的学校、医院、饭店等）/ A unit applying to become a zero-waste cell" })
export class CellUnit extends Node {
  @Field({ description: "单位名称 / Name" })
  name: string;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field(() => Float, { nullable: true, description: "经度 / Longitude" })
  lon: number | null;
  @Field(() => Float, { nullable: true, description: "纬度 / Latitude" })
  lat: number | null;
  @Field({ description: "联系人 / Contact person" })
  contactName: string;
  @Field({ description: "联系电话 / Contact phone" })
  contactPhone: string;
  @Field(() => String, { nullable: true, description: "统一社会信用代码 / Unified social credit code" })
  creditCode: string | null;
  @Field(() => CellUnitStatus, { description: "无废细胞状态 / Cell status" })
  cellStatus: CellUnitStatus;
  @Field(() => String, { nullable: true, description: "有效证书（牌匾）编号 / Number of the valid certificate (plaque)" })
  certificateNo: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "证书有效期至 / Certificate valid until" })
  certifiedUntil: Date | null;
  @Field(() => GraphQLDateTime, { description: "登记时间 / Registered at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  cellTypeId: number;
  districtId: number;
}

@ObjectType({ description: "逐项评分 / The assessment of one checklist item" })
export class AssessmentItem {
  @Field(() => ChecklistItem, { description: "细则条目 / The checklist item" })
  item: ChecklistItem;
  @Field(() => Int, { description: "分值 / Points available" })
  maxPoints: number;
  @Field(() => String, { nullable: true, description: "单位自评分 / The unit's self-score" })
  selfScore: string | null;
  @Field({ description: "单位提供的佐证材料 / Evidence the unit gave" })
  unitEvidence: string;
  @Field(() => String, { nullable: true, description: "评审得分 / Reviewer's score" })
  score: string | null;
  @Field({ description: "评审核查的佐证 / Evidence the reviewer checked" })
  reviewEvidence: string;
  @Field({ description: "评审意见 / Reviewer's comment" })
  comment: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "打分时间 / Scored at" })
  scoredAt: Date | null;
}

@ObjectType({ implements: Node, description: "无废细胞创建申请（含证书）/ A zero-waste cell application (and its certificate)" })
export class CellApplication extends Node {
  @Field({ description: "申请编号 / Application number" })
  number: string;
  @Field(() => ApplicationKind, { description: "首次评定或复评 / First assessment or re-assessment" })
  kind: ApplicationKind;
  @Field(() => Int, { description: "评分细则版本 / Checklist version assessed against" })
  checklistVersion: number;
  @Field({ description: "合格线 / Pass mark" })
  passMark: string;
  @Field(() => CellApplicationStatus, { description: "状态 / Status" })
  status: CellApplicationStatus;
  @Field({ description: "创建情况说明 / The unit's summary of its work" })
  summary: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "提交时间 / Submitted at" })
  submittedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "开始评审时间 / Review started at" })
  reviewStartedAt: Date | null;
  @Field(() => String, { nullable: true, description: "评审总分 / Total score" })
  totalScore: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "决定时间 / Decided at" })
  decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: "评审结论或退回理由 / Decision or return comment" })
  decisionComment: string | null;
  @Field(() => CertificateLevel, { description: "认定级别 / Level of recognition" })
  level: CertificateLevel;
  @Field(() => String, { nullable: true, description: "证书（牌匾）编号 / Certificate (plaque) number" })
  certificateNo: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "命名时间 / Certified at" })
  certifiedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "证书有效期至 / Valid until" })
  validUntil: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "到期时间 / Expired at" })
  expiredAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "撤销时间 / Revoked at" })
  revokedAt: Date | null;
  @Field(() => String, { nullable: true, description: "撤销理由 / Reason for revocation" })
  revokeReason: string | null;
  @Field(() => GraphQLDateTime, { description: "创建时间 / Created at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  unitId: number;
  cellTypeId: number;
  districtId: number;
  previousApplicationId: number | null;
  reviewerId: number | null;
}

@ObjectType({ description: "各区县各类型无废细胞数及目标 / Cells of a district (and type) against the target" })
export class CellCountRow {
  @Field(() => District, { description: "区县 / District" })
  district: District;
  @Field(() => CellType, { nullable: true, description: "类型；为空表示全部类型合计 / Cell type; empty for all types together" })
  cellType: CellType | null;
  @Field(() => Int, { description: "已命名（证书有效）/ Certified (valid certificate)" })
  certified: number;
  @Field(() => Int, { description: "创建中 / Applying" })
  applying: number;
  @Field(() => Int, { description: "证书到期待复评 / Expired, waiting for re-assessment" })
  expired: number;
  @Field(() => Int, { nullable: true, description: "年度目标 / Target for the year" })
  target: number | null;
  @Field(() => Int, { nullable: true, description: "距目标差额（≤0 表示已完成）/ Still missing to reach the target (≤ 0: reached)" })
  gap: number | null;
}

@ObjectType({ description: "地图上的无废细胞 / A cell on the map" })
export class CellMapPoint {
  @Field(() => ID, { description: "单位的全局 ID / Global ID of the unit" })
  id: string;
  @Field({ description: "名称 / Name" })
  name: string;
  @Field({ description: "类型代码 / Cell type code" })
  cellType: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field(() => CellUnitStatus, { description: "状态 / Status" })
  status: CellUnitStatus;
  @Field(() => String, { nullable: true, description: "证书编号 / Certificate number" })
  certificateNo: string | null;
  @Field(() => Float, { description: "经度 / Longitude" })
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  lat: number;
}

// ——— indicators ———

@ObjectType({ implements: Node, description: "一级指标（指标组）及其在无废指数中的权重 / An indicator group and its weight in the index" })
export class IndicatorGroup extends Node {
  @Field({ description: "代码 / Code" })
  code: string;
  @Field({ description: "中文名称 / Chinese name" })
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  nameEn: string;
  @Field({ description: "指数权重（各组合计 1）/ Weight in the index (all groups add up to 1)" })
  weight: string;
  @Field(() => Int, { description: "排序 / Order" })
  sort: number;
}

@ObjectType({ implements: Node, description: "建设指标（三级指标）/ An indicator of the plan's indicator system" })
export class Indicator extends Node {
  @Field({ description: "代码 / Code" })
  code: string;
  @Field({ description: "二级指标（中文）/ Second-level heading (Chinese)" })
  categoryZh: string;
  @Field({ description: "二级指标（英文）/ Second-level heading (English)" })
  categoryEn: string;
  @Field({ description: "指标名称（中文）/ Name (Chinese)" })
  nameZh: string;
  @Field({ description: "指标名称（英文）/ Name (English)" })
  nameEn: string;
  @Field({ description: "单位，如 %、吨/万元、个 / Unit such as %, t/10k yuan, pcs" })
  unit: string;
  @Field(() => IndicatorDirection, { description: "方向 / Direction" })
  direction: IndicatorDirection;
  @Field({ description: "是否必选指标 / Mandatory indicator" })
  mandatory: boolean;
  @Field({ description: "计算方法 / Formula" })
  formula: string;
  @Field({ description: "组内权重 / Weight inside its group" })
  weight: string;
  @Field({ description: "是否纳入无废指数 / Counted in the zero-waste index" })
  inIndex: boolean;
  @Field(() => String, { nullable: true, description: "基准值（2020 年，市级）/ Baseline (2020, city)" })
  baseline: string | null;
  @Field({ description: "是否启用 / Active" })
  active: boolean;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  groupId: number;
  responsibleDepartmentId: number;
}

@ObjectType({ description: "年度目标值 / A target for one year" })
export class IndicatorTarget {
  @Field(() => District, { description: "市或区县 / City or district" })
  district: District;
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field({ description: "目标值 / Target value" })
  target: string;
  districtId: number;
}

@ObjectType({ implements: Node, description: "指标完成值（季度，年累计口径）/ An indicator's value at a quarter's end (year to date)" })
export class IndicatorActual extends Node {
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => Int, { description: "季度 1–4 / Quarter 1–4" })
  quarter: number;
  @Field({ description: "完成值 / Value" })
  value: string;
  @Field({ description: "佐证材料 / Evidence" })
  evidence: string;
  @Field({ description: "说明 / Note" })
  note: string;
  @Field({ description: "报送人 / Reported by" })
  reportedByLabel: string;
  @Field(() => GraphQLDateTime, { description: "报送时间 / Reported at" })
  reportedAt: Date;
  @Field(() => Int, { description: "修订次数（首次为 1）/ Revision (1 for the first report)" })
  revision: number;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  indicatorId: number;
  districtId: number;
  departmentId: number | null;
}

@ObjectType({ description: "指标看板的一行：目标与完成值 / One row of the indicator board: target against actual" })
export class IndicatorBoardRow {
  @Field(() => Indicator, { description: "指标 / The indicator" })
  indicator: Indicator;
  @Field(() => String, { nullable: true, description: "年度目标 / The year's target" })
  target: string | null;
  @Field(() => String, { nullable: true, description: "最新完成值 / Latest value" })
  latestValue: string | null;
  @Field(() => Int, { nullable: true, description: "最新值所属季度 / Quarter of the latest value" })
  latestQuarter: number | null;
  @Field(() => String, { nullable: true, description: "按进度应达到的值 / Value expected by now on the glide path" })
  expected: string | null;
  @Field(() => String, { nullable: true, description: "完成进度（%）/ Progress towards the year's target (%)" })
  progressPct: string | null;
  @Field(() => TrackStatusKey, { description: "进度状态 / Standing" })
  status: TrackStatusKey;
}

@ObjectType({ description: "指标看板汇总 / Summary of the indicator board" })
export class IndicatorBoardSummary {
  @Field(() => Int, { description: "指标数 / Indicators" })
  total: number;
  @Field(() => Int, { description: "已达标 / Achieved" })
  achieved: number;
  @Field(() => Int, { description: "进度正常 / On track" })
  onTrack: number;
  @Field(() => Int, { description: "略有滞后 / At risk" })
  atRisk: number;
  @Field(() => Int, { description: "严重滞后 / Off track" })
  offTrack: number;
  @Field(() => Int, { description: "未报送 / No data" })
  noData: number;
  @Field(() => String, { nullable: true, description: "达标或进度正常的占比（%，不含未报送）/ Share achieved or on track (%, of those with data)" })
  onTrackSharePct: string | null;
}

@ObjectType({ description: "指标看板 / Indicator board for a year and a district (or the city)" })
export class IndicatorBoard {
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => District, { description: "市或区县 / City or district" })
  district: District;
  @Field(() => IndicatorBoardSummary, { description: "汇总 / Summary" })
  summary: IndicatorBoardSummary;
  @Field(() => [IndicatorBoardRow], { description: "各指标 / Rows" })
  rows: IndicatorBoardRow[];
}

@ObjectType({ description: "季度完成值 / A quarterly value" })
export class IndicatorPoint {
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => Int, { description: "季度 / Quarter" })
  quarter: number;
  @Field({ description: "值 / Value" })
  value: string;
}

@ObjectType({ description: "指标历年目标与完成值（图表用）/ An indicator's targets and values over the years (for charts)" })
export class IndicatorSeries {
  @Field(() => Indicator, { description: "指标 / The indicator" })
  indicator: Indicator;
  @Field(() => District, { description: "市或区县 / City or district" })
  district: District;
  @Field(() => [IndicatorTarget], { description: "各年目标 / Targets per year" })
  targets: IndicatorTarget[];
  @Field(() => [IndicatorPoint], { description: "各季度完成值 / Values per quarter" })
  actuals: IndicatorPoint[];
}

// ——— zero-waste index ———

@ObjectType({ description: "指标组得分 / A group's score in the index" })
export class IndexGroupScore {
  @Field(() => IndicatorGroup, { description: "指标组 / The group" })
  group: IndicatorGroup;
  @Field({ description: "得分（0–100）/ Score 0–100" })
  score: string;
}

@ObjectType({ description: "无废指数（某区县某季度）/ The zero-waste index of a district for a quarter" })
export class ZeroWasteIndexEntry {
  @Field(() => District, { description: "市或区县 / City or district" })
  district: District;
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => Int, { description: "季度 / Quarter" })
  quarter: number;
  @Field({ description: "指数（0–100）/ Index 0–100" })
  value: string;
  @Field(() => Int, { nullable: true, description: "在六个区县中的排名；市级为空 / Rank among the six districts; empty for the city" })
  rank: number | null;
  @Field(() => String, { nullable: true, description: "上一季度指数 / Previous quarter's index" })
  previousValue: string | null;
  @Field(() => Int, { nullable: true, description: "上一季度排名 / Previous quarter's rank" })
  previousRank: number | null;
  @Field({ description: "有数据的指标占比（0–1）/ Share of indicators with data (0–1)" })
  coverage: string;
  @Field(() => [IndexGroupScore], { description: "各组得分 / Group scores" })
  groupScores: IndexGroupScore[];
}

@ObjectType({ description: "浙江无废指数城市排名（省公布）/ The province's published city ranking" })
export class ProvincialIndexEntry {
  @Field({ description: "城市 / City (Chinese)" })
  cityZh: string;
  @Field({ description: "城市（英文）/ City (English)" })
  cityEn: string;
  @Field({ description: "指数 / Index" })
  value: string;
  @Field(() => Int, { description: "全省排名 / Rank in the province" })
  rank: number;
}

@ObjectType({ description: "无废指数排名 / Zero-waste index ranking for a quarter" })
export class ZeroWasteIndexRanking {
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => Int, { description: "季度 / Quarter" })
  quarter: number;
  @Field(() => ZeroWasteIndexEntry, { nullable: true, description: "绍兴市（市级指标计算）/ Shaoxing city (from the city's indicators)" })
  city: ZeroWasteIndexEntry | null;
  @Field(() => [ZeroWasteIndexEntry], { description: "六个区县，按排名 / The six districts, by rank" })
  districts: ZeroWasteIndexEntry[];
  @Field(() => [ProvincialIndexEntry], { description: "省公布的城市排名（若已录入）/ The province's city ranking (if recorded)" })
  provincial: ProvincialIndexEntry[];
  @Field(() => Int, { nullable: true, description: "绍兴在全省的排名 / Shaoxing's rank in the province" })
  shaoxingProvincialRank: number | null;
}

@ObjectType({ description: "指数明细：某指标的得分 / Drill-down: one indicator behind an index value" })
export class IndexComponentRow {
  @Field(() => Indicator, { description: "指标 / The indicator" })
  indicator: Indicator;
  @Field(() => String, { nullable: true, description: "完成值 / Value used" })
  actual: string | null;
  @Field(() => Int, { nullable: true, description: "完成值所属季度 / Quarter the value is from" })
  actualQuarter: number | null;
  @Field(() => String, { nullable: true, description: "目标值 / Target used" })
  target: string | null;
  @Field({ description: "标准化得分（0–100）/ Normalised score 0–100" })
  score: string;
  @Field({ description: "在指数中的有效权重 / Effective weight in the index" })
  weight: string;
  @Field({ description: "对指数的贡献（得分 × 权重）/ Contribution to the index (score × weight)" })
  contribution: string;
}

@ObjectType({ description: "指数明细 / The indicators behind a district's index for a quarter" })
export class ZeroWasteIndexDetail {
  @Field(() => ZeroWasteIndexEntry, { description: "指数 / The index" })
  entry: ZeroWasteIndexEntry;
  @Field(() => [IndexComponentRow], { description: "各指标 / Indicators" })
  components: IndexComponentRow[];
}

// ——— tasks ———

@ObjectType({ implements: Node, description: "任务清单中的任务 / A task of a department's task list" })
export class TrackingTask extends Node {
  @Field({ description: "任务编号 / Task code" })
  code: string;
  @Field({ description: "任务 / Task" })
  title: string;
  @Field({ description: "任务内容 / Description" })
  description: string;
  @Field({ description: "责任人 / Owner" })
  owner: string;
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field({ description: "完成时限（YYYY-MM-DD）/ Deadline (YYYY-MM-DD)" })
  deadline: string;
  @Field(() => TaskStatusKey, { description: "状态 / Status" })
  status: TaskStatusKey;
  @Field({ description: "佐证材料 / Evidence" })
  evidence: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "报送时间 / Submitted at" })
  submittedAt: Date | null;
  @Field(() => String, { nullable: true, description: "退回理由 / Reason it was returned" })
  returnedReason: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "销号时间 / Closed at" })
  closedAt: Date | null;
  @Field(() => String, { nullable: true, description: "销号或取消说明 / Closing or cancelling note" })
  closingNote: string | null;
  @Field({ description: "是否逾期 / Overdue" })
  overdue: boolean;
  @Field(() => String, { nullable: true, description: "逾期起始日 / Overdue since" })
  overdueSince: string | null;
  @Field(() => GraphQLDateTime, { description: "创建时间 / Created at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  departmentId: number;
  districtId: number | null;
}

@ObjectType({ description: "部门任务汇总 / Task counts of a department" })
export class TaskSummaryRow {
  @Field(() => Department, { description: "部门 / Department" })
  department: Department;
  @Field(() => Int, { description: "推进中 / Open" })
  open: number;
  @Field(() => Int, { description: "待销号 / Submitted" })
  submitted: number;
  @Field(() => Int, { description: "已销号 / Closed" })
  closed: number;
  @Field(() => Int, { description: "逾期 / Overdue" })
  overdue: number;
}

// ——— academy ———

@ObjectType({ description: "课程的一课 / A lesson of a course" })
export class AcademyLesson {
  @Field({ description: "标题 / Title" })
  title: string;
  @Field(() => Int, { description: "时长（分钟）/ Minutes" })
  minutes: number;
}

@ObjectType({ implements: Node, description: "无废学院内容（文章、政策文件、课程）/ An academy item (article, policy document, course)" })
export class AcademyItem extends Node {
  @Field(() => AcademyKindKey, { description: "类型 / Kind" })
  kind: AcademyKindKey;
  @Field({ description: "标题 / Title" })
  title: string;
  @Field({ description: "摘要 / Summary" })
  summary: string;
  @Field({ description: "正文（纯文本，空行分段）/ Body (plain text; blank lines separate paragraphs)" })
  body: string;
  @Field({ description: "栏目 / Category" })
  category: string;
  @Field(() => [String], { description: "标签 / Tags" })
  tags: string[];
  @Field({ description: "作者 / Author" })
  author: string;
  @Field({ description: "来源或发布机关 / Source or issuing authority" })
  source: string;
  @Field(() => String, { nullable: true, description: "文号 / Document number" })
  docNumber: string | null;
  @Field(() => String, { nullable: true, description: "发文日期 / Issued on" })
  issuedOn: string | null;
  @Field(() => Int, { nullable: true, description: "课程时长（分钟）/ Course length in minutes" })
  durationMinutes: number | null;
  @Field(() => [AcademyLesson], { description: "课程章节 / Lessons" })
  lessons: AcademyLesson[];
  @Field(() => AcademyStatusKey, { description: "发布状态 / Status" })
  status: AcademyStatusKey;
  @Field(() => String, { nullable: true, description: "审核意见 / Review comment" })
  reviewComment: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "发布时间 / Published at" })
  publishedAt: Date | null;
  @Field(() => GraphQLDateTime, { description: "创建时间 / Created at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
}

// ——— consultation ———

@ObjectType({ implements: Node, description: "咨询（工作人员可见全部字段）/ A consultation question (all fields; staff only)" })
export class ConsultationQuestion extends Node {
  @Field({ description: "咨询编号 / Number" })
  number: string;
  @Field(() => AskerKindKey, { description: "提问人类型 / Asked by" })
  askerKind: AskerKindKey;
  @Field({ description: "称呼 / Name given" })
  askerName: string;
  @Field({ description: "联系方式（仅工作人员可见）/ Contact (staff only)" })
  contact: string;
  @Field({ description: "类别 / Category" })
  category: string;
  @Field({ description: "标题 / Title" })
  title: string;
  @Field({ description: "问题（纯文本）/ Question (plain text)" })
  body: string;
  @Field(() => QuestionStatusKey, { description: "状态 / Status" })
  status: QuestionStatusKey;
  @Field(() => String, { nullable: true, description: "答复 / Answer" })
  answer: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "答复时间 / Answered at" })
  answeredAt: Date | null;
  @Field(() => String, { nullable: true, description: "常见问题中显示的问题 / The question as shown in the FAQ" })
  faqTitle: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "公开时间 / Published at" })
  publishedAt: Date | null;
  @Field(() => String, { nullable: true, description: "关闭或拒绝理由 / Reason for closing or rejecting" })
  closedReason: string | null;
  @Field(() => GraphQLDateTime, { description: "提问时间 / Asked at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  unitId: number | null;
  districtId: number | null;
}

@ObjectType({ description: "常见问题（公开）/ A published FAQ entry (public)" })
export class FaqEntry {
  @Field(() => ID, { description: "全局 ID / Global ID" })
  id: string;
  @Field({ description: "咨询编号 / Number" })
  number: string;
  @Field({ description: "类别 / Category" })
  category: string;
  @Field({ description: "问题 / Question" })
  question: string;
  @Field({ description: "答复 / Answer" })
  answer: string;
  @Field(() => GraphQLDateTime, { description: "公开时间 / Published at" })
  publishedAt: Date;
}

@ObjectType({ description: "提问人查询的咨询进度（公开）/ What an asker sees of their question (public)" })
export class ConsultationStatusView {
  @Field({ description: "咨询编号 / Number" })
  number: string;
  @Field(() => QuestionStatusKey, { description: "状态 / Status" })
  status: QuestionStatusKey;
  @Field({ description: "标题 / Title" })
  title: string;
  @Field(() => String, { nullable: true, description: "答复 / Answer" })
  answer: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "答复时间 / Answered at" })
  answeredAt: Date | null;
  @Field(() => GraphQLDateTime, { description: "提问时间 / Asked at" })
  createdAt: Date;
}

// ——— publicity ———

@ObjectType({ implements: Node, description: "宣传活动 / A publicity activity" })
export class PublicityActivity extends Node {
  @Field({ description: "名称 / Title" })
  title: string;
  @Field(() => PublicityKindKey, { description: "类型 / Kind" })
  kind: PublicityKindKey;
  @Field({ description: "组织单位 / Organiser" })
  organiser: string;
  @Field({ description: "开始日期 / Start date" })
  startDate: string;
  @Field({ description: "结束日期 / End date" })
  endDate: string;
  @Field({ description: "地点 / Location" })
  location: string;
  @Field(() => Int, { description: "参与人数 / Participants" })
  participants: number;
  @Field(() => Int, { description: "发放海报（份）/ Posters handed out" })
  posters: number;
  @Field(() => Int, { description: "发放折页（份）/ Leaflets handed out" })
  leaflets: number;
  @Field(() => Int, { description: "其他宣传品 / Other materials" })
  otherMaterials: number;
  @Field({ description: "说明 / Description" })
  description: string;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ implements: Node, description: "知晓率调查 / An awareness survey" })
export class AwarenessSurvey extends Node {
  @Field({ description: "调查日期 / Surveyed on" })
  surveyedOn: string;
  @Field({ description: "调查对象 / Population surveyed" })
  population: string;
  @Field(() => Int, { description: "样本量 / Sample size" })
  sampleSize: number;
  @Field({ description: "知晓率（%）/ Awareness (%)" })
  awarenessPct: string;
  @Field(() => String, { nullable: true, description: "参与率（%）/ Participation (%)" })
  participationPct: string | null;
  @Field(() => String, { nullable: true, description: "满意度（%）/ Satisfaction (%)" })
  satisfactionPct: string | null;
  @Field({ description: "说明 / Note" })
  note: string;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ description: "宣传汇总 / Publicity totals for a period" })
export class PublicitySummary {
  @Field(() => Int, { description: "活动数 / Activities" })
  activities: number;
  @Field(() => Int, { description: "参与人数 / Participants" })
  participants: number;
  @Field(() => Int, { description: "海报（份）/ Posters" })
  posters: number;
  @Field(() => Int, { description: "折页（份）/ Leaflets" })
  leaflets: number;
  @Field(() => Int, { description: "其他宣传品 / Other materials" })
  otherMaterials: number;
  @Field(() => Int, { description: "调查次数 / Surveys" })
  surveys: number;
  @Field(() => String, { nullable: true, description: "知晓率（%，按样本加权）/ Awareness (%, sample-weighted)" })
  awarenessPct: string | null;
  @Field(() => String, { nullable: true, description: "满意度（%，按样本加权）/ Satisfaction (%, sample-weighted)" })
  satisfactionPct: string | null;
}

// ——— connections and payloads ———

@ObjectType({ description: "创建单位列表 / A page of units" })
export class CellUnitConnection extends Connection(CellUnit) {}
@ObjectType({ description: "申请列表 / A page of applications" })
export class CellApplicationConnection extends Connection(CellApplication) {}
@ObjectType({ description: "指标完成值列表 / A page of indicator values" })
export class IndicatorActualConnection extends Connection(IndicatorActual) {}
@ObjectType({ description: "任务列表 / A page of tasks" })
export class TrackingTaskConnection extends Connection(TrackingTask) {}
@ObjectType({ description: "无废学院内容列表 / A page of academy items" })
export class AcademyItemConnection extends Connection(AcademyItem) {}
@ObjectType({ description: "咨询列表 / A page of questions" })
export class ConsultationQuestionConnection extends Connection(ConsultationQuestion) {}
@ObjectType({ description: "常见问题列表 / A page of FAQ entries" })
export class FaqEntryConnection extends Connection(FaqEntry) {}
@ObjectType({ description: "宣传活动列表 / A page of publicity activities" })
export class PublicityActivityConnection extends Connection(PublicityActivity) {}
@ObjectType({ description: "知晓率调查列表 / A page of surveys" })
export class AwarenessSurveyConnection extends Connection(AwarenessSurvey) {}


@ObjectType({ description: "创建单位变更结果 / Result of a unit change" })
export class CellUnitPayload {
  @Field(() => CellUnit, { nullable: true, description: "单位 / The unit" })
  unit: CellUnit | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "申请变更结果 / Result of an application change" })
export class CellApplicationPayload {
  @Field(() => CellApplication, { nullable: true, description: "申请 / The application" })
  application: CellApplication | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "细胞类型变更结果 / Result of a cell type change" })
export class CellTypePayload {
  @Field(() => CellType, { nullable: true, description: "类型 / The cell type" })
  cellType: CellType | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "指标变更结果 / Result of an indicator change" })
export class IndicatorPayload {
  @Field(() => Indicator, { nullable: true, description: "指标 / The indicator" })
  indicator: Indicator | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "指标报送结果 / Result of reporting a value" })
export class IndicatorActualPayload {
  @Field(() => IndicatorActual, { nullable: true, description: "完成值 / The value" })
  actual: IndicatorActual | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "任务变更结果 / Result of a task change" })
export class TrackingTaskPayload {
  @Field(() => TrackingTask, { nullable: true, description: "任务 / The task" })
  task: TrackingTask | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "无废学院内容变更结果 / Result of an academy change" })
export class AcademyItemPayload {
  @Field(() => AcademyItem, { nullable: true, description: "内容 / The item" })
  item: AcademyItem | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "提问结果：咨询编号和查询码（查询码只显示这一次）/ Result of asking: the number and the tracking code (shown only here)" })
export class AskQuestionPayload {
  @Field(() => String, { nullable: true, description: "咨询编号 / Question number" })
  number: string | null;
  @Field(() => String, { nullable: true, description: "查询码：凭编号和查询码查看答复 / Tracking code: look up the answer with the number and this code" })
  trackingCode: string | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "咨询处理结果 / Result of working a question" })
export class ConsultationQuestionPayload {
  @Field(() => ConsultationQuestion, { nullable: true, description: "咨询 / The question" })
  question: ConsultationQuestion | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "宣传活动记录结果 / Result of recording an activity" })
export class PublicityActivityPayload {
  @Field(() => PublicityActivity, { nullable: true, description: "活动 / The activity" })
  activity: PublicityActivity | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "调查记录结果 / Result of recording a survey" })
export class AwarenessSurveyPayload {
  @Field(() => AwarenessSurvey, { nullable: true, description: "调查 / The survey" })
  survey: AwarenessSurvey | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "指数重算结果 / Result of recomputing the index" })
export class RecomputeIndexPayload {
  @Field(() => Int, { nullable: true, description: "写入的指数行数 / Index rows written" })
  written: number | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
