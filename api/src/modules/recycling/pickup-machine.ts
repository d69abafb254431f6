/**
 * The pickup chain of custody (上门回收，虎哥模式) as an explicit transition table:
 *
 *   REQUESTED ─assign→ ASSIGNED ─collect→ COLLECTED ─toStation→ AT_STATION ─loadTruck→ ON_TRUCK
 *     ─toSortingCentre→ AT_SORTING_CENTRE ─sell→ SOLD
 *   REQUESTED | ASSIGNED ─cancel→ CANCELLED
 *
 * Every hand-over from `collect` on is weighed; the loss between two steps is the previous weight
 * minus this one, and a step may not be heavier than the previous by more than `custody.max_gain_pct`.
 */
import { DomainError } from "../../graphql/errors.js";

export type PickupStatus = "REQUESTED" | "ASSIGNED" | "COLLECTED" | "AT_STATION" | "ON_TRUCK" | "AT_SORTING_CENTRE" | "SOLD" | "CANCELLED";
export type PickupAction = "assign" | "collect" | "toStation" | "loadTruck" | "toSortingCentre" | "sell" | "cancel";

export interface PickupTransition {
  from: PickupStatus[];
  to: PickupStatus;
  /** Inputs the step needs. */
  needs: ("station" | "collector" | "weight" | "material" | "truckPlate" | "sortingCentre" | "recycler" | "note")[];
  /** Who hands over to whom (for the custody record). */
  labelZh: string;
  labelEn: string;
}

export const PICKUP_TRANSITIONS: Record<PickupAction, PickupTransition> = {
  assign: { from: ["REQUESTED"], to: "ASSIGNED", needs: ["station", "collector"], labelZh: "派单", labelEn: "Assigned to a collector" },
  collect: { from: ["ASSIGNED"], to: "COLLECTED", needs: ["weight", "material"], labelZh: "上门收集（称重）", labelEn: "Collected and weighed at the household" },
  toStation: { from: ["COLLECTED"], to: "AT_STATION", needs: ["weight"], labelZh: "交服务站", labelEn: "Handed in at the service station" },
  loadTruck: { from: ["AT_STATION"], to: "ON_TRUCK", needs: ["weight", "truckPlate"], labelZh: "装车清运", labelEn: "Loaded on the truck" },
  toSortingCentre: { from: ["ON_TRUCK"], to: "AT_SORTING_CENTRE", needs: ["weight", "sortingCentre"], labelZh: "进分拣中心", labelEn: "Received at the sorting centre" },
  sell: { from: ["AT_SORTING_CENTRE"], to: "SOLD", needs: ["weight", "recycler"], labelZh: "售予再生利用企业", labelEn: "Sold to a recycler" },
  cancel: { from: ["REQUESTED", "ASSIGNED"], to: "CANCELLED", needs: ["note"], labelZh: "取消", labelEn: "Cancelled" },
};

/** The state a pickup moves to, or ILLEGAL_TRANSITION. */
export function nextPickupStatus(status: PickupStatus, action: PickupAction): PickupStatus {
  const t = PICKUP_TRANSITIONS[action];
  if (!t) throw new DomainError("UNKNOWN_ACTION", `No pickup action ${action}`, "input.action");
  if (!t.from.includes(status)) throw new DomainError("ILLEGAL_TRANSITION", `Cannot ${action} a pickup that is ${status}`, "input.action");
  return t.to;
}

/** Actions possible from a status (for the UI). */
export function pickupActionsFrom(status: PickupStatus): PickupAction[] {
  return (Object.keys(PICKUP_TRANSITIONS) as PickupAction[]).filter((a) => PICKUP_TRANSITIONS[a].from.includes(status));
}

/**
 * The loss between two weighed hand-overs (grams; negative = heavier). Refuses a step heavier than
 * the previous one by more than `maxGainPct` percent.
 */
export function handoverLoss(previousGrams: number | null, grams: number, maxGainPct: number): number | null {
  if (!Number.isInteger(grams) || grams <= 0) throw new DomainError("INVALID_WEIGHT", "Weight must be a whole number of grams > 0", "input.weightGrams");
  if (previousGrams == null) return null;
  if (grams > previousGrams * (1 + maxGainPct / 100)) {
    throw new DomainError("WEIGHT_GAIN", `Weight ${grams} g is more than ${maxGainPct}% above the previous hand-over (${previousGrams} g)`, "input.weightGrams");
  }
  return previousGrams - grams;
}

/** Total loss from collection to the last weighed step, in percent (one decimal). */
export function custodyLossPct(collectedGrams: number, lastGrams: number): number {
  if (collectedGrams <= 0) return 0;
  return Math.round(((collectedGrams - lastGrams) / collectedGrams) * 1000) / 10;
}
