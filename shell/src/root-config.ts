/**
 * The single-spa root config (plain TypeScript, no UI framework): registers the shell's chrome, the
 * overview at /, and every micro-frontend the import map names, by the routes in its manifest; a
 * module is active for a signed-in caller whose `me.modules` allows it, and for anyone on the public
 * paths its manifest declares (`publicPaths`, e.g. the cells FAQ and academy).
 */
import "./frame.css";
import { isAuthenticated } from "@zw/client";
import { registerApplication, start, triggerAppChange } from "single-spa";
import { canOpen, loadAccess, watchSession } from "./access.js";
import { moduleLoader, retryApplication, wrapLifecycles, type Lifecycles, type ModuleExports } from "./loader.js";
import { applyOverrideParams, discoverModules, moduleActive, moduleUrl, preloadModule, readImportMap, setModules } from "./registry.js";

applyOverrideParams();

const signedIn = () => isAuthenticated();

registerApplication({
  name: "@zw/shell-chrome",
  app: async () => (await import("./chrome/main.js")) as unknown as Lifecycles,
  activeWhen: () => true,
});

registerApplication({
  name: "@zw/shell-overview",
  app: async () => wrapLifecycles("@zw/shell-overview", (await import("./overview/main.js")) as unknown as ModuleExports),
  activeWhen: (loc) => signedIn() && loc.pathname === "/" && canOpen("overview"),
});

start({ urlRerouteOnly: true });

// A module's error boundary asks for a fresh start of the module (its "retry" after a render error).
window.addEventListener("zw:retry-module", (e) => {
  const name = (e as CustomEvent<string>).detail;
  if (typeof name === "string" && name) void retryApplication(name);
});

watchSession(() => void triggerAppChange());
void loadAccess().then(() => triggerAppChange());

const map = readImportMap();
void discoverModules(map).then((records) => {
  setModules(records);
  // single-spa loads a module only after the chrome has mounted (app changes run one after another):
  // have the browser fetch and compile the one this address opens meanwhile (access is checked later).
  for (const r of records) if (r.manifest && moduleActive(r.manifest, window.location.pathname, signedIn(), () => true)) preloadModule(moduleUrl(r.specifier, map));
  for (const r of records) {
    if (!r.manifest) {
      console.error(`[shell] ${r.specifier}: no usable manifest (${r.manifestError}); not registered`);
      continue;
    }
    const m = r.manifest;
    registerApplication({
      name: r.specifier,
      app: moduleLoader(r.specifier, () => moduleUrl(r.specifier, map)),
      activeWhen: (loc) => moduleActive(m, loc.pathname, signedIn(), canOpen),
    });
  }
});
