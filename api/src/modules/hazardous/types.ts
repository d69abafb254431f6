/**
 * GraphQL object types of the hazardous-waste stream. Rows carry numeric ids; Node turns them into
 * global ids of the type. Weights are decimal strings in kg (three decimals), tonnages in t.
 */
import { GraphQLDate, GraphQLDateTime, GraphQLJSON } from "graphql-scalars";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { UserError } from "../../graphql/errors.js";
import { Node } from "../../graphql/node.js";
import { District, SeverityKey } from "../core/types.js";

export enum UnitKindKey {
  ENTERPRISE = "ENTERPRISE",
  LABORATORY = "LABORATORY",
  AUTO_REPAIR = "AUTO_REPAIR",
  HOSPITAL = "HOSPITAL",
  SCHOOL = "SCHOOL",
  OTHER_SOCIAL = "OTHER_SOCIAL",
}
registerEnumType(UnitKindKey, {
  name: "HazardousUnitKind",
  description: "产废单位类型：工业企业或社会源 / Kind of waste-producing unit: industrial enterprise or a social source",
  valuesConfig: {
    ENTERPRISE: { description: "工业企业 / Industrial enterprise" },
    LABORATORY: { description: "实验室（社会源）/ Laboratory (social source)" },
    AUTO_REPAIR: { description: "汽修企业（社会源）/ Auto-repair shop (social source)" },
    HOSPITAL: { description: "医院（社会源）/ Hospital (social source)" },
    SCHOOL: { description: "学校（社会源）/ School (social source)" },
    OTHER_SOCIAL: { description: "其他社会源 / Other social source" },
  },
});

export enum HazardStatusKey {
  FOUND = "FOUND",
  RECTIFYING = "RECTIFYING",
  SUBMITTED = "SUBMITTED",
  VERIFIED = "VERIFIED",
}
registerEnumType(HazardStatusKey, {
  name: "HazardStatus",
  description: "隐患整改状态：发现 → 整改中 → 已提交材料 → 已验收销号（或退回整改）/ Hazard status: found → rectifying → evidence submitted → verified (or returned)",
});

export enum HazardActionKey {
  startRectification = "startRectification",
  submitEvidence = "submitEvidence",
  verify = "verify",
  returnForRework = "returnForRework",
}
registerEnumType(HazardActionKey, { name: "HazardAction", description: "隐患整改动作 / Hazard workflow action" });

export enum ManifestStateKey {
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  PICKED_UP = "PICKED_UP",
  RECEIVED = "RECEIVED",
  ACCEPTED = "ACCEPTED",
  PARTLY_REJECTED = "PARTLY_REJECTED",
  REJECTED = "REJECTED",
  DISPOSED = "DISPOSED",
  CLOSED = "CLOSED",
  CANCELLED = "CANCELLED",
}
registerEnumType(ManifestStateKey, {
  name: "ManifestState",
  description: "转移联单状态 / Transfer manifest state",
  valuesConfig: {
    DRAFT: { description: "草稿 / Draft" },
    SUBMITTED: { description: "移出人已签字 / Signed by the producer" },
    PICKED_UP: { description: "承运人已接收，运输中 / Picked up, in transit" },
    RECEIVED: { description: "接受人已过磅签收 / Weighed and signed for by the receiver" },
    ACCEPTED: { description: "已接收 / Accepted" },
    PARTLY_REJECTED: { description: "部分拒收 / Partly rejected" },
    REJECTED: { description: "拒收 / Rejected" },
    DISPOSED: { description: "已利用处置 / Utilised or disposed of" },
    CLOSED: { description: "已办结 / Closed" },
    CANCELLED: { description: "已作废 / Cancelled" },
  },
});

export enum PartyKey {
  PRODUCER = "PRODUCER",
  CARRIER = "CARRIER",
  RECEIVER = "RECEIVER",
  STAFF = "STAFF",
}
registerEnumType(PartyKey, { name: "ManifestParty", description: "联单当事方：移出人、承运人、接受人、监管人员 / Manifest party: producer, carrier, receiver, supervising staff" });

export enum ManifestActionKey {
  submit = "submit",
  cancel = "cancel",
  pickUp = "pickUp",
  receive = "receive",
  accept = "accept",
  partlyReject = "partlyReject",
  reject = "reject",
  dispose = "dispose",
  close = "close",
}
registerEnumType(ManifestActionKey, { name: "ManifestAction", description: "联单流转动作 / Manifest transition" });

export enum PhysicalFormKey {
  SOLID = "SOLID",
  SEMI_SOLID = "SEMI_SOLID",
  LIQUID = "LIQUID",
  GAS = "GAS",
}
registerEnumType(PhysicalFormKey, { name: "PhysicalForm", description: "物理形态：固态、半固态、液态、气态 / Physical form" });

export enum ReceiptDecisionKey {
  ACCEPT = "ACCEPT",
  PARTLY_REJECT = "PARTLY_REJECT",
  REJECT = "REJECT",
}
registerEnumType(ReceiptDecisionKey, { name: "ReceiptDecision", description: "接收决定：接收、部分拒收、拒收 / Receipt decision" });

