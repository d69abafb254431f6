import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("single-spa", () => ({ unloadApplication: vi.fn(async () => {}), triggerAppChange: vi.fn(async () => {}) }));

import { unloadApplication } from "single-spa";
import { buildNav } from "./chrome/NavMenu.js";
import { safeNext } from "./chrome/Chrome.js";
import { moduleLoader, wrapLifecycles } from "./loader.js";
import { applyOverrideParams, discoverModules, getOverrides, matchesPrefix, moduleUrl, OVERRIDES_KEY, preloadModule, readImportMap, validateManifest } from "./registry.js";

function setMap(imports: Record<string, string>) {
  document.head.querySelector('script[type="importmap"]')?.remove();
  const s = document.createElement("script");
  s.type = "importmap";
  s.textContent = JSON.stringify({ imports });
  document.head.appendChild(s);
}

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '<main id="zw-main"></main>';
  setMap({ react: "/shared/1/react.js", "@zw/mfe-b": "/modules/b/1.0.0/index.js", "@zw/mfe-a": "/modules/a/2.0.0/index.js" });
});
afterEach(() => vi.clearAllMocks());

describe("registry", () => {
  it("finds the modules in the import map and fetches each manifest next to its entry", async () => {
    const fetched: string[] = [];
    const fetchFn = (async (url: string) => {
      fetched.push(url);
      if (url.includes("/b/")) return new Response("nope", { status: 404 });
      return new Response(JSON.stringify({ module: "a", activeWhen: ["/a"], nav: [{ path: "/a", label: { "zh-CN": "甲", en: "A" } }] }));
    }) as typeof fetch;
    const records = await discoverModules(readImportMap(), fetchFn);
    expect(records.map((r) => r.specifier)).toEqual(["@zw/mfe-a", "@zw/mfe-b"]);
    expect(fetched).toContain(`${location.origin}/modules/a/2.0.0/manifest.json`);
    expect(records[0]!.manifest?.module).toBe("a");
    expect(records[1]!.manifest).toBeNull();
    expect(records[1]!.manifestError).toMatch(/404/);
  });

  it("rejects manifests without module, paths or nav", () => {
    expect(() => validateManifest({ activeWhen: ["/a"], nav: [] }, "@zw/mfe-a")).toThrow(/module/);
    expect(() => validateManifest({ module: "a", activeWhen: ["a"], nav: [] }, "@zw/mfe-a")).toThrow(/paths/);
    expect(validateManifest({ module: "a", activeWhen: ["/a"], nav: [] }, "@zw/mfe-a").name).toBe("@zw/mfe-a");
  });

  it("applies ?importmap-override= to localStorage, removes it from the URL, and resolves module URLs with it", () => {
    history.replaceState(null, "", "/cells?x=1&importmap-override=@zw/mfe-a=http://localhost:8111/index.js");
    applyOverrideParams();
    expect(getOverrides()).toEqual({ "@zw/mfe-a": "http://localhost:8111/index.js" });
    expect(location.pathname + location.search).toBe("/cells?x=1");
    expect(moduleUrl("@zw/mfe-a")).toBe("http://localhost:8111/index.js");
    expect(moduleUrl("@zw/mfe-b")).toBe(`${location.origin}/modules/b/1.0.0/index.js`);
    history.replaceState(null, "", "/?importmap-override=reset");
    applyOverrideParams();
    expect(localStorage.getItem(OVERRIDES_KEY)).toBeNull();
  });

  it("preloads a module's entry once, without running it", () => {
    const url = `${location.origin}/modules/b/1.0.0/index.js`;
    preloadModule(url);
    preloadModule(url);
    const links = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].filter((l) => l.href === url);
    expect(links).toHaveLength(1);
  });

  it("matches path prefixes on segment boundaries", () => {
    expect(matchesPrefix("/cells", "/cells")).toBe(true);
    expect(matchesPrefix("/cells/units/3", "/cells")).toBe(true);
    expect(matchesPrefix("/cellsx", "/cells")).toBe(false);
  });
});

