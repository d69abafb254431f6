/**
 * GraphQL inputs and filters of the construction stream. Shapes are validated by class-validator
 * (BAD_USER_INPUT naming each field); business rules are checked by the services (userErrors).
 */
import { ArrayMaxSize, IsIn, IsOptional, Length, Matches, Max, MaxLength, Min } from "class-validator";
import { GraphQLDateTime, GraphQLJSON, GraphQLJSONObject } from "graphql-scalars";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { CaseSourceKey, SeverityKey } from "../core/types.js";
import {
  CapacityBasisKey,
  CapacityUnitKey,
  DisposalKindKey,
  ManifestStatusKey,
  PermitStatusKey,
  PickupStatusKey,
  PlaceStatusKey,
  QualificationStatusKey,
  CreditGradeKey,
  SiteStatusKey,
  SpoilMaterialKey,
  SpoilSubjectKey,
  VehicleKindKey,
  VehicleStatusKey,
  WasteKindKey,
} from "./types.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d{1,11}(\.\d{1,2})?$/;

@InputType({ description: "运输企业查询条件 / Transport company filter" })
export class TransportCompanyFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => QualificationStatusKey, { nullable: true, description: "资质状态 / Qualification status" })
  qualificationStatus?: QualificationStatusKey;
  @Field(() => CreditGradeKey, { nullable: true, description: "信用等级 / Credit grade" })
  creditGrade?: CreditGradeKey;
  @Field({ nullable: true, description: "按名称或信用代码搜索 / Search name or credit code" })
  @IsOptional()
  @MaxLength(80)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "新建运输企业 / A new transport company" })
export class CreateTransportCompanyInput {
  @Field({ description: "名称 / Name" })
  @Length(2, 100)
  name: string;
  @Field({ description: "统一社会信用代码（18 位）/ Unified social credit code (18 characters)" })
  @Length(18, 18)
  creditCode: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field({ nullable: true, description: "联系人 / Contact" })
  @IsOptional()
  @MaxLength(50)
  contactName?: string;
  @Field({ nullable: true, description: "联系电话 / Contact phone" })
  @IsOptional()
  @MaxLength(30)
  contactPhone?: string;
  @Field({ description: "资质证书编号 / Qualification certificate number" })
  @Length(2, 60)
  qualificationNo: string;
  @Field({ description: "资质有效期起 YYYY-MM-DD / Qualification valid from" })
  @Matches(DATE, { message: "must be YYYY-MM-DD" })
  qualificationValidFrom: string;
  @Field({ description: "资质有效期止 YYYY-MM-DD / Qualification valid to" })
  @Matches(DATE, { message: "must be YYYY-MM-DD" })
  qualificationValidTo: string;
  @Field({ nullable: true, description: "可跨区承运 / May carry across districts" })
  crossDistrict?: boolean;
}

@InputType({ description: "修改运输企业 / Changes to a transport company" })
export class UpdateTransportCompanyInput {
  @Field(() => ID, { description: "企业 / The company" })
  id: string;
  @Field({ nullable: true, description: "名称 / Name" })
  @IsOptional()
  @Length(2, 100)
  name?: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field({ nullable: true, description: "联系人 / Contact" })
  @IsOptional()
  @MaxLength(50)
  contactName?: string;
  @Field({ nullable: true, description: "联系电话 / Contact phone" })
  @IsOptional()
  @MaxLength(30)
  contactPhone?: string;
  @Field({ nullable: true, description: "资质证书编号 / Qualification number" })
  @IsOptional()
  @Length(2, 60)
  qualificationNo?: string;
  @Field({ nullable: true, description: "资质有效期起 / Qualification valid from" })
  @IsOptional()
  @Matches(DATE, { message: "must be YYYY-MM-DD" })
  qualificationValidFrom?: string;
  @Field({ nullable: true, description: "资质有效期止 / Qualification valid to" })
  @IsOptional()
  @Matches(DATE, { message: "must be YYYY-MM-DD" })
  qualificationValidTo?: string;
  @Field({ nullable: true, description: "可跨区承运 / May carry across districts" })
  crossDistrict?: boolean;
}