export enum InspectionKindKey {
  CENSUS = "CENSUS",
  ROUTINE = "ROUTINE",
  PLASTIC_BAN = "PLASTIC_BAN",
  HOTEL_SUPPLIES = "HOTEL_SUPPLIES",
}
registerEnumType(InspectionKindKey, {
  name: "InspectionKind",
  description: "检查类型 / Inspection kind",
  valuesConfig: {
    CENSUS: { description: "工业固废大排查 / Census inspection" },
    ROUTINE: { description: "日常检查 / Routine inspection" },
    PLASTIC_BAN: { description: "禁塑限塑检查 / Plastic-ban inspection" },
    HOTEL_SUPPLIES: { description: "酒店一次性消费用品检查 / One-time hotel supplies inspection" },
  },
});

export enum ContractUnitTypeKey {
  INDUSTRIAL = "INDUSTRIAL",
  LABORATORY = "LABORATORY",
  AUTO_REPAIR = "AUTO_REPAIR",
}
registerEnumType(ContractUnitTypeKey, { name: "ContractUnitType", description: "签约单位类型：工业企业、实验室、汽修企业 / Contracted unit type" });

export enum TransportRoleKey {
  DRIVER = "DRIVER",
  ESCORT = "ESCORT",
}
registerEnumType(TransportRoleKey, { name: "TransportRole", description: "驾驶员或押运员 / Driver or escort" });

export enum DecommissionStepKey {
  PLAN_FILED = "PLAN_FILED",
  DEMOLITION = "DEMOLITION",
  SOIL_SURVEY = "SOIL_SURVEY",
  TRANSITION = "TRANSITION",
}
registerEnumType(DecommissionStepKey, {
  name: "DecommissionStep",
  description: "退役步骤 / Decommissioning step",
  valuesConfig: {
    PLAN_FILED: { description: "拆除活动污染防治方案备案 / Pollution-prevention plan filed" },
    DEMOLITION: { description: "规范拆除 / Demolition under rules" },
    SOIL_SURVEY: { description: "土壤污染状况调查 / Soil-pollution survey" },
    TRANSITION: { description: "新厂区过渡 / Transition to the new plant" },
  },
});

export enum StepStatusKey {
  NOT_STARTED = "NOT_STARTED",
  IN_PROGRESS = "IN_PROGRESS",
  DONE = "DONE",
}
registerEnumType(StepStatusKey, { name: "DecommissionStepStatus", description: "步骤状态 / Step status" });

export enum CorrectionStatusKey {
  PENDING = "PENDING",
  APPLIED = "APPLIED",
  REJECTED = "REJECTED",
}
registerEnumType(CorrectionStatusKey, { name: "ManifestCorrectionStatus", description: "更正申请状态 / Correction status" });

// ——— reference ———

@ObjectType({ description: "国家危险废物名录代码 / A code of the National Catalogue of Hazardous Wastes" })
export class WasteCode {
  @Field({ description: "废物代码，如 900-214-08 / Waste code such as 900-214-08" })
  code: string;
  @Field({ description: "废物类别，如 HW08 / Category such as HW08" })
  category: string;
  @Field({ description: "类别名称 / Category name" })
  categoryNameZh: string;
  @Field({ description: "中文名称 / Chinese name" })
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  nameEn: string;
  @Field(() => [String], { description: "危险特性：T 毒性、C 腐蚀性、I 易燃性、R 反应性、In 感染性 / Hazard characteristics" })
  characteristics: string[];
}

@ObjectType({ description: "利用处置方式代码 / Utilisation or disposal method code" })
export class DisposalMethod {
  @Field({ description: "代码，如 D10、R4 / Code such as D10 or R4" })
  code: string;
  @Field({ description: "利用或处置 / UTILISATION or DISPOSAL" })
  kind: string;
  @Field({ description: "中文名称 / Chinese name" })
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  nameEn: string;
}

// ——— census ———

@ObjectType({ implements: Node, description: "产废单位（工业企业或社会源）/ A waste-producing unit (enterprise or social source)" })
export class HazardousUnit extends Node {
  @Field({ description: "名称 / Name" })
  name: string;
  @Field({ description: "统一社会信用代码 / Unified social credit code" })
  creditCode: string;
  @Field(() => UnitKindKey, { description: "类型 / Kind" })
  kind: UnitKindKey;
  @Field({ description: "是否小微企业 / Small/micro enterprise" })
  smallMicro: boolean;
  @Field({ description: "行业 / Industry" })
  industry: string;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field({ description: "联系人 / Contact" })
  contact: string;
  @Field({ description: "电话 / Phone" })
  phone: string;
  @Field({ description: "年产生量估算（吨）/ Estimated annual generation (t)" })
  annualGenerationT: string;
  @Field(() => String, { nullable: true, description: "排查日期 / Census check date" })
  censusCheckedOn: string | null;
  @Field({ description: "是否在册 / Active in the list" })
  active: boolean;
  @Field({ description: "登记日期 / Registered on" })
  registeredOn: string;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ description: "培训签到 / A training attendee" })
export class TrainingAttendee {
  @Field({ description: "姓名 / Name" })
  personName: string;
  @Field({ description: "岗位 / Role" })
  role: string;
  @Field(() => String, { nullable: true, description: "所属单位 / Unit" })
  unitName: string | null;
}

@ObjectType({ implements: Node, description: "培训批次 / A census training session" })
export class TrainingSession extends Node {
  @Field({ description: "主题 / Title" })
  title: string;
  @Field({ description: "日期 / Held on" })
  heldOn: string;
  @Field({ description: "授课人 / Trainer" })
  trainer: string;
  @Field(() => Int, { description: "参训人次 / Attendees" })
  attendeeCount: number;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ description: "检查发现 / An inspection finding" })
