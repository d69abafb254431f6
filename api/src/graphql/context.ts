import type DataLoader from "dataloader";
import type { Config } from "../config.js";
import type { Database, Db } from "../modules/core/db.js";
import type { PgPubSub } from "./pubsub.js";

export type Role = "ADMIN" | "LEADERSHIP" | "STAFF" | "OPERATOR";
export const STREAMS = ["construction", "hazardous", "recycling", "cells"] as const;
export type Stream = (typeof STREAMS)[number];

/** Who is calling: a signed-in user, an API key, or nobody. */
export interface Principal {
  kind: "user" | "apiKey" | "anonymous";
  userId?: number;
  sessionId?: number;
  apiKeyId?: number;
  role?: Role;
  /** For the audit log: "user:alice" or "key:zwk_ab12cd34". */
  label: string;
  departmentId?: number | null;
  /** null = city level (all districts). */
  districtId: number | null;
  /** The organisation an OPERATOR account or an org-bound key acts for. */
  org?: { kind: string; id: number };
  /** Streams a STAFF user's department works in. */
  streams: Stream[];
  /** API key scopes, e.g. "construction:read". */
  scopes: string[];
  /** API keys: the cost budget (token bucket). */
  rateLimit?: { burst: number; perSecond: number };
}

export const ANONYMOUS: Principal = { kind: "anonymous", label: "anonymous", districtId: null, streams: [], scopes: [] };

/** Process-wide services every request can reach. */
export interface App {
  config: Config;
  database: Database;
  db: Db;
  pubsub: PgPubSub;
}

export interface Context {
  app: App;
  db: Db;
  principal: Principal;
  requestId: string;
  ip: string;
  /** Idempotency-Key header, if the client sent one. */
  idempotencyKey?: string;
  /** Per-request DataLoaders, created on first use. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** Calculated cost of the current operation (set by the limits plugin). */
  cost?: number;
  /** The caller's remaining budget after this operation (API keys). */
  rate?: { remaining: number; limit: number; retryAfter: number };
}
