/**
 * Alerts of one ingestion batch, written together (`AlertBatch`, core/alerts.ts): the plain merge and
 * round planning, then through POST /ingest/positions with a test stream rule — every new alert gets its
 * outbox event and webhook delivery, the live summaries travel in one NOTIFY, dedup holds within the
 * batch and against alerts already open, a deviation that ends and begins again in one batch is two
 * alerts, and a batch that fails writes nothing (points, alerts, events, deliveries).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { PUBSUB_CHANNEL, packMessages } from "../../graphql/pubsub.js";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { AlertBatch, mergeRaises, planAlertRounds, raiseAlert, resolveAlertByKey, type AlertOp, type RaiseAlert } from "./alerts.js";
import { systemPrincipal } from "./auth.js";
import { rows } from "./db.js";
import { clearTerminalCache, onPositions, registerTerminalDirectory, type TerminalInfo, type TrackedPosition } from "./tracking.js";

const base = (key: string, extra: Partial<RaiseAlert> = {}): RaiseAlert => ({
  stream: "construction",
  rule: "TEST_RULE",
  severity: "MEDIUM",
  title: `测试预警 ${key}`,
  subjectType: "Vehicle",
  subjectLabel: "浙D12345",
  districtId: 330602,
  dedupKey: key,
  ...extra,
});

describe("merging and planning (plain)", () => {
  it("merges raises of one key as consecutive raiseAlert calls would: first makes it, later ones bump it", () => {
    const t = (s: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, s));
    const m = mergeRaises([
      base("b", { at: t(5), detail: { n: 1 }, title: "first" }),
      base("a", { at: t(1) }),
      base("b", { at: t(9), detail: { n: 2 }, title: "second" }),
      base("b", { at: t(7), detail: { n: 3 } }),
    ]);
    expect(m.map((x) => x.first.dedupKey)).toEqual(["a", "b"]);
    const b = m[1]!;
    expect(b.first.title).toBe("first");
    expect(b.first.at).toEqual(t(5));
    expect(b.occurrences).toBe(3);
    expect(b.detail).toEqual({ n: 3 });
    expect(b.lastSeenAt).toEqual(t(9));
  });

  it("splits operations into rounds only where a close follows a raise of the same key", () => {
    const r = (k: string): AlertOp => ({ kind: "raise", alert: base(k) });
    const c = (k: string): AlertOp => ({ kind: "resolve", dedupKey: k, disposition: "back" });
    const shape = (ops: AlertOp[]) => planAlertRounds(ops).map((x) => ({ closes: x.resolves.map((y) => y.dedupKey), raises: x.raises.map((y) => y.dedupKey) }));
    expect(shape([])).toEqual([]);
    expect(shape([r("a"), r("b"), r("a"), c("x"), c("x")])).toEqual([{ closes: ["x"], raises: ["a", "b", "a"] }]);
    // closed then raised again: one round (closes run first)
    expect(shape([c("a"), r("a")])).toEqual([{ closes: ["a"], raises: ["a"] }]);
    // raised then closed then raised: the close must see the alert
    expect(shape([r("a"), r("b"), c("a"), r("a")])).toEqual([
      { closes: [], raises: ["a", "b"] },
      { closes: ["a"], raises: ["a"] },
    ]);
  });

  it("packs live summaries into as few NOTIFY messages as fit 8,000 bytes", () => {
    const one = { id: 1, title: "偏离核准路线".repeat(30) };
    const msgs = packMessages("T", Array.from({ length: 40 }, (_, i) => ({ ...one, id: i })));
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) expect(Buffer.byteLength(m)).toBeLessThanOrEqual(7900);
    expect(msgs.flatMap((m) => JSON.parse(m).payloads.map((p: { id: number }) => p.id))).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});

// ——— through the ingestion ———

const fleet: TerminalInfo[] = [1, 2, 3].map((i) => ({ terminalId: `AB-00${i}`, plate: `浙D5000${i}`, stream: "construction" as const, vehicleId: 9000 + i, districtId: 330602, org: { kind: "construction.company", id: 7 } }));

/** What the test rule does with the next batch. */
let rule: (w: Writer, batch: TrackedPosition[], alerts: AlertBatch) => Promise<void> = async () => {};

