/**
 * The long suite writes what it measured into docs/reliability.md, between
 * `<!-- figures:<name> -->` and `<!-- /figures:<name> -->`, replacing the previous run's block.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { workspaceRoot } from "../../paths.js";

export const REPORT = path.join(workspaceRoot, "docs", "reliability.md");

export function recordFigures(name: string, markdown: string): void {
  const start = `<!-- figures:${name} -->`;
  const end = `<!-- /figures:${name} -->`;
  const stamp = `_Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")} at the end._`;
  const block = `${start}\n${stamp}\n\n${markdown.trim()}\n${end}`;
  const text = fs.existsSync(REPORT) ? fs.readFileSync(REPORT, "utf8") : "# Reliability\n";
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(REPORT, next);
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(s);
  return m ? Number(m[1]) / 1024 : NaN;
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
