/**
 * GraphQL inputs of the hazardous-waste stream. Shape checks here (class-validator → BAD_USER_INPUT
 * naming the field); business rules in the services (→ userErrors).
 */
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { GraphQLDateTime, GraphQLJSON } from "graphql-scalars";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { SeverityKey } from "../core/types.js";
import { ContractUnitTypeKey, DecommissionStepKey, HazardStatusKey, InspectionKindKey, ManifestStateKey, PhysicalFormKey, ReceiptDecisionKey, TransportRoleKey, UnitKindKey } from "./types.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KG = /^\d{1,11}(\.\d{1,3})?$/;
const DAY_MSG = { message: "must be a date YYYY-MM-DD" };
const KG_MSG = { message: "must be a non-negative number of kg with at most 3 decimals, as a string" };

@InputType({ description: "产废单位查询条件 / Unit filter" })
export class HazardousUnitFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => [UnitKindKey], { nullable: true, description: "类型 / Kinds" })
  @IsOptional()
  @ArrayMaxSize(6)
  kinds?: UnitKindKey[] | null;
  @Field({ nullable: true, description: "仅小微企业 / Small/micro only" })
  smallMicro?: boolean;
  @Field({ nullable: true, description: "仅社会源 / Social sources only" })
  social?: boolean;
  @Field({ nullable: true, description: "在册状态 / Active" })
  active?: boolean;
  @Field({ nullable: true, description: "按名称或信用代码搜索 / Search name or credit code" })
  @IsOptional()
  @MaxLength(60)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后更新的 / Updated since (incremental sync)" })
  updatedSince?: Date;
}

@InputType({ description: "登记产废单位 / Register a unit" })
export class RegisterUnitInput {
  @Field({ description: "名称 / Name" })
  @Length(2, 100)
  name: string;
  @Field({ description: "统一社会信用代码 / Unified social credit code (18 characters)" })
  @Length(18, 18, { message: "must be 18 characters" })
  creditCode: string;
  @Field(() => UnitKindKey, { description: "类型 / Kind" })
  kind: UnitKindKey;
  @Field({ description: "是否小微企业 / Small/micro enterprise" })
  smallMicro: boolean;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ nullable: true, description: "行业 / Industry" })
  @IsOptional()
  @MaxLength(60)
  industry?: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field({ nullable: true, description: "联系人 / Contact" })
  @IsOptional()
  @MaxLength(40)
  contact?: string;
  @Field({ nullable: true, description: "电话 / Phone" })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: "must be a phone number" })
  phone?: string;
  @Field(() => Float, { nullable: true, description: "经度 / Longitude" })
  @IsOptional()
  @Min(-180)
  @Max(180)
  lon?: number;
  @Field(() => Float, { nullable: true, description: "纬度 / Latitude" })
  @IsOptional()
  @Min(-90)
  @Max(90)
  lat?: number;
  @Field({ nullable: true, description: "年产生量估算（吨）/ Estimated annual generation (t)" })
  @IsOptional()
  @Matches(KG, KG_MSG)
  annualGenerationT?: string;
}

@InputType({ description: "修改产废单位 / Change a unit" })
export class UpdateUnitInput {
  @Field(() => ID, { description: "单位 / The unit" })
  id: string;
  @Field({ nullable: true, description: "名称 / Name" })
  @IsOptional()
  @Length(2, 100)
  name?: string;
  @Field({ nullable: true, description: "统一社会信用代码 / Credit code" })
  @IsOptional()
  @Length(18, 18, { message: "must be 18 characters" })
  creditCode?: string;
  @Field(() => UnitKindKey, { nullable: true, description: "类型 / Kind" })
  kind?: UnitKindKey;
  @Field({ nullable: true, description: "是否小微企业 / Small/micro" })
  smallMicro?: boolean;
  @Field({ nullable: true, description: "行业 / Industry" })
  @IsOptional()
  @MaxLength(60)
  industry?: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field({ nullable: true, description: "联系人 / Contact" })
  @IsOptional()
  @MaxLength(40)
  contact?: string;
  @Field({ nullable: true, description: "电话 / Phone" })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: "must be a phone number" })
  phone?: string;
  @Field({ nullable: true, description: "年产生量估算（吨）/ Annual generation (t)" })
  @IsOptional()
  @Matches(KG, KG_MSG)
  annualGenerationT?: string;
  @Field({ nullable: true, description: "在册（停产、注销时为 false）/ Active (false when closed down)" })
  active?: boolean;
}

