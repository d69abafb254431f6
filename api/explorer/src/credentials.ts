/**
 * Credentials of the explorer: an API key (X-Api-Key), a bearer token, the shell's signed-in session
 * (localStorage "zw.session", same origin) or none. Secrets are kept only in sessionStorage, and only
 * when the user asks.
 */
export type Mode = "apiKey" | "token" | "session" | "none";
export interface Credentials {
  mode: Mode;
  secret: string;
  remember: boolean;
}

const KEY = "zw.explorer.credentials";

export function shellSession(): { token: string; username?: string } | null {
  try {
    const raw = localStorage.getItem("zw.session");
    if (!raw) return null;
    const s = JSON.parse(raw) as { token?: unknown; expiresAt?: string | null; username?: string };
    if (typeof s.token !== "string" || !s.token) return null;
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) return null;
    return { token: s.token, username: s.username };
  } catch {
    return null;
  }
}

export function loadCredentials(): Credentials {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw) {
      const c = JSON.parse(raw) as Credentials;
      if (c && typeof c.mode === "string" && typeof c.secret === "string") return { ...c, remember: true };
    }
  } catch {
    /* ignore */
  }
  return { mode: shellSession() ? "session" : "apiKey", secret: "", remember: false };
}

export function saveCredentials(c: Credentials): void {
  try {
    if (c.remember) sessionStorage.setItem(KEY, JSON.stringify(c));
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage disabled */
  }
}

/** The HTTP headers for these credentials (lower-case names). */
export function credentialHeaders(c: Credentials): Record<string, string> {
  if (c.mode === "apiKey" && c.secret) return { "x-api-key": c.secret };
  if (c.mode === "token" && c.secret) return { authorization: `Bearer ${c.secret}` };
  if (c.mode === "session") {
    const s = shellSession();
    if (s) return { authorization: `Bearer ${s.token}` };
  }
  return {};
}
