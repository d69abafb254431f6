/**
 * What a module contributes to the platform. The module list (modules/index.ts) is the one place
 * that wires streams in; each module owns its tables, migrations (api/drizzle/<name>), GraphQL
 * resolvers, HTTP routes, background jobs and demo data.
 */
import type { FastifyInstance } from "fastify";
import type { App } from "../../graphql/context.js";
import type { SeedContext } from "./seed.js";

export interface BackgroundJob {
  name: string;
  /** Milliseconds between runs. */
  everyMs: number;
  run(app: App): Promise<void>;
}

export interface ApiModule {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: readonly Function[];
  /** Registers hooks, node loaders, org kinds. Called once per process before serving. */
  init?(app: App): void | Promise<void>;
  /** Extra HTTP endpoints (ingestion, QR pages, downloads). */
  routes?(server: FastifyInstance, app: App): void | Promise<void>;
  /** Scheduled jobs (alert rules on a schedule, read-model refresh, deliveries). */
  jobs?: BackgroundJob[];
  /** Demo data; runs in module order on a fresh database in demo mode. */
  seed?(ctx: SeedContext): Promise<void>;
}
