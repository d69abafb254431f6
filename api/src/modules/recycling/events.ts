/**
 * The recycling stream's webhook event types (事件推送目录): every type this stream passes to `w.emit`.
 * Registered in modules/index.ts; `core/event-types.test.ts` fails when an emitted type is missing here.
 */
import type { EventType } from "../core/webhooks.js";

export const recyclingEventTypes: EventType[] = [
  { type: "recycling.station_registered", stream: "recycling", descriptionZh: "回收网点登记", descriptionEn: "A recycling station was registered" },
  { type: "recycling.card_issued", stream: "recycling", descriptionZh: "居民回收卡发放", descriptionEn: "A resident recycling card was issued" },
  { type: "recycling.prices_published", stream: "recycling", descriptionZh: "回收指导价发布", descriptionEn: "Daily recycling prices were published" },
  { type: "recycling.weighings_ingested", stream: "recycling", descriptionZh: "智能设备称重数据入库", descriptionEn: "Device weighings were ingested" },
  { type: "recycling.points_redeemed", stream: "recycling", descriptionZh: "积分兑换", descriptionEn: "Points were redeemed" },
  { type: "recycling.points_adjusted", stream: "recycling", descriptionZh: "积分调整", descriptionEn: "Points were adjusted" },
  { type: "recycling.pickup_state_changed", stream: "recycling", descriptionZh: "预约上门回收状态变化", descriptionEn: "A household pickup changed state" },
  { type: "recycling.settlements_generated", stream: "recycling", descriptionZh: "商户结算单生成", descriptionEn: "Merchant settlements were generated" },
  { type: "recycling.settlement_state_changed", stream: "recycling", descriptionZh: "商户结算单状态变化", descriptionEn: "A merchant settlement changed state" },
];
