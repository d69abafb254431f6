/**
 * GraphQL object types of the recycling stream (再生资源回收).
 */
import { GraphQLDateTime } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { UserError } from "../../graphql/errors.js";
import { Node } from "../../graphql/node.js";
import { District } from "../core/types.js";

// ——— enums ———

export enum StationKind {
  SERVICE_STATION = "SERVICE_STATION",
  SORTING_CENTRE = "SORTING_CENTRE",
  SMART_BIN = "SMART_BIN",
}
registerEnumType(StationKind, {
  name: "RecyclingStationKind",
  description: "回收站点类型 / Kind of recycling station",
  valuesConfig: {
    SERVICE_STATION: { description: "回收服务站（含农村回收点）/ Service station (including rural collection points)" },
    SORTING_CENTRE: { description: "分拣中心 / Sorting centre" },
    SMART_BIN: { description: "智能回收箱 / Smart recycling bin" },
  },
});

export enum DeviceKind {
  SMART_SCALE = "SMART_SCALE",
  SMART_BIN = "SMART_BIN",
  WEIGHBRIDGE = "WEIGHBRIDGE",
}
registerEnumType(DeviceKind, {
  name: "RecyclingDeviceKind",
  description: "智能设备类型 / Kind of smart device",
  valuesConfig: {
    SMART_SCALE: { description: "智能秤 / Smart scale" },
    SMART_BIN: { description: "智能回收箱 / Smart bin" },
    WEIGHBRIDGE: { description: "地磅（分拣中心）/ Weighbridge (sorting centre)" },
  },
});

export enum DeviceStatus {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
}
registerEnumType(DeviceStatus, { name: "RecyclingDeviceStatus", description: "设备状态：启用、停用 / Device status: active or inactive" });

export enum MaterialCategory {
  PAPER = "PAPER",
  METAL = "METAL",
  PLASTIC = "PLASTIC",
  GLASS = "GLASS",
  TEXTILE = "TEXTILE",
  EWASTE = "EWASTE",
  OTHER = "OTHER",
}
registerEnumType(MaterialCategory, {
  name: "MaterialCategory",
  description: "回收物资类别 / Material category",
  valuesConfig: {
    PAPER: { description: "纸类 / Paper" },
    METAL: { description: "金属 / Metal" },
    PLASTIC: { description: "塑料 / Plastic" },
    GLASS: { description: "玻璃 / Glass" },
    TEXTILE: { description: "纺织物 / Textiles" },
    EWASTE: { description: "废旧电器电子 / E-waste" },
    OTHER: { description: "其他 / Other" },
  },
});

export enum MaterialUnitKey {
  KG = "KG",
  PIECE = "PIECE",
}
registerEnumType(MaterialUnitKey, { name: "MaterialUnit", description: "计价单位：千克或件 / Priced per kilogram or per piece" });

export enum CardStatus {
  ACTIVE = "ACTIVE",
  FROZEN = "FROZEN",
  CANCELLED = "CANCELLED",
}
registerEnumType(CardStatus, { name: "ResidentCardStatus", description: "积分卡状态：正常、冻结（如挂失）、注销 / Card status: active, frozen (e.g. reported lost), cancelled" });

export enum CardAction {
  freeze = "freeze",
  unfreeze = "unfreeze",
  cancel = "cancel",
}
registerEnumType(CardAction, { name: "ResidentCardAction", description: "积分卡操作：冻结、解冻、注销 / Card action: freeze, unfreeze, cancel" });

export enum LedgerKind {
  EARN = "EARN",
  REDEEM = "REDEEM",
  EXPIRE = "EXPIRE",
  ADJUST = "ADJUST",
}
registerEnumType(LedgerKind, {
  name: "PointsLedgerKind",
  description: "积分流水类型 / Kind of points movement",
  valuesConfig: {
    EARN: { description: "投递获得 / Earned by recycling" },
    REDEEM: { description: "商户兑换 / Redeemed at a merchant" },
    EXPIRE: { description: "过期 / Expired" },
    ADJUST: { description: "人工调整 / Staff adjustment" },
  },
});

export enum MerchantKind {
  SUPERMARKET = "SUPERMARKET",
  PHARMACY = "PHARMACY",
  OTHER = "OTHER",
}
registerEnumType(MerchantKind, { name: "MerchantKind", description: "商户类型：商超、药店、其他 / Merchant kind: supermarket, pharmacy, other" });

export enum SettlementStatus {
  PENDING = "PENDING",
  CONFIRMED = "CONFIRMED",
  PAID = "PAID",
}
registerEnumType(SettlementStatus, { name: "SettlementStatus", description: "结算状态：待确认 → 已确认 → 已支付 / Settlement status: pending → confirmed → paid" });

export enum SettlementAction {
  confirm = "confirm",
  pay = "pay",
}
registerEnumType(SettlementAction, { name: "SettlementAction", description: "结算操作：确认、支付 / Settlement action: confirm, pay" });

