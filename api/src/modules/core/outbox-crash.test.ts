/**
 * No webhook event is lost when the API process is killed between the commit of a change and the
 * delivery of its event: the built API (dist/main.js) runs as a child process without workers, commits
 * changes that emit events, and is killed with SIGKILL; a fresh process with workers then delivers every
 * event exactly once per event id, signed. Runs on a PGlite data directory or a fresh PostgreSQL
 * database (TEST_DB). Needs the build (`npx tsc -p tsconfig.json`; `npm test` builds first).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../config.js";
import { apiRoot } from "../../paths.js";
import { createPlatform } from "../../server.js";
import { createTestDatabase, TEST_DB } from "../../test/harness.js";
import { moduleNames } from "../index.js";
import { migrateAll, openDatabase } from "./db.js";
import { createSeedContext, DEMO_PASSWORD, seedCore } from "./seed.js";
import { verifySignature } from "./webhooks.js";

const MAIN = path.join(apiRoot, "dist", "main.js");
const built = fs.existsSync(MAIN);

interface Received {
  id: string;
  type: string;
  body: string;
  signature: string;
}

let receiverUrl = "";
const received: Received[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const e = JSON.parse(body) as { id: string; type: string };
    received.push({ id: e.id, type: e.type, body, signature: String(req.headers["x-zw-signature"]) });
    res.writeHead(204).end();
  });
});

let dataDir = "";
let databaseUrl: string | undefined;
let dropDb: (() => Promise<void>) | undefined;
let apiKey = "";
let signingSecret = "";
const children: ChildProcess[] = [];

function envFor(workers: boolean): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
    DEMO: "0",
    HOST: "127.0.0.1",
    PORT: "0",
    WORKERS: workers ? "1" : "0",
    LOG_LEVEL: "silent",
    THROTTLE_SCALE: "1000",
    WEB_ROOT: "/nonexistent",
  };
}

/** Starts dist/main.js; resolves with its base URL once it prints it. */
function startApi(workers: boolean): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN], { cwd: apiRoot, env: envFor(workers), stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`API did not start:\n${out}`)), 400_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL\s+(http:\/\/[^\s]+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`API exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r())));
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

beforeAll(async () => {
  if (!built) return;
  receiverUrl = await new Promise<string>((r) => receiver.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`)));
  if (TEST_DB === "postgres") {
    const t = await createTestDatabase();
    databaseUrl = t.url;
    dropDb = t.drop;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zw-outbox-crash-"));
  }
  // Set up accounts, a key and its subscription in-process, then close: the child owns the database.
  const config: Config = { ...loadConfig({}), databaseUrl, dataDir: dataDir || "memory://", port: 0, host: "127.0.0.1", workers: false, webRoot: "/nonexistent", throttleScale: 1000 };
  const database = await openDatabase({ databaseUrl, dataDir: config.dataDir, max: 5 });
  await migrateAll(database, moduleNames, databaseUrl);
  const platform = await createPlatform(config, { database, skipMigrations: true });
  await seedCore(await createSeedContext(platform.app, "small"));
  const url = await platform.listen();
  const admin = (await gql(url, `mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: DEMO_PASSWORD })).login.token as string;
  apiKey = (await gql(url, `mutation { createApiKey(input: { name: "crash", scopes: ["construction:write"] }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).createApiKey.secret;
  const sub = await gql(url, `mutation($u: String!) { createWebhookSubscription(input: { url: $u, eventTypes: ["case.opened"] }) { secret userErrors { code } } }`, { u: receiverUrl }, { "x-api-key": apiKey });
  expect(sub.createWebhookSubscription.userErrors).toEqual([]);
  signingSecret = sub.createWebhookSubscription.secret;
  await platform.stop();
  await database.close();
}, 600_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await Promise.all(children.map(exited));
  await new Promise<void>((r) => receiver.close(() => r()));
  await dropDb?.();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("outbox across a crash", () => {
  it.skipIf(!built && !process.env.CI)(
    "delivers every event committed before a SIGKILL, exactly once per event id, from the next process",
    async () => {
      expect(built, `build the API first: ${MAIN}`).toBe(true);
      // 1. A process without workers commits changes that emit events, then dies without warning.
      const first = await startApi(false);
      const district = Buffer.from("District:330602").toString("base64url");
      const caseIds: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await gql(
          first.url,
          `mutation($d: ID!, $l: String!) { openCase(input: { stream: construction, source: PATROL, subjectType: "Vehicle", subjectLabel: $l, districtId: $d, violationType: "未密闭运输" }) { case { id } userErrors { code message } } }`,
          { d: district, l: `浙D0000${i}` },
          { "x-api-key": apiKey, "idempotency-key": `crash-${i}` },
        );
        expect(r.openCase.userErrors).toEqual([]);
        caseIds.push(r.openCase.case.id);
      }
      first.child.kill("SIGKILL");
      await exited(first.child);
      expect(first.child.signalCode).toBe("SIGKILL");
      expect(received).toHaveLength(0); // nothing was delivered before the crash

      // 2. The next process, with workers, finds the events in the outbox and delivers them.
      const second = await startApi(true);
      const deadline = Date.now() + 90_000;
      while (new Set(received.map((r) => r.id)).size < caseIds.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      await new Promise((r) => setTimeout(r, 3000)); // any duplicate would arrive by now (the job runs every second)
      second.child.kill("SIGTERM");
      await exited(second.child);

      const ids = received.map((r) => r.id);
      expect(new Set(ids).size).toBe(caseIds.length);
      expect(ids.length, "each event delivered once").toBe(caseIds.length);
      for (const r of received) {
        expect(r.type).toBe("case.opened");
        expect(verifySignature(signingSecret, r.signature, r.body)).toBe(true);
      }
      const delivered = received.map((r) => Buffer.from("Case:" + String((JSON.parse(r.body) as { entityId: string }).entityId)).toString("base64url")).sort();
      expect(delivered).toEqual([...caseIds].sort());
    },
    1_200_000,
  );
});
