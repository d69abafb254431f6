/**
 * Cleaning of free text that comes from the public (consultation questions) and from staff editors.
 * Text is stored and served as plain text: markup is kept as the characters the person typed and the
 * pages render it as text (React escapes it), so `<script>` shows as `<script>` and never runs.
 * What is removed: control characters (except line breaks and tabs in multi-line fields), zero-width
 * and bidirectional-override characters (used to disguise text), and surrounding whitespace; runs of
 * blank lines are collapsed. Lengths are counted in characters (code points) after cleaning.
 */
import { createHash } from "node:crypto";

// C0/C1 controls except \t \n \r; zero-width, bidi controls, BOM, line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB]/g;

/** One-line text: controls removed, whitespace runs become one space, trimmed. */
export function cleanLine(s: string | null | undefined): string {
  if (!s) return "";
  return s.normalize("NFC").replace(CONTROLS, "").replace(/[\s\u2028\u2029]+/g, " ").trim();
}

/** Multi-line text: controls removed, \r\n → \n, trailing spaces trimmed, at most one blank line in a row. */
export function cleanText(s: string | null | undefined): string {
  if (!s) return "";
  return s
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(CONTROLS, "")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function charLength(s: string): number {
  return [...s].length;
}

/** Number of links in a text (link spam). */
export function linkCount(s: string): number {
  return (s.match(/https?:\/\/|www\./gi) ?? []).length;
}

/** Content fingerprint for duplicate detection: case, width, whitespace and punctuation ignored. */
export function contentHash(...parts: string[]): string {
  const norm = parts
    .join("\u0001")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
  return createHash("sha256").update(norm).digest("hex");
}

export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}
