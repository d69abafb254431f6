/**
 * The module list: the one place streams are wired into the platform, in dependency order
 * (migrations and seeds run in this order).
 */
import { cellsEventTypes } from "./cells/events.js";
import { cellsModule } from "./cells/index.js";
import { coreModule } from "./core/index.js";
import { constructionEventTypes } from "./construction/events.js";
import { constructionModule } from "./construction/index.js";
import type { ApiModule } from "./core/module.js";
import { registerEventTypes } from "./core/webhooks.js";
import { hazardousEventTypes } from "./hazardous/events.js";
import { hazardousModule } from "./hazardous/index.js";
import { overviewModule } from "./overview/index.js";
import { recyclingEventTypes } from "./recycling/events.js";
import { recyclingModule } from "./recycling/index.js";

export const modules: readonly ApiModule[] = [coreModule, constructionModule, hazardousModule, recyclingModule, cellsModule, overviewModule];

export const moduleNames = modules.map((m) => m.name);

// The webhook event catalogue (third parties subscribe from it; the developer guide lists it): core's
// alert and case events are registered in core/webhooks.ts, each stream's in its events.ts.
registerEventTypes([...constructionEventTypes, ...hazardousEventTypes, ...recyclingEventTypes, ...cellsEventTypes]);
