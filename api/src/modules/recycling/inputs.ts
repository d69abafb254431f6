/**
 * GraphQL inputs and filters of the recycling stream.
 */
import { ArrayMaxSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min } from "class-validator";
import { GraphQLDateTime } from "graphql-scalars";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { CardStatus, DeviceKind, DeviceStatus, Granularity, LedgerKind, MaterialCategory, MaterialUnitKey, MerchantKind, PickupActionKey, PickupStatusKey, SettlementStatus, StationKind } from "./types.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_.-]{2,40}$/;

@InputType({ description: "回收企业查询条件 / Enterprise filter" })
export class RecyclingEnterpriseFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field({ nullable: true, description: "仅供销社系统 / Supply-and-marketing cooperative only" })
  coop?: boolean;
  @Field({ nullable: true, description: "按名称或编码搜索 / Search name or code" })
  @IsOptional()
  @MaxLength(50)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "回收站点查询条件 / Station filter" })
export class RecyclingStationFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => StationKind, { nullable: true, description: "类型 / Kind" })
  kind?: StationKind;
  @Field(() => ID, { nullable: true, description: "企业 / Enterprise" })
  enterpriseId?: string;
  @Field({ nullable: true, description: "仅农村回收点 / Rural only (true) or urban only (false)" })
  rural?: boolean;
  @Field({ nullable: true, description: "在用 / Active" })
  active?: boolean;
  @Field({ nullable: true, description: "按名称或编码搜索 / Search name or code" })
  @IsOptional()
  @MaxLength(50)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "设备查询条件 / Device filter" })
export class RecyclingDeviceFilter {
  @Field(() => ID, { nullable: true, description: "站点 / Station" })
  stationId?: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => DeviceKind, { nullable: true, description: "类型 / Kind" })
  kind?: DeviceKind;
  @Field(() => DeviceStatus, { nullable: true, description: "状态 / Status" })
  status?: DeviceStatus;
  @Field({ nullable: true, description: "仅离线（超过离线阈值未上传）/ Silent only (no upload within the silent threshold)" })
  silent?: boolean;
  @Field({ nullable: true, description: "按设备编码搜索 / Search device code" })
  @IsOptional()
  @MaxLength(50)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "价格查询条件 / Price filter" })
export class RecyclingPriceFilter {
  @Field(() => ID, { nullable: true, description: "物资 / Material" })
  materialId?: string;
  @Field(() => ID, { nullable: true, description: "企业（为空为全市指导价）/ Enterprise (empty: city guide prices)" })
  enterpriseId?: string;
  @Field({ nullable: true, description: "起始日 / From day" })
  @IsOptional()
  @Matches(DAY, { message: "must be a date YYYY-MM-DD" })
  from?: string;
  @Field({ nullable: true, description: "截止日（含）/ To day (inclusive)" })
  @IsOptional()
  @Matches(DAY, { message: "must be a date YYYY-MM-DD" })
  to?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "积分卡查询条件 / Card filter" })
export class ResidentCardFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => ID, { nullable: true, description: "所属站点 / Home station" })
  stationId?: string;
  @Field(() => CardStatus, { nullable: true, description: "状态 / Status" })
  status?: CardStatus;
  @Field({ nullable: true, description: "卡号前缀或户号 / Card-number prefix or household code" })
  @IsOptional()
  @MaxLength(40)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "称重记录查询条件 / Weighing filter" })
export class WeighingFilter {
  @Field(() => ID, { nullable: true, description: "设备 / Device" })
  deviceId?: string;
  @Field(() => ID, { nullable: true, description: "站点 / Station" })
  stationId?: string;
  @Field(() => ID, { nullable: true, description: "积分卡 / Card" })
  cardId?: string;
  @Field(() => ID, { nullable: true, description: "物资 / Material" })
  materialId?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "称重时间起 / Weighed from" })
  from?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "称重时间止 / Weighed before" })
  to?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后接收的记录（记录不可变）/ Incremental sync: received since (records are immutable)" })
  updatedSince?: Date;
}

@InputType({ description: "商户查询条件 / Merchant filter" })
export class RecyclingMerchantFilter {
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => MerchantKind, { nullable: true, description: "类型 / Kind" })
  kind?: MerchantKind;
  @Field({ nullable: true, description: "按名称或编码搜索 / Search name or code" })
  @IsOptional()
  @MaxLength(50)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "兑换查询条件 / Redemption filter" })
export class RedemptionFilter {
  @Field(() => ID, { nullable: true, description: "商户 / Merchant" })
  merchantId?: string;
  @Field(() => ID, { nullable: true, description: "积分卡 / Card" })
  cardId?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "兑换时间起 / From" })
  from?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "兑换时间止 / Before" })
  to?: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后记账（兑换不可变）/ Incremental sync: booked since (redemptions are immutable)" })
  updatedSince?: Date;
}

