/**
 * GraphQL object types of the construction spoil and mud stream (工程渣土/泥浆).
 */
import { GraphQLDateTime, GraphQLJSON } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { UserError } from "../../graphql/errors.js";
import { Node } from "../../graphql/node.js";
import { SeverityKey } from "../core/types.js";

export enum SiteStatusKey {
  APPLIED = "APPLIED",
  REGISTERED = "REGISTERED",
  ACTIVE = "ACTIVE",
  COMPLETED = "COMPLETED",
  REJECTED = "REJECTED",
}
registerEnumType(SiteStatusKey, {
  name: "SiteStatus",
  description: "工地备案状态 / Site registration status",
  valuesConfig: {
    APPLIED: { description: "已申请备案 / Registration applied for" },
    REGISTERED: { description: "已备案 / Registered" },
    ACTIVE: { description: "出土中 / Excavating" },
    COMPLETED: { description: "已完工 / Completed" },
    REJECTED: { description: "备案被驳回 / Registration rejected" },
  },
});

export enum SiteActionKey {
  register = "register",
  reject = "reject",
  start = "start",
  complete = "complete",
}
registerEnumType(SiteActionKey, { name: "SiteAction", description: "工地备案流转：备案、驳回、开工、完工 / Site workflow action: register, reject, start, complete" });

export enum SpoilMaterialKey {
  SPOIL = "SPOIL",
  MUD = "MUD",
}
registerEnumType(SpoilMaterialKey, { name: "SpoilMaterial", description: "渣土或泥浆 / Spoil or mud" });

export enum QualificationStatusKey {
  VALID = "VALID",
  SUSPENDED = "SUSPENDED",
  REVOKED = "REVOKED",
}
registerEnumType(QualificationStatusKey, { name: "QualificationStatus", description: "运输资质状态：有效、暂停（信用不足或执法）、吊销 / Qualification status: valid, suspended (credit or enforcement), revoked" });

export enum CreditGradeKey {
  A = "A",
  B = "B",
  C = "C",
  D = "D",
}
registerEnumType(CreditGradeKey, { name: "CreditGrade", description: "信用等级 A≥90 B≥80 C≥60 D<60 / Credit grade A≥90 B≥80 C≥60 D<60" });

export enum CreditCauseKey {
  VIOLATION = "VIOLATION",
  BONUS = "BONUS",
  ADJUSTMENT = "ADJUSTMENT",
  SUSPENSION = "SUSPENSION",
  REINSTATEMENT = "REINSTATEMENT",
}
registerEnumType(CreditCauseKey, { name: "CreditCause", description: "信用变动原因：违规结案、加分、调整、暂停资质、恢复资质 / Cause of a credit change" });

export enum VehicleStatusKey {
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
  RETIRED = "RETIRED",
}
registerEnumType(VehicleStatusKey, { name: "VehicleStatus", description: "车辆状态：在用、停用、报废 / Vehicle status: in service, suspended, retired" });

export enum VehicleKindKey {
  DUMP_TRUCK = "DUMP_TRUCK",
  MUD_TANKER = "MUD_TANKER",
}
registerEnumType(VehicleKindKey, { name: "VehicleKind", description: "车型：渣土车、泥浆车 / Dump truck or mud tanker" });

export enum DisposalKindKey {
  DISPOSAL_SITE = "DISPOSAL_SITE",
  SOLIDIFICATION_CENTRE = "SOLIDIFICATION_CENTRE",
  UTILISATION_PLANT = "UTILISATION_PLANT",
  WHARF = "WHARF",
  GREEN_COMPLEX = "GREEN_COMPLEX",
}
registerEnumType(DisposalKindKey, {
  name: "DisposalKind",
  description: "消纳场所类型 / Kind of disposal place",
  valuesConfig: {
    DISPOSAL_SITE: { description: "消纳场（点）/ Disposal site" },
    SOLIDIFICATION_CENTRE: { description: "泥浆固化中心 / Mud solidification centre" },
    UTILISATION_PLANT: { description: "资源化利用项目 / Resource-utilisation plant" },
    WHARF: { description: "水路运输码头 / Waterway wharf" },
    GREEN_COMPLEX: { description: "城市资源再生利用绿色综合体 / Green recycling complex" },
  },
});