export class InspectionFinding {
  @Field({ description: "检查项 / Item" })
  item: string;
  @Field({ description: "情况 / Description" })
  description: string;
  @Field({ description: "是否严重 / Serious" })
  serious: boolean;
}

@ObjectType({ implements: Node, description: "检查记录 / An inspection record" })
export class Inspection extends Node {
  @Field(() => InspectionKindKey, { description: "类型 / Kind" })
  kind: InspectionKindKey;
  @Field({ description: "检查对象 / Inspected place" })
  subjectName: string;
  @Field({ description: "检查日期 / Date" })
  inspectedOn: string;
  @Field({ description: "检查人 / Inspector" })
  inspector: string;
  @Field(() => [InspectionFinding], { description: "发现的问题 / Findings" })
  findings: InspectionFinding[];
  @Field(() => Int, { description: "问题数 / Number of findings" })
  findingCount: number;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  unitId: number | null;
  districtId: number;
  caseId: number | null;
}

@ObjectType({ description: "隐患整改记录 / A step in a hazard's history" })
export class HazardEvent {
  @Field({ description: "动作 / Action" })
  action: string;
  @Field(() => HazardStatusKey, { nullable: true, description: "原状态 / From" })
  fromStatus: HazardStatusKey | null;
  @Field(() => HazardStatusKey, { description: "新状态 / To" })
  toStatus: HazardStatusKey;
  @Field({ description: "操作者 / Actor" })
  actor: string;
  @Field(() => String, { nullable: true, description: "说明 / Note" })
  note: string | null;
  @Field(() => GraphQLDateTime, { description: "时间 / When" })
  at: Date;
}

@ObjectType({ implements: Node, description: "问题隐患 / A hazard found in the census, with its rectification" })
export class Hazard extends Node {
  @Field({ description: "类别：STORAGE 贮存、LABELLING 标识、LEDGER 台账、TRANSFER 转移、DISPOSAL 处置、POLLUTION_CONTROL 污染防治、OTHER / Category" })
  category: string;
  @Field(() => SeverityKey, { description: "严重程度 / Severity" })
  severity: SeverityKey;
  @Field({ description: "问题描述 / Description" })
  description: string;
  @Field({ description: "责任单位 / Responsible unit" })
  responsibleUnit: string;
  @Field({ description: "整改期限 / Deadline" })
  deadline: string;
  @Field(() => HazardStatusKey, { description: "状态 / Status" })
  status: HazardStatusKey;
  @Field(() => String, { nullable: true, description: "整改材料说明 / Rectification evidence" })
  evidence: string | null;
  @Field({ description: "发现日期 / Found on" })
  foundOn: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "提交时间 / Evidence submitted at" })
  submittedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "验收时间 / Verified at" })
  verifiedAt: Date | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  unitId: number;
  districtId: number;
}

// ——— collection ———

@ObjectType({ implements: Node, description: "小微收运单位 / A licensed small/micro collection operator" })
export class CollectionOperator extends Node {
  @Field({ description: "名称 / Name" })
  name: string;
  @Field({ description: "统一社会信用代码 / Credit code" })
  creditCode: string;
  @Field({ description: "危险废物经营许可证编号 / Licence number" })
  licenceNo: string;
  @Field({ description: "许可证有效期至 / Licence valid to" })
  licenceValidTo: string;
  @Field({ description: "核准收集规模（吨/年）/ Licensed collection capacity (t/yr)" })
  capacityTPerYear: string;
  districtId: number;
}

@ObjectType({ implements: Node, description: "收运服务合同 / A collection service contract" })
export class CollectionContract extends Node {
  @Field(() => ContractUnitTypeKey, { description: "单位类型 / Unit type" })
  unitType: ContractUnitTypeKey;
  @Field({ description: "签约日期 / Signed on" })
  signedOn: string;
  @Field({ description: "有效期至 / Valid to" })
  validTo: string;
  @Field(() => String, { nullable: true, description: "终止日期 / Terminated on" })
  terminatedOn: string | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  operatorId: number;
  unitId: number;
  districtId: number;
}

@ObjectType({ description: "收运废物明细 / A waste line of a collection" })
export class CollectionRunLine {
  @Field({ description: "废物代码 / Waste code" })
  wasteCode: string;
  @Field({ description: "重量（kg）/ Quantity (kg)" })
  quantityKg: string;
}

@ObjectType({ implements: Node, description: "收运记录（家次）/ One collection at a unit" })
export class CollectionRun extends Node {
  @Field(() => ContractUnitTypeKey, { description: "单位类型 / Unit type" })
  unitType: ContractUnitTypeKey;
  @Field(() => GraphQLDateTime, { description: "收运时间 / Collected at" })
  collectedAt: Date;
  @Field({ description: "合计重量（kg）/ Total (kg)" })
  totalKg: string;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  operatorId: number;
  unitId: number;
  districtId: number;
}

