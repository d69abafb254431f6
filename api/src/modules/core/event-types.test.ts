/**
 * The webhook event catalogue (issue 9): every event type the code emits can be subscribed to, and
 * nothing is listed that is never emitted. The source is read: each `w.emit({ … })` call's `type:` is
 * taken with every string literal it may be (ternaries included). Then, through the API, a key
 * subscribes to the types the issue names, and a real stream event (hazard.overdue from the hazardous
 * job) is delivered, signed, to a receiver.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWriter } from "../../graphql/mutation.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { checkOverdueHazards, reportHazard } from "../hazardous/census.js";
import { buildWorld } from "../hazardous/test-fixtures.js";
import { addDays, shanghaiDay } from "../overview/periods.js";
import "../index.js";
import { systemPrincipal } from "./auth.js";
import { allEventTypes, deliverDueWebhooks, verifySignature, WEBHOOK_POLICY } from "./webhooks.js";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Every event type literal passed to `w.emit(...)` in the API's sources, with where it is emitted. */
function emittedTypes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const s = fs.readFileSync(file, "utf8");
    for (let i = s.indexOf("w.emit("); i >= 0; i = s.indexOf("w.emit(", i + 1)) {
      let depth = 0;
      let j = i + "w.emit".length;
      for (; j < s.length; j++) {
        if (s[j] === "(") depth++;
        else if (s[j] === ")" && --depth === 0) break;
      }
      const call = s.slice(i, j);
      // `type:` up to the next property (`stream:`) — a literal or an expression choosing between literals.
      const m = /\btype:\s*([\s\S]+?),\s*stream:/.exec(call);
      const where = `${path.relative(SRC, file)}:${s.slice(0, i).split("\n").length}`;
      expect(m, `${where}: w.emit without type/stream`).not.toBeNull();
      const literals = [...m![1]!.matchAll(/"([a-z_]+\.[a-z_.]+)"/g)].map((x) => x[1]!);
      expect(literals.length, `${where}: the event type must be a string literal (or a choice of literals)`).toBeGreaterThan(0);
      for (const t of literals) found.set(t, [...(found.get(t) ?? []), where]);
    }
  }
  return found;
}

describe("event type catalogue", () => {
  it("registers every type the code emits, describes each in Chinese and English, and lists none that is never emitted", () => {
    const emitted = emittedTypes();
    const registered = new Map(allEventTypes().map((e) => [e.type, e]));
    // The sources were really read: all four streams and core emit events.
    expect(emitted.size).toBeGreaterThan(40);
    const missing = [...emitted.keys()].filter((t) => !registered.has(t)).map((t) => `${t} (${emitted.get(t)!.join(", ")})`);
    expect(missing, "emitted but not registered: third parties could not subscribe").toEqual([]);
    const phantom = [...registered.keys()].filter((t) => !emitted.has(t));
    expect(phantom, "registered but never emitted").toEqual([]);
    for (const e of registered.values()) {
      expect(e.descriptionZh, e.type).toMatch(/\p{Script=Han}/u);
      expect(e.descriptionEn, e.type).toMatch(/^[A-Z][ -~]+$/);
      expect(e.stream, e.type).toMatch(/^(\*|(construction|hazardous|recycling|cells)(, (construction|hazardous|recycling|cells))*)$/);
    }
    // A type two streams emit is one entry naming both.
    expect(registered.get("manifest.state_changed")!.stream).toBe("construction, hazardous");
  });
});

