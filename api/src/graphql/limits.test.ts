import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../test/harness.js";

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await createHarness({ config: { maxQueryDepth: 6, maxQueryCost: 3000 } });
  admin = await h.login("admin");
});
afterAll(async () => h?.close());

describe("query limits and error shapes", () => {
  it("reports the calculated cost in extensions.cost", async () => {
    const r = await h.gql(`{ users(first: 10) { edges { node { username } } } }`, {}, { token: admin });
    ok(r);
    expect(r.extensions?.cost).toEqual({ requested: expect.any(Number), limit: 3000 });
    const small = await h.gql(`{ users(first: 1) { edges { node { username } } } }`, {}, { token: admin });
    expect(small.extensions!.cost.requested).toBeLessThan(r.extensions!.cost.requested);
  });

  it("rejects a query deeper than the limit before running it", async () => {
    const r = await h.gql(`{ alerts { edges { node { case { alert { case { alert { id } } } } } } } }`, {}, { token: admin });
    expect(r.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
    expect(r.status).toBe(400); // a client error, not a 5xx
    expect(r.data).toBeUndefined();
  });

  it("rejects a query costlier than the limit (connections cost by first) and thousands of aliases", async () => {
    const sel = (a: string) => `${a}: users(first: 100) { edges { node { username department { code } district { code } } } }`;
    const big = await h.gql(`{ ${["a", "b", "c", "d", "e"].map(sel).join(" ")} }`, {}, { token: admin });
    expect(big.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(big.status).toBe(400);
    const aliases = Array.from({ length: 3500 }, (_, i) => `a${i}: districts { code }`).join(" ");
    const r = await h.gql(`{ ${aliases} }`, {}, { token: admin });
    expect(r.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("rejects batched requests and oversized bodies", async () => {
    const batched = await h.platform.server.inject({ method: "POST", url: "/graphql", headers: { "content-type": "application/json" }, payload: JSON.stringify([{ query: "{ districts { code } }" }, { query: "{ districts { code } }" }]) });
    expect(batched.statusCode).toBe(400);
    const huge = await h.platform.server.inject({ method: "POST", url: "/graphql", headers: { "content-type": "application/json" }, payload: JSON.stringify({ query: `{ districts { code } } # ${"x".repeat(3 * 1024 * 1024)}` }) });
    expect(huge.statusCode).toBe(413);
  });

  it("caps page size with a BAD_USER_INPUT naming the argument", async () => {
    const r = await h.gql(`{ users(first: 1000) { totalCount } }`, {}, { token: admin });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.extensions?.fields).toEqual([{ field: "first", message: expect.stringContaining("100") }]);
  });

  it("names a bad global ID and a bad cursor", async () => {
    const r = await h.gql(`mutation { revokeApiKey(id: "not-an-id") { userErrors { code } } }`, {}, { token: admin });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "id" }] });
    const c = await h.gql(`{ users(after: "garbage") { totalCount } }`, {}, { token: admin });
    expect(c.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "after" }] });
  });

  it("never returns a stack trace or SQL text outside development mode", async () => {
    const inputs = [`{ users(first: 5, search: "' or 1=1; drop table core.users; --") { totalCount } }`, `{ node(id: "${Buffer.from("User:99999999999999999").toString("base64url")}") { id } }`, `{ nope }`, `{ users(first: "x") { totalCount } }`];
    for (const q of inputs) {
      const r = await h.gql(q, {}, { token: admin });
      const body = JSON.stringify(r);
      expect(body).not.toMatch(/\bat [\w.<>]+ \(|\/node_modules\/|select .* from|insert into/i);
      expect(body).not.toContain("INTERNAL_SERVER_ERROR");
    }
  });

  it("pages with a cursor through a stable order", async () => {
    const page1 = ok(await h.gql(`{ users(first: 3) { edges { cursor node { username } } pageInfo { hasNextPage endCursor } totalCount } }`, {}, { token: admin }));
    const page2 = ok(await h.gql(`query($a: String) { users(first: 3, after: $a) { edges { node { username } } } }`, { a: page1.users.pageInfo.endCursor }, { token: admin }));
    const names1 = page1.users.edges.map((e: { node: { username: string } }) => e.node.username);
    const names2 = page2.users.edges.map((e: { node: { username: string } }) => e.node.username);
    expect(page1.users.pageInfo.hasNextPage).toBe(true);
    expect(names1.filter((n: string) => names2.includes(n))).toEqual([]);
    expect(page1.users.totalCount).toBeGreaterThan(6);
  });
});