@InputType({ description: "结算查询条件 / Settlement filter" })
export class SettlementFilter {
  @Field(() => ID, { nullable: true, description: "商户 / Merchant" })
  merchantId?: string;
  @Field({ nullable: true, description: "月份（当月第一天）/ Month (its first day)" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-01$/, { message: "must be the first day of a month, YYYY-MM-01" })
  month?: string;
  @Field(() => SettlementStatus, { nullable: true, description: "状态 / Status" })
  status?: SettlementStatus;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

@InputType({ description: "回收单查询条件 / Pickup filter" })
export class PickupFilter {
  @Field(() => [PickupStatusKey], { nullable: true, description: "状态 / Statuses" })
  @IsOptional()
  @ArrayMaxSize(8)
  status?: PickupStatusKey[];
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => ID, { nullable: true, description: "服务站 / Service station" })
  stationId?: string;
  @Field({ nullable: true, description: "按单号或地址搜索 / Search number or address" })
  @IsOptional()
  @MaxLength(50)
  search?: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: "增量同步：此时间后有变化 / Incremental sync: changed since" })
  updatedSince?: Date;
}

// ——— mutations ———

@InputType({ description: "新建回收企业 / A new recycling enterprise" })
export class CreateRecyclingEnterpriseInput {
  @Field({ description: "编码 / Code" })
  @Matches(CODE, { message: "2–40 letters, digits, '.', '_' or '-'" })
  code: string;
  @Field({ description: "名称 / Name" })
  @Length(2, 100)
  name: string;
  @Field({ nullable: true, description: "统一社会信用代码 / Unified social credit code" })
  @IsOptional()
  @Matches(/^[0-9A-Z]{18}$/, { message: "must be 18 characters of 0-9 and A-Z" })
  creditCode?: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ nullable: true, description: "供销社系统 / Cooperative network" })
  coop?: boolean;
  @Field({ nullable: true, description: "联系人 / Contact" })
  @IsOptional()
  @MaxLength(50)
  contact?: string;
  @Field({ nullable: true, description: "电话 / Phone" })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: "must be a phone number" })
  phone?: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
}

@InputType({ description: "新建回收站点 / A new station" })
export class CreateRecyclingStationInput {
  @Field({ description: "编码 / Code" })
  @Matches(CODE, { message: "2–40 letters, digits, '.', '_' or '-'" })
  code: string;
  @Field({ description: "名称 / Name" })
  @Length(2, 100)
  name: string;
  @Field(() => StationKind, { description: "类型 / Kind" })
  kind: StationKind;
  @Field(() => ID, { description: "企业 / Enterprise" })
  enterpriseId: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ nullable: true, description: "农村回收点 / Rural" })
  rural?: boolean;
  @Field(() => Float, { description: "经度 / Longitude" })
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  lat: number;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field(() => Int, { nullable: true, description: "服务户数 / Households served" })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  households?: number;
  @Field({ nullable: true, description: "处理能力（吨/日）/ Capacity, tonnes per day" })
  @IsOptional()
  @MaxLength(12)
  capacityTpd?: string;
  @Field({ nullable: true, description: "启用日期 / Opening date" })
  @IsOptional()
  @Matches(DAY, { message: "must be a date YYYY-MM-DD" })
  openedOn?: string;
}

@InputType({ description: "修改回收站点 / Changes to a station" })
export class UpdateRecyclingStationInput {
  @Field(() => ID, { description: "站点 / Station" })
  id: string;
  @Field({ nullable: true, description: "名称 / Name" })
  @IsOptional()
  @Length(2, 100)
  name?: string;
  @Field({ nullable: true, description: "在用 / Active" })
  active?: boolean;
  @Field(() => Int, { nullable: true, description: "服务户数 / Households served" })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  households?: number;
  @Field({ nullable: true, description: "处理能力（吨/日）/ Capacity, tonnes per day" })
  @IsOptional()
  @MaxLength(12)
  capacityTpd?: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
}

@InputType({ description: "注册智能设备 / Register a smart device" })
export class RegisterRecyclingDeviceInput {
  @Field({ description: "设备编码（序列号）/ Device code (serial number)" })
  @Matches(CODE, { message: "2–40 letters, digits, '.', '_' or '-'" })
  code: string;
  @Field(() => DeviceKind, { description: "类型 / Kind" })
  kind: DeviceKind;
  @Field(() => ID, { description: "站点 / Station" })
  stationId: string;
  @Field({ nullable: true, description: "厂商 / Vendor" })
  @IsOptional()
  @MaxLength(80)
  vendor?: string;
}

