import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { registerWeb, renderIndex } from "./web.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zw-web-"));
const web = path.join(tmp, "shell");
const shared = path.join(tmp, "shared");
const modules = path.join(tmp, "modules");
const write = (f: string, s: string) => {
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, s);
};
let server: FastifyInstance;

beforeAll(async () => {
  write(path.join(web, "index.html"), "<!doctype html><html><head><!--zw:importmap--><script type=\"module\" src=\"/assets/root-1.js\"></script></head><body></body></html>");
  write(path.join(web, "assets", "root-1.js"), "export {}");
  write(path.join(web, "importmap.json"), JSON.stringify({ imports: { react: "/shared/1.0.0/react.js", "@zw/mfe-x": "/modules/x/1.0.0/index.js" } }));
  write(path.join(shared, "1.0.0", "react.js"), "export const a = 1;");
  write(path.join(shared, "1.0.0", "chunks", "r-abc.js"), "export const b = 1;");
  write(path.join(modules, "x", "1.0.0", "index.js"), "export async function mount() {}");
  write(path.join(modules, "x", "1.0.0", "manifest.json"), JSON.stringify({ module: "x" }));
  process.env.WEB_SHARED_DIR = shared;
  process.env.WEB_MODULES_DIR = modules;
  server = Fastify();
  server.get("/graphql", async () => ({ ok: true }));
  await registerWeb(server, { ...loadConfig({}), webRoot: web });
  await server.ready();
});
afterAll(async () => {
  await server.close();
  delete process.env.WEB_SHARED_DIR;
  delete process.env.WEB_MODULES_DIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("web", () => {
  it("renders the shell page with the import map inlined and a CSP hash that matches it", async () => {
    const r = await server.inject({ url: "/", headers: { accept: "text/html" } });
    expect(r.statusCode).toBe(200);
    const m = /<script type="importmap">([\s\S]*?)<\/script>/.exec(r.body);
    expect(m).not.toBeNull();
    expect(JSON.parse(m![1]!).imports["@zw/mfe-x"]).toBe("/modules/x/1.0.0/index.js");
    expect(r.body.indexOf("importmap")).toBeLessThan(r.body.indexOf('type="module"'));
    const hash = createHash("sha256").update(m![1]!, "utf8").digest("base64");
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false); // no inline scripts but the hashed map
  });

  it("falls back to the page for client routes, not for files", async () => {
    const page = await server.inject({ url: "/hazardous/cases?x=1", headers: { accept: "text/html" } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script type="importmap">');
    const missing = await server.inject({ url: "/modules/x/0.0.0/index.js", headers: { accept: "*/*" } });
    expect(missing.statusCode).toBe(404);
    const missingHtml = await server.inject({ url: "/modules/x/0.0.0/index.js", headers: { accept: "text/html" } });
    expect(missingHtml.statusCode).toBe(404);
  });

  it("serves shared and module files with the right caching, and refuses paths outside", async () => {
    const entry = await server.inject("/shared/1.0.0/react.js");
    expect(entry.statusCode).toBe(200);
    expect(entry.headers["content-type"]).toMatch(/javascript/);
    expect(entry.headers["cache-control"]).toBe("no-cache");
    const chunk = await server.inject("/shared/1.0.0/chunks/r-abc.js");
    expect(chunk.headers["cache-control"]).toContain("immutable");
    const mod = await server.inject("/modules/x/1.0.0/index.js");
    expect(mod.statusCode).toBe(200);
    expect((await server.inject("/modules/x/1.0.0/manifest.json")).json()).toEqual({ module: "x" });
    expect((await server.inject("/modules/x/..%2F..%2Fshell%2Findex.html")).statusCode).toBe(404);
    expect((await server.inject("/modules/X_/1.0.0/index.js")).statusCode).toBe(404);
    expect((await server.inject("/assets/root-1.js")).statusCode).toBe(200);
  });

  it("re-reads the import map, so changing one entry rolls a module back without a restart", async () => {
    const file = path.join(web, "importmap.json");
    const before = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, JSON.stringify({ imports: { react: "/shared/1.0.0/react.js", "@zw/mfe-x": "/modules/x/0.9.0/index.js" } }));
    try {
      const r = await server.inject("/importmap.json");
      expect(r.json().imports["@zw/mfe-x"]).toBe("/modules/x/0.9.0/index.js");
      expect((await server.inject({ url: "/", headers: { accept: "text/html" } })).body).toContain("/modules/x/0.9.0/index.js");
    } finally {
      fs.writeFileSync(file, before);
    }
  });

  it("allows the origins of absolute import-map URLs in script-src", () => {
    const { csp, html } = renderIndex("<html><head><!--zw:importmap--></head></html>", { imports: { a: "http://localhost:8112/index.js", b: "/x.js" } });
    expect(csp).toContain("http://localhost:8112");
    expect(html).toContain("http://localhost:8112/index.js");
  });
});
