/**
 * The sample client (docs/examples/sync-client.mjs) against a real platform over HTTP: it syncs a list
 * completely with updatedSince + cursor + tombstones, keeps its checkpoint in a file and resumes from it
 * after a failure, waits out 429s, and its webhook receiver verifies real signed deliveries (and refuses
 * forged ones, and de-duplicates redeliveries). The Python and Java verifiers of the webhook guide are
 * run against the platform's signatures too (skipped where python3 / java are missing).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { withWriter } from "../graphql/mutation.js";
import { SYNC } from "../graphql/sync.js";
import { toGlobalId } from "../graphql/ids.js";
import { raiseAlert, transitionAlert } from "../modules/core/alerts.js";
import { systemPrincipal } from "../modules/core/auth.js";
import { rows } from "../modules/core/db.js";
import { alerts } from "../modules/core/tables.js";
import { deliverDueWebhooks, sign, WEBHOOK_POLICY } from "../modules/core/webhooks.js";
import { workspaceRoot } from "../paths.js";
import { createHarness, ok, type Harness } from "../test/harness.js";

const EXAMPLES = path.join(workspaceRoot, "docs", "examples");
const CLIENT = path.join(EXAMPLES, "sync-client.mjs");
// The sample is plain JavaScript for Node 20; import it as a third party would.
const client = (await import(/* @vite-ignore */ CLIENT)) as {
  GraphQLClient: new (o: { url: string; apiKey: string; fetch?: typeof fetch; log?: (m: string) => void }) => { rateLimited: number };
  syncOnce(o: { client: unknown; list: string; dir: string }): Promise<{ upserted: number; deleted: number; pages: number; total: number }>;
  verifySignature(secrets: string | string[], header: string, body: Buffer | string): boolean;
  LISTS: Record<string, unknown>;
  queries(list: string): { listQuery: string; delQuery: string };
};

let h: Harness;
let url: string;
let admin: string;
let key: string;
const dirs: string[] = [];
const children: ChildProcess[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "zw-sample-"));
  dirs.push(d);
  return d;
};
const settle = () => new Promise((r) => setTimeout(r, SYNC.settleSeconds * 1000 + 200));

beforeAll(async () => {
  SYNC.settleSeconds = 1;
  WEBHOOK_POLICY.baseBackoffMs = 1;
  WEBHOOK_POLICY.maxBackoffMs = 5;
  h = await createHarness();
  url = await h.platform.listen();
  admin = await h.login("admin");
  key = ok(await h.gql(`mutation { createApiKey(input: { name: "省平台同步", scopes: ["construction:read", "hazardous:read"] }) { secret } }`, {}, { token: admin })).createApiKey.secret;
}, 300_000);
afterAll(async () => {
  for (const c of children) c.kill("SIGTERM");
  await h?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

let serial = 0;
async function raise(n: number, stream = "construction") {
  for (let i = 0; i < n; i++) {
    const k = ++serial;
    await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) =>
      raiseAlert(w, { stream, rule: "sample", severity: "LOW", title: `示例预警 ${k}`, subjectType: "Vehicle", subjectLabel: `浙D${String(k).padStart(5, "0")}`, districtId: 330602 + (k % 3), dedupKey: `sample-${k}` }),
    );
  }
}

/** What the key may see now: every construction and hazardous alert (a city-wide key). */
async function expectedIds(): Promise<string[]> {
  const r = await rows<{ id: number }>(h.database.db, sql`select id from core.alerts where stream in ('construction', 'hazardous') order by id`);
  return r.map((x) => toGlobalId("Alert", x.id)).sort();
}

