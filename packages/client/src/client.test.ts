import { CombinedGraphQLErrors } from "@apollo/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createZwClient, isUnauthenticated } from "./apollo.js";
import { login, logout } from "./auth.js";
import { errorFields } from "./errors.js";
import { startLiveRefresh, setLiveStatus } from "./live.js";
import { endSession, getSession, getToken, onSessionChange, resetSessionForTests, SESSION_STORAGE_KEY, startSession } from "./session.js";
import { MeDocument } from "./graphql/generated.js";

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

beforeEach(() => {
  localStorage.clear();
  resetSessionForTests();
});
afterEach(() => vi.useRealTimers());

describe("session", () => {
  it("persists across reloads and expires", () => {
    startSession({ token: "t1", expiresAt: new Date(Date.now() + 60_000).toISOString() });
    resetSessionForTests(); // a reload: memory gone, storage kept
    expect(getToken()).toBe("t1");
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: "old", expiresAt: new Date(Date.now() - 1000).toISOString() }));
    resetSessionForTests();
    expect(getSession()).toBeNull();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it("tells listeners about login and logout", () => {
    const seen: string[] = [];
    onSessionChange((_s, r) => seen.push(r));
    startSession({ token: "t", expiresAt: null });
    endSession("logout");
    endSession("logout"); // no session: no second event
    expect(seen).toEqual(["login", "logout"]);
  });
});

describe("client", () => {
  it("logs in, sends the bearer token, and ends the session on UNAUTHENTICATED", async () => {
    const calls: { auth: string | null; op: string }[] = [];
    const redirected = vi.fn();
    const fetchMock = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body));
      const auth = new Headers(init?.headers).get("authorization");
      calls.push({ auth, op: body.operationName });
      if (body.operationName === "Login")
        return jsonResponse({ data: { login: { __typename: "LoginPayload", token: "tok", expiresAt: null, user: { __typename: "User", id: "U1", username: "admin", displayName: "管理员" }, userErrors: [] } } });
      if (body.operationName === "Me") return jsonResponse({ errors: [{ message: "Invalid or expired credentials", extensions: { code: "UNAUTHENTICATED" } }] }, 401);
      return jsonResponse({ data: { logout: { __typename: "OkPayload", ok: true } } });
    });
    const client = createZwClient({ uri: "http://api.test/graphql", wsUrl: null, fetch: fetchMock as unknown as typeof fetch, onUnauthenticated: redirected });
    expect(await login("admin", "pw", client)).toEqual({ ok: true });
    expect(getToken()).toBe("tok");
    await expect(client.query({ query: MeDocument })).rejects.toSatisfy((e) => isUnauthenticated(e));
    expect(calls.at(-1)).toEqual({ auth: "Bearer tok", op: "Me" });
    expect(getToken()).toBeNull();
    expect(redirected).toHaveBeenCalledOnce();
    await logout(client);
    expect(calls.filter((c) => c.op === "Logout")).toHaveLength(0); // nothing to revoke any more
  });

  it("returns userErrors of a failed login without starting a session", async () => {
    const fetchMock = async () =>
      jsonResponse({ data: { login: { __typename: "LoginPayload", token: null, expiresAt: null, user: null, userErrors: [{ __typename: "UserError", field: "password", code: "BAD_CREDENTIALS", message: "Wrong" }] } } });
    const client = createZwClient({ uri: "http://api.test/graphql", wsUrl: null, fetch: fetchMock as unknown as typeof fetch });
    const r = await login("admin", "nope", client);
    expect(r).toEqual({ ok: false, errors: [{ field: "password", code: "BAD_CREDENTIALS", message: "Wrong" }] });
    expect(getToken()).toBeNull();
  });
});

