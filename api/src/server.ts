/**
 * The platform process: one Fastify server with /graphql (HTTP and graphql-ws), /healthz, /readyz,
 * module routes (ingestion, QR pages) and the built front end.
 */
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from "@as-integrations/fastify";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Config } from "./config.js";
import { ANONYMOUS, type App, type Context, type Principal } from "./graphql/context.js";
import { formatError, isDatabaseUnavailable, pgCodeOf } from "./graphql/errors.js";
import { limitsPlugin } from "./graphql/limits.js";
import { PgPubSub } from "./graphql/pubsub.js";
import { buildAppSchema } from "./graphql/schema.js";
import { principalFrom } from "./modules/core/auth.js";
import { rateLimited, take } from "./modules/core/throttle.js";
import { migrateAll, openDatabase, type Database } from "./modules/core/db.js";
import { modules, moduleNames } from "./modules/index.js";
import { registerDevPortal } from "./devportal/index.js";
import { registerWeb } from "./web.js";

export interface Platform {
  app: App;
  server: FastifyInstance;
  schema: GraphQLSchema;
  apollo: ApolloServer<Context>;
  /** Listens on config.host:config.port (port 0 → a free port); returns the base URL. */
  listen(): Promise<string>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** Use an already open database (tests); it is not closed on stop. */
  database?: Database;
  /** Skip migrations (the caller ran them). */
  skipMigrations?: boolean;
  logger?: boolean;
}

export function clientIp(req: FastifyRequest): string {
  return req.ip ?? "unknown";
}

export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (!opts.skipMigrations) await migrateAll(database, moduleNames, config.databaseUrl);
  const pubsub = new PgPubSub(database);
  await pubsub.start();
  const app: App = { config, database, db: database.db, pubsub };
  for (const m of modules) await m.init?.(app);
  const schema = await buildAppSchema(pubsub);

  const server = Fastify({
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? "info" } : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: (req) => (typeof req.headers["x-request-id"] === "string" && req.headers["x-request-id"].length < 100 ? req.headers["x-request-id"] : randomUUID()),
  });
  const log = (e: unknown) => server.log.error({ err: e }, "unexpected error");
  // HTTP routes outside GraphQL (ingestion, downloads, pages): a lost database is 503 + Retry-After;
  // any other server-side failure is a bare 500 (details only in the log); client errors keep their status.
  server.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (isDatabaseUnavailable(err)) return reply.code(503).header("retry-after", "2").send({ error: "SERVICE_UNAVAILABLE", message: "Database unavailable, retry shortly / 数据库暂不可用，请稍后重试" });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status < 500) return reply.code(status).send({ error: err.code ?? "BAD_REQUEST", message: err.message });
    if (pgCodeOf(err)?.startsWith("22")) return reply.code(400).send({ error: "BAD_REQUEST", message: "A value in this request cannot be stored (for example a NUL character or a number out of range)" });
    req.log.error({ err }, "unexpected error");
    return reply.code(500).send({ error: "INTERNAL", message: "Internal server error" });
  });

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(config.dev, log),
    plugins: [
      // No field sets cache hints: without this, Apollo's default cache-control plugin wraps every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      fastifyApolloDrainPlugin(server),
      {
        // The database went away during the operation (formatError marked it): 503 + Retry-After, so
        // clients and load balancers retry instead of treating it as a broken request.
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
              if (errors?.some((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")) {
                response.http.status = 503;
                response.http.headers.set("retry-after", "2");
              }
            },
          };
        },
      },
      limitsPlugin({
        maxDepth: config.maxQueryDepth,
        maxCost: config.maxQueryCost,
        // API keys spend their calculated query cost from a token bucket; over budget → 429 RATE_LIMITED.
        async onCost(ctx, cost) {
          const p = ctx.principal;
          if (p.kind !== "apiKey" || !p.rateLimit) return;
          const r = await take(app.db, `key:${p.apiKeyId}`, p.rateLimit, Math.max(1, cost));
          ctx.rate = { remaining: r.remaining, limit: r.limit, retryAfter: r.retryAfter };
          if (!r.allowed) throw rateLimited(r.retryAfter, `Query cost ${cost} exceeds this key's remaining budget (${r.remaining})`);
        },
      }),
    ],
  });
  await apollo.start();

  const contextFor = async (req: FastifyRequest): Promise<Context> => {
    const auth = req.headers.authorization;
    const keyHeader = typeof req.headers["x-api-key"] === "string" ? req.headers["x-api-key"] : undefined;
    let principal: Principal | null;
    try {
      principal = await principalFrom(app.db, auth, keyHeader);
    } catch {
      throw new GraphQLError("Database unavailable, retry shortly / 数据库暂不可用，请稍后重试", { extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: new Map([["retry-after", "2"]]) } } });
    }
    if (!principal) throw new GraphQLError("Invalid or expired credentials", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
    const idem = req.headers["idempotency-key"];
    return {
      app,
      db: app.db,
      principal,
      requestId: String(req.id),
      ip: clientIp(req),
      idempotencyKey: typeof idem === "string" && idem.length > 0 && idem.length <= 200 ? idem : undefined,
      loaders: new Map(),
    };
  };

  server.route({ url: "/graphql", method: ["GET", "POST", "OPTIONS"], handler: fastifyApolloHandler(apollo, { context: (req) => contextFor(req) }) });
  server.get("/healthz", async () => ({ status: "ok" }));
  server.get("/readyz", async (_req, reply) => {
    const ok = await database.ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ready" : "database unavailable" });
  });
  for (const m of modules) await m.routes?.(server, app);
  await registerDevPortal(server, schema, config);
  await registerWeb(server, config);

  // GraphQL subscriptions over WebSocket (graphql-ws), same path.
  const wss = new WebSocketServer({ server: server.server, path: "/graphql" });
  const wsCleanup = useServer<{ authorization?: string; apiKey?: string }>(
    {
      schema,
      context: async (c) => {
        const params = c.connectionParams ?? {};
        const principal = (await principalFrom(app.db, params.authorization, params.apiKey)) ?? ANONYMOUS;
        const ctx: Context = { app, db: app.db, principal, requestId: randomUUID(), ip: "ws", loaders: new Map() };
        return ctx;
      },
      onConnect: async (c) => {
        const params = (c.connectionParams ?? {}) as { authorization?: string; apiKey?: string };
        const p = await principalFrom(app.db, params.authorization, params.apiKey);
        return !!p && p.kind !== "anonymous";
      },
    },
    wss,
  );

  // Background jobs, one timer each; a failing run is logged and retried next time.
  const timers: NodeJS.Timeout[] = [];
  const startJobs = () => {
    if (!config.workers) return;
    for (const m of modules)
      for (const job of m.jobs ?? []) {
        let running = false;
        timers.push(
          setInterval(() => {
            if (running) return;
            running = true;
            job
              .run(app)
              .catch((e) => server.log.warn({ err: e, job: job.name }, "job failed"))
              .finally(() => (running = false));
          }, job.everyMs).unref(),
        );
      }
  };

  let stopped = false;
  return {
    app,
    server,
    schema,
    apollo,
    async listen() {
      const address = await server.listen({ host: config.host, port: config.port });
      startJobs();
      return address.replace("0.0.0.0", "127.0.0.1").replace("[::]", "127.0.0.1");
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearInterval(t);
      await wsCleanup.dispose();
      wss.close();
      await server.close();
      await apollo.stop().catch(() => {});
      for (const m of modules) await Promise.resolve(m.stop?.(app)).catch(() => {});
      await pubsub.stop().catch(() => {});
      if (!opts.database) await database.close();
    },
  };
}