@ObjectType({ description: "收运统计（按经营单位和单位类型）/ Collection figures per operator and unit type" })
export class CollectionStatRow {
  @Field(() => CollectionOperator, { nullable: true, description: "经营单位（合计行为空）/ Operator (empty on total rows)" })
  operator: CollectionOperator | null;
  @Field(() => ContractUnitTypeKey, { description: "单位类型 / Unit type" })
  unitType: ContractUnitTypeKey;
  @Field(() => Int, { description: "签约单位数 / Units under contract" })
  contracts: number;
  @Field(() => Int, { description: "收运家次 / Collections" })
  runs: number;
  @Field({ description: "收运量（吨）/ Tonnes collected" })
  tonnes: string;
}

@ObjectType({ description: "小微收运统计 / Small/micro collection statistics" })
export class CollectionStatistics {
  @Field(() => [CollectionStatRow], { description: "按经营单位 / Per operator" })
  rows: CollectionStatRow[];
  @Field(() => [CollectionStatRow], { description: "按单位类型合计 / Totals per unit type" })
  totals: CollectionStatRow[];
}

// ——— transport ———

@ObjectType({ implements: Node, description: "危险货物道路运输企业 / A hazardous-goods transport company" })
export class Carrier extends Node {
  @Field({ description: "名称 / Name" })
  name: string;
  @Field({ description: "统一社会信用代码 / Credit code" })
  creditCode: string;
  @Field({ description: "道路危险货物运输许可证号 / Road transport permit number" })
  permitNo: string;
  @Field({ description: "许可证有效期至 / Permit valid to" })
  permitValidTo: string;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ implements: Node, description: "危货运输车辆 / A hazardous-goods vehicle" })
export class TransportVehicle extends Node {
  @Field({ description: "车牌 / Plate" })
  plate: string;
  @Field(() => String, { nullable: true, description: "GPS 终端号 / GPS terminal id" })
  terminalId: string | null;
  @Field({ description: "车型 / Vehicle type" })
  vehicleType: string;
  @Field({ description: "核定载质量（kg）/ Rated load (kg)" })
  loadKg: string;
  @Field({ description: "道路运输证号 / Road transport certificate" })
  licenceNo: string;
  @Field({ description: "有效期至 / Valid to" })
  licenceValidTo: string;
  @Field({ description: "在用（停运为否，不可绑定联单）/ In service (an inactive vehicle cannot be bound)" })
  active: boolean;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  carrierId: number;
  districtId: number;
}

@ObjectType({ implements: Node, description: "驾驶员或押运员 / A driver or escort" })
export class TransportPerson extends Node {
  @Field({ description: "姓名 / Name" })
  name: string;
  @Field(() => TransportRoleKey, { description: "岗位 / Role" })
  role: TransportRoleKey;
  @Field({ description: "从业资格证号 / Qualification certificate" })
  qualificationNo: string;
  @Field({ description: "有效期至 / Valid to" })
  qualificationValidTo: string;
  @Field({ description: "电话 / Phone" })
  phone: string;
  @Field({ description: "在岗（离职为否，不可绑定联单）/ Employed (an inactive person cannot be bound)" })
  active: boolean;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  carrierId: number;
}

@ObjectType({ description: "核准经营规模 / Licensed capacity of a facility for one category and method" })
export class FacilityCapacity {
  @Field({ description: "废物类别 / Category" })
  category: string;
  @Field({ description: "UTILISATION 利用 / DISPOSAL 处置" })
  method: string;
  @Field({ description: "吨/年 / Tonnes per year" })
  tonnesPerYear: string;
  @Field({ description: "起始日期 / From" })
  startsOn: string;
}

@ObjectType({ implements: Node, description: "持证利用处置单位（接受人）/ A licensed receiving facility" })
export class Facility extends Node {
  @Field({ description: "名称 / Name" })
  name: string;
  @Field({ description: "统一社会信用代码 / Credit code" })
  creditCode: string;
  @Field({ description: "危险废物经营许可证编号 / Licence number" })
  licenceNo: string;
  @Field({ description: "有效期至 / Valid to" })
  licenceValidTo: string;
  districtId: number;
}

// ——— manifests ———

@ObjectType({ description: "联单废物明细 / A waste line of a manifest" })
export class ManifestLine {
  @Field(() => Int, { description: "行号 / Line number" })
  lineNo: number;
  @Field({ description: "废物代码 / Waste code" })
  wasteCode: string;
  @Field({ description: "废物名称 / Waste name" })
  wasteName: string;
  @Field(() => PhysicalFormKey, { description: "物理形态 / Physical form" })
  physicalForm: PhysicalFormKey;
  @Field(() => [String], { description: "危险特性 / Hazard characteristics" })
  characteristics: string[];
  @Field({ description: "包装方式 / Packaging" })
  packaging: string;
  @Field(() => Int, { description: "包装数量 / Packages" })
  packageCount: number;
  @Field({ description: "申报重量（kg）/ Declared (kg)" })
  quantityKg: string;
  @Field(() => String, { nullable: true, description: "接收重量（kg）/ Received (kg)" })
  receivedKg: string | null;
  @Field(() => String, { nullable: true, description: "拒收重量（kg）/ Rejected (kg)" })
  rejectedKg: string | null;
}

