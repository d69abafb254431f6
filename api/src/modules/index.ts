/**
 * The module list: the one place streams are wired into the platform, in dependency order
 * (migrations and seeds run in this order).
 */
import { cellsModule } from "./cells/index.js";
import { coreModule } from "./core/index.js";
import type { ApiModule } from "./core/module.js";

export const modules: readonly ApiModule[] = [coreModule, cellsModule];

export const moduleNames = modules.map((m) => m.name);
