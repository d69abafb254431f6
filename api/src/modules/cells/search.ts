/**
 * Chinese full-text search that behaves the same on PGlite and on the PostgreSQL server.
 *
 * PostgreSQL's text-search parsers do not segment Chinese, and no CJK dictionary ships with PGlite.
 * So the services tokenise here and store a `tsvector` built from a tsvector literal (no parser, no
 * locale involved — the 'simple' semantics: no stemming, no stop words):
 *  - a run of Han characters yields every character (unigram) and every adjacent pair (bigram);
 *  - a run of letters/digits (Latin, numbers such as "45mm") yields the lower-cased word;
 *  - each token carries its position and a weight: A for titles and tags, B for summaries,
 *    C for bodies — so a hit in a title ranks above a hit in a body.
 * A query is tokenised the same way: a Han run of two or more characters becomes its bigrams
 * (so "垃圾分类" needs 垃圾 & 圾分 & 分类 — effectively the phrase), a single Han character its
 * unigram, a word its prefix (word:*). All query tokens must match (AND). Ranking is ts_rank_cd
 * (cover density: tokens close together rank higher) with weights {D 0.1, C 0.3, B 0.6, A 1.0},
 * plus a bonus when the exact query text appears in the title.
 * The column has a GIN index, so a search is an index lookup, not a scan.
 */
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;
/** tsvector limits: positions ≤ 16383, ≤ 256 positions per lexeme. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_TOKEN = 64;
const MAX_QUERY_TOKENS = 24;

type Weight = "A" | "B" | "C" | "D";

interface Run {
  kind: "han" | "word";
  text: string;
}

function normalise(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

/** Splits text into runs of Han characters and runs of other letters/digits. */
export function runsOf(text: string): Run[] {
  const out: Run[] = [];
  let cur: Run | null = null;
  for (const ch of normalise(text)) {
    const kind = HAN.test(ch) ? "han" : WORD.test(ch) ? "word" : null;
    if (!kind) {
      cur = null;
      continue;
    }
    if (cur && cur.kind === kind) cur.text += ch;
    else {
      cur = { kind, text: ch };
      out.push(cur);
    }
  }
  return out;
}

/** Index tokens of a text with their positions (relative, starting at `start`). */
export function indexTokens(text: string, start = 1): { token: string; pos: number }[] {
  const out: { token: string; pos: number }[] = [];
  let pos = start;
  for (const run of runsOf(text)) {
    if (run.kind === "word") {
      if (run.text.length <= 60) out.push({ token: run.text, pos });
      pos++;
      continue;
    }
    const chars = [...run.text];
    for (let i = 0; i < chars.length; i++) {
      out.push({ token: chars[i]!, pos });
      if (i + 1 < chars.length) out.push({ token: chars[i]! + chars[i + 1]!, pos });
      pos++;
    }
    pos++; // a gap between runs, so pairs across punctuation are not adjacent
  }
  return out;
}

function quoteLexeme(t: string): string {
  return `'${t.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * The tsvector literal for weighted parts of a document, e.g.
 * `tsvectorLiteral([[title, "A"], [summary, "B"], [body, "C"]])`.
 */
export function tsvectorLiteral(parts: [string | null | undefined, Weight][]): string {
  const positions = new Map<string, string[]>();
  let offset = 1;
  for (const [text, weight] of parts) {
    if (!text) continue;
    const toks = indexTokens(text, offset);
    let last = offset;
    for (const { token, pos } of toks) {
      if (pos > MAX_POSITION) break;
      last = pos;
      let list = positions.get(token);
      if (!list) positions.set(token, (list = []));
      if (list.length < MAX_POSITIONS_PER_TOKEN) list.push(`${pos}${weight}`);
    }
    offset = Math.min(MAX_POSITION, last + 2);
  }
  return [...positions.entries()].map(([t, ps]) => `${quoteLexeme(t)}:${ps.join(",")}`).join(" ");
}

/** SQL value for a tsvector column. */
export function tsvectorOf(parts: [string | null | undefined, Weight][]): SQL {
  return sql`${tsvectorLiteral(parts)}::tsvector`;
}

/** Query tokens: bigrams of each Han run (a lone character as itself), words as prefixes. */
export function queryTokens(query: string): { token: string; prefix: boolean }[] {
  const out: { token: string; prefix: boolean }[] = [];
  const seen = new Set<string>();
  const add = (token: string, prefix: boolean) => {
    const k = `${token}|${prefix}`;
    if (!seen.has(k) && out.length < MAX_QUERY_TOKENS) {
      seen.add(k);
      out.push({ token, prefix });
    }
  };
  for (const run of runsOf(query.slice(0, 200))) {
    if (run.kind === "word") {
      if (run.text.length <= 60) add(run.text, true);
      continue;
    }
    const chars = [...run.text];
    if (chars.length === 1) add(chars[0]!, false);
    for (let i = 0; i + 1 < chars.length; i++) add(chars[i]! + chars[i + 1]!, false);
  }
  return out;
}

/** The tsquery literal for a user's query, or null when it has nothing searchable. */
export function tsqueryLiteral(query: string): string | null {
  const toks = queryTokens(query);
  if (toks.length === 0) return null;
  return toks.map((t) => `${quoteLexeme(t.token)}${t.prefix ? ":*" : ""}`).join(" & ");
}

/** Normalised query text for the exact-phrase bonus (LIKE pattern, special characters escaped). */
function likePattern(query: string): string {
  const q = query.normalize("NFKC").trim().slice(0, 100).replace(/[\\%_]/g, (c) => `\\${c}`);
  return `%${q}%`;
}

export interface TextSearch {
  /** Condition: the document matches the query (uses the GIN index). */
  where: SQL;
  /** Relevance (higher is better). */
  rank: SQL<number>;
}

/** Builds the match condition and the rank for `vector` against a user's query; null when empty. */
export function textSearch(vector: PgColumn, title: PgColumn, query: string): TextSearch | null {
  const lit = tsqueryLiteral(query);
  if (!lit) return null;
  const q = sql`${lit}::tsquery`;
  return {
    where: sql`${vector} @@ ${q}`,
    rank: sql<number>`(ts_rank_cd('{0.1, 0.3, 0.6, 1.0}'::float4[], ${vector}, ${q}) + case when lower(${title}) like lower(${likePattern(query)}) then 1.0 else 0 end)::float8`,
  };
}