@InputType({ description: "修改物资 / Changes to a material" })
export class UpdateRecyclingMaterialInput {
  @Field(() => ID, { description: "物资 / Material" })
  id: string;
  @Field(() => Int, { nullable: true, description: "积分率 / Points per kg (or piece)" })
  @IsOptional()
  @Min(0)
  @Max(100_000)
  pointsPerUnit?: number;
  @Field({ nullable: true, description: "是否回收 / Collected" })
  active?: boolean;
}

@InputType({ description: "新增物资 / A new material" })
export class CreateRecyclingMaterialInput {
  @Field({ description: "编码 / Code" })
  @Matches(/^[a-z0-9_]{2,40}$/, { message: "2–40 of a-z, 0-9, '_'" })
  code: string;
  @Field({ description: "中文名称 / Chinese name" })
  @Length(1, 50)
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  @Length(1, 80)
  nameEn: string;
  @Field(() => MaterialCategory, { description: "类别 / Category" })
  category: MaterialCategory;
  @Field(() => MaterialUnitKey, { description: "单位 / Unit" })
  unit: MaterialUnitKey;
  @Field(() => Int, { description: "积分率 / Points per kg (or piece)" })
  @Min(0)
  @Max(100_000)
  pointsPerUnit: number;
}

@InputType({ description: "一种物资的价格 / The price of one material" })
export class PriceItemInput {
  @Field(() => ID, { description: "物资 / Material" })
  materialId: string;
  @Field({ description: "价格（元/千克或元/件，最多 2 位小数）/ Price in yuan per kg or piece (at most 2 decimals)" })
  @Matches(/^\d{1,8}(\.\d{1,2})?$/, { message: "must be a yuan amount with at most 2 decimals" })
  priceYuan: string;
}

@InputType({ description: "公布每日价格 / Publish daily prices" })
export class PublishPricesInput {
  @Field({ description: "执行日期 / Day" })
  @Matches(DAY, { message: "must be a date YYYY-MM-DD" })
  day: string;
  @Field(() => [PriceItemInput], { description: "各物资价格 / Prices" })
  @ArrayMaxSize(200)
  items: PriceItemInput[];
}

@InputType({ description: "办理积分卡 / Issue a card" })
export class IssueResidentCardInput {
  @Field({ description: "卡号 / Card number" })
  @Matches(/^[A-Z0-9]{6,24}$/, { message: "6–24 of A-Z and 0-9" })
  cardNo: string;
  @Field({ description: "户号 / Household code" })
  @Length(1, 40)
  householdCode: string;
  @Field({ nullable: true, description: "持卡人 / Holder" })
  @IsOptional()
  @MaxLength(50)
  holderName?: string;
  @Field({ nullable: true, description: "住址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field(() => ID, { nullable: true, description: "所属站点 / Home station" })
  stationId?: string;
}

@InputType({ description: "积分调整 / A points adjustment" })
export class AdjustPointsInput {
  @Field(() => ID, { description: "积分卡 / Card" })
  cardId: string;
  @Field(() => Int, { description: "积分（正为增加，负为扣减）/ Points (positive adds, negative deducts)" })
  @IsInt()
  points: number;
  @Field({ description: "原因（审计）/ Reason (audited)" })
  @Length(4, 500)
  reason: string;
}

@InputType({ description: "积分兑换 / Redeem points" })
export class RedeemPointsInput {
  @Field({ description: "卡号 / Card number" })
  @Length(1, 40)
  cardNo: string;
  @Field({ description: "商品价值（元）/ Goods value (yuan)" })
  @Matches(/^\d{1,8}(\.\d{1,2})?$/, { message: "must be a yuan amount with at most 2 decimals" })
  yuanValue: string;
  @Field({ description: "兑换商品 / Goods" })
  @Length(1, 200)
  goods: string;
  @Field({ nullable: true, description: "终端流水号（重试时相同则返回首次结果）/ Terminal reference (a retry with the same one returns the first result)" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: "1–64 letters, digits or . _ : -" })
  clientRef?: string;
  @Field(() => ID, { nullable: true, description: "商户（工作人员代商户录入时）/ Merchant (when staff record on a merchant's behalf)" })
  merchantId?: string;
}

@InputType({ description: "新建兑换商户 / A new merchant" })
export class CreateRecyclingMerchantInput {
  @Field({ description: "编码 / Code" })
  @Matches(CODE, { message: "2–40 letters, digits, '.', '_' or '-'" })
  code: string;
  @Field({ description: "名称 / Name" })
  @Length(2, 100)
  name: string;
  @Field(() => MerchantKind, { description: "类型 / Kind" })
  kind: MerchantKind;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ nullable: true, description: "地址 / Address" })
  @IsOptional()
  @MaxLength(200)
  address?: string;
  @Field(() => Float, { nullable: true, description: "经度 / Longitude" })
  lon?: number;
  @Field(() => Float, { nullable: true, description: "纬度 / Latitude" })
  lat?: number;
  @Field({ nullable: true, description: "联系人 / Contact" })
  @IsOptional()
  @MaxLength(50)
  contact?: string;
}

