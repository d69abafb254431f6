/** Sign-in, sign-out and the viewer (`me`), on the shared client. */
import type { ApolloClient } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { getClient } from "./apollo.js";
import { LoginDocument, LogoutDocument, MeDocument, type MeQuery } from "./graphql/generated.js";
import { endSession, getSession, startSession } from "./session.js";

export interface FieldError {
  field: string | null;
  code: string;
  message: string;
}

export type LoginResult = { ok: true } | { ok: false; errors: FieldError[] };

export async function login(username: string, password: string, client: ApolloClient = getClient()): Promise<LoginResult> {
  // An old, expired token would make the API answer 401 even for login.
  if (getSession()) endSession("logout");
  const { data } = await client.mutate({ mutation: LoginDocument, variables: { username, password }, fetchPolicy: "no-cache" });
  const p = data?.login;
  if (!p) return { ok: false, errors: [{ field: null, code: "NO_RESPONSE", message: "No response" }] };
  if (p.userErrors.length || !p.token) return { ok: false, errors: p.userErrors.map((e) => ({ field: e.field, code: e.code, message: e.message })) };
  await client.clearStore();
  startSession({ token: p.token, expiresAt: p.expiresAt, username: p.user?.username });
  return { ok: true };
}

/** Revokes the token on the server (best effort) and drops the session. */
export async function logout(client: ApolloClient = getClient()): Promise<void> {
  if (getSession()) {
    try {
      await client.mutate({ mutation: LogoutDocument, fetchPolicy: "no-cache" });
    } catch {
      // the token may already be invalid; signing out locally is what matters
    }
  }
  endSession("logout");
  await client.clearStore().catch(() => {});
}

export type Viewer = MeQuery["me"];
export type ModuleKey = "overview" | "construction" | "hazardous" | "recycling" | "cells" | "admin";

/** The signed-in caller: user, role, department, district, and the modules the API allows. */
export function useViewer() {
  const q = useQuery(MeDocument, { fetchPolicy: "cache-first" });
  return { viewer: q.data?.me ?? null, loading: q.loading && !q.data, error: q.error, refetch: q.refetch };
}

export async function fetchViewer(client: ApolloClient = getClient()): Promise<Viewer> {
  const { data } = await client.query({ query: MeDocument, fetchPolicy: "network-only" });
  if (!data) throw new Error("no viewer");
  return data.me;
}

export function canRead(viewer: Viewer | null, key: string): boolean {
  return !!viewer?.modules.some((m) => m.key === key && m.read);
}
export function canWrite(viewer: Viewer | null, key: string): boolean {
  return !!viewer?.modules.some((m) => m.key === key && m.write);
}
