/**
 * 开发者中心 / Developer portal, served by the platform process at /developers/:
 *   /developers/                   start page
 *   /developers/guides/<slug>      guides (docs/developers/<slug>.md, both languages)
 *   /developers/reference/[module] schema reference generated from the running schema
 *   /developers/search.json        search index (types, fields, arguments, enum values, guides)
 *   /developers/schema.graphql     the SDL (same as api/schema.graphql)
 *   /developers/explorer/          GraphiQL, built by api/explorer (pnpm build) — no CDN
 *   /developers/examples/<file>    the sample client (docs/examples/)
 *   /developers/static/<file>      the portal's own CSS and script
 * Pages are rendered once per process (the schema does not change while it runs); NODE_ENV=development
 * re-reads the guides on every request.
 */
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { printSchema, type GraphQLSchema } from "graphql";
import type { Config } from "../config.js";
import { MAX_PAGE, DEFAULT_PAGE } from "../graphql/connection.js";
import { SYNC } from "../graphql/sync.js";
import { SCOPES, LOCKOUT_AFTER, LOCKOUT_MINUTES } from "../modules/core/auth.js";
import { EXPORT_KEEP_HOURS, EXPORT_LINK_MINUTES, MAX_EXPORT_ROWS, exportDefinitions } from "../modules/core/exports.js";
import { PUBLIC_LIMITS } from "../modules/core/throttle.js";
import { TRACKING_LIMITS } from "../modules/core/tracking.js";
import { WEBHOOK_POLICY, allEventTypes } from "../modules/core/webhooks.js";
import { modules } from "../modules/index.js";
import { apiRoot, workspaceRoot } from "../paths.js";
import { guidesDir, loadGuides, renderGuide, type ParsedGuide } from "./guides.js";
import { BASE, bi, DOCS_CSP, esc, page, type NavItem } from "./layout.js";
import { buildReference, type ReferenceModel } from "./reference.js";
import { deprecations, moduleUrl, renderModulePage, renderReferenceIndex, searchIndex, type SearchEntry } from "./reference-html.js";

export const EXPLORER_DIR = process.env.DEVPORTAL_EXPLORER_DIR || path.join(apiRoot, "explorer", "dist");
export const STATIC_DIR = path.join(apiRoot, "src", "devportal", "static");
export const EXAMPLES_DIR = path.join(workspaceRoot, "docs", "examples");

/** Explorer page: GraphiQL needs inline styles (CodeMirror) and the graphql-ws socket. */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

