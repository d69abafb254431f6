/**
 * What a module contributes to the platform. The module list (modules/index.ts) is the one place
 * that wires streams in; each module owns its tables, migrations (api/drizzle/<name>), GraphQL
 * resolvers, HTTP routes, background jobs, demo data and its figures for the overview.
 */
import type { FastifyInstance } from "fastify";
import type { App } from "../../graphql/context.js";
import type { Tx } from "./db.js";
import type { SeedContext } from "./seed.js";

export interface BackgroundJob {
  name: string;
  /** Milliseconds between runs. */
  everyMs: number;
  run(app: App): Promise<void>;
}

/** A headline figure of a stream for the leadership overview. */
export interface StreamFigure {
  /** Stable key, e.g. "construction.spoilMovedM3". */
  key: string;
  labelZh: string;
  labelEn: string;
  /** Unit shown after the value: "m³", "t", "件", "元", "%", … */
  unit: string;
  /** Exact decimal as a string (never a float). */
  value: string;
  /** The same period a year before (null when not meaningful, e.g. a stock figure). */
  previous: string | null;
  /** Shell route of the page that owns the figure, e.g. "/construction/permits". */
  link: string;
}

export interface FigureQuery {
  /** null = the whole city. */
  districtId: number | null;
  /** [from, to) in Asia/Shanghai calendar terms, already resolved to instants. */
  from: Date;
  to: Date;
}

/** Generation against capacity to use or dispose of it (产生量与利用处置量相匹配), per district. */
export interface CapacityRow {
  districtId: number;
  /** e.g. "spoil", "hazardous", "recyclables". */
  category: string;
  unit: string;
  /** Generated in the year (exact decimal string). */
  generated: string;
  /**
   * True when `generated` counts only the days so far of a running year (actual records, not a plan):
   * the overview annualises it (÷ the share of the year elapsed) before comparing with a year's capacity.
   * Projections are always full years.
   */
  generatedToDate?: boolean;
  /** Capacity to use or dispose of in the year. */
  capacity: string;
  /** Projections to the end of the plan period (`planEndYear`, default 2025). */
  projectedGenerated: string;
  projectedCapacity: string;
  /**
   * How the projection counts: ANNUAL (the plan's last year on its own, the default) or CUMULATIVE
   * (from the start of `year` to the end of the plan — for stocks such as the fill volume left).
   */
  projectionBasis?: "ANNUAL" | "CUMULATIVE";
}

export interface CapacityQuery {
  year: number;
  /** null = every district. */
  districtId: number | null;
  /** Last year of the plan period to project to (十四五: 2025, 十五五: 2030); default 2025. */
  planEndYear?: number;
}

/**
 * What a stream gives the overview. Implementations read pre-aggregated read models (rollup tables
 * kept current in the same transactions as the writes), never scans of raw tables.
 */
export interface OverviewProvider {
  figures(tx: Tx, q: FigureQuery): Promise<StreamFigure[]>;
  capacity?(tx: Tx, q: CapacityQuery): Promise<CapacityRow[]>;
}

export interface ApiModule {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: readonly Function[];
  /** Registers hooks, node loaders, org kinds, exports. Called once per process before serving. */
  init?(app: App): void | Promise<void>;
  /** Undoes `init` (listeners, timers) when the platform stops, before the database closes. */
  stop?(app: App): void | Promise<void>;
  /** Extra HTTP endpoints (ingestion, QR pages, downloads). */
  routes?(server: FastifyInstance, app: App): void | Promise<void>;
  /** Scheduled jobs (alert rules on a schedule, read-model refresh, deliveries). */
  jobs?: BackgroundJob[];
  /** Demo data; runs in module order on a fresh database in demo mode. */
  seed?(ctx: SeedContext): Promise<void>;
  /** Figures for the leadership overview. */
  overview?: OverviewProvider;
}
