import path from "node:path";
import { workspaceRoot } from "./paths.js";

export interface Config {
  /** postgres://… to use a PostgreSQL server; undefined → embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (embedded mode). "memory://" for an in-memory database. */
  dataDir: string;
  host: string;
  port: number;
  /** Demo mode: seeds demo data and demo accounts on a fresh database. */
  demo: boolean;
  demoScale: "small" | "demo" | "city" | "province";
  /** Development mode: more detail in errors. Never in production. */
  dev: boolean;
  /** Session token lifetime in hours. */
  sessionHours: number;
  /** Where the built shell and micro-frontends are served from. */
  webRoot: string;
  /** Optional import-map override file (per deployment). */
  importMapPath?: string;
  /** Background workers (alert schedulers, webhook delivery, exports). */
  workers: boolean;
  maxQueryDepth: number;
  maxQueryCost: number;
  /** Multiplies the per-address burst of public throttles (logins, QR checks, questions); tests raise it. */
  throttleScale: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== "" && !Number.isNaN(Number(v)) ? Number(v) : d);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || path.join(workspaceRoot, "data"),
    host: env.HOST || "0.0.0.0",
    port: num(env.PORT, 8080),
    demo: env.DEMO !== "0" && env.DEMO !== "false",
    demoScale: (env.DEMO_SCALE as Config["demoScale"]) || "demo",
    dev: env.NODE_ENV === "development",
    sessionHours: num(env.SESSION_HOURS, 12),
    webRoot: env.WEB_ROOT || path.join(workspaceRoot, "shell", "dist"),
    importMapPath: env.IMPORT_MAP || undefined,
    workers: env.WORKERS !== "0",
    maxQueryDepth: num(env.MAX_QUERY_DEPTH, 12),
    maxQueryCost: num(env.MAX_QUERY_COST, 20000),
    throttleScale: num(env.THROTTLE_SCALE, 1),
  };
}
