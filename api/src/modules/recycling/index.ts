/**
 * The renewable-resource recycling module (再生资源回收): commerce bureau and supply-and-marketing
 * cooperative. See docs/architecture.md, section "Recycling".
 */
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { can } from "../../graphql/auth.js";
import type { App } from "../../graphql/context.js";
import { DomainError } from "../../graphql/errors.js";
import { withWriter } from "../../graphql/mutation.js";
import { principalFrom } from "../core/auth.js";
import { row } from "../core/db.js";
import type { ApiModule } from "../core/module.js";
import { registerOrgKind } from "../core/orgs.js";
import { ingestWeighings, MAX_BATCH } from "./ingest.js";
import { recyclingOverview } from "./overview.js";
import { recyclingResolvers } from "./resolvers.js";
import { runExpiry, runSilentDevices, runStationVolumes } from "./rules.js";
import { registerRecyclingExports } from "./exports.js";

function nameFrom(table: string) {
  return async (tx: Parameters<Parameters<typeof registerOrgKind>[0]["nameOf"]>[0], id: number) =>
    (await row<{ name: string }>(tx, sql`select ${sql.raw(table === "devices" ? "code" : "name")} as name from ${sql.raw(`recycling.${table}`)} where id = ${id}`))?.name ?? null;
}

function init(): void {
  registerOrgKind({ kind: "recycling.enterprise", labelZh: "再生资源回收企业", labelEn: "Recycling enterprise", typeName: "RecyclingEnterprise", nameOf: nameFrom("enterprises") });
  registerOrgKind({ kind: "recycling.station", labelZh: "回收站点", labelEn: "Recycling station", typeName: "RecyclingStation", nameOf: nameFrom("stations") });
  registerOrgKind({ kind: "recycling.device", labelZh: "智能回收设备", labelEn: "Smart recycling device", typeName: "RecyclingDevice", nameOf: nameFrom("devices") });
  registerOrgKind({ kind: "recycling.merchant", labelZh: "积分兑换商户", labelEn: "Redemption merchant", typeName: "RecyclingMerchant", nameOf: nameFrom("merchants") });
  registerRecyclingExports();
}

/**
 * POST /ingest/weighings — devices (or vendor / enterprise keys with recycling:ingest) push a
 * batch: `{ "records": [{ "seq", "at", "material", "weightGrams", "pieces"?, "card"?, "device"? }] }`.
 * 200 with `{ received, accepted, duplicates, duplicateIndexes, rejected: [{ index, seq, code, reason }], pointsEarned }`;
 * 400 for a malformed body, 401 / 403 for credentials.
 */
async function routes(server: FastifyInstance, app: App): Promise<void> {
  server.post("/ingest/weighings", { bodyLimit: 4 * 1024 * 1024 }, async (req, reply) => {
    const keyHeader = typeof req.headers["x-api-key"] === "string" ? req.headers["x-api-key"] : undefined;
    let principal;
    try {
      principal = await principalFrom(app.db, req.headers.authorization, keyHeader);
    } catch {
      return reply.code(503).send({ error: "SERVICE_UNAVAILABLE", message: "Database unavailable" });
    }
    if (!principal || principal.kind === "anonymous") return reply.code(401).send({ error: "UNAUTHENTICATED", message: "Send the device's API key (X-Api-Key)" });
    if (!can(principal, "recycling:ingest")) return reply.code(403).send({ error: "FORBIDDEN", message: "The key needs the scope recycling:ingest" });
    const body = req.body as { records?: unknown } | null;
    if (!body || typeof body !== "object" || !Array.isArray(body.records)) return reply.code(400).send({ error: "BAD_REQUEST", message: "Body must be JSON { records: [...] }" });
    if (body.records.length > MAX_BATCH) return reply.code(400).send({ error: "BATCH_TOO_LARGE", message: `At most ${MAX_BATCH} records per batch` });
    const idem = req.headers["idempotency-key"];
    try {
      const result = await withWriter(
        app,
        principal,
        { operation: "ingestWeighings", requestId: String(req.id), ip: req.ip, idempotencyKey: typeof idem === "string" && idem.length > 0 && idem.length <= 200 ? idem : undefined },
        (w) => ingestWeighings(w, body.records as unknown[]),
      );
      return reply.code(200).send(result);
    } catch (e) {
      if (e instanceof DomainError) return reply.code(400).send({ error: e.errors[0]?.code ?? "INVALID", message: e.message, errors: e.errors });
      throw e; // the platform's error handler: 503 + Retry-After when the database is away, a bare 500 otherwise
    }
  });
}

export const recyclingModule: ApiModule = {
  name: "recycling",
  resolvers: recyclingResolvers,
  init,
  routes,
  // loaded only when seeding: the demo generator (faker, the data tables) stays out of a normal start
  seed: async (ctx) => (await import("./seed.js")).seedRecycling(ctx),
  overview: recyclingOverview,
  jobs: [
    { name: "recycling.expirePoints", everyMs: 10 * 60_000, run: async (app) => void (await runExpiry(app)) },
    { name: "recycling.silentDevices", everyMs: 15 * 60_000, run: async (app) => void (await runSilentDevices(app)) },
    { name: "recycling.stationVolumes", everyMs: 60 * 60_000, run: async (app) => void (await runStationVolumes(app)) },
  ],
};