export enum PickupStatusKey {
  REQUESTED = "REQUESTED",
  ASSIGNED = "ASSIGNED",
  COLLECTED = "COLLECTED",
  AT_STATION = "AT_STATION",
  ON_TRUCK = "ON_TRUCK",
  AT_SORTING_CENTRE = "AT_SORTING_CENTRE",
  SOLD = "SOLD",
  CANCELLED = "CANCELLED",
}
registerEnumType(PickupStatusKey, {
  name: "HouseholdPickupStatus",
  description: "上门回收单状态 / Pickup status",
  valuesConfig: {
    REQUESTED: { description: "已预约 / Requested" },
    ASSIGNED: { description: "已派单 / Assigned to a collector" },
    COLLECTED: { description: "已上门收集（称重）/ Collected and weighed" },
    AT_STATION: { description: "在服务站 / At the service station" },
    ON_TRUCK: { description: "清运途中 / On the truck" },
    AT_SORTING_CENTRE: { description: "在分拣中心 / At the sorting centre" },
    SOLD: { description: "已售予再生利用企业 / Sold to a recycler" },
    CANCELLED: { description: "已取消 / Cancelled" },
  },
});

export enum PickupActionKey {
  assign = "assign",
  collect = "collect",
  toStation = "toStation",
  loadTruck = "loadTruck",
  toSortingCentre = "toSortingCentre",
  sell = "sell",
  cancel = "cancel",
}
registerEnumType(PickupActionKey, {
  name: "HouseholdPickupAction",
  description: "回收单流转操作 / Step of the pickup chain",
  valuesConfig: {
    assign: { description: "派单（服务站、收集员）/ Assign to a station and collector" },
    collect: { description: "上门收集并称重 / Collect and weigh" },
    toStation: { description: "交服务站（称重）/ Hand in at the service station (weighed)" },
    loadTruck: { description: "装车（称重、车牌）/ Load on the truck (weighed, plate)" },
    toSortingCentre: { description: "进分拣中心（称重）/ Receive at the sorting centre (weighed)" },
    sell: { description: "售予再生利用企业（称重）/ Sell to a recycler (weighed)" },
    cancel: { description: "取消（需说明）/ Cancel (with a note)" },
  },
});

export enum Granularity {
  DAY = "DAY",
  MONTH = "MONTH",
  QUARTER = "QUARTER",
  YEAR = "YEAR",
}
registerEnumType(Granularity, { name: "PeriodGranularity", description: "统计周期：日、月、季、年 / Period: day, month, quarter, year" });

// ——— network ———

@ObjectType({ implements: Node, description: "再生资源回收企业 / A recycling enterprise" })
export class RecyclingEnterprise extends Node {
  @Field({ description: "企业编码 / Code" })
  code: string;
  @Field({ description: "企业名称 / Name" })
  name: string;
  @Field({ description: "统一社会信用代码 / Unified social credit code" })
  creditCode: string;
  @Field({ description: "是否供销社系统企业 / Part of the supply-and-marketing cooperative network" })
  coop: boolean;
  @Field({ description: "联系人 / Contact" })
  contact: string;
  @Field({ description: "电话 / Phone" })
  phone: string;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field({ description: "是否在营 / Active" })
  active: boolean;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ implements: Node, description: "回收站点：服务站、分拣中心或智能回收箱 / A recycling station: service station, sorting centre or smart bin" })
export class RecyclingStation extends Node {
  @Field({ description: "站点编码 / Code" })
  code: string;
  @Field({ description: "站点名称 / Name" })
  name: string;
  @Field(() => StationKind, { description: "类型 / Kind" })
  kind: StationKind;
  @Field({ description: "是否农村回收点 / Rural collection point" })
  rural: boolean;
  @Field(() => Float, { description: "经度 / Longitude" })
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  lat: number;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field(() => Int, { description: "服务户数 / Households served" })
  households: number;
  @Field({ description: "处理能力（吨/日）/ Handling capacity, tonnes per day" })
  capacityTpd: string;
  @Field({ description: "启用日期（未来日期表示规划中）/ Opening date (a future date means planned)" })
  openedOn: string;
  @Field({ description: "是否在用 / Active" })
  active: boolean;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
  enterpriseId: number;
}

@ObjectType({ implements: Node, description: "智能设备（智能秤、智能回收箱、地磅），以自己的 API 密钥上传称重 / A smart device (scale, bin, weighbridge) uploading weighings with its own API key" })
export class RecyclingDevice extends Node {
  @Field({ description: "设备编码（序列号）/ Device code (serial number)" })
  code: string;
  @Field(() => DeviceKind, { description: "类型 / Kind" })
  kind: DeviceKind;
  @Field({ description: "厂商 / Vendor" })
  vendor: string;
  @Field(() => DeviceStatus, { description: "状态 / Status" })
  status: DeviceStatus;
  @Field(() => GraphQLDateTime, { description: "安装时间 / Installed at" })
  installedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "最近上传时间 / Last upload received" })
  lastSeenAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "最新记录的称重时间 / Time of the newest record" })
  lastRecordAt: Date | null;
  @Field(() => String, { nullable: true, description: "最大设备流水号 / Highest device sequence number received" })
  lastSeq: string | null;
  @Field(() => Float, { description: "累计记录数 / Records received" })
  recordsTotal: number;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  stationId: number;
  districtId: number;
  enterpriseId: number;
  apiKeyId: number | null;
}

