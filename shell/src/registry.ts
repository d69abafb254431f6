/**
 * The micro-frontends the shell knows of, found in the import map: every "@zw/mfe-*" entry is a module;
 * its manifest.json sits next to its entry file. Rolling a module back is changing that one entry.
 *
 * Local development override (documented in docs/architecture.md): localStorage "zw.importmap.overrides"
 * = {"@zw/mfe-hazardous": "http://localhost:8111/index.js"}, or open the shell once with
 * ?importmap-override=@zw/mfe-hazardous=<url> (repeatable; ?importmap-override=reset clears). An
 * override replaces where the module's code is loaded from; its manifest still comes from the map.
 */

export interface NavEntry {
  path: string;
  label: Record<string, string>;
  /** The `me.modules` key that must be readable (default: the manifest's `module`). */
  module?: string;
  icon?: string;
}

export interface ModuleManifest {
  /** Package name (= import-map specifier), e.g. "@zw/mfe-hazardous". */
  name: string;
  /** The `me.modules` key that gates the module. */
  module: string;
  /** URL prefixes where the module is active. */
  activeWhen: string[];
  nav: NavEntry[];
  /** Stream title, zh-CN and en. */
  title?: Record<string, string>;
  /** Position in the navigation (ascending; default 100). */
  order?: number;
  /**
   * Routes (prefixes, each under one of `activeWhen`) that visitors reach without signing in: the shell
   * mounts the module there for anyone, with no navigation. The module must use only public API fields
   * on them (the API enforces that; the shell only routes).
   */
  publicPaths?: string[];
  version?: string;
  builtAt?: string;
}

export interface ModuleRecord {
  specifier: string;
  entryUrl: string;
  manifest: ModuleManifest | null;
  manifestError?: string;
}

export const OVERRIDES_KEY = "zw.importmap.overrides";
export const MFE_PREFIX = "@zw/mfe-";

export function readImportMap(doc: Document = document): { imports: Record<string, string> } {
  const el = doc.querySelector('script[type="importmap"]');
  if (!el?.textContent) return { imports: {} };
  try {
    const m = JSON.parse(el.textContent) as { imports?: Record<string, string> };
    return { imports: m.imports ?? {} };
  } catch {
    return { imports: {} };
  }
}

