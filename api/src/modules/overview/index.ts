/**
 * The leadership overview (领导小组总览): composes every stream's OverviewProvider into the overview's
 * queries, the map, the index ranking, generation against capacity and the monthly briefing. Registered
 * last in the module list; owns no tables (only the NOTIFY triggers of its migration).
 */
import type { ApiModule } from "../core/module.js";
import { briefingRoutes } from "./download.js";
import { OverviewResolver } from "./resolvers.js";
import { listenForChanges } from "./service.js";

const stops = new WeakMap<object, () => Promise<void>>();

export const overviewModule: ApiModule = {
  name: "overview",
  resolvers: [OverviewResolver],
  async init(app) {
    stops.set(app, await listenForChanges(app));
  },
  async stop(app) {
    await stops.get(app)?.();
    stops.delete(app);
  },
  routes(server, app) {
    briefingRoutes(server, app);
  },
};