@ObjectType({ implements: Node, description: "回收物资（目录）/ A material of the catalogue" })
export class RecyclingMaterial extends Node {
  @Field({ description: "编码 / Code" })
  code: string;
  @Field({ description: "中文名称 / Chinese name" })
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  nameEn: string;
  @Field(() => MaterialCategory, { description: "类别 / Category" })
  category: MaterialCategory;
  @Field(() => MaterialUnitKey, { description: "计价单位 / Unit" })
  unit: MaterialUnitKey;
  @Field(() => Int, { description: "积分率：每千克（或每件）积分 / Points per kilogram (or per piece)" })
  pointsPerUnit: number;
  @Field({ description: "是否回收 / Collected" })
  active: boolean;
  @Field(() => Int, { description: "排序 / Sort order" })
  sort: number;
}

@ObjectType({ implements: Node, description: "一次价格公布（某日某物资价格）/ A price published for a material and day" })
export class RecyclingPrice extends Node {
  @Field({ description: "日期 / Day" })
  day: string;
  @Field({ description: "价格（元/千克或元/件）/ Price in yuan per kg or per piece" })
  priceYuan: string;
  @Field({ description: "公布者 / Published by" })
  publishedBy: string;
  @Field(() => GraphQLDateTime, { description: "公布时间 / Published at" })
  publishedAt: Date;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  materialId: number;
  enterpriseId: number | null;
}

@ObjectType({ description: "价格看板一行：某日执行价及环比 / Price board row: the price in force and its change" })
export class PriceBoardRow {
  @Field(() => RecyclingMaterial, { description: "物资 / Material" })
  material: RecyclingMaterial;
  @Field(() => String, { nullable: true, description: "执行价（元）/ Price in force (yuan)" })
  priceYuan: string | null;
  @Field(() => String, { nullable: true, description: "执行价的公布日期 / Day of the publication in force" })
  publishedDay: string | null;
  @Field(() => String, { nullable: true, description: "上一次公布价 / Previous published price" })
  previousPriceYuan: string | null;
  @Field(() => Float, { nullable: true, description: "环比变动（%）/ Change against the previous publication (%)" })
  changePct: number | null;
  @Field({ description: "是否企业自定价 / Whether it is the enterprise's own price" })
  enterprisePrice: boolean;
}

@ObjectType({ description: "价格历史的一点 / A point of price history" })
export class PricePoint {
  @Field({ description: "日期 / Day" })
  day: string;
  @Field({ description: "价格（元）/ Price (yuan)" })
  priceYuan: string;
}

@ObjectType({ description: "公布的价格及环比 / A published price and its change" })
export class PublishedPrice {
  @Field(() => RecyclingMaterial, { description: "物资 / Material" })
  material: RecyclingMaterial;
  @Field({ description: "日期 / Day" })
  day: string;
  @Field({ description: "价格（元）/ Price (yuan)" })
  priceYuan: string;
  @Field(() => String, { nullable: true, description: "上一次公布价 / Previous price" })
  previousPriceYuan: string | null;
  @Field(() => Float, { nullable: true, description: "变动（%）/ Change (%)" })
  changePct: number | null;
}

@ObjectType({ description: "地图上的站点 / A station as a map point" })
export class StationPoint {
  @Field(() => ID, { description: "站点的全局 ID / Global ID of the station" })
  id: string;
  @Field({ description: "名称 / Name" })
  name: string;
  @Field(() => StationKind, { description: "类型 / Kind" })
  kind: StationKind;
  @Field({ description: "农村回收点 / Rural" })
  rural: boolean;
  @Field(() => Float, { description: "经度 / Longitude" })
  lon: number;
  @Field(() => Float, { description: "纬度 / Latitude" })
  lat: number;
  @Field({ description: "区县代码（行政区划代码）/ District adcode" })
  adcode: string;
}

// ——— cards and points ———

@ObjectType({ implements: Node, description: "居民积分卡 / A resident's points card" })
export class ResidentCard extends Node {
  @Field({ description: "卡号 / Card number" })
  cardNo: string;
  @Field({ description: "户号 / Household code" })
  householdCode: string;
  @Field({ description: "持卡人 / Holder" })
  holderName: string;
  @Field({ description: "住址 / Address" })
  address: string;
  @Field(() => CardStatus, { description: "状态 / Status" })
  status: CardStatus;
  @Field(() => Int, { description: "积分余额（= 流水之和，永不为负）/ Points balance (= sum of the ledger, never negative)" })
  balance: number;
  @Field(() => Float, { description: "累计获得 / Points earned in total" })
  earnedTotal: number;
  @Field(() => Float, { description: "累计兑换 / Points redeemed in total" })
  redeemedTotal: number;
  @Field(() => Float, { description: "累计过期 / Points expired in total" })
  expiredTotal: number;
  @Field(() => Float, { description: "累计调整（净额）/ Net staff adjustments" })
  adjustedTotal: number;
  @Field(() => GraphQLDateTime, { description: "办卡时间 / Issued at" })
  issuedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "最近活动 / Last activity" })
  lastActivityAt: Date | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
  stationId: number | null;
}

