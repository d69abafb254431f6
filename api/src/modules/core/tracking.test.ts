import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { rows } from "./db.js";
import { clearTerminalCache, onPositions, registerTerminalDirectory, type TerminalInfo, type TrackedPosition } from "./tracking.js";

// A test directory standing in for a stream's vehicle register (the streams register their own).
const fleet: TerminalInfo[] = [
  { terminalId: "T-001", plate: "浙D12345", stream: "construction", vehicleId: 1, districtId: 330602, org: { kind: "construction.company", id: 7 } },
  { terminalId: "T-002", plate: "浙D23456", stream: "construction", vehicleId: 2, districtId: 330603, org: null },
  { terminalId: "H-001", plate: "浙D9876挂", stream: "hazardous", vehicleId: 1, districtId: 330603, org: null },
];
const seen: TrackedPosition[][] = [];
/** Registered after the platform starts, so the test fleet replaces the streams' own vehicle registers. */
function registerTestFleet() {
  registerTerminalDirectory("construction", async (_tx, q) => fleet.filter((f) => f.stream === "construction" && (q.terminalIds.includes(f.terminalId) || q.plates.includes(f.plate))));
  registerTerminalDirectory("hazardous", async (_tx, q) => fleet.filter((f) => f.stream === "hazardous" && (q.terminalIds.includes(f.terminalId) || q.plates.includes(f.plate))));
  onPositions("construction", async (_w, batch) => {
    seen.push(batch);
  });
}

let h: Harness;
let key: string;
let hazKey: string;
beforeAll(async () => {
  h = await createHarness();
  registerTestFleet();
  clearTerminalCache();
  const admin = await h.login("admin");
  key = ok(await h.gql(`mutation { createApiKey(input: { name: "GPS vendor", scopes: ["construction:ingest"] }) { secret } }`, {}, { token: admin })).createApiKey.secret;
  hazKey = ok(await h.gql(`mutation { createApiKey(input: { name: "HZ vendor", scopes: ["hazardous:ingest", "hazardous:read"] }) { secret } }`, {}, { token: admin })).createApiKey.secret;
});
afterAll(async () => h?.close());

const post = (body: unknown, apiKey?: string) =>
  h.platform.server.inject({ method: "POST", url: "/ingest/positions", headers: { "content-type": "application/json", ...(apiKey ? { "x-api-key": apiKey } : {}) }, payload: JSON.stringify(body) });

const t0 = Date.now() - 3600_000;
const pt = (terminalId: string, i: number, extra: Record<string, unknown> = {}) => ({ terminalId, time: new Date(t0 + i * 10_000).toISOString(), lon: 120.58 + i * 0.001, lat: 30.0, speed: 35, heading: 90, ...extra });

