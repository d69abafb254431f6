/**
 * Access rules. Every query, mutation and subscription field carries exactly one rule, declared with
 * a `Can.*` decorator. The rule is both enforced (type-graphql's authChecker) and published in the
 * field's extensions (`access`), so the access-matrix test can walk the schema and prove each rule.
 *
 * Rule strings:
 *   public                    anyone, no login
 *   authenticated             any signed-in user or API key
 *   core:admin                ADMIN users: users and API keys
 *   audit:read                ADMIN and LEADERSHIP
 *   <area>:read|write|ingest  a stream ("construction", "hazardous", "recycling", "cells") or "overview"
 *   …:op                      suffix: OPERATOR accounts (and org-bound keys) may call it too, on their own records
 *   record:read|write         depends on the record (e.g. an alert's stream): the caller needs the action on
 *                             some stream here, and the service checks the record's own stream and scope
 */
import { GraphQLError } from "graphql";
import { Authorized, Extensions, type AuthCheckerFn } from "type-graphql";
import { STREAMS, type Context, type Principal, type Stream } from "./context.js";

export type Area = Stream | "overview";
export type Action = "read" | "write" | "ingest";

/** The stream an organisation kind belongs to: "construction.company" → "construction". */
export function streamOfOrg(kind: string): string {
  return kind.split(".")[0]!;
}

function isStream(a: string): a is Stream {
  return (STREAMS as readonly string[]).includes(a);
}

/** May principal `p` use something guarded by `rule`? */
export function can(p: Principal, rule: string): boolean {
  if (rule === "public") return true;
  if (p.kind === "anonymous") return false;
  if (rule === "authenticated") return true;
  if (rule === "core:admin") return p.kind === "user" && p.role === "ADMIN";
  if (rule === "audit:read") return p.kind === "user" && (p.role === "ADMIN" || p.role === "LEADERSHIP");
  const [area, action, flag] = rule.split(":") as [string, string, string | undefined];
  // Record-dependent rules: the caller must hold the action on at least one stream (or as operator);
  // the service then checks the record's own stream and scope.
  if (area === "record") return STREAMS.some((st) => can(p, `${st}:${action}`) || can(p, `${st}:${action}:op`));
  const opAllowed = flag === "op";
  if (p.kind === "apiKey") {
    if (p.org && !opAllowed && action !== "ingest") return false;
    if (p.org && opAllowed && area !== "overview" && streamOfOrg(p.org.kind) !== area) return false;
    return p.scopes.includes(`${area}:${action}`) || (action === "read" && p.scopes.includes(`${area}:write`));
  }
  switch (p.role) {
    case "ADMIN":
    case "LEADERSHIP":
      return action === "read";
    case "STAFF":
      if (area === "overview") return action === "read";
      return isStream(area) && p.streams.includes(area) && (action === "read" || action === "write");
    case "OPERATOR":
      return opAllowed && !!p.org && streamOfOrg(p.org.kind) === area && (action === "read" || action === "write");
    default:
      return false;
  }
}

/** Service-level check for record-dependent rules; throws FORBIDDEN. */
export function requireAccess(p: Principal, area: string, action: Action, opAllowed = false): void {
  if (!can(p, `${area}:${action}${opAllowed ? ":op" : ""}`)) throw forbidden();
}

export function forbidden(message = "You are not allowed to do this"): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError("Sign in or send an API key first", { extensions: { code: "UNAUTHENTICATED" } });
}

export const authChecker: AuthCheckerFn<Context> = ({ context }, rules) => {
  const p = context.principal;
  for (const rule of rules) if (can(p, rule)) return true;
  if (p.kind === "anonymous") throw unauthenticated();
  throw forbidden();
};

function rule(r: string): MethodDecorator & PropertyDecorator {
  const a = Authorized(r);
  const e = Extensions({ access: r });
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    (a as (t: object, k: string | symbol, d?: PropertyDescriptor) => void)(target, key, descriptor);
    (e as (t: object, k: string | symbol, d?: PropertyDescriptor) => void)(target, key, descriptor);
  };
}

/** Access-rule decorators for root fields (and sensitive object fields). */
export const Can = {
  public: () => rule("public"),
  authenticated: () => rule("authenticated"),
  admin: () => rule("core:admin"),
  audit: () => rule("audit:read"),
  read: (area: Area, o: { operator?: boolean } = {}) => rule(`${area}:read${o.operator ? ":op" : ""}`),
  write: (area: Area, o: { operator?: boolean } = {}) => rule(`${area}:write${o.operator ? ":op" : ""}`),
  ingest: (area: Stream) => rule(`${area}:ingest`),
  /** The service checks per record (e.g. an alert belongs to some stream). */
  record: (action: Action) => rule(`record:${action}`),
};