export function getOverrides(): Record<string, string> {
  try {
    const raw = localStorage.getItem(OVERRIDES_KEY);
    const o = raw ? (JSON.parse(raw) as unknown) : {};
    return o && typeof o === "object" && !Array.isArray(o) ? (o as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function setOverrides(o: Record<string, string>): void {
  if (Object.keys(o).length) localStorage.setItem(OVERRIDES_KEY, JSON.stringify(o));
  else localStorage.removeItem(OVERRIDES_KEY);
}

/** Applies ?importmap-override=… from the URL (then removes it from the address bar). */
export function applyOverrideParams(loc: Location = window.location, hist: History = window.history): void {
  const params = new URLSearchParams(loc.search);
  const values = params.getAll("importmap-override");
  if (!values.length) return;
  let o = getOverrides();
  for (const v of values) {
    if (v === "reset") o = {};
    else {
      const i = v.indexOf("=");
      if (i > 0) {
        const spec = v.slice(0, i);
        const url = v.slice(i + 1);
        if (url) o[spec] = url;
        else delete o[spec];
      }
    }
  }
  setOverrides(o);
  params.delete("importmap-override");
  const q = params.toString();
  hist.replaceState(hist.state, "", loc.pathname + (q ? `?${q}` : "") + loc.hash);
}

/** Where a specifier's code is loaded from: the override if any, else the import map's entry. */
export function moduleUrl(specifier: string, map = readImportMap()): string {
  const o = getOverrides()[specifier];
  return new URL(o ?? map.imports[specifier] ?? specifier, window.location.href).href;
}

/** Fetches and compiles a module without running it (`<link rel="modulepreload">`); its import later is instant. */
export function preloadModule(url: string): void {
  if ([...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].some((l) => l.href === url)) return;
  const link = document.createElement("link");
  link.rel = "modulepreload";
  link.href = url;
  document.head.appendChild(link);
}

export function validateManifest(m: unknown, specifier: string): ModuleManifest {
  const x = m as Partial<ModuleManifest>;
  if (!x || typeof x !== "object") throw new Error("manifest is not an object");
  if (typeof x.module !== "string" || !x.module) throw new Error("manifest.module missing");
  if (!Array.isArray(x.activeWhen) || !x.activeWhen.every((p) => typeof p === "string" && p.startsWith("/"))) throw new Error("manifest.activeWhen must be paths");
  if (!Array.isArray(x.nav)) throw new Error("manifest.nav missing");
  const activeWhen = x.activeWhen;
  if (
    x.publicPaths !== undefined &&
    !(Array.isArray(x.publicPaths) && x.publicPaths.every((p) => typeof p === "string" && p.startsWith("/") && activeWhen.some((a) => matchesPrefix(p, a))))
  )
    throw new Error("manifest.publicPaths must be paths under activeWhen");
  return { ...x, name: x.name ?? specifier, nav: x.nav, activeWhen, module: x.module, publicPaths: x.publicPaths ?? [] } as ModuleManifest;
}

/** Fetches the manifests of every module in the import map (in parallel; a failure marks that module only). */
export async function discoverModules(map = readImportMap(), fetchFn: typeof fetch = fetch): Promise<ModuleRecord[]> {
  const specs = Object.keys(map.imports).filter((k) => k.startsWith(MFE_PREFIX)).sort();
  return Promise.all(
    specs.map(async (specifier) => {
      const entryUrl = new URL(map.imports[specifier]!, window.location.href).href;
      try {
        const res = await fetchFn(new URL("manifest.json", entryUrl).href, { cache: "no-cache" });
        if (!res.ok) throw new Error(`manifest: HTTP ${res.status}`);
        return { specifier, entryUrl, manifest: validateManifest(await res.json(), specifier) };
      } catch (e) {
        return { specifier, entryUrl, manifest: null, manifestError: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
}

export function matchesPrefix(pathname: string, prefix: string): boolean {
  const p = prefix.replace(/\/+$/, "");
  return pathname === p || pathname.startsWith(`${p}/`);
}

/** Whether a manifest opens this path to visitors who are not signed in. */
export function isPublicPath(manifest: ModuleManifest | null | undefined, pathname: string): boolean {
  return !!manifest?.publicPaths?.some((p) => matchesPrefix(pathname, p));
}

/** The module (if any) whose manifest makes this path public. */
export function publicOwner(list: ModuleRecord[], pathname: string): ModuleRecord | undefined {
  return list.find((r) => isPublicPath(r.manifest, pathname));
}

/**
 * Whether single-spa should mount a module at this path: on a public path for anyone; elsewhere under
 * its `activeWhen` only for a signed-in caller the API lets read the module.
 */
export function moduleActive(manifest: ModuleManifest, pathname: string, signedIn: boolean, canOpen: (key: string) => boolean): boolean {
  if (isPublicPath(manifest, pathname)) return true;
  return signedIn && canOpen(manifest.module) && manifest.activeWhen.some((p) => matchesPrefix(pathname, p));
}

// ——— a tiny store the chrome reads (useSyncExternalStore) ———

let records: ModuleRecord[] = [];
let discovered = false;
const listeners = new Set<() => void>();
export function setModules(r: ModuleRecord[]): void {
  records = r;
  discovered = true;
  for (const fn of [...listeners]) fn();
}
export function getModules(): ModuleRecord[] {
  return records;
}
/** Whether the manifests have been read (until then the shell cannot tell a public path from a private one). */
export function modulesDiscovered(): boolean {
  return discovered;
}
export function onModules(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