@InputType({ description: "一键呼叫上门回收 / Request a pickup" })
export class RequestPickupInput {
  @Field({ nullable: true, description: "积分卡号 / Card number" })
  @IsOptional()
  @MaxLength(40)
  cardNo?: string;
  @Field(() => ID, { description: "区县 / District" })
  districtId: string;
  @Field({ description: "地址 / Address" })
  @Length(2, 200)
  address: string;
  @Field({ nullable: true, description: "联系人 / Contact" })
  @IsOptional()
  @MaxLength(50)
  contactName?: string;
  @Field({ nullable: true, description: "电话 / Phone" })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: "must be a phone number" })
  phone?: string;
}

@InputType({ description: "回收单流转一步 / Move a pickup one step" })
export class AdvancePickupInput {
  @Field(() => ID, { description: "回收单 / Pickup" })
  id: string;
  @Field(() => PickupActionKey, { description: "操作 / Action" })
  action: PickupActionKey;
  @Field(() => Int, { nullable: true, description: "交接重量（克）/ Weight handed over (grams)" })
  @IsOptional()
  @Min(1)
  @Max(100_000_000)
  weightGrams?: number;
  @Field(() => ID, { nullable: true, description: "服务站（派单）/ Service station (assign)" })
  stationId?: string;
  @Field({ nullable: true, description: "收集员（派单）/ Collector (assign)" })
  @IsOptional()
  @MaxLength(80)
  collector?: string;
  @Field({ nullable: true, description: "物资编码（收集）/ Material code (collect)" })
  @IsOptional()
  @MaxLength(40)
  material?: string;
  @Field({ nullable: true, description: "车牌（装车）/ Truck plate (load)" })
  @IsOptional()
  @MaxLength(20)
  truckPlate?: string;
  @Field(() => ID, { nullable: true, description: "分拣中心（进场）/ Sorting centre (receive)" })
  sortingCentreId?: string;
  @Field({ nullable: true, description: "再生利用企业（售出）/ Recycler (sell)" })
  @IsOptional()
  @MaxLength(120)
  recycler?: string;
  @Field({ nullable: true, description: "备注（取消时必填）/ Note (required to cancel)" })
  @IsOptional()
  @MaxLength(500)
  note?: string;
}

@InputType({ description: "一条称重记录 / One weighing record" })
export class WeighingRecordInput {
  @Field({ nullable: true, description: "设备编码（用设备自身密钥上传时可省略）/ Device code (optional with the device's own key)" })
  device?: string;
  @Field({ description: "设备流水号（十进制数字）/ The device's sequence number (decimal digits)" })
  seq: string;
  @Field({ description: "称重时间，ISO-8601 含时区 / Time, ISO-8601 with a zone" })
  at: string;
  @Field({ description: "物资编码 / Material code" })
  material: string;
  @Field(() => Int, { description: "重量（克）/ Weight (grams)" })
  weightGrams: number;
  @Field(() => Int, { nullable: true, description: "件数（按件计价的物资）/ Pieces (materials counted by the piece)" })
  pieces?: number;
  @Field({ nullable: true, description: "居民积分卡号 / Resident card number" })
  card?: string;
}

@InputType({ description: "一批称重记录 / A batch of weighing records" })
export class IngestWeighingsInput {
  @Field(() => [WeighingRecordInput], { description: "记录（每批最多 5000 条）/ Records (at most 5,000 per batch)" })
  @ArrayMaxSize(5000)
  records: WeighingRecordInput[];
}

@InputType({ description: "统计周期 / A statistics period" })
export class RecyclingPeriodInput {
  @Field(() => Granularity, { description: "周期类型 / Kind" })
  kind: Granularity;
  @Field({ description: "周期内任一日（取所在的日、月、季、年）/ Any day in the period" })
  @Matches(DAY, { message: "must be a date YYYY-MM-DD" })
  day: string;
}

@InputType({ description: "走势查询 / A series query" })
export class RecyclingSeriesInput {
  @Field(() => Granularity, { description: "粒度 / Granularity" })
  granularity: Granularity;
  @Field({ description: "起始日（含）/ From day (inclusive)" })
  @Matches(DAY, { message: "must be a date YYYY-MM-DD" })
  from: string;
  @Field({ description: "截止日（不含）/ To day (exclusive)" })
  @Matches(DAY, { message: "must be a date YYYY-MM-DD" })
  to: string;
  @Field(() => ID, { nullable: true, description: "区县 / District" })
  districtId?: string;
  @Field(() => ID, { nullable: true, description: "物资 / Material" })
  materialId?: string;
}

export { LedgerKind };
