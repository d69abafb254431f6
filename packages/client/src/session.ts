/**
 * The auth session: the bearer token from `login`, kept in localStorage so it survives reloads, shared
 * by every module (one instance through the import map). Listeners hear sign-in and sign-out.
 */
export interface StoredSession {
  token: string;
  /** ISO time; the token is dropped after it. */
  expiresAt: string | null;
  username?: string;
}

export type SessionListener = (session: StoredSession | null, reason: SessionChangeReason) => void;
export type SessionChangeReason = "login" | "logout" | "expired" | "unauthenticated" | "storage";

export const SESSION_STORAGE_KEY = "zw.session";

const listeners = new Set<SessionListener>();
let current: StoredSession | null = null;
let loaded = false;

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

function isExpired(s: StoredSession, now = Date.now()): boolean {
  return !!s.expiresAt && Date.parse(s.expiresAt) <= now;
}

function load(): StoredSession | null {
  const raw = storage()?.getItem(SESSION_STORAGE_KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as StoredSession;
    return typeof s.token === "string" && s.token.length > 0 ? s : null;
  } catch {
    return null;
  }
}

/** The current session, or null (signed out or expired). */
export function getSession(): StoredSession | null {
  if (!loaded) {
    current = load();
    loaded = true;
  }
  if (current && isExpired(current)) endSession("expired");
  return current;
}

export function getToken(): string | null {
  return getSession()?.token ?? null;
}

export function isAuthenticated(): boolean {
  return getSession() !== null;
}

/** Stores a new session (after `login`). */
export function startSession(s: StoredSession): void {
  current = s;
  loaded = true;
  storage()?.setItem(SESSION_STORAGE_KEY, JSON.stringify(s));
  emit("login");
}

/** Drops the session (logout, expiry, or the API said UNAUTHENTICATED). */
export function endSession(reason: Exclude<SessionChangeReason, "login" | "storage"> = "logout"): void {
  const had = current !== null || load() !== null;
  current = null;
  loaded = true;
  storage()?.removeItem(SESSION_STORAGE_KEY);
  if (had) emit(reason);
}

export function onSessionChange(fn: SessionListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(reason: SessionChangeReason): void {
  for (const fn of [...listeners]) {
    try {
      fn(current, reason);
    } catch (e) {
      console.error("[zw/client] session listener failed", e);
    }
  }
}

// Another tab signed in or out: follow it.
if (typeof window !== "undefined" && typeof window.addEventListener === "function") {
  window.addEventListener("storage", (e) => {
    if (e.key !== SESSION_STORAGE_KEY) return;
    current = load();
    loaded = true;
    emit("storage");
  });
}

/** Only for tests: forget the in-memory copy. */
export function resetSessionForTests(): void {
  current = null;
  loaded = false;
  listeners.clear();
}
