/**
 * The developer portal: every guide in both languages, the reference covering every type, field,
 * argument and enum value of api/schema.graphql with descriptions and access rules, search, working
 * links, the explorer's static files and security headers.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType } from "graphql";
import { createHarness, type Harness } from "../test/harness.js";
import { apiRoot, workspaceRoot } from "../paths.js";
import { GUIDE_SLUGS, guidesDir, parseGuide } from "./guides.js";
import { EXPLORER_DIR } from "./index.js";
import { splitDescription } from "./reference.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seed: false });
}, 300_000);
afterAll(async () => h?.close());

const get = (url: string, headers: Record<string, string> = {}) => h.platform.server.inject({ method: "GET", url, headers });

/** Text of an HTML page with tags removed and entities decoded (what a reader sees). */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

const CJK = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]{2,}/;

describe("guides", () => {
  const dir = guidesDir(workspaceRoot);

  it("has every guide, each with Chinese prose followed by its English counterpart and bilingual headings", () => {
    for (const slug of GUIDE_SLUGS) {
      const src = fs.readFileSync(path.join(dir, `${slug}.md`), "utf8");
      const g = parseGuide(slug, src, dir);
      expect(CJK.test(g.titleZh) && LATIN.test(g.titleEn), `${slug} title`).toBe(true);
      const langs = g.segments.filter((s) => s.lang !== "shared").map((s) => s.lang);
      expect(langs.length, `${slug} has prose`).toBeGreaterThan(0);
      // zh, en, zh, en, …: every Chinese block has its English block right after it.
      expect(langs, slug).toEqual(langs.map((_, i) => (i % 2 === 0 ? "zh" : "en")));
      for (const s of g.segments) {
        if (s.lang === "zh") expect(CJK.test(s.text), `${slug}: a :::zh block without Chinese`).toBe(true);
        if (s.lang === "en") expect(CJK.test(s.text.replace(/`[^`]*`/g, "").replace(/\[[^\]]*\]\([^)]*\)/g, "")), `${slug}: Chinese inside :::en: ${s.text.slice(0, 80)}`).toBe(false);
        // Headings outside the blocks carry both languages.
        for (const line of s.lang === "shared" ? s.text.split("\n") : []) {
          if (/^#{2,3} /.test(line) && !/^### (Node\.js|Python|Java)$/.test(line)) expect(line.includes(" / ") && CJK.test(line) && LATIN.test(line), `${slug}: heading "${line}"`).toBe(true);
        }
      }
    }
  });

  it("rejects unbalanced language blocks", () => {
    expect(() => parseGuide("x", "# 甲 / A\n:::zh\n中文\n")).toThrow(/unclosed/);
    expect(() => parseGuide("x", "# 甲 / A\n:::\n")).toThrow(/closes nothing/);
    expect(() => parseGuide("x", "# Only English\n")).toThrow(/中文 \/ English/);
    // ::: inside a code block is code, not a container.
    expect(parseGuide("x", "# 甲 / A\n```\n:::zh\n```\n").segments).toHaveLength(1);
  });

  it("serves every guide with the generated tables filled in and the example files shown", async () => {
    for (const slug of GUIDE_SLUGS) {
      const r = await get(`/developers/guides/${slug}`);
      expect(r.statusCode, slug).toBe(200);
      expect(r.body).not.toMatch(/\{\{[a-zA-Z:./]+\}\}/);
    }
    const hooks = (await get("/developers/guides/webhooks")).body;
    expect(hooks).toContain('data-generated="eventTypes"');
    expect(hooks).toContain("alert.raised");
    expect(text(hooks)).toContain("def verify_signature(secret: str, header: str, raw_body: bytes");
    expect(text(hooks)).toContain("public static boolean verifySignature(");
    const limits = text((await get("/developers/guides/rate-limits")).body);
    expect(limits).toMatch(/\(login\)\s*10\s*10/); // PUBLIC_LIMITS.login: burst 10, 1/6 per second = 10 a minute
    const sample = text((await get("/developers/guides/sample-client")).body);
    expect(sample).toContain("export async function syncOnce(");
  });
});

describe("reference", () => {
  // Parse the committed SDL: the reference must cover exactly what third parties see in api/schema.graphql.
  const sdl = buildSchema(fs.readFileSync(path.join(apiRoot, "schema.graphql"), "utf8"));
  let pages: Map<string, string>;
  let allText = "";

  beforeAll(async () => {
    const index = await get("/developers/reference/");
    expect(index.statusCode).toBe(200);
    pages = new Map();
    for (const m of index.body.matchAll(/href="\/developers\/reference\/([a-z]+)"/g)) {
      if (pages.has(m[1]!)) continue;
      const r = await get(`/developers/reference/${m[1]}`);
      expect(r.statusCode).toBe(200);
      pages.set(m[1]!, r.body);
    }
    expect(pages.has("core")).toBe(true);
    allText = [...pages.values()].join("\n");
  });

  const types = (): GraphQLNamedType[] => Object.values(sdl.getTypeMap()).filter((t) => !t.name.startsWith("__"));

  it("documents every type, field, argument and enum value of api/schema.graphql with both languages", () => {
    const missing: string[] = [];
    const undescribedValues: string[] = [];
    const described = (what: string, d: string | null | undefined, html: string) => {
      const { zh, en } = splitDescription(d);
      const shown = text(html);
      if (!zh && !en) missing.push(`${what}: no description`);
      else if ((zh && !shown.includes(zh)) || (en && !shown.includes(en))) missing.push(`${what}: description not shown`);
    };
    const root = new Set([sdl.getQueryType()?.name, sdl.getMutationType()?.name, sdl.getSubscriptionType()?.name]);
    for (const t of types()) {
      if (root.has(t.name)) continue;
      const anchor = `id="t-${t.name}"`;
      if (!allText.includes(anchor)) {
        missing.push(`${t.name}: no section`);
        continue;
      }
      const page = [...pages.values()].find((p) => p.includes(anchor))!;
      const section = page.slice(page.indexOf(anchor), page.indexOf("</section>", page.indexOf(anchor)));
      if (!["String", "Int", "Float", "Boolean", "ID"].includes(t.name)) described(t.name, t.description, section);
      if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
        for (const f of Object.values(t.getFields())) {
          const rowStart = section.indexOf(`id="f-${t.name}-${f.name}"`);
          if (rowStart < 0) {
            missing.push(`${t.name}.${f.name}: no row`);
            continue;
          }
          const row = section.slice(rowStart, section.indexOf("</tr>", rowStart));
          described(`${t.name}.${f.name}`, f.description, row);
          for (const a of "args" in f ? f.args : []) if (!row.includes(`${a.name}: `)) missing.push(`${t.name}.${f.name}(${a.name}): not shown`);
        }
      }
      if (isEnumType(t)) {
        for (const v of t.getValues()) {
          const rowStart = section.indexOf(`id="f-${t.name}-${v.name}"`);
          if (rowStart < 0) missing.push(`${t.name}.${v.name}: no row`);
          else if (!v.description) undescribedValues.push(`${t.name}.${v.name}`);
          else described(`${t.name}.${v.name}`, v.description, section.slice(rowStart, section.indexOf("</tr>", rowStart)));
        }
      }
    }
    expect(missing).toEqual([]);
    // Enum values described before this test existed are listed in a baseline (reported to their
    // streams); a new enum value must be described (registerEnumType … valuesConfig).
    const baseline = new Set(JSON.parse(fs.readFileSync(path.join(apiRoot, "src", "devportal", "enum-values-without-description.json"), "utf8")) as string[]);
    expect(undescribedValues.filter((v) => !baseline.has(v)), "describe these enum values (valuesConfig: { VALUE: { description: \"中文 / English\" } })").toEqual([]);
  });

  it("documents every root field with its access rule, arguments and a runnable sample in the explorer", () => {
    const problems: string[] = [];
    for (const [kind, type, a] of [
      ["query", sdl.getQueryType(), "q"],
      ["mutation", sdl.getMutationType(), "m"],
      ["subscription", sdl.getSubscriptionType(), "s"],
    ] as const) {
      for (const f of Object.values(type?.getFields() ?? {})) {
        const anchor = `id="${a}-${f.name}"`;
        const page = [...pages.values()].find((p) => p.includes(anchor));
        if (!page) {
          problems.push(`${kind} ${f.name}: missing`);
          continue;
        }
        const section = page.slice(page.indexOf(anchor), page.indexOf("</section>", page.indexOf(anchor)));
        const { zh, en } = splitDescription(f.description);
        if (!zh || !en || !text(section).includes(zh) || !text(section).includes(en)) problems.push(`${kind} ${f.name}: description`);
        if (!/class="badge access"[^>]*><code>[a-z:]+<\/code>/.test(section)) problems.push(`${kind} ${f.name}: access rule`);
        for (const arg of f.args) if (!section.includes(`<code>${arg.name}</code>`)) problems.push(`${kind} ${f.name}(${arg.name}): argument`);
        const tryIt = /href="\/developers\/explorer\/\?query=([^"]+)"/.exec(section);
        if (!tryIt) problems.push(`${kind} ${f.name}: no explorer link`);
        else {
          const op = decodeURIComponent(tryIt[1]!.replaceAll("&amp;", "&"));
          if (!op.startsWith(`${kind} `) || !op.includes(f.name)) problems.push(`${kind} ${f.name}: sample "${op.slice(0, 60)}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("shows the access rule from the running schema, e.g. apiKeys for administrators only", () => {
    const core = pages.get("core")!;
    const s = core.slice(core.indexOf('id="q-apiKeys"'));
    expect(s.slice(0, s.indexOf("</section>"))).toContain("<code>core:admin</code>");
  });

  it("samples in the explorer links are valid operations against the schema", async () => {
    const { parse, validate } = await import("graphql");
    const bad: string[] = [];
    for (const page of pages.values()) {
      for (const m of page.matchAll(/href="\/developers\/explorer\/\?query=([^"]+)"/g)) {
        const op = decodeURIComponent(m[1]!.replaceAll("&amp;", "&"));
        const errors = validate(sdl, parse(op));
        if (errors.length) bad.push(`${op.split("\n")[0]}: ${errors[0]!.message}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("serves a search index covering every type and field, and the SDL as committed", async () => {
    const r = await get("/developers/search.json");
    expect(r.statusCode).toBe(200);
    const entries = r.json() as { k: string; n: string; u: string }[];
    const names = new Set(entries.map((e) => e.n));
    for (const t of types()) {
      if ([sdl.getQueryType()?.name, sdl.getMutationType()?.name, sdl.getSubscriptionType()?.name].includes(t.name)) continue;
      expect(names.has(t.name), t.name).toBe(true);
      if (isObjectType(t) || isInputObjectType(t)) for (const f of Object.values(t.getFields())) expect(names.has(`${t.name}.${f.name}`), `${t.name}.${f.name}`).toBe(true);
    }
    expect(entries.find((e) => e.n === "alerts" && e.k === "query")?.u).toBe("/developers/reference/core#q-alerts");
    const schema = await get("/developers/schema.graphql");
    expect(schema.body).toBe(fs.readFileSync(path.join(apiRoot, "schema.graphql"), "utf8"));
  });
});

describe("pages", () => {
  it("has no broken internal link or anchor on any page", { timeout: 600_000 }, async () => {
    const bodies = new Map<string, { status: number; type: string; body: string }>();
    const fetchOnce = async (url: string) => {
      if (!bodies.has(url)) {
        const r = await get(url);
        bodies.set(url, { status: r.statusCode, type: String(r.headers["content-type"]), body: r.statusCode === 200 ? r.body : "" });
      }
      return bodies.get(url)!;
    };
    const ids = new Map<string, Set<string>>();
    const idsOf = (url: string) => {
      if (!ids.has(url)) ids.set(url, new Set([...bodies.get(url)!.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!)));
      return ids.get(url)!;
    };
    const crawled = new Set<string>();
    const checked = new Set<string>();
    const queue = ["/developers/"];
    const broken: string[] = [];
    while (queue.length) {
      const url = queue.shift()!;
      if (crawled.has(url)) continue;
      crawled.add(url);
      const page = await fetchOnce(url);
      if (page.status !== 200 || !page.type.startsWith("text/html")) continue;
      for (const m of page.body.matchAll(/href="(\/developers\/[^"#?]*)(#[^"]*)?"/g)) {
        const target = m[1]!;
        const key = target + (m[2] ?? "");
        if (checked.has(key)) continue;
        checked.add(key);
        const t = await fetchOnce(target);
        const explorerNotBuilt = target.startsWith("/developers/explorer") && t.status === 503;
        if (t.status !== 200 && !explorerNotBuilt) {
          broken.push(`${url} → ${target}: ${t.status}`);
          continue;
        }
        if (m[2] && t.type.startsWith("text/html") && !idsOf(target).has(m[2].slice(1))) broken.push(`${url} → ${key}: no such anchor`);
        if (t.type.startsWith("text/html") && !target.startsWith("/developers/explorer")) queue.push(target);
      }
    }
    expect(broken).toEqual([]);
    expect(crawled.size).toBeGreaterThan(15);
  });

  it("serves pages with a strict Content-Security-Policy and no inline script", async () => {
    for (const url of ["/developers/", "/developers/guides/webhooks", "/developers/reference/core"]) {
      const r = await get(url);
      expect(r.headers["content-security-policy"]).toMatch(/script-src 'self';/);
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      for (const m of r.body.matchAll(/<script([^>]*)>/g)) expect(m[1]).toMatch(/src="\/developers\/static\/docs\.js"/);
    }
    const js = await get("/developers/static/docs.js");
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toMatch(/javascript/);
    expect((await get("/developers/static/../../server.ts")).statusCode).toBe(404);
    expect((await get("/developers/examples/..%2F..%2Fapi%2Fpackage.json")).statusCode).toBe(404);
  });

  it("answers unknown portal paths with its own 404, not the shell", async () => {
    const r = await get("/developers/nope", { accept: "text/html" });
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain("Page not found");
    expect((await get("/developers/guides/nope")).statusCode).toBe(404);
    expect((await get("/developers/reference/nope")).statusCode).toBe(404);
    expect((await get("/developers")).statusCode).toBe(302);
  });

  it("serves the sample client for download", async () => {
    const r = await get("/developers/examples/sync-client.mjs");
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe(fs.readFileSync(path.join(workspaceRoot, "docs", "examples", "sync-client.mjs"), "utf8"));
  });
});

describe("explorer", () => {
  const built = fs.existsSync(path.join(EXPLORER_DIR, "index.html"));

  it.skipIf(!built && !process.env.CI)("serves the bundled GraphiQL with every asset from the platform itself (no CDN)", async () => {
    const r = await get("/developers/explorer/");
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-security-policy"]).toMatch(/script-src 'self';/);
    expect(r.headers["content-security-policy"]).toMatch(/connect-src 'self' ws: wss:/);
    const refs = [...r.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith("data:"));
    expect(refs.some((u) => u.endsWith(".js"))).toBe(true);
    for (const u of refs) {
      expect(u, "no absolute URL (CDN)").not.toMatch(/^(https?:)?\/\//);
      const a = await get(new URL(u, "http://x/developers/explorer/").pathname);
      expect(a.statusCode, u).toBe(200);
      if (u.includes("/assets/")) expect(a.headers["cache-control"]).toContain("immutable");
    }
    // The bundle sends the credentials the user chooses: X-Api-Key or Authorization: Bearer.
    const js = refs.filter((u) => u.endsWith(".js")).map((u) => fs.readFileSync(path.join(EXPLORER_DIR, u.replace(/^\.\//, "")), "utf8")).join("\n");
    expect(js).toContain("x-api-key");
    expect(js).toContain("Bearer ");
    expect(js).not.toMatch(/https:\/\/(unpkg|cdn\.jsdelivr|cdnjs)/);
  });

  it("explains itself when not built", async () => {
    if (built) return;
    const r = await get("/developers/explorer/");
    expect(r.statusCode).toBe(503);
  });
});
