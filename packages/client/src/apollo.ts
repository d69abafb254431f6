/**
 * One Apollo Client for the whole platform. The shell and every micro-frontend import `getClient()`
 * from @zw/client, which the import map resolves to one instance, so they share one cache.
 *
 * Links: error handling (UNAUTHENTICATED → end the session and go to the login page) → bearer token →
 * HTTP for queries and mutations, graphql-ws (same path) for subscriptions.
 */
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { OperationTypeNode } from "graphql";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { endSession, getToken, onSessionChange } from "./session.js";
import { setLiveStatus } from "./live.js";

export interface ClientOptions {
  /** GraphQL endpoint (default: /graphql on this origin). */
  uri?: string;
  /** WebSocket endpoint (default: ws(s)://this host/graphql). Null disables subscriptions (polling only). */
  wsUrl?: string | null;
  /** Called when the API rejects the session (default: go to /login?next=<here>). */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
}

/** Whether an Apollo error (or a GraphQL error list) says the caller is not signed in. */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
  if (ServerError.is(error)) return error.statusCode === 401;
  return false;
}

export function defaultLoginRedirect(): void {
  if (typeof window === "undefined") return;
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === "/login") return;
  const next = here && here !== "/" ? `?next=${encodeURIComponent(here)}` : "";
  window.history.pushState(null, "", `/login${next}`);
  // single-spa (and React Router) listen to popstate; pushState alone does not fire it.
  window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
}

let wsClient: WsClient | null = null;

export function createZwClient(opts: ClientOptions = {}): ApolloClient {
  const uri = opts.uri ?? "/graphql";
  const onUnauthenticated = opts.onUnauthenticated ?? defaultLoginRedirect;

  const errorLink = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error) && getToken()) {
      endSession("unauthenticated");
      onUnauthenticated();
    }
  });
  const authLink = new SetContextLink((prev) => {
    const token = getToken();
    return token ? { headers: { ...(prev.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } } : {};
  });
  const http = new HttpLink({ uri, fetch: opts.fetch });

  let transport: ApolloLink = http;
  const wsUrl = opts.wsUrl === undefined ? defaultWsUrl(uri) : opts.wsUrl;
  if (wsUrl) {
    wsClient = createWsClient({
      url: wsUrl,
      lazy: true,
      retryAttempts: 3,
      connectionParams: () => {
        const token = getToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      on: {
        connecting: () => setLiveStatus("connecting"),
        connected: () => setLiveStatus("live"),
        closed: () => setLiveStatus("polling"),
        error: () => setLiveStatus("polling"),
      },
    });
    const ws = new GraphQLWsLink(wsClient);
    transport = ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, ws, http);
    // A new sign-in must not reuse the old socket's credentials.
    onSessionChange(() => {
      wsClient?.terminate();
    });
  } else {
    setLiveStatus("polling");
  }

  return new ApolloClient({
    link: ApolloLink.from([errorLink, authLink, transport]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: "cache-and-network" } },
  });
}

function defaultWsUrl(uri: string): string | null {
  if (typeof window === "undefined" || typeof WebSocket === "undefined") return null;
  const u = new URL(uri, window.location.href);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}

let shared: ApolloClient | null = null;

/** The platform's one client (created on first use). */
export function getClient(): ApolloClient {
  shared ??= createZwClient();
  return shared;
}

/** Clears the shared cache on sign-out so the next user sees nothing of the previous one. */
onSessionChange((s) => {
  if (!s && shared) void shared.clearStore().catch(() => {});
});