@ObjectType({ implements: Node, description: "积分流水（一次积分变动）/ A points ledger entry (one movement of a card's points)" })
export class PointsLedgerEntry extends Node {
  @Field(() => LedgerKind, { description: "类型 / Kind" })
  kind: LedgerKind;
  @Field(() => Int, { description: "积分（获得为正，兑换、过期为负）/ Points (earned positive, redeemed and expired negative)" })
  points: number;
  @Field(() => Int, { description: "变动后余额 / Balance after this entry" })
  balanceAfter: number;
  @Field(() => GraphQLDateTime, { description: "业务时间 / When it happened" })
  at: Date;
  @Field(() => String, { nullable: true, description: "过期批次的获得日期 / For EXPIRE: the day the lot was earned" })
  lotOn: string | null;
  @Field(() => String, { nullable: true, description: "调整原因 / Reason (adjustments)" })
  reason: string | null;
  @Field({ description: "操作者（设备、商户终端、工作人员）/ Who booked it (device, terminal, staff)" })
  actor: string;
  @Field(() => GraphQLDateTime, { description: "记账时间 / Booked at" })
  createdAt: Date;
  cardId: number;
  weighingId: number | null;
  redemptionId: number | null;
}

@ObjectType({ description: "积分批次：同日获得的积分，先进先出，到期作废 / A points lot: points earned on one day, spent oldest-first, expiring together" })
export class PointsLot {
  @Field({ description: "获得日期 / Earned on" })
  earnedOn: string;
  @Field({ description: "到期日期 / Expires on" })
  expiresOn: string;
  @Field(() => Int, { description: "获得积分 / Points earned" })
  earned: number;
  @Field(() => Int, { description: "剩余积分 / Points remaining" })
  remaining: number;
}

@ObjectType({ implements: Node, description: "称重记录 / A weighing record" })
export class WeighingRecord extends Node {
  @Field({ description: "来源：DEVICE 设备上传、PICKUP 上门收集 / Source: DEVICE upload or PICKUP collection" })
  source: string;
  @Field(() => String, { nullable: true, description: "设备流水号 / Device sequence number" })
  deviceSeq: string | null;
  @Field(() => GraphQLDateTime, { description: "称重时间 / Weighed at" })
  at: Date;
  @Field({ description: "称重日（北京时间）/ Day (Asia/Shanghai)" })
  day: string;
  @Field(() => GraphQLDateTime, { description: "接收时间 / Received at" })
  receivedAt: Date;
  @Field(() => Int, { description: "重量（克）/ Weight in grams" })
  weightGrams: number;
  @Field(() => Int, { nullable: true, description: "件数 / Pieces" })
  pieces: number | null;
  @Field(() => String, { nullable: true, description: "执行单价（元）/ Unit price applied (yuan)" })
  unitPriceYuan: string | null;
  @Field(() => String, { nullable: true, description: "金额（元）/ Amount (yuan)" })
  amountYuan: string | null;
  @Field(() => Int, { description: "获得积分 / Points earned" })
  points: number;
  deviceId: number | null;
  stationId: number;
  materialId: number;
  cardId: number | null;
  districtId: number;
  enterpriseId: number;
}

// ——— merchants ———

@ObjectType({ implements: Node, description: "兑换商户（商超、药店）/ A redemption merchant (supermarket, pharmacy)" })
export class RecyclingMerchant extends Node {
  @Field({ description: "编码 / Code" })
  code: string;
  @Field({ description: "名称 / Name" })
  name: string;
  @Field(() => MerchantKind, { description: "类型 / Kind" })
  kind: MerchantKind;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field(() => Float, { nullable: true, description: "经度 / Longitude" })
  lon: number | null;
  @Field(() => Float, { nullable: true, description: "纬度 / Latitude" })
  lat: number | null;
  @Field({ description: "联系人 / Contact" })
  contact: string;
  @Field({ description: "是否合作中 / Active" })
  active: boolean;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  districtId: number;
}

@ObjectType({ implements: Node, description: "积分兑换 / A redemption of points for goods" })
export class PointsRedemption extends Node {
  @Field(() => Int, { description: "积分 / Points" })
  points: number;
  @Field({ description: "商品价值（元）/ Goods value (yuan)" })
  yuanValue: string;
  @Field({ description: "兑换商品 / Goods" })
  goods: string;
  @Field(() => String, { nullable: true, description: "终端流水号 / Terminal reference" })
  clientRef: string | null;
  @Field(() => GraphQLDateTime, { description: "兑换时间 / Redeemed at" })
  at: Date;
  @Field({ description: "终端或操作员 / Terminal or operator" })
  actor: string;
  @Field(() => GraphQLDateTime, { description: "平台收到时间（增量同步的检查点）/ When the platform recorded it (the incremental-sync checkpoint)" })
  createdAt: Date;
  cardId: number;
  merchantId: number;
  districtId: number;
}