export enum CapacityBasisKey {
  TOTAL = "TOTAL",
  ANNUAL = "ANNUAL",
}
registerEnumType(CapacityBasisKey, { name: "CapacityBasis", description: "库容口径：总库容或年处理能力 / Capacity basis: total fill volume or yearly throughput" });

export enum CapacityUnitKey {
  M3 = "M3",
  T = "T",
}
registerEnumType(CapacityUnitKey, { name: "CapacityUnit", description: "单位：立方米或吨 / Unit: cubic metres or tonnes" });

export enum PlaceStatusKey {
  OPEN = "OPEN",
  FULL = "FULL",
  CLOSED = "CLOSED",
}
registerEnumType(PlaceStatusKey, { name: "DisposalPlaceStatus", description: "场所状态：运营、已满、关闭 / Place status: open, full, closed" });

export enum PermitStatusKey {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
  REJECTED = "REJECTED",
  REVOKED = "REVOKED",
  EXPIRED = "EXPIRED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(PermitStatusKey, { name: "PermitStatus", description: "准运证状态：待审批、有效、驳回、吊销、过期、撤回 / Permit status: pending, active, rejected, revoked, expired, withdrawn" });

export enum PermitDecisionKey {
  approve = "approve",
  reject = "reject",
  withdraw = "withdraw",
}
registerEnumType(PermitDecisionKey, { name: "PermitDecision", description: "审批：批准、驳回（需理由）、撤回（申请人）/ Decision: approve, reject (with a reason), withdraw (applicant)" });

export enum ManifestStatusKey {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
  VOIDED = "VOIDED",
}
registerEnumType(ManifestStatusKey, { name: "ManifestStatus", description: "联单状态：在途、已签收、作废 / Manifest status: in transit, received, voided" });

export enum ManifestOpenedViaKey {
  GATE_SCAN = "GATE_SCAN",
  GEOFENCE = "GEOFENCE",
}
registerEnumType(ManifestOpenedViaKey, { name: "ManifestOpenedVia", description: "开单方式：出场扫码或驶出工地围栏 / Opened by gate scan or by leaving the site geofence" });

export enum PickupStatusKey {
  REQUESTED = "REQUESTED",
  SCHEDULED = "SCHEDULED",
  COLLECTED = "COLLECTED",
  DELIVERED = "DELIVERED",
  CANCELLED = "CANCELLED",
}
registerEnumType(PickupStatusKey, { name: "BulkyPickupStatus", description: "预约清运状态：已预约、已排班、已收运、已进场、已取消 / Pickup status" });

export enum PickupActionKey {
  schedule = "schedule",
  collect = "collect",
  deliver = "deliver",
  cancel = "cancel",
}
registerEnumType(PickupActionKey, { name: "BulkyPickupAction", description: "预约清运流转 / Pickup workflow action" });

export enum WasteKindKey {
  RENOVATION = "RENOVATION",
  BULKY = "BULKY",
  GARDEN = "GARDEN",
}
registerEnumType(WasteKindKey, { name: "ResidentWasteKind", description: "装修垃圾、大件垃圾、园林垃圾 / Renovation, bulky or garden waste" });

export enum ProblemStatusKey {
  OPEN = "OPEN",
  SOLVED = "SOLVED",
}
registerEnumType(ProblemStatusKey, { name: "ServiceProblemStatus", description: "问题状态：待解决、已解决 / Problem status" });

export enum SpoilSubjectKey {
  TransportCompany = "TransportCompany",
  Vehicle = "Vehicle",
  ExcavationSite = "ExcavationSite",
}
registerEnumType(SpoilSubjectKey, { name: "SpoilCaseSubject", description: "案件对象：运输企业、车辆、工地 / Case subject: company, vehicle or site" });

@ObjectType({ implements: Node, description: "运输企业（渣土运输资质）/ A transport company with its spoil transport qualification" })
export class TransportCompany extends Node {
  @Field({ description: "名称 / Name" })
  name: string;
  @Field({ description: "统一社会信用代码 / Unified social credit code" })
  creditCode: string;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field({ description: "联系人 / Contact" })
  contactName: string;
  @Field({ description: "联系电话 / Contact phone" })
  contactPhone: string;
  @Field({ description: "资质证书编号 / Qualification certificate number" })
  qualificationNo: string;
  @Field({ description: "资质有效期起（YYYY-MM-DD）/ Qualification valid from" })
  qualificationValidFrom: string;
  @Field({ description: "资质有效期止（YYYY-MM-DD）/ Qualification valid to" })
  qualificationValidTo: string;
  @Field(() => QualificationStatusKey, { description: "资质状态 / Qualification status" })
  qualificationStatus: QualificationStatusKey;
  @Field(() => GraphQLDateTime, { nullable: true, description: "暂停时间 / Suspended at" })
  suspendedAt: Date | null;
  @Field(() => String, { nullable: true, description: "暂停原因 / Suspension reason" })
  suspensionReason: string | null;
  @Field({ description: "可跨区承运 / May carry across the urban districts" })
  crossDistrict: boolean;
  @Field(() => Int, { description: "信用分（满分 100）/ Credit score (out of 100)" })
  creditScore: number;
  @Field(() => CreditGradeKey, { description: "信用等级 / Credit grade" })
  creditGrade: CreditGradeKey;
  @Field(() => Int, { description: "在用车辆数 / Vehicles in service" })
  vehicleCount: number;
  @Field({ description: "在用车辆总载方（m³）/ Summed load volume of vehicles in service (m³)" })
  fleetLoadM3: string;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ implements: Node, description: "信用记录：每次变动及原因 / A credit ledger entry: one change and its cause" })
