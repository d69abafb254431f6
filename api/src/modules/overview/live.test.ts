/**
 * Live alerts and the overview cache across TWO API processes on one PostgreSQL database (the way the
 * platform runs behind one address): process A is this test's platform, process B the built server
 * (`node api/dist/main.js`) started as a child process. Events cross through LISTEN/NOTIFY:
 * - an alert raised through A reaches a graphql-ws subscriber of B, and one raised through B a
 *   subscriber of A; a caller who may not read that stream receives nothing;
 * - a figure cached by A is replaced after a write through B (the read models' NOTIFY).
 * PostgreSQL only (PGlite is one process). Needs the API built (`npm run build`, part of `npm test`).
 */
import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { toGlobalId } from "../../graphql/ids.js";
import { apiRoot } from "../../paths.js";
import { createHarness, ok, TEST_DB, type Harness } from "../../test/harness.js";

const postgresOnly = TEST_DB === "postgres";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

let h: Harness;
let urlA: string;
let urlB: string;
let child: ChildProcess | null = null;
let childOutput = "";
const clients: Client[] = [];

async function gqlAt(base: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const j = (await r.json()) as { data?: any; errors?: unknown[] };
  if (j.errors) throw new Error(JSON.stringify(j.errors));
  return j.data;
}

/** Subscribes to alertRaised at `base`; resolves once the server acknowledged the subscription. */
async function subscribe(base: string, token: string): Promise<{ events: { id: string; stream: string; title: string }[]; next: (pred: (e: { title: string }) => boolean, ms?: number) => Promise<{ id: string; stream: string; title: string }> }> {
  const events: { id: string; stream: string; title: string }[] = [];
  const waiters: { pred: (e: { title: string }) => boolean; resolve: (e: { id: string; stream: string; title: string }) => void }[] = [];
  const client = createClient({ url: base.replace(/^http/, "ws") + "/graphql", webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.on("connected", () => resolve());
    client.on("error", (e) => reject(e));
  });
  client.subscribe<{ alertRaised: { id: string; stream: string; title: string } }>(
    { query: "subscription { alertRaised { id stream title severity } }" },
    {
      next: (r) => {
        const e = r.data!.alertRaised;
        events.push(e);
        for (const w of [...waiters]) if (w.pred(e)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(e));
      },
      error: () => {},
      complete: () => {},
    },
  );
  // graphql-ws sends "subscribe" without an acknowledgement: give the server a moment to register it.
  await new Promise((r) => setTimeout(r, 300));
  return {
    events,
    next: (pred, ms = 15_000) =>
      new Promise((resolve, reject) => {
        const hit = events.find(pred);
        if (hit) return resolve(hit);
        const t = setTimeout(() => reject(new Error(`no matching alert within ${ms} ms; got ${JSON.stringify(events)}`)), ms);
        waiters.push({ pred, resolve: (e) => (clearTimeout(t), resolve(e)) });
      }),
  };
}

/** An overdue task (deadline in the past) raises cells.task_overdue at once. */
const OVERDUE_TASK = `mutation($i: CreateTrackingTaskInput!) { createTrackingTask(input: $i) { task { id } userErrors { code message } } }`;
const overdueTask = (title: string) => ({ i: { title, departmentId: toGlobalId("Department", 7), owner: "测试", year: 2026, deadline: "2020-01-31" } });

beforeAll(async () => {
  if (!postgresOnly) return;
  const main = path.join(apiRoot, "dist", "main.js");
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: build the API first (cd api && npm run build)`);
  h = await createHarness(); // migrates and seeds the demo accounts
  urlA = await h.platform.listen();
  const port = await freePort();
  urlB = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [main], {
    cwd: path.dirname(apiRoot),
    env: { ...process.env, DATABASE_URL: h.config.databaseUrl, PORT: String(port), HOST: "127.0.0.1", DEMO: "0", WORKERS: "0", LOG_LEVEL: "silent", WEB_ROOT: "/nonexistent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (childOutput += d));
  child.stderr!.on("data", (d) => (childOutput += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process B exited (${child.exitCode}): ${childOutput}`);
    try {
      if ((await fetch(`${urlB}/readyz`)).ok) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error(`process B did not start: ${childOutput}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 300_000);

afterAll(async () => {
  for (const c of clients) await c.dispose();
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise<void>((r) => {
      const t = setTimeout(() => (child!.kill("SIGKILL"), r()), 10_000);
      child!.once("exit", () => (clearTimeout(t), r()));
    });
  }
  await h?.close();
});

describe.runIf(postgresOnly)("two API processes on one database", () => {
  it("delivers an alert raised through one process to subscribers of the other, filtered by what each may read", async () => {
    const leader = await h.login("leader");
    const office = await h.login("office");
    const xinchang = await h.login("commerce.xinchang"); // recycling staff of Xinchang: no cells alerts
    const onB = await subscribe(urlB, leader);
    const onA = await subscribe(urlA, leader);
    const outsiderOnB = await subscribe(urlB, xinchang);

    const created = await gqlAt(urlA, office, OVERDUE_TASK, overdueTask("跨进程预警测试：经 A 写入"));
    expect(created.createTrackingTask.userErrors).toEqual([]);
    const viaB = await onB.next((e) => e.title.includes("跨进程预警测试：经 A 写入"));
    expect(viaB.stream).toBe("cells");
    await onA.next((e) => e.title.includes("跨进程预警测试：经 A 写入"));

    const created2 = await gqlAt(urlB, office, OVERDUE_TASK, overdueTask("跨进程预警测试：经 B 写入"));
    expect(created2.createTrackingTask.userErrors).toEqual([]);
    const viaA = await onA.next((e) => e.title.includes("跨进程预警测试：经 B 写入"));
    expect(viaA.id).not.toBe(viaB.id);
    await onB.next((e) => e.title.includes("跨进程预警测试：经 B 写入"));

    // Both alerts arrived everywhere they may; the recycling staff of Xinchang got none of them.
    await new Promise((r) => setTimeout(r, 500));
    expect(outsiderOnB.events).toEqual([]);
    // The alert is the one in the list (same id through either process).
    const list = await gqlAt(urlA, leader, `{ alerts(first: 5, filter: { stream: cells }) { edges { node { id title } } } }`);
    expect(list.alerts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expect.arrayContaining([viaA.id, viaB.id]));
  });

  it("replaces a figure cached by one process after a write through the other", async () => {
    const leader = await h.login("leader");
    const office = await h.login("office");
    const Q = `{ overviewFigures { streams { stream figures { key value } } } }`;
    const overdue = async (base: string) => {
      const d = await gqlAt(base, leader, Q);
      return d.overviewFigures.streams.find((s: { stream: string }) => s.stream === "cells").figures.find((f: { key: string }) => f.key === "cells.tasksOverdue").value as string;
    };
    const before = await overdue(urlA); // computed and cached by A
    expect(await overdue(urlA)).toBe(before); // answered from A's cache
    const r = await gqlAt(urlB, office, OVERDUE_TASK, overdueTask("跨进程缓存测试"));
    expect(r.createTrackingTask.userErrors).toEqual([]);
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await new Promise((res) => setTimeout(res, 100));
      after = await overdue(urlA);
    }
    expect(Number(after)).toBe(Number(before) + 1);
    expect(await overdue(urlB)).toBe(after);
  });
});

describe.runIf(!postgresOnly)("two API processes (PostgreSQL only)", () => {
  it("is covered by the postgres project", () => {
    expect(TEST_DB).toBe("pglite");
  });
});