let h: Harness;
let key: string;
let admin: string;
const messages: string[] = [];
let unlisten: () => Promise<void>;
beforeAll(async () => {
  h = await createHarness();
  registerTerminalDirectory("construction", async (_tx, q) => fleet.filter((f) => q.terminalIds.includes(f.terminalId) || q.plates.includes(f.plate)));
  onPositions("construction", (w, batch, alerts) => rule(w, batch, alerts));
  clearTerminalCache();
  admin = await h.login("admin");
  key = ok(await h.gql(`mutation { createApiKey(input: { name: "GPS vendor", scopes: ["construction:ingest"] }) { secret } }`, {}, { token: admin })).createApiKey.secret;
  // A third party subscribed to alerts of the stream (deliveries are fanned out in the batch's transaction).
  const hook = ok(await h.gql(`mutation { createApiKey(input: { name: "hook", scopes: ["construction:read"] }) { secret } }`, {}, { token: admin })).createApiKey.secret;
  const sub = ok(await h.gql(`mutation { createWebhookSubscription(input: { url: "http://127.0.0.1:9/hook", eventTypes: ["alert.raised", "alert.closed"] }) { userErrors { code } } }`, {}, { apiKey: hook }));
  expect(sub.createWebhookSubscription.userErrors).toEqual([]);
  unlisten = await h.database.listen(PUBSUB_CHANNEL, (m) => messages.push(m));
});
afterAll(async () => {
  await unlisten?.();
  await h?.close();
});

let t0 = Date.now() - 3 * 3600_000;
/** `n` points per terminal, 10 s apart, far from any registered road or place. */
function points(terminals: string[], n: number) {
  const out = [];
  for (const t of terminals) for (let i = 0; i < n; i++) out.push({ terminalId: t, time: new Date(t0 + i * 10_000).toISOString(), lon: 121.9 + i * 0.001, lat: 31.2, speed: 30, heading: 90 });
  t0 += n * 10_000 + 60_000;
  return out;
}
const post = (positions: unknown[]) =>
  h.platform.server.inject({ method: "POST", url: "/ingest/positions", headers: { "content-type": "application/json", "x-api-key": key }, payload: JSON.stringify({ positions }) });

const alertsWith = (prefix: string) =>
  rows<{ id: number; dedup_key: string; status: string; occurrences: number; detail: { i: number }; raised_at: string | Date; last_seen_at: string | Date; disposition: string | null }>(
    h.database.db,
    sql`select id, dedup_key, status, occurrences, detail, raised_at, last_seen_at, disposition from core.alerts where dedup_key like ${`${prefix}%`} order by id`,
  );