function table(head: [string, string][], rows: string[][]): string {
  return `<table><thead><tr>${head.map(([zh, en]) => `<th>${bi(zh, en)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}
const code = (s: unknown) => `<code>${esc(s)}</code>`;
const perMinute = (perSecond: number) => (perSecond * 60).toFixed(perSecond * 60 >= 10 ? 0 : 1);

const PUBLIC_USES: Record<string, string> = {
  login: bi("登录（login）", "Signing in (login)"),
  verify: bi("扫码核验联单和准运证、凭查询码查询（manifestByQr、verifyPermit、pickupStatus、consultationStatus）", "QR verification of manifests and permits, look-ups by tracking code (manifestByQr, verifyPermit, pickupStatus, consultationStatus)"),
  question: bi("向无废细胞咨询提问（askQuestion）", "Asking the zero-waste cells a question (askQuestion)"),
  submit: bi("其他公开提交，如居民预约清运（requestPickup）", "Other public submissions, such as a resident booking a pickup (requestPickup)"),
  read: bi("未登录时检索已发布内容（faq、academySearch、academyItem）", "Searching published content without signing in (faq, academySearch, academyItem)"),
};

/** Tables generated from the code for `{{name}}` lines in the guides. */
export function generatedBlocks(config: Config, model: ReferenceModel): Record<string, () => string> {
  return {
    scopes: () =>
      table(
        [
          ["范围", "Scope"],
          ["允许", "Allows"],
        ],
        SCOPES.map((s) => {
          const [area, action] = s.split(":");
          const zh = action === "read" ? `读取 ${area} 的列表与记录` : action === "write" ? `读写 ${area}（含 read）` : action === "ingest" ? `设备上报 ${area} 的数据` : s;
          const en = action === "read" ? `read ${area} lists and records` : action === "write" ? `read and change ${area} (includes read)` : action === "ingest" ? `devices report ${area} data` : s;
          return [code(s), bi(zh, en)];
        }),
      ),
    eventTypes: () =>
      table(
        [
          ["事件类型", "Event type"],
          ["废物流", "Stream"],
          ["说明", "Description"],
        ],
        allEventTypes().map((e) => [code(e.type), code(e.stream), bi(e.descriptionZh, e.descriptionEn)]),
      ),
    publicLimits: () =>
      table(
        [
          ["桶", "Bucket"],
          ["用于", "Used by"],
          ["突发上限", "Burst"],
          ["每分钟回填", "Refill per minute"],
        ],
        Object.entries(PUBLIC_LIMITS).map(([k, b]) => [code(k), PUBLIC_USES[k] ?? "", String(b.burst), perMinute(b.perSecond)]),
      ) + `<p>${bi(`登录另有锁定：连续 ${LOCKOUT_AFTER} 次密码错误后锁定 ${LOCKOUT_MINUTES} 分钟。`, `Logins also lock: ${LOCKOUT_AFTER} wrong passwords in a row lock the account for ${LOCKOUT_MINUTES} minutes.`)}</p>`,
    queryLimits: () =>
      table(
        [
          ["限制", "Limit"],
          ["值", "Value"],
        ],
        [
          [bi("最大查询深度", "Maximum query depth"), String(config.maxQueryDepth)],
          [bi("单次查询最大成本", "Maximum cost of one operation"), String(config.maxQueryCost)],
          [bi("每页最多条数（first）", "Largest page (first)"), String(MAX_PAGE)],
          [bi("默认每页条数", "Default page size"), String(DEFAULT_PAGE)],
        ],
      ),
    webhookPolicy: () =>
      table(
        [
          ["设置", "Setting"],
          ["值", "Value"],
        ],
        [
          [bi("每次推送最多尝试次数", "Attempts per delivery"), String(WEBHOOK_POLICY.maxAttempts)],
          [bi("首次重试间隔", "First retry after"), `${WEBHOOK_POLICY.baseBackoffMs / 1000} s`],
          [bi("最长重试间隔", "Longest retry interval"), `${WEBHOOK_POLICY.maxBackoffMs / 60_000} min`],
          [bi("连续失败多少次后自动停用订阅", "Consecutive failures that disable a subscription"), String(WEBHOOK_POLICY.disableAfterFailures)],
          [bi("接收方响应超时", "Receiver timeout"), `${WEBHOOK_POLICY.timeoutMs / 1000} s`],
        ],
      ),
    syncSettings: () =>
      table(
        [
          ["设置", "Setting"],
          ["值", "Value"],
        ],
        [[bi("稳定窗口（更新后多久对同步可见）", "Settle window (how old a change is before sync shows it)"), `${SYNC.settleSeconds} s`]],
      ),
    exportSettings: () =>
      table(
        [
          ["设置", "Setting"],
          ["值", "Value"],
        ],
        [
          [bi("下载链接有效期", "Download link valid for"), `${EXPORT_LINK_MINUTES} min`],
          [bi("文件保留", "Files kept for"), `${EXPORT_KEEP_HOURS} h`],
          [bi("单次导出最多行数", "Most rows per export"), MAX_EXPORT_ROWS.toLocaleString("en")],
        ],
      ),
    exportLists: () => {
      const defs = exportDefinitions();
      if (!defs.length) return `<p>${bi("（当前没有注册可导出的列表）", "(no exportable list is registered yet)")}</p>`;
      return table(
        [
          ["名称", "Name"],
          ["标题", "Title"],
          ["权限", "Access"],
        ],
        defs.map((d) => [code(d.name), bi(d.titleZh, d.titleEn), code(d.rule)]),
      );
    },
    ingestLimits: () =>
      table(
        [
          ["设置", "Setting"],
          ["值", "Value"],
        ],
        [
          [bi("每批最多定位点", "Positions per batch"), TRACKING_LIMITS.maxBatch.toLocaleString("en")],
          [bi("最迟可补报", "Latest a point may arrive"), `${TRACKING_LIMITS.maxLateDays} d`],
          [bi("允许的时钟超前", "Clock skew allowed into the future"), `${TRACKING_LIMITS.maxFutureMs / 60_000} min`],
          [bi("速度上限", "Speed limit for a plausible fix"), `${TRACKING_LIMITS.maxSpeedKmh} km/h`],
        ],
      ),
    deprecations: () => {
      const list = deprecations(model);
      if (!list.length) return `<p>${bi("当前没有已弃用的字段。", "Nothing is deprecated at the moment.")}</p>`;
      return table(
        [
          ["字段", "Field"],
          ["说明与替代", "Reason and replacement"],
        ],
        list.map((d) => [`<a href="${esc(d.url)}">${code(d.name)}</a>`, esc(d.reason)]),
      );
    },
    modules: () =>
      table(
        [
          ["模块", "Module"],
          ["内容", "Contents"],
        ],
        model.modules.map((m) => [`<a href="${esc(moduleUrl(m.name))}">${code(m.name)}</a>`, bi(m.titleZh, m.titleEn)]),
      ),
  };
}

interface Portal {
  guides: ParsedGuide[];
  model: ReferenceModel;
  pages: Map<string, string>;
  search: string;
  sdl: string;
}

export function buildPortal(schema: GraphQLSchema, config: Config): Portal {
  const model = buildReference(schema, modules);
  const guides = loadGuides(guidesDir(workspaceRoot));
  const nav = {
    guides: guides.map<NavItem>((g) => ({ href: `${BASE}/guides/${g.slug}`, zh: g.titleZh, en: g.titleEn })),
    modules: [{ href: `${BASE}/reference/`, zh: "总目录", en: "Index" }, ...model.modules.map<NavItem>((m) => ({ href: moduleUrl(m.name), zh: m.name, en: m.titleEn.split(":")[0]! }))],
  };
  const gen = generatedBlocks(config, model);
  const pages = new Map<string, string>();
  for (const g of guides) {
    pages.set(`/guides/${g.slug}`, page({ titleZh: g.titleZh, titleEn: g.titleEn, body: renderGuide(g, gen), nav, current: `${BASE}/guides/${g.slug}` }));
  }
  pages.set("/reference/", page({ titleZh: "接口参考", titleEn: "API reference", body: renderReferenceIndex(model), nav, current: `${BASE}/reference/` }));
  for (const m of model.modules) {
    pages.set(`/reference/${m.name}`, page({ titleZh: m.titleZh, titleEn: m.titleEn, body: renderModulePage(model, m.name)!, nav, current: moduleUrl(m.name) }));
  }
  pages.set("/", page({ titleZh: "开发者中心", titleEn: "Developer portal", body: startPage(guides, model), nav, current: `${BASE}/` }));
  const entries: SearchEntry[] = [...guides.map((g) => ({ k: "guide", n: g.slug, zh: g.titleZh, en: g.titleEn, u: `${BASE}/guides/${g.slug}` })), ...searchIndex(model)];
  return { guides, model, pages, search: JSON.stringify(entries), sdl: printSchema(schema) + "\n" };
}

function startPage(guides: ParsedGuide[], model: ReferenceModel): string {
  const cards = guides.map((g) => `<li><a href="${BASE}/guides/${esc(g.slug)}">${bi(g.titleZh, g.titleEn)}</a></li>`).join("");
  const mods = model.modules.map((m) => `<li><a href="${esc(moduleUrl(m.name))}"><code>${esc(m.name)}</code></a> — ${bi(m.titleZh, m.titleEn)}</li>`).join("");
  return `<h1>${bi("绍兴无废城市信息平台 开发者中心", "Shaoxing Zero-Waste City platform — developer portal")}</h1>
<p class="lead">${bi(
    "省级平台、设备厂商、收运企业和运输公司通过同一个 GraphQL 接口对接本平台：按密钥计算成本的限流、签名的事件推送（Webhook）、可靠的增量同步、异步导出和设备批量上报。",
    "The provincial platform, device vendors, collection operators and transport companies integrate through one GraphQL API: cost-based rate limits per key, signed webhooks, reliable incremental sync, asynchronous exports and device batch ingestion.",
  )}</p>
<div class="cards">
<section class="card"><h2>${bi("从这里开始", "Start here")}</h2><ol>
<li>${bi("向平台管理员申请 API 密钥（说明所需范围与区县）。", "Ask a platform administrator for an API key (say which scopes and district you need).")}</li>
<li>${bi("阅读", "Read")} <a href="${BASE}/guides/getting-started">${bi("快速开始", "Getting started")}</a> ${bi("并在", "and send your first query in the")} <a href="${BASE}/explorer/">${bi("调试台", "explorer")}</a>${bi("发出第一个查询。", ".")}</li>
<li>${bi("用", "Copy the")} <a href="${BASE}/guides/sample-client">${bi("示例客户端", "sample client")}</a>${bi("做增量同步并接收 Webhook。", " to sync incrementally and receive webhooks.")}</li>
</ol></section>
<section class="card"><h2>${bi("指南", "Guides")}</h2><ul>${cards}</ul></section>
<section class="card"><h2>${bi("接口参考", "Reference")}</h2><ul>${mods}</ul>
<p><a href="${BASE}/reference/">${bi("全部类型与搜索", "All types and search")}</a> · <a href="${BASE}/schema.graphql">schema.graphql</a></p></section>
</div>
<h2>${bi("接口地址", "Endpoints")}</h2>
<table><thead><tr><th>${bi("地址", "Address")}</th><th>${bi("用途", "Use")}</th></tr></thead><tbody>
<tr><td><code>POST /graphql</code></td><td>${bi("GraphQL 查询与变更（JSON）", "GraphQL queries and mutations (JSON)")}</td></tr>
<tr><td><code>GET /graphql</code> (WebSocket, graphql-ws)</td><td>${bi("订阅（实时预警等）", "Subscriptions (live alerts and more)")}</td></tr>
<tr><td><code>POST /ingest/positions</code></td><td>${bi("车载终端批量上报定位", "Vehicle terminals report GPS positions in batches")}</td></tr>
<tr><td><code>POST /ingest/weighings</code></td><td>${bi("回收设备上报称重记录（再生资源模块）", "Recycling devices report weighings (recycling module)")}</td></tr>
<tr><td><code>GET /exports/&lt;id&gt;/download</code></td><td>${bi("导出文件的签名下载链接", "Signed download links of exports")}</td></tr>
<tr><td><code>GET /healthz</code>, <code>GET /readyz</code></td><td>${bi("存活与就绪检查", "Liveness and readiness")}</td></tr>
</tbody></table>`;
}

function sendFileFrom(reply: FastifyReply, dir: string, rel: string, cache: string): FastifyReply {
  const file = path.resolve(dir, rel);
  if (!file.startsWith(path.resolve(dir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return notFoundPage(reply);
  const types: Record<string, string> = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".png": "image/png",
    ".md": "text/markdown; charset=utf-8",
  };
  return reply
    .header("cache-control", cache)
    .header("x-content-type-options", "nosniff")
    .type(types[path.extname(file)] ?? "application/octet-stream")
    .send(fs.createReadStream(file));
}

function notFoundPage(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .header("content-security-policy", DOCS_CSP)
    .type("text/html; charset=utf-8")
    .send(`<!doctype html><meta charset="utf-8"><title>404</title><p>页面不存在 / Page not found. <a href="${BASE}/">开发者中心 / Developer portal</a></p>`);
}

export async function registerDevPortal(server: FastifyInstance, schema: GraphQLSchema, config: Config): Promise<void> {
  let portal: Portal | null = null;
  const get = () => {
    if (!portal || config.dev) portal = buildPortal(schema, config);
    return portal;
  };
  const html = (reply: FastifyReply, body: string) =>
    reply
      .header("content-security-policy", DOCS_CSP)
      .header("cache-control", "no-cache")
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "same-origin")
      .type("text/html; charset=utf-8")
      .send(body);

  server.get(BASE, async (_req, reply) => reply.redirect(`${BASE}/`));
  server.get(`${BASE}/`, async (_req, reply) => html(reply, get().pages.get("/")!));
  server.get(`${BASE}/guides/:slug`, async (req, reply) => {
    const p = get().pages.get(`/guides/${(req.params as { slug: string }).slug}`);
    return p ? html(reply, p) : notFoundPage(reply);
  });
  server.get(`${BASE}/reference`, async (_req, reply) => reply.redirect(`${BASE}/reference/`));
  server.get(`${BASE}/reference/`, async (_req, reply) => html(reply, get().pages.get("/reference/")!));
  server.get(`${BASE}/reference/:module`, async (req, reply) => {
    const p = get().pages.get(`/reference/${(req.params as { module: string }).module}`);
    return p ? html(reply, p) : notFoundPage(reply);
  });
  server.get(`${BASE}/search.json`, async (_req, reply) => reply.header("cache-control", "no-cache").type("application/json; charset=utf-8").send(get().search));
  server.get(`${BASE}/schema.graphql`, async (_req, reply) => reply.header("cache-control", "no-cache").type("text/plain; charset=utf-8").send(get().sdl));
  server.get(`${BASE}/static/*`, async (req, reply) => sendFileFrom(reply, STATIC_DIR, (req.params as { "*": string })["*"], "no-cache"));
  server.get(`${BASE}/examples/:file`, async (req, reply) => sendFileFrom(reply, EXAMPLES_DIR, (req.params as { file: string }).file, "no-cache"));

  // The explorer: index.html (revalidated) and hashed assets (immutable).
  server.get(`${BASE}/explorer`, async (_req, reply) => reply.redirect(`${BASE}/explorer/`));
  const explorerIndex = async (reply: FastifyReply) => {
    const index = path.join(EXPLORER_DIR, "index.html");
    if (!fs.existsSync(index)) {
      return reply
        .code(503)
        .header("content-security-policy", DOCS_CSP)
        .type("text/html; charset=utf-8")
        .send(`<!doctype html><meta charset="utf-8"><title>Explorer</title><p>调试台尚未构建（运行 npm start 或 pnpm --filter @zw/explorer build）/ The explorer is not built (run npm start or pnpm --filter @zw/explorer build).</p>`);
    }
    return reply
      .header("content-security-policy", EXPLORER_CSP)
      .header("cache-control", "no-cache")
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "same-origin")
      .type("text/html; charset=utf-8")
      .send(fs.readFileSync(index, "utf8"));
  };
  server.get(`${BASE}/explorer/`, async (_req, reply) => explorerIndex(reply));
  server.get(`${BASE}/explorer/*`, async (req, reply) => {
    const rel = (req.params as { "*": string })["*"];
    if (rel === "" || rel === "index.html") return explorerIndex(reply);
    return sendFileFrom(reply, EXPLORER_DIR, rel, rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  });
  server.get(`${BASE}/*`, async (_req, reply) => notFoundPage(reply));
}