export class CreditEntry extends Node {
  @Field(() => GraphQLDateTime, { description: "时间 / When" })
  at: Date;
  @Field(() => CreditCauseKey, { description: "原因 / Cause" })
  cause: CreditCauseKey;
  @Field(() => String, { nullable: true, description: "违规类型 / Violation type" })
  violationType: string | null;
  @Field(() => Int, { description: "变动分值 / Points changed" })
  delta: number;
  @Field(() => Int, { description: "变动前 / Score before" })
  scoreBefore: number;
  @Field(() => Int, { description: "变动后 / Score after" })
  scoreAfter: number;
  @Field({ description: "变动前等级 / Grade before" })
  gradeBefore: string;
  @Field({ description: "变动后等级 / Grade after" })
  gradeAfter: string;
  @Field({ description: "说明 / Note" })
  note: string;
  @Field({ description: "操作者 / Actor" })
  actor: string;
  caseId: number | null;
}

@ObjectType({ implements: Node, description: "出土工地 / An excavation site" })
export class ExcavationSite extends Node {
  @Field(() => String, { nullable: true, description: "备案编号（备案后）/ Registration number (once registered)" })
  code: string | null;
  @Field({ description: "名称 / Name" })
  name: string;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field(() => Float, { description: "经度 / Longitude" })
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  lat: number;
  @Field(() => GraphQLJSON, { description: "电子围栏（GeoJSON 多边形坐标）/ Geofence (GeoJSON polygon coordinates)" })
  geofence: unknown;
  @Field(() => SpoilMaterialKey, { description: "渣土或泥浆 / Spoil or mud" })
  material: SpoilMaterialKey;
  @Field({ description: "计划出土量（m³）/ Planned volume (m³)" })
  plannedVolumeM3: string;
  @Field({ description: "已外运量（已签收联单，m³）/ Volume moved (closed manifests, m³)" })
  movedVolumeM3: string;
  @Field({ description: "工期起 / Period from" })
  periodFrom: string;
  @Field({ description: "工期止 / Period to" })
  periodTo: string;
  @Field({ description: "建设单位 / Builder (client)" })
  builder: string;
  @Field({ description: "施工单位 / Contractor" })
  contractor: string;
  @Field(() => Int, { description: "出入口监控数 / Gate cameras" })
  gateCameras: number;
  @Field({ description: "有车辆冲洗设施 / Has a vehicle washing facility" })
  washingFacility: boolean;
  @Field(() => SiteStatusKey, { description: "状态 / Status" })
  status: SiteStatusKey;
  @Field(() => String, { nullable: true, description: "驳回原因 / Rejection reason" })
  rejectionReason: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "备案时间 / Registered at" })
  registeredAt: Date | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ implements: Node, description: "运输车辆 / A transport vehicle" })