@InputType({ description: "信用加分或调整 / A credit bonus or adjustment" })
export class AdjustCreditInput {
  @Field(() => ID, { description: "企业 / The company" })
  companyId: string;
  @Field({ nullable: true, description: "加分项代码（见 creditRules.bonuses）；为空时按 points 调整 / Bonus code (see creditRules.bonuses); empty: adjust by points" })
  @IsOptional()
  @MaxLength(40)
  bonus?: string;
  @Field(() => Int, { nullable: true, description: "调整分值（-50…50，无加分项时必填）/ Points (-50…50, required without a bonus code)" })
  @IsOptional()
  @Min(-50)
  @Max(50)
  points?: number;
  @Field({ description: "原因 / Reason" })
  @Length(2, 500)
  note: string;
}

@InputType({ description: "工地查询条件 / Site filter" })
export class ExcavationSiteFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => [SiteStatusKey], { nullable: true, description: "状态 / Statuses" })
  status?: SiteStatusKey[];
  @Field(() => ID, { nullable: true, description: "承运企业 / Served by company" })
  companyId?: string;
  @Field({ nullable: true, description: "按名称、编号或建设单位搜索 / Search name, code or builder" })
  @IsOptional()
  @MaxLength(80)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "工地备案申请 / Application to register a site" })
export class ApplySiteInput {
  @Field({ description: "名称 / Name" })
  @Length(2, 120)
  name: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field(() => Float, { description: "经度 / Longitude" })
  @Min(119.9)
  @Max(121.4)
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  @Min(29.2)
  @Max(30.4)
  lat: number;
  @Field(() => GraphQLJSON, { nullable: true, description: "电子围栏 GeoJSON 多边形坐标；为空时以位置为中心 300 m 见方 / Geofence polygon coordinates; default a 300 m square around the point" })
  geofence?: unknown;
  @Field(() => SpoilMaterialKey, { nullable: true, description: "渣土或泥浆 / Spoil or mud" })
  material?: SpoilMaterialKey;
  @Field({ description: "计划出土量（m³）/ Planned volume (m³)" })
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  plannedVolumeM3: string;
  @Field({ description: "工期起 / Period from" })
  @Matches(DATE, { message: "must be YYYY-MM-DD" })
  periodFrom: string;
  @Field({ description: "工期止 / Period to" })
  @Matches(DATE, { message: "must be YYYY-MM-DD" })
  periodTo: string;
  @Field({ description: "建设单位 / Builder (client)" })
  @Length(2, 120)
  builder: string;
  @Field({ nullable: true, description: "施工单位 / Contractor" })
  @IsOptional()
  @MaxLength(120)
  contractor?: string;
  @Field(() => Int, { nullable: true, description: "出入口监控数 / Gate cameras" })
  @IsOptional()
  @Min(0)
  @Max(50)
  gateCameras?: number;
  @Field({ nullable: true, description: "有冲洗设施 / Has a washing facility" })
  washingFacility?: boolean;
}

@InputType({ description: "车辆查询条件 / Vehicle filter" })
export class VehicleFilter {
  @Field(() => ID, { nullable: true, description: "企业 / Company" })
  companyId?: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => VehicleStatusKey, { nullable: true, description: "状态 / Status" })
  status?: VehicleStatusKey;
  @Field({ nullable: true, description: "是否符合技术标准 / Meets the technical standard" })
  standardCompliant?: boolean;
  @Field({ nullable: true, description: "按车牌或终端号搜索 / Search plate or terminal" })
  @IsOptional()
  @MaxLength(40)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "登记车辆 / Register a vehicle" })
export class RegisterVehicleInput {
  @Field({ description: "车牌，如 浙D12345 / Plate such as 浙D12345" })
  @Length(7, 10)
  plate: string;
  @Field(() => ID, { description: "所属企业 / Company" })
  companyId: string;
  @Field(() => VehicleKindKey, { nullable: true, description: "车型 / Kind" })
  kind?: VehicleKindKey;
  @Field({ description: "核定载方（m³）/ Load volume (m³)" })
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  loadM3: string;
  @Field({ nullable: true, description: "GPS 终端号 / GPS terminal id" })
  @IsOptional()
  @MaxLength(40)
  terminalId?: string;
  @Field({ nullable: true, description: "符合统一技术标准 / Meets the technical standard" })
  standardCompliant?: boolean;
}

