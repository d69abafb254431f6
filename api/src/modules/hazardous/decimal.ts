/**
 * Exact weights: kilograms with three decimals are handled as integer grams (bigint), never floats.
 */
const KG = /^(\d{1,11})(?:\.(\d{1,3}))?$/;

/** "12.345" → 12345n grams; null when not a non-negative amount with at most 3 decimals. */
export function parseKg(s: string | null | undefined): bigint | null {
  if (typeof s !== "string") return null;
  const m = KG.exec(s.trim());
  if (!m) return null;
  return BigInt(m[1]!) * 1000n + BigInt((m[2] ?? "").padEnd(3, "0"));
}

/** 12345n → "12.345". */
export function formatKg(grams: bigint): string {
  const neg = grams < 0n;
  const g = neg ? -grams : grams;
  return `${neg ? "-" : ""}${g / 1000n}.${String(g % 1000n).padStart(3, "0")}`;
}

/** Grams → tonnes with three decimals (rounded half up), as a string. */
export function gramsToTonnes(grams: bigint): string {
  const kgRounded = (grams + 500n) / 1000n; // whole kg
  return formatKg(kgRounded);
}

/** (b − a) / a × 100 rounded to 3 decimals, as a string; null when a = 0. */
export function diffPct(a: bigint, b: bigint): string | null {
  if (a === 0n) return null;
  // scaled by 1000 for three decimals, rounded half away from zero
  const num = (b - a) * 100n * 1000n;
  const q = num / a;
  const r = num % a;
  const rounded = 2n * (r < 0n ? -r : r) >= (a < 0n ? -a : a) ? q + (num < 0n ? -1n : 1n) : q;
  return formatKg(rounded);
}

/** |pct| > tolerance, both decimal strings. */
export function exceeds(pct: string, tolerancePct: string): boolean {
  const p = parseKg(pct.replace(/^-/, ""));
  const t = parseKg(tolerancePct);
  return p !== null && t !== null && p > t;
}
