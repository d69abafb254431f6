/** Standalone development page (`pnpm dev`): the module on its own, signed in against the API via the dev proxy. */
import { LoginGate, mountStandalone } from "@zw/ui";
import { moduleDefinition } from "./module.js";

if (window.location.pathname === "/" || !window.location.pathname.startsWith(moduleDefinition.basePath)) {
  window.history.replaceState(null, "", moduleDefinition.basePath);
}
mountStandalone(moduleDefinition, document.getElementById("root")!, (app) => <LoginGate>{app}</LoginGate>);
