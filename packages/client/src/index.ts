/**
 * @zw/client — the platform's GraphQL client, shared by the shell and every micro-frontend through the
 * import map (one Apollo cache, one session).
 */
export { createZwClient, getClient, isUnauthenticated, defaultLoginRedirect, type ClientOptions } from "./apollo.js";
export { login, logout, useViewer, fetchViewer, canRead, canWrite, type Viewer, type ModuleKey, type LoginResult, type FieldError } from "./auth.js";
export {
  getSession,
  getToken,
  isAuthenticated,
  startSession,
  endSession,
  onSessionChange,
  SESSION_STORAGE_KEY,
  type StoredSession,
  type SessionChangeReason,
} from "./session.js";
export { useLiveRefresh, startLiveRefresh, useLiveStatus, getLiveStatus, setLiveStatus, apolloLiveSource, type LiveStatus, type LiveSource } from "./live-apollo.js";
export { MeDocument, AlertRaisedDocument, LoginDocument, LogoutDocument } from "./graphql/generated.js";
export type { MeQuery, AlertRaisedSubscription, Stream, Severity, Role } from "./graphql/generated.js";
export { errorFields, errorMessage, type ApiFieldErrors } from "./errors.js";