@ObjectType({ description: "联单流转记录 / One transition in a manifest's history" })
export class ManifestEvent {
  @Field({ description: "动作 / Action" })
  action: string;
  @Field(() => ManifestStateKey, { nullable: true, description: "原状态 / From" })
  fromState: ManifestStateKey | null;
  @Field(() => ManifestStateKey, { description: "新状态 / To" })
  toState: ManifestStateKey;
  @Field(() => PartyKey, { description: "执行方 / Party" })
  party: PartyKey;
  @Field({ description: "操作者 / Actor" })
  actor: string;
  @Field(() => GraphQLJSON, { description: "详情 / Details" })
  detail: unknown;
  @Field(() => GraphQLDateTime, { description: "时间 / When" })
  at: Date;
}

@ObjectType({ implements: Node, description: "电子运单（与联单一一对应）/ The electronic waybill, one per manifest" })
export class Waybill extends Node {
  @Field({ description: "运单号 / Waybill number" })
  number: string;
  @Field(() => GraphQLDateTime, { description: "发车时间 / Departed at" })
  departedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "到达时间 / Arrived at" })
  arrivedAt: Date | null;
  vehicleId: number;
  driverId: number;
  escortId: number;
  manifestId: number;
}

@ObjectType({ implements: Node, description: "联单更正申请 / A correction request of a signed manifest" })
export class ManifestCorrection extends Node {
  @Field(() => PartyKey, { description: "申请方 / Requested by party" })
  requestedParty: PartyKey;
  @Field({ description: "申请人 / Requested by" })
  requestedBy: string;
  @Field({ description: "理由 / Reason" })
  reason: string;
  @Field(() => GraphQLJSON, { description: "更正内容 / Changes" })
  changes: unknown;
  @Field(() => [PartyKey], { description: "需同意的当事方 / Parties who must approve" })
  requiredParties: PartyKey[];
  @Field(() => [PartyKey], { description: "已同意的当事方 / Parties who approved" })
  approvedParties: PartyKey[];
  @Field(() => CorrectionStatusKey, { description: "状态 / Status" })
  status: CorrectionStatusKey;
  @Field(() => GraphQLDateTime, { description: "申请时间 / Requested at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "决定时间 / Decided at" })
  decidedAt: Date | null;
  manifestId: number;
}

@ObjectType({ description: "包装标签 / A package label with its QR link" })
export class PackageLabel {
  @Field({ description: "标签编码 / Label code" })
  code: string;
  @Field({ description: "二维码链接 / QR link" })
  url: string;
  @Field(() => Int, { description: "行号 / Line" })
  lineNo: number;
  @Field(() => Int, { description: "序号 / Package number" })
  seq: number;
  @Field({ description: "废物代码 / Waste code" })
  wasteCode: string;
  @Field({ description: "废物名称 / Waste name" })
  wasteName: string;
  @Field({ description: "包装 / Packaging" })
  packaging: string;
  @Field(() => [String], { description: "危险特性 / Characteristics" })
  characteristics: string[];
  @Field({ description: "二维码 SVG / QR code as SVG", complexity: 5 })
  qrSvg: string;
}

@ObjectType({ description: "扫码记录 / A QR scan" })
export class QrScan {
  @Field(() => String, { nullable: true, description: "扫描的包装标签 / Package label scanned" })
  packageRef: string | null;
  @Field({ description: "扫码人 / Viewer" })
  viewer: string;
  @Field({ description: "视图：FULL 完整 / RESTRICTED 受限 / View given" })
  view: string;
  @Field({ description: "地址 / Client address" })
  ip: string;
  @Field(() => GraphQLDateTime, { description: "时间 / When" })
  at: Date;
}

@ObjectType({ description: "调用者可执行的联单动作 / A manifest action the caller may take now" })
export class AvailableManifestAction {
  @Field(() => ManifestActionKey, { description: "动作 / Action" })
  action: ManifestActionKey;
  @Field(() => PartyKey, { description: "以何身份 / As which party" })
  asParty: PartyKey;
  @Field({ description: "说明 / Label" })
  labelZh: string;
  @Field({ description: "Label" })
  labelEn: string;
}

@ObjectType({ implements: Node, description: "危险废物转移联单 / A hazardous-waste transfer manifest" })
export class TransferManifest extends Node {
  @Field({ description: "联单编号 / Number" })
  number: string;
  @Field(() => ManifestStateKey, { description: "状态 / State" })
  state: ManifestStateKey;
  @Field(() => GraphQLJSON, { nullable: true, description: "计划路线 [[经度,纬度],…] / Planned route [[lon, lat], …]" })
  plannedRoute: unknown;
  @Field(() => GraphQLDateTime, { nullable: true, description: "计划转移时间 / Planned pickup" })
  plannedPickupAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "应接收时限 / Must be received by" })
  dueBy: Date | null;
  @Field({ description: "申报总量（kg）/ Declared total (kg)" })
  declaredKg: string;
  @Field(() => String, { nullable: true, description: "接收总量（kg）/ Received total (kg)" })
  receivedKg: string | null;
  @Field(() => String, { nullable: true, description: "拒收量（kg）/ Rejected (kg)" })
  rejectedKg: string | null;
  @Field(() => String, { nullable: true, description: "过磅差异（%）/ Weight difference (%)" })
  discrepancyPct: string | null;
  @Field({ description: "差异是否超限 / Difference beyond tolerance" })
  discrepancyFlagged: boolean;
  @Field(() => String, { nullable: true, description: "拒收理由 / Rejection reason" })
  rejectionReason: string | null;
  @Field(() => String, { nullable: true, description: "利用处置方式 / Disposal method code" })
  disposalMethod: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "移出人签字时间 / Producer signed at" })
  submittedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "承运接收时间 / Picked up at" })
  pickedUpAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "接受人签收时间 / Received at" })
  receivedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "接收决定时间 / Decided at" })
  decidedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "处置时间 / Disposed at" })
  disposedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "办结时间 / Closed at" })
  closedAt: Date | null;
  @Field(() => GraphQLDateTime, { description: "创建时间 / Created at" })
  createdAt: Date;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  @Field(() => Int, { description: "版本 / Version" })
  version: number;
  producerId: number;
  carrierId: number;
  receiverId: number;
  districtId: number;
  receiverDistrictId: number;
  vehicleId: number | null;
  driverId: number | null;
  escortId: number | null;
  qrToken: string;
}

