#!/usr/bin/env node
// 绍兴无废城市信息平台 示例客户端 / Shaoxing Zero-Waste City platform — sample client
//
// 只需 Node 20，无其他依赖 / Node 20 only, no dependencies.
//
//   增量同步 / Incremental sync (updatedSince + cursor + tombstones, checkpoint in a file, honours 429):
//     ZW_URL=http://127.0.0.1:8080 ZW_API_KEY=zwk_… node sync-client.mjs sync [--list manifests|alerts] [--dir ./zw-sync]
//
//   接收事件推送 / Receive webhooks (signature checked, de-duplicated by event id):
//     ZW_WEBHOOK_SECRET=whsec_… node sync-client.mjs webhooks [--port 8787] [--dir ./zw-sync]
//
// 同步结果写入 <dir>/<list>.json（按 id 保存的记录），检查点写入 <dir>/<list>.checkpoint.json；
// 中途退出后再次运行会从检查点（含翻页游标）继续。收到的事件追加到 <dir>/webhook-events.jsonl。
// Records go to <dir>/<list>.json (keyed by id) and the checkpoint to <dir>/<list>.checkpoint.json;
// a run that stops half-way resumes from the checkpoint (including the page cursor). Received events are
// appended to <dir>/webhook-events.jsonl.

import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** 可同步的列表 / Lists this client can sync: the query field, the tombstone entity, the fields kept. */
export const LISTS = {
  manifests: {
    field: "transferManifests",
    entity: "TransferManifest",
    select: "id number state updatedAt",
  },
  alerts: {
    field: "alerts",
    entity: "Alert",
    select: "id stream rule severity status title district { adcode } updatedAt",
  },
};

const EPOCH = "1970-01-01T00:00:00.000Z";
const PAGE = 100; // first ≤ 100

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ——— GraphQL over HTTP, with 429 and transient-failure handling ———

export class GraphQLClient {
  /**
   * @param {{ url: string, apiKey: string, log?: (m: string) => void, maxRetries?: number, fetch?: typeof fetch }} o
   */
  constructor(o) {
    this.endpoint = new URL("/graphql", o.url).toString();
    this.apiKey = o.apiKey;
    this.log = o.log ?? (() => {});
    this.maxRetries = o.maxRetries ?? 8;
    this.fetch = o.fetch ?? fetch;
    /** 被限流的次数 / How many times the client waited because of a 429. */
    this.rateLimited = 0;
    /** 最近一次响应的剩余额度 / Budget left after the last answer. */
    this.remaining = null;
  }

  async request(query, variables = {}) {
    for (let attempt = 0; ; attempt++) {
      let res;
      try {
        res = await this.fetch(this.endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": this.apiKey },
          body: JSON.stringify({ query, variables }),
        });
      } catch (e) {
        // 网络错误：指数退避后重试 / Network error: back off exponentially and retry.
        if (attempt >= this.maxRetries) throw e;
        await sleep(Math.min(30_000, 500 * 2 ** attempt));
        continue;
      }
      const remaining = res.headers.get("x-ratelimit-remaining");
      if (remaining !== null) this.remaining = Number(remaining);
      if (res.status === 429) {
        // 超出额度：按 retry-after（秒）等待后重发同一请求 / Over budget: wait retry-after seconds, then resend.
        this.rateLimited++;
        const body = await res.json().catch(() => ({}));
        const seconds = Number(res.headers.get("retry-after") ?? body?.errors?.[0]?.extensions?.retryAfter ?? 1);
        if (attempt >= this.maxRetries) throw new Error(`rate limited ${attempt + 1} times; giving up`);
        this.log(`429 rate limited, waiting ${seconds} s`);
        await sleep(Math.max(1, seconds) * 1000);
        continue;
      }
      if (res.status >= 500) {
        // 服务暂不可用：退避重试 / Server unavailable: back off and retry.
        if (attempt >= this.maxRetries) throw new Error(`HTTP ${res.status}`);
        await sleep(Math.min(30_000, 500 * 2 ** attempt));
        continue;
      }
      const body = await res.json();
      if (body.errors?.length) {
        const e = body.errors[0];
        const err = new Error(`${e.extensions?.code ?? "ERROR"}: ${e.message}`);
        err.code = e.extensions?.code;
        err.errors = body.errors;
        throw err;
      }
      return body.data;
    }
  }
}

