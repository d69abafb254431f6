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
});