/** Runs the client as a separate process (asynchronously: the platform answers from this process). */
function runCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLIENT, ...args], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 240_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("sample client: incremental sync", () => {
  it("sends valid queries for every list it knows (manifests and alerts) against the schema", async () => {
    const { parse, validate } = await import("graphql");
    for (const list of Object.keys(client.LISTS)) {
      const { listQuery, delQuery } = client.queries(list);
      expect(validate(h.platform.schema, parse(listQuery)).map((e) => e.message), list).toEqual([]);
      expect(validate(h.platform.schema, parse(delQuery)).map((e) => e.message), list).toEqual([]);
    }
  });

  it("copies a whole list, then only changes and deletions, with its checkpoint in a file (command line)", { timeout: 600_000 }, async () => {
    await raise(130);
    await raise(5, "hazardous");
    await raise(5, "recycling"); // not readable by this key
    await settle();
    const dir = tmp();
    const env = { ZW_URL: url, ZW_API_KEY: key };

    const first = await runCli(["sync", "--list", "alerts", "--dir", dir], env);
    expect(first.status, first.stderr).toBe(0);
    const out1 = JSON.parse(first.stdout.trim().split("\n").pop()!);
    expect(out1.pages).toBeGreaterThanOrEqual(3); // 135 rows at 100 a page, plus the deletions query
    let store = JSON.parse(fs.readFileSync(path.join(dir, "alerts.json"), "utf8")) as Record<string, { status: string; updatedAt: string }>;
    expect(Object.keys(store).sort()).toEqual(await expectedIds());
    const cp1 = JSON.parse(fs.readFileSync(path.join(dir, "alerts.checkpoint.json"), "utf8"));
    expect(cp1.after).toBeNull();
    expect(cp1.since > "2020").toBe(true);

    // Changes: three alerts closed, five new, two deleted (tombstoned).
    const some = await h.database.db.select().from(alerts).where(eq(alerts.stream, "construction")).orderBy(alerts.id).limit(5);
    for (const a of some.slice(0, 3)) await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => transitionAlert(w, a, "close", "已处理"));
    for (const a of some.slice(3, 5)) {
      await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, async (w) => {
        await w.tx.delete(alerts).where(eq(alerts.id, a.id));
        await w.tombstone({ entity: "Alert", entityId: a.id, stream: a.stream, districtId: a.districtId });
      });
    }
    await raise(5);
    await settle();

    const second = await runCli(["sync", "--list", "alerts", "--dir", dir], env);
    expect(second.status, second.stderr).toBe(0);
    const out2 = JSON.parse(second.stdout.trim().split("\n").pop()!);
    expect(out2.deleted).toBe(2);
    expect(out2.upserted).toBeLessThan(20); // only what changed (plus the last instant again), not the whole list
    store = JSON.parse(fs.readFileSync(path.join(dir, "alerts.json"), "utf8"));
    expect(Object.keys(store).sort()).toEqual(await expectedIds());
    for (const a of some.slice(0, 3)) expect(store[toGlobalId("Alert", a.id)]!.status).toBe("CLOSED");
    for (const a of some.slice(3, 5)) expect(store[toGlobalId("Alert", a.id)]).toBeUndefined();

    // Nothing changed: a run fetches (almost) nothing.
    const third = JSON.parse((await runCli(["sync", "--list", "alerts", "--dir", dir], env)).stdout.trim().split("\n").pop()!);
    expect(third.upserted).toBeLessThanOrEqual(5);
    expect(third.deleted).toBe(0);
  });

  it("resumes from the saved cursor after a run dies half-way, and ends with everything", async () => {
    const dir = tmp();
    let calls = 0;
    const failing: typeof fetch = async (input, init) => {
      if (++calls === 2) throw new Error("network down");
      return fetch(input, init);
    };
    const broken = new client.GraphQLClient({ url, apiKey: key, fetch: failing });
    (broken as unknown as { maxRetries: number }).maxRetries = 0;
    await expect(client.syncOnce({ client: broken, list: "alerts", dir })).rejects.toThrow(/network down/);
    const cp = JSON.parse(fs.readFileSync(path.join(dir, "alerts.checkpoint.json"), "utf8"));
    expect(cp.after).toBeTruthy(); // stopped after the first page, cursor saved
    const savedFirstPage = Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "alerts.json"), "utf8"))).length;
    expect(savedFirstPage).toBe(100);

    const r = await client.syncOnce({ client: new client.GraphQLClient({ url, apiKey: key }), list: "alerts", dir });
    expect(r.upserted).toBeLessThan((await expectedIds()).length); // went on from the cursor, not from the start
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "alerts.json"), "utf8"))).sort()).toEqual(await expectedIds());
  });

  it("waits out HTTP 429 (retry-after) and still syncs everything", { timeout: 300_000 }, async () => {
    // A page of 100 alerts costs about 1,100 (see extensions.cost); this key's bucket holds 1,500 and
    // refills 100 a second, so the second page waits for a 429's retry-after (about 8 s).
    const tight = ok(await h.gql(`mutation { createApiKey(input: { name: "小额度", scopes: ["construction:read", "hazardous:read"], rateLimitBurst: 1500, rateLimitPerSecond: 100 }) { secret } }`, {}, { token: admin })).createApiKey.secret;
    const c = new client.GraphQLClient({ url, apiKey: tight });
    const dir = tmp();
    const r = await client.syncOnce({ client: c, list: "alerts", dir });
    expect(c.rateLimited).toBeGreaterThan(0);
    expect(r.total).toBe((await expectedIds()).length);
  });
});