export class Vehicle extends Node {
  @Field({ description: "车牌 / Plate" })
  plate: string;
  @Field(() => VehicleKindKey, { description: "车型 / Kind" })
  kind: VehicleKindKey;
  @Field({ description: "核定载方（m³）/ Load volume (m³)" })
  loadM3: string;
  @Field(() => String, { nullable: true, description: "GPS 终端号 / GPS terminal id" })
  terminalId: string | null;
  @Field({ description: "符合统一技术标准 / Meets the unified technical standard" })
  standardCompliant: boolean;
  @Field(() => VehicleStatusKey, { description: "状态 / Status" })
  status: VehicleStatusKey;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  companyId: number;
  districtId: number;
}

@ObjectType({ implements: Node, description: "消纳场所 / A disposal place" })
export class DisposalPlace extends Node {
  @Field({ description: "编号 / Code" })
  code: string;
  @Field({ description: "名称 / Name" })
  name: string;
  @Field(() => DisposalKindKey, { description: "类型 / Kind" })
  kind: DisposalKindKey;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field(() => Float, { description: "经度 / Longitude" })
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  lat: number;
  @Field(() => GraphQLJSON, { description: "电子围栏（GeoJSON 多边形坐标）/ Geofence (GeoJSON polygon coordinates)" })
  geofence: unknown;
  @Field(() => CapacityBasisKey, { description: "库容口径 / Capacity basis" })
  capacityBasis: CapacityBasisKey;
  @Field({ description: "库容或年处理能力 / Capacity (total or per year)" })
  capacity: string;
  @Field(() => CapacityUnitKey, { description: "单位 / Unit" })
  capacityUnit: CapacityUnitKey;
  @Field(() => String, { nullable: true, description: "设计日处理能力 / Designed daily capacity" })
  dailyCapacity: string | null;
  @Field(() => Int, { description: "库容预警阈值（%）/ Capacity alert threshold (%)" })
  alertThresholdPct: number;
  @Field({ description: "累计受纳（m³）/ Received in total (m³)" })
  receivedM3: string;
  @Field({ description: "累计受纳（吨，地磅）/ Received in total (t, weighbridge)" })
  receivedT: string;
  @Field(() => PlaceStatusKey, { description: "状态 / Status" })
  status: PlaceStatusKey;
  @Field({ description: "投用日期 / In use from" })
  openFrom: string;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ implements: Node, description: "准运证（一车一线一证）/ A transport permit (one vehicle, one route, one permit)" })
export class TransportPermit extends Node {
  @Field(() => String, { nullable: true, description: "准运证号（批准后）/ Permit number (once approved)" })
  number: string | null;
  @Field(() => GraphQLJSON, { description: "核准路线（GeoJSON 线坐标 [[lon, lat], …]）/ Permitted route (GeoJSON line coordinates)" })
  route: unknown;
  @Field({ description: "路线长度（km）/ Route length (km)" })
  routeLengthKm: string;
  @Field(() => GraphQLDateTime, { description: "有效期起 / Valid from" })
  validFrom: Date;
  @Field(() => GraphQLDateTime, { description: "有效期止 / Valid to" })
  validTo: Date;
  @Field(() => PermitStatusKey, { description: "状态 / Status" })
  status: PermitStatusKey;
  @Field({ description: "申请人 / Applied by" })
  appliedBy: string;
  @Field(() => GraphQLDateTime, { description: "申请时间 / Applied at" })
  appliedAt: Date;
  @Field(() => String, { nullable: true, description: "审批人 / Decided by" })
  decidedBy: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "审批时间 / Decided at" })
  decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: "审批意见 / Decision note" })
  decisionNote: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "吊销时间 / Revoked at" })
  revokedAt: Date | null;
  @Field(() => String, { nullable: true, description: "吊销原因 / Revocation reason" })
  revocationReason: string | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  vehicleId: number;
  companyId: number;
  siteId: number;
  disposalPlaceId: number;
  districtId: number;
  verifyToken: string | null;
}

@ObjectType({ description: "准运证二维码 / A permit's QR code" })
export class PermitQrCode {
  @Field({ description: "核验地址 / Verification URL the code opens" })
  url: string;
  @Field({ description: "PNG 图片 data URL / PNG image as a data URL" })
  pngDataUrl: string;
  @Field({ description: "SVG 图片 / SVG image" })
  svg: string;
}

