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
  /** After the subscription fails, subscribe again after this long (default: min(pollMs, 15 s)). */
  retryMs?: number;
  enabled?: boolean;
}

/**
 * Subscribe, or poll while the subscription is unavailable.
 * - The socket not live (connecting, closed, no WebSocket) → poll every `pollMs`.
 * - The subscription failed or completed (server restart, graphql-ws gave up its retries) → poll, and
 *   subscribe again every `retryMs` until it works (the client opens a new socket for it).
 * - The socket live again after an outage → one refresh at once (events raised meanwhile were missed).
 */
export function startLiveRefresh({ subscription, refresh, source, pollMs = 30_000, retryMs }: LiveRefreshOptions): () => void {
  const retryAfter = retryMs ?? Math.min(pollMs, 15_000);
  let timer: ReturnType<typeof setInterval> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: () => void = () => {};
  let failed = false;
  let stopped = false;
  let lastRefresh = Date.now();
  let live = getLiveStatus() === "live";
  const doRefresh = (event?: unknown) => {
    lastRefresh = Date.now();
    refresh(event);
  };
  const startPolling = () => {
    if (!timer) timer = setInterval(() => doRefresh(), pollMs);
  };
  const stopPolling = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const sync = () => (getLiveStatus() === "live" && !failed ? stopPolling() : startPolling());
  const scheduleResubscribe = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      if (stopped) return;
      unsubscribe();
      subscribe();
    }, retryAfter);
  };
  function subscribe() {
    failed = false;
    let done = false;
    const off = source.subscribe(
      subscription,
      (data) => {
        if (done || stopped) return;
        failed = false;
        sync();
        doRefresh(data);
      },
      () => {
        if (done || stopped) return;
        done = true;
        failed = true;
        startPolling();
        scheduleResubscribe();
      },
    );
    unsubscribe = () => {
      done = true;
      off();
    };
    if (!failed) sync();
  }
  subscribe();
  sync();
  const off = onLiveStatus(() => {
    const nowLive = getLiveStatus() === "live";
    // Back after an outage: catch up with what was raised meanwhile (not on the first connection).
    if (nowLive && !live && !failed && Date.now() - lastRefresh >= 2_000) doRefresh();
    live = nowLive;
    sync();
  });
  return () => {
    stopped = true;
    off();
    stopPolling();
    if (retry) clearTimeout(retry);
    unsubscribe();
  };
}

export function useLiveRefresh(opts: LiveRefreshOptions): void {
  const ref = useRef(opts);
  ref.current = opts;
  const { enabled = true, subscription, pollMs, retryMs } = opts;
  useEffect(() => {
    if (!enabled) return;
    return startLiveRefresh({ subscription, pollMs, retryMs, source: ref.current.source, refresh: (e) => ref.current.refresh(e) });
  }, [enabled, subscription, pollMs, retryMs]);
}
