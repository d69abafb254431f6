/**
 * The hazardous and industrial solid waste stream (危险废物 / 工业固废) as a platform module.
 */
import { eq, sql } from "drizzle-orm";
import type { App } from "../../graphql/context.js";
import { registerConstraintError, withWriter } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import type { ApiModule } from "../core/module.js";
import { registerOrgKind } from "../core/orgs.js";
import { ORG } from "./access.js";
import { checkOverdueHazards } from "./census.js";
import { checkExpiringLicences } from "./licences.js";
import { settings } from "./manifest-machine.js";
import { scanManifest, renderQrPage } from "./qr.js";
import { censusResolvers } from "./resolvers-census.js";
import { manifestResolvers } from "./resolvers-manifests.js";
import { registerResolvers } from "./resolvers-registers.js";
import { shanghaiDay } from "./rollups.js";
import { hazardousOverview } from "./stats.js";
import { carriers, collectionOperators, facilities, units } from "./tables.js";
import { checkOverdueManifests } from "./tracking-rules.js";
import { registerHazardousIntegrations } from "./integrations.js";

function init(app: App): void {
  const name = (table: typeof units | typeof carriers | typeof facilities | typeof collectionOperators) => async (tx: Parameters<Parameters<typeof registerOrgKind>[0]["nameOf"]>[0], id: number) => {
    const [r] = await tx.select({ name: table.name }).from(table).where(eq(table.id, id));
    return r?.name ?? null;
  };
  registerOrgKind({ kind: ORG.unit, labelZh: "产废单位", labelEn: "Waste-producing unit", typeName: "HazardousUnit", nameOf: name(units) });
  registerOrgKind({ kind: ORG.carrier, labelZh: "危货运输企业", labelEn: "Hazardous-goods carrier", typeName: "Carrier", nameOf: name(carriers) });
  registerOrgKind({ kind: ORG.facility, labelZh: "利用处置单位", labelEn: "Licensed receiving facility", typeName: "Facility", nameOf: name(facilities) });
  registerOrgKind({ kind: ORG.operator, labelZh: "小微收运单位", labelEn: "Small/micro collection operator", typeName: "CollectionOperator", nameOf: name(collectionOperators) });
  registerConstraintError("waybills_manifest_key", { code: "WAYBILL_EXISTS", message: "This manifest already has its e-waybill (one per manifest)", field: null });
  registerConstraintError("vehicles_plate_unique", { code: "DUPLICATE_PLATE", message: "A vehicle with this plate is registered", field: "input.plate" });
  registerConstraintError("vehicles_terminalId_unique", { code: "DUPLICATE_TERMINAL", message: "This GPS terminal is bound to another vehicle", field: "input.terminalId" });
  registerConstraintError("transport_people_qualificationNo_unique", { code: "DUPLICATE_CERTIFICATE", message: "This qualification certificate is registered", field: "input.qualificationNo" });
  registerConstraintError("carriers_creditCode_unique", { code: "DUPLICATE_CREDIT_CODE", message: "This credit code is registered", field: "input.creditCode" });
  registerConstraintError("units_credit_code_key", { code: "DUPLICATE_CREDIT_CODE", message: "This credit code is registered", field: "input.creditCode" });
  registerHazardousIntegrations(app);
}

async function asJob<T>(app: App, name: string, fn: Parameters<typeof withWriter<T>>[3]): Promise<T> {
  return withWriter(app, systemPrincipal(`job:${name}`), { operation: name }, fn);
}

export const hazardousModule: ApiModule = {
  name: "hazardous",
  resolvers: [...censusResolvers, ...manifestResolvers, ...registerResolvers],
  init,
  async routes(server, app) {
    // QR hand-over page: a phone scanning a label lands here (server-rendered, restricted for the public).
    server.get<{ Params: { token: string }; Querystring: { pkg?: string } }>("/v/m/:token", async (req, reply) => {
      const view = await scanManifest(app.db, { kind: "anonymous", label: "anonymous", districtId: null, streams: [], scopes: [] }, req.params.token, typeof req.query.pkg === "string" ? req.query.pkg : null, req.ip ?? "unknown");
      reply.header("cache-control", "no-store").header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
      return reply.code(view ? 200 : 404).type("text/html; charset=utf-8").send(renderQrPage(view, req.params.token));
    });
  },
  jobs: [
    { name: "hazardous.manifestOverdue", everyMs: 60_000, run: (app) => asJob(app, "hazardous.manifestOverdue", (w) => checkOverdueManifests(w, new Date())).then(() => undefined) },
    { name: "hazardous.hazardOverdue", everyMs: 15 * 60_000, run: (app) => asJob(app, "hazardous.hazardOverdue", (w) => checkOverdueHazards(w, shanghaiDay(new Date()))).then(() => undefined) },
    {
      name: "hazardous.licenceExpiring",
      everyMs: 60 * 60_000,
      run: (app) => asJob(app, "hazardous.licenceExpiring", async (w) => checkExpiringLicences(w, shanghaiDay(new Date()), (await settings(w.tx)).licenceWarnDays)).then(() => undefined),
    },
  ],
  // loaded only when seeding: the demo generator (faker, the data tables) stays out of a normal start
  seed: async (ctx) => (await import("./seed.js")).seedHazardous(ctx),
  overview: hazardousOverview,
};

export { sql };
