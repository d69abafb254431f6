/**
 * The construction spoil and mud stream (工程渣土/泥浆) as a platform module.
 */
import { eq, inArray, or } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { App } from "../../graphql/context.js";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import type { ApiModule } from "../core/module.js";
import { registerOrgKind } from "../core/orgs.js";
import { onPositions, registerTerminalDirectory, type TerminalInfo } from "../core/tracking.js";
import { registerConstructionExports } from "./exports.js";
import { openManifest } from "./manifests.js";
import { constructionOverview } from "./overview.js";
import { expirePermits, verificationPage, verifyPermit } from "./permits.js";
import { ORG_COMPANY } from "./registers.js";
import { constructionResolvers } from "./resolvers.js";
import { checkAllPlaces, checkOverdueManifests, handlePositions } from "./rules.js";
import "./spoil-cases.js";
import { companies, vehicles } from "./tables.js";

/** Opens a manifest from the geofence trigger, inside a savepoint so a refusal never aborts the batch. */
async function openFromGeofence(w: Writer, vehicleId: number, siteId: number, at: Date): Promise<void> {
  try {
    await w.tx.transaction(async (sp) => {
      await openManifest({ ...w, tx: sp }, { vehicleId, siteId, via: "GEOFENCE", at });
    });
  } catch {
    /* the site is no longer registered, or a manifest is open: nothing to open */
  }
}

// Registered at import time (before any test's own stand-ins) so tracking knows construction vehicles.
registerTerminalDirectory(
  "construction",
  async (tx, q) => {
    if (q.terminalIds.length === 0 && q.plates.length === 0) return [];
    const conds = [];
    if (q.terminalIds.length) conds.push(inArray(vehicles.terminalId, q.terminalIds));
    if (q.plates.length) conds.push(inArray(vehicles.plate, q.plates));
    const r = await tx
      .select({ id: vehicles.id, plate: vehicles.plate, terminalId: vehicles.terminalId, districtId: vehicles.districtId, companyId: vehicles.companyId })
      .from(vehicles)
      .where(or(...conds));
    return r.map((v): TerminalInfo => ({ terminalId: v.terminalId ?? `plate:${v.plate}`, plate: v.plate, stream: "construction", vehicleId: v.id, districtId: v.districtId, org: { kind: ORG_COMPANY, id: v.companyId } }));
  },
  "Vehicle",
);
onPositions("construction", (w, batch, alerts) => handlePositions(w, batch, { openManifest: openFromGeofence, alerts }));

async function job(app: App, operation: string, fn: (w: Writer) => Promise<unknown>): Promise<void> {
  await withWriter(app, systemPrincipal(operation), { operation }, async (w) => {
    await fn(w);
  });
}

export const constructionModule: ApiModule = {
  name: "construction",
  resolvers: constructionResolvers,
  init() {
    registerOrgKind({
      kind: ORG_COMPANY,
      labelZh: "渣土运输企业",
      labelEn: "Spoil transport company",
      typeName: "TransportCompany",
      async nameOf(tx, id) {
        const [c] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, id));
        return c?.name ?? null;
      },
    });
    registerConstructionExports();
  },
  routes(server: FastifyInstance, app: App) {
    server.get<{ Params: { token: string } }>("/verify/permit/:token", async (req, reply) => {
      const v = await verifyPermit(app.db, req.params.token, { ip: req.ip, userAgent: typeof req.headers["user-agent"] === "string" ? req.headers["user-agent"] : null });
      reply.header("cache-control", "no-store").header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'").type("text/html; charset=utf-8");
      return reply.code(v ? 200 : 404).send(verificationPage(v));
    });
  },
  jobs: [
    { name: "construction.permits.expire", everyMs: 60_000, run: (app) => job(app, "expirePermits", (w) => expirePermits(w)) },
    { name: "construction.manifests.overdue", everyMs: 60_000, run: (app) => job(app, "checkOverdueManifests", (w) => checkOverdueManifests(w)) },
    { name: "construction.places.capacity", everyMs: 600_000, run: (app) => job(app, "checkPlaceCapacity", (w) => checkAllPlaces(w)) },
  ],
  // loaded only when seeding: the demo generator (faker, the data tables) stays out of a normal start
  seed: async (ctx) => (await import("./seed.js")).seedConstruction(ctx),
  overview: constructionOverview,
};