@ObjectType({ description: "商户某月兑换汇总 / A merchant's redemptions in one month" })
export class MerchantMonth {
  @Field({ description: "月份（当月第一天）/ Month (its first day)" })
  month: string;
  @Field(() => Int, { description: "兑换笔数 / Redemptions" })
  redemptions: number;
  @Field(() => Float, { description: "积分 / Points" })
  points: number;
  @Field({ description: "金额（元）/ Value (yuan)" })
  yuanValue: string;
}

@ObjectType({ implements: Node, description: "商户月度结算 / A merchant's monthly settlement" })
export class MerchantSettlement extends Node {
  @Field({ description: "结算月份（当月第一天）/ Month (its first day)" })
  month: string;
  @Field(() => Int, { description: "兑换笔数 / Redemptions" })
  redemptions: number;
  @Field(() => Float, { description: "兑换积分 / Points redeemed" })
  points: number;
  @Field({ description: "应付金额（元）/ Amount owed (yuan)" })
  amountYuan: string;
  @Field(() => SettlementStatus, { description: "状态 / Status" })
  status: SettlementStatus;
  @Field(() => GraphQLDateTime, { description: "生成时间 / Generated at" })
  generatedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: "确认时间 / Confirmed at" })
  confirmedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "支付时间 / Paid at" })
  paidAt: Date | null;
  @Field(() => String, { nullable: true, description: "支付凭证号 / Payment reference" })
  paymentRef: string | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  merchantId: number;
  districtId: number;
}

// ——— pickups ———

@ObjectType({ description: "交接记录：回收链条的一步及其重量 / A hand-over: one step of the chain with its weight" })
export class CustodyHandover {
  @Field({ description: "操作 / Action" })
  action: string;
  @Field({ description: "原状态 / From status" })
  fromStatus: string;
  @Field({ description: "新状态 / To status" })
  toStatus: string;
  @Field(() => GraphQLDateTime, { description: "时间 / When" })
  at: Date;
  @Field(() => Int, { nullable: true, description: "交接重量（克）/ Weight handed over (grams)" })
  weightGrams: number | null;
  @Field(() => Int, { nullable: true, description: "较上一环节的损耗（克，负数为增重）/ Loss since the previous weighed step (grams; negative = heavier)" })
  lossGrams: number | null;
  @Field({ description: "交出方 / Handed over by" })
  fromParty: string;
  @Field({ description: "接收方 / Received by" })
  toParty: string;
  @Field({ description: "备注 / Note" })
  note: string;
  @Field({ description: "操作者 / Recorded by" })
  actor: string;
}

@ObjectType({ implements: Node, description: "上门回收单（一键呼叫）及其全程追溯 / A household pickup request and its chain of custody" })
export class HouseholdPickup extends Node {
  @Field({ description: "单号 / Number" })
  number: string;
  @Field({ description: "地址 / Address" })
  address: string;
  @Field({ description: "联系人 / Contact" })
  contactName: string;
  @Field(() => PickupStatusKey, { description: "状态 / Status" })
  status: PickupStatusKey;
  @Field(() => GraphQLDateTime, { description: "预约时间 / Requested at" })
  requestedAt: Date;
  @Field(() => String, { nullable: true, description: "收集员 / Collector" })
  collector: string | null;
  @Field(() => String, { nullable: true, description: "清运车牌 / Truck plate" })
  truckPlate: string | null;
  @Field(() => String, { nullable: true, description: "再生利用企业 / Recycler" })
  recycler: string | null;
  @Field(() => Int, { nullable: true, description: "上门收集重量（克）/ Weight collected (grams)" })
  collectedGrams: number | null;
  @Field(() => Int, { nullable: true, description: "最近一次交接重量（克）/ Weight at the latest hand-over (grams)" })
  currentGrams: number | null;
  @Field(() => GraphQLDateTime, { description: "更新时间 / Updated at" })
  updatedAt: Date;
  cardId: number | null;
  districtId: number;
  stationId: number | null;
  enterpriseId: number | null;
  sortingCentreId: number | null;
  materialId: number | null;
}

// ——— rules ———

@ObjectType({ description: "规则参数 / A rule parameter" })
export class RecyclingRuleParameter {
  @Field({ description: "参数键 / Key" })
  key: string;
  @Field(() => Float, { description: "取值 / Value" })
  value: number;
  @Field({ description: "单位 / Unit" })
  unit: string;
  @Field(() => Float, { description: "最小值 / Minimum" })
  min: number;
  @Field(() => Float, { description: "最大值 / Maximum" })
  max: number;
  @Field({ description: "中文说明 / Meaning (Chinese)" })
  descriptionZh: string;
  @Field({ description: "英文说明 / Meaning (English)" })
  descriptionEn: string;
  @Field({ description: "最近修改者 / Last changed by" })
  updatedBy: string;
  @Field(() => GraphQLDateTime, { description: "修改时间 / Changed at" })
  updatedAt: Date;
}