describe("GPS ingestion", () => {
  it("stores good points, rejects bad ones with reasons, and keeps the good ones", async () => {
    const res = await post(
      {
        positions: [
          pt("T-001", 0),
          pt("T-001", 1),
          { terminalId: "T-001", time: "not a time", lon: 120, lat: 30 },
          pt("T-001", 2, { lat: 95 }),
          pt("NOPE-9", 3),
          pt("T-001", 4, { speed: -3 }),
          { plate: "浙D23456", time: new Date(t0).toISOString(), lon: 120.6, lat: 30.1 },
        ],
      },
      key,
    );
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.accepted).toBe(3);
    expect(r.rejected.map((x: { index: number }) => x.index)).toEqual([2, 3, 4, 5]);
    expect(r.rejected.find((x: { index: number }) => x.index === 4).reason).toMatch(/unknown terminal/);
    expect(r.rejected.find((x: { index: number }) => x.index === 3).reason).toMatch(/^lat/);
  });

  it("is idempotent: a resent batch stores nothing twice", async () => {
    const batch = { positions: [pt("T-001", 10), pt("T-001", 11), pt("T-001", 11)] };
    const first = (await post(batch, key)).json();
    const second = (await post(batch, key)).json();
    expect(first).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(second).toMatchObject({ accepted: 0, duplicates: 3 });
    const [c] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.positions where terminal_id = 'T-001' and at in (${new Date(t0 + 100_000).toISOString()}::timestamptz, ${new Date(t0 + 110_000).toISOString()}::timestamptz)`);
    expect(c!.n).toBe(2);
  });

  it("accepts late and out-of-order points; the last position only moves forward", async () => {
    ok(await h.gql(`{ me { scopes } }`, {}, { apiKey: key }));
    await post({ positions: [pt("T-002", 30)] }, key);
    const late = (await post({ positions: [pt("T-002", 20), { ...pt("T-002", 0), time: new Date(Date.now() - 5 * 86_400_000).toISOString() }] }, key)).json();
    expect(late.accepted).toBe(2);
    const [last] = await rows<{ at: Date }>(h.database.db, sql`select at from core.last_positions where stream = 'construction' and vehicle_id = 2`);
    expect(new Date(last!.at).getTime()).toBe(t0 + 300_000);
    const parts = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from pg_inherits where inhparent = 'core.positions'::regclass`);
    expect(parts[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it("hands newly stored points to the stream's rules, sorted by vehicle and time", async () => {
    seen.length = 0;
    await post({ positions: [pt("T-002", 52), pt("T-001", 51), pt("T-001", 50), pt("T-001", 50)] }, key);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.map((p) => `${p.vehicle.vehicleId}@${p.at.getTime()}`)).toEqual([`1@${t0 + 500_000}`, `1@${t0 + 510_000}`, `2@${t0 + 520_000}`]);
  });

  it("refuses points for a stream the key may not ingest, and requests without a key", async () => {
    const r = (await post({ positions: [pt("H-001", 1)] }, key)).json();
    expect(r.accepted).toBe(0);
    expect(r.rejected[0].reason).toMatch(/hazardous/);
    expect((await post({ positions: [pt("T-001", 99)] })).statusCode).toBe(401);
    const staff = await h.login("housing");
    const viaGql = await h.gql(`mutation { ingestPositions(positions: []) { accepted } }`, {}, { token: staff });
    expect(viaGql.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("ingests through GraphQL too, and serves last positions and tracks", async () => {
    const r = ok(
      await h.gql(
        `mutation($p: [PositionInput!]!) { ingestPositions(positions: $p) { accepted duplicates rejected { index reason } } }`,
        { p: [{ terminalId: "H-001", time: new Date(t0 + 1000).toISOString(), lon: 120.5, lat: 30.1, speed: 50 }, { terminalId: "H-001", time: new Date(t0 + 2000).toISOString(), lon: 120.51, lat: 30.1 }] },
        { apiKey: hazKey },
      ),
    );
    expect(r.ingestPositions).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const pos = ok(await h.gql(`{ vehiclePositions(stream: hazardous) { plate lon vehicleId } }`, {}, { apiKey: hazKey }));
    expect(pos.vehiclePositions).toHaveLength(1);
    expect(pos.vehiclePositions[0].lon).toBeCloseTo(120.51);
    const track = ok(
      await h.gql(`query($v: ID!, $f: DateTime!, $t: DateTime!) { vehicleTrack(stream: hazardous, vehicleId: $v, from: $f, to: $t) { at speedKmh } }`, {
        v: pos.vehiclePositions[0].vehicleId,
        f: new Date(t0 - 1000).toISOString(),
        t: new Date(t0 + 10_000).toISOString(),
      }, { apiKey: hazKey }),
    );
    expect(track.vehicleTrack.map((p: { speedKmh: number }) => p.speedKmh)).toEqual([50, 0]);
  });

  it("scopes the live map to the viewer's district", async () => {
    const shangyu = await h.login("housing.shangyu");
    const mine = ok(await h.gql(`{ vehiclePositions(stream: construction) { plate } }`, {}, { token: shangyu }));
    expect(mine.vehiclePositions).toEqual([]);
    const city = ok(await h.gql(`{ vehiclePositions(stream: construction) { plate } }`, {}, { token: await h.login("housing") }));
    expect(city.vehiclePositions.map((p: { plate: string }) => p.plate).sort()).toEqual(["浙D12345", "浙D23456"]);
  });
});
