/**
 * What the signed-in caller may open, from the API (`me.modules`) — never from roles in the shell.
 * Loaded after sign-in; cleared on sign-out. single-spa's activity functions read it.
 */
import { fetchViewer, isAuthenticated, onSessionChange, type Viewer } from "@zw/client";

export type AccessState = { status: "signed-out" } | { status: "loading" } | { status: "ready"; viewer: Viewer; readable: Set<string> } | { status: "error"; error: unknown };

let state: AccessState = { status: "signed-out" };
const listeners = new Set<() => void>();
let seq = 0;

function set(s: AccessState): void {
  state = s;
  for (const fn of [...listeners]) fn();
}

export function getAccess(): AccessState {
  return state;
}
export function onAccess(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function canOpen(key: string): boolean {
  return state.status === "ready" && state.readable.has(key);
}

export async function loadAccess(): Promise<void> {
  const mine = ++seq;
  if (!isAuthenticated()) return set({ status: "signed-out" });
  set({ status: "loading" });
  try {
    const viewer = await fetchViewer();
    if (mine !== seq) return;
    set({ status: "ready", viewer, readable: new Set(viewer.modules.filter((m) => m.read).map((m) => m.key)) });
  } catch (e) {
    if (mine !== seq) return;
    set(isAuthenticated() ? { status: "error", error: e } : { status: "signed-out" });
  }
}

export function watchSession(onChange: () => void): void {
  onSessionChange(() => {
    void loadAccess().then(onChange);
    onChange();
  });
}