describe("loader", () => {
  it("mounts a module in its own container and removes container and styles on unmount", async () => {
    const mount = vi.fn(async (p: { domElement?: HTMLElement }) => {
      p.domElement!.innerHTML = "<p id='inside'>hi</p>";
      const s = document.createElement("style");
      s.dataset.zwModule = "@zw/mfe-a";
      document.head.appendChild(s);
    });
    const unmount = vi.fn(async () => {});
    const lc = await moduleLoader("@zw/mfe-a", () => "/x.js", async () => ({ mount, unmount }))();
    await lc.bootstrap({ name: "@zw/mfe-a" });
    await lc.mount({ name: "@zw/mfe-a" });
    expect(document.querySelector('[data-zw-app="@zw/mfe-a"] #inside')).not.toBeNull();
    await lc.unmount({ name: "@zw/mfe-a" });
    expect(unmount).toHaveBeenCalledOnce();
    expect(document.querySelector('[data-zw-app="@zw/mfe-a"]')).toBeNull();
    expect(document.querySelector('style[data-zw-module="@zw/mfe-a"]')).toBeNull();
  });

  it("shows a fallback with retry when the module cannot be loaded, and retries with a fresh URL", async () => {
    const urls: string[] = [];
    const load = moduleLoader("@zw/mfe-b", () => "/modules/b/9.9.9/index.js", async (u) => {
      urls.push(u);
      throw new TypeError("Failed to fetch dynamically imported module");
    });
    const lc = await load();
    await lc.mount({ name: "@zw/mfe-b" });
    const fb = document.querySelector<HTMLElement>('[data-testid="zw-module-fallback"]');
    expect(fb?.textContent).toContain("模块加载失败");
    expect(fb?.textContent).toContain("Failed to fetch");
    document.querySelector<HTMLButtonElement>('[data-testid="zw-module-retry"]')!.click();
    expect(unloadApplication).toHaveBeenCalledWith("@zw/mfe-b", { waitForUnmount: false });
    await load();
    expect(urls).toEqual(["/modules/b/9.9.9/index.js", "/modules/b/9.9.9/index.js?attempt=1"]);
    await lc.unmount({ name: "@zw/mfe-b" });
    expect(document.querySelector('[data-testid="zw-module-fallback"]')).toBeNull();
  });

  it("falls back when a module exports no lifecycles or its mount throws", async () => {
    const none = await moduleLoader("@zw/mfe-c", () => "/c.js", async () => ({ default: 1 }))();
    await none.mount({ name: "@zw/mfe-c" });
    expect(document.querySelector('[data-zw-failed="@zw/mfe-c"]')?.textContent).toContain("lifecycles");
    localStorage.setItem("zw.lang", "en");
    const broken = wrapLifecycles("@zw/mfe-d", { mount: async () => Promise.reject(new Error("boom")), unmount: async () => {} });
    await broken.mount({ name: "@zw/mfe-d" });
    expect(document.querySelector('[data-zw-failed="@zw/mfe-d"]')?.textContent).toContain("This module failed to start");
  });
});

describe("navigation", () => {
  const manifests = [
    { module: "construction", nav: [{ path: "/construction", label: { "zh-CN": "渣土", en: "Spoil" } }] },
    { module: "hazardous", nav: [{ path: "/hazardous", label: { "zh-CN": "危废", en: "Hazardous" } }] },
  ];
  it("offers only what me.modules allows", () => {
    expect(buildNav(new Set(["overview", "hazardous"]), manifests, "zh-CN", "总览").map((i) => i.label)).toEqual(["总览", "危废"]);
    expect(buildNav(new Set(["construction"]), manifests, "en", "Overview").map((i) => i.path)).toEqual(["/construction"]);
    expect(buildNav(new Set(), manifests, "en", "Overview")).toEqual([]);
    const ordered = [{ ...manifests[0]!, order: 20 }, { ...manifests[1]!, order: 10 }];
    expect(buildNav(new Set(["construction", "hazardous"]), ordered, "en", "Overview").map((i) => i.path)).toEqual(["/hazardous", "/construction"]);
  });
  it("only follows local next= targets after login", () => {
    expect(safeNext("/hazardous?x=1")).toBe("/hazardous?x=1");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("/login")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