@InputType({ description: "参训人员 / An attendee" })
export class AttendeeInput {
  @Field({ description: "姓名 / Name" })
  @Length(1, 40)
  personName: string;
  @Field({ nullable: true, description: "岗位 / Role" })
  @IsOptional()
  @MaxLength(40)
  role?: string;
  @Field(() => ID, { nullable: true, description: "所属单位 / Unit" })
  unitId?: string | null;
}

@InputType({ description: "记录培训 / Record a training session" })
export class RecordTrainingInput {
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ description: "主题 / Title" })
  @Length(1, 100)
  title: string;
  @Field({ description: "日期 / Date (YYYY-MM-DD)" })
  @Matches(DAY, DAY_MSG)
  heldOn: string;
  @Field({ nullable: true, description: "授课人 / Trainer" })
  @IsOptional()
  @MaxLength(40)
  trainer?: string;
  @Field(() => [AttendeeInput], { description: "参训人员 / Attendees" })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  attendees: AttendeeInput[];
}

@InputType({ description: "检查发现 / A finding" })
export class FindingInput {
  @Field({ description: "检查项 / Item" })
  @Length(1, 100)
  item: string;
  @Field({ description: "情况 / Description" })
  @Length(1, 500)
  description: string;
  @Field({ description: "是否严重 / Serious" })
  serious: boolean;
}

@InputType({ description: "由检查发现的隐患 / A hazard to open from the inspection" })
export class InspectionHazardInput {
  @Field({ description: "类别 / Category (STORAGE, LABELLING, LEDGER, TRANSFER, DISPOSAL, POLLUTION_CONTROL, OTHER)" })
  @MaxLength(30)
  category: string;
  @Field(() => SeverityKey, { description: "严重程度 / Severity" })
  severity: SeverityKey;
  @Field({ description: "描述 / Description" })
  @Length(1, 500)
  description: string;
  @Field({ description: "责任单位 / Responsible unit" })
  @Length(1, 100)
  responsibleUnit: string;
  @Field({ description: "整改期限 / Deadline (YYYY-MM-DD)" })
  @Matches(DAY, DAY_MSG)
  deadline: string;
}

@InputType({ description: "由检查立案 / Open a case from the inspection" })
export class InspectionCaseInput {
  @Field({ description: "违法类型 / Violation type" })
  @Length(1, 100)
  violationType: string;
  @Field({ nullable: true, description: "罚款（元）/ Fine (yuan)" })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: "must be yuan with at most 2 decimals" })
  fineYuan?: string;
}

@InputType({ description: "记录检查 / Record an inspection" })
export class RecordInspectionInput {
  @Field(() => InspectionKindKey, { description: "类型 / Kind" })
  kind: InspectionKindKey;
  @Field(() => ID, { nullable: true, description: "被检查的产废单位 / Unit (census and routine)" })
  unitId?: string | null;
  @Field({ description: "检查对象名称 / Inspected place" })
  @Length(1, 100)
  subjectName: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ description: "检查日期 / Date (YYYY-MM-DD)" })
  @Matches(DAY, DAY_MSG)
  inspectedOn: string;
  @Field({ description: "检查人 / Inspector" })
  @Length(1, 60)
  inspector: string;
  @Field(() => [FindingInput], { description: "发现的问题 / Findings" })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  findings: FindingInput[];
  @Field(() => [InspectionHazardInput], { nullable: true, description: "开具的隐患 / Hazards to open" })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  hazards?: InspectionHazardInput[];
  @Field(() => InspectionCaseInput, { nullable: true, description: "立案 / Open a case" })
  @IsOptional()
  @ValidateNested()
  openCase?: InspectionCaseInput;
}