@ObjectType({ description: "流向记录 / A hand-over in the flow" })
export class FlowStep {
  @Field(() => GraphQLDateTime, { description: "时间 / When" })
  at: Date;
  @Field({ description: "动作 / Action" })
  action: string;
  @Field(() => String, { nullable: true, description: "交出方 / From" })
  fromParty: string | null;
  @Field(() => String, { nullable: true, description: "接收方 / To" })
  toParty: string | null;
  @Field(() => String, { nullable: true, description: "数量（kg）/ Quantity (kg)" })
  quantityKg: string | null;
  @Field(() => String, { nullable: true, description: "说明 / Note" })
  note: string | null;
}

@ObjectType({ description: "扫码所见的明细 / A line as shown on a scan" })
export class QrLine {
  @Field(() => Int, { description: "行号 / Line" })
  lineNo: number;
  @Field({ description: "废物代码 / Code" })
  wasteCode: string;
  @Field({ description: "名称 / Name" })
  wasteName: string;
  @Field({ description: "包装 / Packaging" })
  packaging: string;
  @Field(() => Int, { description: "包装数 / Packages" })
  packageCount: number;
  @Field({ description: "申报（kg）/ Declared (kg)" })
  quantityKg: string;
  @Field(() => String, { nullable: true, description: "接收（kg）/ Received (kg)" })
  receivedKg: string | null;
}

@ObjectType({ description: "扫码核验结果：授权者可见完整信息，其他人受限 / What a QR scan shows: full to authorised viewers, restricted to others" })
export class ManifestQrView {
  @Field({ description: "是否受限视图 / Restricted view" })
  restricted: boolean;
  @Field({ description: "联单编号 / Number" })
  number: string;
  @Field(() => ManifestStateKey, { description: "状态 / State" })
  state: ManifestStateKey;
  @Field(() => [String], { description: "废物代码 / Waste codes" })
  wasteCodes: string[];
  @Field(() => String, { nullable: true, description: "移出人（受限时脱敏）/ Producer (masked when restricted)" })
  producerName: string | null;
  @Field(() => String, { nullable: true, description: "承运人（受限时脱敏）/ Carrier (masked when restricted)" })
  carrierName: string | null;
  @Field({ description: "接受人 / Receiver" })
  receiverName: string;
  @Field(() => String, { nullable: true, description: "扫描的包装标签 / Package label" })
  packageRef: string | null;
  @Field(() => String, { nullable: true, description: "申报量 / Declared (kg)" })
  declaredKg: string | null;
  @Field(() => String, { nullable: true, description: "接收量 / Received (kg)" })
  receivedKg: string | null;
  @Field(() => String, { nullable: true, description: "差异 % / Difference %" })
  discrepancyPct: string | null;
  @Field(() => String, { nullable: true, description: "车牌 / Plate" })
  plate: string | null;
  @Field(() => [QrLine], { nullable: true, description: "明细（授权可见）/ Lines (authorised only)" })
  lines: QrLine[] | null;
  @Field(() => [FlowStep], { nullable: true, description: "流向（授权可见）/ Flow (authorised only)" })
  flow: FlowStep[] | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "最近交接时间 / Last hand-over" })
  lastHandoverAt: Date | null;
}

@ObjectType({ description: "联单状态机的一条迁移 / One transition of the manifest state machine" })
export class ManifestTransitionInfo {
  @Field(() => ManifestActionKey, { description: "动作 / Action" })
  action: ManifestActionKey;
  @Field(() => [ManifestStateKey], { description: "起始状态 / From states" })
  from: ManifestStateKey[];
  @Field(() => ManifestStateKey, { description: "目标状态 / To" })
  to: ManifestStateKey;
  @Field(() => [PartyKey], { description: "可执行方 / Parties" })
  parties: PartyKey[];
  @Field(() => [String], { description: "锁定的字段 / Fields it locks" })
  locks: string[];
  @Field({ description: "说明 / Label" })
  labelZh: string;
  @Field({ description: "Label" })
  labelEn: string;
}

@ObjectType({ implements: Node, description: "分段限速路段 / A road segment with a speed limit" })
export class RoadSegment extends Node {
  @Field({ description: "名称 / Name" })
  name: string;
  @Field(() => Int, { description: "限速 km/h / Limit km/h" })
  speedLimitKmh: number;
  @Field(() => GraphQLJSON, { description: "线 [[经度,纬度],…] / Line [[lon, lat], …]" })
  line: unknown;
  @Field(() => Int, { description: "匹配缓冲（米）/ Match buffer (m)" })
  bufferM: number;
  @Field({ description: "禁行路段（危货车辆不得驶入）/ Restricted: hazardous-goods vehicles may not use it" })
  restricted: boolean;
  @Field({ description: "启用 / Active (retired segments are not matched)" })
  active: boolean;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number | null;
}