@ObjectType({ description: "准运证公开核验结果（仅路检所需信息）/ Public permit verification (only what a roadside check needs)" })
export class PermitVerification {
  @Field({ description: "准运证号 / Permit number" })
  number: string;
  @Field({ description: "车牌 / Plate" })
  plate: string;
  @Field({ description: "运输企业 / Company" })
  companyName: string;
  @Field({ description: "出土工地 / Site" })
  siteName: string;
  @Field({ description: "消纳场所 / Disposal place" })
  disposalPlaceName: string;
  @Field(() => GraphQLDateTime, { description: "有效期起 / Valid from" })
  validFrom: Date;
  @Field(() => GraphQLDateTime, { description: "有效期止 / Valid to" })
  validTo: Date;
  @Field(() => PermitStatusKey, { description: "状态 / Status" })
  status: PermitStatusKey;
  @Field({ description: "此刻是否有效 / Valid right now" })
  validNow: boolean;
  @Field({ description: "路线长度（km）/ Route length (km)" })
  routeLengthKm: string;
  @Field(() => GraphQLDateTime, { description: "核验时间 / Checked at" })
  checkedAt: Date;
}

@ObjectType({ implements: Node, description: "电子联单（一趟一单）/ A trip manifest (one per loaded trip)" })
export class TripManifest extends Node {
  @Field({ description: "联单号 / Number" })
  number: string;
  @Field(() => ManifestStatusKey, { description: "状态 / Status" })
  status: ManifestStatusKey;
  @Field(() => ManifestOpenedViaKey, { description: "开单方式 / Opened via" })
  openedVia: ManifestOpenedViaKey;
  @Field(() => GraphQLDateTime, { description: "出场时间 / Left the site at" })
  openedAt: Date;
  @Field({ description: "出场方量（m³）/ Volume sent (m³)" })
  sentVolumeM3: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "签收时间 / Received at" })
  closedAt: Date | null;
  @Field(() => String, { nullable: true, description: "签收方量（m³）/ Volume received (m³)" })
  receivedVolumeM3: string | null;
  @Field(() => String, { nullable: true, description: "地磅重量（吨）/ Weighbridge weight (t)" })
  receivedWeightT: string | null;
  @Field(() => String, { nullable: true, description: "方量差（出场 − 签收）/ Difference sent − received (m³)" })
  volumeDiffM3: string | null;
  @Field({ description: "方量差超过 10% / Difference above 10%" })
  volumeDiffFlagged: boolean;
  @Field(() => String, { nullable: true, description: "作废原因 / Void reason" })
  voidReason: string | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  vehicleId: number;
  companyId: number;
  permitId: number | null;
  siteId: number;
  districtId: number;
  plannedPlaceId: number | null;
  disposalPlaceId: number | null;
}

@ObjectType({ description: "预警规则及参数 / An alert rule with its parameters" })
export class SpoilRuleParam {
  @Field({ description: "参数名 / Parameter" })
  key: string;
  @Field(() => Float, { description: "当前值 / Current value" })
  value: number;
  @Field(() => Float, { description: "默认值 / Default" })
  default: number;
  @Field(() => Float, { description: "最小值 / Minimum" })
  min: number;
  @Field(() => Float, { description: "最大值 / Maximum" })
  max: number;
  @Field({ description: "单位 / Unit" })
  unit: string;
  @Field({ description: "说明 / Description (zh)" })
  descriptionZh: string;
  @Field({ description: "说明（英文）/ Description (en)" })
  descriptionEn: string;
}

@ObjectType({ description: "渣土监管预警规则 / A spoil supervision alert rule" })
export class SpoilAlertRule {
  @Field({ description: "规则代码 / Rule code" })
  rule: string;
  @Field({ description: "名称 / Title (zh)" })
  titleZh: string;
  @Field({ description: "名称（英文）/ Title (en)" })
  titleEn: string;
  @Field({ description: "说明 / Description (zh)" })
  descriptionZh: string;
  @Field({ description: "说明（英文）/ Description (en)" })
  descriptionEn: string;
  @Field({ description: "触发方式：REALTIME 或 SCHEDULED / Trigger: REALTIME or SCHEDULED" })
  trigger: string;
  @Field({ description: "是否启用 / Enabled" })
  enabled: boolean;
  @Field(() => SeverityKey, { description: "严重程度 / Severity" })
  severity: SeverityKey;
  @Field(() => [SpoilRuleParam], { description: "参数 / Parameters" })
  params: SpoilRuleParam[];
}

