/**
 * The hazardous stream's webhook event types (事件推送目录): every type this stream passes to `w.emit`.
 * Registered in modules/index.ts; `core/event-types.test.ts` fails when an emitted type is missing here.
 */
import type { EventType } from "../core/webhooks.js";

export const hazardousEventTypes: EventType[] = [
  { type: "manifest.state_changed", stream: "hazardous", descriptionZh: "联单状态变化（危险废物转移联单提交、运输、接收等）", descriptionEn: "A manifest changed state (hazardous waste transfer manifest submitted, picked up, received, …)" },
  { type: "manifest.correction_requested", stream: "hazardous", descriptionZh: "联单更正申请", descriptionEn: "A correction of a transfer manifest was requested" },
  { type: "manifest.corrected", stream: "hazardous", descriptionZh: "联单更正办结", descriptionEn: "A correction of a transfer manifest was decided" },
  { type: "unit.registered", stream: "hazardous", descriptionZh: "产废单位登记", descriptionEn: "A waste-producing unit was registered" },
  { type: "hazard.found", stream: "hazardous", descriptionZh: "发现隐患", descriptionEn: "A hazard was found" },
  { type: "hazard.status_changed", stream: "hazardous", descriptionZh: "隐患整改状态变化", descriptionEn: "A hazard's rectification changed status" },
  { type: "hazard.overdue", stream: "hazardous", descriptionZh: "隐患整改逾期", descriptionEn: "A hazard's rectification is overdue" },
  { type: "collection.recorded", stream: "hazardous", descriptionZh: "小微收运记录", descriptionEn: "A small/micro collection run was recorded" },
  { type: "decommission.step_changed", stream: "hazardous", descriptionZh: "关停搬迁污染防治步骤变化", descriptionEn: "A decommissioning project's step changed" },
];
