/**
 * Scenario 5 — scaling curve: scenarios 1–3 at each scale given (--scales city,province), one row per
 * scale, and the cost per request of the larger scale as a ratio to the first (throughput of scenario 1's
 * GraphQL pages, p95 of scenario 2's overview queries, GPS positions/s). The cost must stay flat (indexes
 * and partitions, not scans): target ratio of per-request cost ≤ 1.5 between the scales.
 * Each scale lives in its own database (zw_bench for city, zw_bench_<scale> otherwise), loaded by scenario 0.
 */
import { median, round, startApi } from "../lib.mjs";
import { measureGraphql, startBaseline } from "./graphql-overhead.mjs";
import { measureOverview } from "./overview.mjs";
import { measureGps } from "./gps.mjs";

export async function run({ scales, dbUrlOf, data, opts, log }) {
  const per = {};
  for (const scale of scales) {
    const databaseUrl = dbUrlOf(scale);
    const api = await startApi({ databaseUrl });
    const base = await startBaseline(databaseUrl);
    try {
      const g = await measureGraphql({ apiUrl: api.url, baselineUrl: base.url, connections: opts.connections, duration: opts.duration, runs: opts.runs, log: (m) => log(`${scale}: ${m}`) });
      const o = await measureOverview({ apiUrl: api.url, connections: opts.overviewConnections, duration: opts.duration, runs: 1, log: (m) => log(`${scale}: ${m}`), label: scale });
      per[scale] = { g, o };
    } finally {
      await base.stop();
      await api.stop();
    }
    per[scale].gps = await measureGps({ databaseUrl, opts: { ...opts, runs: 1 }, log: (m) => log(`${scale}: ${m}`), label: scale });
  }
  const [a, ...rest] = scales;
  const summary = [];
  for (const s of scales) {
    const p = per[s];
    summary.push({
      scenario: "5 scaling",
      measure: `${s} (${data[s]?.counts ? `${data[s].counts["recycling.weighings"].toLocaleString("en")} weighings, ${data[s].counts["core.positions"].toLocaleString("en")} positions` : "data"})`,
      value: `GraphQL ${p.g.map((x) => `${Math.round(x.graphql.rps)} req/s (×${round(x.rpsRatio)} baseline)`).join(", ")}; overview p95 median ${round(median(p.o.slice(1).map((x) => x.p95)), 1)} ms; GPS ${Math.round(p.gps.httpPerSecond)}/s (×${round(p.gps.ratio)} COPY)`,
      ratio: null,
      target: "one row per scale",
      ok: null,
      load: round(p.gps.load, 1),
    });
  }
  for (const s of rest) {
    // cost per request relative to the first scale, each normalised by its own baseline (ratios, not absolutes)
    const gCost = median(per[s].g.map((x, i) => per[a].g[i].rpsRatio / x.rpsRatio));
    const oCost = median(per[s].o.slice(1).map((x, i) => x.p95VsFloor / per[a].o[i + 1].p95VsFloor));
    const gpsCost = per[a].gps.ratio / per[s].gps.ratio;
    summary.push({ scenario: "5 scaling", measure: `cost per request ${s} / ${a}: GraphQL pages, overview p95, GPS`, value: `${round(gCost)}, ${round(oCost)}, ${round(gpsCost)}`, ratio: round(Math.max(gCost, oCost, gpsCost)), target: "≤ 1.5 (flat)", ok: Math.max(gCost, oCost, gpsCost) <= 1.5, load: round(per[s].gps.load, 1) });
  }
  return { per, summary };
}