@InputType({ description: "检查查询条件 / Inspection filter" })
export class InspectionFilter {
  @Field(() => InspectionKindKey, { nullable: true, description: "类型 / Kind" })
  kind?: InspectionKindKey;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => ID, { nullable: true, description: "单位 / Unit" })
  unitId?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Updated since" })
  updatedSince?: Date;
}

@InputType({ description: "上报隐患 / Report a hazard" })
export class ReportHazardInput extends InspectionHazardInput {
  @Field(() => ID, { description: "单位 / Unit" })
  unitId: string;
  @Field({ description: "发现日期 / Found on (YYYY-MM-DD)" })
  @Matches(DAY, DAY_MSG)
  foundOn: string;
}

@InputType({ description: "隐患查询条件 / Hazard filter" })
export class HazardFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => [HazardStatusKey], { nullable: true, description: "状态 / Statuses" })
  @IsOptional()
  @ArrayMaxSize(4)
  statuses?: HazardStatusKey[];
  @Field(() => SeverityKey, { nullable: true, description: "严重程度 / Severity" })
  severity?: SeverityKey;
  @Field({ nullable: true, description: "类别 / Category" })
  @IsOptional()
  @MaxLength(30)
  category?: string;
  @Field({ nullable: true, description: "仅逾期未整改 / Overdue only" })
  overdue?: boolean;
  @Field(() => ID, { nullable: true, description: "单位 / Unit" })
  unitId?: string | null;
  @Field({ nullable: true, description: "期限早于 / Deadline before (YYYY-MM-DD)" })
  @IsOptional()
  @Matches(DAY, DAY_MSG)
  deadlineBefore?: string;
  @Field({ nullable: true, description: "按期限升序（看板）/ Order by deadline ascending (board)" })
  byDeadline?: boolean;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Updated since" })
  updatedSince?: Date;
}

@InputType({ description: "签订收运合同 / Sign a collection contract" })
export class SignContractInput {
  @Field(() => ID, { description: "收运单位 / Operator" })
  operatorId: string;
  @Field(() => ID, { description: "产废单位 / Unit" })
  unitId: string;
  @Field({ description: "签约日期 / Signed on" })
  @Matches(DAY, DAY_MSG)
  signedOn: string;
  @Field({ description: "有效期至 / Valid to" })
  @Matches(DAY, DAY_MSG)
  validTo: string;
}

@InputType({ description: "收运废物 / A collected waste line" })
export class RunLineInput {
  @Field({ description: "废物代码 / Waste code" })
  @Matches(/^\d{3}-\d{3}-\d{2}$/, { message: "must be a catalogue code such as 900-214-08" })
  wasteCode: string;
  @Field({ description: "重量（kg）/ Quantity (kg)" })
  @Matches(KG, KG_MSG)
  quantityKg: string;
}

@InputType({ description: "记录收运 / Record a collection" })
export class RecordRunInput {
  @Field(() => ID, { description: "合同 / Contract" })
  contractId: string;
  @Field(() => GraphQLDateTime, { description: "收运时间 / Collected at" })
  collectedAt: Date;
  @Field(() => [RunLineInput], { description: "废物 / Lines" })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  lines: RunLineInput[];
}

@InputType({ description: "收运查询条件 / Collection filter" })
export class CollectionFilter {
  @Field(() => ID, { nullable: true, description: "收运单位 / Operator" })
  operatorId?: string | null;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => ContractUnitTypeKey, { nullable: true, description: "单位类型 / Unit type" })
  unitType?: ContractUnitTypeKey;
  @Field(() => ID, { nullable: true, description: "单位 / Unit" })
  unitId?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "起 / From" })
  from?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "止 / To" })
  to?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Updated since" })
  updatedSince?: Date;
}

