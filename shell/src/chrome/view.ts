/**
 * What the chrome shows for a path: the decision in one plain function (tests call it directly).
 * - signed in: the frame (top bar, navigation, notices); on /login, go on to `next`;
 * - signed out, on a path a module's manifest declares public (`publicPaths`): a slim public bar and the
 *   module in the main area — no login needed;
 * - signed out elsewhere: the login page (with `next` = where the visitor was going). Until the manifests
 *   are read the shell cannot tell a public path from a private one, so it waits instead of redirecting.
 */
import { publicOwner, type ModuleRecord } from "../registry.js";

export type ChromeView =
  | { kind: "frame" }
  | { kind: "public" }
  | { kind: "login" }
  | { kind: "wait" }
  /** Change the address first (the view follows the navigation). */
  | { kind: "redirect"; to: string; then: "login" | "frame" };

export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/";
}

export function chromeView(opts: { authed: boolean; path: string; search: string; modules: ModuleRecord[]; discovered: boolean }): ChromeView {
  const pathname = opts.path.split("?")[0]!;
  if (opts.authed) {
    if (pathname === "/login") return { kind: "redirect", to: safeNext(new URLSearchParams(opts.search).get("next")), then: "frame" };
    return { kind: "frame" };
  }
  if (pathname === "/login") return { kind: "login" };
  if (!opts.discovered) return { kind: "wait" };
  if (publicOwner(opts.modules, pathname)) return { kind: "public" };
  return { kind: "redirect", to: opts.path && opts.path !== "/" ? `/login?next=${encodeURIComponent(opts.path)}` : "/login", then: "login" };
}
