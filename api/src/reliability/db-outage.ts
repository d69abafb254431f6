/**
 * The database-outage scenario shared by the fast test (db-outage.test.ts: the connection is cut by a TCP
 * proxy, nobody else disturbed) and the long suite (scripts/reliability.mjs: the PostgreSQL server itself
 * is restarted). Clients keep writing through the outage the way a well-behaved client does — a GraphQL
 * mutation (`openCase`) with an Idempotency-Key and GPS batches, each retried until acknowledged — while /readyz is
 * polled. Afterwards every acknowledged write must be present exactly once.
 */
import { sql } from "drizzle-orm";
import { row } from "../modules/core/db.js";
import type { Db } from "../modules/core/db.js";

export interface OutageClient {
  /** POST /graphql or /ingest/positions against the platform; returns status and body text. */
  post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: string }>;
  get(url: string): Promise<{ status: number }>;
}

export interface OutageReport {
  writes: number;
  batches: number;
  attempts: number;
  /** Responses seen while the database was away, by status and code. */
  failures: Record<string, number>;
  /** Responses that broke a rule: 5xx other than 503, INTERNAL_SERVER_ERROR, leaked internals. */
  bad: string[];
  readyzDown: number;
  readyzUp: number;
  /** Per outage: ms from the database's return to the first acknowledged write. */
  recoveryMs: number[];
  ackLatencyMaxMs: number;
}

export interface OutagePlan {
  client: OutageClient;
  /** An API key with construction:write (opens cases). */
  writeKey: string;
  ingestKey: string;
  terminals: string[];
  /** Makes the database unavailable, then available again; resolves when it is back. */
  outage(n: number): Promise<void>;
  outages: number;
  /** ms of steady writing before, between and after outages. */
  steadyMs: number;
  tag: string;
}