@InputType({ description: "运输企业登记 / Register a carrier" })
export class RegisterCarrierInput {
  @Field({ description: "名称 / Name" })
  @Length(2, 100)
  name: string;
  @Field({ description: "统一社会信用代码 / Credit code" })
  @Length(18, 18, { message: "must be 18 characters" })
  creditCode: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ description: "许可证号 / Permit number" })
  @Length(4, 40)
  permitNo: string;
  @Field({ description: "有效期至 / Valid to" })
  @Matches(DAY, DAY_MSG)
  permitValidTo: string;
}

@InputType("RegisterHazardousVehicleInput", { description: "危险货物运输车辆登记 / Register a hazardous-goods vehicle" })
export class RegisterVehicleInput {
  @Field(() => ID, { description: "运输企业 / Carrier" })
  carrierId: string;
  @Field({ description: "车牌 / Plate" })
  @Matches(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, { message: "must be a Chinese plate such as 浙D12345" })
  plate: string;
  @Field({ nullable: true, description: "GPS 终端号 / Terminal id" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{4,40}$/, { message: "must be 4–40 letters, digits, _ or -" })
  terminalId?: string;
  @Field({ nullable: true, description: "车型 / Type" })
  @IsOptional()
  @MaxLength(40)
  vehicleType?: string;
  @Field({ description: "核定载质量（kg）/ Rated load (kg)" })
  @Matches(KG, KG_MSG)
  loadKg: string;
  @Field({ description: "道路运输证号 / Certificate number" })
  @Length(4, 40)
  licenceNo: string;
  @Field({ description: "有效期至 / Valid to" })
  @Matches(DAY, DAY_MSG)
  licenceValidTo: string;
}

@InputType({ description: "人员登记 / Register a driver or escort" })
export class RegisterPersonInput {
  @Field(() => ID, { description: "运输企业 / Carrier" })
  carrierId: string;
  @Field({ description: "姓名 / Name" })
  @Length(1, 40)
  name: string;
  @Field(() => TransportRoleKey, { description: "岗位 / Role" })
  role: TransportRoleKey;
  @Field({ description: "从业资格证号 / Certificate number" })
  @Length(4, 40)
  qualificationNo: string;
  @Field({ description: "有效期至 / Valid to" })
  @Matches(DAY, DAY_MSG)
  qualificationValidTo: string;
  @Field({ nullable: true, description: "电话 / Phone" })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: "must be a phone number" })
  phone?: string;
}

@InputType({ description: "证照续期 / Renew a licence" })
export class RenewLicenceInput {
  @Field(() => ID, { description: "车辆、人员、运输企业、接受单位或收运单位 / Vehicle, person, carrier, facility or operator" })
  id: string;
  @Field({ description: "新证号 / New number" })
  @Length(4, 40)
  number: string;
  @Field({ description: "有效期至 / Valid to" })
  @Matches(DAY, DAY_MSG)
  validTo: string;
}

@InputType({ description: "车辆、人员查询条件 / Transport register filter" })
export class TransportFilter {
  @Field(() => ID, { nullable: true, description: "运输企业 / Carrier" })
  carrierId?: string | null;
  @Field(() => Int, { nullable: true, description: "N 天内到期（含已过期）/ Expiring within N days (or expired)" })
  @IsOptional()
  @Min(0)
  @Max(3650)
  expiringWithinDays?: number;
  @Field({ nullable: true, description: "搜索车牌或姓名 / Search plate or name" })
  @IsOptional()
  @MaxLength(40)
  search?: string;
  @Field(() => TransportRoleKey, { nullable: true, description: "岗位（人员）/ Role (people)" })
  role?: TransportRoleKey;
  @Field({ nullable: true, description: "在用/在岗 / Active (in service, employed)" })
  active?: boolean;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Updated since" })
  updatedSince?: Date;
}

@InputType({ description: "运输企业查询条件 / Carrier filter" })
export class CarrierFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => Int, { nullable: true, description: "许可证 N 天内到期（含已过期）/ Permit expiring within N days (or expired)" })
  @IsOptional()
  @Min(0)
  @Max(3650)
  expiringWithinDays?: number;
  @Field({ nullable: true, description: "按名称、信用代码或许可证号搜索 / Search name, credit code or permit number" })
  @IsOptional()
  @MaxLength(40)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Updated since" })
  updatedSince?: Date;
}