// ——— through the API ———
let h: Harness;
let admin: string;
const got: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    got.push({ url: req.url ?? "", headers: req.headers, body });
    res.end("ok");
  });
});
let url: string;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.login("admin");
  url = await new Promise<string>((r) => receiver.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`)));
  WEBHOOK_POLICY.baseBackoffMs = 1;
  WEBHOOK_POLICY.maxBackoffMs = 5;
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await h?.close();
});

async function newKey(scopes: string[]) {
  return ok(await h.gql(`mutation($s: [String!]!) { createApiKey(input: { name: "events", scopes: $s }) { secret } }`, { s: scopes }, { token: admin })).createApiKey.secret as string;
}
const SUBSCRIBE = `mutation($u: String!, $t: [String!]!) { createWebhookSubscription(input: { url: $u, eventTypes: $t }) { subscription { id eventTypes } secret userErrors { code field message } } }`;

describe("subscribing to the streams' events", () => {
  it("accepts every type the issue names, and the catalogue query lists the streams' types", async () => {
    const key = await newKey(["construction:read", "hazardous:read", "cells:read"]);
    const named = ["manifest.state_changed", "alert.raised", "alert.closed", "permit.issued", "permit.revoked", "hazard.overdue", "cell.certified"];
    const r = ok(await h.gql(SUBSCRIBE, { u: url, t: named }, { apiKey: key })).createWebhookSubscription;
    expect(r.userErrors).toEqual([]);
    expect(r.subscription.eventTypes).toEqual([...named].sort());
    const unknown = ok(await h.gql(SUBSCRIBE, { u: url, t: ["permit.issued", "permit.stolen"] }, { apiKey: key })).createWebhookSubscription;
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: "UNKNOWN_EVENT_TYPE", field: "input.eventTypes" })]);
    const catalogue = ok(await h.gql(`{ webhookEventTypes { type stream descriptionZh descriptionEn } }`, {}, { apiKey: key })).webhookEventTypes;
    const types = catalogue.map((e: { type: string }) => e.type);
    for (const t of named) expect(types).toContain(t);
    expect(catalogue.find((e: { type: string }) => e.type === "cell.certified")).toEqual({ type: "cell.certified", stream: "cells", descriptionZh: "无废细胞命名", descriptionEn: "A zero-waste cell was certified" });
  });

  it("delivers a stream's own event (hazard.overdue from the overdue job), signed, only to the key that subscribed to it", async () => {
    const key = await newKey(["hazardous:read"]);
    const mine = ok(await h.gql(SUBSCRIBE, { u: `${url}?mine`, t: ["hazard.overdue"] }, { apiKey: key })).createWebhookSubscription;
    expect(mine.userErrors).toEqual([]);
    const other = await newKey(["hazardous:read"]);
    expect(ok(await h.gql(SUBSCRIBE, { u: `${url}?other`, t: ["hazard.found"] }, { apiKey: other })).createWebhookSubscription.userErrors).toEqual([]);

    const world = await buildWorld(await h.seedContext());
    const today = shanghaiDay(new Date());
    const sys = systemPrincipal("event-types-test");
    await withWriter(h.platform.app, sys, { operation: "test" }, (w) =>
      reportHazard(w, { unitId: world.producer, districtId: 330603, category: "STORAGE", severity: "HIGH", description: "危废贮存间无防渗", responsibleUnit: "企业", deadline: addDays(today, -1), foundOn: addDays(today, -10) }),
    );
    got.length = 0;
    const n = await withWriter(h.platform.app, sys, { operation: "test" }, (w) => checkOverdueHazards(w, today));
    expect(n).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 20; i++) {
      await deliverDueWebhooks(h.platform.app);
      await new Promise((r) => setTimeout(r, 20));
    }
    const to = (q: string) => got.filter((g) => g.url.endsWith(q)).map((g) => ({ ...g, event: JSON.parse(g.body) }));
    const overdue = to("?mine");
    expect(overdue.map((g) => g.event.type)).toEqual(Array.from({ length: n }, () => "hazard.overdue"));
    expect(overdue[0]!.event).toMatchObject({ type: "hazard.overdue", stream: "hazardous", entity: "Hazard", districtId: 330603, data: { deadline: addDays(today, -1) } });
    expect(verifySignature(mine.secret, String(overdue[0]!.headers["x-zw-signature"]), overdue[0]!.body)).toBe(true);
    // The other key subscribed to hazard.found only: it got the hazard reported above, not the overdue event.
    expect(to("?other").map((g) => g.event.type)).toEqual(["hazard.found"]);
  });
});
