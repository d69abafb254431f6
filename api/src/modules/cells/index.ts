/**
 * The cells stream (无废细胞 / 建设跟踪 / 无废学院 / 咨询查询): module wiring — organisation kind,
 * resolvers, scheduled jobs, demo data and overview figures.
 */
import { eq } from "drizzle-orm";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import type { ApiModule } from "../core/module.js";
import { registerOrgKind } from "../core/orgs.js";
import { runCertificateExpiry } from "./cell-service.js";
import { shanghaiQuarter, UNIT_ORG_KIND } from "./common.js";
import { recomputeIndexYear, refreshStatuses } from "./indicator-service.js";
import { registerCellsExports } from "./exports.js";
import { cellsOverview } from "./overview.js";
import { cellsResolvers } from "./resolvers-cells.js";
import { engageResolvers } from "./resolvers-engage.js";
import { trackingResolvers } from "./resolvers-tracking.js";
import { units } from "./tables.js";
import { runTaskOverdue } from "./task-service.js";
import type { App } from "../../graphql/context.js";

function jobWriter(app: App, name: string) {
  return <T>(fn: (w: Writer) => Promise<T>) => withWriter(app, systemPrincipal(name), { operation: name }, fn);
}

export const cellsModule: ApiModule = {
  name: "cells",
  resolvers: [...cellsResolvers, ...trackingResolvers, ...engageResolvers],
  init() {
    registerCellsExports();
    registerOrgKind({
      kind: UNIT_ORG_KIND,
      labelZh: "无废细胞创建单位",
      labelEn: "Zero-waste cell unit",
      typeName: "CellUnit",
      async nameOf(tx, id) {
        const [u] = await tx.select({ name: units.name }).from(units).where(eq(units.id, id));
        return u?.name ?? null;
      },
    });
  },
  jobs: [
    {
      name: "cells.certificateExpiry",
      everyMs: 60 * 60_000,
      async run(app) {
        await runCertificateExpiry(jobWriter(app, "cells.certificateExpiry"), app.db);
      },
    },
    {
      name: "cells.taskOverdue",
      everyMs: 60 * 60_000,
      async run(app) {
        await runTaskOverdue(jobWriter(app, "cells.taskOverdue"), app.db);
      },
    },
    {
      // A new quarter starts with no reports: carry the index and statuses into it.
      name: "cells.indexRollover",
      everyMs: 6 * 60 * 60_000,
      async run(app) {
        const q = shanghaiQuarter(new Date());
        await jobWriter(app, "cells.indexRollover")(async (w) => {
          await refreshStatuses(w.tx, { year: q.year });
          await recomputeIndexYear(w.tx, q.year, q.quarter, q.quarter);
        });
      },
    },
  ],
  // loaded only when seeding: the demo generator (faker, the data tables) stays out of a normal start
  seed: async (ctx) => (await import("./seed.js")).seedCells(ctx),
  overview: cellsOverview,
};