@ObjectType({ description: "违规类型及扣分 / A violation type and its credit deduction" })
export class ViolationTypeInfo {
  @Field({ description: "代码 / Code" })
  code: string;
  @Field({ description: "名称 / Label (zh)" })
  labelZh: string;
  @Field({ description: "名称（英文）/ Label (en)" })
  labelEn: string;
  @Field(() => Int, { description: "扣分 / Points deducted" })
  deduction: number;
}

@ObjectType({ description: "信用等级区间 / A credit grade band" })
export class CreditGradeBand {
  @Field(() => CreditGradeKey, { description: "等级 / Grade" })
  grade: CreditGradeKey;
  @Field(() => Int, { description: "最低分 / Minimum score" })
  min: number;
  @Field({ description: "名称 / Label (zh)" })
  labelZh: string;
  @Field({ description: "名称（英文）/ Label (en)" })
  labelEn: string;
}

@ObjectType({ description: "加分项 / A bonus" })
export class CreditBonus {
  @Field({ description: "代码 / Code" })
  code: string;
  @Field({ description: "名称 / Label (zh)" })
  labelZh: string;
  @Field({ description: "名称（英文）/ Label (en)" })
  labelEn: string;
  @Field(() => Int, { description: "加分 / Points" })
  points: number;
}

@ObjectType({ description: "信用评价规则 / The credit evaluation rule set" })
export class CreditRules {
  @Field(() => Int, { description: "初始分 / Start score" })
  startScore: number;
  @Field(() => Int, { description: "最高分 / Maximum score" })
  maxScore: number;
  @Field(() => Int, { description: "低于此分自动暂停资质 / A score below this suspends the qualification" })
  suspensionThreshold: number;
  @Field(() => [CreditGradeBand], { description: "等级区间 / Grade bands" })
  grades: CreditGradeBand[];
  @Field(() => [ViolationTypeInfo], { description: "违规扣分 / Deductions per violation type" })
  violations: ViolationTypeInfo[];
  @Field(() => [CreditBonus], { description: "加分项 / Bonuses" })
  bonuses: CreditBonus[];
}

@ObjectType({ implements: Node, description: "走访服务 / A service visit to a company" })
export class ServiceVisit extends Node {
  @Field(() => GraphQLDateTime, { description: "走访时间 / Visited at" })
  visitedAt: Date;
  @Field({ description: "走访人 / Visitor" })
  visitor: string;
  @Field({ description: "纪要 / Summary" })
  summary: string;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  companyId: number;
  districtId: number;
}

@ObjectType({ implements: Node, description: "走访发现的问题 / A problem raised on a visit" })
export class ServiceProblem extends Node {
  @Field({ description: "类别 / Category" })
  category: string;
  @Field({ description: "问题 / Description" })
  description: string;
  @Field(() => ProblemStatusKey, { description: "状态 / Status" })
  status: ProblemStatusKey;
  @Field(() => String, { nullable: true, description: "解决办法 / Solution" })
  solution: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "解决时间 / Solved at" })
  solvedAt: Date | null;
  companyId: number;
  visitId: number;
}

@ObjectType({ description: "走访服务统计 / Service visit figures" })
export class ServiceStats {
  @Field(() => Int, { description: "走访次数 / Visits" })
  visits: number;
  @Field(() => Int, { description: "发现问题 / Problems raised" })
  problems: number;
  @Field(() => Int, { description: "已解决 / Problems solved" })
  solved: number;
}

