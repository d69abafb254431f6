/**
 * Live updates: subscriptions over graphql-ws when the socket works, polling when it does not.
 * `useLiveRefresh` runs `refresh` on each subscription event, or every `pollMs` while the socket is
 * down (no WebSocket, proxy without upgrade, server restart).
 */
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { DocumentNode } from "graphql";

export type LiveStatus = "connecting" | "live" | "polling";

let status: LiveStatus = "polling";
const statusListeners = new Set<() => void>();

export function setLiveStatus(s: LiveStatus): void {
  if (s === status) return;
  status = s;
  for (const fn of [...statusListeners]) fn();
}
export function getLiveStatus(): LiveStatus {
  return status;
}
export function onLiveStatus(fn: () => void): () => void {
  statusListeners.add(fn);
  return () => statusListeners.delete(fn);
}
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(onLiveStatus, getLiveStatus, getLiveStatus);
}

export interface LiveSource {
  /** Subscribes; calls onEvent per event and onFail when the subscription cannot run. Returns unsubscribe. */
  subscribe(document: DocumentNode, onEvent: (data: unknown) => void, onFail: (e: unknown) => void): () => void;
}

export interface LiveRefreshOptions {
  subscription: DocumentNode;
  refresh: (event?: unknown) => void;
  source: LiveSource;
  pollMs?: number;
  enabled?: boolean;
}

/** Subscribe, or poll while the subscription is unavailable. */
export function startLiveRefresh({ subscription, refresh, source, pollMs = 30_000 }: LiveRefreshOptions): () => void {
  let timer: ReturnType<typeof setInterval> | null = null;
  const startPolling = () => {
    if (!timer) timer = setInterval(() => refresh(), pollMs);
  };
  const stopPolling = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const unsubscribe = source.subscribe(
    subscription,
    (data) => {
      stopPolling();
      refresh(data);
    },
    () => startPolling(),
  );
  // Poll too while the socket is not (yet) live; stop once it is.
  const sync = () => (getLiveStatus() === "live" ? stopPolling() : startPolling());
  sync();
  const off = onLiveStatus(sync);
  return () => {
    off();
    stopPolling();
    unsubscribe();
  };
}

export function useLiveRefresh(opts: LiveRefreshOptions): void {
  const ref = useRef(opts);
  ref.current = opts;
  const { enabled = true, subscription, pollMs } = opts;
  useEffect(() => {
    if (!enabled) return;
    return startLiveRefresh({ subscription, pollMs, source: ref.current.source, refresh: (e) => ref.current.refresh(e) });
  }, [enabled, subscription, pollMs]);
}
