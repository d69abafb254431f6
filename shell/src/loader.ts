/**
 * Loading an application for single-spa: a container of its own in the main area, created on mount
 * and removed on unmount (with any <style> the module left behind), and a fallback in that container
 * when the module cannot be loaded or its mount throws — with a retry that reloads it. The rest of the
 * shell keeps working.
 */
import { triggerAppChange, unloadApplication } from "single-spa";
import { fallbackText } from "./fallback-text.js";

/** What a module exports. */
export interface ModuleExports {
  bootstrap?: (props: AppProps) => Promise<unknown>;
  mount: (props: AppProps) => Promise<unknown>;
  unmount: (props: AppProps) => Promise<unknown>;
  unload?: (props: AppProps) => Promise<unknown>;
}
/** What single-spa gets. */
export interface Lifecycles {
  bootstrap: (props: AppProps) => Promise<unknown>;
  mount: (props: AppProps) => Promise<unknown>;
  unmount: (props: AppProps) => Promise<unknown>;
  unload: (props: AppProps) => Promise<unknown>;
}
export type AppProps = Record<string, unknown> & { name: string; domElement?: HTMLElement };

const attempts = new Map<string, number>();

export function mainArea(): HTMLElement {
  return document.getElementById("zw-main") ?? document.body;
}

function containerId(name: string): string {
  return `zw-app-${name.replace(/[^a-zA-Z0-9-]/g, "_")}`;
}

function ensureContainer(name: string): HTMLElement {
  const id = containerId(name);
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement("div");
    el.id = id;
    el.className = "zw-app";
    el.dataset.zwApp = name;
    mainArea().appendChild(el);
  }
  return el;
}

function removeContainer(name: string): void {
  document.getElementById(containerId(name))?.remove();
  for (const s of document.head.querySelectorAll(`style[data-zw-module="${CSS.escape(name)}"]`)) s.remove();
}

/** Reloads an application after a failure (the retry button). */
export async function retryApplication(name: string): Promise<void> {
  await unloadApplication(name, { waitForUnmount: false });
  await triggerAppChange();
}

function renderFallback(el: HTMLElement, name: string, kind: "load" | "mount", error: unknown): void {
  const t = fallbackText();
  el.replaceChildren();
  const box = document.createElement("div");
  box.className = "zw-fallback";
  box.setAttribute("role", "alert");
  box.dataset.testid = "zw-module-fallback";
  box.dataset.zwFailed = name;
  const h = document.createElement("h2");
  h.textContent = kind === "load" ? t.loadTitle : t.mountTitle;
  const p = document.createElement("p");
  p.textContent = t.body;
  const detail = document.createElement("pre");
  detail.className = "zw-fallback-detail";
  detail.textContent = `${name}: ${error instanceof Error ? error.message : String(error)}`;
  const btn = document.createElement("button");
  btn.type = "button";
  btn.className = "zw-fallback-retry";
  btn.dataset.testid = "zw-module-retry";
  btn.textContent = t.retry;
  btn.addEventListener("click", () => {
    btn.disabled = true;
    btn.textContent = t.retrying;
    void retryApplication(name);
  });
  box.append(h, p, btn, detail);
  el.appendChild(box);
}

/** Lifecycles that only show the fallback (the module's code could not be loaded). */
export function fallbackLifecycles(name: string, error: unknown): Lifecycles {
  return {
    bootstrap: async () => {},
    mount: async () => renderFallback(ensureContainer(name), name, "load", error),
    unmount: async () => removeContainer(name),
    unload: async () => {},
  };
}

/** Wraps a module's lifecycles: own container, fallback on a failing mount, full clean-up on unmount. */
export function wrapLifecycles(name: string, mod: ModuleExports): Lifecycles {
  let failed = false;
  return {
    bootstrap: async (props) => {
      await mod.bootstrap?.(props);
    },
    mount: async (props) => {
      const el = ensureContainer(name);
      failed = false;
      try {
        await mod.mount({ ...props, domElement: el });
      } catch (e) {
        failed = true;
        console.error(`[shell] ${name} failed to mount`, e);
        renderFallback(el, name, "mount", e);
      }
    },
    unmount: async (props) => {
      try {
        if (!failed) await mod.unmount({ ...props, domElement: document.getElementById(containerId(name)) ?? undefined });
      } catch (e) {
        console.error(`[shell] ${name} failed to unmount`, e);
      } finally {
        removeContainer(name);
      }
    },
    unload: async (props) => {
      await mod.unload?.(props);
    },
  };
}

function isLifecycles(m: unknown): m is ModuleExports {
  const x = m as Partial<ModuleExports> | null;
  return !!x && typeof x.mount === "function" && typeof x.unmount === "function";
}

/**
 * single-spa's loading function for `name`: imports the module (a retry adds ?attempt=N, because the
 * browser remembers a failed module URL), and falls back instead of failing.
 */
export function moduleLoader(name: string, url: () => string | Promise<string>, importFn: (u: string) => Promise<unknown> = (u) => import(/* @vite-ignore */ u)) {
  return async (): Promise<Lifecycles> => {
    const n = attempts.get(name) ?? 0;
    attempts.set(name, n + 1);
    try {
      let u = await url();
      if (n > 0) u += `${u.includes("?") ? "&" : "?"}attempt=${n}`;
      const mod = await importFn(u);
      if (!isLifecycles(mod)) throw new Error("the module exports no single-spa lifecycles (mount/unmount)");
      return wrapLifecycles(name, mod);
    } catch (e) {
      console.error(`[shell] ${name} failed to load`, e);
      return fallbackLifecycles(name, e);
    }
  };
}
