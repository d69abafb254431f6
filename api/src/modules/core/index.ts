import type { ApiModule } from "./module.js";
import { coreResolvers } from "./resolvers.js";
import { ExportResolver, exportRoutes } from "./export-resolvers.js";
import { purgeExpiredExports, runQueuedExports } from "./exports.js";
import { TrackingResolver, trackingRoutes } from "./tracking-resolvers.js";
import { preparePartitions } from "./tracking.js";
import { WebhookDeliveryFields, WebhookResolver } from "./webhook-resolvers.js";
import { deliverDueWebhooks } from "./webhooks.js";

export const coreModule: ApiModule = {
  name: "core",
  resolvers: [...coreResolvers, TrackingResolver, ExportResolver, WebhookResolver, WebhookDeliveryFields],
  async init(app) {
    await preparePartitions(app);
  },
  routes(server, app) {
    trackingRoutes(server, app);
    exportRoutes(server, app);
  },
  jobs: [
    { name: "tracking.partitions", everyMs: 3600_000, run: preparePartitions },
    { name: "exports.run", everyMs: 5_000, run: runQueuedExports },
    { name: "exports.purge", everyMs: 3600_000, run: purgeExpiredExports },
    { name: "webhooks.deliver", everyMs: 1_000, run: async (app) => void (await deliverDueWebhooks(app)) },
  ],
  // loaded only when seeding: the demo generator (faker, the data tables) stays out of a normal start
  seed: async (ctx) => (await import("./seed.js")).seedCore(ctx),
};
