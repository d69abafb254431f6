/**
 * State machines of the construction stream as explicit transition tables. Services look the action up
 * here and refuse anything not listed, with a clear ILLEGAL_TRANSITION error.
 */
import { DomainError } from "../../graphql/errors.js";

export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
}

export type SiteStatus = "APPLIED" | "REGISTERED" | "ACTIVE" | "COMPLETED" | "REJECTED";
/** 出土工地备案: APPLIED → REGISTERED → ACTIVE → COMPLETED, or APPLIED → REJECTED (with a reason). */
export const SITE_TRANSITIONS = {
  register: { from: ["APPLIED"], to: "REGISTERED" },
  reject: { from: ["APPLIED"], to: "REJECTED" },
  start: { from: ["REGISTERED"], to: "ACTIVE" },
  complete: { from: ["REGISTERED", "ACTIVE"], to: "COMPLETED" },
} as const satisfies Record<string, Transition<SiteStatus>>;

export type PermitStatus = "PENDING" | "ACTIVE" | "REJECTED" | "REVOKED" | "EXPIRED" | "WITHDRAWN";
/** 准运证: PENDING → ACTIVE (approved, numbered) | REJECTED | WITHDRAWN; ACTIVE → REVOKED (reason) | EXPIRED. */
export const PERMIT_TRANSITIONS = {
  approve: { from: ["PENDING"], to: "ACTIVE" },
  reject: { from: ["PENDING"], to: "REJECTED" },
  withdraw: { from: ["PENDING"], to: "WITHDRAWN" },
  revoke: { from: ["ACTIVE"], to: "REVOKED" },
  expire: { from: ["ACTIVE"], to: "EXPIRED" },
} as const satisfies Record<string, Transition<PermitStatus>>;

export type ManifestStatus = "OPEN" | "CLOSED" | "VOIDED";
/** 电子联单: OPEN (left the site) → CLOSED (received at a disposal place) | VOIDED (with a reason). */
export const MANIFEST_TRANSITIONS = {
  close: { from: ["OPEN"], to: "CLOSED" },
  void: { from: ["OPEN"], to: "VOIDED" },
} as const satisfies Record<string, Transition<ManifestStatus>>;

export type PickupStatus = "REQUESTED" | "SCHEDULED" | "COLLECTED" | "DELIVERED" | "CANCELLED";
/** 居民预约清运: REQUESTED → SCHEDULED → COLLECTED → DELIVERED; CANCELLED before collection. */
export const PICKUP_TRANSITIONS = {
  schedule: { from: ["REQUESTED"], to: "SCHEDULED" },
  collect: { from: ["SCHEDULED"], to: "COLLECTED" },
  deliver: { from: ["COLLECTED"], to: "DELIVERED" },
  cancel: { from: ["REQUESTED", "SCHEDULED"], to: "CANCELLED" },
} as const satisfies Record<string, Transition<PickupStatus>>;

/** Checks `action` is allowed from `current` in `table`; returns the target state. */
export function nextState<S extends string>(what: string, table: Record<string, Transition<S>>, action: string, current: S): S {
  const t = table[action];
  if (!t) throw new DomainError("UNKNOWN_ACTION", `Unknown ${what} action ${action}`, "action");
  if (!t.from.includes(current)) throw new DomainError("ILLEGAL_TRANSITION", `Cannot ${action} a ${what} that is ${current}`, "action");
  return t.to;
}