const eventsOf = (ids: number[]) =>
  rows<{ id: number; type: string; entity_id: string; deliveries: number }>(
    h.database.db,
    sql`select e.id, e.type, e.entity_id, (select count(*)::int from core.webhook_deliveries d where d.event_id = e.id) as deliveries
        from core.events e where e.entity = 'Alert' and e.entity_id = any(${`{${ids.join(",") || "0"}}`}::text[]) order by e.id`,
  );
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe("alerts of one ingestion batch", () => {
  it("gives every new alert its outbox event and webhook delivery, and sends the live summaries in one NOTIFY", async () => {
    rule = async (_w, batch, alerts) => {
      // one alert per vehicle (the first point of each)
      for (const p of batch) if (p === batch.find((q) => q.vehicle.vehicleId === p.vehicle.vehicleId)) alerts.raise(base(`t1:${p.vehicle.vehicleId}`, { subjectId: p.vehicle.vehicleId, subjectLabel: p.vehicle.plate, at: p.at, org: p.vehicle.org }));
    };
    messages.length = 0;
    const res = await post(points(["AB-001", "AB-002", "AB-003"], 4));
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(12);
    const a = await alertsWith("t1:");
    expect(a.map((x) => [x.dedup_key, x.status, x.occurrences])).toEqual([
      ["t1:9001", "OPEN", 1],
      ["t1:9002", "OPEN", 1],
      ["t1:9003", "OPEN", 1],
    ]);
    const ev = await eventsOf(a.map((x) => x.id));
    expect(ev.map((e) => [e.type, Number(e.entity_id), e.deliveries])).toEqual(a.map((x) => ["alert.raised", x.id, 1]));
    await until(() => messages.some((m) => m.includes("t1:") || m.includes("测试预警 t1:")));
    const live = messages.map((m) => JSON.parse(m)).filter((m) => m.topic === "ALERT_RAISED");
    expect(live).toHaveLength(1);
    expect(live[0].payloads.map((p: { id: number }) => p.id)).toEqual(a.map((x) => x.id));
  });

  it("de-duplicates within the batch and against alerts already open", async () => {
    // An alert already open for vehicle 9002 (raised by an earlier batch or a job).
    await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => raiseAlert(w, base("t2:9002", { detail: { i: -1 } })));
    const [open] = await alertsWith("t2:9002");
    rule = async (_w, batch, alerts) => {
      batch.forEach((p, i) => alerts.raise(base(`t2:${p.vehicle.vehicleId}`, { at: p.at, detail: { i } })));
    };
    const pts = points(["AB-001", "AB-002"], 3);
    expect((await post(pts)).json().accepted).toBe(6);
    const a = await alertsWith("t2:");
    expect(a.map((x) => [x.dedup_key, x.status, x.occurrences])).toEqual([
      ["t2:9002", "OPEN", 4],
      ["t2:9001", "OPEN", 3],
    ]);
    expect(a[0]!.id).toBe(open!.id);
    // The latest detail and time are kept; the first raise's time is when it was raised.
    const v1 = a[1]!;
    expect(v1.detail.i).toBe(2);
    expect(new Date(v1.raised_at).getTime()).toBe(Date.parse(pts[0]!.time));
    expect(new Date(v1.last_seen_at).getTime()).toBe(Date.parse(pts[2]!.time));
    expect(a[0]!.detail.i).toBe(5);
    // One event for the new alert, none for the bumped one (its event was sent when it was raised).
    expect((await eventsOf(a.map((x) => x.id))).map((e) => [e.type, Number(e.entity_id)])).toEqual([
      ["alert.raised", open!.id],
      ["alert.raised", v1.id],
    ]);
  });

  it("a deviation that ends and begins again within one batch is two alerts, the first closed (audited, alert.closed)", async () => {
    rule = async (_w, batch, alerts) => {
      for (const [i, p] of batch.entries()) {
        if (i === 0 || i === 2) alerts.raise(base("t3:9003", { at: p.at, detail: { i } }));
        if (i === 1) alerts.resolve("t3:9003", "已回到核准路线 / back on the permitted route");
      }
    };
    expect((await post(points(["AB-003"], 3))).json().accepted).toBe(3);
    const a = await alertsWith("t3:");
    expect(a.map((x) => [x.status, x.occurrences, x.disposition])).toEqual([
      ["CLOSED", 1, "已回到核准路线 / back on the permitted route"],
      ["OPEN", 1, null],
    ]);
    const ev = await eventsOf(a.map((x) => x.id));
    expect(ev.map((e) => [e.type, Number(e.entity_id), e.deliveries]).sort()).toEqual(
      [
        ["alert.raised", a[0]!.id, 1],
        ["alert.closed", a[0]!.id, 1],
        ["alert.raised", a[1]!.id, 1],
      ].sort(),
    );
    const audit = await rows<{ action: string; changes: { status: string[] } }>(h.database.db, sql`select action, changes from core.audit_log where entity = 'Alert' and entity_id = ${String(a[0]!.id)}`);
    expect(audit).toEqual([{ action: "close", changes: { status: ["OPEN", "CLOSED"], disposition: "已回到核准路线 / back on the permitted route" } }]);
  });

  it("a batch that fails after its alerts were written leaves nothing: no points, alerts, events or deliveries", async () => {
    const before = await rows<{ e: number; d: number; p: number }>(
      h.database.db,
      sql`select (select count(*)::int from core.events) e, (select count(*)::int from core.webhook_deliveries) d, (select count(*)::int from core.positions where terminal_id like 'AB-%') p`,
    );
    let writtenInside = -1;
    rule = async (w, batch, alerts) => {
      for (const p of batch) alerts.raise(base(`t4:${p.vehicle.vehicleId}`, { at: p.at }));
      await alerts.flush(w);
      writtenInside = (await rows<{ n: number }>(w.tx, sql`select count(*)::int n from core.alerts where dedup_key like 't4:%'`))[0]!.n;
      throw new Error("rule failed after writing its alerts");
    };
    messages.length = 0;
    const res = await post(points(["AB-001", "AB-002", "AB-003"], 2));
    expect(res.statusCode).toBe(500);
    rule = async () => {};
    // written inside the transaction…
    expect(writtenInside).toBe(3);
    expect(await alertsWith("t4:")).toEqual([]);
    const after = await rows<{ e: number; d: number; p: number }>(
      h.database.db,
      sql`select (select count(*)::int from core.events) e, (select count(*)::int from core.webhook_deliveries) d, (select count(*)::int from core.positions where terminal_id like 'AB-%') p`,
    );
    expect(after).toEqual(before);
    // …and nothing went live (NOTIFY is sent on commit only).
    await new Promise((r) => setTimeout(r, 200));
    expect(messages.filter((m) => m.includes("t4:") || m.includes("ALERT_RAISED"))).toEqual([]);
  });
});