@InputType({ description: "修改运输企业（证照用续期）/ Change a carrier (licences: renewHazardousLicence)" })
export class UpdateCarrierInput {
  @Field(() => ID, { description: "运输企业 / Carrier" })
  id: string;
  @Field({ nullable: true, description: "名称 / Name" })
  @IsOptional()
  @Length(2, 100)
  name?: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
}

@InputType("UpdateHazardousVehicleInput", { description: "修改车辆（证照用续期）/ Change a vehicle (licence: renewHazardousLicence)" })
export class UpdateVehicleInput {
  @Field(() => ID, { description: "车辆 / Vehicle" })
  id: string;
  @Field(() => String, { nullable: true, description: "GPS 终端号（空串为解绑）/ Terminal id (empty string unbinds)" })
  @IsOptional()
  @Matches(/^([A-Za-z0-9_-]{4,40})?$/, { message: "must be 4–40 letters, digits, _ or -, or empty" })
  terminalId?: string | null;
  @Field({ nullable: true, description: "车型 / Type" })
  @IsOptional()
  @MaxLength(40)
  vehicleType?: string;
  @Field({ nullable: true, description: "核定载质量（kg）/ Rated load (kg)" })
  @IsOptional()
  @Matches(KG, KG_MSG)
  loadKg?: string;
  @Field({ nullable: true, description: "在用 / In service" })
  active?: boolean;
}

@InputType({ description: "修改驾驶员或押运员（证照用续期）/ Change a driver or escort (licence: renewHazardousLicence)" })
export class UpdatePersonInput {
  @Field(() => ID, { description: "人员 / Person" })
  id: string;
  @Field({ nullable: true, description: "姓名 / Name" })
  @IsOptional()
  @Length(1, 40)
  name?: string;
  @Field({ nullable: true, description: "电话 / Phone" })
  @IsOptional()
  @Matches(/^([0-9+\- ]{5,20})?$/, { message: "must be a phone number" })
  phone?: string;
  @Field({ nullable: true, description: "在岗 / Employed" })
  active?: boolean;
}

@InputType({ description: "联单废物 / A manifest waste line" })
export class ManifestLineInput {
  @Field({ description: "废物代码 / Waste code" })
  @Matches(/^\d{3}-\d{3}-\d{2}$/, { message: "must be a catalogue code such as 900-214-08" })
  wasteCode: string;
  @Field({ nullable: true, description: "废物名称（默认名录名称）/ Name (default: the catalogue's)" })
  @IsOptional()
  @MaxLength(200)
  wasteName?: string;
  @Field(() => PhysicalFormKey, { description: "物理形态 / Physical form" })
  physicalForm: PhysicalFormKey;
  @Field(() => [String], { nullable: true, description: "危险特性（默认名录）/ Characteristics (default: the catalogue's)" })
  @IsOptional()
  @ArrayMaxSize(5)
  characteristics?: string[];
  @Field({ description: "包装方式，如 铁桶、吨袋 / Packaging such as drum or bulk bag" })
  @Length(1, 40)
  packaging: string;
  @Field(() => Int, { description: "包装数量 / Packages" })
  @Min(1)
  @Max(10000)
  packageCount: number;
  @Field({ description: "重量（kg）/ Quantity (kg)" })
  @Matches(KG, KG_MSG)
  quantityKg: string;
}

@InputType({ description: "新建联单 / Create a manifest" })
export class CreateManifestInput {
  @Field(() => ID, { description: "移出人（产废单位）/ Producer" })
  producerId: string;
  @Field(() => ID, { description: "承运人 / Carrier" })
  carrierId: string;
  @Field(() => ID, { description: "接受人（持证单位）/ Receiver (licensed facility)" })
  receiverId: string;
  @Field(() => [ManifestLineInput], { description: "废物明细 / Waste lines" })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  lines: ManifestLineInput[];
  @Field(() => GraphQLJSON, { nullable: true, description: "计划路线 [[经度,纬度],…] / Planned route [[lon, lat], …]" })
  plannedRoute?: unknown;
  @Field(() => GraphQLDateTime, { nullable: true, description: "计划转移时间 / Planned pickup" })
  plannedPickupAt?: Date;
}

