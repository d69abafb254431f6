import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withWriter } from "./mutation.js";
import { createHarness, ok, type Harness } from "../test/harness.js";
import { raiseAlert, transitionAlert } from "../modules/core/alerts.js";
import { systemPrincipal } from "../modules/core/auth.js";
import { rows } from "../modules/core/db.js";
import { SYNC } from "./sync.js";

let h: Harness;
let key: string;
beforeAll(async () => {
  SYNC.settleSeconds = 1;
  h = await createHarness();
  const admin = await h.login("admin");
  key = ok(await h.gql(`mutation { createApiKey(input: { name: "province", scopes: ["construction:read", "hazardous:read", "recycling:read", "cells:read"] }) { secret } }`, {}, { token: admin })).createApiKey.secret;
});
afterAll(async () => h?.close());

const raise = (i: number) =>
  withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) =>
    raiseAlert(w, { stream: "construction", rule: "sync", severity: "LOW", title: `同步 ${i}`, subjectType: "Vehicle", subjectLabel: `V${i}`, districtId: 330602, dedupKey: `sync-${i}` }),
  );

/** Pages through alerts changed since `since` the way a third party does; returns ids and the max updatedAt seen. */
async function syncOnce(since: string): Promise<{ ids: string[]; last: string }> {
  const ids: string[] = [];
  let after: string | null = null;
  let last = since;
  for (;;) {
    const r: any = ok(await h.gql(`query($s: DateTime!, $a: String) { alerts(first: 7, after: $a, filter: { updatedSince: $s }) { edges { node { id updatedAt } } pageInfo { hasNextPage endCursor } } }`, { s: since, a: after }, { apiKey: key }));
    for (const e of r.alerts.edges) {
      ids.push(e.node.id);
      if (e.node.updatedAt > last) last = e.node.updatedAt;
    }
    if (!r.alerts.pageInfo.hasNextPage) return { ids, last };
    after = r.alerts.pageInfo.endCursor;
    // Concurrent writes while the client pages: new alerts and changes to ones already seen.
    await Promise.all([raise(1000 + ids.length), raise(2000 + ids.length)]);
  }
}

describe("incremental sync", () => {
  it("sees every change exactly as it stands, even with writes during paging (settle window + keyset cursor)", async () => {
    for (let i = 0; i < 30; i++) await raise(i);
    await new Promise((r) => setTimeout(r, 1100));
    let since = "2000-01-01T00:00:00.000Z";
    const seen = new Map<string, number>();
    for (let round = 0; round < 4; round++) {
      const { ids, last } = await syncOnce(since);
      for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
      since = last;
      await new Promise((r) => setTimeout(r, 1100));
    }
    const all = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from core.alerts where rule = 'sync'`);
    expect(seen.size).toBe(all[0]!.n);
  });

  it("shows a change to an already-synced record again, and deletions as tombstones", async () => {
    const { alert } = await raise(9999);
    await new Promise((r) => setTimeout(r, 1100));
    const mark = new Date().toISOString();
    await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => transitionAlert(w, alert, "close", "处理完毕"));
    await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => w.tombstone({ entity: "Alert", entityId: 424242, stream: "construction", districtId: 330602 }));
    await new Promise((r) => setTimeout(r, 1100));
    const r = ok(await h.gql(`query($s: DateTime!) { alerts(filter: { updatedSince: $s }) { edges { node { status disposition } } } deletions(entity: "Alert", since: $s) { edges { node { entityId deletedAt } } } }`, { s: mark }, { apiKey: key }));
    expect(r.alerts.edges.map((e: any) => e.node)).toEqual([{ status: "CLOSED", disposition: "处理完毕" }]);
    expect(r.deletions.edges).toHaveLength(1);
    expect(Buffer.from(r.deletions.edges[0].node.entityId, "base64url").toString()).toBe("Alert:424242");
  });

  it("does not show tombstones of streams or districts the caller may not read", async () => {
    await withWriter(h.platform.app, systemPrincipal("test"), { operation: "test" }, (w) => w.tombstone({ entity: "Thing", entityId: 1, stream: "hazardous", districtId: 330603 }));
    await new Promise((r) => setTimeout(r, 1100));
    const shangyu = await h.login("housing.shangyu");
    const r = ok(await h.gql(`{ deletions(entity: "Thing", since: "2000-01-01T00:00:00Z") { totalCount } }`, {}, { token: shangyu }));
    expect(r.deletions.totalCount).toBe(0);
    const prov = ok(await h.gql(`{ deletions(entity: "Thing", since: "2000-01-01T00:00:00Z") { totalCount } }`, {}, { apiKey: key }));
    expect(prov.deletions.totalCount).toBe(1);
  });
});