const LEAK = /\bat [\w.<>$]+ \(|node_modules|select .* from|insert into|ECONNREFUSED|CONNECTION_CLOSED|PostgresError/i;

export async function runOutageScenario(p: OutagePlan): Promise<OutageReport & { acknowledgedUsers: string[]; acknowledgedPoints: Map<string, number> }> {
  const rep: OutageReport = { writes: 0, batches: 0, attempts: 0, failures: {}, bad: [], readyzDown: 0, readyzUp: 0, recoveryMs: [], ackLatencyMaxMs: 0 };
  const acknowledgedUsers: string[] = [];
  const acknowledgedPoints = new Map<string, number>();
  let stop = false;
  let backAt: number | null = null;
  const note = (status: number, body: string) => {
    let code = "";
    try {
      code = JSON.parse(body)?.errors?.[0]?.extensions?.code ?? JSON.parse(body)?.error ?? "";
    } catch {
      code = "non-json";
    }
    const k = `${status} ${code}`;
    rep.failures[k] = (rep.failures[k] ?? 0) + 1;
    if ((status >= 500 && status !== 503) || body.includes("INTERNAL_SERVER_ERROR") || LEAK.test(body)) rep.bad.push(`${status} ${body.slice(0, 300)}`);
  };
  const acked = () => {
    if (backAt !== null) {
      rep.recoveryMs.push(Date.now() - backAt);
      backAt = null;
    }
  };

  // Writer 1: cases opened through GraphQL with an Idempotency-Key, retried until acknowledged.
  const district = Buffer.from("District:330602").toString("base64url");
  const users = (async () => {
    for (let i = 0; !stop; i++) {
      const username = `${p.tag}-${i}`;
      const started = Date.now();
      for (;;) {
        rep.attempts++;
        const r = await p.client
          .post(
            "/graphql",
            { query: `mutation($d: ID!, $l: String!) { openCase(input: { stream: construction, source: PATROL, subjectType: "Vehicle", subjectLabel: $l, districtId: $d, violationType: "未密闭运输" }) { case { subjectLabel } userErrors { code } } }`, variables: { d: district, l: username } },
            { "x-api-key": p.writeKey, "idempotency-key": `${p.tag}-case-${i}` },
          )
          .catch((e: Error) => ({ status: 0, body: String(e.message) }));
        let ok = false;
        try {
          const j = JSON.parse(r.body);
          ok = r.status === 200 && !j.errors && j.data?.openCase?.case?.subjectLabel === username;
        } catch {
          ok = false;
        }
        if (ok) break;
        note(r.status, r.body);
        await new Promise((res) => setTimeout(res, 150));
      }
      acknowledgedUsers.push(username);
      rep.writes++;
      rep.ackLatencyMaxMs = Math.max(rep.ackLatencyMaxMs, Date.now() - started);
      acked();
    }
  })();

  // Writer 2: GPS batches of 50 points; a retried batch may land twice on the wire, never twice in the table.
  const gps = (async () => {
    // One point a second from 29 days ago: a run never reaches the present (points in the future are refused).
    const t0 = Date.now() - 29 * 86_400_000;
    for (let b = 0; !stop; b++) {
      const terminal = p.terminals[b % p.terminals.length]!;
      const positions = Array.from({ length: 50 }, (_, i) => ({ terminalId: terminal, time: new Date(t0 + (b * 50 + i) * 1000).toISOString(), lon: 120.58 + i * 0.0001, lat: 30.0, speed: 30, heading: 90 }));
      let rejectedBatch = false;
      for (;;) {
        rep.attempts++;
        const r = await p.client.post("/ingest/positions", { positions }, { "x-api-key": p.ingestKey }).catch((e: Error) => ({ status: 0, body: String(e.message) }));
        if (r.status === 200) {
          const j = JSON.parse(r.body) as { accepted: number; duplicates: number; rejected: unknown[] };
          if (j.rejected.length) {
            rep.bad.push(`batch ${b} rejected points: ${r.body.slice(0, 200)}`);
            rejectedBatch = true;
          }
          break;
        }
        note(r.status, r.body);
        await new Promise((res) => setTimeout(res, 150));
      }
      if (rejectedBatch) break;
      acknowledgedPoints.set(terminal, (acknowledgedPoints.get(terminal) ?? 0) + 50);
      rep.batches++;
      acked();
    }
  })();

  // The probe: /readyz every 100 ms.
  let down = false;
  const probe = (async () => {
    while (!stop) {
      const r = await p.client.get("/readyz").catch(() => ({ status: 0 }));
      if (r.status === 200) rep.readyzUp++;
      else if (down) rep.readyzDown++;
      await new Promise((res) => setTimeout(res, 100));
    }
  })();

  await new Promise((r) => setTimeout(r, p.steadyMs));
  for (let n = 0; n < p.outages; n++) {
    down = true;
    await p.outage(n);
    down = false;
    backAt = Date.now();
    await new Promise((r) => setTimeout(r, p.steadyMs));
  }
  stop = true;
  await Promise.all([users, gps, probe]);
  return { ...rep, acknowledgedUsers, acknowledgedPoints };
}

/** Every acknowledged case exactly once; every acknowledged GPS point exactly once. */
export async function verifyAcknowledged(db: Db, tag: string, users: string[], points: Map<string, number>): Promise<string[]> {
  const problems: string[] = [];
  const u = await row<{ n: number; distinct: number }>(db, sql`select count(*)::int as n, count(distinct subject_label)::int as distinct from core.cases where subject_label like ${`${tag}-%`}`);
  if (u!.n !== u!.distinct) problems.push(`duplicate cases: ${u!.n} rows for ${u!.distinct} labels`);
  if (u!.distinct !== users.length) problems.push(`cases: ${users.length} acknowledged, ${u!.distinct} stored`);
  for (const [terminal, n] of points) {
    const r = await row<{ n: number; distinct: number }>(db, sql`select count(*)::int as n, count(distinct at)::int as distinct from core.positions where terminal_id = ${terminal}`);
    if (r!.n !== r!.distinct) problems.push(`${terminal}: duplicate points (${r!.n} rows, ${r!.distinct} times)`);
    if (r!.distinct < n || r!.distinct > n + 50) problems.push(`${terminal}: ${n} points acknowledged, ${r!.distinct} stored`);
  }
  return problems;
}