// ——— files: written atomically so a crash never leaves half a file ———

function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    if (e.code === "ENOENT") return fallback;
    throw e;
  }
}

function writeJson(file, value) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 1));
  fs.renameSync(tmp, file);
}

// ——— incremental sync ———

/** The two queries a sync run sends for a list. */
export function queries(list) {
  const spec = LISTS[list];
  if (!spec) throw new Error(`unknown list ${list}; one of ${Object.keys(LISTS).join(", ")}`);
  return {
    listQuery: `query Sync($first: Int!, $after: String, $since: DateTime!) {
      page: ${spec.field}(first: $first, after: $after, filter: { updatedSince: $since }) {
        edges { node { ${spec.select} } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    delQuery: `query Deletions($entity: String!, $since: DateTime!, $first: Int!, $after: String) {
      deletions(entity: $entity, since: $since, first: $first, after: $after) {
        edges { node { entityId deletedAt } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
  };
}

/**
 * 同步一次：取自上次检查点以来变化的记录（按 updatedAt 升序，游标翻页），再取删除记录（墓碑）。
 * One sync run: records changed since the checkpoint (ascending updatedAt, cursor paging), then
 * deletions (tombstones). The checkpoint is saved after every page, so a run can stop anywhere.
 *
 * @returns {Promise<{ upserted: number, deleted: number, pages: number, total: number }>}
 */
export async function syncOnce({ client, list = "alerts", dir = ".", log = () => {} }) {
  const spec = LISTS[list];
  if (!spec) throw new Error(`unknown list ${list}; one of ${Object.keys(LISTS).join(", ")}`);
  fs.mkdirSync(dir, { recursive: true });
  const storeFile = path.join(dir, `${list}.json`);
  const checkpointFile = path.join(dir, `${list}.checkpoint.json`);
  const store = readJson(storeFile, {});
  const cp = readJson(checkpointFile, { since: EPOCH, after: null, maxSeen: null, deletionsSince: EPOCH, deletionsAfter: null, maxDeleted: null });
  const save = () => {
    writeJson(storeFile, store);
    writeJson(checkpointFile, cp);
  };
  let upserted = 0;
  let deleted = 0;
  let pages = 0;

  const { listQuery, delQuery } = queries(list);
  for (;;) {
    const data = await client.request(listQuery, { first: PAGE, after: cp.after, since: cp.since });
    pages++;
    for (const { node } of data.page.edges) {
      store[node.id] = node;
      upserted++;
      if (!cp.maxSeen || node.updatedAt > cp.maxSeen) cp.maxSeen = node.updatedAt;
    }
    if (data.page.pageInfo.hasNextPage) {
      cp.after = data.page.pageInfo.endCursor;
      save();
      continue;
    }
    // 本轮结束：下一轮从见过的最大 updatedAt 开始（>=，同一时刻的记录会再取一次，按 id 覆盖即可）。
    // Done: the next run starts at the largest updatedAt seen (>=: records at that instant come again; upsert by id).
    if (cp.maxSeen) cp.since = cp.maxSeen;
    cp.after = null;
    save();
    break;
  }

  for (;;) {
    const data = await client.request(delQuery, { entity: spec.entity, since: cp.deletionsSince, first: PAGE, after: cp.deletionsAfter });
    pages++;
    for (const { node } of data.deletions.edges) {
      if (store[node.entityId]) {
        delete store[node.entityId];
        deleted++;
      }
      if (!cp.maxDeleted || node.deletedAt > cp.maxDeleted) cp.maxDeleted = node.deletedAt;
    }
    if (data.deletions.pageInfo.hasNextPage) {
      cp.deletionsAfter = data.deletions.pageInfo.endCursor;
      save();
      continue;
    }
    if (cp.maxDeleted) cp.deletionsSince = cp.maxDeleted;
    cp.deletionsAfter = null;
    save();
    break;
  }
  const total = Object.keys(store).length;
  log(`${list}: ${upserted} changed, ${deleted} deleted, ${total} kept, ${pages} pages (since ${cp.since})`);
  return { upserted, deleted, pages, total };
}

// ——— webhooks ———

/**
 * 校验签名 / Verifies `x-zw-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 * Accepts any of several secrets (during a rotation) and rejects timestamps older than `toleranceSeconds`.
 */
export function verifySignature(secrets, header, rawBody, toleranceSeconds = 300, now = Date.now()) {
  if (typeof header !== "string") return false;
  const parts = {};
  for (const p of header.split(",")) {
    const i = p.indexOf("=");
    if (i > 0) parts[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const got = Buffer.from(parts.v1, "utf8");
  for (const secret of [].concat(secrets)) {
    const want = Buffer.from(createHmac("sha256", secret).update(`${t}.`).update(rawBody).digest("hex"), "utf8");
    if (want.length === got.length && timingSafeEqual(want, got)) return true;
  }
  return false;
}

/**
 * 事件接收服务 / A webhook receiver: checks the signature over the raw body, answers 2xx at once,
 * and handles each event id once (the platform retries, so the same event may arrive again).
 *
 * @returns {{ server: http.Server, listen: (port?: number, host?: string) => Promise<string>, received: object[] }}
 */
export function createWebhookReceiver({ secrets, dir = ".", onEvent = () => {}, log = () => {} }) {
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, "webhook-events.jsonl");
  const seen = new Set();
  if (fs.existsSync(logFile)) {
    for (const line of fs.readFileSync(logFile, "utf8").split("\n")) if (line.trim()) seen.add(JSON.parse(line).id);
  }
  const received = [];
  const server = http.createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > 1024 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      if (!verifySignature(secrets, req.headers["x-zw-signature"], raw)) {
        log(`rejected a request with a bad signature (delivery ${req.headers["x-zw-delivery"] ?? "?"})`);
        res.writeHead(400, { "content-type": "text/plain" }).end("bad signature");
        return;
      }
      let event;
      try {
        event = JSON.parse(raw.toString("utf8"));
      } catch {
        res.writeHead(400).end("bad json");
        return;
      }
      if (seen.has(event.id)) {
        log(`duplicate event ${event.id} (${event.type}) ignored`);
        res.writeHead(200).end("duplicate");
        return;
      }
      seen.add(event.id);
      fs.appendFileSync(logFile, JSON.stringify(event) + "\n");
      received.push(event);
      res.writeHead(204).end();
      // 先应答，再处理 / Answer first, then do the work.
      setImmediate(() => {
        try {
          onEvent(event);
        } catch (e) {
          log(`handler failed: ${e.message}`);
        }
      });
    });
  });
  return {
    server,
    received,
    listen: (port = 8787, host = "127.0.0.1") =>
      new Promise((resolve) => server.listen(port, host, () => resolve(`http://${host}:${server.address().port}/`))),
  };
}

