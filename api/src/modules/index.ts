/**
 * The module list: the one place streams are wired into the platform, in dependency order
 * (migrations and seeds run in this order).
 */
import { cellsModule } from "./cells/index.js";
import { coreModule } from "./core/index.js";
import { constructionModule } from "./construction/index.js";
import type { ApiModule } from "./core/module.js";
import { hazardousModule } from "./hazardous/index.js";
import { overviewModule } from "./overview/index.js";
import { recyclingModule } from "./recycling/index.js";

export const modules: readonly ApiModule[] = [coreModule, constructionModule, hazardousModule, recyclingModule, cellsModule, overviewModule];

export const moduleNames = modules.map((m) => m.name);
