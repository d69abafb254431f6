/**
 * Scenario 2 — overview: each overview query driven by 20 concurrent clients (autocannon, in the bench
 * process) against the built API; p50/p95/p99 per query, medians of the runs. Normal setting: the
 * overview cache on; with --overview-uncached also OVERVIEW_CACHE=0 (every request computes from the
 * read models). The baseline measured in the same run is the cheapest authenticated GraphQL request
 * (`{ __typename }`) at the same concurrency: the floor of this server on this (shared) machine.
 * Target: p95 < 50 ms with 20 concurrent clients.
 */
import { cannon, gql, login, median, postgres, round, startApi, loadAvg } from "../lib.mjs";

const lastMonth = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.getUTCMonth() === 0 ? `${d.getUTCFullYear() - 1}-12` : `${d.getUTCFullYear()}-${String(d.getUTCMonth()).padStart(2, "0")}`;
};

export function overviewQueries(keqiao) {
  return [
    { name: "overviewFigures (month, city)", query: `{ overviewFigures { period { startDay } streams { stream figures { key value previous changePct } } } }` },
    { name: "overviewFigures (year, district)", query: `query($d: ID) { overviewFigures(period: YEAR, districtId: $d) { streams { stream figures { key value previous changePct } } } }`, variables: { d: keqiao } },
    { name: "overviewDistricts (figure)", query: `{ overviewDistricts(figureKey: "construction.spoilMovedM3") { values { district { adcode } value rank } } }` },
    { name: "overviewDistricts (index)", query: `{ overviewDistricts(index: true) { values { district { adcode } value rank } } }` },
    { name: "indexRanking", query: `{ indexRanking { year quarter districts { district { adcode } value rank change trend { value } } } }` },
    { name: "capacityBalance", query: `{ capacityBalance { rows { district { adcode } category generatedAnnual capacity shortfall projectedShortfall } } }` },
    { name: "monthlyBriefing", query: `query($m: String!) { monthlyBriefing(month: $m) { sections { key textZh } lines { key month { value changePct } } districts { values } } }`, variables: { m: lastMonth() } },
  ];
}

export const FLOOR = { name: "baseline: { __typename }", query: "{ __typename }" };

/** Measures every overview query (and the floor) on a started API. */
/**
 * One request right after every stream announced a change (NOTIFY zw_overview '*', as a write's commit
 * does), and one 2 s later: what a reload sees while writes land. With the background refresh the
 * second is answered from an entry recomputed meanwhile.
 */
async function afterChange({ databaseUrl, apiUrl, token, q }) {
  if (!databaseUrl) return { nowMs: null, laterMs: null };
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const time = async () => {
      const t = performance.now();
      await gql(apiUrl, token, q.query, q.variables);
      return performance.now() - t;
    };
    await sql`select pg_notify('zw_overview', '*')`;
    await new Promise((r) => setTimeout(r, 50)); // the notification reaches the API
    const nowMs = await time();
    await sql`select pg_notify('zw_overview', '*')`;
    await new Promise((r) => setTimeout(r, 2000));
    const laterMs = await time();
    return { nowMs, laterMs };
  } finally {
    await sql.end();
  }
}

export async function measureOverview({ apiUrl, connections, duration, runs, log, label = "", databaseUrl }) {
  const token = await login(apiUrl);
  const { districts } = await gql(apiUrl, token, `{ districts { id adcode } }`);
  const keqiao = districts.find((d) => d.adcode === "330603").id;
  const qs = [FLOOR, ...overviewQueries(keqiao)];
  const out = [];
  for (const q of qs) {
    const req = { url: `${apiUrl}/graphql`, method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q.query, variables: q.variables ?? {} }) };
    const t = performance.now();
    await gql(apiUrl, token, q.query, q.variables);
    const coldMs = performance.now() - t;
    await cannon({ ...req, connections, amount: connections * 3 });
    const per = [];
    for (let r = 0; r < runs; r++) per.push({ ...(await cannon({ ...req, connections, duration })), load: loadAvg() });
    const change = await afterChange({ databaseUrl, apiUrl, token, q });
    const row = { mode: label, query: q.name, coldMs: round(coldMs, 1), changeNowMs: round(change.nowMs, 1), changeLaterMs: round(change.laterMs, 1), p50: median(per.map((p) => p.p50)), p95: median(per.map((p) => p.p95)), p99: median(per.map((p) => p.p99)), rps: median(per.map((p) => p.rps)), errors: per.reduce((s, p) => s + p.errors, 0), load: median(per.map((p) => p.load)), runs: per };
    out.push(row);
    log(`  ${label.padEnd(8)} ${q.name.padEnd(34)} cold ${String(Math.round(coldMs)).padStart(5)} ms  after a change ${Math.round(change.nowMs ?? NaN)} / 2 s later ${Math.round(change.laterMs ?? NaN)} ms  p50 ${round(row.p50, 1)} ms  p95 ${round(row.p95, 1)} ms  p99 ${round(row.p99, 1)} ms  ${Math.round(row.rps)} req/s  errors ${row.errors}  (load ${row.load.toFixed(1)})`);
  }
  const floor = out[0];
  for (const r of out) r.p95VsFloor = r.p95 / floor.p95;
  return out;
}

export async function run({ databaseUrl, opts, log }) {
  const modes = [["cached", {}], ...(opts.overviewUncached ? [["uncached", { OVERVIEW_CACHE: "0" }]] : [])];
  const rows = [];
  for (const [label, env] of modes) {
    const api = await startApi({ databaseUrl, env });
    try {
      rows.push(...(await measureOverview({ apiUrl: api.url, connections: opts.overviewConnections, duration: opts.duration, runs: opts.runs, log, label, databaseUrl })));
    } finally {
      await api.stop();
    }
  }
  const summary = rows
    .filter((r) => r.query !== FLOOR.name)
    .map((r) => ({
      scenario: "2 overview",
      measure: `${r.query}${r.mode === "cached" ? "" : ` (${r.mode})`}: p95, ${opts.overviewConnections} clients`,
      value: `${round(r.p95, 1)} ms (floor ${round(rows.find((f) => f.mode === r.mode && f.query === FLOOR.name).p95, 1)} ms)`,
      ratio: round(r.p95VsFloor),
      target: "p95 < 50 ms",
      ok: r.errors === 0 && r.p95 != null && r.p95 < 50, // a row where no request finished has no p95 and fails
      load: round(r.load, 1),
    }));
  const details = [
    `Each query: one first request (cold), warm-up, then ${opts.runs} × ${opts.duration} s with ${opts.overviewConnections} connections (autocannon, bench process); then one request right after every stream announced a change (NOTIFY zw_overview '*', as a commit does) and one 2 s after another such change (the background refresh has recomputed it meanwhile). Ratio = p95 / p95 of \`{ __typename }\` (same server, same concurrency, same run).`,
    "",
    "| cache | query | first (ms) | right after a change (ms) | 2 s after a change (ms) | p50 (ms) | p95 (ms) | p99 (ms) | req/s | errors | load |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.mode} | ${r.query} | ${r.coldMs} | ${r.changeNowMs ?? "–"} | ${r.changeLaterMs ?? "–"} | ${round(r.p50, 1)} | ${round(r.p95, 1)} | ${round(r.p99, 1)} | ${Math.round(r.rps)} | ${r.errors} | ${round(r.load, 1)} |`),
  ].join("\n");
  return { connections: opts.overviewConnections, rows: rows.map(({ runs, ...r }) => ({ ...r, runs })), summary, details };
}
