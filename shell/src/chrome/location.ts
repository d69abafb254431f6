import { useSyncExternalStore } from "react";

function subscribe(fn: () => void): () => void {
  window.addEventListener("popstate", fn);
  window.addEventListener("single-spa:routing-event", fn);
  return () => {
    window.removeEventListener("popstate", fn);
    window.removeEventListener("single-spa:routing-event", fn);
  };
}
const current = () => window.location.pathname + window.location.search;

/** The current path (and query), following single-spa's navigation. */
export function useLocationPath(): string {
  return useSyncExternalStore(subscribe, current, current);
}