@InputType({ description: "修改草稿 / Change a draft" })
export class UpdateManifestDraftInput {
  @Field(() => ID, { description: "联单 / Manifest" })
  id: string;
  @Field(() => ID, { nullable: true, description: "承运人 / Carrier" })
  carrierId?: string;
  @Field(() => ID, { nullable: true, description: "接受人 / Receiver" })
  receiverId?: string;
  @Field(() => [ManifestLineInput], { nullable: true, description: "废物明细（整体替换）/ Lines (replace all)" })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  lines?: ManifestLineInput[];
  @Field(() => GraphQLJSON, { nullable: true, description: "计划路线 / Planned route" })
  plannedRoute?: unknown;
  @Field(() => GraphQLDateTime, { nullable: true, description: "计划转移时间 / Planned pickup" })
  plannedPickupAt?: Date;
}

@InputType({ description: "承运签字 / Carrier signs at pickup" })
export class PickUpManifestInput {
  @Field(() => ID, { description: "联单 / Manifest" })
  id: string;
  @Field(() => ID, { description: "车辆 / Vehicle" })
  vehicleId: string;
  @Field(() => ID, { description: "驾驶员 / Driver" })
  driverId: string;
  @Field(() => ID, { description: "押运员 / Escort" })
  escortId: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "应接收时限（默认 24 小时）/ Receipt deadline (default 24 h)" })
  dueBy?: Date;
}

@InputType({ description: "过磅重量 / A weighed line" })
export class ReceivedLineInput {
  @Field(() => Int, { description: "行号 / Line" })
  @Min(1)
  lineNo: number;
  @Field({ description: "接收重量（kg）/ Received (kg)" })
  @Matches(KG, KG_MSG)
  receivedKg: string;
}

@InputType("ReceiveTransferManifestInput", { description: "接受人过磅签收 / Receiver weighs and signs" })
export class ReceiveManifestInput {
  @Field(() => ID, { description: "联单 / Manifest" })
  id: string;
  @Field(() => [ReceivedLineInput], { description: "各行重量 / Weights per line" })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  lines: ReceivedLineInput[];
}

@InputType({ description: "拒收行 / A rejected line" })
export class RejectedLineInput {
  @Field(() => Int, { description: "行号 / Line" })
  @Min(1)
  lineNo: number;
  @Field({ description: "拒收重量（kg）/ Rejected (kg)" })
  @Matches(KG, KG_MSG)
  rejectedKg: string;
}

@InputType({ description: "接收决定 / Decide on the received load" })
export class DecideReceiptInput {
  @Field(() => ID, { description: "联单 / Manifest" })
  id: string;
  @Field(() => ReceiptDecisionKey, { description: "决定 / Decision" })
  decision: ReceiptDecisionKey;
  @Field(() => [RejectedLineInput], { nullable: true, description: "部分拒收的行 / Rejected lines (partly)" })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  lines?: RejectedLineInput[];
  @Field({ nullable: true, description: "拒收理由 / Reason" })
  @IsOptional()
  @MaxLength(500)
  reason?: string;
}

@InputType({ description: "更正行 / A line to correct" })
export class CorrectionLineInput {
  @Field(() => Int, { description: "行号 / Line" })
  @Min(1)
  lineNo: number;
  @Field({ nullable: true, description: "申报重量 / Declared kg" })
  @IsOptional()
  @Matches(KG, KG_MSG)
  quantityKg?: string;
  @Field({ nullable: true, description: "包装方式 / Packaging" })
  @IsOptional()
  @Length(1, 40)
  packaging?: string;
  @Field(() => Int, { nullable: true, description: "包装数量 / Packages" })
  @IsOptional()
  @Min(1)
  @Max(10000)
  packageCount?: number;
  @Field({ nullable: true, description: "接收重量 / Received kg" })
  @IsOptional()
  @Matches(KG, KG_MSG)
  receivedKg?: string;
}