describe("sample client: webhook receiver", () => {
  it("verifies real deliveries, refuses forged ones and handles a redelivered event once", async () => {
    const dir = tmp();
    const sub = ok(await h.gql(`mutation { createWebhookSubscription(input: { url: "http://127.0.0.1:9/placeholder", eventTypes: ["alert.raised"] }) { subscription { id } secret } }`, {}, { apiKey: key }));
    const secret = sub.createWebhookSubscription.secret as string;
    const child = spawn(process.execPath, [CLIENT, "webhooks", "--port", "0", "--dir", dir], { env: { ...process.env, ZW_WEBHOOK_SECRET: `whsec_old_one,${secret}` }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let log = "";
    child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    const hookUrl = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`receiver did not start: ${log}`)), 30_000);
      child.stdout!.on("data", () => {
        const m = /listening (http:\/\/\S+)/.exec(log);
        if (m) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    ok(await h.gql(`mutation($id: ID!, $u: String!) { updateWebhookSubscription(input: { id: $id, url: $u }) { subscription { url } } }`, { id: sub.createWebhookSubscription.subscription.id, u: hookUrl }, { apiKey: key }));

    await raise(1);
    await deliverDueWebhooks(h.platform.app);
    const events = () => (fs.existsSync(path.join(dir, "webhook-events.jsonl")) ? fs.readFileSync(path.join(dir, "webhook-events.jsonl"), "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []);
    for (let i = 0; i < 40 && events().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(events()).toHaveLength(1);
    expect(events()[0]).toMatchObject({ type: "alert.raised", entity: "Alert", data: { title: `示例预警 ${serial}` } });

    const log1 = ok(await h.gql(`query($s: ID!) { webhookDeliveries(subscriptionId: $s) { edges { node { id status lastStatusCode } } } }`, { s: sub.createWebhookSubscription.subscription.id }, { apiKey: key }));
    const delivery = log1.webhookDeliveries.edges[0].node;
    expect(delivery).toMatchObject({ status: "DELIVERED", lastStatusCode: 204 });

    // A forged request (wrong secret) and a replay of an old timestamp are refused.
    const body = JSON.stringify({ id: "999999", type: "alert.raised" });
    const now = Math.floor(Date.now() / 1000);
    const forged = await fetch(hookUrl, { method: "POST", headers: { "content-type": "application/json", "x-zw-signature": sign("whsec_attacker", now, body) }, body });
    expect(forged.status).toBe(400);
    const stale = await fetch(hookUrl, { method: "POST", headers: { "content-type": "application/json", "x-zw-signature": sign(secret, now - 3600, body) }, body });
    expect(stale.status).toBe(400);

    // Redelivery of the same event: accepted (2xx) but handled once.
    ok(await h.gql(`mutation($d: ID!) { redeliverWebhook(deliveryId: $d) { delivery { status } } }`, { d: delivery.id }, { apiKey: key }));
    await deliverDueWebhooks(h.platform.app);
    const log2 = ok(await h.gql(`query($s: ID!) { webhookDeliveries(subscriptionId: $s) { edges { node { status lastStatusCode attempts } } } }`, { s: sub.createWebhookSubscription.subscription.id }, { apiKey: key }));
    expect(log2.webhookDeliveries.edges[0].node).toMatchObject({ status: "DELIVERED", lastStatusCode: 200 });
    expect(events()).toHaveLength(1);
  });
});

describe("signature verifiers of the webhook guide", () => {
  const secret = "whsec_example_secret_value";
  const body = JSON.stringify({ id: "42", type: "case.opened", data: { title: "渣土车未密闭 / uncovered truck" } });
  // Signed when each test runs: the verifiers refuse timestamps more than 5 minutes old.
  let now = 0;
  let header = "";
  beforeEach(() => {
    now = Math.floor(Date.now() / 1000);
    header = sign(secret, now, body);
  });

  it("Node.js (sample client)", () => {
    expect(client.verifySignature(secret, header, Buffer.from(body))).toBe(true);
    expect(client.verifySignature(secret, header, Buffer.from(body.replace("42", "43")))).toBe(false);
    expect(client.verifySignature([secret + "x", secret], header, body)).toBe(true); // rotation: any of the secrets
    expect(client.verifySignature(secret, sign(secret, now - 600, body), body)).toBe(false);
  });

  const has = (cmd: string) => spawnSync(cmd, ["--version"], { encoding: "utf8" }).status === 0;
  it.skipIf(!has("python3"))("Python", () => {
    const run = (b: string, hd?: string) => spawnSync("python3", [path.join(EXAMPLES, "webhook_verify.py"), secret, hd ?? header], { input: b, encoding: "utf8" }).status;
    expect(run(body)).toBe(0);
    expect(run(body + " ")).toBe(1);
    expect(run(body, sign("whsec_other", now, body))).toBe(1);
  });

  it.skipIf(!has("java"))("Java", { timeout: 120_000 }, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "zw-java-"));
    dirs.push(out);
    // Single-file source launch (Java 11+).
    const run = (b: string, hd?: string) => spawnSync("java", [path.join(EXAMPLES, "WebhookVerify.java"), secret, hd ?? header], { input: b, encoding: "utf8", cwd: out }).status;
    expect(run(body)).toBe(0);
    expect(run(body.replace("uncovered", "covered"))).toBe(1);
    expect(run(body, sign(secret, now - 3600, body))).toBe(1);
  });
});