// ——— one map ———

@ObjectType({ description: "关键指标 / Key indicators of a period" })
export class RecyclingIndicators {
  @Field({ description: "回收量（克）/ Weight collected (grams)" })
  weightGrams: string;
  @Field({ description: "回收量（吨，3 位小数）/ Weight collected (tonnes, 3 decimals)" })
  tonnes: string;
  @Field(() => Int, { description: "称重记录数 / Weighing records" })
  records: number;
  @Field({ description: "回收金额（元）/ Value at daily prices (yuan)" })
  amountYuan: string;
  @Field(() => String, { nullable: true, description: "平均价格（元/千克）/ Average price (yuan per kg)" })
  averagePriceYuanPerKg: string | null;
  @Field({ description: "发放积分 / Points issued" })
  pointsIssued: string;
  @Field({ description: "兑换积分 / Points redeemed" })
  pointsRedeemed: string;
  @Field({ description: "过期积分 / Points expired" })
  pointsExpired: string;
  @Field({ description: "调整积分（净额）/ Points adjusted (net)" })
  pointsAdjusted: string;
  @Field(() => Int, { description: "兑换笔数 / Redemptions" })
  redemptions: number;
  @Field({ description: "兑换金额（元）/ Redemption value (yuan)" })
  redemptionYuan: string;
  @Field(() => Int, { description: "活跃积分卡（期内有投递）/ Active cards (recycled in the period)" })
  activeCards: number;
  @Field(() => Int, { description: "期末累计办卡数 / Cards issued by the end of the period" })
  cardsTotal: number;
  @Field(() => Int, { description: "期内新办卡 / Cards issued in the period" })
  cardsIssued: number;
  @Field(() => Float, { nullable: true, description: "参与率（%）= 活跃卡 / 累计办卡 / Participation (%) = active / issued cards" })
  participationPct: number | null;
}

@ObjectType({ description: "按物资的回收量 / Volume of one material" })
export class MaterialVolume {
  @Field(() => RecyclingMaterial, { description: "物资 / Material" })
  material: RecyclingMaterial;
  @Field({ description: "重量（克）/ Weight (grams)" })
  weightGrams: string;
  @Field({ description: "重量（吨）/ Weight (tonnes)" })
  tonnes: string;
  @Field(() => Int, { description: "记录数 / Records" })
  records: number;
  @Field({ description: "积分 / Points" })
  points: string;
  @Field({ description: "金额（元）/ Value (yuan)" })
  amountYuan: string;
}

@ObjectType({ description: "按区县的回收量与积分 / Volume and points of one district" })
export class DistrictVolume {
  @Field(() => District, { description: "区县 / District" })
  district: District;
  @Field({ description: "重量（克）/ Weight (grams)" })
  weightGrams: string;
  @Field({ description: "重量（吨）/ Weight (tonnes)" })
  tonnes: string;
  @Field(() => Int, { description: "记录数 / Records" })
  records: number;
  @Field({ description: "金额（元）/ Value (yuan)" })
  amountYuan: string;
  @Field({ description: "发放积分 / Points issued" })
  pointsIssued: string;
  @Field({ description: "兑换积分 / Points redeemed" })
  pointsRedeemed: string;
  @Field({ description: "兑换金额（元）/ Redemption value (yuan)" })
  redemptionYuan: string;
  @Field(() => Int, { nullable: true, description: "活跃卡（仅完整日、月、季、年）/ Active cards (whole calendar periods only)" })
  activeCards: number | null;
}

@ObjectType({ description: "按站点的回收量 / Volume of one station" })
export class StationVolume {
  @Field(() => RecyclingStation, { description: "站点 / Station" })
  station: RecyclingStation;
  @Field({ description: "重量（克）/ Weight (grams)" })
  weightGrams: string;
  @Field({ description: "重量（吨）/ Weight (tonnes)" })
  tonnes: string;
  @Field(() => Int, { description: "记录数 / Records" })
  records: number;
  @Field({ description: "积分 / Points" })
  points: string;
  @Field({ description: "金额（元）/ Value (yuan)" })
  amountYuan: string;
}

@ObjectType({ description: "时间序列的一点 / A point of a time series" })
export class RecyclingSeriesPoint {
  @Field({ description: "周期开始日 / Start day of the bucket" })
  start: string;
  @Field({ description: "重量（克）/ Weight (grams)" })
  weightGrams: string;
  @Field({ description: "重量（吨）/ Weight (tonnes)" })
  tonnes: string;
  @Field(() => Int, { description: "记录数 / Records" })
  records: number;
  @Field({ description: "金额（元）/ Value (yuan)" })
  amountYuan: string;
  @Field({ description: "发放积分 / Points issued" })
  pointsIssued: string;
  @Field({ description: "兑换积分 / Points redeemed" })
  pointsRedeemed: string;
  @Field({ description: "兑换金额（元）/ Redemption value (yuan)" })
  redemptionYuan: string;
  @Field(() => Int, { description: "活跃卡 / Active cards" })
  activeCards: number;
}