@InputType({ description: "更正内容 / Changes requested" })
export class CorrectionChangesInput {
  @Field(() => [CorrectionLineInput], { nullable: true, description: "明细 / Lines" })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  lines?: CorrectionLineInput[];
  @Field(() => GraphQLJSON, { nullable: true, description: "计划路线 / Planned route" })
  plannedRoute?: unknown;
  @Field(() => GraphQLDateTime, { nullable: true, description: "接收时限 / Receipt deadline" })
  dueBy?: Date;
}

@InputType({ description: "申请更正 / Request a correction" })
export class RequestCorrectionInput {
  @Field(() => ID, { description: "联单 / Manifest" })
  id: string;
  @Field(() => CorrectionChangesInput, { description: "更正内容 / Changes" })
  @ValidateNested()
  changes: CorrectionChangesInput;
  @Field({ description: "理由 / Reason" })
  @Length(1, 500)
  reason: string;
}

@InputType({ description: "联单查询条件 / Manifest filter" })
export class ManifestFilter {
  @Field(() => [ManifestStateKey], { nullable: true, description: "状态 / States" })
  @IsOptional()
  @ArrayMaxSize(10)
  states?: ManifestStateKey[];
  @Field(() => ID, { nullable: true, description: "区县（移出人）/ District (producer's)" })
  districtId?: string | null;
  @Field(() => ID, { nullable: true, description: "移出人 / Producer" })
  producerId?: string | null;
  @Field(() => ID, { nullable: true, description: "承运人 / Carrier" })
  carrierId?: string | null;
  @Field(() => ID, { nullable: true, description: "接受人 / Receiver" })
  receiverId?: string | null;
  @Field({ nullable: true, description: "联单编号（前缀）/ Number prefix" })
  @IsOptional()
  @Matches(/^[0-9A-Za-z-]{1,30}$/, { message: "must be part of a manifest number" })
  number?: string;
  @Field({ nullable: true, description: "仅过磅差异超限 / Weight difference flagged only" })
  discrepancyFlagged?: boolean;
  @Field(() => GraphQLDateTime, { nullable: true, description: "创建时间起 / Created from" })
  createdFrom?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "创建时间止 / Created to" })
  createdTo?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Updated since" })
  updatedSince?: Date;
}

@InputType({ description: "新建退役项目 / Create a decommissioning project" })
export class CreateProjectInput {
  @Field(() => ID, { description: "企业 / Enterprise (unit)" })
  unitId: string;
  @Field({ description: "原厂址 / Old site" })
  @Length(1, 200)
  oldSite: string;
  @Field({ description: "新厂址 / New site" })
  @Length(1, 200)
  newSite: string;
}

@InputType({ description: "推进退役步骤 / Start or complete a step" })
export class AdvanceStepInput {
  @Field(() => ID, { description: "项目 / Project" })
  id: string;
  @Field(() => DecommissionStepKey, { description: "步骤 / Step" })
  step: DecommissionStepKey;
  @Field({ description: "start 开始 | complete 完成" })
  @IsIn(["start", "complete"])
  action: string;
  @Field({ nullable: true, description: "备注 / Note" })
  @IsOptional()
  @MaxLength(500)
  note?: string;
}

@InputType({ description: "上传附件（base64，≤1.5 MB）/ Attach a document (base64, ≤ 1.5 MB)" })
export class AttachDocumentInput {
  @Field(() => ID, { description: "退役项目或隐患 / Decommissioning project or hazard" })
  ownerId: string;
  @Field(() => DecommissionStepKey, { nullable: true, description: "步骤（退役项目必填）/ Step (projects)" })
  step?: DecommissionStepKey;
  @Field({ description: "文件名 / File name" })
  @Length(1, 200)
  fileName: string;
  @Field({ description: "MIME 类型 / MIME type" })
  @Length(3, 100)
  mimeType: string;
  @Field({ description: "内容（base64）/ Content (base64)" })
  @MaxLength(2_100_000)
  contentBase64: string;
}