@ObjectType({ description: "预警规则参数 / Alert rule parameters" })
export class HazardousRuleSettings {
  @Field({ description: "过磅差异容差（%）/ Weight difference tolerance (%)" })
  discrepancyTolerancePct: string;
  @Field(() => Int, { description: "偏离路线阈值（米）/ Off-route threshold (m)" })
  offRouteMetres: number;
  @Field(() => Int, { description: "证照到期提前预警天数 / Days ahead to warn of licence expiry" })
  licenceWarnDays: number;
  @Field(() => Int, { description: "超速容差 km/h / Overspeed tolerance km/h" })
  overspeedToleranceKmh: number;
}

// ——— decommissioning ———

@ObjectType({ implements: Node, description: "附件 / An attached document" })
export class HazardousDocument extends Node {
  @Field({ description: "文件名 / File name" })
  fileName: string;
  @Field({ description: "类型 / MIME type" })
  mimeType: string;
  @Field(() => Int, { description: "大小（字节）/ Size (bytes)" })
  sizeBytes: number;
  @Field({ description: "SHA-256" })
  sha256: string;
  @Field(() => String, { nullable: true, description: "所属步骤 / Step" })
  step: string | null;
  @Field({ description: "上传人 / Uploaded by" })
  uploadedBy: string;
  @Field(() => GraphQLDateTime, { description: "上传时间 / Uploaded at" })
  uploadedAt: Date;
  ownerType: string;
  ownerId: number;
}

@ObjectType({ description: "退役步骤进度 / Progress of one decommissioning step" })
export class DecommissionStepInfo {
  @Field(() => DecommissionStepKey, { description: "步骤 / Step" })
  step: DecommissionStepKey;
  @Field(() => StepStatusKey, { description: "状态 / Status" })
  status: StepStatusKey;
  @Field(() => GraphQLDateTime, { nullable: true, description: "开始 / Started" })
  startedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "完成 / Completed" })
  completedAt: Date | null;
  @Field({ description: "备注 / Note" })
  note: string;
  @Field(() => [DecommissionStepKey], { description: "前置步骤 / Prerequisites" })
  requires: DecommissionStepKey[];
}

@ObjectType({ implements: Node, description: "印染企业退役期污染防治项目 / A printing-and-dyeing enterprise's decommissioning project" })
export class DecommissionProject extends Node {
  @Field({ description: "原厂址 / Old site" })
  oldSite: string;
  @Field({ description: "新厂址 / New site" })
  newSite: string;
  @Field({ description: "当前步骤 / Current step" })
  currentStep: string;
  @Field({ description: "是否完成 / Completed" })
  completed: boolean;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  unitId: number;
  districtId: number;
}

// ——— statistics ———

@ObjectType({ description: "区县统计 / Figures of one district (or the city total)" })
export class HazardousDistrictStats {
  @Field(() => District, { nullable: true, description: "区县（合计为空）/ District (empty for the total)" })
  district: District | null;
  @Field(() => Int, { description: "工业企业 / Enterprises" })
  enterprises: number;
  @Field(() => Int, { description: "小微企业 / Small/micro" })
  smallMicro: number;
  @Field(() => Int, { description: "社会源 / Social sources" })
  socialSources: number;
  @Field(() => Int, { description: "发现隐患（期间）/ Hazards found in the period" })
  hazardsFound: number;
  @Field(() => Int, { description: "完成整改（期间）/ Rectified in the period" })
  hazardsRectified: number;
  @Field(() => Int, { description: "未销号隐患（当前）/ Open hazards now" })
  hazardsOpen: number;
  @Field(() => Int, { description: "培训人次 / People trained" })
  trainingAttendees: number;
  @Field(() => Int, { description: "新建联单 / Manifests created" })
  manifestsCreated: number;
  @Field(() => Int, { description: "接收联单 / Manifests received" })
  manifestsReceived: number;
  @Field({ description: "接收量（吨）/ Tonnes received" })
  receivedTonnes: string;
  @Field(() => Int, { description: "在途联单 / In transit now" })
  manifestsInTransit: number;
  @Field(() => Int, { description: "小微收运家次 / Collections" })
  collectionRuns: number;
  @Field({ description: "小微收运量（吨）/ Tonnes collected" })
  collectionTonnes: string;
  districtId?: number;
}

@ObjectType({ description: "联单按状态 / Manifests in one state" })
export class ManifestStateCount {
  @Field(() => ManifestStateKey, { description: "状态 / State" })
  state: ManifestStateKey;
  @Field(() => Int, { description: "数量 / Count" })
  count: number;
  @Field({ description: "申报量（kg）/ Declared kg" })
  declaredKg: string;
}

@ObjectType({ description: "隐患按状态 / Hazards in one status" })
export class HazardStatusCount {
  @Field(() => HazardStatusKey, { description: "状态 / Status" })
  status: HazardStatusKey;
  @Field(() => Int, { description: "数量 / Count" })
  count: number;
}