@InputType({ description: "修改车辆 / Changes to a vehicle" })
export class UpdateVehicleInput {
  @Field(() => ID, { description: "车辆 / The vehicle" })
  id: string;
  @Field({ nullable: true, description: "核定载方（m³）/ Load volume (m³)" })
  @IsOptional()
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  loadM3?: string;
  @Field({ nullable: true, description: "GPS 终端号 / GPS terminal id" })
  @IsOptional()
  @MaxLength(40)
  terminalId?: string;
  @Field({ nullable: true, description: "符合统一技术标准 / Meets the technical standard" })
  standardCompliant?: boolean;
  @Field(() => VehicleStatusKey, { nullable: true, description: "状态 / Status" })
  status?: VehicleStatusKey;
}

@InputType({ description: "消纳场所查询条件 / Disposal place filter" })
export class DisposalPlaceFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => DisposalKindKey, { nullable: true, description: "类型 / Kind" })
  kind?: DisposalKindKey;
  @Field(() => PlaceStatusKey, { nullable: true, description: "状态 / Status" })
  status?: PlaceStatusKey;
  @Field({ nullable: true, description: "按名称或编号搜索 / Search name or code" })
  @IsOptional()
  @MaxLength(80)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "登记消纳场所 / Register a disposal place" })
export class CreateDisposalPlaceInput {
  @Field({ description: "名称 / Name" })
  @Length(2, 120)
  name: string;
  @Field(() => DisposalKindKey, { description: "类型 / Kind" })
  kind: DisposalKindKey;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field(() => Float, { description: "经度 / Longitude" })
  @Min(119.9)
  @Max(121.4)
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  @Min(29.2)
  @Max(30.4)
  lat: number;
  @Field(() => GraphQLJSON, { nullable: true, description: "电子围栏 GeoJSON 多边形坐标 / Geofence polygon coordinates" })
  geofence?: unknown;
  @Field(() => CapacityBasisKey, { description: "库容口径 / Capacity basis" })
  capacityBasis: CapacityBasisKey;
  @Field({ description: "库容或年处理能力 / Capacity" })
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  capacity: string;
  @Field(() => CapacityUnitKey, { description: "单位 / Unit" })
  capacityUnit: CapacityUnitKey;
  @Field({ nullable: true, description: "设计日处理能力 / Daily capacity" })
  @IsOptional()
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  dailyCapacity?: string;
  @Field(() => Int, { nullable: true, description: "库容预警阈值（%）/ Capacity alert threshold (%)" })
  @IsOptional()
  @Min(50)
  @Max(100)
  alertThresholdPct?: number;
  @Field({ description: "投用日期 / In use from" })
  @Matches(DATE, { message: "must be YYYY-MM-DD" })
  openFrom: string;
}

@InputType({ description: "修改消纳场所 / Changes to a disposal place" })
export class UpdateDisposalPlaceInput {
  @Field(() => ID, { description: "场所 / The place" })
  id: string;
  @Field({ nullable: true, description: "库容 / Capacity" })
  @IsOptional()
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  capacity?: string;
  @Field({ nullable: true, description: "设计日处理能力 / Daily capacity" })
  @IsOptional()
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  dailyCapacity?: string;
  @Field(() => Int, { nullable: true, description: "库容预警阈值（%）/ Capacity alert threshold (%)" })
  @IsOptional()
  @Min(50)
  @Max(100)
  alertThresholdPct?: number;
  @Field(() => PlaceStatusKey, { nullable: true, description: "状态 / Status" })
  status?: PlaceStatusKey;
}

@InputType({ description: "准运证查询条件 / Permit filter" })
export class TransportPermitFilter {
  @Field(() => [PermitStatusKey], { nullable: true, description: "状态 / Statuses" })
  status?: PermitStatusKey[];
  @Field(() => ID, { nullable: true, description: "企业 / Company" })
  companyId?: string;
  @Field(() => ID, { nullable: true, description: "车辆 / Vehicle" })
  vehicleId?: string;
  @Field(() => ID, { nullable: true, description: "工地 / Site" })
  siteId?: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field({ nullable: true, description: "只看此刻有效的 / Only permits in force now" })
  inForce?: boolean;
  @Field({ nullable: true, description: "按证号搜索 / Search number" })
  @IsOptional()
  @MaxLength(40)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "准运证申请 / A permit application" })