@InputType({ description: "退役项目查询条件 / Project filter" })
export class ProjectFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => DecommissionStepKey, { nullable: true, description: "当前步骤 / Current step" })
  currentStep?: DecommissionStepKey;
  @Field({ nullable: true, description: "是否完成 / Completed" })
  completed?: boolean;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Updated since" })
  updatedSince?: Date;
}

@InputType({ description: "新建限速路段 / Create a road segment" })
export class CreateSegmentInput {
  @Field({ description: "名称 / Name" })
  @Length(1, 100)
  name: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string | null;
  @Field(() => Int, { description: "限速 km/h / Limit km/h" })
  @Min(5)
  @Max(130)
  speedLimitKmh: number;
  @Field(() => GraphQLJSON, { description: "线 [[经度,纬度],…] / Line [[lon, lat], …]" })
  line: unknown;
  @Field(() => Int, { nullable: true, description: "缓冲（米）/ Buffer (m)" })
  @IsOptional()
  @Min(5)
  @Max(200)
  bufferM?: number;
  @Field({ nullable: true, description: "禁行路段 / Restricted (hazardous-goods vehicles may not use it)" })
  restricted?: boolean;
}

@InputType({ description: "修改路段 / Change a road segment" })
export class UpdateSegmentInput {
  @Field(() => ID, { description: "路段 / Segment" })
  id: string;
  @Field({ nullable: true, description: "名称 / Name" })
  @IsOptional()
  @Length(1, 100)
  name?: string;
  @Field(() => Int, { nullable: true, description: "限速 km/h / Limit km/h" })
  @IsOptional()
  @Min(5)
  @Max(130)
  speedLimitKmh?: number;
  @Field(() => GraphQLJSON, { nullable: true, description: "线 [[经度,纬度],…] / Line [[lon, lat], …]" })
  line?: unknown;
  @Field(() => Int, { nullable: true, description: "缓冲（米）/ Buffer (m)" })
  @IsOptional()
  @Min(5)
  @Max(200)
  bufferM?: number;
  @Field({ nullable: true, description: "禁行路段 / Restricted" })
  restricted?: boolean;
  @Field({ nullable: true, description: "启用 / Active" })
  active?: boolean;
}

@InputType({ description: "路段查询条件 / Road segment filter" })
export class SegmentFilter {
  @Field({ nullable: true, description: "仅禁行路段（否：仅限速路段）/ Restricted only (false: speed-limited only)" })
  restricted?: boolean;
  @Field({ nullable: true, description: "启用 / Active" })
  active?: boolean;
  @Field({ nullable: true, description: "按名称搜索 / Search name" })
  @IsOptional()
  @MaxLength(40)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步 / Updated since" })
  updatedSince?: Date;
}

@InputType({ description: "终止收运合同 / Terminate a collection contract" })
export class TerminateContractInput {
  @Field(() => ID, { description: "合同 / Contract" })
  id: string;
  @Field({ description: "终止日期（当日起不再收运）/ Terminated on (no collections from that day)" })
  @Matches(DAY, DAY_MSG)
  terminatedOn: string;
}

@InputType({ description: "修改规则参数 / Change rule parameters" })
export class RuleSettingsInput {
  @Field({ nullable: true, description: "过磅差异容差（%）/ Tolerance (%)" })
  @IsOptional()
  @Matches(/^\d{1,2}(\.\d{1,2})?$/, { message: "must be a percentage such as 5 or 2.5" })
  discrepancyTolerancePct?: string;
  @Field(() => Int, { nullable: true, description: "偏离路线阈值（米）/ Off-route metres" })
  @IsOptional()
  @Min(50)
  @Max(20000)
  offRouteMetres?: number;
  @Field(() => Int, { nullable: true, description: "到期预警天数 / Licence warning days" })
  @IsOptional()
  @Min(1)
  @Max(365)
  licenceWarnDays?: number;
  @Field(() => Int, { nullable: true, description: "超速容差 / Overspeed tolerance km/h" })
  @IsOptional()
  @Min(0)
  @Max(30)
  overspeedToleranceKmh?: number;
}

export { IsBoolean };
