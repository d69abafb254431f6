/**
 * Serves the built front end:
 *   /                  the shell's index.html, rendered with the import map inlined (and a CSP hash)
 *   /assets/*          the shell's own build (hashed files)
 *   /shared/*          the shared dependency bundle (packages/shared/dist/<version>/…)
 *   /modules/<name>/*  a micro-frontend's builds (mfe-<name>/dist/<version>/…)
 *   /importmap.json    the import map in force
 * and falls back to index.html for the shell's client-side routes.
 *
 * The import map is read from IMPORT_MAP (a deployment's own file) or <webRoot>/importmap.json (written
 * by the shell's build) on every page load, so editing it redeploys or rolls back one module without a
 * restart. WEB_SHARED_DIR and WEB_MODULES_DIR (<dir>/<name>/<version>/…) serve the bundles from a
 * deployment directory instead of the workspace. CSP_SCRIPT_SRC adds script origins (development).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Config } from "./config.js";
import { workspaceRoot } from "./paths.js";

interface ImportMap {
  imports: Record<string, string>;
  scopes?: Record<string, Record<string, string>>;
}

const IMPORTMAP_PLACEHOLDER = "<!--zw:importmap-->";
const MODULE_NAME = /^[a-z0-9][a-z0-9-]{0,60}$/;
const IMMUTABLE = "public, max-age=31536000, immutable";

export function importMapFile(config: Config): string {
  return config.importMapPath ?? path.join(config.webRoot, "importmap.json");
}

export function readImportMap(config: Config): ImportMap | null {
  const file = importMapFile(config);
  if (!fs.existsSync(file)) return null;
  const map = JSON.parse(fs.readFileSync(file, "utf8")) as ImportMap;
  if (!map || typeof map.imports !== "object") throw new Error(`${file}: not an import map (no "imports")`);
  return map;
}

/** The shell's page with the import map inlined, and the Content-Security-Policy that allows exactly it. */
export function renderIndex(template: string, map: ImportMap, extraScriptSrc: string[] = []): { html: string; csp: string } {
  const json = JSON.stringify(map, null, 1).replace(/</g, "\\u003c");
  const hash = createHash("sha256").update(json, "utf8").digest("base64");
  const tag = `<script type="importmap">${json}</script>`;
  const html = template.includes(IMPORTMAP_PLACEHOLDER) ? template.replace(IMPORTMAP_PLACEHOLDER, () => tag) : template.replace(/<head>/i, () => `<head>${tag}`);
  const origins = new Set<string>(extraScriptSrc);
  for (const url of [...Object.values(map.imports), ...Object.values(map.scopes ?? {}).flatMap((s) => Object.values(s))]) {
    if (/^https?:\/\//.test(url)) origins.add(new URL(url).origin);
  }
  const scriptSrc = ["'self'", `'sha256-${hash}'`, ...origins].join(" ");
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    // Ant Design writes its CSS-in-JS into <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
  return { html, csp };
}

export async function registerWeb(server: FastifyInstance, config: Config): Promise<void> {
  const root = config.webRoot;
  const sharedRoot = process.env.WEB_SHARED_DIR || path.join(workspaceRoot, "packages", "shared", "dist");
  const modulesDir = process.env.WEB_MODULES_DIR || null;
  const extraScriptSrc = (process.env.CSP_SCRIPT_SRC ?? "").split(/\s+/).filter(Boolean);

  server.get("/importmap.json", async (_req, reply) => {
    const map = readImportMap(config);
    if (!map) return reply.code(404).send({ error: "no import map" });
    reply.header("cache-control", "no-cache").type("application/importmap+json; charset=utf-8");
    return reply.send(JSON.stringify(map, null, 2));
  });

  const indexFile = path.join(root, "index.html");
  if (!fs.existsSync(indexFile)) {
    server.get("/", async () => ({ service: "zero-waste-shaoxing api", graphql: "/graphql", note: "front end not built" }));
    return;
  }

  // One @fastify/static for sendFile; each route names its own directory.
  await server.register(fastifyStatic, { root, serve: false, cacheControl: false });

  const send = (reply: FastifyReply, dir: string, rel: string) => {
    const file = path.resolve(dir, rel);
    if (!file.startsWith(path.resolve(dir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return reply.code(404).send({ error: "not found" });
    // Hashed files never change; entries and manifests are revalidated (a version may be rebuilt in place).
    reply.header("cache-control", /\/(chunks|assets)\//.test(`/${rel}`) ? IMMUTABLE : "no-cache");
    reply.header("x-content-type-options", "nosniff");
    return reply.sendFile(path.relative(dir, file), dir);
  };

  server.get("/assets/*", async (req, reply) => send(reply, path.join(root, "assets"), (req.params as { "*": string })["*"]));
  server.get("/shared/*", async (req, reply) => send(reply, sharedRoot, (req.params as { "*": string })["*"]));
  server.get("/modules/:name/*", async (req, reply) => {
    const { name, "*": rest } = req.params as { name: string; "*": string };
    if (!MODULE_NAME.test(name)) return reply.code(404).send({ error: "not found" });
    const dir = modulesDir ? path.join(modulesDir, name) : path.join(workspaceRoot, `mfe-${name}`, "dist");
    return send(reply, dir, rest);
  });
  for (const f of ["favicon.svg", "robots.txt"]) {
    server.get(`/${f}`, async (_req, reply) => send(reply, root, f));
  }

  const page = async (reply: FastifyReply) => {
    let map: ImportMap | null;
    try {
      map = readImportMap(config);
    } catch (e) {
      server.log.error({ err: e }, "import map unreadable");
      return reply.code(500).type("text/plain; charset=utf-8").send("import map unreadable / 导入映射无法读取");
    }
    if (!map) return reply.code(503).type("text/plain; charset=utf-8").send("front end not built (no import map) / 前端尚未构建");
    const { html, csp } = renderIndex(fs.readFileSync(indexFile, "utf8"), map, extraScriptSrc);
    return reply
      .header("content-security-policy", csp)
      .header("cache-control", "no-cache")
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "same-origin")
      .type("text/html; charset=utf-8")
      .send(html);
  };
  server.get("/", async (_req, reply) => page(reply));
  server.get("/index.html", async (_req, reply) => page(reply));

  // Client-side routes of the shell fall back to the page; anything else is a plain 404.
  server.setNotFoundHandler((req, reply) => {
    const accept = req.headers.accept ?? "";
    const url = req.url;
    if (req.method === "GET" && accept.includes("text/html") && !/^\/(graphql|shared|modules|assets)(\/|$)/.test(url)) return page(reply);
    return reply.code(404).send({ error: "not found" });
  });
}