@ObjectType({ description: "危废统计 / Statistics of the hazardous-waste stream" })
export class HazardousStatistics {
  @Field(() => [HazardousDistrictStats], { description: "分区县 / Per district" })
  districts: HazardousDistrictStats[];
  @Field(() => HazardousDistrictStats, { description: "合计 / Total" })
  total: HazardousDistrictStats;
  @Field(() => [ManifestStateCount], { description: "联单按状态（当前）/ Manifests by state (now)" })
  manifestsByState: ManifestStateCount[];
  @Field(() => [HazardStatusCount], { description: "隐患按状态（当前）/ Hazards by status (now)" })
  hazardsByStatus: HazardStatusCount[];
}

@ObjectType({ description: "产生量与利用处置能力匹配 / Generation against licensed capacity for one district and category" })
export class CapacityMatch {
  @Field(() => District, { description: "区县 / District" })
  district: District;
  @Field({ description: "废物类别 / Category" })
  category: string;
  @Field({ description: "年产生量（吨）/ Generated in the year (t)" })
  generatedT: string;
  @Field({ description: "上年产生量（吨）/ Previous year (t)" })
  previousGeneratedT: string;
  @Field({ description: "利用能力（吨/年）/ Utilisation capacity (t/yr)" })
  utilisationT: string;
  @Field({ description: "处置能力（吨/年）/ Disposal capacity (t/yr)" })
  disposalT: string;
  @Field({ description: "缺口（吨，正数为不足）/ Shortfall (t, positive = not enough capacity)" })
  shortfallT: string;
  @Field({ description: "规划期末预计产生量 / Projected generation at plan end (t)" })
  projectedGeneratedT: string;
  @Field({ description: "规划期末能力 / Capacity at plan end (t/yr)" })
  projectedCapacityT: string;
  districtId: number;
}

// ——— connections and payloads ———

@ObjectType({ description: "产废单位列表 / Units" })
export class HazardousUnitConnection extends Connection(HazardousUnit) {}
@ObjectType({ description: "培训列表 / Training sessions" })
export class TrainingSessionConnection extends Connection(TrainingSession) {}
@ObjectType({ description: "检查列表 / Inspections" })
export class InspectionConnection extends Connection(Inspection) {}
@ObjectType({ description: "隐患列表 / Hazards" })
export class HazardConnection extends Connection(Hazard) {}
@ObjectType({ description: "合同列表 / Contracts" })
export class CollectionContractConnection extends Connection(CollectionContract) {}
@ObjectType({ description: "收运记录列表 / Collections" })
export class CollectionRunConnection extends Connection(CollectionRun) {}
@ObjectType({ description: "车辆列表 / Vehicles" })
export class TransportVehicleConnection extends Connection(TransportVehicle) {}
@ObjectType({ description: "人员列表 / People" })
export class TransportPersonConnection extends Connection(TransportPerson) {}
@ObjectType({ description: "运输企业分页 / Carriers, paged" })
export class CarrierConnection extends Connection(Carrier) {}
@ObjectType({ description: "路段分页 / Road segments, paged" })
export class RoadSegmentConnection extends Connection(RoadSegment) {}
@ObjectType({ description: "联单列表 / Manifests" })
export class TransferManifestConnection extends Connection(TransferManifest) {}
@ObjectType({ description: "退役项目列表 / Decommissioning projects" })
export class DecommissionProjectConnection extends Connection(DecommissionProject) {}

function payload<T>(name: string, field: string, type: () => T, zh: string) {
  @ObjectType(name, { description: `${zh} / Result of a ${field} mutation` })
  class P {
    @Field(() => [UserError], { description: "业务规则错误 / Business-rule errors" })
    userErrors: UserError[];
  }
  Field(type as never, { nullable: true, description: `${zh} / The ${field}` })(P.prototype, field);
  return P;
}

export const HazardousUnitPayload = payload("HazardousUnitPayload", "unit", () => HazardousUnit, "产废单位");
export const TrainingSessionPayload = payload("TrainingSessionPayload", "session", () => TrainingSession, "培训");
export const InspectionPayload = payload("InspectionPayload", "inspection", () => Inspection, "检查");
export const HazardPayload = payload("HazardPayload", "hazard", () => Hazard, "隐患");
export const CollectionContractPayload = payload("CollectionContractPayload", "contract", () => CollectionContract, "合同");
export const CollectionRunPayload = payload("CollectionRunPayload", "run", () => CollectionRun, "收运记录");
export const CarrierPayload = payload("CarrierPayload", "carrier", () => Carrier, "运输企业");
export const TransportVehiclePayload = payload("TransportVehiclePayload", "vehicle", () => TransportVehicle, "车辆");
export const TransportPersonPayload = payload("TransportPersonPayload", "person", () => TransportPerson, "人员");
export const TransferManifestPayload = payload("TransferManifestPayload", "manifest", () => TransferManifest, "联单");
export const ManifestCorrectionPayload = payload("ManifestCorrectionPayload", "correction", () => ManifestCorrection, "更正申请");
export const DecommissionProjectPayload = payload("DecommissionProjectPayload", "project", () => DecommissionProject, "退役项目");
export const HazardousDocumentPayload = payload("HazardousDocumentPayload", "document", () => HazardousDocument, "附件");
export const RoadSegmentPayload = payload("RoadSegmentPayload", "segment", () => RoadSegment, "路段");
export const HazardousRuleSettingsPayload = payload("HazardousRuleSettingsPayload", "settings", () => HazardousRuleSettings, "规则参数");

export { GraphQLDate };