export class ApplyPermitInput {
  @Field(() => ID, { description: "车辆（本企业）/ Vehicle (your own)" })
  vehicleId: string;
  @Field(() => ID, { description: "出土工地 / Site" })
  siteId: string;
  @Field(() => ID, { description: "消纳场所 / Disposal place" })
  disposalPlaceId: string;
  @Field(() => GraphQLJSON, { description: "路线 GeoJSON 线坐标 [[lon, lat], …]，起于工地止于消纳场所 / Route line coordinates from the site to the place" })
  route: unknown;
  @Field(() => GraphQLDateTime, { description: "有效期起 / Valid from" })
  validFrom: Date;
  @Field(() => GraphQLDateTime, { description: "有效期止 / Valid to" })
  validTo: Date;
}

@InputType({ description: "联单查询条件 / Manifest filter" })
export class TripManifestFilter {
  @Field(() => [ManifestStatusKey], { nullable: true, description: "状态 / Statuses" })
  status?: ManifestStatusKey[];
  @Field(() => ID, { nullable: true, description: "工地 / Site" })
  siteId?: string;
  @Field(() => ID, { nullable: true, description: "消纳场所 / Disposal place" })
  disposalPlaceId?: string;
  @Field(() => ID, { nullable: true, description: "车辆 / Vehicle" })
  vehicleId?: string;
  @Field(() => ID, { nullable: true, description: "企业 / Company" })
  companyId?: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "出场起 / Opened from" })
  openedFrom?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "出场止 / Opened before" })
  openedTo?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "出场扫码开单 / Gate scan opening a manifest" })
export class GateScanInput {
  @Field(() => ID, { nullable: true, description: "车辆（或填车牌）/ Vehicle (or give the plate)" })
  vehicleId?: string;
  @Field({ nullable: true, description: "车牌 / Plate" })
  @IsOptional()
  @MaxLength(12)
  plate?: string;
  @Field(() => ID, { description: "工地 / Site" })
  siteId: string;
  @Field({ nullable: true, description: "出场方量（默认车辆核定载方）/ Volume sent (default: the vehicle's load)" })
  @IsOptional()
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  sentVolumeM3?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "出场时间（默认现在）/ Time (default now)" })
  at?: Date;
}

@InputType({ description: "消纳场所签收 / Receipt at a disposal place" })
export class ReceiveManifestInput {
  @Field(() => ID, { description: "联单 / Manifest" })
  manifestId: string;
  @Field(() => ID, { description: "消纳场所 / Disposal place" })
  disposalPlaceId: string;
  @Field({ description: "签收方量（m³）/ Volume received (m³)" })
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  receivedVolumeM3: string;
  @Field({ nullable: true, description: "地磅重量（吨）/ Weighbridge weight (t)" })
  @IsOptional()
  @Matches(DECIMAL, { message: "must be a decimal with at most 2 decimals" })
  receivedWeightT?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "签收时间（默认现在）/ Time (default now)" })
  at?: Date;
}

@InputType({ description: "修改预警规则 / Change an alert rule" })
export class UpdateSpoilAlertRuleInput {
  @Field({ description: "规则代码 / Rule code" })
  @MaxLength(40)
  rule: string;
  @Field({ nullable: true, description: "启用 / Enabled" })
  enabled?: boolean;
  @Field(() => SeverityKey, { nullable: true, description: "严重程度 / Severity" })
  severity?: SeverityKey;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "参数（键见规则说明）/ Parameters (keys as documented per rule)" })
  params?: Record<string, unknown>;
}

@InputType({ description: "渣土案件立案 / Open a spoil case" })
export class OpenSpoilCaseInput {
  @Field(() => CaseSourceKey, { description: "来源 / Source" })
  source: CaseSourceKey;
  @Field({ nullable: true, description: "专项行动，如 春雷、利剑 / Campaign such as 春雷 or 利剑" })
  @IsOptional()
  @MaxLength(40)
  campaign?: string;
  @Field(() => SpoilSubjectKey, { nullable: true, description: "对象类型（由预警立案时可省略：取预警的车辆）/ Subject type (may be left out with alertId: the alert's vehicle)" })
  @IsOptional()
  subjectType?: SpoilSubjectKey;
  @Field(() => ID, { nullable: true, description: "对象（企业、车辆或工地；由预警立案时可省略）/ Subject (company, vehicle or site; may be left out with alertId)" })
  @IsOptional()
  subjectId?: string;
  @Field({ nullable: true, description: "违规类型（见 creditRules.violations；由预警立案时默认取规则对应的类型）/ Violation type (see creditRules.violations; from an alert, defaults to its rule's)" })
  @IsOptional()
  @MaxLength(40)
  violationType?: string;
  @Field({ nullable: true, description: "案情 / Description" })
  @IsOptional()
  @MaxLength(4000)
  description?: string;
  @Field({ nullable: true, description: "罚款（元）/ Fine (yuan)" })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: "must be an amount in yuan with at most 2 decimals" })
  fineYuan?: string;
  @Field(() => ID, { nullable: true, description: "来源预警 / From alert" })
  alertId?: string;
}

