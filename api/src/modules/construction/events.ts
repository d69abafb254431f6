/**
 * The construction stream's webhook event types (事件推送目录): every type this stream passes to `w.emit`.
 * Registered in modules/index.ts; `core/event-types.test.ts` fails when an emitted type is missing here.
 */
import type { EventType } from "../core/webhooks.js";

export const constructionEventTypes: EventType[] = [
  { type: "manifest.state_changed", stream: "construction", descriptionZh: "联单状态变化（渣土运输联单开单、关闭、作废）", descriptionEn: "A manifest changed state (spoil trip manifest opened, closed, voided)" },
  { type: "permit.applied", stream: "construction", descriptionZh: "核准证申请提交", descriptionEn: "A transport permit was applied for" },
  { type: "permit.issued", stream: "construction", descriptionZh: "核准证核发", descriptionEn: "A transport permit was issued" },
  { type: "permit.rejected", stream: "construction", descriptionZh: "核准证申请驳回", descriptionEn: "A transport permit application was rejected" },
  { type: "permit.revoked", stream: "construction", descriptionZh: "核准证吊销", descriptionEn: "A transport permit was revoked" },
  { type: "permit.expired", stream: "construction", descriptionZh: "核准证到期失效", descriptionEn: "A transport permit expired" },
  { type: "site.applied", stream: "construction", descriptionZh: "出土工地登记申请", descriptionEn: "An excavation site was registered for approval" },
  { type: "site.status_changed", stream: "construction", descriptionZh: "出土工地状态变化", descriptionEn: "An excavation site changed status" },
  { type: "company.suspended", stream: "construction", descriptionZh: "运输企业暂停资格（信用评价）", descriptionEn: "A transport company was suspended (credit evaluation)" },
  { type: "company.reinstated", stream: "construction", descriptionZh: "运输企业恢复资格", descriptionEn: "A transport company was reinstated" },
  { type: "pickup.requested", stream: "construction", descriptionZh: "大件垃圾清运预约", descriptionEn: "A bulky-waste pickup was requested" },
  { type: "pickup.state_changed", stream: "construction", descriptionZh: "大件垃圾清运状态变化", descriptionEn: "A bulky-waste pickup changed state" },
];
