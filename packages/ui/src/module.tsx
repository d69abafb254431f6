/**
 * Turning a React app into a micro-frontend: `defineModule` returns the single-spa lifecycles
 * (single-spa-react) with the platform's providers, the module's i18n namespace, an error boundary
 * with retry, and the module's own CSS added as a <style> on mount and removed on unmount.
 */
import { useEffect, type ComponentType, type ReactNode } from "react";
import * as ReactDOMClient from "react-dom/client";
import * as React from "react";
import singleSpaReact from "single-spa-react";
import { createRoot } from "react-dom/client";
import { ErrorState } from "./states.js";
import { i18n, registerMessages, type Catalogues } from "./i18n.js";
import { ZwProviders } from "./providers.js";

export interface ModuleDefinition {
  /** Package name, e.g. "@zw/mfe-hazardous" (marks the module's <style> elements). */
  name: string;
  /** i18n namespace and catalogues of the module. */
  ns: string;
  messages: Catalogues;
  /** The module's root component; it gets `basePath` (e.g. "/hazardous"). */
  App: ComponentType<{ basePath: string }>;
  /** Where the module lives in the URL. */
  basePath: string;
  /** The module's own CSS (import it with `?inline`). */
  css?: string;
}

export interface ModuleLifecycles {
  bootstrap: (props: object) => Promise<void>;
  mount: (props: object) => Promise<void>;
  unmount: (props: object) => Promise<void>;
}

function Root({ def }: { def: ModuleDefinition }) {
  return (
    <ZwProviders>
      <def.App basePath={def.basePath} />
    </ZwProviders>
  );
}

function addStyle(def: ModuleDefinition): void {
  if (!def.css || typeof document === "undefined") return;
  const el = document.createElement("style");
  el.dataset.zwModule = def.name;
  el.textContent = def.css;
  document.head.appendChild(el);
}

function removeStyles(def: ModuleDefinition): void {
  if (typeof document === "undefined") return;
  for (const el of document.head.querySelectorAll(`style[data-zw-module="${CSS.escape(def.name)}"]`)) el.remove();
}

export function defineModule(def: ModuleDefinition): ModuleLifecycles {
  registerMessages(def.ns, def.messages);
  const lc = singleSpaReact<{ domElement?: HTMLElement }>({
    React,
    ReactDOMClient,
    rootComponent: () => <Root def={def} />,
    errorBoundary: (err: Error) => <ErrorState error={err} title={i18n.t("ui:error.module")} onRetry={() => window.dispatchEvent(new CustomEvent("zw:retry-module", { detail: def.name }))} />,
  });
  return {
    bootstrap: (props) => lc.bootstrap(props as never) as Promise<void>,
    async mount(props) {
      addStyle(def);
      try {
        await lc.mount(props as never);
      } catch (e) {
        removeStyles(def);
        throw e;
      }
    },
    async unmount(props) {
      try {
        await lc.unmount(props as never);
      } finally {
        removeStyles(def);
      }
    },
  };
}

/** Runs a module on its own page (vite dev server): providers, messages, CSS. */
export function mountStandalone(def: ModuleDefinition, el: HTMLElement, wrap?: (app: ReactNode) => ReactNode): () => void {
  registerMessages(def.ns, def.messages);
  addStyle(def);
  const root = createRoot(el);
  const app = <Root def={def} />;
  root.render(wrap ? wrap(app) : app);
  return () => {
    root.unmount();
    removeStyles(def);
  };
}

/** Runs `fn` once after mount (helper for pages that set the document title). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const prev = document.title;
    document.title = title;
    return () => {
      document.title = prev;
    };
  }, [title]);
}
