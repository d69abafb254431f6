import type { ApolloClient } from "@apollo/client";
import { getClient } from "./apollo.js";
import type { LiveSource } from "./live.js";
export { useLiveRefresh, startLiveRefresh, useLiveStatus, getLiveStatus, setLiveStatus, type LiveStatus, type LiveSource } from "./live.js";

/** A LiveSource on the shared Apollo client (graphql-ws). */
export function apolloLiveSource(client: ApolloClient = getClient()): LiveSource {
  return {
    subscribe(document, onEvent, onFail) {
      const sub = client.subscribe({ query: document }).subscribe({
        next: (r) => (r.error ? onFail(r.error) : onEvent(r.data)),
        error: (e) => onFail(e),
        complete: () => onFail(new Error("subscription closed")),
      });
      return () => sub.unsubscribe();
    },
  };
}