@InputType({ description: "走访中发现的问题 / A problem raised on a visit" })
export class ServiceProblemInput {
  @Field({ description: "类别：APPROVAL、VEHICLE_LEASING、DISPOSAL_CAPACITY、ROUTE、POLICY、OTHER / Category" })
  @IsIn(["APPROVAL", "VEHICLE_LEASING", "DISPOSAL_CAPACITY", "ROUTE", "POLICY", "OTHER"])
  category: string;
  @Field({ description: "问题 / Description" })
  @Length(2, 1000)
  description: string;
}

@InputType({ description: "记录走访 / Record a visit" })
export class RecordVisitInput {
  @Field(() => ID, { description: "企业 / Company" })
  companyId: string;
  @Field(() => GraphQLDateTime, { description: "走访时间 / Visited at" })
  visitedAt: Date;
  @Field({ description: "走访人 / Visitor" })
  @Length(1, 60)
  visitor: string;
  @Field({ nullable: true, description: "纪要 / Summary" })
  @IsOptional()
  @MaxLength(4000)
  summary?: string;
  @Field(() => [ServiceProblemInput], { nullable: true, description: "发现的问题 / Problems raised" })
  @IsOptional()
  @ArrayMaxSize(50)
  problems?: ServiceProblemInput[];
}

@InputType("RequestBulkyPickupInput", { description: "居民预约清运 / A resident's pickup booking" })
export class RequestPickupInput {
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ description: "姓名 / Name" })
  @Length(1, 40)
  residentName: string;
  @Field({ description: "手机号 / Mobile number" })
  @Matches(/^1[3-9]\d{9}$/, { message: "must be an 11-digit mobile number" })
  phone: string;
  @Field({ description: "地址 / Address" })
  @Length(4, 200)
  address: string;
  @Field(() => WasteKindKey, { description: "类别 / Kind" })
  wasteKind: WasteKindKey;
  @Field(() => Int, { nullable: true, description: "预估重量（kg）/ Estimated weight (kg)" })
  @IsOptional()
  @Min(1)
  @Max(20000)
  estimatedWeightKg?: number;
  @Field({ description: "期望日期 / Preferred date" })
  @Matches(DATE, { message: "must be YYYY-MM-DD" })
  preferredDate: string;
}

@InputType("AdvanceBulkyPickupInput", { description: "预约清运流转 / Move a pickup request" })
export class AdvancePickupInput {
  @Field(() => ID, { description: "预约 / The request" })
  id: string;
  @Field({ description: "schedule | collect | deliver | cancel" })
  @IsIn(["schedule", "collect", "deliver", "cancel"])
  action: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "上门时间（排班）/ Pickup time (schedule)" })
  scheduledFor?: Date;
  @Field({ nullable: true, description: "班组或车辆（排班）/ Crew or vehicle (schedule)" })
  @IsOptional()
  @MaxLength(60)
  crew?: string;
  @Field(() => Int, { nullable: true, description: "称重 kg（收运）/ Weight in kg (collect)" })
  @IsOptional()
  @Min(1)
  @Max(50000)
  weightKg?: number;
  @Field(() => ID, { nullable: true, description: "进场设施（进场）/ Facility (deliver)" })
  facilityId?: string;
  @Field({ nullable: true, description: "取消原因 / Cancel reason" })
  @IsOptional()
  @MaxLength(500)
  reason?: string;
}

@InputType("BulkyPickupFilter", { description: "预约清运查询条件 / Pickup filter" })
export class PickupRequestFilter {
  @Field(() => [PickupStatusKey], { nullable: true, description: "状态 / Statuses" })
  status?: PickupStatusKey[];
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => WasteKindKey, { nullable: true, description: "类别 / Kind" })
  wasteKind?: WasteKindKey;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}