@ObjectType("BulkyPickupRequest", { implements: Node, description: "居民预约清运（装修、大件、园林垃圾）/ A resident's pickup request (renovation, bulky, garden waste)" })
export class PickupRequest extends Node {
  @Field({ description: "查询码 / Tracking code" })
  trackingCode: string;
  @Field({ description: "居民（已脱敏）/ Resident (masked)" })
  residentName: string;
  @Field({ description: "电话（已脱敏）/ Phone (masked)" })
  phone: string;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field(() => WasteKindKey, { description: "垃圾类别 / Waste kind" })
  wasteKind: WasteKindKey;
  @Field(() => Int, { nullable: true, description: "预估重量（kg）/ Estimated weight (kg)" })
  estimatedWeightKg: number | null;
  @Field({ description: "期望日期 / Preferred date" })
  preferredDate: string;
  @Field(() => PickupStatusKey, { description: "状态 / Status" })
  status: PickupStatusKey;
  @Field(() => GraphQLDateTime, { description: "预约时间 / Requested at" })
  requestedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "上门时间 / Scheduled for" })
  scheduledFor: Date | null;
  @Field(() => String, { nullable: true, description: "收运班组 / Crew" })
  crew: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "收运时间 / Collected at" })
  collectedAt: Date | null;
  @Field(() => Int, { nullable: true, description: "称重（kg）/ Weight (kg)" })
  weightKg: number | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "进场时间 / Delivered at" })
  deliveredAt: Date | null;
  @Field(() => String, { nullable: true, description: "取消原因 / Cancel reason" })
  cancelReason: string | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
  facilityId: number | null;
}

@ObjectType({ description: "预约清运公开查询 / Public status of a pickup request" })
export class PickupStatusView {
  @Field({ description: "查询码 / Tracking code" })
  trackingCode: string;
  @Field(() => PickupStatusKey, { description: "状态 / Status" })
  status: PickupStatusKey;
  @Field({ description: "期望日期 / Preferred date" })
  preferredDate: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "上门时间 / Scheduled for" })
  scheduledFor: Date | null;
}

@ObjectType({ description: "设施日处理量 / A facility's daily throughput" })
export class FacilityDay {
  @Field({ description: "日期 / Day" })
  day: string;
  @Field({ description: "受纳吨数 / Tonnes received" })
  receivedT: string;
  @Field({ description: "受纳方量 / Cubic metres received" })
  receivedM3: string;
  @Field(() => Int, { description: "车次 / Trips or deliveries" })
  trips: number;
  @Field(() => Float, { nullable: true, description: "占设计能力（%）/ Share of design capacity (%)" })
  utilisationPct: number | null;
}

@ObjectType({ description: "企业运力匹配 / A company's fleet capacity against the output of the sites it serves" })
export class CompanyCapacityMatch {
  @Field(() => TransportCompany, { nullable: true, description: "企业 / Company" })
  company: TransportCompany | null;
  @Field(() => Int, { description: "在用车辆 / Vehicles" })
  vehicleCount: number;
  @Field(() => Float, { description: "日运力（m³/日）/ Fleet capacity (m³/day)" })
  fleetCapacityM3PerDay: number;
  @Field(() => Int, { description: "承运工地数 / Sites served" })
  sitesServed: number;
  @Field(() => Float, { description: "工地日出土量（分摊，m³/日）/ Sites' daily output (shared, m³/day)" })
  demandM3PerDay: number;
  @Field(() => Float, { description: "运力缺口（m³/日）/ Shortfall (m³/day)" })
  shortfallM3PerDay: number;
  companyId: number;
}

@ObjectType({ description: "区县消纳能力匹配 / A district's spoil against its disposal capacity" })
export class DistrictCapacityMatch {
  @Field({ description: "区县代码 / District adcode" })
  districtAdcode: string;
  @Field(() => Float, { description: "待外运渣土（m³）/ Spoil still to move (m³)" })
  spoilToMoveM3: number;
  @Field(() => Float, { description: "剩余消纳库容（m³）/ Fill capacity left (m³)" })
  disposalCapacityLeftM3: number;
  @Field(() => Float, { description: "资源化等年处理能力（m³）/ Yearly plant capacity (m³)" })
  annualPlantCapacityM3: number;
  @Field(() => Float, { description: "缺口（m³）/ Shortfall (m³)" })
  shortfallM3: number;
  @Field({ description: "存在缺口 / Has a shortfall" })
  shortfall: boolean;
}

