import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { rows } from "./db.js";
import { LOCKOUT_AFTER } from "./auth.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

const ME = `{ me { role user { username } district { code } department { code } modules { key read write } } }`;

describe("login and sessions", () => {
  it("signs in with the right password and returns a working token", async () => {
    const token = await h.login("housing");
    const me = ok(await h.gql(ME, {}, { token }));
    expect(me.me.user.username).toBe("housing");
    expect(me.me.role).toBe("STAFF");
    expect(me.me.department.code).toBe("housing");
    expect(me.me.modules.map((m: { key: string }) => m.key)).toEqual(["overview", "construction"]);
  });

  it("refuses a wrong password without saying whether the user exists", async () => {
    const wrong = await h.gql(`mutation { login(username: "housing", password: "nope-nope-1") { token userErrors { code message } } }`);
    const nobody = await h.gql(`mutation { login(username: "nobody", password: "nope-nope-1") { token userErrors { code message } } }`);
    expect(wrong.data.login.token).toBeNull();
    expect(wrong.data.login.userErrors[0].code).toBe("INVALID_CREDENTIALS");
    expect(nobody.data.login.userErrors[0]).toEqual(wrong.data.login.userErrors[0]);
  });

  it("locks the account after repeated failures, even for the right password", async () => {
    for (let i = 0; i < LOCKOUT_AFTER; i++) await h.gql(`mutation { login(username: "postal", password: "wrong-pass-1") { token } }`);
    const r = await h.gql(`mutation { login(username: "postal", password: "Zerowaste2026") { token userErrors { code } } }`);
    expect(r.data.login.token).toBeNull();
    expect(r.data.login.userErrors[0].code).toBe("ACCOUNT_LOCKED");
  });

  it("revokes the token on logout", async () => {
    const token = await h.login("ecology");
    ok(await h.gql(ME, {}, { token }));
    const out = ok(await h.gql(`mutation { logout { ok } }`, {}, { token }));
    expect(out.logout.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 2100)); // principal cache
    const after = await h.gql(ME, {}, { token });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("stores only a scrypt hash of passwords and a sha-256 of tokens", async () => {
    const token = await h.login("office");
    const [u] = await rows<{ password_hash: string }>(h.database.db, sql`select password_hash from core.users where username = 'office'`);
    expect(u!.password_hash.startsWith("scrypt$")).toBe(true);
    const tokens = await rows<{ token_hash: string }>(h.database.db, sql`select token_hash from core.sessions`);
    expect(tokens.some((t) => t.token_hash === token)).toBe(false);
    expect(tokens.every((t) => /^[0-9a-f]{64}$/.test(t.token_hash))).toBe(true);
  });

  it("answers UNAUTHENTICATED to a garbage token and to protected fields without one", async () => {
    const r = await h.gql(ME, {}, { token: "zws_garbage" });
    expect(r.status).toBe(401);
    const anon = await h.gql(`{ departments { code } }`);
    expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("users and API keys", () => {
  it("lets ADMIN create a district staff user who can then sign in", async () => {
    const admin = await h.login("admin");
    const districts = ok(await h.gql(`{ districts { id code } }`)).districts as { id: string; code: string }[];
    const depts = ok(await h.gql(`{ departments { id code } }`, {}, { token: admin })).departments as { id: string; code: string }[];
    const r = ok(
      await h.gql(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { user { id username role district { code } department { code } } userErrors { field code message } } }`,
        { i: { username: "zhuji.eco", displayName: "诸暨环保", password: "Password12345", role: "STAFF", departmentId: depts.find((d) => d.code === "ecology")!.id, districtId: districts.find((d) => d.code === "zhuji")!.id } },
        { token: admin },
      ),
    );
    expect(r.createUser.userErrors).toEqual([]);
    expect(r.createUser.user.district.code).toBe("zhuji");
    const token = await h.login("zhuji.eco", "Password12345");
    const me = ok(await h.gql(ME, {}, { token }));
    expect(me.me.district.code).toBe("zhuji");
  });

  it("rejects a weak password and a taken username as userErrors naming the field", async () => {
    const admin = await h.login("admin");
    const weak = ok(await h.gql(`mutation { createUser(input: { username: "weakling", displayName: "x", password: "aaaaaaaaaaaa", role: LEADERSHIP }) { user { id } userErrors { field code } } }`, {}, { token: admin }));
    expect(weak.createUser.userErrors).toEqual([{ field: "input.password", code: "WEAK_PASSWORD" }]);
    const taken = ok(await h.gql(`mutation { createUser(input: { username: "housing", displayName: "x", password: "Password12345", role: LEADERSHIP }) { user { id } userErrors { field code } } }`, {}, { token: admin }));
    expect(taken.createUser.userErrors).toEqual([{ field: "input.username", code: "USERNAME_TAKEN" }]);
  });

  it("rejects malformed input with BAD_USER_INPUT naming each bad field", async () => {
    const admin = await h.login("admin");
    const r = await h.gql(`mutation { createUser(input: { username: "A B", displayName: "", password: "short", role: ADMIN }) { user { id } } }`, {}, { token: admin });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = (r.errors![0]!.extensions!.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(["input.displayName", "input.password", "input.username"]);
    expect(JSON.stringify(r)).not.toMatch(/stack|at \w+ \(/);
  });

  it("creates an API key whose secret is shown once, stored hashed, usable, scoped, and revocable", async () => {
    const admin = await h.login("admin");
    const created = ok(await h.gql(`mutation { createApiKey(input: { name: "省平台", scopes: ["hazardous:read", "overview:read"] }) { apiKey { id prefix scopes lastUsedAt } secret userErrors { code } } }`, {}, { token: admin }));
    const { secret, apiKey } = created.createApiKey;
    expect(secret).toMatch(/^zwk_[0-9a-f]{12}\.[A-Za-z0-9_-]+$/);
    const stored = await rows<{ secret_hash: string }>(h.database.db, sql`select secret_hash from core.api_keys where prefix = ${apiKey.prefix}`);
    expect(stored[0]!.secret_hash).not.toContain(secret.split(".")[1]);

    const me = ok(await h.gql(`{ me { scopes modules { key } apiKey { prefix } } }`, {}, { apiKey: secret }));
    expect(me.me.scopes).toEqual(["hazardous:read", "overview:read"]);
    expect(me.me.modules.map((m: { key: string }) => m.key)).toEqual(["overview", "hazardous"]);
    const [k] = await rows<{ last_used_at: Date | null }>(h.database.db, sql`select last_used_at from core.api_keys where prefix = ${apiKey.prefix}`);
    expect(k!.last_used_at).not.toBeNull();

    const forbidden = await h.gql(`{ users { totalCount } }`, {}, { apiKey: secret });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const bad = await h.gql(`{ me { scopes } }`, {}, { apiKey: secret.slice(0, -2) + "xx" });
    expect(bad.status).toBe(401);

    ok(await h.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } userErrors { code } } }`, { id: apiKey.id }, { token: admin }));
    const after = await h.gql(`{ me { scopes } }`, {}, { apiKey: secret });
    expect(after.status).toBe(401);
  });

  it("refuses unknown scopes", async () => {
    const admin = await h.login("admin");
    const r = ok(await h.gql(`mutation { createApiKey(input: { name: "x", scopes: ["everything:write"] }) { apiKey { id } userErrors { field code } } }`, {}, { token: admin }));
    expect(r.createApiKey.userErrors).toEqual([{ field: "input.scopes", code: "INVALID_SCOPE" }]);
  });
});

describe("audit", () => {
  it("writes an audit row for every mutation in the same transaction, readable by ADMIN and LEADERSHIP only", async () => {
    const admin = await h.login("admin");
    ok(await h.gql(`mutation { createUser(input: { username: "audited", displayName: "审计", password: "Password12345", role: LEADERSHIP }) { user { id } } }`, {}, { token: admin }));
    const leader = await h.login("leader");
    const log = ok(await h.gql(`{ auditLog(first: 5, filter: { entity: "User" }) { edges { node { actor operation action entity changes } } } }`, {}, { token: leader }));
    const row = log.auditLog.edges.map((e: { node: Record<string, unknown> }) => e.node).find((n: { operation: string }) => n.operation === "createUser");
    expect(row).toMatchObject({ actor: "user:admin", action: "create", entity: "User" });
    expect(JSON.stringify(row.changes)).not.toContain("Password12345");
    const staff = await h.login("housing");
    const denied = await h.gql(`{ auditLog(first: 1) { totalCount } }`, {}, { token: staff });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("writes no audit row (and no change) when a mutation is rejected", async () => {
    const admin = await h.login("admin");
    const before = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.audit_log where operation = 'createUser'`);
    ok(await h.gql(`mutation { createUser(input: { username: "housing", displayName: "x", password: "Password12345", role: LEADERSHIP }) { userErrors { code } } }`, {}, { token: admin }));
    const after = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.audit_log where operation = 'createUser'`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