// ——— command line ———

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const cmd = process.argv[2];
  const dir = arg("dir", process.env.ZW_SYNC_DIR ?? "./zw-sync");
  const log = (m) => console.log(`[${new Date().toISOString()}] ${m}`);
  if (cmd === "sync") {
    const url = process.env.ZW_URL ?? "http://127.0.0.1:8080";
    const apiKey = process.env.ZW_API_KEY;
    if (!apiKey) throw new Error("set ZW_API_KEY");
    const client = new GraphQLClient({ url, apiKey, log });
    const list = arg("list", process.env.ZW_LIST ?? "alerts");
    const every = Number(arg("every", "0"));
    for (;;) {
      const r = await syncOnce({ client, list, dir, log });
      console.log(JSON.stringify({ list, ...r, rateLimited: client.rateLimited }));
      if (!every) break;
      await sleep(every * 1000);
    }
  } else if (cmd === "webhooks") {
    const secrets = (process.env.ZW_WEBHOOK_SECRET ?? "").split(",").filter(Boolean);
    if (!secrets.length) throw new Error("set ZW_WEBHOOK_SECRET (comma-separated during a rotation)");
    const rx = createWebhookReceiver({ secrets, dir, log, onEvent: (e) => log(`event ${e.id} ${e.type} ${e.entity} ${e.entityId}`) });
    const where = await rx.listen(Number(arg("port", "8787")), arg("host", "127.0.0.1"));
    console.log(`listening ${where}`);
  } else {
    console.error("usage: node sync-client.mjs sync [--list alerts|manifests] [--dir DIR] [--every SECONDS]\n       node sync-client.mjs webhooks [--port 8787] [--dir DIR]");
    process.exit(2);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