@ObjectType({ description: "日回收量 / Daily volume" })
export class DailyVolume {
  @Field({ description: "日期 / Day" })
  day: string;
  @Field({ description: "重量（克）/ Weight (grams)" })
  weightGrams: string;
  @Field(() => Int, { description: "记录数 / Records" })
  records: number;
  @Field({ description: "积分 / Points" })
  points: string;
}

@ObjectType({ description: "信息一张图：某周期的指标、构成、排名与走势 / The one map: indicators, breakdowns, rankings and trend of a period" })
export class RecyclingDashboard {
  @Field(() => Granularity, { description: "周期类型 / Period kind" })
  period: Granularity;
  @Field({ description: "起（含）/ From (inclusive)" })
  from: string;
  @Field({ description: "止（不含）/ To (exclusive)" })
  to: string;
  @Field(() => RecyclingIndicators, { description: "本期指标 / Indicators of the period" })
  indicators: RecyclingIndicators;
  @Field(() => RecyclingIndicators, { nullable: true, description: "上年同期指标（无数据时为空）/ The same period a year before (null without data)" })
  previous: RecyclingIndicators | null;
  @Field(() => [MaterialVolume], { description: "按物资 / By material" })
  byMaterial: MaterialVolume[];
  @Field(() => [DistrictVolume], { description: "按区县 / By district" })
  byDistrict: DistrictVolume[];
  @Field(() => [StationVolume], { description: "站点排名（前 10）/ Top 10 stations" })
  topStations: StationVolume[];
  @Field(() => [RecyclingSeriesPoint], { description: "走势（年→月，季→月，月→日，日→近 30 天）/ Trend (year → months, quarter → months, month → days, day → last 30 days)" })
  series: RecyclingSeriesPoint[];
}

@ObjectType({ description: "按类别的回收量及占比 / Weight and share of one category" })
export class CategoryShare {
  @Field(() => MaterialCategory, { description: "类别 / Category" })
  category: MaterialCategory;
  @Field({ description: "重量（吨）/ Weight (tonnes)" })
  tonnes: string;
  @Field(() => Float, { description: "占比（%）/ Share (%)" })
  sharePct: number;
}

@ObjectType({ description: "供销社系统回收量（按类别）/ Recovery by the supply-and-marketing cooperative network, by category" })
export class CoopRecovery {
  @Field({ description: "起（含）/ From" })
  from: string;
  @Field({ description: "止（不含）/ To (exclusive)" })
  to: string;
  @Field({ description: "合计（吨）/ Total (tonnes)" })
  totalTonnes: string;
  @Field(() => [CategoryShare], { description: "各类别 / Categories" })
  categories: CategoryShare[];
}

// ——— ingestion ———

@ObjectType({ description: "被拒收的称重记录及原因 / A rejected weighing record and why" })
export class IngestRejection {
  @Field(() => Int, { description: "在本批中的序号（从 0 起）/ Index in the batch (from 0)" })
  index: number;
  @Field(() => String, { nullable: true, description: "设备流水号 / Device sequence number" })
  seq: string | null;
  @Field({ description: "原因代码 / Reason code" })
  code: string;
  @Field({ description: "原因 / Reason" })
  reason: string;
}

@ObjectType({ description: "称重批次接收结果 / Result of ingesting a batch of weighings" })
export class IngestWeighingsPayload {
  @Field(() => Int, { description: "收到 / Received" })
  received: number;
  @Field(() => Int, { description: "新接收 / Newly accepted" })
  accepted: number;
  @Field(() => Int, { description: "重复（已接收过，不再计数）/ Duplicates (already stored; not counted again)" })
  duplicates: number;
  @Field(() => [Int], { description: "重复记录的序号 / Indexes of duplicates" })
  duplicateIndexes: number[];
  @Field(() => [IngestRejection], { description: "拒收的记录 / Rejected records" })
  rejected: IngestRejection[];
  @Field(() => Int, { description: "本批发放积分 / Points earned by this batch" })
  pointsEarned: number;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

// ——— payloads ———

@ObjectType({ description: "企业变更结果 / Result of an enterprise change" })
export class RecyclingEnterprisePayload {
  @Field(() => RecyclingEnterprise, { nullable: true, description: "企业 / Enterprise" })
  enterprise: RecyclingEnterprise | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "站点变更结果 / Result of a station change" })
export class RecyclingStationPayload {
  @Field(() => RecyclingStation, { nullable: true, description: "站点 / Station" })
  station: RecyclingStation | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "设备变更结果（secret 只在注册和换密钥时返回一次）/ Result of a device change (the secret is returned once, on registration and key rotation)" })
export class RecyclingDevicePayload {
  @Field(() => RecyclingDevice, { nullable: true, description: "设备 / Device" })
  device: RecyclingDevice | null;
  @Field(() => String, { nullable: true, description: "设备 API 密钥，只显示一次 / The device's API key, shown once" })
  secret: string | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "物资变更结果 / Result of a material change" })
