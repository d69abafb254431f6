/**
 * Hooks into core capabilities that land separately (exports, vehicle tracking). Each is wired when
 * the core module is present, so this stream builds against either state of main.
 */
import type { App } from "../../graphql/context.js";

export function registerHazardousIntegrations(_app: App): void {
  // Filled in when core exports.ts and tracking.ts are on main.
}
