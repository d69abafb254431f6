/**
 * What the overview's cache relies on, checked against the database itself (PostgreSQL: per-transaction
 * table statistics): every table a stream's OverviewProvider reads announces its changes (a
 * zw_overview_notify trigger), and no provider touches the big raw tables (manifests, weighings, the
 * points ledger, positions, …) — figures come from read models.
 */
import "reflect-metadata";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, TEST_DB, type Harness } from "../../test/harness.js";
import { rows } from "../core/db.js";
import { indexSeries } from "../cells/overview.js";
import { planPeriodOf, resolvePeriod } from "./periods.js";
import { streamProviders } from "./service.js";

/** Raw event tables that grow with the city's activity: never read by a provider. */
const RAW = [
  "construction.manifests",
  "construction.permit_scans",
  "construction.track_state",
  "hazardous.manifests",
  "hazardous.manifest_lines",
  "hazardous.manifest_events",
  "hazardous.hazards",
  "hazardous.units",
  "hazardous.collection_runs",
  "hazardous.collection_run_lines",
  "recycling.weighings",
  "recycling.ledger",
  "recycling.lots",
  "recycling.cards",
  "recycling.card_days",
  "recycling.redemptions",
  "cells.questions",
  "cells.units",
  "cells.applications",
  "core.positions",
  "core.audit_log",
  "core.events",
];

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seed: TEST_DB === "postgres" ? "small" : false });
}, 600_000);
afterAll(async () => h?.close());

describe.runIf(TEST_DB === "postgres")("read models and their change notifications", () => {
  it("every table the providers read has a NOTIFY trigger, and no provider reads a raw event table", async () => {
    const read = new Set<string>();
    for (const sp of streamProviders()) {
      await h.database.db
        .transaction(async (tx) => {
          // pg_stat_xact_* also hold this connection's counts not yet flushed from earlier transactions
          // (PostgreSQL 15+ flushes at most once a second): count what the providers add to them.
          const scans = async () =>
            new Map(
              (await rows<{ t: string; n: number }>(tx, sql`select schemaname || '.' || relname as t, (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::int as n from pg_stat_xact_user_tables`)).map((x) => [x.t, x.n]),
            );
          const before = await scans();
          for (const p of [resolvePeriod("MONTH", null), resolvePeriod("DAY", null), resolvePeriod("YEAR", "2025-06-01")])
            for (const districtId of [null, 330603]) await sp.provider.figures(tx, { districtId, from: p.from, to: p.to });
          const year = resolvePeriod("YEAR", null).year;
          if (sp.provider.capacity) for (const districtId of [null, 330603]) await sp.provider.capacity(tx, { year, districtId, planEndYear: planPeriodOf(year).endYear });
          if (sp.stream === "cells") await indexSeries(tx, { quarters: 8 });
          for (const [t, n] of await scans()) if (n > (before.get(t) ?? 0)) read.add(`${sp.stream}:${t}`);
          throw new Error("rollback");
        })
        .catch((e: Error) => {
          if (e.message !== "rollback") throw e;
        });
    }
    const triggered = new Set(
      (
        await rows<{ t: string }>(
          h.database.db,
          sql`select distinct n.nspname || '.' || c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace where g.tgname like 'zw_overview_notify%'`,
        )
      ).map((r) => r.t),
    );
    const tables = [...read].map((x) => x.split(":")[1]!);
    expect(tables.length).toBeGreaterThan(15);
    // core.districts and core.departments are reference data, changed only by migrations.
    const unannounced = [...read].filter((x) => !triggered.has(x.split(":")[1]!) && !/^[a-z]+:core\.(districts|departments)$/.test(x));
    expect(unannounced).toEqual([]);
    expect([...read].filter((x) => RAW.includes(x.split(":")[1]!))).toEqual([]);
  });

  it("announces a change on commit only, once per stream and transaction", async () => {
    const got: string[] = [];
    const off = await h.database.listen("zw_overview", (p) => got.push(p));
    await h.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update construction.district_daily set trips = trips where false`);
        throw new Error("rollback");
      })
      .catch(() => {});
    await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into recycling.roll_points_day (district_id, day, cards_issued) values (330602, '2001-01-01', 1) on conflict (district_id, day) do update set cards_issued = recycling.roll_points_day.cards_issued + 1`);
      await tx.execute(sql`insert into recycling.roll_points_day (district_id, day, cards_issued) values (330603, '2001-01-01', 1) on conflict (district_id, day) do update set cards_issued = recycling.roll_points_day.cards_issued + 1`);
      await tx.execute(sql`update core.alerts set occurrences = occurrences + 1 where false`); // not a column the figures read
    });
    for (let i = 0; i < 40 && !got.length; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    await off();
    expect(got).toEqual(["recycling"]);
  });
});