@ObjectType({ description: "渣土月度统计 / Monthly spoil statistics" })
export class SpoilMonth {
  @Field({ description: "月份 YYYY-MM / Month" })
  month: string;
  @Field({ description: "外运量（m³）/ Spoil moved (m³)" })
  movedM3: string;
  @Field(() => Int, { description: "趟次 / Trips" })
  trips: number;
  @Field(() => Int, { description: "核发准运证 / Permits issued" })
  permitsIssued: number;
  @Field(() => Int, { description: "案件数 / Cases" })
  cases: number;
  @Field({ description: "罚款（元）/ Fines (yuan)" })
  finesYuan: string;
}

// ——— payloads and connections ———

@ObjectType({ description: "运输企业变更结果 / Result of a company change" })
export class TransportCompanyPayload {
  @Field(() => TransportCompany, { nullable: true, description: "企业 / The company" })
  company: TransportCompany | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "工地变更结果 / Result of a site change" })
export class ExcavationSitePayload {
  @Field(() => ExcavationSite, { nullable: true, description: "工地 / The site" })
  site: ExcavationSite | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "车辆变更结果 / Result of a vehicle change" })
export class VehiclePayload {
  @Field(() => Vehicle, { nullable: true, description: "车辆 / The vehicle" })
  vehicle: Vehicle | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "消纳场所变更结果 / Result of a disposal place change" })
export class DisposalPlacePayload {
  @Field(() => DisposalPlace, { nullable: true, description: "场所 / The place" })
  place: DisposalPlace | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "准运证变更结果 / Result of a permit change" })
export class TransportPermitPayload {
  @Field(() => TransportPermit, { nullable: true, description: "准运证 / The permit" })
  permit: TransportPermit | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "联单变更结果 / Result of a manifest change" })
export class TripManifestPayload {
  @Field(() => TripManifest, { nullable: true, description: "联单 / The manifest" })
  manifest: TripManifest | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "预警规则变更结果 / Result of a rule change" })
export class SpoilAlertRulePayload {
  @Field(() => SpoilAlertRule, { nullable: true, description: "规则 / The rule" })
  rule: SpoilAlertRule | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "走访记录结果 / Result of recording a visit" })
export class ServiceVisitPayload {
  @Field(() => ServiceVisit, { nullable: true, description: "走访 / The visit" })
  visit: ServiceVisit | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "问题变更结果 / Result of a problem change" })
export class ServiceProblemPayload {
  @Field(() => ServiceProblem, { nullable: true, description: "问题 / The problem" })
  problem: ServiceProblem | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "预约清运变更结果 / Result of a pickup change" })
export class PickupRequestPayload {
  @Field(() => PickupRequest, { nullable: true, description: "预约 / The request" })
  pickup: PickupRequest | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}
@ObjectType({ description: "居民预约结果（返回查询码）/ Result of a resident's booking (with its tracking code)" })
export class PickupBookingPayload {
  @Field(() => String, { nullable: true, description: "查询码 / Tracking code" })
  trackingCode: string | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "运输企业列表 / A page of transport companies" })
export class TransportCompanyConnection extends Connection(TransportCompany) {}
@ObjectType({ description: "信用记录列表 / A page of credit entries" })
export class CreditEntryConnection extends Connection(CreditEntry) {}
@ObjectType({ description: "工地列表 / A page of sites" })
export class ExcavationSiteConnection extends Connection(ExcavationSite) {}
@ObjectType({ description: "车辆列表 / A page of vehicles" })
export class VehicleConnection extends Connection(Vehicle) {}
@ObjectType({ description: "消纳场所列表 / A page of disposal places" })
export class DisposalPlaceConnection extends Connection(DisposalPlace) {}
@ObjectType({ description: "准运证列表 / A page of permits" })
export class TransportPermitConnection extends Connection(TransportPermit) {}
@ObjectType({ description: "联单列表 / A page of manifests" })
export class TripManifestConnection extends Connection(TripManifest) {}
@ObjectType({ description: "走访列表 / A page of visits" })
export class ServiceVisitConnection extends Connection(ServiceVisit) {}
@ObjectType("BulkyPickupRequestConnection", { description: "预约清运列表 / A page of pickup requests" })
export class PickupRequestConnection extends Connection(PickupRequest, "BulkyPickupRequest") {}