describe("AlertBatch on its own", () => {
  it("writes nothing when empty and reports what it did", async () => {
    const r = await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, async (w) => {
      const empty = await new AlertBatch().flush(w);
      const b = new AlertBatch();
      b.raise(base("t5:a"));
      b.raise(base("t5:a"));
      b.raise(base("t5:b"));
      b.resolve("t5:none", "nothing open");
      return { empty, full: await b.flush(w) };
    });
    expect(r).toEqual({ empty: { created: 0, bumped: 0, closed: 0 }, full: { created: 2, bumped: 0, closed: 0 } });
    expect(() => new AlertBatch().resolve("x", " ")).toThrow(/disposition/);
  });
});

describe("AlertBatch against raiseAlert / resolveAlertByKey one by one", () => {
  it("leaves the same alerts and events for random sequences of raises and closes (some keys already open)", async () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const sys = systemPrincipal("test");
    for (let round = 0; round < 12; round++) {
      const n = 5 + Math.floor(rnd() * 25);
      const ops: AlertOp[] = [];
      const t = Date.UTC(2026, 10, 1, 8) + round * 3600_000;
      for (let i = 0; i < n; i++) {
        const k = `k${Math.floor(rnd() * 4)}`;
        if (rnd() < 0.7) ops.push({ kind: "raise", alert: base(k, { at: new Date(t + Math.floor(rnd() * 600) * 1000), detail: { i }, title: `t${i}` }) });
        else ops.push({ kind: "resolve", dedupKey: k, disposition: `d${i}` });
      }
      const open = ["k0", "k1", "k2", "k3"].filter(() => rnd() < 0.4);
      const result: Record<string, unknown>[] = [];
      for (const how of ["one", "batch"] as const) {
        const p = `eq${round}${how}:`;
        const key = (k: string) => `${p}${k}`;
        await withWriter(h.platform.app, sys, { operation: "test" }, async (w) => {
          for (const k of open) await raiseAlert(w, base(key(k), { at: new Date(t - 60_000), detail: { i: -1 }, title: "open" }));
        });
        await withWriter(h.platform.app, sys, { operation: "test" }, async (w) => {
          if (how === "one") {
            for (const op of ops) {
              if (op.kind === "raise") await raiseAlert(w, { ...op.alert, dedupKey: key(op.alert.dedupKey) });
              else await resolveAlertByKey(w, key(op.dedupKey), op.disposition);
            }
          } else {
            const b = new AlertBatch();
            for (const op of ops) {
              if (op.kind === "raise") b.raise({ ...op.alert, dedupKey: key(op.alert.dedupKey) });
              else b.resolve(key(op.dedupKey), op.disposition);
            }
            await b.flush(w);
          }
        });
        const a = await rows<{ id: number; dedup_key: string; status: string; occurrences: number; title: string; detail: unknown; raised_at: string | Date; last_seen_at: string | Date; disposition: string | null }>(
          h.database.db,
          sql`select id, dedup_key, status, occurrences, title, detail, raised_at, last_seen_at, disposition from core.alerts where dedup_key like ${`${p}%`}`,
        );
        const ev = await rows<{ entity_id: string; type: string; payload: Record<string, unknown> }>(
          h.database.db,
          sql`select entity_id, type, payload from core.events where entity = 'Alert' and entity_id = any(${`{${a.map((x) => x.id).join(",") || "0"}}`}::text[])`,
        );
        // Compared without ids and in a stable order (the batch writes closes of a round before its raises).
        const byId = new Map(a.map((x) => [String(x.id), x]));
        const shape = (x: (typeof a)[number]) => ({
          key: x.dedup_key.slice(p.length),
          status: x.status,
          occurrences: x.occurrences,
          title: x.title,
          detail: x.detail,
          raisedAt: new Date(x.raised_at).getTime(),
          lastSeenAt: new Date(x.last_seen_at).getTime(),
          disposition: x.disposition,
          events: ev
            .filter((e) => e.entity_id === String(x.id))
            .map((e) => `${e.type}:${JSON.stringify({ ...e.payload, alertId: undefined })}`)
            .sort(),
        });
        result.push({ alerts: a.map(shape).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))), events: ev.filter((e) => byId.has(e.entity_id)).length });
      }
      expect(result[1], `round ${round}: ${JSON.stringify(ops.map((o) => (o.kind === "raise" ? `+${o.alert.dedupKey}` : `-${o.dedupKey}`)))} open ${open}`).toEqual(result[0]);
    }
  });
});