describe("errorFields", () => {
  it("maps userErrors and BAD_USER_INPUT fields", () => {
    expect(errorFields({ userErrors: [{ field: "input.plate", message: "taken", code: "X" }, { field: null, message: "general", code: "Y" }] })).toEqual({
      "input.plate": ["taken"],
      "": ["general"],
    });
    const e = new CombinedGraphQLErrors({ errors: [{ message: "bad", extensions: { code: "BAD_USER_INPUT", fields: [{ field: "input.name", message: "too long" }] } }] });
    expect(errorFields(e)).toEqual({ "input.name": ["too long"] });
  });
});

describe("live refresh", () => {
  it("polls while the socket is down and stops when events flow", () => {
    vi.useFakeTimers();
    setLiveStatus("polling");
    let fail: (e: unknown) => void = () => {};
    let emit: (d: unknown) => void = () => {};
    const refresh = vi.fn();
    const stop = startLiveRefresh({
      subscription: MeDocument,
      pollMs: 1000,
      refresh,
      source: { subscribe: (_d, onEvent, onFail) => ((emit = onEvent), (fail = onFail), () => {}) },
    });
    vi.advanceTimersByTime(2500);
    expect(refresh).toHaveBeenCalledTimes(2);
    setLiveStatus("live");
    vi.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(2);
    emit({ alertRaised: {} });
    expect(refresh).toHaveBeenCalledTimes(3);
    fail(new Error("closed"));
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(4);
    stop();
  });

  it("subscribes again after the subscription fails, polling meanwhile, and stops polling once events flow again", () => {
    vi.useFakeTimers();
    setLiveStatus("live");
    const subs: { emit: (d: unknown) => void; fail: (e: unknown) => void; closed: boolean }[] = [];
    const refresh = vi.fn();
    const stop = startLiveRefresh({
      subscription: MeDocument,
      pollMs: 1000,
      retryMs: 5000,
      refresh,
      source: {
        subscribe: (_d, onEvent, onFail) => {
          const s = { emit: onEvent, fail: onFail, closed: false };
          subs.push(s);
          return () => (s.closed = true);
        },
      },
    });
    expect(subs).toHaveLength(1);
    vi.advanceTimersByTime(3000);
    expect(refresh).toHaveBeenCalledTimes(0); // live: no polling
    // The server went away: graphql-ws gave up and the subscription completed with an error.
    subs[0]!.fail(new Error("socket closed"));
    vi.advanceTimersByTime(4500);
    expect(refresh).toHaveBeenCalledTimes(4); // polled every second
    expect(subs).toHaveLength(1);
    vi.advanceTimersByTime(500); // retryMs after the failure: a new subscription, the old one released
    expect(subs).toHaveLength(2);
    expect(subs[0]!.closed).toBe(true);
    // Events from the old subscription are ignored; the new one delivers.
    subs[0]!.emit({ alertRaised: { id: "old" } });
    subs[1]!.emit({ alertRaised: { id: "A1" } });
    expect(refresh).toHaveBeenLastCalledWith({ alertRaised: { id: "A1" } });
    const n = refresh.mock.calls.length;
    vi.advanceTimersByTime(10_000);
    expect(refresh).toHaveBeenCalledTimes(n); // polling stopped
    // A second failure retries again.
    subs[1]!.fail(new Error("again"));
    vi.advanceTimersByTime(5000);
    expect(subs).toHaveLength(3);
    stop();
    expect(subs[2]!.closed).toBe(true);
    const m = refresh.mock.calls.length;
    vi.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(m); // nothing after stop
    expect(subs).toHaveLength(3);
  });

  it("refreshes once when the socket comes back after an outage (events raised meanwhile were missed)", () => {
    vi.useFakeTimers();
    setLiveStatus("connecting");
    const refresh = vi.fn();
    const stop = startLiveRefresh({ subscription: MeDocument, pollMs: 30_000, refresh, source: { subscribe: () => () => {} } });
    setLiveStatus("live"); // the first connection right after mount: no extra refresh
    expect(refresh).toHaveBeenCalledTimes(0);
    setLiveStatus("polling"); // lost
    vi.advanceTimersByTime(10_000);
    expect(refresh).toHaveBeenCalledTimes(0);
    setLiveStatus("live"); // back: catch up once
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    stop();
  });
});
