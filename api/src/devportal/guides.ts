/**
 * Guides (指南): Markdown files in docs/developers/<slug>.md, one file per guide holding both
 * languages. Prose sits in `:::zh` … `:::` and `:::en` … `:::` blocks (Chinese first, English after
 * it); headings are written "中文 / English"; code blocks and tables stand once, outside the blocks.
 * A line `{{name}}` is replaced by a table generated from the code (event catalogue, limits, …) so the
 * guides cannot drift from what the platform does; a line `{{file:examples/x.py}}` shows a file of docs/
 * (the examples the tests run) as a code block.
 */
import fs from "node:fs";
import path from "node:path";
import { Marked, type Tokens } from "marked";
import { esc } from "./layout.js";

export interface Guide {
  slug: string;
  titleZh: string;
  titleEn: string;
}

/** The guides in reading order. */
export const GUIDE_SLUGS = [
  "getting-started",
  "authentication",
  "rate-limits",
  "errors",
  "paging",
  "sync",
  "webhooks",
  "exports",
  "ingestion",
  "idempotency",
  "sample-client",
  "deprecation",
  "changelog",
] as const;

export interface ParsedGuide extends Guide {
  /** The folder the guide was read from (docs/developers); `{{file:…}}` is relative to its parent. */
  dir: string;
  /** Markdown segments: prose in one language or shared (code, tables, headings). */
  segments: { lang: "zh" | "en" | "shared"; text: string }[];
}

const CONTAINER = /^:::(zh|en)\s*$/;
const CLOSE = /^:::\s*$/;
const FENCE = /^(```|~~~)/;

/** Splits a guide into language segments; throws on unbalanced blocks (a test reads every guide). */
export function parseGuide(slug: string, source: string, dir = ""): ParsedGuide {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const title = lines.find((l) => l.startsWith("# "));
  if (!title) throw new Error(`${slug}: no "# 中文 / English" title`);
  const t = title.slice(2);
  const i = t.indexOf(" / ");
  if (i < 0) throw new Error(`${slug}: title must be "中文 / English"`);
  const segments: ParsedGuide["segments"] = [];
  let lang: "zh" | "en" | "shared" = "shared";
  let buf: string[] = [];
  let inFence = false;
  const flush = () => {
    if (buf.some((l) => l.trim())) segments.push({ lang, text: buf.join("\n") });
    buf = [];
  };
  for (const [n, line] of lines.entries()) {
    if (line === title) continue;
    if (FENCE.test(line.trim())) inFence = !inFence;
    if (!inFence && CONTAINER.test(line.trim())) {
      if (lang !== "shared") throw new Error(`${slug}:${n + 1}: nested :::${line.trim().slice(3)}`);
      flush();
      lang = CONTAINER.exec(line.trim())![1] as "zh" | "en";
      continue;
    }
    if (!inFence && CLOSE.test(line.trim())) {
      if (lang === "shared") throw new Error(`${slug}:${n + 1}: ::: closes nothing`);
      flush();
      lang = "shared";
      continue;
    }
    buf.push(line);
  }
  if (lang !== "shared") throw new Error(`${slug}: unclosed :::${lang}`);
  if (inFence) throw new Error(`${slug}: unclosed code fence`);
  flush();
  return { slug, dir, titleZh: t.slice(0, i).trim(), titleEn: t.slice(i + 3).trim(), segments };
}

export function guidesDir(workspaceRoot: string): string {
  return process.env.DEVPORTAL_GUIDES_DIR || path.join(workspaceRoot, "docs", "developers");
}

export function loadGuides(dir: string): ParsedGuide[] {
  return GUIDE_SLUGS.map((slug) => parseGuide(slug, fs.readFileSync(path.join(dir, `${slug}.md`), "utf8"), dir));
}

function slugify(text: string): string {
  const en = text.includes(" / ") ? text.slice(text.indexOf(" / ") + 3) : text;
  const s = en
    .toLowerCase()
    .replace(/<[^>]+>/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return s || `h-${Buffer.from(text).toString("hex").slice(0, 12)}`;
}

function markdown(): Marked {
  return new Marked({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(t: Tokens.Heading["tokens"]): string } }, h: Tokens.Heading) {
        const inner = this.parser.parseInline(h.tokens);
        const i = inner.indexOf(" / ");
        const label = i > 0 ? `<span class="zh">${inner.slice(0, i)}</span><span class="sep"> / </span><span class="en">${inner.slice(i + 3)}</span>` : inner;
        const id = slugify(h.text);
        return `<h${h.depth} id="${esc(id)}"><a class="self" href="#${esc(id)}">${label}</a></h${h.depth}>\n`;
      },
      link(this: { parser: { parseInline(t: Tokens.Link["tokens"]): string } }, l: Tokens.Link) {
        const inner = this.parser.parseInline(l.tokens);
        const external = /^https?:\/\//.test(l.href);
        return `<a href="${esc(l.href)}"${external ? ' rel="noopener noreferrer"' : ""}${l.title ? ` title="${esc(l.title)}"` : ""}>${inner}</a>`;
      },
    },
  });
}

/** Renders a guide; `generated` maps a `{{name}}` line to HTML made from the code. */
export function renderGuide(g: ParsedGuide, generated: Record<string, () => string>): string {
  const md = markdown();
  const expand = (text: string) =>
    text
      .replace(/^\{\{file:([\w./-]+)\}\}\s*$/gm, (_m, rel: string) => {
        const docs = path.resolve(g.dir, "..");
        const file = path.resolve(docs, rel);
        if (!file.startsWith(docs + path.sep) || !fs.existsSync(file)) throw new Error(`${g.slug}: {{file:${rel}}} not found`);
        const lang = { ".mjs": "js", ".js": "js", ".py": "python", ".java": "java", ".sh": "sh" }[path.extname(file)] ?? "";
        return `\n<p class="file">${esc(rel)}</p>\n\n\`\`\`\`${lang}\n${fs.readFileSync(file, "utf8").trimEnd()}\n\`\`\`\`\n`;
      })
      .replace(/^\{\{([a-zA-Z]+)\}\}\s*$/gm, (_m, name: string) => {
      const f = generated[name];
      if (!f) throw new Error(`${g.slug}: unknown generated block {{${name}}}`);
      return `\n<div class="generated" data-generated="${esc(name)}">${f()}</div>\n`;
    });
  const body = g.segments
    .map((s) => {
      const html = md.parse(expand(s.text), { async: false }) as string;
      return s.lang === "shared" ? html : `<div class="${s.lang} prose-${s.lang}" lang="${s.lang === "zh" ? "zh-CN" : "en"}">${html}</div>`;
    })
    .join("\n");
  return `<article class="guide" data-guide="${esc(g.slug)}"><h1><span class="zh">${esc(g.titleZh)}</span><span class="sep"> / </span><span class="en">${esc(g.titleEn)}</span></h1>\n${body}</article>`;
}
