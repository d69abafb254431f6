/**
 * The access matrix: every root query and mutation field × every kind of caller. Generated from the
 * schema, so a new field without a rule (or with a rule that is not enforced) fails here.
 * Expectations come from the product's role model, written out independently of auth.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../test/harness.js";
import { rows } from "../modules/core/db.js";

const STREAMS = ["construction", "hazardous", "recycling", "cells"];

interface Caller {
  name: string;
  kind: "anonymous" | "user" | "apiKey";
  role?: "ADMIN" | "LEADERSHIP" | "STAFF" | "OPERATOR";
  streams?: string[];
  orgStream?: string;
  scopes?: string[];
  auth?: { token?: string; apiKey?: string };
}

/** The role model, as the product owner states it. */
function expectedAllowed(c: Caller, rule: string): boolean {
  if (rule === "public") return true;
  if (c.kind === "anonymous") return false;
  if (rule === "authenticated") return true;
  if (rule === "core:admin") return c.role === "ADMIN";
  if (rule === "audit:read") return c.role === "ADMIN" || c.role === "LEADERSHIP";
  const [area, action, flag] = rule.split(":") as [string, string, string?];
  if (area === "record") return STREAMS.some((s) => expectedAllowed(c, `${s}:${action}`) || expectedAllowed(c, `${s}:${action}:op`));
  if (c.kind === "apiKey") {
    if (c.orgStream && flag !== "op" && action !== "ingest") return false;
    return !!c.scopes?.includes(`${area}:${action}`) || (action === "read" && !!c.scopes?.includes(`${area}:write`));
  }
  switch (c.role) {
    case "ADMIN":
    case "LEADERSHIP":
      return action === "read"; // reads everything, changes nothing in the streams
    case "STAFF":
      if (area === "overview") return action === "read";
      return (action === "read" || action === "write") && !!c.streams?.includes(area);
    case "OPERATOR":
      return flag === "op" && c.orgStream === area && (action === "read" || action === "write");
  }
  return false;
}

function dummy(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return dummy(type.ofType, depth);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.value === undefined ? type.getValues()[0]!.name : type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    if (depth > 4) return out;
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type)) out[f.name] = dummy(f.type, depth + 1);
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
      case "Float":
        return 1;
      case "Boolean":
        return true;
      case "DateTime":
        return "2026-01-01T00:00:00.000Z";
      case "Date":
        return "2026-01-01";
      case "JSONObject":
      case "JSON":
        return {};
      case "ID":
        return "eDox"; // "x:1", a syntactically valid but unknown global id
      default:
        return "1";
    }
  }
  return null;
}

function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((a) => isNonNullType(a.type));
  const vars = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
  const args = required.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  const variables: Record<string, unknown> = {};
  for (const a of required) variables[a.name] = dummy(a.type);
  return { query: `${kind}${vars ? `(${vars})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`, variables };
}

let h: Harness;
let schema: GraphQLSchema;
const callers: Caller[] = [{ name: "anonymous", kind: "anonymous" }];
/** The last audit row written before the matrix runs (the demo seed writes its own). */
let auditBefore = 0;

beforeAll(async () => {
  h = await createHarness({ seed: "small" });
  schema = h.platform.schema;
  const users = await rows<{ username: string; role: Caller["role"]; streams: string[] | null; org_kind: string | null }>(
    h.database.db,
    sql`select u.username, u.role, d.streams, u.org_kind from core.users u left join core.departments d on d.id = u.department_id where u.demo order by u.id`,
  );
  // One caller per role and per stream of staff, district staff, and every kind of operator.
  const pick = new Map<string, (typeof users)[number]>();
  for (const u of users) {
    const key = u.role === "STAFF" ? `STAFF:${(u.streams ?? []).join(",")}` : u.role === "OPERATOR" ? `OP:${u.org_kind}` : u.role!;
    if (!pick.has(key)) pick.set(key, u);
  }
  pick.set("district", users.find((u) => u.username === "ecology.keqiao")!);
  for (const u of pick.values()) {
    callers.push({
      name: u.username,
      kind: "user",
      role: u.role,
      streams: u.streams ?? [],
      orgStream: u.org_kind?.split(".")[0],
      auth: { token: await h.login(u.username) },
    });
  }
  const admin = callers.find((c) => c.role === "ADMIN")!.auth!.token!;
  for (const scopes of [["construction:read"], ["hazardous:write"], ["recycling:ingest"], ["cells:read", "overview:read"]]) {
    const r = ok(await h.gql(`mutation($s: [String!]!) { createApiKey(input: { name: "matrix", scopes: $s }) { secret } }`, { s: scopes }, { token: admin }));
    callers.push({ name: `key[${scopes.join(",")}]`, kind: "apiKey", scopes, auth: { apiKey: r.createApiKey.secret } });
  }
  const [last] = await rows<{ id: number }>(h.database.db, sql`select coalesce(max(id), 0)::bigint as id from core.audit_log`);
  auditBefore = Number(last!.id);
}, 300_000);
afterAll(async () => h?.close());

describe("access matrix", () => {
  it("has operator accounts of the streams in the demo data to test with, once streams exist", () => {
    expect(callers.length).toBeGreaterThanOrEqual(10);
  });

  for (const kind of ["mutation", "query"] as const) {
    it(`refuses every ${kind} to every caller without the right, and the rule matches the role model`, async () => {
      const root = kind === "mutation" ? schema.getMutationType()! : schema.getQueryType()!;
      const failures: string[] = [];
      let refused = 0;
      for (const field of Object.values(root.getFields())) {
        const rule = field.extensions.access as string;
        const { query, variables } = operationFor(kind, field);
        for (const c of callers) {
          const allowed = expectedAllowed(c, rule);
          if (allowed) continue; // allowed calls are exercised by each module's own tests
          const r = await h.gql(query, variables, c.auth);
          const code = r.errors?.[0]?.extensions?.code;
          const want = c.kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
          if (code !== want) failures.push(`${root.name}.${field.name} [${rule}] as ${c.name}: got ${code ?? "success"} (${r.errors?.[0]?.message ?? ""})`);
          else refused++;
        }
      }
      expect(failures).toEqual([]);
      expect(refused).toBeGreaterThan(0);
    }, 600_000);
  }

  it("never lets a refused mutation change anything (no audit rows from refused callers)", async () => {
    // Every call the matrix makes is refused, so nothing it did may leave an audit row.
    const written = await rows<{ actor: string; operation: string }>(h.database.db, sql`select actor, operation from core.audit_log where id > ${auditBefore}`);
    expect(auditBefore).toBeGreaterThan(0);
    expect(written.map((w) => `${w.actor} ${w.operation}`)).toEqual([]);
  });
});