export class RecyclingMaterialPayload {
  @Field(() => RecyclingMaterial, { nullable: true, description: "物资 / Material" })
  material: RecyclingMaterial | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "价格公布结果 / Result of publishing prices" })
export class PublishPricesPayload {
  @Field(() => [PublishedPrice], { description: "公布的价格 / Prices published" })
  prices: PublishedPrice[];
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "积分卡变更结果 / Result of a card change" })
export class ResidentCardPayload {
  @Field(() => ResidentCard, { nullable: true, description: "积分卡 / Card" })
  card: ResidentCard | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "积分调整结果 / Result of a points adjustment" })
export class AdjustPointsPayload {
  @Field(() => ResidentCard, { nullable: true, description: "积分卡 / Card" })
  card: ResidentCard | null;
  @Field(() => PointsLedgerEntry, { nullable: true, description: "调整流水 / The adjustment entry" })
  entry: PointsLedgerEntry | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "积分兑换结果 / Result of a redemption" })
export class RedeemPointsPayload {
  @Field(() => PointsRedemption, { nullable: true, description: "兑换 / Redemption" })
  redemption: PointsRedemption | null;
  @Field(() => Int, { nullable: true, description: "兑换后余额 / Balance after" })
  balance: number | null;
  @Field({ description: "是否为重复提交（返回首次结果）/ Whether this was a retry answered with the first result" })
  replayed: boolean;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "商户变更结果 / Result of a merchant change" })
export class RecyclingMerchantPayload {
  @Field(() => RecyclingMerchant, { nullable: true, description: "商户 / Merchant" })
  merchant: RecyclingMerchant | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "兑换终端密钥（只显示一次）/ A redemption terminal key (shown once)" })
export class TerminalKeyPayload {
  @Field(() => String, { nullable: true, description: "终端 API 密钥 / The terminal's API key" })
  secret: string | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "结算变更结果 / Result of a settlement change" })
export class MerchantSettlementPayload {
  @Field(() => MerchantSettlement, { nullable: true, description: "结算 / Settlement" })
  settlement: MerchantSettlement | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "生成月度结算结果 / Result of generating a month's settlements" })
export class GenerateSettlementsPayload {
  @Field(() => Int, { description: "新生成数量 / Settlements created" })
  created: number;
  @Field(() => String, { nullable: true, description: "月份 / Month" })
  month: string | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "回收单变更结果 / Result of a pickup change" })
export class HouseholdPickupPayload {
  @Field(() => HouseholdPickup, { nullable: true, description: "回收单 / Pickup" })
  pickup: HouseholdPickup | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "规则参数变更结果 / Result of a parameter change" })
export class RuleParameterPayload {
  @Field(() => RecyclingRuleParameter, { nullable: true, description: "参数 / Parameter" })
  parameter: RecyclingRuleParameter | null;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

@ObjectType({ description: "立即运行检查的结果 / Result of running the scheduled checks now" })
export class RecyclingChecksPayload {
  @Field(() => Int, { description: "过期的积分批次 / Lots expired" })
  lotsExpired: number;
  @Field(() => Float, { description: "过期积分 / Points expired" })
  pointsExpired: number;
  @Field(() => Int, { description: "离线设备 / Silent devices" })
  silentDevices: number;
  @Field(() => Int, { description: "回收量异常站点 / Stations with an abnormal day" })
  abnormalStations: number;
  @Field(() => [UserError], { description: "错误 / Errors" })
  userErrors: UserError[];
}

// ——— connections ———

@ObjectType({ description: "回收企业列表 / A page of recycling enterprises" })
export class RecyclingEnterpriseConnection extends Connection(RecyclingEnterprise) {}
@ObjectType({ description: "回收站点列表 / A page of recycling stations" })
export class RecyclingStationConnection extends Connection(RecyclingStation) {}
@ObjectType({ description: "设备列表 / A page of devices" })
export class RecyclingDeviceConnection extends Connection(RecyclingDevice) {}
@ObjectType({ description: "价格列表 / A page of published prices" })
export class RecyclingPriceConnection extends Connection(RecyclingPrice) {}
@ObjectType({ description: "积分卡列表 / A page of resident cards" })
export class ResidentCardConnection extends Connection(ResidentCard) {}
@ObjectType({ description: "积分流水列表 / A page of points ledger entries" })
export class PointsLedgerEntryConnection extends Connection(PointsLedgerEntry) {}
@ObjectType({ description: "称重记录列表 / A page of weighing records" })
export class WeighingRecordConnection extends Connection(WeighingRecord) {}
@ObjectType({ description: "商户列表 / A page of merchants" })
export class RecyclingMerchantConnection extends Connection(RecyclingMerchant) {}
@ObjectType({ description: "兑换列表 / A page of redemptions" })
export class PointsRedemptionConnection extends Connection(PointsRedemption) {}
@ObjectType({ description: "结算列表 / A page of settlements" })
export class MerchantSettlementConnection extends Connection(MerchantSettlement) {}
@ObjectType({ description: "回收单列表 / A page of pickups" })
export class HouseholdPickupConnection extends Connection(HouseholdPickup) {}
